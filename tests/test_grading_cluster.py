"""Grading beyond one machine, on real engines started here: a Dask cluster runs the notebooks, PostgreSQL keeps grades.

Runs on the tiny fixture kit (``SOCIALKIT_ROOT``) so it tests the distribution, not the course content.
"""

from __future__ import annotations

import csv
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
import pytest

from grading_cohort import answer_ids, cohort, grade_id, make_fixture_kit, with_code, write_cohort
from services import DaskCluster, Postgres, free_port, json_file, open_at_once, postgres_bin

ASSIGNMENT = "01_listen"
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("cluster")]
needs_postgres = pytest.mark.skipif(postgres_bin() is None, reason="Debian's postgresql is not installed "
                                                                   "(make system-deps installs it)")


@pytest.fixture(scope="module")
def kit(tmp_path_factory):
    """The fixture kit: three one-point questions, no data."""
    return make_fixture_kit(tmp_path_factory.mktemp("kit"), ASSIGNMENT)


@pytest.fixture(scope="module")
def env(kit):
    """The environment of a trainer's `socialkit` run on the fixture kit."""
    return dict(os.environ, PATH=f"{Path(sys.executable).parent}:{os.environ['PATH']}", MPLBACKEND="Agg",
                SOCIALKIT_ROOT=str(kit))


@pytest.fixture(scope="module")
def postgres():
    """A real PostgreSQL server on 127.0.0.1, stopped by pid afterwards."""
    if postgres_bin() is None:
        pytest.skip("Debian's postgresql is not installed (make system-deps installs it)")
    server = Postgres().start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def cluster():
    """A real Dask scheduler and two single-thread workers on 127.0.0.1."""
    dask = DaskCluster().start(workers=2)
    yield dask
    dask.stop()


def grade(workspace: Path, env: dict, *extra: str, timeout: int = 600) -> subprocess.CompletedProcess:
    """Run `socialkit grade` on the fixture assignment."""
    return subprocess.run([sys.executable, "-m", "socialkit.cli", "grade", ASSIGNMENT, "--workspace", str(workspace),
                           "--timeout", "30", *extra], env=env, capture_output=True, text=True, timeout=timeout)


def scores(workspace: Path) -> list[tuple[str, str, str]]:
    """(learner, status, auto score) of every row of the grades CSV."""
    with open(workspace / "reports" / f"{ASSIGNMENT}-grades.csv", newline="") as handle:
        return [(row["learner"], row["status"], row["auto_score"]) for row in csv.DictReader(handle)]


