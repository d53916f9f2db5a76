"""Small helpers to read notebooks and run them in a real kernel (shared by release, present and tests)."""

from __future__ import annotations

import os
import time
from pathlib import Path

# Markers that must never reach a learner: nbgrader's solution and hidden-test delimiters.
SOLUTION_MARKERS = ("BEGIN SOLUTION", "END SOLUTION", "BEGIN HIDDEN TESTS", "END HIDDEN TESTS")


def read_notebook(path: Path | str):
    """The notebook at ``path`` as an nbformat node (version 4), with a clear error if it is not one."""
    import nbformat

    path = Path(path)
    try:
        return nbformat.read(str(path), as_version=4)
    except FileNotFoundError:
        raise FileNotFoundError(f"Notebook not found: {path}") from None
    except Exception as exc:  # nbformat raises several kinds for broken JSON
        raise ValueError(f"{path} is not a readable notebook ({exc}); open it in JupyterLab and save it again.") from exc


def cells_tagged(nb, tag: str) -> list:
    """The cells of ``nb`` that carry the cell tag ``tag``, in notebook order."""
    return [cell for cell in nb.cells if tag in cell.get("metadata", {}).get("tags", [])]


def markers_in(nb) -> list[str]:
    """Every solution or hidden-test marker found in the notebook's cells, as 'cell N: MARKER'."""
    found = []
    for index, cell in enumerate(nb.cells):
        for marker in SOLUTION_MARKERS:
            if marker in cell.source:
                found.append(f"cell {index}: {marker}")
    return found


def execute_notebook(path: Path | str, timeout: int = 120, env: dict | None = None):
    """Run every cell of the notebook at ``path`` in a fresh python3 kernel, in the notebook's folder.

    Returns ``(executed_notebook, seconds)``. Matplotlib draws off screen (``MPLBACKEND=Agg``).
    Raises nbclient's ``CellExecutionError`` naming the failing cell if any cell errors.
    """
    from nbclient import NotebookClient

    path = Path(path).resolve()
    nb = read_notebook(path)
    kernel_env = {**os.environ, "MPLBACKEND": "Agg", **(env or {})}
    client = NotebookClient(
        nb,
        timeout=timeout,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
    )
    started = time.perf_counter()
    client.execute(env=kernel_env)
    return nb, time.perf_counter() - started


def stream_text(nb, name: str) -> str:
    """All text a notebook's code cells wrote to the stream ``name`` ('stdout' or 'stderr')."""
    parts = []
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            if output.get("output_type") == "stream" and output.get("name") == name:
                parts.append(output.get("text", ""))
    return "".join(parts)
