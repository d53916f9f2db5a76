"""Intake as real learners send their work: names typed in notebooks, messy file names, zips, platforms'
bulk downloads, a roster, newest copy wins, a deadline; every file left out is listed with its reason."""

from __future__ import annotations

import csv
import os
import time
import zipfile
from datetime import datetime
from pathlib import Path

import nbformat
import pytest

from socialkit.grading.intake import IntakeError, intake, parse_deadline, read_record
from socialkit.grading.names import Person, Roster, RosterError, name_hint, slug, typed_name
from socialkit.grading.workspace import Workspace

ASSIGNMENT = "01_listen"
NAME_CELL = 'your_name = {value}  # type your name between the quotes, e.g. "Anna Martin", then run this cell'


def notebook(name_value: str = '""', answer: str = "x = 1") -> bytes:
    """A submission like the kit's: header, the name cell (``name_value`` as typed), one answer."""
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("# Module 1 · Learn to listen — exercises"),
        nbformat.v4.new_code_cell(NAME_CELL.format(value=name_value) + '\nprint(f"Hello {your_name}!")'),
        nbformat.v4.new_code_cell(answer)])
    return nbformat.writes(nb).encode()


def put(inbox: Path, relative: str, data: bytes, minutes_ago: float = 0) -> Path:
    """Write an inbox file whose modification (save) time is ``minutes_ago`` minutes in the past."""
    path = inbox / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    moment = time.time() - 60 * minutes_ago
    os.utime(path, (moment, moment))
    return path


@pytest.fixture
def ws(tmp_path) -> Workspace:
    """An empty workspace for 01_listen."""
    return Workspace(tmp_path / "ws", ASSIGNMENT)


def decisions(result) -> dict[str, tuple[str, str]]:
    """``{inbox file: (decision, learner)}``."""
    return {line.origin: (line.decision, line.learner) for line in result.lines}


def test_names_in_file_names_lose_copy_markers_case_and_accents():
    assert name_hint("Anna Final", ASSIGNMENT) == "Anna"
    assert name_hint("Omar (1)", ASSIGNMENT) == "Omar"
    assert name_hint("01_listen_exercises", ASSIGNMENT) == ""
    assert name_hint("01_listen_exercises (3)", ASSIGNMENT) == ""
    assert name_hint("anna_01_listen_exercises", ASSIGNMENT) == "anna"
    assert name_hint("ANNA_v2", ASSIGNMENT) == "ANNA"
    assert name_hint("Karim Benali_48213_assignsubmission_file_", ASSIGNMENT) == "Karim Benali"
    assert name_hint("benalikarim_LATE_1234_5678_01_listen_exercises", ASSIGNMENT) == "benalikarim"
    assert name_hint("jean-luc_final", ASSIGNMENT) == "jean-luc"
    assert name_hint("Untitled", ASSIGNMENT) == ""
    assert slug("Élodie") == "elodie" and slug("Anna  MARTIN") == "anna-martin"
    assert slug("张伟").startswith("learner-") and slug("张伟") != slug("李娜")


def test_the_typed_name_is_read_without_running_the_notebook():
    assert typed_name(notebook('"Anna Martin"')) == "Anna Martin"
    assert typed_name(notebook('"  Jules   Fabre "')) == "Jules Fabre"
    assert typed_name(notebook('""')) == ""
    assert typed_name(notebook("Anna Martin")) == "Anna Martin"  # no quotes: not Python, read anyway
    assert typed_name(notebook("“Élodie Durand”")) == "Élodie Durand"  # curly quotes from a Mac
    assert typed_name(notebook('__import__("os").system("touch /tmp/pwned") or "x"')) == ""
    assert not Path("/tmp/pwned").exists()
    assert typed_name(b"{not json") == ""


def test_default_download_names_are_filed_by_the_typed_name_or_listed_never_graded_as_01(ws, tmp_path):
    inbox = tmp_path / "inbox"
    put(inbox, "01_listen_exercises.ipynb", notebook('"Anna Martin"'))
    put(inbox, "01_listen_exercises (1).ipynb", notebook('"Jules Fabre"'))
    put(inbox, "01_listen_exercises (2).ipynb", notebook('""'))
    result = intake(inbox, ws)
    assert decisions(result) == {
        "01_listen_exercises (1).ipynb": ("filed", "jules-fabre"),
        "01_listen_exercises (2).ipynb": ("ignored", ""),
        "01_listen_exercises.ipynb": ("filed", "anna-martin"),
    }
    (unknown,) = result.by("ignored")
    assert "cannot tell who sent it" in unknown.reason and "rename the file" in unknown.reason
    assert ws.learners() == ["anna-martin", "jules-fabre"]
    assert not (ws.root / "submitted" / "01").exists()
    roster = Roster.read(ws.roster_file())
    assert roster.get("anna-martin").name == "Anna Martin"


