"""How fast module 07's team social map answers a control change, on the sample data and at --scale 10.

Run:  MPLBACKEND=Agg .venv/bin/python benchmarks/team_map_update.py [--scale 10] [--changes 20]

For each data set it builds ``widgets.team_map_dashboard`` and makes the same sequence of control changes a
learner would (who counts as active, who, team, months), timing each from the new value to the redrawn chart.
It prints the median per change, in wall-clock time and in CPU time of this process (the machines are
shared: CPU time is what the dashboard itself costs, wall time also holds the other programs' load):

- ``dashboard``: the real widget (per employee × platform × month, "posted" and "posted about us" are counted
  once when it opens, so a change only takes "any" over a few months and sums small arrays per team);
- ``dashboard, data only``: the same without drawing the chart;
- ``naive``: the anchor — a full recompute from the raw tables on every change with the kit's metrics
  (``analytics.participation_rate`` by team and platform, ``analytics.advocacy_reach``) and the same chart on a
  new figure, i.e. what a simple ``interact`` callback would do. The ratio naive / dashboard says what the
  precomputation and the kept figure buy;
- ``listening dashboard``: module 01's dashboard, measured in the same run as a yardstick for the machine's
  load (ratio team / listening).

The goal is a median under 100 ms per change on the sample data. The scale-10 data is written by
``socialkit data generate --scale 10`` into a temporary folder.
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
from socialkit.widgets.team import ALL_TEAMS, MAP_TITLES  # noqa: E402


def team_map_changes(board):
    """20 (description, apply) pairs touching every control of the team social map."""
    def put(control, value):
        return lambda: setattr(control, "value", value)

    return [
        ("team cafés", put(board.team, "cafes")), ("months Oct-Dec", put(board.months, (10, 12))),
        ("posted", put(board.active, "posted")), ("members", put(board.who, "members")),
        ("survey", put(board.active, "survey")), ("team marketing", put(board.team, "marketing")),
        ("others", put(board.who, "others")), ("about us", put(board.active, "about")),
        ("months Apr", put(board.months, (4, 4))), ("all teams", put(board.team, ALL_TEAMS)),
        ("everyone", put(board.who, "everyone")), ("months Jan-Jun", put(board.months, (1, 6))),
        ("team sales", put(board.team, "sales")), ("posted", put(board.active, "posted")),
        ("members", put(board.who, "members")), ("months Jul-Dec", put(board.months, (7, 12))),
        ("team finance", put(board.team, "finance")), ("about us", put(board.active, "about")),
        ("everyone", put(board.who, "everyone")), ("all year", put(board.months, (1, 12))),
    ]


def listen_changes(board):
    """Control changes on the listening dashboard (the yardstick), as its Try-this steps move them."""
    def put(control, value):
        return lambda: setattr(control, "value", value)

    days = board.dates.options
    return [
        ("baseline before", put(board.exclude_today, True)), ("threshold 3", put(board.threshold, 3.0)),
        ("journalists", put(board.group, "journalist")), ("net sentiment", put(board.metric, "net_sentiment")),
        ("grano", put(board.brand_boxes["grano"], True)), ("share of voice", put(board.metric, "share_of_voice")),
        ("everyone", put(board.group, "all")), ("volume", put(board.metric, "volume")),
        ("dates spring", put(board.dates, (days[60][1], days[150][1]))), ("threshold 2", put(board.threshold, 2.0)),
    ] * 2


def naive_team_map(employees, posts, accounts, board):
    """The anchor: recompute the map and the reach from the raw tables with the kit's metrics, draw anew."""
    first, last = board.months.value
    staff = employees
    if board.who.value != "everyone":
        staff = staff[staff["advocacy_opt_in"] == (board.who.value == "members")]
    rows = posts[posts["ts"].dt.month.between(first, last)]
    if board.active.value == "survey":
        table = analytics.platform_adoption(staff)
    else:
        about = board.active.value == "about"
        table = analytics.participation_rate(staff, rows, by=["team", "platform"], about_company=about)
        table["any"] = analytics.participation_rate(staff, rows, by="team", about_company=about)
    chosen = staff if board.team.value == ALL_TEAMS else staff[staff["team"] == board.team.value]
    followers = analytics.advocacy_reach(chosen, rows)
    brand = analytics.brand_reach(accounts)

    def draw(ax):
        ax.set_position([0.12, 0.1, 0.5, 0.78])
        plots.adoption_heatmap(table, ax=ax, xlabel=False, title=MAP_TITLES[board.active.value])
        plots.reach_inset(followers, brand, ax)

    widgets.Chart(figsize=board.figsize).render(draw)


