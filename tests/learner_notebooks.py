"""Learners' saved exercise notebooks for the progress tests and benchmark: the release, answered from the solutions.

``answered(module, folder)`` writes what a learner who did the module would save: every answer
cell holding the solution's line, the check cells run, and a written reflection.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REFLECTION = ("We will listen every morning to what customers say about us and our two rivals, and the head of "
              "customer care receives an alert when mentions jump. Each week the marketing lead reviews which "
              "posts started conversations, and we answer every public complaint within one hour.")


def solution_lines(module) -> dict[str, str]:
    """The solution's answer line(s) of each question, by grade id (``q1`` → ``sov = analytics…``)."""
    nb = json.loads(module.solutions(ROOT).read_text(encoding="utf-8"))
    found = {}
    for cell in nb["cells"]:
        meta = cell.get("metadata", {}).get("nbgrader", {})
        source = "".join(cell["source"])
        match = re.search(r"### BEGIN SOLUTION\n(.*?)### END SOLUTION", source, re.S)
        if meta.get("solution") and cell["cell_type"] == "code" and match:
            found[meta["grade_id"]] = match.group(1).strip()
    return found


def answered(module, path: Path, *, only: set[str] | None = None, wrong: dict[str, str] | None = None,
             run_checks: bool = True, reflection: str | None = REFLECTION) -> Path:
    """Write the module's release at ``path`` with answers filled in (``only`` those questions; ``wrong``
    replaces some answers by the given code), check cells run, and the reflection written."""
    nb = json.loads(module.exercises(ROOT).read_text(encoding="utf-8"))
    answers = solution_lines(module)
    count = 0
    for cell in nb["cells"]:
        meta = cell.get("metadata", {}).get("nbgrader", {})
        grade_id = meta.get("grade_id", "")
        if cell["cell_type"] == "code" and meta.get("solution") and grade_id in answers:
            if wrong and grade_id in wrong:
                cell["source"] = wrong[grade_id]
            elif only is None or grade_id in only:
                cell["source"] = answers[grade_id]
        if cell["cell_type"] == "code" and run_checks:
            count += 1
            cell["execution_count"] = count
        if cell["cell_type"] == "markdown" and grade_id == "reflection" and reflection:
            cell["source"] = reflection
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(nb, indent=1), encoding="utf-8")
    return path
