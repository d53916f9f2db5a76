"""`socialkit grade` on a generated cohort of the real 01_listen exercise: real bubblewrap sandbox,
real kernels, real nbgrader gradebook. One cohort run covers every scenario (it is the slow part)."""

from __future__ import annotations

import csv
import hashlib
import json
import os
import re
import socket
import subprocess
import sys
import threading
import zipfile
from pathlib import Path

import nbformat
import pytest

from grading_cohort import answer_ids, cohort, grade_id, write_cohort

ROOT = Path(__file__).resolve().parents[1]
ASSIGNMENT = "01_listen"
NOTEBOOK = f"{ASSIGNMENT}_exercises.ipynb"
CELL_TIMEOUT = 10  # the loops wait this long; every right answer runs in well under a second

pytestmark = [pytest.mark.slow, pytest.mark.sandbox]


def socialkit(*args: str, check: bool = True, timeout: int = 600) -> subprocess.CompletedProcess:
    """Run the real ``socialkit`` command line in a child process (``.pid`` is set on the result)."""
    env = dict(os.environ, PATH=f"{Path(sys.executable).parent}:{os.environ['PATH']}", MPLBACKEND="Agg")
    child = subprocess.Popen([sys.executable, "-m", "socialkit.cli", *args], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True, env=env)
    stdout, stderr = child.communicate(timeout=timeout)
    done = subprocess.CompletedProcess(child.args, child.returncode, stdout, stderr)
    done.pid = child.pid
    if check and done.returncode != 0:
        raise AssertionError(f"socialkit {' '.join(args)} failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
    return done


def tree_digest(folder: Path) -> dict[str, str]:
    """sha256 of every file under ``folder`` (to prove nothing changed)."""
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


class Listener:
    """A real TCP server on 127.0.0.1 that records every connection it receives."""

    def __init__(self):
        """Listen on a free port chosen by the OS and start accepting in a thread."""
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.connections = []
        self.running = True
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self):
        """Accept and record connections until stopped."""
        while self.running:
            try:
                conn, addr = self.sock.accept()
            except OSError:
                continue
            self.connections.append(addr)
            conn.close()

    def stop(self):
        """Stop accepting and close the socket."""
        self.running = False
        self.thread.join(timeout=5)
        self.sock.close()


def points(release) -> dict[str, float]:
    """Points of each auto-graded test cell, by grade id."""
    return {grade_id(c): float(c.metadata.nbgrader["points"]) for c in release.cells
            if grade_id(c) and c.metadata.nbgrader.get("grade") and not c.metadata.nbgrader.get("solution")}


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    """Grade the whole scenario cohort once, through the CLI, from an inbox."""
    base = tmp_path_factory.mktemp("grading")
    workspace, inbox = base / "workspace", base / "inbox"
    outside = base / "outside.txt"
    victim = base / "victim.txt"
    victim.write_text("the grader's own file")
    listener = Listener()
    submissions = cohort(ROOT, ASSIGNMENT, workspace, port=listener.port, outside=outside, victim=victim)
    write_cohort(submissions, inbox, ASSIGNMENT, layout="inbox")
    with zipfile.ZipFile(inbox / "docx-only.zip", "w") as archive:  # sent a document, not the notebook
        archive.writestr("notes.docx", b"my answers")
    kit_before = tree_digest(ROOT / "solutions")
    inbox_before = tree_digest(inbox)
    try:
        run = socialkit("grade", ASSIGNMENT, "--workspace", str(workspace), "--from", str(inbox),
                        "--jobs", "2", "--timeout", str(CELL_TIMEOUT))
    finally:
        listener.stop()
    release = nbformat.read(ROOT / "exercises" / ASSIGNMENT / NOTEBOOK, as_version=4)
    with open(workspace / "reports" / f"{ASSIGNMENT}-grades.csv", newline="", encoding="utf-8") as handle:
        rows = {row["learner"]: row for row in csv.DictReader(handle)}
    return {"workspace": workspace, "run": run, "rows": rows, "listener": listener, "outside": outside,
            "release": release, "kit_before": kit_before, "inbox_before": inbox_before, "inbox": inbox,
            "names": [*submissions, "docx-only"], "victim": victim}


