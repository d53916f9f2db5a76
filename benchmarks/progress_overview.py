"""Time a self-paced learner's ``progress()`` across every module, beside its anchor: running each notebook in a kernel.

    python benchmarks/progress_overview.py [--repeat 3]

A learner's copy of the kit is built in a temporary folder (lessons and data linked, every available
module's exercise notebook answered with the solutions' lines, reflections written), with an empty
temporary home folder. Timed, each as a fresh ``socialkit progress`` process (interpreter start
included) unless said otherwise:

  cold       no cache: every notebook's answers re-checked (computed answers re-run in one fresh process)
  cold, 2    the same split over two fresh processes (``SOCIALKIT_RECHECK_WORKERS=2``)
  one saved  the cache is warm, one notebook was saved again with a changed answer
  warm       nothing changed since the last look: every verdict from the cache
  in kernel  ``course_progress()`` called again in a running Python (the "Check again" button), warm
  anchor     every answered notebook executed top to bottom in a fresh python3 kernel (nbclient), in series:
             what re-checking "by running the notebooks" would cost

The table gives the median wall time of ``--repeat`` runs and each one's ratio to the anchor.
"""

from __future__ import annotations

import argparse
import json
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

from learner_notebooks import answered  # noqa: E402

from socialkit import course  # noqa: E402


def learner_kit(folder: Path) -> list[Path]:
    """A learner's kit under ``folder`` with every available module answered; the notebooks' paths."""
    (folder / "course").mkdir(parents=True)
    for module in course.available(ROOT):
        (folder / "course" / module.slug).symlink_to(ROOT / "course" / module.slug)
    (folder / "datasets").symlink_to(ROOT / "datasets")
    return [answered(m, m.exercises(folder)) for m in course.available(ROOT)]


def progress_process(env: dict) -> float:
    """Wall time of one ``socialkit progress`` in a fresh process; fails loudly if it does not report."""
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "socialkit.cli", "progress"], env=env, capture_output=True,
                          text=True, check=True)
    seconds = time.perf_counter() - started
    assert "Next step:" in done.stdout, done.stdout + done.stderr
    return seconds


def change_one(path: Path, round_number: int) -> None:
    """Save the notebook again with its Q4 answer changed (a different value each round)."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        if (cell.get("metadata", {}).get("nbgrader") or {}).get("grade_id") == "q4":
            cell["source"] = "".join(cell["source"]).rstrip() + f"\n_round = {round_number}\n"
    path.write_text(json.dumps(nb), encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs of each progress measure (default 3)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="socialkit-progress-bench-") as tmp:
        kit, home = Path(tmp) / "kit", Path(tmp) / "home"
        notebooks = learner_kit(kit)
        env = {**os.environ, "SOCIALKIT_ROOT": str(kit), "SOCIALKIT_HOME": str(home), "MPLBACKEND": "Agg"}
        times: dict[str, list[float]] = {"cold": [], "cold, 2": [], "one saved": [], "warm": [], "in kernel": []}
        for n in range(args.repeat):
            shutil.rmtree(home, ignore_errors=True)
            times["cold, 2"].append(progress_process({**env, "SOCIALKIT_RECHECK_WORKERS": "2"}))
            shutil.rmtree(home, ignore_errors=True)
            times["cold"].append(progress_process(env))
            change_one(notebooks[1], n)
            times["one saved"].append(progress_process(env))
            times["warm"].append(progress_process(env))
        os.environ.update(SOCIALKIT_ROOT=str(kit), SOCIALKIT_HOME=str(home))
        from socialkit.progress.overview import course_progress

        first = course_progress(kit)
        assert first.rechecked == 0 and all(m.status in ("done", "not yet available") for m in first.modules)
        for _ in range(args.repeat):
            started = time.perf_counter()
            course_progress(kit)
            times["in kernel"].append(time.perf_counter() - started)

        from socialkit.notebooks import execute_notebook

        started = time.perf_counter()
        for path in notebooks:
            execute_notebook(path, env={"SOCIALKIT_ROOT": str(kit)})
        anchor = time.perf_counter() - started

    print(f"progress() across {len(notebooks)} answered modules ({len(course.MODULES)} in the course table), "
          f"median of {args.repeat}; anchor: each notebook run in a fresh kernel, in series; "
          f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}")
    print(f"{'measure':<12} {'seconds':>8} {'× anchor':>9}")
    for name, values in times.items():
        median = statistics.median(values)
        print(f"{name:<12} {median:8.3f} {median / anchor:9.3f}")
    print(f"{'anchor':<12} {anchor:8.3f} {1:9.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
