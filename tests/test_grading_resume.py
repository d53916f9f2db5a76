"""A grading run killed with SIGKILL keeps every recorded grade, and the next run completes the cohort.

Runs on a tiny fixture kit (``SOCIALKIT_ROOT``) so that it tests resuming, not the course content."""

from __future__ import annotations

import csv
import os
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
import pytest

from grading_cohort import answer_ids, cohort, grade_id, make_fixture_kit, write_cohort

ASSIGNMENT = "01_listen"
pytestmark = [pytest.mark.slow, pytest.mark.sandbox]


def command(workspace: Path) -> list[str]:
    """The grading command line for this workspace."""
    return [sys.executable, "-m", "socialkit.cli", "grade", ASSIGNMENT, "--workspace", str(workspace),
            "--jobs", "2", "--timeout", "30"]


def processes_mentioning(text: str) -> list[int]:
    """Pids of live processes whose command line contains ``text`` (leftover sandboxed kernels)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if text in (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace"):
                    found.append(int(entry.name))
            except OSError:
                continue
    return found


def test_sigkill_mid_run_loses_nothing_and_a_rerun_completes(tmp_path):
    kit = make_fixture_kit(tmp_path / "kit", ASSIGNMENT)
    workspace = tmp_path / "workspace"
    submissions = cohort(kit, ASSIGNMENT, workspace, size=8)
    write_cohort(submissions, workspace, ASSIGNMENT)
    env = dict(os.environ, PATH=f"{Path(sys.executable).parent}:{os.environ['PATH']}", MPLBACKEND="Agg",
               SOCIALKIT_ROOT=str(kit))
    status_dir = workspace / "status" / ASSIGNMENT
    run = subprocess.Popen(command(workspace), env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 300

    def kernels_in_flight() -> list[Path]:
        return list(Path(tempfile.gettempdir()).glob(f"socialkit-kernel-{run.pid}-*"))

    # kill it mid-way, while a kernel is running (so that it leaves a runtime folder to clean up)
    while len(list(status_dir.glob("*.json"))) < 3 or not kernels_in_flight():
        assert run.poll() is None, "the run ended before it could be killed"
        assert time.monotonic() < deadline, "no learner was graded within 5 minutes"
        time.sleep(0.05)
    run.send_signal(signal.SIGKILL)
    run.wait()
    recorded = {p.name: (p.stat().st_mtime_ns, p.read_text()) for p in status_dir.glob("*.json")}
    assert 3 <= len(recorded) < 8, "kill it mid-way"
    # No sandboxed kernel outlives the grader, except one a worker was starting in the instant between
    # bwrap's fork and its child's prctl (at most one per worker): the next run must end those.
    deadline = time.monotonic() + 15
    while processes_mentioning(str(workspace)) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert len(processes_mentioning(str(workspace))) <= 2
    db = sqlite3.connect(workspace / "gradebook.db")
    assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    db.close()

    leftovers = list(Path(tempfile.gettempdir()).glob(f"socialkit-kernel-{run.pid}-*"))
    assert leftovers, "the killed grader could not clean up its kernels' runtime folders"
    done = subprocess.run(command(workspace), env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    assert not any(folder.exists() for folder in leftovers)  # the next run removed them
    assert processes_mentioning(str(workspace)) == []  # and ended any kernel the killed run left
    assert f"Grading {8 - len(recorded)} of 8" in done.stdout
    for name, (mtime, text) in recorded.items():  # recorded grades were kept, not redone
        assert (status_dir / name).stat().st_mtime_ns == mtime
        assert (status_dir / name).read_text() == text

    release = nbformat.read(kit / "exercises" / ASSIGNMENT / f"{ASSIGNMENT}_exercises.ipynb", as_version=4)
    pts = {grade_id(c): float(c.metadata.nbgrader["points"]) for c in release.cells
           if grade_id(c) and c.metadata.nbgrader.get("grade") and not c.metadata.nbgrader.get("solution")}
    questions = answer_ids(release)
    half = sum(pts[q + "_check"] for q in questions[: len(questions) // 2])
    expected = [sum(pts.values()), half, 0.0]
    with open(workspace / "reports" / f"{ASSIGNMENT}-grades.csv", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["learner"] for r in rows] == sorted(submissions)
    for n, row in enumerate(rows):
        assert row["status"] == "graded", row
        assert float(row["auto_score"]) == expected[n % 3], row

    # --force regrades everyone; --no-sandbox runs the same grading without bubblewrap
    again = subprocess.run(command(workspace) + ["--force", "--no-sandbox"], env=env, capture_output=True,
                           text=True, timeout=600)
    assert again.returncode == 0, again.stderr
    assert "Grading 8 of 8" in again.stdout and "--no-sandbox" in again.stderr
    assert "Kernel is running" not in again.stderr + again.stdout  # the kernel's chatter stays hidden
    with open(workspace / "reports" / f"{ASSIGNMENT}-grades.csv", newline="") as handle:
        assert list(csv.DictReader(handle)) == rows
