"""The trainer's round trip on module 01, end to end with the real command line: collect an inbox of real
learners' files with a roster and a deadline, grade in the sandbox, mark the written answers through
nbgrader's formgrader, report, and send the pages to a real SMTP server on 127.0.0.1."""

from __future__ import annotations

import csv
import email
import hashlib
import html
import re
import sqlite3
import time
from email import policy
from pathlib import Path

import nbformat
import pytest

from trainer_cohort import ASSIGNMENT, FILES, JULES_NOTE, NOTEBOOK, ROSTER, Formgrader, notebooks, socialkit

ROOT = Path(__file__).resolve().parents[1]
pytestmark = [pytest.mark.slow, pytest.mark.sandbox]


def read_csv(path: Path) -> list[dict]:
    """Rows of a CSV file."""
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def grades(workspace: Path) -> dict[str, dict]:
    """The grades CSV by learner."""
    return {r["learner"]: r for r in read_csv(workspace / "reports" / f"{ASSIGNMENT}-grades.csv")}


def page(workspace: Path, learner: str) -> str:
    """A learner's feedback page as text a reader sees (tags removed, entities decoded)."""
    raw = (workspace / "feedback" / learner / ASSIGNMENT / f"{ASSIGNMENT}_exercises.html").read_text()
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", raw.split("<body>", 1)[1])).split())


def tree_digest(folder: Path) -> dict[str, str]:
    """sha256 of every file under ``folder``."""
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def hidden_lines() -> list[str]:
    """Every line of the hidden tests and of the rubric's details (what no learner may see)."""
    solutions = nbformat.read(ROOT / "solutions" / ASSIGNMENT / NOTEBOOK, as_version=4)
    lines = [line.strip() for c in solutions.cells
             for block in re.findall(r"### BEGIN HIDDEN TESTS\n(.*?)### END HIDDEN TESTS", c.source, re.S)
             for line in block.splitlines() if len(line.strip()) > 12]
    from socialkit.grading.written import rubric_lines

    rubric = next(c.source for c in solutions.cells if (c.metadata.get("nbgrader") or {}).get("grade_id") == "reflection")
    return lines + [line.detail[:40] for line in rubric_lines(rubric)]


def test_every_learner_is_found_by_name_and_every_left_out_file_is_listed(trainer_cohort):
    rows, workspace = trainer_cohort["rows"], trainer_cohort["workspace"]
    assert sorted(rows) == sorted(r[0] for r in ROSTER)
    assert rows["j.fabre"]["name"] == "Jules Fabre" and rows["e.durand"]["name"] == "Élodie Durand"
    inbox = {r["file"]: r for r in read_csv(workspace / "reports" / f"{ASSIGNMENT}-inbox.csv")}
    for name, learner in FILES.items():
        origin = f"{name} › {NOTEBOOK}" if name.endswith(".zip") else name
        assert inbox[origin]["learner"] == (learner or inbox[origin]["learner"]), (name, inbox[origin])
        assert inbox[origin]["decision"] == ("filed" if learner else "ignored"), (name, inbox[origin])
    assert "Anna Final.ipynb" in inbox["Anna.ipynb"]["reason"] and "newer" in inbox["Anna.ipynb"]["reason"]
    assert "not a notebook (.docx)" in inbox["notes.docx"]["reason"]
    out = trainer_cohort["run"].stdout
    assert "11 notebook(s) filed" in out and "left out: notes.docx" in out and "left out: Anna.ipynb" in out
    assert "Grading 11 of 11" in out and "] 01:" not in out  # nobody graded as learner "01"
    # the newest of Anna's copies was graded: her final one has every answer
    assert rows["a.martin"]["q3"] == "2" and rows["a.martin"]["reflection"] == ""
    late = {learner for learner, row in rows.items() if row["late"] == "yes"}
    assert late == {"l.garnier"} and "late: saved" in inbox["lea.ipynb"]["reason"]
    assert all(row["submitted_at"] for row in rows.values())


