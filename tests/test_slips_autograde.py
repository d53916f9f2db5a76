"""Real nbgrader autograde of a tiny assignment: a slip shown in plain words still scores 0, without stderr.

The assignment has the exercises' shape (a setup cell importing socialkit, answer cells, locked
grade cells). One learner answers right; another makes two beginners' slips in the answer cells
(conditions without brackets, a date without quotes), so both grade cells meet an undefined name.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

from socialkit.nbconfig import nbgrader_config
from socialkit.notebooks import read_notebook

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parent.parent
ASSIGNMENT = "slips_demo"


def nbgrader_cell(source: str, grade_id: str, *, grade: bool, solution: bool, points: int = 0):
    import nbformat

    meta = {"grade": grade, "grade_id": grade_id, "locked": not solution, "schema_version": 3,
            "solution": solution, "task": False}
    if grade:
        meta["points"] = points
    return nbformat.v4.new_code_cell(source, metadata={"nbgrader": meta})


def source_notebook():
    import nbformat

    return nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("# Slips demo"),
        nbgrader_cell('import socialkit\nfrom socialkit import data\n\nmentions = data.load("mentions")',
                      "setup", grade=False, solution=False),
        nbgrader_cell('lumiere_fr = ...  # your answer\n### BEGIN SOLUTION\n'
                      'lumiere_fr = len(mentions[(mentions["brand"] == "lumiere") & (mentions["lang"] == "fr")])\n'
                      '### END SOLUTION', "q1", grade=False, solution=True),
        nbgrader_cell('fresh = data.load("mentions")\n'
                      'assert lumiere_fr == ((fresh["brand"] == "lumiere") & (fresh["lang"] == "fr")).sum()',
                      "q1_check", grade=True, solution=False, points=1),
        nbgrader_cell('first_day = ...  # your answer\n### BEGIN SOLUTION\nfirst_day = "2025-01-01"\n### END SOLUTION',
                      "q2", grade=False, solution=True),
        nbgrader_cell('assert first_day == "2025-01-01"', "q2_check", grade=True, solution=False, points=1),
    ])


ANSWERS = {
    "careful": {
        "q1": 'lumiere_fr = len(mentions[(mentions["brand"] == "lumiere") & (mentions["lang"] == "fr")])',
        "q2": 'first_day = "2025-01-01"',
    },
    "slipper": {
        "q1": 'lumiere_fr = len(mentions[mentions["brand"] == "lumiere" & mentions["lang"] == "fr"])',
        "q2": "first_day = 2025-01-01",
    },
}


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    """The assignment generated and both learners autograded by real nbgrader; returns the course folder."""
    import nbformat
    from nbgrader.apps import NbGraderAPI

    course = tmp_path_factory.mktemp("slips-course")
    source = course / "solutions" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
    source.parent.mkdir(parents=True)
    nbformat.write(source_notebook(), str(source))
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("MPLBACKEND", "Agg")
        patch.setenv("PATH", str(Path(sys.executable).parent) + os.pathsep + os.environ.get("PATH", ""))
        patch.setenv("SOCIALKIT_ROOT", str(REPO))
        api = NbGraderAPI(config=nbgrader_config(course))
        generated = api.generate_assignment(ASSIGNMENT, force=True, create=True)
        assert generated["success"], generated.get("log", "") + generated.get("error", "")
        released = course / "exercises" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
        for student, answers in ANSWERS.items():
            nb = read_notebook(released)
            for cell in nb.cells:
                grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
                if grade_id in answers:
                    cell.source = answers[grade_id]
            submitted = course / "submitted" / student / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
            submitted.parent.mkdir(parents=True)
            nbformat.write(nb, str(submitted))
            result = api.autograde(ASSIGNMENT, student, force=True, create=True)
            assert result["success"], result.get("log", "") + result.get("error", "")
    shutil.rmtree(course / "solutions")  # nothing below needs the answers
    return course


def scores(course: Path, student: str) -> dict[str, float]:
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gradebook:
        notebook = gradebook.find_submission_notebook(ASSIGNMENT, ASSIGNMENT, student)
        return {grade.name: grade.auto_score for grade in notebook.grades}


def cells_by_id(course: Path, student: str) -> dict:
    nb = read_notebook(course / "autograded" / student / ASSIGNMENT / f"{ASSIGNMENT}.ipynb")
    return {cell.metadata.get("nbgrader", {}).get("grade_id"): cell for cell in nb.cells}


def the_error(cell):
    errors = [o for o in cell.outputs if o.output_type == "error"]
    assert len(errors) == 1, cell.outputs
    return errors[0]


def test_right_answers_score_every_point(graded):
    assert scores(graded, "careful") == {"q1_check": 1, "q2_check": 1}


def test_grade_cells_that_meet_a_slip_score_zero(graded):
    assert scores(graded, "slipper") == {"q1_check": 0, "q2_check": 0}


def test_the_slips_are_one_plain_line_and_still_errors(graded):
    cells = cells_by_id(graded, "slipper")
    expected = {
        "q1": ("TypeError", "Put each condition in its own round brackets"),
        "q1_check": ("NameError", "lumiere_fr is not defined yet: run the cell above that stores it first"),
        "q2": ("SyntaxError", 'A date needs quotes: write "2025-01-01"'),
        "q2_check": ("NameError", "first_day is not defined yet: run the cell above that stores it first"),
    }
    for grade_id, (ename, start) in expected.items():
        error = the_error(cells[grade_id])
        assert error.ename == ename, grade_id
        assert len(error.traceback) == 1 and error.traceback[0].startswith(start), (grade_id, error.traceback)


def test_nothing_is_written_to_stderr(graded):
    for student in ANSWERS:
        for grade_id, cell in cells_by_id(graded, student).items():
            streams = [o for o in cell.get("outputs", []) if o.output_type == "stream" and o.name == "stderr"]
            assert streams == [], (student, grade_id)
