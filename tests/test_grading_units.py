"""Fast checks of grading's parts: the sandbox refusal, feedback wording, status records."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from socialkit.grading.feedback import feedback_html
from socialkit.grading.runner import _messages
from socialkit.grading.status import LearnerStatus, QuestionResult, read_status, write_status


def test_grade_refuses_to_run_learner_code_without_bubblewrap(tmp_path):
    venv_bin = Path(sys.executable).parent
    env = dict(os.environ, PATH=str(venv_bin))  # no /usr/bin: bwrap, setpriv, prlimit are not found
    done = subprocess.run([sys.executable, "-m", "socialkit.cli", "grade", "01_listen", "--workspace",
                           str(tmp_path / "ws")], capture_output=True, text=True, env=env, timeout=60)
    assert done.returncode == 2
    assert "apt-get install bubblewrap" in done.stderr and "--no-sandbox" in done.stderr
    assert not (tmp_path / "ws" / "submitted").exists()


@pytest.mark.sandbox
def test_sandbox_preflight_passes_here_and_explains_a_sandbox_that_cannot_start():
    from socialkit.grading.sandbox import Limits, preflight

    preflight(Limits())
    with pytest.raises(RuntimeError, match="does not work on this machine") as error:
        preflight(Limits(memory_bytes=8 * 1024**2))  # too little memory for Python to start
    assert "--no-sandbox" in str(error.value)


def test_report_explains_a_folder_that_is_not_a_workspace(tmp_path):
    done = subprocess.run([sys.executable, "-m", "socialkit.cli", "report", "01_listen", "--workspace",
                           str(tmp_path)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and "not a grading workspace" in done.stderr


def test_messages_keep_check_lines_and_hide_hidden_assertions():
    cell = nbformat.v4.new_code_cell("check(...)")
    cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text="❌ Not yet: looks like a fraction.\n"),
                    nbformat.v4.new_output("error", ename="CheckFailed", evalue="not right yet",
                                           traceback=["Traceback...", "assert secret == 41.7"])]
    assert _messages(cell) == ["❌ Not yet: looks like a fraction."]
    cell.outputs = [nbformat.v4.new_output("error", ename="AssertionError", evalue="secret == 41.7",
                                           traceback=["assert abs(x - 41.7) < 0.1"])]
    (message,) = _messages(cell)
    assert "41.7" not in message and "hidden test" in message


def test_feedback_page_shows_scores_and_pending_hand_grading():
    record = LearnerStatus("ana", "01_listen", "graded", max_score=15, auto_score=2, questions=[
        QuestionResult("q1_check", "Q1 · Share of voice", 2, 2, messages=["✅ Right: 41.7 %"]),
        QuestionResult("q2_check", "Q2 · Alert", 2, 0, messages=["❌ Not yet: wrong month"]),
        QuestionResult("reflection", "Reflection", 5, None, manual=True)])
    page = feedback_html(record)
    assert "2 / 15" in page and "1 answer(s) still to be marked" in page
    assert "✅ Right: 41.7 %" in page and "❌ Not yet: wrong month" in page
    assert "7 / 15" in feedback_html(record, {"reflection": 5.0})
    assert "Not answered" not in page


def test_feedback_says_an_untouched_written_answer_was_not_answered():
    """nbgrader auto-zeroes a written answer left as handed out: the page says why, a hand-given 0 does not."""
    record = LearnerStatus("bo", "01_listen", "graded", max_score=15, auto_score=0, questions=[
        QuestionResult("reflection", "Reflection", 5, 0, manual=True)])
    assert "Not answered: the written answer was left as it was handed out." in feedback_html(record)
    assert "Not answered" not in feedback_html(record, {"reflection": 0.0})


def test_status_records_round_trip_and_refuse_unknown_statuses(tmp_path):
    record = LearnerStatus("ana", "01_listen", "timeout", reason="cell 3 ran too long", max_score=15,
                           questions=[QuestionResult("q1_check", "Q1", 2, 0)])
    path = tmp_path / "ana.json"
    write_status(path, record)
    assert read_status(path) == record
    assert [p.name for p in tmp_path.iterdir()] == ["ana.json"]  # no temporary file left behind
    path.write_text(json.dumps({"learner": "ana"})[:-3])
    assert read_status(path) is None  # an unreadable record means "grade again"
    with pytest.raises(ValueError, match="Unknown grading status"):
        LearnerStatus("ana", "01_listen", "failed")


def test_a_test_cell_running_when_the_kernel_dies_scores_zero_not_full_marks():
    """nbgrader gives full points to a test cell without an error: the cell the kernel died in must get one."""
    import asyncio

    from nbclient.exceptions import DeadKernelError
    from nbgrader import utils

    from socialkit.grading.runner import GradingClient, QUIET, _mark_not_run
    from socialkit.grading.sandbox import QuietKernelManager

    def test_cell(source, gid):
        cell = nbformat.v4.new_code_cell(source)
        cell.metadata["nbgrader"] = {"grade": True, "solution": False, "locked": True, "points": 1,
                                     "grade_id": gid, "schema_version": 3}
        return cell

    nb = nbformat.v4.new_notebook(cells=[test_cell("x = 1", "t1"), test_cell("import os\nos._exit(3)", "t2"),
                                         test_cell("y = 2", "t3")])
    km = QuietKernelManager(kernel_name="python3")
    client = GradingClient(nb, km=km, timeout=30, allow_errors=True, startup_timeout=60, log=QUIET)

    async def run():
        try:
            await client.async_execute()
        finally:
            await km.shutdown_kernel(now=True)

    with pytest.raises(DeadKernelError):
        asyncio.run(run())
    assert client.running_index == 1
    _mark_not_run(nb, client.running_index)
    scores = [utils.determine_grade(cell, QUIET)[0] for cell in nb.cells]
    assert scores == [1, 0, 0]


def test_a_rerun_ends_a_kernel_that_a_killed_grader_left_behind(tmp_path, monkeypatch):
    """remove_stale_runtime_dirs kills processes naming a dead grader's runtime folder, then removes it."""
    import time

    from socialkit.grading import sandbox

    monkeypatch.setattr(sandbox.tempfile, "gettempdir", lambda: str(tmp_path))
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    folder = tmp_path / f"{sandbox.RUNTIME_PREFIX}{dead.pid}-abc"
    folder.mkdir()
    alive_folder = tmp_path / f"{sandbox.RUNTIME_PREFIX}{os.getpid()}-def"  # our own: still in use
    alive_folder.mkdir()
    orphan = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(300)", str(folder / "kernel.json")])
    ours = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(300)", str(alive_folder / "k.json")])
    try:
        sandbox.remove_stale_runtime_dirs()
        assert orphan.wait(timeout=10) == -9 and not folder.exists()
        time.sleep(0.2)
        assert ours.poll() is None and alive_folder.exists()
    finally:
        for process in (orphan, ours):
            process.kill()
            process.wait()