def test_copies_of_one_learner_newest_wins_and_the_older_are_listed(ws, tmp_path):
    inbox = tmp_path / "inbox"
    put(inbox, "anna.ipynb", notebook(answer="x = 'first try'"), minutes_ago=30)
    put(inbox, "Anna Final.ipynb", notebook(answer="x = 'final'"), minutes_ago=5)
    put(inbox, "ANNA_v2.ipynb", notebook(answer="x = 'second'"), minutes_ago=20)
    omar = notebook()
    put(inbox, "Omar (1).ipynb", omar, minutes_ago=2)
    put(inbox, "omar.ipynb", omar, minutes_ago=2)  # the same bytes downloaded twice
    put(inbox, "élodie.ipynb", notebook())
    result = intake(inbox, ws)
    assert decisions(result) == {
        "ANNA_v2.ipynb": ("ignored", "anna"), "Anna Final.ipynb": ("filed", "anna"), "anna.ipynb": ("ignored", "anna"),
        "Omar (1).ipynb": ("ignored", "omar"), "omar.ipynb": ("filed", "omar"), "élodie.ipynb": ("filed", "elodie"),
    }
    assert b"final" in ws.submitted_notebook("anna").read_bytes()
    reasons = {line.origin: line.reason for line in result.lines}
    assert "Anna Final.ipynb (saved" in reasons["anna.ipynb"] and "is newer" in reasons["anna.ipynb"]
    assert "the same notebook as omar.ipynb" in reasons["Omar (1).ipynb"]
    assert Roster.read(ws.roster_file()).get("elodie").name == "Élodie"
    saved = datetime.fromisoformat(read_record(ws, "anna").saved_at)
    assert abs(saved.timestamp() - (time.time() - 300)) < 5
    stamp = (ws.submitted_dir("anna") / "timestamp.txt").read_text()
    assert datetime.fromisoformat(stamp) == saved  # nbgrader's own submission-time file


def test_one_bad_file_never_stops_the_rest_and_every_left_out_file_is_listed(ws, tmp_path):
    inbox = tmp_path / "inbox"
    put(inbox, "paul.ipynb.txt", notebook())  # a mail program added .txt
    put(inbox, "notes.docx", b"PK\x03\x04 not really")
    put(inbox, "broken.zip", b"this is no zip")
    put(inbox, ".DS_Store", b"\0\0")
    put(inbox, "damaged.ipynb", notebook()[:-50])  # filed: grading reports it as damaged
    with zipfile.ZipFile(inbox / "gina.zip", "w") as archive:
        archive.writestr("work/01_listen_exercises.ipynb", notebook())
        archive.writestr("__MACOSX/work/._01_listen_exercises.ipynb", b"junk")
        archive.writestr("work/my-data.csv", b"a,b\n1,2\n")
    (inbox / "link.ipynb").symlink_to("/etc/passwd")
    result = intake(inbox, ws)
    assert decisions(result) == {
        ".DS_Store": ("ignored", ""), "broken.zip": ("ignored", ""), "damaged.ipynb": ("filed", "damaged"),
        "gina.zip › work/01_listen_exercises.ipynb": ("filed", "gina"), "link.ipynb": ("ignored", ""),
        "notes.docx": ("ignored", ""), "paul.ipynb.txt": ("filed", "paul"),
    }
    reasons = {line.origin: line.reason for line in result.lines}
    assert "not a notebook (.docx)" in reasons["notes.docx"] and "File › Download" in reasons["notes.docx"]
    assert "not a readable zip" in reasons["broken.zip"]
    assert "ends in .txt" in reasons["paul.ipynb.txt"]
    assert (ws.submitted_dir("gina") / "my-data.csv").read_bytes() == b"a,b\n1,2\n"
    with open(ws.reports_dir() / f"{ASSIGNMENT}-inbox.csv", newline="", encoding="utf-8") as handle:
        listed = {row["file"]: row for row in csv.DictReader(handle)}
    assert set(listed) == set(decisions(result)) and listed["notes.docx"]["reason"] == reasons["notes.docx"]


