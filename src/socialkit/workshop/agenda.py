"""`socialkit agenda MODULES… --start 09:00`: the trainer's printable agenda and one handout per module for learners.

Everything is read from the kit, so a module added later gets both for free:
- the **agenda** (``agenda.html`` and ``agenda.pdf``): each module's workshop plan from its facilitator
  guide at clock times, a break between modules, the guides' checklists "before the session" and their
  hand-in instructions;
- a **handout** per module (``handout-<slug>.html`` and ``.pdf``, one A4 page): the lesson's objectives,
  its dashboards' "Try this" moves, and the three moves card of module 00.
The pages are self-contained HTML (no file fetched from anywhere); PDF files come from a local
Chromium-family browser (``printing``).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from socialkit import course, guides
from socialkit.notebooks import cells_tagged, read_notebook
from socialkit.workshop.decks import room_text

THREE_MOVES = Path("course") / "00_start_here" / "three_moves.md"

PAGE_STYLE = """
@page { size: A4; margin: 12mm; }
* { box-sizing: border-box; }
body { font-family: "DejaVu Sans", Arial, Helvetica, sans-serif; color: #222; margin: 0; font-size: 10.5pt; line-height: 1.35; }
h1 { font-size: 18pt; margin: 0 0 2pt 0; color: #4a2c17; }
h2 { font-size: 13pt; margin: 12pt 0 4pt 0; color: #4a2c17; border-bottom: 1px solid #d8c8b8; }
h3 { font-size: 11pt; margin: 8pt 0 3pt 0; }
.sub { color: #555; margin: 0 0 6pt 0; }
code { font-family: "DejaVu Sans Mono", monospace; font-size: 92%; background: #f4f0ec; padding: 0 2px; }
pre { background: #f4f0ec; padding: 4pt 6pt; white-space: pre-wrap; margin: 3pt 0; }
pre code { background: none; padding: 0; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #ccc; padding: 3pt 5pt; vertical-align: top; text-align: left; }
th { background: #f4f0ec; }
blockquote { margin: 0; padding: 0; }
ul.check { list-style: none; padding-left: 0; }
ul.check li::before { content: "\\2610  "; font-size: 120%; }
tr.module td { background: #efe6dc; font-weight: bold; }
tr.break td { color: #555; font-style: italic; }
td.time { white-space: nowrap; width: 1%; }
"""

HANDOUT_STYLE = PAGE_STYLE + """
@page { size: A4; margin: 9mm; }
body { font-size: 8.6pt; line-height: 1.28; }
h1 { font-size: 15pt; }
h2 { font-size: 10.5pt; margin: 7pt 0 3pt 0; }
.columns { column-count: 2; column-gap: 7mm; }
.columns h2:first-child { margin-top: 0; }
.card { border: 1.5px solid #4a2c17; border-radius: 4pt; padding: 2pt 6pt 4pt 6pt; margin-top: 6pt; }
.card h1 { font-size: 11pt; margin-top: 3pt; }
.card h2 { font-size: 9.5pt; border: none; margin: 4pt 0 1pt 0; }
p { margin: 2pt 0 4pt 0; }
ol, ul { margin: 2pt 0 4pt 0; padding-left: 14pt; }
"""


def markdown_html(text: str) -> str:
    """Markdown (the kit's own guides and lessons) as HTML, with mistune (installed with nbconvert)."""
    import mistune

    return mistune.html(text)


def inline_html(text: str) -> str:
    """One line of markdown as inline HTML (no paragraph around it), e.g. a cell of a guide's table."""
    rendered = markdown_html(text).strip()
    return re.sub(r"^<p>(.*)</p>$", r"\1", rendered, flags=re.S)


def parse_start(text: str) -> datetime:
    """``09:00`` → a time today; a ValueError in plain words otherwise."""
    match = re.fullmatch(r"\s*(\d{1,2})[:h.](\d{2})\s*", str(text))
    if not match or int(match.group(1)) > 23 or int(match.group(2)) > 59:
        raise ValueError(f"--start {text!r} is not a time of day: write it as 09:00 (hours:minutes, 24-hour clock).")
    return datetime(2000, 1, 1, int(match.group(1)), int(match.group(2)))


def clock(moment: datetime) -> str:
    """``09:05``."""
    return moment.strftime("%H:%M")


@dataclass
class Session:
    """One module of the day: its table row, its guide and when its workshop starts and ends."""

    module: course.Module
    guide: guides.Guide
    start: datetime

    @property
    def end(self) -> datetime:
        """When the module's workshop ends."""
        return self.start + timedelta(minutes=self.guide.workshop_minutes)


def read_guide(module: course.Module, root: Path) -> guides.Guide:
    """The module's facilitator guide, with a plain error when it is missing or lacks what the agenda prints."""
    path = module.guide(root)
    if not module.is_available(root) or not path.is_file():
        raise FileNotFoundError(f"Module {module.slug} has no lesson or facilitator guide yet "
                                f"({path.relative_to(root)}): leave it out of the agenda.")
    try:
        guide = guides.read(path)
    except ValueError as exc:
        raise ValueError(f"{path.relative_to(root)}: {exc}.") from None
    problems = guides.delivery_problems(guide)
    if problems:
        raise ValueError(f"{path.relative_to(root)}: {problems[0]}.")
    return guide


def plan_day(slugs: list[str], start: str, break_minutes: int, root: Path) -> list[Session]:
    """The day's sessions in the order given, each after the previous one and a break."""
    if break_minutes < 0:
        raise ValueError("--break must be 0 or more minutes.")
    modules = [course.get(slug) for slug in slugs]
    seen = set()
    for module in modules:
        if module.slug in seen:
            raise ValueError(f"{module.slug} is listed twice: name each module once.")
        seen.add(module.slug)
    moment, sessions = parse_start(start), []
    for module in modules:
        session = Session(module, read_guide(module, root), moment)
        sessions.append(session)
        moment = session.end + timedelta(minutes=break_minutes)
    return sessions


def page(title: str, body: str, style: str = PAGE_STYLE) -> str:
    """A self-contained HTML page (its style inline, nothing fetched)."""
    return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
            f"<style>{style}</style></head>\n<body>\n{body}\n</body></html>\n")


def agenda_html(sessions: list[Session], break_minutes: int) -> str:
    """The trainer's agenda: the timetable, then the checklists before the session, then the hand-in steps."""
    first, last = sessions[0], sessions[-1]
    rows = []
    for index, session in enumerate(sessions):
        module = session.module
        rows.append(f'<tr class="module"><td class="time">{clock(session.start)}–{clock(session.end)}</td>'
                    f"<td colspan=\"2\">{html.escape(module.heading)} "
                    f"(<i>{html.escape(module.title_fr)}</i>)</td></tr>")
        for slot in session.guide.plan:
            begins = session.start + timedelta(minutes=slot.start)
            ends = session.start + timedelta(minutes=slot.end)
            rows.append(f'<tr><td class="time">{clock(begins)}–{clock(ends)}</td>'
                        f"<td>{inline_html(slot.what)}</td><td>{inline_html(slot.how)}</td></tr>")
        if index < len(sessions) - 1 and break_minutes:
            back = session.end + timedelta(minutes=break_minutes)
            rows.append(f'<tr class="break"><td class="time">{clock(session.end)}–{clock(back)}</td>'
                        f'<td colspan="2">Break ({break_minutes} minutes)</td></tr>')
    checklists = "".join(
        f"<h3>{html.escape(s.module.heading)}</h3><ul class=\"check\">"
        + "".join(f"<li>{inline_html(item)}</li>" for item in s.guide.checklist) + "</ul>" for s in sessions)
    hand_in = "".join(f"<h3>{html.escape(s.module.heading)}</h3>{markdown_html(s.guide.handing_in)}" for s in sessions)
    names = ", ".join(s.module.heading for s in sessions)
    body = (f"<h1>Workshop agenda</h1>\n<p class=\"sub\">Social Media for Managers · {html.escape(names)} · "
            f"{clock(first.start)}–{clock(last.end)}</p>\n"
            f"<h2>Timetable</h2>\n<table><tr><th>time</th><th>what</th><th>how</th></tr>\n{''.join(rows)}</table>\n"
            f"<h2>Before the session</h2>\n{checklists}\n"
            f"<h2>Handing in</h2>\n{hand_in}\n"
            "<p class=\"sub\">Timings, checklists and hand-in steps come from the facilitator guides "
            "(<code>facilitator/&lt;module&gt;.md</code>).</p>")
    return page(f"Workshop agenda · {names}", body)


def lesson_parts(module: course.Module, root: Path) -> tuple[str, list[str]]:
    """From the lesson: its objectives (markdown) and each dashboard's "Try this" moves (markdown, one per dashboard)."""
    lesson = read_notebook(module.lesson(root))
    text = "\n\n".join(cell.source for cell in lesson.cells if cell.cell_type == "markdown")
    if "**What you will be able to do**" not in text:
        raise ValueError(f"{module.lesson(root).relative_to(root)} has no '**What you will be able to do**' list.")
    objectives = text.split("**What you will be able to do**", 1)[1].split("\n## ", 1)[0].strip()
    moves = []
    for cell in cells_tagged(lesson, "dashboard"):
        if cell.cell_type == "markdown":
            lines = [re.sub(r"^> ?", "", line) for line in room_text(cell.source).splitlines()]
            moves.append("\n".join(line for line in lines if not line.strip().startswith("*Source:")).strip())
    return objectives, moves


def handout_html(module: course.Module, root: Path) -> str:
    """A one-page handout for learners: objectives, the dashboard's moves, the three moves card."""
    objectives, moves = lesson_parts(module, root)
    card = (root / THREE_MOVES).read_text(encoding="utf-8")
    dashboards = "".join(markdown_html(m) for m in moves)
    body = (f"<h1>{html.escape(module.heading)}</h1>\n<p class=\"sub\"><i>« {html.escape(module.title_fr)} »</i> · "
            "Social Media for Managers · learner handout</p>\n<div class=\"columns\">\n"
            f"<h2>What you will be able to do</h2>\n{markdown_html(objectives)}\n"
            + (f"<h2>The dashboard's moves</h2>\n{dashboards}\n" if moves else "")
            + f"<div class=\"card\">{markdown_html(card)}</div>\n</div>")
    return page(f"{module.heading} · handout", body, HANDOUT_STYLE)


def write_agenda(slugs: list[str], start: str, out: Path, root: Path, *, break_minutes: int = 15,
                 pdf: bool = True) -> list[Path]:
    """Write the agenda and each module's handout in ``out`` (HTML, and PDF when ``pdf``); return the files."""
    sessions = plan_day(slugs, start, break_minutes, root)
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    pages = {out / "agenda.html": agenda_html(sessions, break_minutes)}
    for session in sessions:
        pages[out / f"handout-{session.module.slug}.html"] = handout_html(session.module, root)
    written = []
    for path, text in pages.items():
        path.write_text(text, encoding="utf-8")
        written.append(path)
    if pdf:
        from socialkit.workshop.printing import find_browser, print_to_pdf

        browser = find_browser()
        for path in list(pages):
            written.append(print_to_pdf(path, path.with_suffix(".pdf"), browser))
    return written


def agenda_command(args) -> int:
    """`socialkit agenda MODULES… --start 09:00 [--break 15] [--out agenda] [--no-pdf]`."""
    from socialkit.paths import kit_root
    from socialkit.workshop.printing import NoBrowser

    root = kit_root()
    try:
        written = write_agenda(args.modules, args.start, Path(args.out), root, break_minutes=args.break_minutes,
                               pdf=not args.no_pdf)
    except NoBrowser as exc:
        written = write_agenda(args.modules, args.start, Path(args.out), root, break_minutes=args.break_minutes,
                               pdf=False)
        print(f"Wrote the HTML files only. {exc}")
    for path in written:
        print(f"  {path}")
    print(f"Agenda and handouts for {', '.join(args.modules)} in {args.out}/ (open agenda.html to read or print it).")
    return 0
