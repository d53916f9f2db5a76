"""The grades CSV and the class report, rebuilt from the gradebook and the status records.

Re-running it after hand grading in nbgrader's formgrader picks up the manual scores.
"""

from __future__ import annotations

import base64
import csv
import io
from collections import Counter
from dataclasses import dataclass
from html import escape

from socialkit.grading.status import CSV_COLUMNS, LearnerStatus, atomic_write_text, read_status
from socialkit.grading.workspace import Workspace


@dataclass
class Row:
    """One learner's line in the CSV, with the per-question scores the report needs."""

    record: LearnerStatus
    score: float | None
    auto_score: float | None
    manual_pending: int | None
    per_question: dict[str, float | None]
    manual_scores: dict[str, float | None]


def collect(ws: Workspace) -> list[Row]:
    """Every learner's current grade: status record + the gradebook's scores (manual ones included)."""
    from nbgrader.api import Gradebook, MissingEntry

    rows = []
    with Gradebook(ws.db_url) as gb:
        for learner in ws.learners():
            record = read_status(ws.status_file(learner))
            if record is None:
                continue
            if not record.has_grade:
                rows.append(Row(record, None, None, None, {}, {}))
                continue
            try:
                grades = gb.find_submission_notebook(ws.notebook_name, ws.assignment, learner).grades
            except MissingEntry:
                grades = []
            if not grades:  # the gradebook lost it (e.g. deleted by hand): fall back on the record
                per = {q.grade_id: q.auto_score for q in record.questions}
                pending = sum(1 for q in record.questions if q.auto_score is None)
                rows.append(Row(record, sum(v or 0 for v in per.values()), record.auto_score, pending, per, {}))
                continue
            per = {g.name: g.score if (g.manual_score is not None or g.auto_score is not None) else None
                   for g in grades}
            manual = {g.name: g.manual_score for g in grades if g.manual_score is not None}
            rows.append(Row(record, float(sum(g.score for g in grades)),
                            float(sum(g.auto_score or 0 for g in grades)),
                            sum(1 for g in grades if g.needs_manual_grade), per, manual))
    return rows


def _fmt(value) -> str:
    """Numbers without a useless ``.0``; None as an empty cell."""
    if value is None:
        return ""
    return f"{value:g}" if isinstance(value, float) else str(value)


def grades_csv(rows: list[Row]) -> str:
    """The CSV text: one line per learner, columns as in the grading contract."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for row in rows:
        r = row.record
        writer.writerow([r.learner, r.assignment, r.status, _fmt(row.score), _fmt(r.max_score),
                         _fmt(row.auto_score), _fmt(row.manual_pending), r.reason])
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
            f"<tr><td>{escape(r.record.learner)}</td><td>{escape(r.record.status)}</td>"
            f"<td>{_fmt(r.score)}</td><td>{escape(r.record.reason)}</td></tr>" for r in attention) + "</table>")
    else:
        parts.append("<p>None: every submission was graded normally.</p>")
    pending = [(r, q) for r in graded for q in r.record.questions
               if q.manual and r.per_question.get(q.grade_id) is None]
    parts.append("<h2>Reflections awaiting hand grading</h2>")
    if pending:
        parts.append(f"<p>{len(pending)} answer(s) to mark. Open nbgrader's formgrader from the workspace "
                     f"(<code>cd {escape(str(ws.root))} && jupyter lab</code>, then Nbgrader › Formgrader), "
                     f"then run <code>socialkit report {escape(ws.assignment)} --workspace "
                     f"{escape(str(ws.root))}</code>.</p><ul>"
                     + "".join(f"<li>{escape(r.record.learner)} — {escape(q.title)} ({q.max_score:g} points)</li>"
                               for r, q in pending) + "</ul>")
    else:
        parts.append("<p>None.</p>")
    style = ("body{font-family:system-ui,sans-serif;max-width:56rem;margin:2rem auto;padding:0 1rem;color:#1f2933}"
             "table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #e4e7eb;padding:.4rem;"
             "text-align:left;vertical-align:top}img{max-width:100%}")
    return (f"<!doctype html><html lang=en><head><meta charset=utf-8><title>Class report · "
            f"{escape(ws.assignment)}</title><style>{style}</style></head><body>" + "\n".join(parts)
            + "</body></html>\n")


def export(ws: Workspace) -> tuple[list[Row], str, str]:
    """Write ``reports/ASSIGNMENT-grades.csv``, ``reports/ASSIGNMENT-report.html`` and refresh feedback pages.

    Returns the rows and the two paths.
    """
    from socialkit.grading.feedback import write_feedback

    rows = collect(ws)
    csv_path = ws.reports_dir() / f"{ws.assignment}-grades.csv"
    html_path = ws.reports_dir() / f"{ws.assignment}-report.html"
    atomic_write_text(csv_path, grades_csv(rows))
    atomic_write_text(html_path, report_html(ws, rows))
    for row in rows:
        if row.manual_scores:
            write_feedback(ws, row.record, row.manual_scores)
    return rows, str(csv_path), str(html_path)
