"""Grade the same cohort on this machine and through a Dask cluster on this machine; compare (the overhead).

    python benchmarks/grade_on_dask.py [--learners 20] [--assignment 01_listen] [--rounds 1]

Both sides run `socialkit grade` with the sandbox on, into fresh workspaces (registration included):
locally with ``--jobs 2``, and with ``--scheduler`` against a real ``dask scheduler`` and two
single-thread ``dask worker`` processes started on 127.0.0.1 by this script. On one 2-core machine
the cluster cannot be faster; the ratio measures what shipping notebooks to workers costs (goal
<= 1.15x). Also checks both gave every learner the same score, and reports the seconds per notebook.
"""

from __future__ import annotations

import argparse
import csv
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from grading_cohort import cohort, write_cohort  # noqa: E402
from services import DaskCluster  # noqa: E402


def grade(workspace: Path, assignment: str, env: dict, *extra: str) -> float:
    """Seconds `socialkit grade` takes on the cohort already written in ``workspace``."""
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "socialkit.cli", "grade", assignment, "--workspace", str(workspace),
                    *extra], env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def scores(workspace: Path, assignment: str) -> dict[str, str]:
    """Each learner's auto score from the grades CSV."""
    with open(workspace / "reports" / f"{assignment}-grades.csv", newline="") as handle:
        return {row["learner"]: row["auto_score"] for row in csv.DictReader(handle)}


def main() -> int:
    """Grade both ways, alternating for ``--rounds``; print medians, the ratio and whether scores agree."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, default=20)
    parser.add_argument("--assignment", default="01_listen")
    parser.add_argument("--rounds", type=int, default=1)
    args = parser.parse_args()
    env = dict(os.environ, PATH=f"{Path(sys.executable).parent}:{os.environ['PATH']}", MPLBACKEND="Agg")
    cluster = DaskCluster(env).start(workers=2)
    local, dask, agree = [], [], True
    try:
        for _ in range(max(1, args.rounds)):
            base = Path(tempfile.mkdtemp(prefix="dask-bench-"))
            try:
                submissions = cohort(ROOT, args.assignment, base, size=args.learners)
                for side in ("local", "dask"):
                    write_cohort(submissions, base / side, args.assignment)
                local.append(grade(base / "local", args.assignment, env, "--jobs", "2"))
                dask.append(grade(base / "dask", args.assignment, env, "--scheduler", cluster.address))
                agree &= scores(base / "local", args.assignment) == scores(base / "dask", args.assignment)
            finally:
                shutil.rmtree(base, ignore_errors=True)
    finally:
        cluster.stop()
    here, there = statistics.median(local), statistics.median(dask)
    print(f"cohort: {args.learners} learners of {args.assignment}, {os.cpu_count()} cores, {len(local)} round(s), "
          "medians, sandbox on, registration included")
    print(f"local  (--jobs 2)                      : {here:6.1f} s  ({here / args.learners:.2f} s per notebook)")
    print(f"Dask   (scheduler + 2 workers x 1 thread): {there:6.1f} s  ({there / args.learners:.2f} s per notebook)")
    print(f"ratio Dask / local: {there / here:.2f}x  (goal <= 1.15x)")
    print("same scores both ways: " + ("yes" if agree else "NO"))
    return 0 if agree else 1


if __name__ == "__main__":
    sys.exit(main())
