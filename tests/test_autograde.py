"""Real `nbgrader autograde`, per module, in a temporary course folder built from solutions/ and exercises/.

The solutions notebook (all answers in) must earn every automatic point; the release as a learner gets it
(nothing answered) must earn 0, its check cells failing with "not attempted yet" and nothing else erroring.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

from socialkit import release
from socialkit.notebooks import read_notebook

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parent.parent
MODULES = release.source_modules(REPO)
REFERENCE, UNTOUCHED = "reference", "untouched"


def autograde(module: str, course: Path) -> dict:
    """Generate the assignment, submit the solutions and the untouched release, and autograde both in-process."""
    from nbgrader.apps import NbGraderAPI

    source = REPO / "solutions" / module
    shutil.copytree(source, course / "solutions" / module, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    api = NbGraderAPI(config=release.nbgrader_config(REPO, course))
    generated = api.generate_assignment(module, force=True, create=True)
    assert generated["success"], generated.get("log", "") + generated.get("error", "")
    notebooks = sorted(p.relative_to(source) for p in source.rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)
    for student, folder in ((REFERENCE, REPO / "solutions"), (UNTOUCHED, REPO / "exercises")):
        for notebook in notebooks:
            submitted = course / "submitted" / student / module / notebook
            submitted.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(folder / module / notebook, submitted)
        result = api.autograde(module, student, force=True, create=True)
        assert result["success"], result.get("log", "") + result.get("error", "")
    return {"notebooks": notebooks, "db_url": f"sqlite:///{course / 'gradebook.db'}"}


@pytest.fixture(scope="module", params=MODULES)
def graded(request, tmp_path_factory):
    """One module autograded for the reference and the untouched learner (MPLBACKEND=Agg, venv bin on PATH)."""
    module = request.param
    if not (REPO / "exercises" / module).is_dir():
        pytest.fail(f"exercises/{module} is missing: run `socialkit build {module}`")
    course = tmp_path_factory.mktemp(f"course-{module}")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("MPLBACKEND", "Agg")
        patch.setenv("PATH", str(Path(sys.executable).parent) + os.pathsep + os.environ.get("PATH", ""))
        patch.setenv("SOCIALKIT_ROOT", str(REPO))
        info = autograde(module, course)
    return module, course, info


def grades_of(info: dict, module: str, student: str) -> list[tuple[str, str, float, float]]:
    """(grade_id, cell type, auto score, max score) for every grade cell of the student's submission."""
    from nbgrader.api import Gradebook

    rows = []
    with Gradebook(info["db_url"]) as gradebook:
        for notebook in info["notebooks"]:
            submitted = gradebook.find_submission_notebook(notebook.stem, module, student)
            for grade in submitted.grades:
                rows.append((grade.name, grade.cell.cell_type, grade.auto_score, grade.max_score))
    return rows


def autograded_cells(course: Path, module: str, student: str, notebook: Path) -> list:
    """The cells of the autograded copy of ``notebook``, with their outputs."""
    return read_notebook(course / "autograded" / student / module / notebook).cells


def outputs(cell, kind: str, stream: str | None = None) -> list:
    """The outputs of ``cell`` of one kind ('error' or 'stream'; for streams, one name)."""
    return [o for o in cell.get("outputs", []) if o.get("output_type") == kind
            and (stream is None or o.get("name") == stream)]


def test_solutions_earn_every_automatic_point(graded):
    """Every code grade cell of the solutions notebook gets its full points; nothing errors or writes stderr."""
    module, course, info = graded
    code_grades = [g for g in grades_of(info, module, REFERENCE) if g[1] == "code"]
    assert code_grades, f"{module} has no auto-graded cell"
    earned, possible = sum(g[2] for g in code_grades), sum(g[3] for g in code_grades)
    print(f"\n{module}: reference earns {earned:g} of {possible:g} automatic points")
    assert [g for g in code_grades if g[2] != g[3]] == []
    for notebook in info["notebooks"]:
        for index, cell in enumerate(autograded_cells(course, module, REFERENCE, notebook)):
            assert outputs(cell, "error") == [], f"cell {index} errored: {cell.source[:80]}"
            assert outputs(cell, "stream", "stderr") == [], f"cell {index} wrote to stderr"


def test_untouched_release_earns_zero(graded):
    """The release submitted as is earns 0, automatic and written answers alike."""
    module, _, info = graded
    grades = grades_of(info, module, UNTOUCHED)
    assert grades
    assert [g for g in grades if g[2] != 0] == []  # unchanged written answers are auto-zeroed too


def test_untouched_release_fails_only_its_checks_with_not_attempted_yet(graded):
    """In the untouched release each check cell fails with 'not attempted yet'; no other cell errors; no stderr."""
    module, course, info = graded
    for notebook in info["notebooks"]:
        for index, cell in enumerate(autograded_cells(course, module, UNTOUCHED, notebook)):
            marks = cell.metadata.get("nbgrader", {})
            assert outputs(cell, "stream", "stderr") == [], f"cell {index} wrote to stderr"
            if cell.cell_type != "code":
                continue
            errors = outputs(cell, "error")
            if marks.get("grade") and not marks.get("solution"):
                said = "".join(o.get("text", "") for o in outputs(cell, "stream", "stdout"))
                assert [e["ename"] for e in errors] == ["CheckFailed"], f"check cell {marks['grade_id']}"
                assert "not attempted yet" in said.lower(), f"check cell {marks['grade_id']} said {said!r}"
            elif not marks.get("solution"):
                assert errors == [], f"cell {index} (not an answer cell) errored: {cell.source[:80]}"