def expected_scores(kit: Path, learners: list[str]) -> list[tuple[str, str, str]]:
    """What the cohort's learners (perfect, half, blank in turn) must score, from the release's points."""
    release = nbformat.read(kit / "exercises" / ASSIGNMENT / f"{ASSIGNMENT}_exercises.ipynb", as_version=4)
    pts = {grade_id(c): float(c.metadata.nbgrader["points"]) for c in release.cells
           if grade_id(c) and c.metadata.nbgrader.get("grade") and not c.metadata.nbgrader.get("solution")}
    questions = answer_ids(release)
    kinds = [sum(pts.values()), sum(pts[q + "_check"] for q in questions[: len(questions) // 2]), 0.0]
    return [(learner, "graded", f"{kinds[n % 3]:g}") for n, learner in enumerate(sorted(learners))]


# ---- Dask ---------------------------------------------------------------------------------------
@pytest.mark.sandbox
def test_a_cohort_graded_on_dask_scores_exactly_as_graded_here(kit, env, cluster, tmp_path):
    submissions = cohort(kit, ASSIGNMENT, tmp_path, size=6)
    for name in ("here", "dask"):
        write_cohort(submissions, tmp_path / name, ASSIGNMENT)
    here = grade(tmp_path / "here", env, "--jobs", "2")
    assert here.returncode == 0, here.stderr
    on_dask = grade(tmp_path / "dask", env, "--scheduler", cluster.address)
    assert on_dask.returncode == 0, on_dask.stderr + cluster.logs()
    assert f"Grading on the Dask cluster at {cluster.address}: 2 workers, 2 threads" in on_dask.stdout
    assert scores(tmp_path / "dask") == scores(tmp_path / "here") == expected_scores(kit, list(submissions))
    # the executed notebook came back for the marker: every code cell ran
    graded = tmp_path / "dask" / "autograded" / "learner00" / ASSIGNMENT / f"{ASSIGNMENT}_exercises.ipynb"
    code = [c for c in nbformat.read(graded, as_version=4).cells if c.cell_type == "code"]
    assert code and all(c.execution_count for c in code)


@pytest.mark.sandbox
def test_a_worker_killed_mid_run_loses_nothing_and_grades_nobody_twice(kit, env, cluster, tmp_path):
    release = nbformat.read(kit / "exercises" / ASSIGNMENT / f"{ASSIGNMENT}_exercises.ipynb", as_version=4)
    slow_first = answer_ids(release)[0]
    submissions = {name: with_code(nb, slow_first, "import time\ntime.sleep(1.5)")
                   for name, nb in cohort(kit, ASSIGNMENT, tmp_path, size=6).items()}
    write_cohort(submissions, tmp_path, ASSIGNMENT)
    spare = cluster.add_worker()  # the one to kill (the module's two workers stay for the other tests)
    cluster.wait_for_workers(3)
    victim = spare.pid
    run = subprocess.Popen([sys.executable, "-m", "socialkit.cli", "grade", ASSIGNMENT, "--workspace", str(tmp_path),
                            "--timeout", "30", "--scheduler", cluster.address], env=env, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while not list(Path(tempfile.gettempdir()).glob(f"socialkit-kernel-{victim}-*")):  # a kernel runs there
        assert run.poll() is None and time.monotonic() < deadline, "the spare worker never ran a notebook"
        time.sleep(0.02)
    os.kill(victim, signal.SIGKILL)
    spare.wait()
    out, err = run.communicate(timeout=600)
    assert run.returncode == 0, err + cluster.logs()
    assert scores(tmp_path) == expected_scores(kit, list(submissions))
    finished = [line.split("] ", 1)[1].split(":")[0] for line in out.splitlines() if line.startswith("[")]
    assert sorted(finished) == sorted(submissions)  # each learner recorded exactly once
    from nbgrader.api import Gradebook

    with Gradebook("sqlite:///" + str(tmp_path / "gradebook.db")) as gb:
        assert sorted(s.student.id for s in gb.assignment_submissions(ASSIGNMENT)) == sorted(submissions)


def test_a_scheduler_that_is_down_gives_one_sentence_and_writes_nothing(kit, env, tmp_path):
    workspace = tmp_path / "workspace"
    write_cohort(cohort(kit, ASSIGNMENT, workspace, size=1), workspace, ASSIGNMENT)
    started = time.monotonic()
    done = grade(workspace, env, "--scheduler", f"tcp://127.0.0.1:{free_port()}", timeout=120)
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "did not answer" in lines[0] and "leaving out --scheduler" in lines[0], done.stderr
    assert time.monotonic() - started < 60
    assert not (workspace / "gradebook.db").exists() and not (workspace / "status").exists()


def test_an_address_where_nothing_listens_is_refused_at_once_not_after_the_connection_timeout():
    from socialkit.grading.cluster import Cluster

    started = time.monotonic()
    with pytest.raises(RuntimeError, match="did not answer .*refused"):
        Cluster.connect(f"tcp://127.0.0.1:{free_port()}", timeout=30)
    assert time.monotonic() - started < 5  # Dask alone retries until the timeout (30 s here)


def test_workers_running_another_kit_are_refused_by_name(kit, env, tmp_path):
    other_kit = tmp_path / "other"
    shutil.copytree(Path(__import__("socialkit").__file__).parent, other_kit / "socialkit",
                    ignore=shutil.ignore_patterns("__pycache__"))
    (other_kit / "socialkit" / "checks.py").write_text((other_kit / "socialkit" / "checks.py").read_text()
                                                        + "\n# a different version\n")
    dask = DaskCluster()
    dask.env = dict(os.environ, PYTHONPATH=str(other_kit))
    try:
        dask.start(workers=1)
        workspace = tmp_path / "workspace"
        write_cohort(cohort(kit, ASSIGNMENT, workspace, size=1), workspace, ASSIGNMENT)
        done = grade(workspace, env, "--scheduler", dask.address, "--no-sandbox", timeout=120)
    finally:
        dask.stop()
    assert done.returncode == 2
    assert "run another version of socialkit" in done.stderr and "tcp://127.0.0.1:" in done.stderr, done.stderr
    assert not (workspace / "gradebook.db").exists()


def test_tls_options_are_checked_before_connecting(kit, env, tmp_path):
    done = grade(tmp_path / "w", env, "--scheduler", "tls://127.0.0.1:9", "--tls-ca", str(tmp_path / "ca.pem"),
                 timeout=60)
    assert done.returncode == 2 and "--tls-cert" in done.stderr and "--tls-key" in done.stderr, done.stderr
    done = grade(tmp_path / "w", env, "--scheduler", "tcp://127.0.0.1:9", "--tls-ca", "x", timeout=60)
    assert done.returncode == 2 and "not a tls:// address" in done.stderr, done.stderr


# ---- PostgreSQL ---------------------------------------------------------------------------------
@needs_postgres
def test_six_processes_opening_a_fresh_postgres_gradebook_at_once_all_succeed(postgres):
    url = postgres.create_database("race")
    assert open_at_once(url) == ["ok"] * 6
    from nbgrader.api import Gradebook

    with Gradebook(url) as gb:
        assert len(gb.students) == 6 and gb.check_course().id == "default_course"


@needs_postgres
def test_a_cohort_graded_into_postgres_reports_from_it(kit, env, postgres, tmp_path):
    url = postgres.create_database("cohort")
    workspace = tmp_path / "workspace"
    submissions = cohort(kit, ASSIGNMENT, workspace, size=3)
    write_cohort(submissions, workspace, ASSIGNMENT)
    done = grade(workspace, env, "--database", url, "--no-sandbox", "--jobs", "2")
    assert done.returncode == 0, done.stderr
    assert not (workspace / "gradebook.db").exists()  # the grades went to PostgreSQL
    assert json_file(workspace / "workspace.json") == {"database": url}
    assert scores(workspace) == expected_scores(kit, list(submissions))
    from nbgrader.api import Gradebook

    with Gradebook(url) as gb:
        assert sorted(s.student.id for s in gb.assignment_submissions(ASSIGNMENT)) == sorted(submissions)
    # `socialkit report` and nbgrader itself (the formgrader's config) read the same database
    (workspace / "reports" / f"{ASSIGNMENT}-grades.csv").unlink()
    report = subprocess.run([sys.executable, "-m", "socialkit.cli", "report", ASSIGNMENT, "--workspace",
                             str(workspace)], env=env, capture_output=True, text=True, timeout=300)
    assert report.returncode == 0, report.stderr
    assert scores(workspace) == expected_scores(kit, list(submissions))
    listed = subprocess.run([str(Path(sys.executable).parent / "nbgrader"), "db", "student", "list"], cwd=workspace,
                            env=env, capture_output=True, text=True, timeout=120)
    assert all(learner in listed.stdout + listed.stderr for learner in submissions), listed.stdout + listed.stderr
    # a workspace cannot silently move to another database
    moved = grade(workspace, env, "--database", postgres.url("elsewhere"), "--no-sandbox")
    assert moved.returncode == 2 and "cannot switch" in moved.stderr, moved.stderr


@needs_postgres
def test_an_unreachable_or_wrong_database_gives_one_plain_sentence(kit, env, postgres, tmp_path):
    workspace = tmp_path / "workspace"
    write_cohort(cohort(kit, ASSIGNMENT, workspace, size=1), workspace, ASSIGNMENT)
    down = f"postgresql+psycopg2://postgres:secret@127.0.0.1:{free_port()}/gradebook"
    done = grade(workspace, env, "--database", down, "--no-sandbox", timeout=120)
    assert done.returncode == 2
    line = done.stderr.strip().splitlines()[-1]
    assert "cannot be reached" in line and "secret" not in done.stderr and "***" in line, done.stderr
    assert "Traceback" not in done.stderr and not (workspace / "workspace.json").exists()
    other = tmp_path / "other"
    done = grade(other, env, "--database", "mysql://x@127.0.0.1/db", "--no-sandbox", timeout=120)
    assert done.returncode == 2 and "PostgreSQL URL" in done.stderr and not (other / "workspace.json").exists()
