"""The grades CSV and the class report, rebuilt from the gradebook and the status records.

Re-running it after hand grading in nbgrader's formgrader picks up the manual scores.
"""

from __future__ import annotations

import base64
import csv
import io
from collections import Counter
from dataclasses import dataclass, field
from html import escape

from socialkit.grading.status import CSV_COLUMNS, EXTRA_CSV_COLUMNS, LearnerStatus, atomic_write_text, read_status
from socialkit.grading.workspace import Workspace


@dataclass
class Row:
    """One learner's line in the CSV, with the per-question scores, comments and submission details."""

    record: LearnerStatus
    score: float | None
    auto_score: float | None
    manual_pending: int | None
    per_question: dict[str, float | None]
    manual_scores: dict[str, float | None]
    comments: dict[str, str] = field(default_factory=dict)
    name: str = ""
    email: str = ""
    submitted_at: str = ""
    late: bool = False
    person: object = None

    @property
    def hand_score(self) -> float | None:
        """Points of the hand-graded answers, or None while one of them waits for the marker."""
        hand = [self.per_question.get(q.grade_id) for q in self.record.questions if q.manual]
        if not hand or any(v is None for v in hand):
            return None
        return float(sum(hand))

    def written_answer(self) -> str:
        """Plain words on the hand-graded answers: to mark, to mark again, left blank, marked."""
        said = []
        earlier = {m["grade_id"]: m for m in self.record.earlier_marks}
        for q in self.record.questions:
            if not q.manual:
                continue
            if self.per_question.get(q.grade_id) is None:
                if q.grade_id in earlier:
                    m = earlier[q.grade_id]
                    said.append(f"{q.title}: to mark again (the answer changed after your mark of "
                                f"{m['score']:g}/{m['max_score']:g})")
                elif q.flag == "elsewhere":
                    said.append(f"{q.title}: to mark (written outside the answer cell)")
                else:
                    said.append(f"{q.title}: to mark")
            elif q.grade_id in self.manual_scores:
                said.append(f"{q.title}: marked")
            elif q.flag == "blank":
                said.append(f"{q.title}: left blank, 0")
        return "; ".join(said)


def collect(ws: Workspace) -> list[Row]:
    """Every learner's current grade: status record + the gradebook's scores (hand marks and comments included)."""
    from datetime import datetime

    from nbgrader.api import Gradebook, MissingEntry

    from socialkit.grading.intake import read_record
    from socialkit.grading.names import Roster
    from socialkit.grading.runner import read_deadline

    roster = Roster.read(ws.roster_file()) if ws.roster_file().is_file() else Roster()
    deadline = read_deadline(ws)
    rows = []
    with Gradebook(ws.db_url) as gb:
        for learner in ws.learners():
            record = read_status(ws.status_file(learner))
            if record is None:
                continue
            person = roster.get(learner)
            intake = read_record(ws, learner)
            details = {"name": person.name if person else learner, "email": person.email if person else "",
                       "submitted_at": intake.saved_at if intake else "", "person": person,
                       "late": bool(deadline and intake and datetime.fromisoformat(intake.saved_at) > deadline)}
            if not record.has_grade:
                rows.append(Row(record, None, None, None, {}, {}, **details))
                continue
            try:
                submission = gb.find_submission_notebook(ws.notebook_name, ws.assignment, learner)
                grades, comments = submission.grades, submission.comments
            except MissingEntry:
                grades, comments = [], []
            if not grades:  # the gradebook lost it (e.g. deleted by hand): fall back on the record
                per = {q.grade_id: q.auto_score for q in record.questions}
                pending = sum(1 for q in record.questions if q.auto_score is None)
                rows.append(Row(record, sum(v or 0 for v in per.values()), record.auto_score, pending, per, {},
                                **details))
                continue
            per = {g.name: g.score if (g.manual_score is not None or g.auto_score is not None) else None
                   for g in grades}
            manual = {g.name: g.manual_score for g in grades if g.manual_score is not None}
            said = {c.name: c.manual_comment for c in comments if c.manual_comment}
            rows.append(Row(record, float(sum(g.score for g in grades)),
                            float(sum(g.auto_score or 0 for g in grades)),
                            sum(1 for g in grades if g.needs_manual_grade), per, manual, said, **details))
    return rows


