"""Grade the same generated cohort with plain `nbgrader autograde` and with `socialkit grade`; compare.

    python benchmarks/grade_cohort.py [--learners 20] [--assignment 01_listen] [--rounds 1]

Plain nbgrader is run as a trainer would: `nbgrader generate_assignment` then `nbgrader autograde`
from the command line, learner code unsandboxed, one notebook at a time. `socialkit grade` runs with
its sandbox on and its default number of workers (the number of cores), from an inbox of the same
notebooks, into a fresh workspace (so both sides include registering the assignment). The script
also checks that both graders gave every learner the same auto score. With ``--rounds N`` both are
run N times, alternating, and the medians are compared (the machine may be shared).
"""

from __future__ import annotations

import argparse
import csv
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from grading_cohort import cohort, write_cohort  # noqa: E402

PLAIN_CONFIG = '''c = get_config()
c.CourseDirectory.root = {root!r}
c.CourseDirectory.source_directory = "solutions"
c.CourseDirectory.release_directory = "exercises"
c.CourseDirectory.db_url = "sqlite:///{root}/gradebook.db"
c.ClearSolutions.code_stub = {{"python": ""}}
c.OverwriteCells.add_missing_cells = True
'''


def timed(cmd: list[str], cwd: Path, env: dict) -> float:
    """Run a command to completion and return its wall time in seconds (fails loudly on error)."""
    start = time.perf_counter()
    done = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}")
    return elapsed


def plain_scores(course: Path, assignment: str) -> dict[str, float]:
    """Auto score per learner from the plain nbgrader gradebook."""
    db = sqlite3.connect(course / "gradebook.db")
    rows = db.execute(
        "SELECT submitted_assignment.student_id, SUM(COALESCE(grade.auto_score, 0)) FROM grade "
        "JOIN submitted_notebook ON grade.notebook_id = submitted_notebook.id "
        "JOIN submitted_assignment ON submitted_notebook.assignment_id = submitted_assignment.id "
        "JOIN assignment ON submitted_assignment.assignment_id = assignment.id "
        "WHERE assignment.name = ? GROUP BY submitted_assignment.student_id", (assignment,)).fetchall()
    return {learner: float(score) for learner, score in rows}


def main() -> int:
    """Run both graders on one cohort and print their times and the ratio."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, default=20)
    parser.add_argument("--assignment", default="01_listen")
    parser.add_argument("--rounds", type=int, default=1, help="repeat both graders and compare medians")
    args = parser.parse_args()
    bin_dir = Path(sys.executable).parent
    env = dict(os.environ, PATH=f"{bin_dir}:{os.environ['PATH']}", MPLBACKEND="Agg")
    results = [one_round(args, env, bin_dir) for _ in range(max(1, args.rounds))]
    generate, autograde, ours = (statistics.median(r[i] for r in results) for i in range(3))
    mismatched = sorted({learner for r in results for learner in r[3]})
    plain = generate + autograde
    cores = os.cpu_count()
    print(f"cohort: {args.learners} learners of {args.assignment}, {cores} cores, {len(results)} round(s), medians")
    print(f"plain nbgrader (CLI): generate_assignment {generate:6.1f} s + autograde {autograde:6.1f} s "
          f"= {plain:6.1f} s  (unsandboxed, one notebook at a time)")
    print(f"socialkit grade     : {ours:6.1f} s  (sandboxed, {cores} workers, intake + registration included)")
    print(f"ratio plain / socialkit: {plain / ours:.2f}x  (goal >= 1.6x); autograde alone vs socialkit: "
          f"{autograde / ours:.2f}x")
    print("same auto scores from both graders: " + ("yes" if not mismatched else f"NO: {mismatched}"))
    return 0 if not mismatched else 1


def one_round(args, env: dict, bin_dir: Path) -> tuple[float, float, float, list[str]]:
    """Grade a fresh copy of the cohort both ways: (generate s, autograde s, socialkit s, mismatched learners)."""
    base = Path(tempfile.mkdtemp(prefix="grade-bench-"))
    try:
        submissions = cohort(ROOT, args.assignment, base, size=args.learners)
        course = base / "plain"
        shutil.copytree(ROOT / "solutions" / args.assignment, course / "solutions" / args.assignment)
        (course / "nbgrader_config.py").write_text(PLAIN_CONFIG.format(root=str(course)))
        write_cohort(submissions, course, args.assignment)
        inbox = base / "inbox"
        write_cohort(submissions, inbox, args.assignment, layout="inbox")

        nbgrader = str(bin_dir / "nbgrader")
        generate = timed([nbgrader, "generate_assignment", args.assignment, "--force"], course, env)
        autograde = timed([nbgrader, "autograde", args.assignment], course, env)
        workspace = base / "workspace"
        ours = timed([sys.executable, "-m", "socialkit.cli", "grade", args.assignment, "--workspace",
                      str(workspace), "--from", str(inbox)], base, env)
        with open(workspace / "reports" / f"{args.assignment}-grades.csv", newline="") as handle:
            rows = {r["learner"]: r for r in csv.DictReader(handle)}
        theirs = plain_scores(course, args.assignment)
        mismatched = [n for n in submissions if float(rows[n]["auto_score"] or -1) != theirs.get(n)]
        return generate, autograde, ours, mismatched
    finally:
        shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
