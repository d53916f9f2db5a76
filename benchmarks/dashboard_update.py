"""How fast every dashboard of the course answers a control change, on the sample data and at --scale 10.

Run:  MPLBACKEND=Agg .venv/bin/python benchmarks/dashboard_update.py [--scale 10] [--changes 20] [--dashboard NAME]

Every dashboard the course table lists is built as its lesson builds it (the lesson's ``setup`` and
``dashboard`` cells, run in-process), and the "your own data" appendix's reviews and response-times
dashboards on the sample tables; then its controls are moved the way a learner moves them —
round-robin over every control: each option of a drop-down or toggle, a box ticked and unticked, a
slider to its ends and back, a date range narrowed and widened, text typed — and each change is
timed from the new value to the redrawn chart. Printed per dashboard, median of the changes:

- ``dashboard``: the real widget (the kit's ``Dashboard`` base keeps one figure and redraws it);
- ``data only``: the same changes without drawing (what the dashboard's own computation costs);
- ``new figure each time``: the anchor — the same update drawn on a new Matplotlib figure saved with
  default PNG settings, as the dashboards did before the kit's base; the ratio says what the base buys;
- for the listening dashboard, also ``naive``: a full recompute from the raw mentions on every change
  (join the authors' roles, filter, group by day, z-scores) and the same chart;
- for the network explorer, also ``naive``: the graph rebuilt from the raw tables on every change (nothing
  kept), the map drawn with networkx's own drawing helpers on a new figure.

The goal is a median under 100 ms per change on the sample data for every dashboard. The scale-10
data is written by ``socialkit data generate --scale 10`` into a temporary folder and measured in a
child process (``SOCIALKIT_DATASETS`` points at it).
"""

from __future__ import annotations

import argparse
import io
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("MPLBACKEND", "Agg")

import pandas as pd  # noqa: E402

from socialkit import analytics, course, plots  # noqa: E402
from socialkit.notebooks import cells_tagged, read_notebook  # noqa: E402
from socialkit.paths import kit_root  # noqa: E402


def lesson_dashboards(module):
    """Build a module's dashboards as its lesson does: [(name, board, namespace)]."""
    lesson = read_notebook(module.lesson(kit_root()))
    namespace: dict = {}
    for cell in cells_tagged(lesson, "setup"):
        exec(compile(cell.source, f"<{module.slug} setup>", "exec"), namespace)  # noqa: S102
    built = []
    for cell in cells_tagged(lesson, "dashboard"):
        if cell.cell_type != "code" or not any(f"widgets.{n}(" in cell.source for n in module.dashboards):
            continue
        lines = cell.source.strip().splitlines()
        exec(compile("\n".join(lines[:-1]), "<setup of the dashboard cell>", "exec"), namespace)  # noqa: S102
        board = eval(compile(lines[-1], f"<{module.slug} dashboard>", "eval"), namespace)  # noqa: S307
        name = next((n for n in module.dashboards if f"widgets.{n}(" in cell.source), type(board).__name__)
        built.append((name, board, namespace))
    return built


def appendix_dashboards():
    """The dashboards the "your own data" appendix adds, built on the sample tables: [(name, board, namespace)]."""
    from socialkit import data, widgets

    return [("reviews_dashboard", widgets.reviews_dashboard(data.load("reviews")), {}),
            ("response_times_dashboard", widgets.response_times_dashboard(data.load("threads")), {})]


def every_dashboard():
    """Every module's dashboards as its lesson builds them, then the appendix's."""
    for module in course.available():
        yield from lesson_dashboards(module)
    yield from appendix_dashboards()


