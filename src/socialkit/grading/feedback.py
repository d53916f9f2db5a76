"""One feedback page per learner: score per question, the checks' friendly messages, the marker's comments.

Built from the status record, not from the executed notebook, so hidden tests (their source, and the
traceback of a failing hidden assertion) can never reach it.
"""

from __future__ import annotations

import re
from html import escape

from socialkit.grading.status import LearnerStatus
from socialkit.grading.workspace import Workspace

STYLE = """
body{font-family:system-ui,-apple-system,Segoe UI,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;
color:#1f2933;line-height:1.5}
h1{font-size:1.5rem;margin-bottom:.2rem} .total{font-size:1.25rem;margin:.8rem 0}
table{border-collapse:collapse;width:100%} th,td{text-align:left;padding:.45rem .5rem;border-bottom:1px solid #e4e7eb;
vertical-align:top} td.score{white-space:nowrap;font-weight:600}
.full{color:#1b7f3b} .zero{color:#b42318} .part{color:#9a6700} .pending{color:#52606d;font-style:italic}
.note{background:#fff8e6;border-left:4px solid #f0b429;padding:.6rem .8rem;margin:1rem 0}
ul.msgs{margin:0;padding-left:1.1rem}
.comment{margin:.5rem 0;padding:.5rem .7rem;background:#eef4fb;border-left:4px solid #3e7cb1}
.rubric ul{margin:.2rem 0;padding-left:1.1rem;list-style:none} .met{color:#1b7f3b} .unmet{color:#52606d}
"""


def _fmt(value: float | None) -> str:
    """Points without a useless ``.0``."""
    if value is None:
        return "–"
    return f"{value:g}"


BLANK_WRITTEN_ANSWER = "Not answered: the written answer was left as it was handed out."
HINT_CALL = re.compile(r"""\s*\(try (hint\(["'][^"']+["']\))\)""")


def _for_a_page(messages: list[str]) -> list[str]:
    """The checks' lines made readable away from the notebook: ``(try hint(…))`` becomes a tip on its own line."""
    said, hints = [], []
    for message in messages:
        found = HINT_CALL.search(message)
        if found and found[1] not in hints:
            hints.append(found[1])
        said.append(HINT_CALL.sub("", message))
    return said + [f"Tip: open your notebook, add a cell with {h} and run it: it gives a hint." for h in hints]


def _rubric_html(comment: str | None, rubric: list) -> str:
    """The facilitator's comment, and the rubric lines they said were met (``R1 R3`` in the comment)."""
    from socialkit.grading.written import lines_met

    met, text = lines_met(comment, rubric)
    parts = []
    if text:
        parts.append(f'<div class="comment"><strong>Your facilitator\'s comment:</strong> {escape(text)}</div>')
    if met:
        items = "".join(f'<li class="{"met" if n in met else "unmet"}">{"✔" if n in met else "✗"} '
                        f"{escape(line.title)}</li>" for n, line in enumerate(rubric, 1))
        parts.append(f'<div class="rubric"><strong>Marking rubric</strong> (✔ met, ✗ not yet):<ul>{items}</ul></div>')
    return "".join(parts)


def feedback_html(record: LearnerStatus, manual: dict[str, float | None] | None = None,
                  comments: dict[str, str] | None = None, rubrics: dict[str, list] | None = None,
                  name: str | None = None) -> str:
    """The learner's feedback page as HTML.

    ``manual`` holds hand-given scores by grade id, ``comments`` the marker's comments, ``rubrics`` each
    hand-graded question's rubric lines (their titles are shown when the marker names lines met).
    """
    manual, comments, rubrics = manual or {}, comments or {}, rubrics or {}
    rows = []
    total = 0.0
    pending = 0
    for q in record.questions:
        score = manual.get(q.grade_id, q.auto_score)
        if score is None:
            pending += 1
            cell = '<td class="score pending">awaiting your facilitator</td>'
        else:
            total += score
            css = "full" if score >= q.max_score else ("zero" if score == 0 else "part")
            cell = f'<td class="score {css}">{_fmt(score)} / {_fmt(q.max_score)}</td>'
        # nbgrader scores an untouched written answer 0 by itself; say so rather than show a bare 0.
        blank = q.manual and q.grade_id not in manual and q.auto_score == 0
        said = _for_a_page(q.messages) or ([BLANK_WRITTEN_ANSWER] if blank else [])
        messages = "".join(f"<li>{escape(m)}</li>" for m in said)
        marker = _rubric_html(comments.get(q.grade_id), rubrics.get(q.grade_id, [])) if q.manual else ""
        rows.append(f"<tr><td>{escape(q.title)}</td>{cell}<td><ul class=msgs>{messages}</ul>{marker}</td></tr>")
    if record.has_grade:
        headline = f"Score: <strong>{_fmt(total)} / {_fmt(record.max_score)}</strong>"
        if pending:
            headline += f" — {pending} answer(s) still to be marked by your facilitator"
    else:
        headline = "Your notebook could not be graded."
    note = f'<div class="note">{escape(record.reason)}</div>' if record.reason else ""
    table = ("<table><tr><th>Question</th><th>Score</th><th>What the checks and your facilitator said</th></tr>"
             + "".join(rows) + "</table>") if rows else ""
    return (f"<!doctype html><html lang=en><head><meta charset=utf-8><title>Feedback · {escape(record.assignment)}"
            f"</title><style>{STYLE}</style></head><body><h1>Feedback on {escape(record.assignment)}</h1>"
            f"<p>For <strong>{escape(name or record.learner)}</strong></p><p class=total>{headline}</p>{note}{table}"
            "</body></html>\n")


def write_feedback(ws: Workspace, record: LearnerStatus, manual: dict[str, float | None] | None = None,
                   comments: dict[str, str] | None = None, rubrics: dict[str, list] | None = None,
                   name: str | None = None) -> None:
    """Write ``feedback/<learner>/<assignment>/<notebook>.html`` atomically."""
    from socialkit.grading.status import atomic_write_text

    atomic_write_text(ws.feedback_file(record.learner), feedback_html(record, manual, comments, rubrics, name))