def timed(apply):
    """(wall seconds, CPU seconds) that ``apply()`` takes."""
    wall, cpu = time.perf_counter(), time.process_time()
    apply()
    return time.perf_counter() - wall, time.process_time() - cpu


def median_ms(samples):
    """The median of a list of seconds, in milliseconds."""
    return 1000 * statistics.median(samples)


def measure(label, folder, n_changes):
    """Print the medians for the team social map (and the listening yardstick) on one data set."""
    load = (lambda name: data.load(name)) if folder is None else (lambda name: data.load(name, folder=folder))
    employees, posts, accounts, mentions = load("employees"), load("employee_posts"), load("accounts"), load("mentions")
    print(f"== {label}: {len(employees):,} employees, {len(posts):,} posts")
    started = time.perf_counter()
    board = widgets.team_map_dashboard(employees, posts, accounts)
    print(f"team social map built in {time.perf_counter() - started:.2f} s; median of {n_changes} control changes:")
    real, cpu, data_only, naive = [], [], [], []
    for _, apply in team_map_changes(board)[:n_changes]:
        wall_s, cpu_s = timed(apply)  # the observer recomputes and redraws
        real.append(wall_s)
        cpu.append(cpu_s)
        data_only.append(timed(lambda: board.refresh(draw=False))[0])
        naive.append(timed(lambda: naive_team_map(employees, posts, accounts, board))[0])
    listen = widgets.listen_dashboard(mentions, accounts)
    yard, yard_cpu = [], []
    for _, apply in listen_changes(listen)[:n_changes]:
        wall_s, cpu_s = timed(apply)
        yard.append(wall_s)
        yard_cpu.append(cpu_s)
    print(f"    dashboard (data + chart)   {median_ms(real):8.1f} ms wall   {median_ms(cpu):8.1f} ms CPU")
    print(f"    dashboard, data only       {median_ms(data_only):8.1f} ms wall")
    print(f"    naive full recompute       {median_ms(naive):8.1f} ms wall   (anchor)")
    print(f"    ratio naive / dashboard    {statistics.median(naive) / statistics.median(real):8.2f} x")
    print(f"    listening dashboard        {median_ms(yard):8.1f} ms wall   {median_ms(yard_cpu):8.1f} ms CPU"
          f"   (yardstick; team / listening: {statistics.median(real) / statistics.median(yard):.2f} x wall, "
          f"{statistics.median(cpu) / statistics.median(yard_cpu):.2f} x CPU)")
    goal = "met" if median_ms(cpu) < 100 else "NOT met"
    print(f"    goal < 100 ms (CPU time of this process): {goal}")


def main(argv=None) -> int:
    """Measure on the committed sample data, then on freshly generated data at --scale."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=10, help="scale of the large data set (default 10; 0: skip)")
    parser.add_argument("--changes", type=int, default=20, help="control changes to time (default 20)")
    args = parser.parse_args(argv)
    measure("sample data (scale 1)", None, args.changes)
    if args.scale:
        with tempfile.TemporaryDirectory(prefix="socialkit-scale-") as folder:
            command = [sys.executable, "-m", "socialkit.cli", "data", "generate", "--scale", str(args.scale),
                       "--out", folder]
            t0 = time.perf_counter()
            subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
            print(f"(generated scale-{args.scale:g} data in {time.perf_counter() - t0:.0f} s)")
            measure(f"scale {args.scale:g}", Path(folder), args.changes)
    return 0


if __name__ == "__main__":
    sys.exit(main())
