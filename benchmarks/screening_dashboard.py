"""How fast the screening calculator (module 05) answers a control change, on the sample data and at --scale 10.

Run:  MPLBACKEND=Agg .venv/bin/python benchmarks/screening_dashboard.py [--scale 10] [--changes 20]

It builds ``widgets.screening_dashboard`` and makes the same sequence of control changes a learner
would (the threshold up and down, the meeting length), timing each one from the new value to the
redrawn chart, and prints the median per change:

- ``dashboard``: the real widget (the trade-off curve computed once per meeting length when it
  opens, so a change reads one row, counts four cells and redraws);
- ``dashboard, data only``: the same without drawing the chart;
- ``naive``: the anchor — what a simple ``interact`` callback would do on every change: keep the
  meetings held, compute the score, the whole trade-off curve and the current point from the raw
  rows, and draw the same chart. The ratio naive / dashboard says what the precomputation buys.

The scale-10 table is built with the generator's own function and its own random stream (the one
``socialkit data generate --seed 2025 --scale 10`` uses for this table), without writing the other
tables.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time

os.environ.setdefault("MPLBACKEND", "Agg")

import numpy as np  # noqa: E402

from socialkit import analytics, data, plots, widgets  # noqa: E402


def control_changes(board):
    """A fixed sequence of (description, apply) pairs touching both controls, 20 by default."""
    steps = [("threshold", t) for t in (1.0, 2.0, 3.0, 4.0, 5.0)] + [("length", 1.0)] + \
            [("threshold", t) for t in (6.0, 3.5, 2.5)] + [("length", 3.0)] + \
            [("threshold", t) for t in (7.0, 8.0, 4.5)] + [("length", "diary")] + \
            [("threshold", t) for t in (0.5, 9.0, 5.5, 1.5)] + [("length", 1.5), ("threshold", 4.0)]
    control = {"threshold": board.threshold, "length": board.length}
    return [(f"{name} {value}", lambda c=control[name], v=value: setattr(c, "value", v)) for name, value in steps]


def naive_view(requests, board):
    """The anchor: recompute everything the dashboard shows from the raw rows, then draw the chart."""
    meetings = requests[requests["met"] & requests["valuable"].notna()]
    length = board.length.value
    hours = None if length == "diary" else length
    curve = analytics.screening_tradeoff(meetings, hours_per_meeting=hours)
    point = analytics.screening_tradeoff(meetings, [board.threshold.value], hours_per_meeting=hours)
    widgets.Chart(board.figsize).render(
        lambda ax: plots.screening_tradeoff(curve, ax=ax, current=board.threshold.value))
    return point


def median_ms(samples):
    """The median of a list of seconds, in milliseconds."""
    return 1000 * statistics.median(samples)


def measure(label, requests, n_changes):
    """Print the medians for one table; returns (dashboard_ms, naive_ms)."""
    started = time.perf_counter()
    board = widgets.screening_dashboard(requests)
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
        naive_view(requests, board)
        naive.append(time.perf_counter() - t0)
    print(f"{label}: {len(requests):,} requests; dashboard built in {build_s:.2f} s")
    print(f"  median of {len(changes)} control changes:")
    print(f"    dashboard (data + chart)   {median_ms(real):8.1f} ms")
    print(f"    dashboard, data only       {median_ms(data_only):8.2f} ms")
    print(f"    naive full recompute       {median_ms(naive):8.1f} ms   (anchor)")
    print(f"    ratio naive / dashboard    {statistics.median(naive) / statistics.median(real):8.2f} x")
    return median_ms(real), median_ms(naive)


def scaled_requests(scale: float, seed: int = 2025):
    """The meeting_candidates table as ``socialkit data generate --seed --scale`` would build it."""
    from socialkit.datagen import TABLE_ORDER
    from socialkit.datagen.people import build_meeting_candidates

    child = np.random.SeedSequence(seed).spawn(len(TABLE_ORDER))[TABLE_ORDER.index("meeting_candidates")]
    return build_meeting_candidates(np.random.default_rng(child), scale)


def main(argv=None) -> int:
    """Measure on the committed sample data, then on a table built at --scale."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=10, help="scale of the large table (default 10)")
    parser.add_argument("--changes", type=int, default=20, help="control changes to time (default 20)")
    args = parser.parse_args(argv)
    measure("sample data (scale 1)", data.load("meeting_candidates"), args.changes)
    measure(f"scale {args.scale:g}", scaled_requests(args.scale), args.changes)
    return 0


if __name__ == "__main__":
    sys.exit(main())
