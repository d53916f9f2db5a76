"""Fast checks of hand-graded answers: text written outside the answer cell, rubric codes, the learner's page,
and the plain sentences about protected cells."""

from __future__ import annotations

import html

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from socialkit.grading.feedback import feedback_html
from socialkit.grading.integrity import restore_locked_cells
from socialkit.grading.status import LearnerStatus, QuestionResult
from socialkit.grading.written import answer_digest, lines_met, rubric_lines, text_elsewhere

RUBRIC = """### BEGIN SOLUTION
**Marking rubric (5 points).**

- **1 point — the backlash, with a figure.** Says the spike started on 7 April (about 535 a day).
- **1 point — who reacted.** Names journalists or shareholders.
- **1 point — an alert rule with a reason.** Baseline = the 7 days before, z ≥ 3.
### END SOLUTION"""


def meta(gid: str, **flags) -> dict:
    """nbgrader metadata for a cell."""
    return {"nbgrader": {"grade_id": gid, "schema_version": 3, "points": 5, **flags}}


def release() -> nbformat.NotebookNode:
    """A release with one code answer and one written answer."""
    return new_notebook(cells=[
        new_markdown_cell("### Q1"),
        new_code_cell("x = ...", metadata=meta("q1", grade=False, solution=True, locked=False)),
        new_code_cell("check(x)", metadata=meta("q1_check", grade=True, solution=False, locked=True)),
        new_markdown_cell("### Reflection · Your note (5 points)\nWrite 5 to 8 sentences."),
        new_markdown_cell("YOUR ANSWER HERE", metadata=meta("reflection", grade=True, solution=True, locked=False)),
        new_code_cell('progress("01_listen")')])


def test_text_written_in_new_cells_or_in_the_question_is_found_but_not_code_or_hints():
    nb = release()
    nb.cells.insert(2, new_code_cell('hint("01_listen.q1")'))  # a hint call: not an answer
    nb.cells.insert(3, new_code_cell("y = x * 2\nprint(y)"))  # the learner's own code: not an answer
    nb.cells.insert(6, new_code_cell("Listening showed the April backlash clearly and journalists reacted"))  # prose
    nb.cells.append(new_markdown_cell("My note to the board: we need alerts with a fair baseline."))
    nb.cells.append(new_code_cell("# TODO"))  # too short to be an answer
    prompt = next(c for c in nb.cells if c.source.startswith("### Reflection"))
    prompt.source += "\nI think we were slow."  # written into the question's own cell
    found = text_elsewhere(nb, release())["reflection"]
    assert found == ["### Reflection · Your note (5 points)\nWrite 5 to 8 sentences.\nI think we were slow.",
                     "Listening showed the April backlash clearly and journalists reacted",
                     "My note to the board: we need alerts with a fair baseline."]
    assert text_elsewhere(release(), release()) == {"reflection": []}


def test_the_digest_of_a_written_answer_changes_with_what_the_marker_reads():
    same = answer_digest("YOUR ANSWER HERE", True, ["note"])
    assert same == answer_digest("something else", True, ["note"])  # an unchanged cell is not read
    assert same != answer_digest("YOUR ANSWER HERE", True, ["another note"])
    assert answer_digest("my answer", False, []) != answer_digest("my answer, rewritten", False, [])


def test_rubric_lines_and_the_codes_a_marker_types():
    lines = rubric_lines(RUBRIC)
    assert [line.title for line in lines] == ["1 point — the backlash, with a figure.", "1 point — who reacted.",
                                              "1 point — an alert rule with a reason."]
    assert lines_met("R1 R3 — Clear figures, but who reacted?", lines) == ([1, 3], "Clear figures, but who reacted?")
    assert lines_met("Good work on R2.", lines) == ([2], "Good work on .")
    assert lines_met("R9 is not a line", lines) == ([], "R9 is not a line")
    assert lines_met(None, lines) == ([], "")


def test_the_learners_page_carries_the_comment_and_rubric_lines_but_not_the_rubric_details():
    record = LearnerStatus("ana", "01_listen", "graded", max_score=7, auto_score=0, questions=[
        QuestionResult("q1_check", "Q1 · Share of voice", 2, 0,
                       messages=['❌ Not yet: that is the AVERAGE of the three monthly shares (try hint("01_listen.q1"))']),
        QuestionResult("reflection", "Reflection", 5, None, manual=True)])
    page = feedback_html(record, {"reflection": 3.0}, {"reflection": "R1 R3 Clear figures; say who reacted."},
                         {"reflection": rubric_lines(RUBRIC)}, name="Anna Martin")
    assert "For <strong>Anna Martin</strong>" in page and "3 / 7" in page
    assert "Clear figures; say who reacted." in page
    assert "✔ 1 point — the backlash, with a figure." in page and "✗ 1 point — who reacted." in page
    assert "535" not in page and "journalists or shareholders" not in page  # the rubric's details stay hidden
    shown = html.unescape(page)
    assert "(try hint" not in shown and 'Tip: open your notebook, add a cell with hint("01_listen.q1")' in shown
    plain = feedback_html(record, {"reflection": 3.0}, {"reflection": "Clear figures."})
    assert "Clear figures." in plain and "Marking rubric" not in plain


def test_a_deleted_or_innocently_edited_check_cell_is_put_back_without_calling_it_tampering():
    nb = release()
    del nb.cells[2]  # the check cell, deleted by mistake
    found = restore_locked_cells(nb, release())
    assert found.deleted == ["q1_check"] and found.restored and not found.tampered
    assert "graded as usual" in found.reason({}) and nb.cells[2].source == "check(x)"
    nb = release()
    nb.cells[2].source = "# I am sure it is right\npass"
    found = restore_locked_cells(nb, release())
    assert not found.tampered and "changed" in found.reason({})


def test_a_check_cell_the_answer_relied_on_or_a_points_change_is_tampering():
    nb = release()
    nb.cells[2].source = "x = 41.7\ncheck(x)"  # the answer typed into the check cell
    found = restore_locked_cells(nb, release())
    assert found.tampered and found.relied_on == {"q1_check": ["x"]}
    assert "relied on" in found.reason({"q1_check": "Q1 · Share"}) and "q1_check (Q1 · Share)" in found.reason(
        {"q1_check": "Q1 · Share"})
    nb = release()
    nb.cells[2].metadata.nbgrader["points"] = 50
    found = restore_locked_cells(nb, release())
    assert found.tampered and found.settings_changed == ["q1_check"] and "marking settings" in found.reason({})
