"""Module 00 · Start here: its two checks, its notebooks run in a real kernel, and a real nbgrader autograde."""

from __future__ import annotations

from pathlib import Path

import nbformat
import numpy as np
import pytest

from socialkit import data
from socialkit.checks import CheckFailed, check

ROOT = Path(__file__).resolve().parents[2]
LESSON = ROOT / "course" / "00_start_here" / "00_start_here.ipynb"
SOLUTIONS = ROOT / "solutions" / "00_start_here" / "00_start_here_exercises.ipynb"
RELEASE = ROOT / "exercises" / "00_start_here" / "00_start_here_exercises.ipynb"


@pytest.fixture(scope="module")
def posts_per_brand() -> dict[str, int]:
    """Posts per brand in the committed sample data, counted here independently of the judge."""
    brands = data.load("mentions")["brand"].astype(str)
    return {brand: int((brands == brand).sum()) for brand in ("lumiere", "grano", "maison")}


def run_check(capsys, question_id, value):
    """Check ``value``; return (passed, the one printed line), asserting nothing went to stderr."""
    try:
        check(question_id, value)
        passed = True
    except CheckFailed:
        passed = False
    out, err = capsys.readouterr()
    assert err == ""
    assert out.count("\n") == 1, out
    return passed, out.strip()


# --------------------------------------------------------------------------- Q1 · a number from the data


def test_q1_accepts_the_count_of_cafe_lumiere_posts(capsys, posts_per_brand):
    count = posts_per_brand["lumiere"]
    for value in (count, np.int64(count), float(count)):
        passed, line = run_check(capsys, "00_start_here.q1", value)
        assert passed and line.startswith("✅ Right:"), line


@pytest.mark.parametrize(
    ("wrong_answer", "message"),
    [
        ("all", "posts about all three brands together"),
        ("grano", "that is Grano & Co's count"),
        ("maison", "that is Maison Torréfaction's count"),
        ("off by one", "is not what the data gives"),
        ("value_counts", "Pick out Café Lumière's number: the one next to lumiere (or"),
        ("lumiere rows", "that is a whole table ({count} rows and"),
        ("lumiere rows", "count them with len(...)"),
        ("text", "Remove the quotes"),
        ("thousands comma", "Write the number without commas or spaces: {count}, not {comma}."),
    ],
)
def test_q1_rejects_typical_mistakes_with_the_intended_message(capsys, posts_per_brand, wrong_answer, message):
    mentions = data.load("mentions")
    value = {
        "all": len(mentions),
        "grano": posts_per_brand["grano"],
        "maison": posts_per_brand["maison"],
        "off by one": posts_per_brand["lumiere"] + 1,
        "value_counts": mentions["brand"].value_counts(),
        "lumiere rows": mentions[mentions["brand"] == "lumiere"],
        "text": str(posts_per_brand["lumiere"]),
        "thousands comma": divmod(posts_per_brand["lumiere"], 1000),  # what Python makes of 20,115
    }[wrong_answer]
    count = posts_per_brand["lumiere"]
    message = message.format(count=count, comma=f"{count:,}")
    passed, line = run_check(capsys, "00_start_here.q1", value)
    assert not passed
    assert line.startswith("❌ Not yet:") and message in line, line
    assert line.endswith('(try hint("00_start_here.q1"))')


# --------------------------------------------------------------------------- Q2 · one option A–D


@pytest.mark.parametrize("answer", ["B", "b", " B "])
def test_q2_accepts_grano(capsys, answer):
    passed, line = run_check(capsys, "00_start_here.q2", answer)
    assert passed and "Grano & Co is digital-savvy" in line


@pytest.mark.parametrize(
    ("answer", "message"),
    [
        ("A", "absent from social media"),
        ("C", "your own company"),
        ("d", "customers and competitors are already online"),
        ("Grano", "is not one of the options"),
        (2, "that is a whole number (2). Type one letter in quotes"),
    ],
)
def test_q2_explains_each_wrong_option(capsys, answer, message):
    passed, line = run_check(capsys, "00_start_here.q2", answer)
    assert not passed and line.startswith("❌ Not yet:") and message in line, line


@pytest.mark.parametrize("answer", ["B", "b", " B ", "B.", "B)", "(B)", "(b)", "[B]", " ( b ) ",
                                    "A", "(A)", "C.", "E", "", "BB", "B,C", "Grano", 2, None])
# --------------------------------------------------------------------------- the notebooks


