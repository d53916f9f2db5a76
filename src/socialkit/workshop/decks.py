"""The two decks a facilitator shows, both made from the lesson notebook itself (no second source).

- The **projector deck** (``socialkit present MODULE``): the module's heading, its dashboards and their
  "Try this" steps, sized for a 1280×720 projector (template ``socialkit-projector``).
- The **slide deck** (``socialkit present MODULE --slides``): every section of the lesson as slides,
  code hidden, charts large, dashboards live (template ``socialkit-slides``: Voilà's reveal.js
  template, with reveal.js's style sheet served from this package instead of a CDN).

Both leave out what is meant for the trainer or for someone typing code: the time estimate and
"Shift + Enter" instructions. Voilà finds the templates through ``JUPYTER_PATH`` (``voila_env``).
"""

from __future__ import annotations

import ast
import os
from pathlib import Path

from socialkit.notebooks import cells_tagged

# A Jupyter data folder holding this package's Voilà templates (voila/templates/<name>/).
JUPYTER_DATA = Path(__file__).resolve().parent / "share"
PROJECTOR_TEMPLATE = "socialkit-projector"
SLIDES_TEMPLATE = "socialkit-slides"
# A file Voilà serves without starting a kernel: asking for the deck itself would run the whole lesson.
READY_PATH = f"voila/templates/{PROJECTOR_TEMPLATE}/static/projector.css"
# The size a projector shows (and the slides are laid out for), in CSS pixels.
SCREEN = (1280, 720)
# A line of the lesson holding one of these is for the trainer or for someone running code, not for the room.
META_MARKERS = ("⏱️", "Shift + Enter", "Shift+Enter")
# Charts drawn for a slide: about 1,200 px wide (8 inches at 150 dpi), default text 11 pt (23 px).
SLIDE_CHART_SETTINGS = (
    "import matplotlib.pyplot  # the inline backend first, so that it does not reset what follows\n"
    "matplotlib.pyplot.rcParams.update({'figure.dpi': 150, 'font.size': 11})"
)


def room_text(markdown: str) -> str:
    """The markdown without the lines meant for the trainer or for someone running code."""
    return "\n".join(line for line in markdown.splitlines() if not any(m in line for m in META_MARKERS)).strip()


def sections(markdown: str) -> list[str]:
    """The markdown cut before each ``## `` heading: the text before the first heading, then one part per section."""
    parts, current = [], []
    for line in markdown.splitlines():
        if line.startswith("## ") and current:
            parts.append("\n".join(current).strip())
            current = []
        current.append(line)
    parts.append("\n".join(current).strip())
    return [part for part in parts if part]


def heading(lesson) -> str:
    """The lesson's ``# Module N · Title`` line, or "" when its first markdown cell has none."""
    first = next((cell for cell in lesson.cells if cell.cell_type == "markdown"), None)
    line = first.source.strip().splitlines()[0] if first is not None and first.source.strip() else ""
    return line if line.startswith("# ") else ""


def shows_something(source: str) -> bool:
    """True when a code cell displays something: an expression statement (a table, a chart, a print).

    A cell of assignments and imports only shows nothing and gets no slide of its own.
    """
    try:
        body = ast.parse(source).body
    except SyntaxError:
        return True
    return any(isinstance(node, ast.Expr) for node in body)


def _new_notebook():
    import nbformat

    deck = nbformat.v4.new_notebook()
    deck.metadata.kernelspec = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
    return deck


def dashboard_deck(lesson):
    """The projector deck: the lesson's heading, its ``setup`` cells, then each dashboard followed by its "Try this".

    The dashboard comes first so that its controls and chart fill the first screen; the steps follow
    it. Raises ValueError if the lesson has no cell tagged ``dashboard``.
    """
    import nbformat

    if not [c for c in cells_tagged(lesson, "dashboard") if c.cell_type == "code"]:
        raise ValueError("has no dashboard yet (no cell tagged 'dashboard')")
    deck = _new_notebook()
    if heading(lesson):
        deck.cells.append(nbformat.v4.new_markdown_cell(heading(lesson), metadata={"tags": ["heading"]}))
    for cell in cells_tagged(lesson, "setup"):
        if cell.cell_type == "code":
            deck.cells.append(nbformat.v4.new_code_cell(cell.source, metadata={"tags": ["setup"]}))
    steps = []
    for cell in cells_tagged(lesson, "dashboard"):
        if cell.cell_type == "markdown":
            steps.append(room_text(cell.source))
            continue
        deck.cells.append(nbformat.v4.new_code_cell(cell.source, metadata={"tags": ["dashboard"]}))
        deck.cells.extend(nbformat.v4.new_markdown_cell(text, metadata={"tags": ["try-this"]}) for text in steps)
        steps = []
    return deck


def slide_deck(lesson):
    """The slide deck: the lesson's cells with reveal.js slide types, code to be hidden by Voilà.

    A ``## `` heading starts a new slide (a text cell holding one is cut there); every other text
    cell, and every code cell that shows something, gets a slide of its own below it (charts and
    tables alone on a slide are large); code cells that show nothing still run but get no slide.
    """
    import nbformat

    deck = _new_notebook()
    deck.cells.append(nbformat.v4.new_code_cell(SLIDE_CHART_SETTINGS, metadata={
        "tags": ["deck-settings"], "slideshow": {"slide_type": "skip"}}))
    first = True
    for cell in lesson.cells:
        tags = list(cell.get("metadata", {}).get("tags", []))
        if cell.cell_type == "markdown":
            for text in sections(room_text(cell.source)):
                kind = "slide" if first or text.startswith("## ") else "subslide"
                deck.cells.append(nbformat.v4.new_markdown_cell(text, metadata={
                    "tags": tags, "slideshow": {"slide_type": kind}}))
                first = False
        elif cell.cell_type == "code":
            kind = "subslide" if shows_something(cell.source) else "skip"
            deck.cells.append(nbformat.v4.new_code_cell(cell.source, metadata={
                "tags": tags, "slideshow": {"slide_type": kind}}))
    return deck


def voila_env(base: dict | None = None, *, projector: bool = True) -> dict:
    """The environment for Voilà: this package's templates on ``JUPYTER_PATH``, charts drawn inline, projector sizes."""
    env = dict(os.environ if base is None else base)
    env.pop("MPLBACKEND", None)  # a test run may have set Agg: the kernel must draw inline
    env["JUPYTER_PATH"] = os.pathsep.join(p for p in (str(JUPYTER_DATA), env.get("JUPYTER_PATH", "")) if p)
    if projector:
        env["SOCIALKIT_PROJECTOR"] = "1"
    return env


def voila_template_options(slides: bool) -> list[str]:
    """Voilà's options for the projector deck or the slide deck (reveal.js laid out for the projector's size)."""
    if not slides:
        return [f"--template={PROJECTOR_TEMPLATE}"]
    width, height = SCREEN
    resources = ("{'reveal': {'url_prefix': '/voila/templates/%s/static', 'theme': 'socialkit', "
                 "'transition': 'none', 'width': %d, 'height': %d, 'scroll': False, 'number': 'c/t'}}"
                 % (SLIDES_TEMPLATE, width, height))
    return [f"--template={SLIDES_TEMPLATE}", f"--VoilaConfiguration.resources={resources}"]