def expected(release) -> dict[str, tuple[str, float | None]]:
    """The status and auto score each scenario must end with, derived from the exercise's points."""
    pts = points(release)
    full = sum(pts.values())
    q = answer_ids(release)

    def without(*answers):
        """Full marks minus the points of the given questions."""
        return full - sum(pts[a + "_check"] for a in answers)

    return {
        "perfect": ("graded", full),
        "blank": ("graded", 0.0),
        "partial": ("graded", sum(pts[a + "_check"] for a in q[:2])),
        "edited-test": ("graded", full),  # put back, and the answers did not rely on the edit
        "deleted-test": ("graded", full),
        "relies-on-edit": ("tampered", without(q[0])),
        "endless-loop": ("timeout", without(q[2])),
        "stubborn-loop": ("timeout", without(*q[2:])),  # ignores the interrupt: the notebook is stopped
        "memory-bomb": ("graded", without(q[3])),
        "fork-bomb": ("graded", without(q[4])),
        "exits": ("kernel_died", without(q[4])),
        "corrupted": ("invalid_notebook", None),
        "wrong-assignment": ("invalid_notebook", None),
        "attacker": ("graded", full),
        "points-edited": ("tampered", full),
        "chatty": ("graded", full),
        "disk-filler": ("graded", without(q[2])),
        "docx-only": ("missing_notebook", None),
    }


def test_every_learner_gets_the_right_status_and_score(graded):
    rows = graded["rows"]
    assert sorted(rows) == sorted(graded["names"])
    for learner, (status, auto) in expected(graded["release"]).items():
        row = rows[learner]
        assert row["status"] == status, (learner, row)
        if auto is None:
            assert row["score"] == "" and row["auto_score"] == "", row
        else:
            assert float(row["auto_score"]) == auto, (learner, row)
        assert float(row["max_score"]) == 15
        if status != "graded" or learner.endswith("-test"):
            assert len(row["reason"]) > 20, (learner, row)


def test_reasons_say_what_happened_in_plain_words(graded):
    rows = graded["rows"]
    assert "q1_check" in rows["edited-test"]["reason"] and "graded as usual" in rows["edited-test"]["reason"]
    assert "q2_check" in rows["deleted-test"]["reason"] and "deleted" in rows["deleted-test"]["reason"]
    assert "graded as usual" in rows["deleted-test"]["reason"] and "tamper" not in rows["deleted-test"]["reason"]
    relied = rows["relies-on-edit"]["reason"]
    assert "relied on" in relied and "sov_april_june" in relied and "q1_check" in relied
    assert f"longer than {CELL_TIMEOUT} s" in rows["endless-loop"]["reason"]
    assert "kept running after being interrupted" in rows["stubborn-loop"]["reason"]
    assert "memory" in rows["memory-bomb"]["reason"]
    assert "too many processes" in rows["fork-bomb"]["reason"]
    assert "stopped" in rows["exits"]["reason"]
    assert "damaged" in rows["corrupted"]["reason"]
    assert "00_start_here" in rows["wrong-assignment"]["reason"]
    assert "notes.docx" in rows["docx-only"]["reason"]
    assert "q3_check" in rows["points-edited"]["reason"]
    assert "too long and was cut" in rows["chatty"]["reason"]
    assert "more data than allowed" in rows["disk-filler"]["reason"]
    assert rows["perfect"]["reason"] == "" and rows["blank"]["reason"] == ""


def test_csv_has_the_contract_columns_then_name_hand_score_time_and_one_per_question(graded):
    header = (graded["workspace"] / "reports" / f"{ASSIGNMENT}-grades.csv").read_text().splitlines()[0]
    assert header == ("learner,assignment,status,score,max_score,auto_score,manual_pending,reason,"
                      "name,email,hand_score,written_answer,submitted_at,late,q1,q2,q3,q4,q5,reflection")
    perfect, blank, partial = (graded["rows"][n] for n in ("perfect", "blank", "partial"))
    assert perfect["manual_pending"] == "1" and perfect["hand_score"] == ""  # the reflection waits for marking
    assert perfect["written_answer"].endswith("to mark") and perfect["reflection"] == ""
    assert [perfect[q] for q in ("q1", "q2", "q3", "q4", "q5")] == ["2"] * 5
    assert [partial[q] for q in ("q1", "q2", "q3")] == ["2", "2", "0"]
    assert blank["manual_pending"] == "0" and blank["hand_score"] == "0" and "left blank" in blank["written_answer"]
    assert perfect["submitted_at"].startswith("20") and perfect["name"] == "Perfect"


