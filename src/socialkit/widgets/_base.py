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

import ipywidgets as w

# Larger charts and text when a facilitator projects a dashboard (``socialkit present`` sets it).
PROJECTOR = os.environ.get("SOCIALKIT_PROJECTOR", "") not in ("", "0")


class Chart:
    """One Matplotlib figure kept for a dashboard's life, drawn off screen and encoded as a PNG."""

    def __init__(self, figsize=(9.0, 3.6), dpi: int = 90, margins=(0.08, 0.98, 0.14, 0.9)):
        """A figure outside pyplot (no GUI, no leak between dashboards) with fixed margins (fast to draw)."""
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure

        if PROJECTOR:
            figsize, dpi = (figsize[0] * 0.8, figsize[1] * 0.8), int(dpi * 1.6)
        self.figure = Figure(figsize=figsize, dpi=dpi)
        self.canvas = FigureCanvasAgg(self.figure)
        left, right, bottom, top = margins
        self.figure.subplots_adjust(left=left, right=right, bottom=bottom, top=top)
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
            draw(ax)
        self._drawn = True
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