def test_a_roster_matches_names_tolerantly_and_platform_bulk_downloads(ws, tmp_path):
    roster_file = tmp_path / "roster.csv"
    roster_file.write_text("learner_id;name;email\n"  # semicolons, as Excel writes in France
                           "a.martin;Anna Martin;anna.martin@example.org\n"
                           "k.benali;Karim Benali;kb@example.org\n"
                           "e.durand;Élodie Durand;elodie@example.org\n"
                           "j.fabre;Jules Fabre;\n", encoding="utf-8")
    roster = Roster.read(roster_file)
    inbox = tmp_path / "inbox"
    put(inbox, "01_listen_exercises.ipynb", notebook('"anna MARTIN"'))
    put(inbox, "Karim Benali_48213_assignsubmission_file_/01_listen_exercises.ipynb", notebook())  # Moodle
    put(inbox, "durandelodie_LATE_1234_5678_01_listen_exercises.ipynb", notebook())  # Canvas
    put(inbox, "jules.ipynb", notebook())  # a first name alone, unique on the roster
    put(inbox, "Zoe Petit.ipynb", notebook())  # not on the roster: filed, and said so
    result = intake(inbox, ws, roster=roster)
    assert {line.learner for line in result.by("filed")} == {"a.martin", "k.benali", "e.durand", "j.fabre",
                                                            "zoe-petit"}
    (zoe,) = [line for line in result.lines if line.learner == "zoe-petit"]
    assert "not on your roster" in zoe.reason
    assert read_record(ws, "a.martin").name_from == "notebook"
    assert Roster.read(ws.roster_file()).get("k.benali").email == "kb@example.org"


def test_an_ambiguous_first_name_is_listed_not_guessed(ws, tmp_path):
    roster = Roster([Person("a1", "Anna Martin"), Person("a2", "Anna Petit")])
    inbox = tmp_path / "inbox"
    put(inbox, "anna.ipynb", notebook())
    (line,) = intake(inbox, ws, roster=roster).lines
    assert line.decision == "ignored" and "Anna Martin (a1) or Anna Petit (a2)" in line.reason
    assert ws.learners() == []


def test_a_first_copy_without_the_name_joins_the_learner_who_typed_it_later(ws, tmp_path):
    inbox = tmp_path / "inbox"
    put(inbox, "anna.ipynb", notebook(), minutes_ago=30)
    put(inbox, "Anna Final.ipynb", notebook('"Anna Martin"'), minutes_ago=5)
    result = intake(inbox, ws)
    assert decisions(result) == {"Anna Final.ipynb": ("filed", "anna-martin"), "anna.ipynb": ("ignored", "anna-martin")}


def test_reruns_keep_what_is_filed_and_a_deadline_marks_late_work(ws, tmp_path):
    inbox = tmp_path / "inbox"
    put(inbox, "lea.ipynb", notebook(), minutes_ago=10)
    assert decisions(intake(inbox, ws)) == {"lea.ipynb": ("filed", "lea")}
    mtime = ws.submitted_notebook("lea").stat().st_mtime_ns
    assert decisions(intake(inbox, ws)) == {"lea.ipynb": ("unchanged", "lea")}
    assert ws.submitted_notebook("lea").stat().st_mtime_ns == mtime
    older = tmp_path / "older"
    put(older, "lea.ipynb", notebook(answer="x = 'old'"), minutes_ago=60)
    (line,) = intake(older, ws).lines
    assert line.decision == "ignored" and "already filed" in line.reason and "which is kept" in line.reason
    newer = tmp_path / "newer"
    put(newer, "lea.ipynb", notebook(answer="x = 'late fix'"), minutes_ago=1)
    five_minutes_ago = datetime.fromtimestamp(time.time() - 300).astimezone()
    (line,) = intake(newer, ws, deadline=five_minutes_ago).lines
    assert line.decision == "filed" and line.reason.startswith("late: saved")


def test_deadlines_and_rosters_explain_their_mistakes(tmp_path):
    assert parse_deadline("2025-05-01").hour == 23
    assert parse_deadline("2025-05-01 18:00").tzinfo is not None
    with pytest.raises(ValueError, match="write it as 2025-05-01 18:00"):
        parse_deadline("1st of May")
    bad = tmp_path / "bad.csv"
    bad.write_text("id,full name\n1,Anna\n")
    with pytest.raises(RosterError, match="needs the columns learner_id,name,email"):
        Roster.read(bad)
    bad.write_text("learner_id,name\n../x,Anna\n")
    with pytest.raises(RosterError, match="Row 2"):
        Roster.read(bad)
    bad.write_text("learner_id,name\nan,Anna\nan,Anne\n")
    with pytest.raises(RosterError, match="Rows 2 and 3"):
        Roster.read(bad)


def test_intake_refuses_a_missing_inbox(tmp_path):
    with pytest.raises(IntakeError, match="not a folder"):
        intake(tmp_path / "nope", Workspace(tmp_path / "ws", ASSIGNMENT))
