"""A one-page, self-assessed record of a completed course for a training department (HTML, and PDF when possible).

Written only when every available module's automatic questions are right (re-checked from the
saved notebooks) and every reflection is written. It says plainly that it is self-assessed: a
trainer's graded record comes from ``socialkit grade``, not from this page.
"""

from __future__ import annotations

import html
import time
from pathlib import Path

from socialkit import __version__
from socialkit.progress.overview import CourseProgress

ACTION_PLAN_MODULE = "10_here_to_stay"
CHROMIUM = "/usr/bin/chromium"

STYLE = """
@page { size: A4; margin: 14mm; }
body { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 10pt; color: #222; max-width: 182mm;
margin: 0 auto; }
h1 { font-size: 16pt; margin: 0 0 2pt 0; } h2 { font-size: 11.5pt; margin: 10pt 0 4pt 0; }
.notice { border: 2px solid #b35c00; background: #fff4e5; padding: 5pt 8pt; margin: 8pt 0; }
table { border-collapse: collapse; width: 100%; } th, td { border-bottom: 1px solid #ccc; padding: 2pt 4pt;
text-align: left; } .plan { font-size: 8.5pt; column-count: 2; column-gap: 14pt; }
.plan p, .plan li { margin: 0 0 3pt 0; } .small { font-size: 8pt; color: #555; }
"""


def missing_for(progress: CourseProgress) -> list[str]:
    """What is left before a record can be written, one plain phrase per module (empty when complete)."""
    left = []
    for state in progress.modules:
        if state.status == "not yet available" or state.status == "done":
            continue
        if state.status == "not started":
            left.append(f"{state.module.heading}: not started")
            continue
        wrong = [f"Q{q.number}" for q in state.questions if q.status != "right"]
        parts = [f"{', '.join(wrong)} not right yet"] if wrong else []
        if not state.reflection_done:
            parts.append("the reflection is not written yet")
        left.append(f"{state.module.heading}: {' and '.join(parts)}")
    return left


def _markdown(text: str) -> str:
    """The learner's Markdown as HTML, any HTML they typed shown as text (never run)."""
    import mistune

    return mistune.create_markdown(escape=True)(text)


def record_html(progress: CourseProgress, name: str, today: str | None = None) -> str:
    """The record as one HTML page."""
    today = today or time.strftime("%Y-%m-%d")
    rows = []
    for state in progress.modules:
        if state.status == "not yet available":
            rows.append(f"<tr><td>{html.escape(state.module.heading)}</td><td colspan='3' class='small'>"
                        "not part of this copy of the course yet</td></tr>")
            continue
        reflection = f"written ({state.reflection_words} words)" if state.has_reflection else "none in this module"
        rows.append(f"<tr><td>{html.escape(state.module.heading)}</td><td>{state.saved_on}</td>"
                    f"<td>{state.right} of {len(state.questions)} right</td><td>{reflection}</td></tr>")
    plan_state = next((m for m in progress.modules if m.module.slug == ACTION_PLAN_MODULE), None)
    plan = (_markdown(plan_state.notebook.reflection) if plan_state and plan_state.notebook
            and plan_state.notebook.reflection else "<p>(no action plan found)</p>")
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Course record: {html.escape(name)}</title>
<style>{STYLE}</style></head><body>
<h1>Social Media for Managers: course record</h1>
<div><b>{html.escape(name)}</b> completed every module available in this copy of the course. Record written on
{today}.</div>
<div class="notice"><b>Self-assessed.</b> These results come from the course's automatic checks, re-run on the
learner's own saved notebooks on their own computer, and from the learner's statement that the written
reflections are their own. No trainer has graded them. A trainer's graded record comes from the trainer's
grading (<code>socialkit grade</code>), not from this page.</div>
<h2>Modules</h2>
<table><tr><th>module</th><th>last saved</th><th>automatic questions</th><th>written reflection</th></tr>
{''.join(rows)}</table>
<h2>Action plan (module 10's reflection, as the learner wrote it)</h2>
<div class="plan">{plan}</div>
<p class="small">Social Media for Managers course kit, version {html.escape(__version__)}. Checked with
<code>socialkit certificate</code>; dates are the days the exercise notebooks were last saved.</p>
</body></html>
"""


def write_pdf(page: Path, pdf: Path) -> str | None:
    """Print the HTML page to PDF with headless Chromium; None when done, else why it could not be."""
    if not Path(CHROMIUM).exists():
        return f"Chromium is not installed at {CHROMIUM}"
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return "Playwright is not installed"
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=[
                "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync"])
            try:
                tab = browser.new_page()
                tab.goto(page.resolve().as_uri())
                tab.pdf(path=str(pdf), format="A4", print_background=True)
            finally:
                browser.close()
    except Exception as exc:  # a browser that would not start: the HTML page is still there
        return f"the browser could not print it ({type(exc).__name__})"
    return None


def write(progress: CourseProgress, name: str, out: Path, pdf: bool = True) -> tuple[Path, Path | None, str | None]:
    """Write the record as ``out`` (HTML) and beside it as PDF; returns (html, pdf or None, why no PDF)."""
    name = " ".join(str(name).split())
    if not name:
        raise ValueError('Give your name as it should appear on the record, e.g. --name "Anna Martin".')
    if len(name) > 120:
        raise ValueError("That name is longer than 120 characters: give your name only.")
    left = missing_for(progress)
    if left:
        raise ValueError("The record is written once every module is done. Still to do: " + "; ".join(left)
                         + f". Next step: {progress.next_step()}")
    out = Path(out).expanduser()
    if out.suffix.lower() != ".html":
        out = out.with_suffix(".html")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(record_html(progress, name), encoding="utf-8")
    if not pdf:
        return out, None, "not asked for"
    pdf_path = out.with_suffix(".pdf")
    why = write_pdf(out, pdf_path)
    return out, (None if why else pdf_path), why
