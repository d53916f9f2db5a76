"""Grade files a learning platform imports: Moodle's and Canvas's gradebook CSV formats.

Moodle — "Import grades from CSV" (Moodle docs, *Grade import*,
https://docs.moodle.org/311/en/Grade_import): any columns; on the import page
the trainer maps a user column to a user field ("Email address" → useremail, or "ID number" →
useridnumber) and each other column to a grade item or to its feedback. We write First name, Last
name, ID number, Email address, the grade and a feedback text.

Canvas — Gradebook › Import (Canvas guide *How do I import grades in the Gradebook?*, summarised in
Ohio State's *Import CSV File for Carmen Grades*, https://teaching.resources.osu.edu/toolsets/
carmencanvas/guides/calculating-final-grades/import-csv-file-carmen-grades):
the columns of Canvas's own export, ``Student`` ("Last, First"), ``ID``, ``SIS User ID``, ``SIS
Login ID``, ``Section``, then one column per assignment; the student is found by name, ID or SIS
User ID, and a column whose name matches no assignment creates one. Canvas's export puts a
``Points Possible`` row under the header; we do too.

A learner whose hand-graded answer is still unmarked, or whose notebook could not be graded, gets an
empty grade: the platform keeps whatever it had rather than a partial score. Platform ids come from
optional roster columns (``idnumber`` for Moodle; ``canvas_id``, ``sis_user_id``, ``sis_login_id``,
``section`` for Canvas).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from socialkit.grading.status import atomic_write_text
from socialkit.grading.workspace import Workspace


def _extra(row, key: str) -> str:
    """An optional roster column of the learner (``""`` when absent)."""
    person = row.person
    return ((person.extra or {}).get(key, "") if person else "") or ""


def final_score(row) -> str:
    """The score to hand to a platform: only when nothing is left to mark and the notebook was graded."""
    if not row.record.has_grade or row.score is None or row.manual_pending:
        return ""
    return f"{row.score:g}"


def _feedback_text(row) -> str:
    """A short feedback line for Moodle: the score and the marker's comments."""
    if not row.record.has_grade:
        return row.record.reason
    text = f"{row.score:g} / {row.record.max_score:g}." if final_score(row) else ""
    comments = [row.comments[q.grade_id] for q in row.record.questions if q.grade_id in row.comments]
    return " ".join([text, *comments]).strip()


def moodle_csv(rows, item: str) -> str:
    """The Moodle import file: one line per learner, grade item ``item`` and its feedback."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["First name", "Last name", "ID number", "Email address", item, f"{item} (feedback)"])
    for row in rows:
        first, _, last = row.name.partition(" ")
        writer.writerow([first, last, _extra(row, "idnumber"), row.email, final_score(row), _feedback_text(row)])
    return out.getvalue()


def canvas_csv(rows, item: str, max_score: float) -> str:
    """The Canvas import file: Canvas's export columns, a ``Points Possible`` row, one assignment column."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["Student", "ID", "SIS User ID", "SIS Login ID", "Section", item])
    writer.writerow(["    Points Possible", "", "", "", "", f"{max_score:g}"])
    for row in rows:
        first, _, last = row.name.partition(" ")
        student = f"{last}, {first}" if last else first
        writer.writerow([student, _extra(row, "canvas_id"), _extra(row, "sis_user_id"),
                         _extra(row, "sis_login_id"), _extra(row, "section"), final_score(row)])
    return out.getvalue()


def write_lms_files(ws: Workspace, rows) -> list[Path]:
    """Write ``reports/<assignment>-moodle.csv`` and ``reports/<assignment>-canvas.csv``; return their paths."""
    from socialkit.grading.report import assignment_title

    item = assignment_title(ws)
    max_score = next((r.record.max_score for r in rows if r.record.max_score), 0.0)
    paths = [ws.reports_dir() / f"{ws.assignment}-moodle.csv", ws.reports_dir() / f"{ws.assignment}-canvas.csv"]
    atomic_write_text(paths[0], moodle_csv(rows, item))
    atomic_write_text(paths[1], canvas_csv(rows, item, max_score))
    return paths