def _fmt(value) -> str:
    """Numbers without a useless ``.0``; None as an empty cell."""
    if value is None:
        return ""
    return f"{value:g}" if isinstance(value, float) else str(value)


def question_columns(rows: list[Row]) -> list[tuple[str, str]]:
    """(grade id, CSV column) of every graded question: ``q1_check`` → ``q1``, ``reflection`` → ``reflection``."""
    for row in rows:
        if row.record.questions:
            return [(q.grade_id, q.grade_id.removesuffix("_check")) for q in row.record.questions]
    return []


def grades_csv(rows: list[Row]) -> str:
    """The CSV text: one line per learner; the contract's columns, then name, hand score, time and one per question."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    columns = question_columns(rows)
    writer.writerow([*CSV_COLUMNS, *EXTRA_CSV_COLUMNS, *(c for _, c in columns)])
    for row in rows:
        r = row.record
        writer.writerow([r.learner, r.assignment, r.status, _fmt(row.score), _fmt(r.max_score),
                         _fmt(row.auto_score), _fmt(row.manual_pending), r.reason,
                         row.name, row.email, _fmt(row.hand_score), row.written_answer(), row.submitted_at,
                         "yes" if row.late else "", *(_fmt(row.per_question.get(g)) for g, _ in columns)])
    return out.getvalue()


def _png(fig) -> str:
    """A figure as an ``<img>`` tag with the PNG embedded in base64 (the report is one file)."""
    import matplotlib.pyplot as plt

    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=110, bbox_inches="tight")
    plt.close(fig)
    return f'<img alt="chart" src="data:image/png;base64,{base64.b64encode(buffer.getvalue()).decode()}">'


def question_stats(rows: list[Row]) -> list[dict]:
    """Per auto-graded question: title, points, share of learners with full marks, most common message."""
    graded = [r for r in rows if r.record.has_grade]
    stats = []
    if not graded:
        return stats
    for q in graded[0].record.questions:
        if q.manual:
            continue
        scores = [r.per_question.get(q.grade_id) for r in graded]
        full = sum(1 for s in scores if s is not None and s >= q.max_score)
        messages = Counter(m for r in graded for rq in r.record.questions if rq.grade_id == q.grade_id
                           for m in rq.messages if not m.startswith("✅"))
        stats.append({"grade_id": q.grade_id, "title": q.title, "points": q.max_score,
                      "success": full / len(graded),
                      "common": messages.most_common(1)[0] if messages else None})
    return stats


def report_html(ws: Workspace, rows: list[Row]) -> str:
    """The class report: charts, hardest questions, submissions needing attention, hand grading to do."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.ticker import MaxNLocator

    graded = [r for r in rows if r.record.has_grade]
    max_score = rows[0].record.max_score if rows else 0
    stats = question_stats(rows)
    counts = Counter(r.record.status for r in rows)
    parts = [f"<h1>Class report · {escape(ws.assignment)}</h1>",
             f"<p>{len(rows)} learners · " + " · ".join(f"{n} {escape(s)}" for s, n in sorted(counts.items()))
             + "</p>"]
    if graded:
        fig, ax = plt.subplots(figsize=(6.4, 3.0))
        ax.hist([r.score for r in graded], bins=range(0, int(max_score) + 2), color="#3e7cb1", edgecolor="white",
                align="left")
        ax.set_xlabel(f"score (out of {max_score:g}, hand-graded parts count once marked)")
        ax.set_ylabel("learners")
        ax.set_xlim(-0.5, max_score + 0.5)
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))  # a count of people: no 0.2 learner ticks
        ax.set_title("Score distribution")
        parts += ["<h2>Score distribution</h2>", _png(fig)]
    if stats:
        fig, ax = plt.subplots(figsize=(6.4, 0.45 * len(stats) + 1))
        labels = [s["title"] for s in stats][::-1]
        values = [100 * s["success"] for s in stats][::-1]
        ax.barh(labels, values, color=["#d64545" if v < 50 else "#3e7cb1" for v in values])
        ax.set_xlim(0, 100)
        ax.set_xlabel("% of graded learners with full marks")
        ax.set_title("Success rate per question")
        parts += ["<h2>Success rate per question</h2>", _png(fig)]
        hardest = sorted(stats, key=lambda s: s["success"])[:3]
        items = []
        for s in hardest:
            common = (f"<br><small>Most common message: “{escape(s['common'][0])}” ({s['common'][1]}×)</small>"
                      if s["common"] else "")
            items.append(f"<li><strong>{escape(s['title'])}</strong>: {100 * s['success']:.0f}% full marks{common}</li>")
        parts += ["<h2>Hardest questions</h2><ol>" + "".join(items) + "</ol>"]
    attention = [r for r in rows if r.record.status != "graded" or r.record.reason]
    parts.append("<h2>Submissions that need attention</h2>")
    if attention:
        parts.append("<table><tr><th>Learner</th><th>Status</th><th>Score</th><th>Why</th></tr>" + "".join(
            f"<tr><td>{escape(r.name)}</td><td>{escape(r.record.status)}</td>"
            f"<td>{_fmt(r.score)}</td><td>{escape(r.record.reason)}</td></tr>" for r in attention) + "</table>")
    else:
        parts.append("<p>None: every submission was graded normally.</p>")
    parts += _hand_grading_html(ws, graded)
    parts += _learner_table_html(rows)
    style = ("body{font-family:system-ui,sans-serif;max-width:56rem;margin:2rem auto;padding:0 1rem;color:#1f2933}"
             "table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #e4e7eb;padding:.4rem;"
             "text-align:left;vertical-align:top}img{max-width:100%}table.grid td,table.grid th{text-align:center;"
             "padding:.25rem}table.grid td:first-child{text-align:left}td.ok{color:#1b7f3b}td.low{color:#b42318}")
    return (f"<!doctype html><html lang=en><head><meta charset=utf-8><title>Class report · "
            f"{escape(ws.assignment)}</title><style>{style}</style></head><body>" + "\n".join(parts)
            + "</body></html>\n")


