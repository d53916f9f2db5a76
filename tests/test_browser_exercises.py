"""End to end in headless Chromium: "Run All Cells" on an untouched exercise notebook in JupyterLab.

Every check cell of an untouched release fails ("not attempted yet"). The check cells carry the
cell tag ``raises-exception``, so JupyterLab must carry on past them down to the progress cell at
the bottom instead of stopping at the first failed check (jupyterlab issue #7015).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from browser_support import chromium_page, jupyter_lab, open_and_run_all

pytestmark = [pytest.mark.browser, pytest.mark.slow]

REPO = Path(__file__).resolve().parent.parent
KIT = Path(os.environ.get("SOCIALKIT_ROOT", REPO)).resolve()
SCREENSHOTS = REPO / "test-output" / "browser"
QUESTIONS = {"00_start_here": 2, "01_listen": 5}


@pytest.fixture(scope="module", autouse=True)
def chromium_available():
    """These tests need Debian's chromium (`make system-deps`)."""
    if not Path("/usr/bin/chromium").exists():
        pytest.fail("/usr/bin/chromium is missing: run `make system-deps` (apt-get install chromium).")


@pytest.mark.parametrize("module", sorted(QUESTIONS))
def test_run_all_on_the_untouched_release_reaches_the_progress_cell(module, tmp_path):
    """Run All on the release as handed out: every check says ⏳, and the last cell (progress) still runs."""
    release = KIT / "exercises" / module / f"{module}_exercises.ipynb"
    lab_root = tmp_path / "lab-root"
    shutil.copytree(release.parent, lab_root / "exercises" / module)  # a copy: autosave never touches the kit
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with jupyter_lab(lab_root, tmp_path, {"SOCIALKIT_ROOT": str(KIT)}) as (url, token), chromium_page() as page:
        open_and_run_all(page, url, token, f"exercises/{module}/{release.name}")
        total = QUESTIONS[module]
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
