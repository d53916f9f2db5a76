"""How fast module 02's dashboards answer a control change, on the sample data and at --scale 10.

Run:  MPLBACKEND=Agg .venv/bin/python benchmarks/engagement_dashboards.py [--scale 10] [--changes 20]

For each data set it builds ``widgets.post_mix_dashboard`` and ``widgets.influencer_dashboard`` and makes
the same sequence of control changes a learner would, timing each from the new value to the redrawn chart.
It prints the median time per change:

- ``dashboard``: the real widget (sums precomputed per brand × kind × platform × month, or per author, when
  it opens, so a change only adds small arrays or sorts a few thousand rows, then redraws);
- ``dashboard, data only``: the same without drawing the chart;
- ``naive``: the anchor — a full recompute from the raw rows on every change (filter, group, divide; for the
  influencer finder, ``analytics.influencer_score`` on the raw mentions) and the same chart, i.e. what a
  simple ``interact`` callback would do. The ratio naive / dashboard says what the precomputation buys.

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


from socialkit import analytics, data, plots, widgets  # noqa: E402


def post_mix_changes(board):
    """20 (description, apply) pairs touching every control of the post-mix explorer."""
    boxes = board.platform_boxes
    return [
        ("measure followers", lambda: setattr(board.measure, "value", "er_followers")),
        ("brand grano", lambda: setattr(board.brand, "value", "grano")),
        ("side by side", lambda: setattr(board.split, "value", "side")),
        ("untick x", lambda: setattr(boxes["x"], "value", False)),
        ("months May-Dec", lambda: setattr(board.months, "value", (5, 12))),
        ("measure amplification", lambda: setattr(board.measure, "value", "amplification")),
        ("brand maison", lambda: setattr(board.brand, "value", "maison")),
        ("together", lambda: setattr(board.split, "value", "together")),
        ("untick tiktok", lambda: setattr(boxes["tiktok"], "value", False)),
        ("measure conversation", lambda: setattr(board.measure, "value", "conversation")),
        ("brand lumiere", lambda: setattr(board.brand, "value", "lumiere")),
        ("months Apr", lambda: setattr(board.months, "value", (4, 4))),
        ("tick x", lambda: setattr(boxes["x"], "value", True)),
        ("measure applause", lambda: setattr(board.measure, "value", "applause")),
        ("side by side", lambda: setattr(board.split, "value", "side")),
        ("months all", lambda: setattr(board.months, "value", (1, 12))),
        ("tick tiktok", lambda: setattr(boxes["tiktok"], "value", True)),
        ("measure reach", lambda: setattr(board.measure, "value", "er_reach")),
        ("untick linkedin", lambda: setattr(boxes["linkedin"], "value", False)),
        ("together", lambda: setattr(board.split, "value", "together")),
    ]


def influencer_changes(board):
    """20 (description, apply) pairs touching every control of the influencer finder."""
    return [
        ("engagement", lambda: setattr(board.method, "value", "engagement")),
        ("min 1,000", lambda: setattr(board.min_followers, "value", 1_000)),
        ("journalists", lambda: setattr(board.group, "value", "journalist")),
        ("per post", lambda: setattr(board.method, "value", "engagement_per_post")),
        ("grano", lambda: setattr(board.brand, "value", "grano")),
        ("min 0", lambda: setattr(board.min_followers, "value", 0)),
        ("everyone", lambda: setattr(board.group, "value", "all")),
        ("shares", lambda: setattr(board.method, "value", "amplification")),
        ("all brands", lambda: setattr(board.brand, "value", "all")),
        ("min 10,000", lambda: setattr(board.min_followers, "value", 10_000)),
        ("replies", lambda: setattr(board.method, "value", "conversation")),
        ("industry leaders", lambda: setattr(board.group, "value", "industry_leader")),
        ("lumiere", lambda: setattr(board.brand, "value", "lumiere")),
        ("followers", lambda: setattr(board.method, "value", "followers")),
        ("min 100", lambda: setattr(board.min_followers, "value", 100)),
        ("customers", lambda: setattr(board.group, "value", "customer")),
        ("engagement", lambda: setattr(board.method, "value", "engagement")),
        ("maison", lambda: setattr(board.brand, "value", "maison")),
        ("everyone", lambda: setattr(board.group, "value", "all")),
        ("min 0", lambda: setattr(board.min_followers, "value", 0)),
    ]


def naive_post_mix(posts, accounts, board):
    """The anchor: filter the raw posts, group them, divide, then draw the same chart."""
    first, last = board.months.value
    rows = posts[(posts["brand"] == board.brand.value) & posts["platform"].isin(board.selected_platforms)
                 & posts["ts"].dt.month.between(first, last)]
    by = "post_type" if board.split.value == "together" else ["post_type", "platform"]
    measure = board.measure.value
    if measure in ("er_reach", "er_followers"):
        per = "reach" if measure == "er_reach" else "followers"
        table = analytics.engagement_rate(rows, per=per, accounts=accounts, by=by)
    else:
        column = {"conversation": "conversation_rate", "amplification": "amplification_rate",
                  "applause": "applause_rate"}[measure]
        table = analytics.kaushik_rates(rows, by=by)[column]
    counts = rows.groupby(by, observed=True).size()
    if board.split.value == "side":
        table, counts = table.unstack(), counts.unstack()
    widgets.Chart().render(lambda ax: plots.post_mix(table, counts, ax=ax, measure=measure))


def naive_influencers(mentions, accounts, board):
    """The anchor: rank the authors from the raw mentions on every change, then draw the same chart."""
    rows = mentions if board.brand.value == "all" else mentions[mentions["brand"] == board.brand.value]
    table = analytics.influencer_score(rows, accounts, method=board.method.value,
                                       min_followers=board.min_followers.value)
    if board.group.value != "all":
        table = table[table["role"] == board.group.value]
    widgets.Chart().render(lambda ax: plots.influencer_ranking(table, ax=ax))


def median_ms(samples):
    """The median of a list of seconds, in milliseconds."""
    return 1000 * statistics.median(samples)


def measure(label, build, changes_of, naive, n_changes):
    """Print the medians for one dashboard on one data set; returns (dashboard_ms, naive_ms)."""
    started = time.perf_counter()
    board = build()
    build_s = time.perf_counter() - started
    real, naive_times, data_only = [], [], []
    for _, apply in changes_of(board)[:n_changes]:
        t0 = time.perf_counter()
        apply()  # the observer recomputes and redraws
        real.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        board.refresh(draw=False)
        data_only.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        naive(board)
        naive_times.append(time.perf_counter() - t0)
    print(f"{label}: built in {build_s:.2f} s; median of {len(real)} control changes:")
    print(f"    dashboard (data + chart)   {median_ms(real):8.1f} ms")
    print(f"    dashboard, data only       {median_ms(data_only):8.1f} ms")
    print(f"    naive full recompute       {median_ms(naive_times):8.1f} ms   (anchor)")
    print(f"    ratio naive / dashboard    {statistics.median(naive_times) / statistics.median(real):8.2f} x")
    return median_ms(real), median_ms(naive_times)


def both(label, folder=None):
    """Measure both dashboards on the data in ``folder`` (default: the committed sample)."""
    load = (lambda name: data.load(name)) if folder is None else (lambda name: data.load(name, folder=folder))
    posts, mentions, accounts = load("brand_posts"), load("mentions"), load("accounts")
    print(f"== {label}: {len(posts):,} brand posts, {len(mentions):,} mentions")
    measure("post-mix explorer", lambda: widgets.post_mix_dashboard(posts, accounts), post_mix_changes,
            lambda board: naive_post_mix(posts, accounts, board), ARGS.changes)
    measure("influencer finder", lambda: widgets.influencer_dashboard(mentions, accounts), influencer_changes,
            lambda board: naive_influencers(mentions, accounts, board), ARGS.changes)


def main(argv=None) -> int:
    """Measure on the committed sample data, then on freshly generated data at --scale."""
    global ARGS
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=10, help="scale of the large data set (default 10)")
    parser.add_argument("--changes", type=int, default=20, help="control changes to time (default 20)")
    ARGS = parser.parse_args(argv)
    both("sample data (scale 1)")
    with tempfile.TemporaryDirectory(prefix="socialkit-scale-") as folder:
        command = [sys.executable, "-m", "socialkit.cli", "data", "generate", "--scale", str(ARGS.scale),
                   "--out", folder]
        t0 = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
        print(f"(generated scale-{ARGS.scale:g} data in {time.perf_counter() - t0:.0f} s)")
        both(f"scale {ARGS.scale:g}", Path(folder))
    return 0


ARGS = argparse.Namespace(changes=20)

if __name__ == "__main__":
    sys.exit(main())
