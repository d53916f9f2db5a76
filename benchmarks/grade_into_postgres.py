"""Grade the same cohort into the workspace's SQLite gradebook and into a fresh PostgreSQL database; compare.

    python benchmarks/grade_into_postgres.py [--learners 20] [--assignment 01_listen]

Starts a throw-away PostgreSQL on 127.0.0.1 (Debian's postgresql, as the tests do) and times, from
an empty database: `socialkit grade` (sandbox on, registration included) with ``--database``, against
the same run with the default SQLite file. Also prints the server's own start time (initdb + start).
"""

from __future__ import annotations

import argparse
import csv
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from grading_cohort import cohort, write_cohort  # noqa: E402
from services import Postgres  # noqa: E402


def grade(workspace: Path, assignment: str, env: dict, *extra: str) -> float:
    """Seconds `socialkit grade` takes on the cohort written in ``workspace``."""
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "socialkit.cli", "grade", assignment, "--workspace", str(workspace),
                    *extra], env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def scores(workspace: Path, assignment: str) -> dict[str, str]:
    """Each learner's auto score from the grades CSV."""
    with open(workspace / "reports" / f"{assignment}-grades.csv", newline="") as handle:
        return {row["learner"]: row["auto_score"] for row in csv.DictReader(handle)}


def main() -> int:
    """Time both gradebooks on one cohort; print the ratio and whether the scores agree."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, default=20)
    parser.add_argument("--assignment", default="01_listen")
    args = parser.parse_args()
    env = dict(os.environ, PATH=f"{Path(sys.executable).parent}:{os.environ['PATH']}", MPLBACKEND="Agg")
    started = time.perf_counter()
    server = Postgres().start()
    server_seconds = time.perf_counter() - started
    base = Path(tempfile.mkdtemp(prefix="pg-bench-"))
    try:
        submissions = cohort(ROOT, args.assignment, base, size=args.learners)
        for side in ("sqlite", "postgres"):
            write_cohort(submissions, base / side, args.assignment)
        sqlite_seconds = grade(base / "sqlite", args.assignment, env)
        url = server.create_database("bench")
        postgres_seconds = grade(base / "postgres", args.assignment, env, "--database", url)
        agree = scores(base / "sqlite", args.assignment) == scores(base / "postgres", args.assignment)
    finally:
        shutil.rmtree(base, ignore_errors=True)
        server.stop()
    print(f"cohort: {args.learners} learners of {args.assignment}, {os.cpu_count()} cores, sandbox on")
    print(f"PostgreSQL server start (initdb + pg_ctl start): {server_seconds:5.1f} s")
    print(f"grade into SQLite (gradebook.db)           : {sqlite_seconds:5.1f} s")
    print(f"grade into a fresh PostgreSQL database      : {postgres_seconds:5.1f} s")
    print(f"ratio PostgreSQL / SQLite: {postgres_seconds / sqlite_seconds:.2f}x")
    print("same scores both ways: " + ("yes" if agree else "NO"))
    return 0 if agree else 1


if __name__ == "__main__":
    sys.exit(main())
