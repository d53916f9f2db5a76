"""Several processes opening one fresh PostgreSQL gradebook at once: nbgrader 0.9.6 alone vs socialkit's create-once.

Starts a throw-away PostgreSQL on 127.0.0.1 (Debian's postgresql, as the tests do), then for each
run creates an empty database and releases N processes together through a barrier; counts the
processes that failed. Usage: python benchmarks/gradebook_race.py [--runs 4] [--processes 6]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
os.environ["PATH"] = f"{Path(sys.executable).parent}:{os.environ['PATH']}"  # nbgrader runs `alembic`

from services import Postgres, open_at_once  # noqa: E402


def main() -> None:
    """Print failures per run for both ways, and the time to open a fresh gradebook socialkit's way."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=4)
    parser.add_argument("--processes", type=int, default=6)
    args = parser.parse_args()
    server = Postgres().start()
    try:
        for guarded, label in ((False, "nbgrader alone"), (True, "socialkit create-once")):
            failures, seconds = [], []
            for run in range(args.runs):
                url = server.create_database(f"race_{int(guarded)}_{run}")
                started = time.perf_counter()
                outcome = open_at_once(url, args.processes, guarded=guarded)
                seconds.append(time.perf_counter() - started)
                failures.append(sum(1 for o in outcome if o != "ok"))
                errors = sorted({o.split(":")[0] for o in outcome if o != "ok"})
                print(f"{label}, run {run + 1}: {failures[-1]}/{args.processes} failed {errors or ''}", flush=True)
            print(f"{label}: {sum(failures)} failures in {args.runs} runs of {args.processes} processes; "
                  f"median {sorted(seconds)[len(seconds) // 2]:.2f} s per run")
    finally:
        server.stop()


if __name__ == "__main__":
    main()