def values_to_try(control) -> list:
    """The values a learner would move one control through, ending where it started."""
    import ipywidgets as w

    start = control.value
    if isinstance(control, w.Checkbox):
        return [not start, start]
    if isinstance(control, (w.Dropdown, w.ToggleButtons, w.RadioButtons, w.Select)):
        options = [o[1] if isinstance(o, tuple) else o for o in control.options]
        return [o for o in options if o != start] + [start]
    if isinstance(control, w.SelectionRangeSlider):
        options = [o[1] if isinstance(o, tuple) else o for o in control.options]
        third = len(options) // 3
        return [(options[third], options[2 * third]), (options[0], options[third]), start]
    if isinstance(control, w.SelectionSlider):
        options = [o[1] if isinstance(o, tuple) else o for o in control.options]
        return [options[len(options) // 3], options[-1], start]
    if isinstance(control, (w.IntSlider, w.FloatSlider, w.BoundedIntText, w.BoundedFloatText)):
        middle = type(start)((control.min + control.max) / 2)
        return [control.max, control.min, middle, start]
    if isinstance(control, (w.IntRangeSlider, w.FloatRangeSlider)):
        low, high = control.min, control.max
        return [(low, (low + high) / 2), ((low + high) / 2, high), start]
    if isinstance(control, (w.Text, w.Textarea)):
        return [start + " Sorry", start + " Sorry, please send us a private message.", start]
    return []


def control_changes(board, n_changes: int) -> list:
    """``n_changes`` (control, value) pairs, round-robin over every control of the dashboard."""
    queues = [[(control, v) for v in values_to_try(control)] for control in board.controls.values()]
    queues = [q for q in queues if q]
    changes = []
    while len(changes) < n_changes and any(queues):
        for queue in queues:
            if queue and len(changes) < n_changes:
                changes.append(queue.pop(0))
    return changes


def new_figure_render(draw) -> bytes:
    """The anchor's drawing: a new figure every time, saved with default PNG settings."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(9, 3.6), dpi=90)
    FigureCanvasAgg(fig)
    fig.subplots_adjust(left=0.08, right=0.98, bottom=0.14, top=0.9)
    ax = fig.add_subplot()
    draw(ax)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    return buffer.getvalue()


def median_ms(samples) -> float:
    """The median of a list of seconds, in milliseconds."""
    return 1000 * statistics.median(samples) if samples else float("nan")


def time_changes(board, changes) -> list[float]:
    """Seconds from each new value to the redrawn view (the observer recomputes and redraws)."""
    timings = []
    for control, value in changes:
        t0 = time.perf_counter()
        control.value = value
        timings.append(time.perf_counter() - t0)
    return timings


def naive_listen_view(mentions, accounts, board):
    """The listening dashboard's older anchor: recompute its table and alerts from the raw rows, then draw."""
    rows = analytics.with_author_role(mentions, accounts)
    if board.group.value != "all":
        rows = rows[rows["role"] == board.group.value]
    metric = board.metric.value
    if metric == "volume":
        table = analytics.daily_volume(rows).astype(float)
    elif metric == "share_of_voice":
        table = analytics.share_of_voice(rows, freq="D")
    else:
        table = analytics.net_sentiment(rows, by="brand", freq="D")
    table = table.reindex(columns=board.selected_brands)
    if table.columns.empty:
        return
    alerts = []
    for brand in table.columns if metric == "volume" else ():
        result = analytics.spikes(table[brand], threshold=board.threshold.value,
                                  exclude_current=board.exclude_today.value)
        alerts += [(day, brand) for day in result.index[result["alert"].to_numpy()]]
    start, end = board.date_range
    table = table.loc[start:end]
    alerts = pd.DataFrame(alerts, columns=["date", "brand"])
    new_figure_render(lambda ax: plots.volume_with_alerts(table, alerts, ax=ax, metric=metric))


def naive_network_view(contacts, connections, board):
    """The network explorer's anchor: nothing kept between changes, and networkx's drawing helpers on a new figure."""
    import networkx as nx

    analytics.networks._graphs.clear()  # the graph and every route are computed again
    person, steps = board.person.value, board.steps.value
    people = analytics.reach(contacts, connections, person, steps, include_person=True)
    chain = None
    if board.city.value or board.industry.value:
        try:
            chain = analytics.introduction_path(contacts, connections, person, city=board.city.value or None,
                                                industry=board.industry.value or None)
        except analytics.NetworkError:
            chain = None
    layout = plots.city_layout(contacts)
    ties = plots.networks.reach_ties(people, connections)
    graph = nx.Graph(list(zip(ties["source"], ties["target"])))
    graph.add_nodes_from(people["contact_id"])
    place = {p: (layout.at[p, "x"], layout.at[p, "y"]) for p in graph}
    colour = dict(zip(people["contact_id"], people["continent"].astype(str).map(plots.continent_color)))

    def draw(ax):
        nx.draw_networkx_edges(graph, place, ax=ax, width=0.35, alpha=0.45, edge_color="#9A9A9A")
        nx.draw_networkx_nodes(graph, place, ax=ax, node_size=6, node_color=[colour[p] for p in graph])
        if chain is not None:
            path = list(chain["contact_id"])
            nx.draw_networkx_edges(graph.__class__(list(zip(path, path[1:]))), place, ax=ax, width=2.4)
            nx.draw_networkx_labels(graph.subgraph(path), place, ax=ax,
                                    labels=dict(zip(chain["contact_id"], chain["name"])), font_size=8)
        ax.set_axis_off()

    for p in (chain["contact_id"] if chain is not None else []):
        place.setdefault(p, (layout.at[p, "x"], layout.at[p, "y"]))
    new_figure_render(draw)


def measure(label: str, n_changes: int, only: str | None) -> dict:
    """Time every dashboard of the course; print a table; return {dashboard: dashboard median ms}."""
    results = {}
    print(f"{label}: median of {n_changes} control changes per dashboard (ms)")
    print(f"  {'dashboard':<28}{'dashboard':>10}{'data only':>11}{'new figure':>12}{'ratio':>7}")
    for name, board, namespace in every_dashboard():
        if only and name != only:
            continue
        changes = control_changes(board, n_changes)
        real = time_changes(board, changes)
        redraw = board._redraw
        board._redraw = lambda: None
        data_only = time_changes(board, changes)
        board._redraw = redraw
        # the anchor: the dashboard's own drawing on a new figure (also for a dashboard that draws its own way)
        board._redraw = lambda: new_figure_render(board.draw) if board.has_chart() else None
        try:
            anchor = time_changes(board, changes)
        finally:
            board._redraw = redraw
        ratio = median_ms(anchor) / median_ms(real)
        print(f"  {name:<28}{median_ms(real):10.1f}{median_ms(data_only):11.1f}{median_ms(anchor):12.1f}"
              f"{ratio:6.2f}x")
        results[name] = median_ms(real)
        if name == "network_explorer":
            naive = []
            for control, value in changes:
                control.value = value
                t0 = time.perf_counter()
                naive_network_view(namespace["contacts"], namespace["connections"], board)
                naive.append(time.perf_counter() - t0)
            print(f"  {'  naive (nothing kept, nx.draw)':<28}{median_ms(naive):10.1f}   (ratio naive / dashboard "
                  f"{median_ms(naive) / median_ms(real):.2f}x)")
        if name == "listen_dashboard":
            naive = []
            for control, value in changes:
                control.value = value
                t0 = time.perf_counter()
                naive_listen_view(namespace["mentions"], namespace["accounts"], board)
                naive.append(time.perf_counter() - t0)
            print(f"  {'  naive full recompute':<28}{median_ms(naive):10.1f}   (ratio naive / dashboard "
                  f"{median_ms(naive) / median_ms(real):.2f}x)")
    slow = [n for n, ms in results.items() if ms >= 100]
    print(f"  goal < 100 ms: {'met by every dashboard' if not slow else 'NOT met by ' + ', '.join(slow)}")
    return results


def main(argv=None) -> int:
    """Measure on the committed sample data, then (in a child process) on data generated at --scale."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=10, help="scale of the large data set (default 10; 0: skip)")
    parser.add_argument("--changes", type=int, default=20, help="control changes to time (default 20)")
    parser.add_argument("--dashboard", help="only this dashboard (e.g. listen_dashboard)")
    parser.add_argument("--label", default="sample data (scale 1)", help=argparse.SUPPRESS)
    parser.add_argument("--json", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    results = measure(args.label, args.changes, args.dashboard)
    if args.json:
        Path(args.json).write_text(json.dumps(results))
    if args.scale and "SOCIALKIT_DATASETS" not in os.environ:
        with tempfile.TemporaryDirectory(prefix="socialkit-scale-") as folder:
            t0 = time.perf_counter()
            subprocess.run([sys.executable, "-m", "socialkit.cli", "data", "generate", "--scale", str(args.scale),
                            "--out", folder], check=True, stdout=subprocess.DEVNULL)
            print(f"\n(generated scale-{args.scale:g} data in {time.perf_counter() - t0:.0f} s)")
            child = [sys.executable, __file__, "--scale", "0", "--changes", str(args.changes),
                     "--label", f"scale {args.scale:g}"] + (["--dashboard", args.dashboard] if args.dashboard else [])
            subprocess.run(child, check=True, env={**os.environ, "SOCIALKIT_DATASETS": folder})
    return 0


if __name__ == "__main__":
    sys.exit(main())
