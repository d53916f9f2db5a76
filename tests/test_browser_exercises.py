"""End to end in headless Chromium: "Run All Cells" on an untouched exercise notebook in JupyterLab.

Every check cell of an untouched release fails ("not attempted yet"). The check cells carry the
cell tag ``raises-exception``, so JupyterLab must carry on past them down to the progress cell at
the bottom instead of stopping at the first failed check (jupyterlab issue #7015). The tag is the
same in every module (the module contract checks it statically, and nbclient's run of every
untouched release through the real grader checks the behaviour); in the browser, the welcome
module and module 01 stand for all.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from browser_support import open_and_run_all
from socialkit import checks

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SCREENSHOTS = Path(__file__).resolve().parent.parent / "test-output" / "browser"


@pytest.mark.parametrize("module", ["00_start_here", "01_listen"])
def test_run_all_on_the_untouched_release_reaches_the_progress_cell(module, lab, page):
    """Run All on the release as handed out: every check says ⏳, and the last cell (progress) still runs."""
    url, token = lab
    total = len(checks.questions_of(module))
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    open_and_run_all(page, url, token, f"exercises/{module}/{module}_exercises.ipynb")
    try:
        # "attached", not "visible": JupyterLab may leave cells far below the window unpainted
        progress = page.locator(".jp-OutputArea-output", has_text=f"0 of {total} right.")
        progress.first.wait_for(state="attached", timeout=180_000)
    finally:
        page.screenshot(path=str(SCREENSHOTS / f"lab-run-all-{module}.png"))
    assert progress.first.text_content().count("⏳ not attempted") == total
    said = page.locator(".jp-OutputArea-output", has_text="⏳ Not attempted yet")
    assert said.count() == total  # every check cell ran and said so
    code_cells = page.locator(".jp-CodeCell")
    assert code_cells.last.locator(".jp-OutputArea-output").count() > 0  # the last code cell ran
