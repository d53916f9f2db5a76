"""Every lesson and every solutions notebook runs top to bottom in a real kernel, in its own folder.

Parametrised by notebook path, so a new module's notebooks are picked up without editing this file.
Execution times are printed (run with `-s` to see them); speed is measured in benchmarks/, not asserted here.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from socialkit.notebooks import execute_notebook, stream_text

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted(
    path.relative_to(REPO).as_posix()
    for folder in ("course", "solutions")
    for path in (REPO / folder).rglob("*.ipynb")
    if ".ipynb_checkpoints" not in path.parts
)


@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_notebook_executes_top_to_bottom(notebook):
    """The notebook runs without an error in any cell, and writes nothing to stderr."""
    executed, seconds = execute_notebook(REPO / notebook, timeout=120)
    print(f"\n{notebook}: executed in {seconds:.1f} s")
    errors = [output for cell in executed.cells for output in cell.get("outputs", [])
              if output.get("output_type") == "error"]
    assert errors == []  # nbclient already raises on an error; this guards allow_errors changes
    assert stream_text(executed, "stderr") == ""