def test_written_answers_elsewhere_or_blank_are_flagged_listed_and_agree_everywhere(trainer_cohort):
    rows, workspace = trainer_cohort["rows"], trainer_cohort["workspace"]
    jules, bob, omar = rows["j.fabre"], rows["b.roux"], rows["o.diallo"]
    assert jules["manual_pending"] == "1" and jules["reflection"] == "" and jules["hand_score"] == ""
    assert jules["written_answer"] == "Reflection · Your note to the board: to mark (written outside the answer cell)"
    assert bob["manual_pending"] == "0" and bob["reflection"] == "0" and bob["hand_score"] == "0"
    assert "left blank" in bob["written_answer"] and "left blank" in omar["written_answer"]
    report = html.unescape((workspace / "reports" / f"{ASSIGNMENT}-report.html").read_text())
    waiting = report.split("Reflections awaiting hand grading", 1)[1].split("<h2>", 1)[0]
    blank = report.split("Written answers left blank", 1)[1].split("<h2>", 1)[0]
    to_mark = {r["name"] for r in rows.values() if r["manual_pending"] == "1"}
    assert to_mark == {"Jules Fabre", "Alice Moreau", "Anna Martin", "Élodie Durand", "Karim Benali", "Hugo Petit",
                       "Gina Lefèvre", "Paul Blanc", "Léa Garnier"}
    assert all(name in waiting for name in to_mark) and "text written in other cells" in waiting
    assert "Bob Roux" in blank and "Omar Diallo" in blank and "Bob Roux" not in waiting
    assert "socialkit mark 01_listen" in waiting
    assert "9 written answer(s) to mark" in trainer_cohort["run"].stdout
    assert "awaiting your facilitator" in page(workspace, "j.fabre")
    assert "Not answered" in page(workspace, "b.roux") and f"{bob['score']} / 15" in page(workspace, "b.roux")
    assert "Learners and questions" in report and "Léa Garnier" in report and "(late)" in report


def test_the_marker_sees_the_rubric_and_the_text_written_elsewhere_under_the_answer(trainer_cohort):
    graded = nbformat.read(trainer_cohort["workspace"] / "autograded" / "j.fabre" / ASSIGNMENT / NOTEBOOK,
                           as_version=4)
    index = next(i for i, c in enumerate(graded.cells) if (c.metadata.get("nbgrader") or {}).get("grade_id")
                 == "reflection")
    notes = graded.cells[index + 1].source
    assert "For the marker only" in notes and JULES_NOTE in notes.replace("> ", "")
    assert "**R1** · **1 point — the backlash, with a figure.**" in notes and "**R5**" in notes
    alice = nbformat.read(trainer_cohort["workspace"] / "autograded" / "a.moreau" / ASSIGNMENT / NOTEBOOK,
                          as_version=4)
    assert sum("For the marker only" in c.source for c in alice.cells) == 1


def test_statuses_and_messages_are_in_plain_words(trainer_cohort):
    rows, workspace = trainer_cohort["rows"], trainer_cohort["workspace"]
    karim = rows["k.benali"]
    assert karim["status"] == "graded" and karim["q5"] == "2"  # a check cell deleted by accident is not cheating
    assert "deleted" in karim["reason"] and "graded as usual" in karim["reason"]
    hugo = page(workspace, "h.petit")
    assert "Your answer `sov_april_june` was not found: your notebook sets `sov_april_jun` instead" in hugo
    for learner in rows:
        text = page(workspace, learner)
        assert "NameError" not in text and "Traceback" not in text and "(try hint" not in text, learner
    omar = page(workspace, "o.diallo")  # answered Q4 wrong: the check's "try hint(…)" becomes a tip
    assert "❌ Not yet" in omar and 'Tip: open your notebook, add a cell with hint("01_listen.q4") and run it' in omar


