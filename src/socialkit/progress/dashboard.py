"""The "my course" page of module 00: every module's state, the time left and the next step, with a Check again button.

Shows states only (right / not yet), never an answer or a check's message, so it can sit in a
lesson. ``my_course()`` returns the widget; its ``refresh`` button and ``update()`` re-read the
saved notebooks (unchanged ones come from the cache).
"""

from __future__ import annotations

import html
from pathlib import Path

from socialkit.progress.overview import MODULE_SYMBOLS, CourseProgress, course_progress


def table_html(progress: CourseProgress) -> str:
    """The course as an HTML table: module, state, questions right, reflection, where the notebook is."""
    rows = []
    for state in progress.modules:
        right = f"{state.right} of {len(state.questions)}" if state.status in ("in progress", "done") else ""
        reflection = ""
        if state.status in ("in progress", "done") and state.has_reflection:
            reflection = "written" if state.reflection_done else "not written yet"
        where = progress.where(state) if state.status != "not yet available" else ""
        warning = f"<br>⚠️ warning: {html.escape(state.problem)}" if state.problem else ""
        rows.append(f"<tr><td>{html.escape(state.module.heading)}</td><td>{MODULE_SYMBOLS[state.status]}{warning}"
                    f"</td><td>{right}</td><td>{reflection}</td><td><code>{html.escape(where)}</code></td></tr>")
    head = ("<tr><th>module</th><th>state</th><th>questions right</th><th>reflection</th>"
            "<th>your exercise notebook</th></tr>")
    return f"<table class='socialkit-my-course'>{head}{''.join(rows)}</table>"


def summary_html(progress: CourseProgress) -> str:
    """Done so far, the time left and the next step, in two short lines."""
    available = [m for m in progress.modules if m.status != "not yet available"]
    done = sum(m.status == "done" for m in available)
    problems = "".join(f"<br>⚠️ Warning: {html.escape(p)}" for p in progress.problems)
    return (f"<p><b>Done: {done} of {len(available)} modules.</b> Time left: {html.escape(progress.time_left())}."
            f"<br><b>Next step:</b> {html.escape(progress.next_step())}{problems}</p>")


def my_course(root: Path | None = None, extra: list[Path] | None = None):
    """The "my course" page: a summary, the table of modules and a Check again button (returns the widget)."""
    import ipywidgets as widgets

    summary = widgets.HTML()
    table = widgets.HTML()
    refresh = widgets.Button(description="Check again", icon="refresh",
                             tooltip="Re-read your saved exercise notebooks (save them first: Ctrl + S)")
    page = widgets.VBox([widgets.HTML("<b>My course</b>, re-checked from your saved exercise notebooks "
                                      "(nothing is sent anywhere)"), summary, table, refresh])

    def update(*_):
        """Re-read the notebooks and redraw; a problem is shown as one plain line."""
        try:
            progress = course_progress(root, extra)
        except Exception as exc:  # never a traceback on the page
            summary.value = f"<p>⚠️ Warning: your course view could not be made ({html.escape(str(exc))}).</p>"
            return None
        summary.value = summary_html(progress)
        table.value = table_html(progress)
        page.progress = progress
        return progress

    refresh.on_click(update)
    page.summary, page.table, page.refresh, page.update = summary, table, refresh, update
    update()
    return page
