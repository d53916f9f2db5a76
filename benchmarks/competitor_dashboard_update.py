"""How fast the competitor benchmark (module 09) answers a control change, on the sample data and at --scale 10.

Run:  MPLBACKEND=Agg .venv/bin/python benchmarks/competitor_dashboard_update.py [--scale 10] [--changes 20]

For each data set it builds ``widgets.competitor_dashboard`` and makes the same sequence of control
changes a learner would (metric, platform, brands, months fitted, projection, horizon), timing each
one from the new value to the redrawn chart. It prints the median time per change:

- ``dashboard``: the real widget (each metric's monthly table computed once, on first use, so a
  change only slices twelve months, fits a straight line per brand and redraws);
- ``dashboard, data only``: the same without drawing the chart;
- ``naive``: the anchor — a full recompute from the raw rows on every change (the metric's monthly
  table from ``competitor_metrics`` or from every review, the lines and the catch-up dates) and the
  same chart, i.e. what a simple ``interact`` callback would do. The ratio naive / dashboard says
  what computing each table once buys.

The first pass over the changes fills the dashboard's tables (as a learner's first clicks do); the
medians are taken on a second pass over the same changes. The scale-10 data is written by
``socialkit data generate --scale 10`` into a temporary folder (``reviews`` grows tenfold;
``competitor_metrics`` is monthly and keeps its size).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("MPLBACKEND", "Agg")

from socialkit import analytics, data, plots, widgets  # noqa: E402
from socialkit.widgets.competition import SOURCE, US  # noqa: E402


def control_changes(board):
    """A fixed sequence of (description, apply) pairs touching every control, 20 by default."""
    months = list(board.data.months)
    return [
        ("platform instagram", lambda: setattr(board.platform, "value", "instagram")),
        ("metric engagement rate", lambda: setattr(board.metric, "value", "engagement_rate_pct")),
        ("tick maison", lambda: setattr(board.brand_boxes["maison"], "value", True)),
        ("months Jul-Dec", lambda: setattr(board.period, "value", (months[6], months[-1]))),
        ("horizon 24", lambda: setattr(board.horizon, "value", 24)),
        ("metric average rating", lambda: setattr(board.metric, "value", "average_stars")),
        ("months Jan-Mar", lambda: setattr(board.period, "value", (months[0], months[2]))),
        ("metric reviews a month", lambda: setattr(board.metric, "value", "reviews")),
        ("months whole year", lambda: setattr(board.period, "value", (months[0], months[-1]))),
        ("untick projection", lambda: setattr(board.project, "value", False)),
        ("metric reviews answered", lambda: setattr(board.metric, "value", "answered_pct")),
        ("tick projection", lambda: setattr(board.project, "value", True)),
        ("metric followers", lambda: setattr(board.metric, "value", "followers")),
        ("platform tiktok", lambda: setattr(board.platform, "value", "tiktok")),
        ("untick maison", lambda: setattr(board.brand_boxes["maison"], "value", False)),
        ("platform all", lambda: setattr(board.platform, "value", "all")),
        ("metric growth", lambda: setattr(board.metric, "value", "follower_growth_pct")),
        ("horizon 12", lambda: setattr(board.horizon, "value", 12)),
        ("metric posts", lambda: setattr(board.metric, "value", "posts")),
        ("metric followers", lambda: setattr(board.metric, "value", "followers")),
    ]


def naive_view(social, reviews, board):
    """The anchor: recompute the metric's monthly table from the raw rows, the lines and the dates; draw."""
    metric = board.metric.value
    if SOURCE[metric] == "social":
        platform = None if board.platform.value == "all" else board.platform.value
        full = analytics.competitor_trend(social, metric, platform=platform)
    elif metric == "average_stars":
        full = analytics.average_rating(reviews)
    elif metric == "reviews":
        full = analytics.review_volume(reviews).astype("float64")
    else:
        full = analytics.review_response(reviews, freq="M")["answered_pct"].unstack("business")
    start, end = board.period.value
    brands = [b for b in board.selected_brands if b in full.columns]
    table = full.loc[start:end, brands]
    lines, dates = {}, {}
    if board.project.value and len(table) >= 3:
        lines = {b: analytics.linear_trend(full, b, start=start, end=end, horizon=board.horizon.value) for b in brands}
        if US in brands:
            dates = {b: analytics.months_to_catch_up(full, chaser=b, start=start, end=end) for b in brands if b != US}
    if lines:
        widgets.Chart().render(lambda ax: plots.trend_projection(table, lines, ax=ax, metric=metric, catch_up=dates))
    else:
        widgets.Chart().render(lambda ax: plots.monthly_lines(table, ax=ax, metric=metric))
    return table


def median_ms(samples):
    """The median of a list of seconds, in milliseconds."""
    return 1000 * statistics.median(samples)


def measure(label, social, reviews, n_changes):
    """Print the medians for one data set; returns (dashboard_ms, naive_ms)."""
    started = time.perf_counter()
    board = widgets.competitor_dashboard(social, reviews)
    build_s = time.perf_counter() - started
    changes = control_changes(board)[:n_changes]
    for _, apply in changes:  # first pass: the tables a learner's first clicks compute
        apply()
    board.reset()

    real, naive, data_only = [], [], []
    for _, apply in changes:
        t0 = time.perf_counter()
        apply()  # the observer recomputes and redraws
        real.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        board.refresh(draw=False)
        data_only.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        naive_view(social, reviews, board)
        naive.append(time.perf_counter() - t0)

    print(f"{label}: {len(reviews):,} reviews, {len(social):,} monthly social rows; dashboard built in {build_s:.2f} s")
    print(f"  median of {len(changes)} control changes:")
    print(f"    dashboard (data + chart)   {median_ms(real):8.1f} ms")
    print(f"    dashboard, data only       {median_ms(data_only):8.1f} ms")
    print(f"    naive full recompute       {median_ms(naive):8.1f} ms   (anchor)")
    print(f"    ratio naive / dashboard    {statistics.median(naive) / statistics.median(real):8.2f} x")
    return median_ms(real), median_ms(naive)


def main(argv=None) -> int:
    """Measure on the committed sample data, then on freshly generated data at --scale."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=10, help="scale of the large data set (default 10)")
    parser.add_argument("--changes", type=int, default=20, help="control changes to time (default 20)")
    args = parser.parse_args(argv)

    measure("sample data (scale 1)", data.load("competitor_metrics"), data.load("reviews"), args.changes)
    with tempfile.TemporaryDirectory(prefix="socialkit-scale-") as folder:
        command = [sys.executable, "-m", "socialkit.cli", "data", "generate",
                   "--scale", str(args.scale), "--out", folder]
        t0 = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
        print(f"(generated scale-{args.scale:g} data in {time.perf_counter() - t0:.0f} s)")
        social = data.load("competitor_metrics", folder=Path(folder))
        reviews = data.load("reviews", folder=Path(folder))
        measure(f"scale {args.scale:g}", social, reviews, args.changes)
    return 0


if __name__ == "__main__":
    sys.exit(main())