def test_marks_given_in_the_formgrader_reach_the_csv_report_pages_and_learning_platforms(copy_workspace):
    from socialkit.server import port_is_free

    port = next(p for p in range(8950, 9050) if port_is_free(p))
    marker = Formgrader(copy_workspace, port)
    try:
        assert "9 written answer(s) to mark" in "".join(marker.lines)
        assert marker.mark({"j.fabre": (4.5, "R1 R2 R3 R5 — Clear figures with their source; say what "
                                             "automatic sentiment misses."),
                            "a.moreau": (5, "R1 R2 R3 R4 R5 Excellent.")}) == 2
    finally:
        said = marker.stop()
    assert "Now run: socialkit report 01_listen" in said
    report = socialkit("report", ASSIGNMENT, "--workspace", str(copy_workspace))
    assert "7 written answer(s) to mark" in report.stdout
    rows = grades(copy_workspace)
    jules = rows["j.fabre"]
    assert jules["reflection"] == "4.5" and jules["hand_score"] == "4.5" and jules["manual_pending"] == "0"
    assert float(jules["score"]) == float(jules["auto_score"]) + 4.5 and jules["written_answer"].endswith("marked")
    text = page(copy_workspace, "j.fabre")
    assert f"Score: {jules['score']} / 15" in text and "4.5 / 5" in text
    assert "Your facilitator's comment: Clear figures with their source; say what automatic sentiment misses." in text
    assert "✔ 1 point — the backlash, with a figure." in text and "✗ 1 point — the limits of automatic sentiment." in text
    moodle = {r["Email address"]: r for r in read_csv(copy_workspace / "reports" / f"{ASSIGNMENT}-moodle.csv")}
    item = "Module 1 · Learn to listen — exercises"
    assert moodle["jules@example.org"][item] == jules["score"] and moodle["jules@example.org"]["First name"] == "Jules"
    assert "Clear figures" in moodle["jules@example.org"][f"{item} (feedback)"]
    assert moodle["hugo@example.org"][item] == ""  # his reflection is not marked yet: left empty, not partial
    assert moodle["bob@example.org"][item] == rows["b.roux"]["score"]  # blank reflection: his score is final
    with open(copy_workspace / "reports" / f"{ASSIGNMENT}-canvas.csv", newline="", encoding="utf-8") as handle:
        canvas = list(csv.reader(handle))
    assert canvas[0] == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", item]
    assert canvas[1][0].strip() == "Points Possible" and canvas[1][-1] == "15"
    assert ["Fabre, Jules", "", "", "", "", jules["score"]] in canvas
    waiting = html.unescape((copy_workspace / "reports" / f"{ASSIGNMENT}-report.html").read_text())
    assert "Jules Fabre" not in waiting.split("Reflections awaiting hand grading", 1)[1].split("<h2>", 1)[0]


def test_a_changed_resubmission_clears_its_old_mark_and_an_unchanged_answer_keeps_it(copy_workspace, tmp_path, capsys):
    from nbgrader.api import Gradebook

    from grading_cohort import REFLECTION_TEXT
    from trainer_cohort import typed, with_reflection

    def mark(learner: str, score: float, comment: str) -> None:
        """What the formgrader writes when the marker marks a reflection."""
        with Gradebook("sqlite:///" + str(copy_workspace / "gradebook.db")) as gb:
            grade = gb.find_grade("reflection", f"{ASSIGNMENT}_exercises", ASSIGNMENT, learner)
            grade.manual_score, grade.needs_manual_grade = score, False
            gb.find_comment("reflection", f"{ASSIGNMENT}_exercises", ASSIGNMENT, learner).manual_comment = comment
            gb.db.commit()

    mark("a.martin", 3, "R1 Too general: which groups?")
    mark("a.moreau", 4, "R1 R2 Good.")
    assert in_process(capsys, "report", ASSIGNMENT, "--workspace", str(copy_workspace))[0] == 0
    assert grades(copy_workspace)["a.martin"]["reflection"] == "3"
    nbs = notebooks(ROOT)
    inbox = tmp_path / "resubmitted"
    inbox.mkdir()
    anna = with_reflection(nbs["a.martin"], REFLECTION_TEXT + " Journalists and shareholders reacted first.")
    nbformat.write(anna, inbox / "Anna Martin v3.ipynb")  # a rewritten reflection
    alice = typed(nbs["a.moreau"], "Alice Moreau")
    for cell in alice.cells:  # a changed code answer, the very same reflection
        if (cell.metadata.get("nbgrader") or {}).get("grade_id") == "q4":
            cell.source = 'why_modest = "A"'
    nbformat.write(alice, inbox / "alice.ipynb")
    run = socialkit("grade", ASSIGNMENT, "--workspace", str(copy_workspace), "--from", str(inbox), "--jobs", "2")
    assert "Grading 2 of 11" in run.stdout
    assert "1 of them resubmitted after your mark" in run.stdout
    rows = grades(copy_workspace)
    anna_row, alice_row = rows["a.martin"], rows["a.moreau"]
    assert anna_row["reflection"] == "" and anna_row["manual_pending"] == "1" and anna_row["hand_score"] == ""
    assert "to mark again (the answer changed after your mark of 3/5)" in anna_row["written_answer"]
    assert float(anna_row["score"]) == float(anna_row["auto_score"])  # the old 3 points are not counted
    assert "awaiting your facilitator" in page(copy_workspace, "a.martin") and "Too general" not in page(
        copy_workspace, "a.martin")
    report = html.unescape((copy_workspace / "reports" / f"{ASSIGNMENT}-report.html").read_text())
    assert "resubmitted: the answer changed after your mark of 3/5 (your comment was: “R1 Too general: which " \
           "groups?”)" in report
    assert alice_row["reflection"] == "4" and alice_row["manual_pending"] == "0" and alice_row["q4"] == "0"
    assert "Good." in page(copy_workspace, "a.moreau")


