"""The base every dashboard stands on: named controls, a line of text, a Reset button, a fast chart.

A dashboard subclasses ``Dashboard``: it makes its controls (a dict name → widget) and lays them
out in rows, then implements ``update()`` (recompute what it shows from the controls; return the
line of text) and ``draw(ax)`` (draw on the Matplotlib axes it is given). The base wires every
control to a refresh, keeps one figure for the dashboard's whole life (each change clears and
redraws it, which is about twice as fast as a new figure, and encodes the PNG with fast
compression), and puts the controls back as they opened with **Reset**. Builders never call
``display``: the notebook cell's last line shows the widget.
"""

from __future__ import annotations

import base64
import io
import os
import warnings

import ipywidgets as w

# Projector mode (``socialkit present`` sets SOCIALKIT_PROJECTOR=1 for its kernels): the chart beside the
# controls, this wide in pixels at this resolution, and no text on it smaller than PROJECTOR_MIN_TEXT_PX
# (18 px or more reads from the back of a room).
PROJECTOR_CHART_WIDTH_PX = 850
PROJECTOR_DPI = 144
PROJECTOR_MIN_TEXT_PX = 18
# Dashboards draw their text unhinted: a fifth faster at every redraw (the influencer finder's ten @handles: 89 → 73 ms
# a change), the same text to the eye at 90 dpi (compared side by side; the hinted @handles even touched the axis).
UNHINTED = {"text.hinting": "none"}
PROJECTOR_CONTROLS_WIDTH_PX = 370


def projector() -> bool:
    """True when a facilitator projects the dashboards (``SOCIALKIT_PROJECTOR`` set and not 0)."""
    return os.environ.get("SOCIALKIT_PROJECTOR", "") not in ("", "0")


def projector_figsize(figsize) -> tuple[float, float]:
    """A dashboard's figure size for the projector: PROJECTOR_CHART_WIDTH_PX wide, its shape kept within 0.55–0.8."""
    width = PROJECTOR_CHART_WIDTH_PX / PROJECTOR_DPI
    return width, width * min(max(figsize[1] / figsize[0], 0.55), 0.8)


def enlarge_small_text(artists, dpi: float, min_px: float = PROJECTOR_MIN_TEXT_PX) -> None:
    """Raise every text among ``artists`` (and their children) to at least ``min_px`` pixels at ``dpi``."""
    from matplotlib.text import Text

    min_points = min_px * 72 / dpi
    for artist in artists:
        for text in artist.findobj(Text):
            if text.get_fontsize() < min_points:
                text.set_fontsize(min_points)


class Chart:
    """One Matplotlib figure kept for a dashboard's life, drawn off screen and encoded as a PNG."""

    def __init__(self, figsize=(9.0, 3.6), dpi: int = 90, margins=(0.08, 0.98, 0.14, 0.9)):
        """A figure outside pyplot (no GUI, no leak between dashboards) with fixed margins (fast to draw)."""
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure

        self.projector = projector()
        if self.projector:  # larger text on a smaller figure: let Matplotlib find the margins
            self.figure = Figure(figsize=projector_figsize(figsize), dpi=PROJECTOR_DPI, layout="constrained")
        else:
            self.figure = Figure(figsize=figsize, dpi=dpi)
            left, right, bottom, top = margins
            self.figure.subplots_adjust(left=left, right=right, bottom=bottom, top=top)
        self.canvas = FigureCanvasAgg(self.figure)
        self.ax = self.figure.add_subplot()
        self._drawn = False

    def render(self, draw, keep_axes: bool = False) -> bytes:
        """Empty the axes, ``draw(ax)``, and return the figure as PNG bytes.

        ``keep_axes=True`` removes only what was drawn (lines, bars, texts, legend) and keeps the axes
        with their ticks, which Matplotlib otherwise rebuilds at every draw (about a third of the
        time); only for charts on number or date axes — categories would pile up on a kept axis.
        The title's place is fixed rather than measured at every draw.
        """
        import matplotlib
        import numpy as np
        from PIL import Image

        for extra in self.figure.axes[1:]:  # twin axes a drawing may have added last time
            extra.remove()
        ax = self.ax
        with matplotlib.rc_context({"axes.titley": 1.01}):
            if keep_axes and self._drawn:
                for artist in [*ax.lines, *ax.collections, *ax.patches, *ax.texts, *ax.images]:
                    artist.remove()
                if ax.legend_ is not None:
                    ax.legend_.remove()
                ax.relim()
                ax.ignore_existing_data_limits = True
                ax.set_autoscale_on(True)
            else:
                ax.clear()
            with warnings.catch_warnings():  # a dashboard's own margins yield to the projector's layout engine
                warnings.filterwarnings("ignore", message=".*layout engine that is incompatible.*")
                draw(ax)
        if self.projector:
            enlarge_small_text([self.figure], self.figure.dpi)
            for axes in self.figure.axes:  # a long title on two lines rather than cut at the edges
                axes.title.set_wrap(True)
        self._drawn = True
        with matplotlib.rc_context(UNHINTED):
            self.canvas.draw()
        buffer = io.BytesIO()
        # Level 1 compression: a few times faster than the default, a slightly bigger image.
        pixels = np.asarray(self.canvas.buffer_rgba())
        Image.fromarray(pixels).save(buffer, format="png", compress_level=1)
        return buffer.getvalue()