def outputs_of(nb) -> list:
    """Every output of every code cell, in order."""
    return [output for cell in nb.cells if cell.cell_type == "code" for output in cell.outputs]


def test_the_warm_up_has_two_questions_and_a_slider():
    solutions = nbformat.read(SOLUTIONS, as_version=4)
    graded = [c for c in solutions.cells if c.metadata.get("nbgrader", {}).get("grade")]
    assert sum(c.metadata["nbgrader"]["points"] for c in graded) == 5
    for cell in graded:
        assert cell.source.splitlines()[0].startswith('"""') and "check(\"00_start_here." in cell.source
        assert "### BEGIN HIDDEN TESTS" in cell.source
    answers = [c for c in solutions.cells if c.metadata.get("nbgrader", {}).get("solution")]
    assert [c.metadata["nbgrader"]["grade_id"] for c in answers] == ["q1", "q2"]
    for cell in answers:
        assert "= ...  # your answer" in cell.source.splitlines()[0]
    release_text = RELEASE.read_text(encoding="utf-8")
    for marker in ("BEGIN SOLUTION", "HIDDEN TESTS", 'q2_answer = "B"', "value_counts()[\"lumiere\"]"):
        assert marker not in release_text
    lesson = nbformat.read(LESSON, as_version=4)
    tagged = [c for c in lesson.cells if "dashboard" in c.metadata.get("tags", [])]
    assert [c.cell_type for c in tagged] == ["markdown", "code"]
    assert "Try this" in tagged[0].source and "IntSlider" in tagged[1].source


@pytest.mark.slow
def test_lesson_runs_top_to_bottom_and_shows_a_widget(executed_lesson):
    nb, _seconds = executed_lesson("00_start_here")
    outputs = outputs_of(nb)
    assert not [o for o in outputs if o.output_type == "error" or o.get("name") == "stderr"]
    widget_views = [o for o in outputs if "application/vnd.jupyter.widget-view+json" in o.get("data", {})]
    assert len(widget_views) == 2  # the slider, and the "my course" page
    text = "".join(o.get("text", "") for o in outputs)
    assert "💡 Hint 1 of 2:" in text
    assert "Your progress in 00_start_here" in text and "0 of 2 right." in text


def test_lesson_prepares_learners_for_the_errors_the_exercises_provoke():
    """Module 0 explains what later modules' errors mean (review of modules 00–01, items 5, 6, 10, 14, 17)."""
    lesson = nbformat.read(LESSON, as_version=4)
    text = {cell.id: cell.source for cell in lesson.cells}
    kernel = text["lesson-09"]
    assert "spelled differently" in kernel and "forgot the quotes" in kernel  # NameError's other causes
    assert "still see your *previous* answer" in kernel  # a failed answer cell leaves the old value
    assert "only an example" in text["lesson-15"]  # sov_march is not a real question's name
    assert "Name: count, dtype: int64" in text["lesson-24"]  # the technical last line, to be ignored
    assert "managing director of Café Lumière" in text["lesson-02"]
    assert "**1 to 1½ hours** on your own" in text["lesson-27"] and "**90 minutes** in a workshop" in text["lesson-27"]
    assert "about 45 minutes on your own" in text["lesson-00"]
    guide = (ROOT / "facilitator" / "00_start_here.md").read_text(encoding="utf-8")
    assert "1 to 1½ hours self-paced, 90 minutes in a workshop" in guide and "managing director" in guide
    # second review, items 2 and 3: hints in a cell of their own; Run All carries on past a failed check
    assert "add a new cell under the answer cell" in text["lesson-15"] and "use up the next hint" in text["lesson-15"]
    assert "A question you leave unanswered simply scores 0; the check cells below it still run" in text["lesson-28"]
    assert "raises-exception" in guide
    exercises = nbformat.read(SOLUTIONS, as_version=4)
    q2_text = next(c.source for c in exercises.cells if c.metadata.get("nbgrader", {}).get("grade_id") == "q2_text")
    assert "with the quotes!" in q2_text and "managing director" in q2_text
    assert "add a new cell under the answer cell" in exercises.cells[0].source
    for cell in exercises.cells:  # every check cell lets Run All carry on (tests/test_browser_exercises.py)
        marks = cell.metadata.get("nbgrader", {})
        if marks.get("grade") and cell.cell_type == "code":
            assert "raises-exception" in cell.metadata.get("tags", []), marks["grade_id"]