def test_nbgrader_feedback_cannot_replace_the_kits_pages_or_leak_hidden_tests(copy_workspace):
    import os
    import subprocess
    import sys

    before = tree_digest(copy_workspace / "feedback")
    env = dict(os.environ, PATH=f"{Path(sys.executable).parent}:{os.environ['PATH']}")
    done = subprocess.run([str(Path(sys.executable).parent / "nbgrader"), "generate_feedback", ASSIGNMENT, "--force"],
                          cwd=copy_workspace, env=env, capture_output=True, text=True, timeout=300)
    said = done.stdout + done.stderr
    assert "nbgrader's feedback pages are switched off in this grading workspace" in said
    assert tree_digest(copy_workspace / "feedback") == before
    assert not list((copy_workspace / "nbgrader-feedback").rglob("*.html"))
    secrets = hidden_lines()
    assert len(secrets) > 10
    for learner_facing in ("feedback", "reports"):
        for path in (copy_workspace / learner_facing).rglob("*"):
            if path.is_file() and path.suffix in (".html", ".csv"):
                text = html.unescape(path.read_text())
                for line in secrets:
                    assert line not in text, (path, line)


@pytest.fixture
def smtp_server():
    """A real SMTP server (aiosmtpd) on 127.0.0.1 with a login, recording every message it accepts."""
    from aiosmtpd.controller import Controller
    from aiosmtpd.smtp import AuthResult

    from socialkit.server import port_is_free

    class Inbox:
        """Keeps what arrives."""

        def __init__(self):
            """No mail yet."""
            self.messages = []

        async def handle_DATA(self, server, session, envelope):
            """Store the message and accept it."""
            self.messages.append((envelope.rcpt_tos, envelope.content))
            return "250 Message accepted for delivery"

    def check_login(server, session, envelope, mechanism, auth_data):
        """Accept only trainer / s3cret."""
        ok = auth_data.login == b"trainer" and auth_data.password == b"s3cret"
        return AuthResult(success=ok, handled=False)  # not handled: aiosmtpd answers 535 itself, as a real server

    port = next(p for p in range(9250, 9350) if port_is_free(p))
    handler = Inbox()
    controller = Controller(handler, hostname="127.0.0.1", port=port, authenticator=check_login,
                            auth_require_tls=False, server_hostname="localhost")
    controller.start()
    try:
        yield controller, handler
    finally:
        controller.stop()


def in_process(capsys, *args: str) -> tuple[int, str, str]:
    """Run ``socialkit ARGS`` in this process: (exit code, what it printed, what it printed as errors)."""
    from socialkit.cli import main

    capsys.readouterr()
    code = main(list(args))
    said = capsys.readouterr()
    return code, said.out, said.err