def test_sandbox_blocks_reading_writing_and_network(graded):
    workspace = graded["workspace"]
    executed = nbformat.read(workspace / "autograded" / "attacker" / ASSIGNMENT / NOTEBOOK, as_version=4)
    printed = "".join(o.get("text", "") for c in executed.cells if c.cell_type == "code" for o in c.outputs)
    attempts = json.loads(printed.split("ATTEMPTS ", 1)[1].splitlines()[0])
    for name in ("read_solutions", "list_kit", "read_gradebook", "read_other_learner", "write_workspace",
                 "write_parent", "connect_local", "connect_outside"):
        assert attempts[name] != "succeeded", (name, attempts)
    assert attempts["write_own_folder"] == "succeeded"
    assert attempts["plant_links"] == "succeeded"  # symlinks to a grader's file, planted in its own folder...
    assert graded["victim"].read_text() == "the grader's own file"  # ...were not followed by the grader
    notebook = workspace / "autograded" / "attacker" / ASSIGNMENT / NOTEBOOK
    assert not notebook.is_symlink() and nbformat.read(notebook, as_version=4).cells
    assert graded["listener"].connections == []
    assert not graded["outside"].exists()
    assert not (workspace / "reports" / "hacked.txt").exists()
    assert not (workspace / "autograded" / "attacker" / "hacked.txt").exists()


def test_no_learner_process_survives_grading(graded):
    from socialkit.grading.sandbox import sandbox_uid

    run_uids = {sandbox_uid(slot, graded["run"].pid) for slot in range(2)}
    survivors = []
    for entry in Path("/proc").iterdir():
        try:
            uid_line = next(line for line in (entry / "status").read_text().splitlines() if line.startswith("Uid:"))
        except (OSError, StopIteration):
            continue
        if int(uid_line.split()[1]) in run_uids:
            survivors.append(entry.name)
    assert survivors == []  # the fork bomb's sleeping children went with their sandbox


def test_nothing_outside_the_learners_folders_changed(graded):
    assert tree_digest(ROOT / "solutions") == graded["kit_before"]
    assert tree_digest(graded["inbox"]) == graded["inbox_before"]
    workspace = graded["workspace"]
    for learner in graded["names"][:-1]:
        submitted = workspace / "submitted" / learner / ASSIGNMENT / NOTEBOOK
        assert submitted.read_bytes() == (graded["inbox"] / f"{learner}.ipynb").read_bytes()
    # what learners' code wrote in its own folder stayed in the sandbox (a size-capped tmpfs)
    extra = [p for p in (workspace / "autograded").rglob("*") if (p.is_file() or p.is_symlink()) and p.name != NOTEBOOK]
    assert extra == []


def test_feedback_shows_check_messages_but_no_hidden_tests(graded):
    solutions = nbformat.read(ROOT / "solutions" / ASSIGNMENT / NOTEBOOK, as_version=4)
    hidden = [line.strip() for c in solutions.cells
              for block in re.findall(r"### BEGIN HIDDEN TESTS\n(.*?)### END HIDDEN TESTS", c.source, re.S)
              for line in block.splitlines() if len(line.strip()) > 12]
    assert hidden
    feedback = graded["workspace"] / "feedback"
    pages = {p.parts[-3]: p.read_text() for p in feedback.rglob("*.html")}
    assert sorted(pages) == sorted(graded["names"])
    for learner, page in pages.items():
        assert "Traceback" not in page and "HIDDEN" not in page, learner
        for line in hidden:
            assert line not in page, (learner, line)
    assert "✅ Right" in pages["perfect"]
    assert "Not attempted yet" in pages["blank"] or "Not yet" in pages["blank"]
    assert "could not be graded" in pages["corrupted"]


