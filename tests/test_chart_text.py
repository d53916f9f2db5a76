"""Every chart a lesson draws shows its text whole: no label sticks out of the figure, no two labels overlap.

The static charts are the lesson's own code cells run in-process; the dashboards are built as the lesson builds
them and checked as they open. Boxes are the renderer's (``chart_boxes``). Modules 02–04 so far.
"""

from __future__ import annotations

import pytest

from chart_boxes import lesson_figures, texts_outside, texts_overlapping
from kit import lesson_dashboards
from socialkit import course

CHECKED = ("02_speak", "03_debate", "04_expertise")


@pytest.fixture(scope="module", params=CHECKED)
def drawn(request):
    """The module's static lesson charts, drawn once: {cell: figure}."""
    import matplotlib.pyplot as plt

    figures = lesson_figures(course.get(request.param))
    yield request.param, figures
    for figure in figures.values():
        plt.close(figure)


def test_every_static_chart_keeps_its_text_inside_the_figure(drawn):
    slug, figures = drawn
    assert figures, f"{slug}'s lesson draws charts"
    cut = {cell: texts_outside(figure) for cell, figure in figures.items()}
    assert {cell: texts for cell, texts in cut.items() if texts} == {}


def test_no_two_labels_of_a_static_chart_overlap(drawn):
    _, figures = drawn
    overlaps = {cell: texts_overlapping(ax) for cell, figure in figures.items() for ax in figure.axes}
    assert {cell: pairs for cell, pairs in overlaps.items() if pairs} == {}


@pytest.mark.parametrize("slug", CHECKED)
def test_every_dashboards_chart_opens_with_its_text_inside_the_figure(slug):
    for board in lesson_dashboards(course.get(slug)):
        assert texts_outside(board._chart.figure) == [], type(board).__name__


def test_the_checks_catch_a_cut_label_and_two_labels_on_top_of_each_other():
    """The checks above reject what the cold reads saw: a title wider than the figure, a label on another."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    figure, ax = plt.subplots(figsize=(4, 3))
    try:
        ax.set_title("Problems solved: differences between roles, with their 95 % intervals")
        ax.set_ylabel("threads where the customer ended in a good mood (%)")
        title = "Problems solved: differences between roles, with their 95 % intervals"
        assert sorted(texts_outside(figure)) == [title, "threads where the customer ended in a good mood (%)"]
        ax.text(0.5, 0.5, "68.8 %")
        ax.text(0.5, 0.5, "n = 231")
        assert texts_overlapping(ax) == [("68.8 %", "n = 231")]
    finally:
        plt.close(figure)
