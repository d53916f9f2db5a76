"""How fast the listening dashboard answers a control change, on the sample data and at --scale 10.

Run:  MPLBACKEND=Agg .venv/bin/python benchmarks/dashboard_update.py [--scale 10] [--changes 20]

For each data set it builds ``widgets.listen_dashboard`` and makes the same sequence of
control changes a learner would (threshold, metric, stakeholder group, brands, dates, baseline),
timing each one from the new value to the redrawn chart. It prints the median time per change:

- ``dashboard``: the real widget (counts precomputed once per (day, brand, group), so a change
  only sums small arrays, runs the z-score and redraws);
- ``dashboard, data only``: the same without drawing the chart (what the counts cost);
- ``naive``: the anchor — a full recompute from the raw mentions on every change (join the
  authors' roles, filter, group by day, z-scores) and the same chart, i.e. what a simple
  ``interact`` callback would do. The ratio naive / dashboard says what the precomputation buys.

The scale-10 data is written by ``socialkit data generate --scale 10`` into a temporary folder.
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

import pandas as pd  # noqa: E402

from socialkit import analytics, data, plots, widgets  # noqa: E402


def control_changes(board):
    """A fixed sequence of (description, apply) pairs touching every control, 20 by default."""
    days = [d for _, d in board.dates.options]
    april = [d for d in days if d.month == 4]
    return [
        ("threshold 2.5", lambda: setattr(board.threshold, "value", 2.5)),
        ("metric net sentiment", lambda: setattr(board.metric, "value", "net_sentiment")),
        ("group journalists", lambda: setattr(board.group, "value", "journalist")),
        ("tick grano", lambda: setattr(board.brand_boxes["grano"], "value", True)),
        ("dates April", lambda: setattr(board.dates, "value", (april[0], april[-1]))),
        ("baseline excludes day", lambda: setattr(board.exclude_today, "value", True)),
        ("metric share of voice", lambda: setattr(board.metric, "value", "share_of_voice")),
        ("group customers", lambda: setattr(board.group, "value", "customer")),
        ("threshold 3.0", lambda: setattr(board.threshold, "value", 3.0)),
        ("tick maison", lambda: setattr(board.brand_boxes["maison"], "value", True)),
        ("dates whole year", lambda: setattr(board.dates, "value", (days[0], days[-1]))),
        ("metric volume", lambda: setattr(board.metric, "value", "volume")),
        ("group everyone", lambda: setattr(board.group, "value", "all")),
        ("baseline includes day", lambda: setattr(board.exclude_today, "value", False)),
        ("untick grano", lambda: setattr(board.brand_boxes["grano"], "value", False)),
        ("threshold 2.0", lambda: setattr(board.threshold, "value", 2.0)),
        ("group shareholders", lambda: setattr(board.group, "value", "shareholder")),
        ("metric net sentiment", lambda: setattr(board.metric, "value", "net_sentiment")),
        ("untick maison", lambda: setattr(board.brand_boxes["maison"], "value", False)),
        ("group everyone", lambda: setattr(board.group, "value", "all")),
    ]


def naive_view(mentions, accounts, board):
    """The anchor: recompute the dashboard's table and alerts from the raw rows, then draw the chart."""
    rows = analytics.with_author_role(mentions, accounts)
    group = board.group.value
    if group != widgets.EVERYONE:
        rows = rows[rows["role"] == group]
    brands = board.selected_brands
    metric = board.metric.value
    if metric == "volume":
        table = analytics.daily_volume(rows).astype(float)
    elif metric == "share_of_voice":
        table = analytics.share_of_voice(rows, freq="D")
    else:
        table = analytics.net_sentiment(rows, by="brand", freq="D")
    table = table.reindex(columns=brands)
    sign = -1.0 if metric == "net_sentiment" else 1.0
    alerts = []
    for brand in brands:
        result = analytics.spikes(sign * table[brand], threshold=board.threshold.value,
                                  exclude_current=board.exclude_today.value)
        alerts += [(day, brand) for day in result.index[result["alert"].to_numpy()]]
    start, end = board.dates.value
    table = table.loc[start:end]
    alerts = pd.DataFrame(alerts, columns=["date", "brand"])
    alerts = alerts[(alerts["date"] >= start) & (alerts["date"] <= end)]
    widgets.Chart().render(lambda ax: plots.volume_with_alerts(table, alerts, ax=ax, metric=metric))
    return table, alerts


def median_ms(samples):
    """The median of a list of seconds, in milliseconds."""
    return 1000 * statistics.median(samples)


def measure(label, mentions, accounts, n_changes):
    """Print the medians for one data set; returns (dashboard_ms, naive_ms)."""
    started = time.perf_counter()
    board = widgets.listen_dashboard(mentions, accounts)
    build_s = time.perf_counter() - started
    changes = control_changes(board)[:n_changes]

    real, naive, data_only = [], [], []
    for _, apply in changes:
        t0 = time.perf_counter()
        apply()  # the observer recomputes and redraws
        real.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        board.refresh(draw=False)
        data_only.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        naive_view(mentions, accounts, board)
        naive.append(time.perf_counter() - t0)

    print(f"{label}: {len(mentions):,} mentions; dashboard built in {build_s:.2f} s")
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

    measure("sample data (scale 1)", data.load("mentions"), data.load("accounts"), args.changes)
    with tempfile.TemporaryDirectory(prefix="socialkit-scale-") as folder:
        command = [sys.executable, "-m", "socialkit.cli", "data", "generate",
                   "--scale", str(args.scale), "--out", folder]
        t0 = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
        print(f"(generated scale-{args.scale:g} data in {time.perf_counter() - t0:.0f} s)")
        mentions = data.load("mentions", folder=Path(folder))
        accounts = data.load("accounts", folder=Path(folder))
        measure(f"scale {args.scale:g}", mentions, accounts, args.changes)
    return 0


if __name__ == "__main__":
    sys.exit(main())
