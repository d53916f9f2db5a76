"""Projector mode without a browser: every dashboard's chart fits beside its controls on a 1280 px screen
and no text on it is smaller than 18 px. The served page is checked in Chromium in test_workshop_browser.py.
"""

from __future__ import annotations

import pytest

import kit
from socialkit.widgets import _base

DASHBOARD_MODULES = [m for m in kit.available_modules() if m.dashboards]
SCREEN_WIDTH = 1280


def chart_figures(board) -> list:
    """The Matplotlib figures a dashboard draws on (the kept chart, or a map canvas)."""
    return [part.figure for part in vars(board).values() if hasattr(part, "figure") and hasattr(part, "canvas")]


def smallest_text_px(figure) -> float:
    """The smallest font size of any visible, non-empty text of ``figure``, in pixels of its PNG."""
    from matplotlib.text import Text

    sizes = [t.get_fontsize() * figure.dpi / 72 for t in figure.findobj(Text) if t.get_text().strip() and t.get_visible()]
    return min(sizes)


@pytest.mark.slow
@pytest.mark.parametrize("module", DASHBOARD_MODULES, ids=kit.module_ids(DASHBOARD_MODULES))
def test_every_dashboard_in_projector_mode_has_readable_text_and_fits_beside_its_controls(module, monkeypatch):
    """SOCIALKIT_PROJECTOR=1 (what `socialkit present` sets): chart ≤ 1280 − the controls' column, text ≥ 18 px."""
    monkeypatch.setenv("SOCIALKIT_PROJECTOR", "1")
    boards = kit.lesson_dashboards(module)
    assert len(boards) == len(module.dashboards)
    for board in boards:
        figures = chart_figures(board)
        assert figures, f"{type(board).__name__}: no chart figure found"
        for figure in figures:
            width, _height = figure.canvas.get_width_height()
            assert width + _base.PROJECTOR_CONTROLS_WIDTH_PX + 40 <= SCREEN_WIDTH
            assert smallest_text_px(figure) >= 18, f"{type(board).__name__}: text of {smallest_text_px(figure):.1f} px"
        controls = board.children[0].children[0]
        assert "socialkit-controls" in controls._dom_classes, "the controls sit in their own column, beside the chart"


def test_small_text_is_raised_to_the_projector_minimum_and_large_text_is_left_alone():
    """A 7-point legend at 144 dpi (14 px) becomes 18 px; a 14-point title keeps its size."""
    from matplotlib.figure import Figure

    figure = Figure(dpi=144)
    ax = figure.add_subplot()
    ax.plot([0, 1], [0, 1], label="a line")
    legend = ax.legend(fontsize=7)
    ax.set_title("A title", fontsize=14)
    assert smallest_text_px(figure) < 18  # the check below would fail on this figure as it was drawn
    _base.enlarge_small_text([figure], figure.dpi, 18)
    assert smallest_text_px(figure) == pytest.approx(18)
    assert legend.get_texts()[0].get_fontsize() == pytest.approx(9)
    assert ax.title.get_fontsize() == 14


def test_without_the_projector_flag_a_dashboard_keeps_its_desk_size(monkeypatch, mentions, accounts):
    """Learners in JupyterLab get the usual layout: controls above the chart, the figure at its own size."""
    from socialkit import widgets

    monkeypatch.delenv("SOCIALKIT_PROJECTOR", raising=False)
    board = widgets.listen_dashboard(mentions, accounts)
    assert not _base.projector()
    assert board._chart.figure.get_size_inches()[0] == pytest.approx(9.0)
    assert board.children[-1] is board.chart
    monkeypatch.setenv("SOCIALKIT_PROJECTOR", "0")
    assert not _base.projector()
