"""How fast, and in how much memory, the kit reads a large export, side by side with plain pandas.read_csv.

Run:  .venv/bin/python benchmarks/read_export.py [--rows 500000] [--format hootsuite|x] [--repeat 3]

It writes a synthetic export of ``--rows`` rows in a platform's real layout into a temporary
folder — Hootsuite's Facebook posts table by default (12 columns: a "Date (GMT)" time, page
names, post ids, messages with commas, quotes, accents and emoji, "(Post with no description)",
three counts and an empty column), or X Analytics' 40-column tweet export (every cell quoted,
counts written "89.0", promoted columns "-") — and times, each in a fresh Python process:

- ``pandas.read_csv``: the anchor, ``pd.read_csv(path)`` with its own type inference (no zone,
  no cleaning, no checks);
- ``socialkit``: ``socialkit.exports.read(path)`` — sniffing, recognising the profile, streaming
  in chunks, cleaning, typing every schema column (times to UTC), typing the extra columns,
  checking every cell, and the report.

It prints the median and best wall time and the peak resident memory of each process (minus what
the process held after its imports), and the ratios socialkit / pandas. Goal: time ratio ≤ 2.
"""

from __future__ import annotations

import argparse
import csv
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np

CHILD = r"""
import json, resource, sys, time
import pandas as pd
from socialkit import exports
path, how = sys.argv[1], sys.argv[2]
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
start = time.perf_counter()
if how == "pandas":
    rows = len(pd.read_csv(path))
else:
    rows = len(exports.read(path, max_mb=10_000).table)
seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"seconds": seconds, "peak_mb": peak / 1024, "base_mb": base / 1024, "rows": rows}))
"""

MESSAGES = ["(Post with no description)",
            "Wyndham Police night shift crews were out in force overnight, conducting random breath tests.",
            "Un café, s'il vous plaît ☕ — merci ! Notre nouveau mélange est arrivé.",
            'They said "best flat white in town", we agree 😍 #coffee #lyon',
            "Can WE all strive for Zero in 2018  - Towards Zero"]
PAGES = ["Café Lumière", "Eyewatch - Ballarat Police Service Area", "Grano & Co"]


def write_hootsuite(path: Path, rows: int, seed: int = 2025) -> None:
    """Hootsuite's Facebook posts table, ``rows`` rows, deterministic."""
    rng = np.random.default_rng(seed)
    stamps = (np.datetime64("2025-01-01T00:00:00") + rng.integers(0, 365 * 86400, rows).astype("timedelta64[s]"))
    dates = np.datetime_as_string(stamps, unit="s")
    ids = rng.integers(10 ** 14, 10 ** 15, rows)
    pages = rng.integers(0, len(PAGES), rows)
    messages = rng.integers(0, len(MESSAGES), rows)
    kinds = rng.choice(["Link", "Photo", "Video"], rows)
    counts = rng.integers(0, 500, (rows, 3))
    with path.open("w", encoding="utf-8", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(["Date (GMT)", "Facebook Page", "Post ID", "Post Permalink", "Post Type", "Post Message",
                      "Tags", "Campaign", "Reactions", "Comments", "Shares", "Ow.ly Clicks"])
        for i in range(rows):
            out.writerow([dates[i].replace("T", " "), PAGES[pages[i]], f"103131960018479_{ids[i]}",
                          f"https://www.facebook.com/103131960018479/posts/{ids[i]}", kinds[i],
                          MESSAGES[messages[i]], "", "", counts[i, 0], counts[i, 1], counts[i, 2], ""])


def write_x(path: Path, rows: int, seed: int = 2025) -> None:
    """X Analytics' per-tweet export (40 quoted columns, counts as "89.0", promoted columns "-")."""
    rng = np.random.default_rng(seed)
    header = ["Tweet id", "Tweet permalink", "Tweet text", "time", "impressions", "engagements", "engagement rate",
              "retweets", "replies", "likes", "user profile clicks", "url clicks", "hashtag clicks", "detail expands",
              "permalink clicks", "app opens", "app installs", "follows", "email tweet", "dial phone", "media views",
              "media engagements"] + [f"promoted {m}" for m in (
                  "impressions", "engagements", "engagement rate", "retweets", "replies", "likes",
                  "user profile clicks", "url clicks", "hashtag clicks", "detail expands", "permalink clicks",
                  "app opens", "app installs", "follows", "email tweet", "dial phone", "media views",
                  "media engagements")]
    start = 1432793754507923461
    ids = start - np.cumsum(rng.integers(1, 10 ** 15, rows))
    counts = rng.integers(0, 300, (rows, 17))
    with path.open("w", encoding="utf-8", newline="") as handle:
        out = csv.writer(handle, quoting=csv.QUOTE_ALL)
        out.writerow(header)
        for i in range(rows):
            ms = (int(ids[i]) >> 22) + 1288834974657
            stamp = np.datetime_as_string(np.datetime64(ms, "ms"), unit="m").replace("T", " ") + " +0000"
            impressions = int(counts[i, 0]) * 10 + 1
            row = [str(ids[i]), f"https://twitter.com/cafelumiere/status/{ids[i]}",
                   MESSAGES[i % len(MESSAGES)] + "\nsecond line", stamp, f"{impressions}.0", f"{counts[i, 1]}.0",
                   str(counts[i, 1] / impressions)] + [f"{c}.0" for c in counts[i, 2:11]] + \
                  [str(c) for c in counts[i, 11:17]] + ["-"] * 18
            out.writerow(row)


def measure(path: Path, how: str) -> dict:
    run = subprocess.run([sys.executable, "-c", CHILD, str(path), how], capture_output=True, text=True, check=True)
    return json.loads(run.stdout.strip().splitlines()[-1])


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=500_000)
    parser.add_argument("--format", choices=("hootsuite", "x"), default="hootsuite")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"{args.format}_{args.rows}.csv"
        (write_hootsuite if args.format == "hootsuite" else write_x)(path, args.rows)
        size = path.stat().st_size / 1e6
        print(f"{args.rows:,} rows, {args.format} layout, {size:,.0f} MB")
        results = {"pandas": [], "socialkit": []}
        for _ in range(args.repeat):
            for how in results:  # alternate, so both see the same machine load
                results[how].append(measure(path, how))
    summary = {}
    for how, runs in results.items():
        assert all(r["rows"] == args.rows for r in runs), f"{how} did not load every row"
        seconds = [r["seconds"] for r in runs]
        memory = max(r["peak_mb"] - r["base_mb"] for r in runs)
        summary[how] = (statistics.median(seconds), min(seconds), memory)
        each = ", ".join(f"{s:.2f}" for s in seconds)
        print(f"{how:<16} median {statistics.median(seconds):6.2f} s, best {min(seconds):6.2f} s   "
              f"peak memory +{memory:,.0f} MB   (runs: {each} s)")
    ratios = [summary["socialkit"][i] / summary["pandas"][i] for i in range(3)]
    print(f"ratio socialkit / pandas: time {ratios[0]:.2f}x median, {ratios[1]:.2f}x best (goal ≤ 2); "
          f"memory {ratios[2]:.2f}x")
    print("(on a shared machine the best runs are the fairer comparison: both programs then had the cores)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