def test_class_report_has_charts_and_lists(graded):
    html = (graded["workspace"] / "reports" / f"{ASSIGNMENT}-report.html").read_text()
    assert html.count("data:image/png;base64,") >= 2
    for section in ("Score distribution", "Success rate per question", "Hardest questions",
                    "Submissions that need attention", "Reflections awaiting hand grading"):
        assert section in html
    assert "Wrong-Assignment" in html and "Endless-Loop" in html  # learners by name


def test_long_output_is_cut_in_the_graded_notebook(graded):
    notebook = graded["workspace"] / "autograded" / "chatty" / ASSIGNMENT / NOTEBOOK
    assert notebook.stat().st_size < 3_000_000  # the learner printed 20 MB


def test_rerun_grades_only_new_or_changed_submissions(graded):
    workspace = graded["workspace"]
    status_dir = workspace / "status" / ASSIGNMENT
    before = {p.name: p.stat().st_mtime_ns for p in status_dir.glob("*.json")}
    run = socialkit("grade", ASSIGNMENT, "--workspace", str(workspace), "--jobs", "2")
    total = len(graded["names"])
    assert f"Grading 0 of {total}" in run.stdout
    assert {p.name: p.stat().st_mtime_ns for p in status_dir.glob("*.json")} == before
    # the corrupted learner sends a fixed notebook: only they are graded again
    fixed = graded["inbox"].parent / "fixed"
    fixed.mkdir()
    (fixed / "corrupted.ipynb").write_bytes((graded["inbox"] / "perfect.ipynb").read_bytes())
    run = socialkit("grade", ASSIGNMENT, "--workspace", str(workspace), "--from", str(fixed), "--jobs", "2")
    assert f"Grading 1 of {total}" in run.stdout
    after = {p.name: p.stat().st_mtime_ns for p in status_dir.glob("*.json")}
    assert [n for n in after if after[n] != before[n]] == ["corrupted.json"]
    rows = {r["learner"]: r for r in csv.DictReader(open(workspace / "reports" / f"{ASSIGNMENT}-grades.csv"))}
    assert rows["corrupted"]["status"] == "graded" and rows["corrupted"]["auto_score"] == rows["perfect"]["auto_score"]


def test_hand_grading_in_the_gradebook_reaches_the_report(graded):
    from nbgrader.api import Gradebook

    workspace = graded["workspace"]
    with Gradebook("sqlite:///" + str(workspace / "gradebook.db")) as gb:
        grade = gb.find_grade("reflection", f"{ASSIGNMENT}_exercises", ASSIGNMENT, "perfect")
        assert grade.needs_manual_grade
        grade.manual_score = 4  # what the formgrader does when the facilitator marks it
        grade.needs_manual_grade = False
        gb.db.commit()
    socialkit("report", ASSIGNMENT, "--workspace", str(workspace))
    rows = {r["learner"]: r for r in csv.DictReader(open(workspace / "reports" / f"{ASSIGNMENT}-grades.csv"))}
    assert float(rows["perfect"]["score"]) == float(rows["perfect"]["auto_score"]) + 4
    assert rows["perfect"]["manual_pending"] == "0"
    page = (workspace / "feedback" / "perfect" / ASSIGNMENT / f"{ASSIGNMENT}_exercises.html").read_text()
    assert "14 / 15" in page
    # nbgrader itself reads the workspace (its own config file, gradebook and folders)
    env = dict(os.environ, PATH=f"{Path(sys.executable).parent}:{os.environ['PATH']}")
    subprocess.run([str(Path(sys.executable).parent / "nbgrader"), "export", "--to", "nbgrader-grades.csv"],
                   cwd=workspace, env=env, check=True, capture_output=True, timeout=120)
    exported = {r["student_id"]: r for r in csv.DictReader(open(workspace / "nbgrader-grades.csv"))}
    assert float(exported["perfect"]["score"]) == float(rows["perfect"]["score"])
    assert float(exported["partial"]["raw_score"]) == float(rows["partial"]["score"])