def png_output(png: bytes, alt: str) -> dict:
    """One display_data output holding a PNG, in the shape ``Output.outputs`` expects."""
    return {
        "output_type": "display_data",
        "data": {"image/png": base64.b64encode(png).decode("ascii"), "text/plain": alt},
        "metadata": {},
    }


class Dashboard(w.VBox):
    """Controls → ``update()`` → a line of text and a chart; a Reset button puts the controls back."""

    figsize = (9.0, 3.6)
    margins = (0.08, 0.98, 0.14, 0.9)  # left, right, bottom, top, as fractions of the figure (fixed: fast to draw)
    keep_axes = False  # True for charts on number or date axes only (see Chart.render)

    def __init__(self, controls: dict[str, w.Widget], rows: list[w.Widget]):
        """Lay out ``rows``, then the Reset button, the line of text and the chart; show the first view."""
        self.controls = controls
        self.defaults = {name: control.value for name, control in controls.items()}
        self.summary = w.HTML()
        self.chart = w.Output()
        self.reset_button = w.Button(description="Reset", tooltip="Put every control back as the dashboard opened",
                                     layout=w.Layout(width="auto"))
        self.reset_button.on_click(lambda _button: self.reset())
        self.updates = 0
        self.ax = None
        self._chart: Chart | None = None
        self._holding = False
        if projector():  # on a 1280×720 screen: the controls beside the chart, the line of text under both
            panel = w.VBox([*rows, w.HBox([self.reset_button])],
                           layout=w.Layout(width=f"{PROJECTOR_CONTROLS_WIDTH_PX}px", flex="0 0 auto"))
            panel.add_class("socialkit-controls")
            super().__init__([w.HBox([panel, self.chart]), self.summary])
        else:
            super().__init__([*rows, w.HBox([self.reset_button]), self.summary, self.chart])
        self.add_class("socialkit-dashboard")  # a handle for pages, tests and the projector's style
        for control in controls.values():
            control.observe(self._on_change, names="value")
        self.refresh()

    # --- what a dashboard implements

    def update(self) -> str:
        """Recompute what the dashboard shows from its controls; return the line of text (HTML)."""
        raise NotImplementedError

    def draw(self, ax) -> None:
        """Draw the current view on ``ax``; a dashboard with nothing to draw leaves ``has_chart`` False."""
        raise NotImplementedError

    def has_chart(self) -> bool:
        """False when there is nothing to draw (e.g. no brand ticked): the chart is emptied."""
        return True

    def title(self) -> str:
        """The chart's title, also its alternative text."""
        return ""

    # --- the machinery

    def _on_change(self, _change) -> None:
        """A control moved: show the new view (unless Reset is moving several at once)."""
        if not self._holding:
            self.refresh()

    def refresh(self, draw: bool = True) -> None:
        """Recompute, write the line of text, and redraw the chart."""
        self.summary.value = self.update()
        if draw:
            self._redraw()
        self.updates += 1

    def _redraw(self) -> None:
        """Draw into the kept figure and show it as one PNG (no flicker)."""
        if not self.has_chart():
            self.chart.outputs = ()
            return
        if self._chart is None:
            self._chart = Chart(self.figsize, margins=self.margins)
        png = self._chart.render(self.draw, keep_axes=self.keep_axes)
        self.ax = self._chart.ax
        self.chart.outputs = (png_output(png, self.title()),)

    def reset(self) -> None:
        """Put every control back to the value it opened with, then refresh once."""
        self._holding = True
        try:
            for name, control in self.controls.items():
                control.value = self.defaults[name]
        finally:
            self._holding = False
        self.refresh()
