"""What the tests share about a chart's text: every label inside the figure, and no two labels on top of each other.

Boxes are the renderer's own (``get_window_extent`` after a draw), in pixels, as the PNG shows them.
"""

from __future__ import annotations

EDGE = 1.0  # pixels of slack at the figure's edge (anti-aliasing)


def _shown_texts(figure):
    """Every visible, non-empty text of the figure (titles, axis labels, tick labels, notes, legends), leaving out
    the labels of ticks outside the view, which Matplotlib keeps but does not draw."""
    from matplotlib.text import Text

    undrawn = set()
    for ax in figure.axes:
        for axis in (ax.xaxis, ax.yaxis):
            low, high = sorted(axis.get_view_interval())
            for tick in [*axis.get_major_ticks(), *axis.get_minor_ticks()]:
                if not low - 1e-9 * abs(high - low) <= tick.get_loc() <= high + 1e-9 * abs(high - low):
                    undrawn.update({id(tick.label1), id(tick.label2)})
    return [t for t in figure.findobj(Text) if t.get_visible() and t.get_text().strip() and id(t) not in undrawn]


def texts_outside(figure) -> list[str]:
    """The texts whose box sticks out of the figure (cut off in the picture)."""
    figure.canvas.draw()
    box = figure.bbox
    outside = []
    for text in _shown_texts(figure):
        extent = text.get_window_extent()
        if (extent.x0 < box.x0 - EDGE or extent.x1 > box.x1 + EDGE or extent.y0 < box.y0 - EDGE
                or extent.y1 > box.y1 + EDGE):
            outside.append(text.get_text())
    return outside


def texts_overlapping(ax, texts=None) -> list[tuple[str, str]]:
    """Pairs of the axes' own labels (``ax.texts`` unless given) whose boxes overlap."""
    ax.figure.canvas.draw()
    shown = [t for t in (ax.texts if texts is None else texts) if t.get_visible() and t.get_text().strip()]
    boxes = [t.get_window_extent() for t in shown]
    return [(shown[i].get_text(), shown[j].get_text()) for i in range(len(shown)) for j in range(i + 1, len(shown))
            if boxes[i].overlaps(boxes[j])]


def mark_boxes(ax) -> list:
    """Pixel boxes of what the axes draw as marks: each bar, and each segment of each interval line with its caps."""
    import numpy as np
    from matplotlib.collections import LineCollection
    from matplotlib.transforms import Bbox

    ax.figure.canvas.draw()
    renderer = ax.figure.canvas.get_renderer()
    boxes = [bar.get_window_extent(renderer) for bar in ax.patches if bar.get_visible()]
    for collection in ax.collections:
        if isinstance(collection, LineCollection):
            for segment in collection.get_segments():
                points = ax.transData.transform(np.asarray(segment))
                boxes.append(Bbox([points.min(axis=0) - 2, points.max(axis=0) + 2]))  # the line's width
    for line in ax.lines:  # error-bar caps and plotted markers
        if line.get_visible() and len(line.get_xdata()):
            points = ax.transData.transform(np.column_stack([line.get_xdata(), line.get_ydata()]).astype(float))
            size = line.get_markersize() * ax.figure.dpi / 72 / 2 + 1
            thin = line.get_markeredgewidth() * ax.figure.dpi / 72 / 2 + 1
            half = {"_": (size, thin), "|": (thin, size)}.get(line.get_marker(), (size, size))
            boxes.extend(Bbox([p - half, p + half]) for p in points if np.isfinite(p).all())
    return boxes


def texts_on_marks(ax) -> list[str]:
    """The axes' own labels whose box overlaps a bar or an interval line (see ``mark_boxes``)."""
    boxes = mark_boxes(ax)
    return [t.get_text() for t in ax.texts if t.get_visible() and t.get_text().strip()
            and any(t.get_window_extent().overlaps(box) for box in boxes)]


def lesson_figures(module) -> dict:
    """Every static chart the module's lesson draws, run in-process as its cells run (dashboards left out):
    {"cell N": figure}. Figures stay open; the caller closes them."""
    import contextlib
    import io

    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from kit import ROOT, run_cell_code
    from socialkit.notebooks import read_notebook

    lesson = read_notebook(module.lesson(ROOT))
    namespace: dict = {}
    figures = {}
    for number, cell in enumerate(lesson.cells):
        if cell.cell_type != "code" or "dashboard" in cell.metadata.get("tags", []):
            continue
        before = set(plt.get_fignums())
        with contextlib.redirect_stdout(io.StringIO()):
            run_cell_code(cell.source, namespace, f"<{module.slug} cell {number}>")
        for made in sorted(set(plt.get_fignums()) - before):
            figures[f"cell {number}"] = plt.figure(made)
    return figures