def test_send_writes_named_pages_and_drafts_then_sends_through_a_real_smtp_server(copy_workspace, smtp_server,
                                                                                  monkeypatch, capsys):
    from nbgrader.api import Gradebook

    controller, received = smtp_server
    sender = "Claire Dupont <claire@example.org>"
    drafts = socialkit("send", ASSIGNMENT, "--workspace", str(copy_workspace), "--sender", sender)
    outbox = copy_workspace / "outbox" / ASSIGNMENT
    assert "E-mail drafts (.eml) written: 1 learner(s)" in drafts.stdout  # Bob: the only one with nothing to mark
    assert "9 held back" in drafts.stdout and "Omar Diallo" in drafts.stdout
    assert sorted(p.name for p in outbox.glob("*.html")) == sorted(f"{r[0]}_01_listen_feedback.html" for r in ROSTER)
    draft = email.message_from_bytes((outbox / "b.roux_01_listen_feedback.eml").read_bytes(), policy=policy.default)
    assert draft["To"] == "Bob Roux <bob@example.org>" and draft["X-Unsent"] == "1"
    assert draft["Subject"] == "Your feedback: Module 1 · Learn to listen — exercises"
    (attachment,) = list(draft.iter_attachments())
    assert attachment.get_filename() == "b.roux_01_listen_feedback.html"
    assert attachment.get_content().replace("\r\n", "\n") == (
        copy_workspace / "feedback" / "b.roux" / ASSIGNMENT / f"{ASSIGNMENT}_exercises.html").read_text(encoding="utf-8")
    assert "Dear Bob," in draft.get_body(("plain",)).get_content()

    with Gradebook("sqlite:///" + str(copy_workspace / "gradebook.db")) as gb:  # every reflection marked
        for learner, _, _ in ROSTER:
            grade = gb.find_grade("reflection", f"{ASSIGNMENT}_exercises", ASSIGNMENT, learner)
            if grade.needs_manual_grade:
                grade.manual_score, grade.needs_manual_grade = 3, False
        gb.db.commit()
    server = f"127.0.0.1:{controller.port}"
    args = ("send", ASSIGNMENT, "--workspace", str(copy_workspace), "--sender", sender, "--smtp", server,
            "--security", "none", "--smtp-user", "trainer")
    # the same command in this process (the command line itself was run above): saves a slow start each time
    monkeypatch.setenv("SOCIALKIT_SMTP_PASSWORD", "nope")
    code, _, err = in_process(capsys, *args)
    assert code == 2 and "refused the login of trainer" in err and "535" in err and received.messages == []
    monkeypatch.setenv("SOCIALKIT_SMTP_PASSWORD", "s3cret")
    code, out, _ = in_process(capsys, *args)
    with_email = sorted(e for _, _, e in ROSTER if e)
    assert code == 0 and f"Sent through {server}: {len(with_email)} learner(s)" in out
    assert "1 without an e-mail address" in out and "Omar Diallo" in out
    deadline = time.monotonic() + 10
    while len(received.messages) < len(with_email) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert sorted(r for rcpts, _ in received.messages for r in rcpts) == with_email
    for rcpts, content in received.messages:
        mail = email.message_from_bytes(content, policy=policy.default)
        learner = next(i for i, _, e in ROSTER if e == rcpts[0])
        (attachment,) = list(mail.iter_attachments())
        assert attachment.get_content().replace("\r\n", "\n") == (
            copy_workspace / "feedback" / learner / ASSIGNMENT / f"{ASSIGNMENT}_exercises.html").read_text(encoding="utf-8")
        assert "X-Unsent" not in mail
    assert len(read_csv(outbox / "sent.csv")) == len(with_email)
    code, out, _ = in_process(capsys, *args)
    assert f"Sent through {server}: 0 learner(s)" in out and "not sent twice" in out
    assert len(received.messages) == len(with_email)
    db = sqlite3.connect(copy_workspace / "gradebook.db")
    assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    db.close()