def to_mark(rows: list[Row]) -> list[tuple[Row, object, str]]:
    """(row, question, why) for every hand-graded answer waiting for the marker, re-marks first."""
    waiting = []
    for row in rows:
        earlier = {m["grade_id"]: m for m in row.record.earlier_marks}
        for q in row.record.questions:
            if not q.manual or row.per_question.get(q.grade_id) is not None:
                continue
            if q.grade_id in earlier:
                m = earlier[q.grade_id]
                said = f" (your comment was: “{m['comment']}”)" if m.get("comment") else ""
                why = f"resubmitted: the answer changed after your mark of {m['score']:g}/{m['max_score']:g}{said}"
            elif q.flag == "elsewhere":
                why = "the answer cell was left as handed out; text written in other cells is shown under it"
            else:
                why = ""
            waiting.append((row, q, why))
    return sorted(waiting, key=lambda item: (not item[2].startswith("resubmitted"), item[0].record.learner))


def _hand_grading_html(ws: Workspace, graded: list[Row]) -> list[str]:
    """The report's hand-grading part: what to mark (and why), and the written answers left blank."""
    waiting = to_mark(graded)
    parts = ["<h2>Reflections awaiting hand grading</h2>"]
    if waiting:
        parts.append(f"<p>{len(waiting)} answer(s) to mark. Run <code>socialkit mark {escape(ws.assignment)} "
                     f"--workspace {escape(str(ws.root))}</code>: it opens nbgrader's formgrader on the list to "
                     f"mark, with the rubric under each answer. Then run <code>socialkit report "
                     f"{escape(ws.assignment)} --workspace {escape(str(ws.root))}</code>.</p><ul>"
                     + "".join(f"<li>{escape(r.name)} — {escape(q.title)} ({q.max_score:g} points)"
                               + (f": <em>{escape(why)}</em>" if why else "") + "</li>" for r, q, why in waiting)
                     + "</ul>")
    else:
        parts.append("<p>None.</p>")
    blank = [(r, q) for r in graded for q in r.record.questions
             if q.manual and q.flag == "blank" and q.grade_id not in r.manual_scores]
    parts.append("<h2>Written answers left blank</h2>")
    if blank:
        parts.append(f"<p>{len(blank)} learner(s) wrote nothing for a hand-graded question, in its cell or "
                     "anywhere else: it scores 0 unless you mark it.</p><ul>"
                     + "".join(f"<li>{escape(r.name)} — {escape(q.title)}</li>" for r, q in blank) + "</ul>")
    else:
        parts.append("<p>None.</p>")
    return parts


def _learner_table_html(rows: list[Row]) -> list[str]:
    """Every learner × every question, with the total, the status and when the work was sent."""
    columns = question_columns(rows)
    if not columns:
        return []
    titles = {q.grade_id: q.title for r in rows for q in r.record.questions}
    maxima = {q.grade_id: q.max_score for r in rows for q in r.record.questions}
    head = "".join(f'<th title="{escape(titles.get(g, c))}">{escape(c)}<br><small>/{maxima.get(g, 0):g}</small></th>'
                   for g, c in columns)
    body = []
    for r in sorted(rows, key=lambda r: r.name.casefold()):
        cells = []
        for gid, _ in columns:
            value = r.per_question.get(gid) if r.record.has_grade else None
            full = value is not None and value >= maxima.get(gid, 0)
            shown = _fmt(value) if value is not None else ("to mark" if r.record.has_grade else "")
            cells.append(f'<td class="{"ok" if full else "low" if value is not None else ""}">{shown}</td>')
        sent = r.submitted_at[:16].replace("T", " ")
        body.append(f"<tr><td>{escape(r.name)}</td>{''.join(cells)}<td><strong>{_fmt(r.score)}</strong></td>"
                    f"<td>{escape(r.record.status)}</td><td>{escape(sent)}{' (late)' if r.late else ''}</td></tr>")
    return ["<h2>Learners and questions</h2>",
            f"<table class=grid><tr><th>Learner</th>{head}<th>Total</th><th>Status</th><th>Sent</th></tr>"
            + "".join(body) + "</table>"]


def rubrics(ws: Workspace) -> dict[str, list]:
    """Each hand-graded question's rubric lines, read from the workspace's source notebook."""
    import nbformat

    from socialkit.grading import written
    from socialkit.grading.integrity import grade_id

    source = nbformat.read(ws.source_notebook(), as_version=4)
    return {grade_id(c): written.rubric_lines(c.source) for c in source.cells if written.is_written_answer(c)}


def export(ws: Workspace) -> tuple[list[Row], str, str]:
    """Write the grades CSV, the class report, the learning platforms' files and every feedback page.

    All are rebuilt from the same rows (status records + gradebook), so they always agree.
    Returns the rows and the paths of the CSV and the report.
    """
    from socialkit.grading.feedback import write_feedback
    from socialkit.grading.lms import write_lms_files

    rows = collect(ws)
    csv_path = ws.reports_dir() / f"{ws.assignment}-grades.csv"
    html_path = ws.reports_dir() / f"{ws.assignment}-report.html"
    atomic_write_text(csv_path, grades_csv(rows))
    atomic_write_text(html_path, report_html(ws, rows))
    write_lms_files(ws, rows)
    lines = rubrics(ws)
    for row in rows:
        write_feedback(ws, row.record, row.manual_scores, row.comments, lines, row.name)
    return rows, str(csv_path), str(html_path)


def assignment_title(ws: Workspace) -> str:
    """The exercise's title from its first heading (``Module 1 · Learn to listen — exercises``), else its id."""
    import json

    try:
        cells = json.loads(ws.release_notebook().read_text(encoding="utf-8"))["cells"]
    except (OSError, ValueError, KeyError):
        return ws.assignment
    for cell in cells:
        source = "".join(cell.get("source", ""))
        for line in source.splitlines():
            if line.startswith("# "):
                return line[2:].strip()
    return ws.assignment
