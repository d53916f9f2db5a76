"""A module-01 cohort as a trainer receives it: real learners' file names, names typed (or not) in the
notebooks, a reflection written in a new cell, copies, a zip, a Moodle folder, a late one; plus helpers
that mark answers through nbgrader's formgrader API and run the ``socialkit`` command line.

The round-trip tests and ``benchmarks/round_trip.py`` share it.
"""

from __future__ import annotations

import copy
import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.request
import zipfile
from datetime import datetime
from pathlib import Path

import nbformat

from grading_cohort import answers_of, grade_id, solved

ASSIGNMENT = "01_listen"
NOTEBOOK = f"{ASSIGNMENT}_exercises.ipynb"
NAME_LINE = 'your_name = ""'
JULES_NOTE = ("Note to the board: mentions of Café Lumière jumped from about 50 to 535 a day on 7 April "
              "(dashboard, Volume). Journalists reacted first. I recommend alerts with the 7 days before as the "
              "baseline and z at least 3.")
# learner_id, name, e-mail (Omar has none)
ROSTER = [("a.moreau", "Alice Moreau", "alice@example.org"), ("j.fabre", "Jules Fabre", "jules@example.org"),
          ("b.roux", "Bob Roux", "bob@example.org"), ("a.martin", "Anna Martin", "anna.martin@example.org"),
          ("e.durand", "Élodie Durand", "elodie@example.org"), ("k.benali", "Karim Benali", "karim@example.org"),
          ("h.petit", "Hugo Petit", "hugo@example.org"), ("o.diallo", "Omar Diallo", ""),
          ("g.lefevre", "Gina Lefèvre", "gina@example.org"), ("p.blanc", "Paul Blanc", "paul@example.org"),
          ("l.garnier", "Léa Garnier", "lea@example.org")]
# every file name the tests and the benchmark try, and the learner it must end up with ("" = left out)
FILES = {
    "01_listen_exercises.ipynb": "a.moreau",  # the default download name; the name typed inside
    "01_listen_exercises (1).ipynb": "j.fabre",  # the browser's second download; name typed in lower case
    "bob.ipynb": "b.roux",  # first name alone, no name typed
    "Anna.ipynb": "",  # an early copy: older than "Anna Final"
    "Anna Final.ipynb": "a.martin",
    "élodie.ipynb": "e.durand",  # accented first name
    "Karim Benali_48213_assignsubmission_file_/01_listen_exercises.ipynb": "k.benali",  # Moodle's bulk download
    "hugo.ipynb": "h.petit",
    "Omar (1).ipynb": "o.diallo",
    "gina.zip": "g.lefevre",  # a zip holding 01_listen_exercises.ipynb
    "paul.ipynb.txt": "p.blanc",  # a mail program added .txt
    "lea.ipynb": "l.garnier",  # saved after the deadline
    "notes.docx": "",  # not a notebook
    ".DS_Store": "",
}


def typed(nb, name: str):
    """The notebook with ``name`` typed in its name cell."""
    nb = copy.deepcopy(nb)
    for cell in nb.cells:
        if cell.cell_type == "code" and cell.source.startswith(NAME_LINE):
            cell.source = cell.source.replace(NAME_LINE, f"your_name = {json.dumps(name)}", 1)
    return nb


def reflection_in_new_cell(nb, text: str):
    """The reflection written in a new cell under the answer cell, which is left as handed out."""
    nb = copy.deepcopy(nb)
    index = next(i for i, c in enumerate(nb.cells) if grade_id(c) == "reflection")
    nb.cells.insert(index + 1, nbformat.v4.new_markdown_cell(text))
    return nb


def with_reflection(nb, text: str):
    """The notebook with ``text`` as its reflection."""
    nb = copy.deepcopy(nb)
    for cell in nb.cells:
        if grade_id(cell) == "reflection":
            cell.source = text
    return nb


def notebooks(kit: Path) -> dict[str, nbformat.NotebookNode]:
    """The submissions, by learner id (the release and solutions of the kit's real 01_listen)."""
    release = nbformat.read(kit / "exercises" / ASSIGNMENT / NOTEBOOK, as_version=4)
    solutions = nbformat.read(kit / "solutions" / ASSIGNMENT / NOTEBOOK, as_version=4)
    codes = [grade_id(c) for c in release.cells if c.cell_type == "code" and (c.metadata.get("nbgrader") or {})
             .get("solution")]
    perfect = solved(release, solutions)
    code_only = solved(release, solutions, codes)
    karim = copy.deepcopy(perfect)
    karim.cells = [c for c in karim.cells if grade_id(c) != "q5_check"]  # deleted by accident
    omar = copy.deepcopy(release)  # one wrong answer, nothing else
    for cell in omar.cells:
        if grade_id(cell) == "q4":
            cell.source = 'why_modest = "A"'
    hugo = copy.deepcopy(perfect)
    for cell in hugo.cells:
        if grade_id(cell) == "q1":
            cell.source = answers_of(solutions)["q1"].replace("sov_april_june =", "sov_april_jun =")
    return {
        "a.moreau": typed(perfect, "Alice Moreau"),
        "j.fabre": reflection_in_new_cell(typed(code_only, "jules fabre"), JULES_NOTE),
        "b.roux": code_only,
        "anna-early": solved(release, solutions, codes[:2]),
        "a.martin": typed(perfect, "Anna Martin"),
        "e.durand": solved(release, solutions, [*codes[:2], "reflection"]),
        "k.benali": karim,
        "h.petit": hugo,
        "o.diallo": omar,
        "g.lefevre": perfect,
        "p.blanc": perfect,
        "l.garnier": perfect,
    }


def write_inbox(kit: Path, inbox: Path) -> datetime:
    """Write the inbox with realistic save times; return a deadline that only Léa's notebook misses."""
    nbs = notebooks(kit)
    hours_ago = {name: 2.0 for name in FILES}
    hours_ago.update({"Anna.ipynb": 3.0, "Anna Final.ipynb": 1.0, "lea.ipynb": 0.0})
    for name, learner in FILES.items():
        path = inbox / name
        path.parent.mkdir(parents=True, exist_ok=True)
        moment = time.time() - 3600 * hours_ago[name]
        if name == "gina.zip":  # the zip keeps the time the notebook was saved on the learner's laptop
            with zipfile.ZipFile(path, "w") as archive:
                entry = zipfile.ZipInfo(NOTEBOOK, date_time=time.localtime(moment)[:6])
                archive.writestr(entry, nbformat.writes(nbs["g.lefevre"]))
        elif name == "notes.docx":
            path.write_bytes(b"PK\x03\x04 my answers in Word")
        elif name == ".DS_Store":
            path.write_bytes(b"\0\0\0\1Bud1")
        else:
            nbformat.write(nbs[learner or "anna-early"], path)
        os.utime(path, (moment, moment))
    return datetime.fromtimestamp(time.time() - 1800).astimezone()


def write_roster(path: Path, roster=ROSTER) -> Path:
    """The trainer's roster CSV."""
    path.write_text("learner_id,name,email\n" + "".join(f"{i},{n},{e}\n" for i, n, e in roster), encoding="utf-8")
    return path


def socialkit(*args: str, env_extra: dict | None = None, check: bool = True, timeout: int = 900):
    """Run the real ``socialkit`` command line in a child process."""
    env = dict(os.environ, PATH=f"{Path(sys.executable).parent}:{os.environ['PATH']}", MPLBACKEND="Agg",
               **(env_extra or {}))
    done = subprocess.run([sys.executable, "-m", "socialkit.cli", *args], capture_output=True, text=True, env=env,
                          timeout=timeout)
    if check and done.returncode != 0:
        raise AssertionError(f"socialkit {' '.join(args)} failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
    return done


class Formgrader:
    """``socialkit mark`` running in the background, and nbgrader's formgrader HTTP API behind it."""

    def __init__(self, workspace: Path, port: int):
        """Start ``socialkit mark --no-browser`` and wait for the address it prints."""
        env = dict(os.environ, PATH=f"{Path(sys.executable).parent}:{os.environ['PATH']}")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "socialkit.cli", "mark", ASSIGNMENT, "--workspace", str(workspace),
             "--port", str(port), "--no-browser"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
            env=env)
        self.lines: list[str] = []
        deadline = time.monotonic() + 120
        self.url = ""
        while time.monotonic() < deadline:  # until it says how to stop it, after the address and the to-do list
            line = self.process.stdout.readline()
            if not line:
                raise RuntimeError("socialkit mark stopped:\n" + "".join(self.lines))
            self.lines.append(line)
            found = re.search(r"(http://127\.0\.0\.1:\d+)/login\?next=(\S+)&token=(\w+)", line)
            if found:
                self.base, self.path, self.token = found.groups()
                self.url = found.group(0)
            if line.startswith("Press Ctrl-C"):
                break
        if not self.url:
            raise RuntimeError("socialkit mark printed no address:\n" + "".join(self.lines))
        self.reader = threading.Thread(target=self._drain, daemon=True)  # a full pipe would block the server
        self.reader.start()

    def _drain(self) -> None:
        """Keep reading what the command prints until it ends."""
        for line in self.process.stdout:
            self.lines.append(line)

    def api(self, path: str, data: dict | None = None, method: str | None = None):
        """Call the formgrader API (JSON in, JSON out) with the server's token."""
        body = json.dumps(data).encode() if data is not None else None
        request = urllib.request.Request(f"{self.base}/formgrader/api/{path}", data=body,
                                         method=method or ("PUT" if body else "GET"),
                                         headers={"Authorization": f"token {self.token}",
                                                  "Content-Type": "application/json"})
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        with opener.open(request, timeout=60) as response:
            return json.loads(response.read() or b"null")

    def mark(self, marks: dict[str, tuple[float, str]]) -> int:
        """Give each learner's written answer a score and a comment, as the formgrader's page does; return how many."""
        done = 0
        for submission in self.api(f"submitted_notebooks/{ASSIGNMENT}/{ASSIGNMENT}_exercises"):
            if submission["student"] not in marks:
                continue
            score, comment = marks[submission["student"]]
            for grade in self.api(f"grades?submission_id={submission['id']}"):
                if grade["name"] == "reflection":
                    self.api(f"grade/{grade['id']}", {"manual_score": score, "extra_credit": None})
            for note in self.api(f"comments?submission_id={submission['id']}"):
                if note["name"] == "reflection":
                    self.api(f"comment/{note['id']}", {"manual_comment": comment})
            done += 1
        return done

    def stop(self) -> str:
        """Ctrl-C, as the trainer does when finished; return everything it printed."""
        self.process.send_signal(signal.SIGINT)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.reader.join(timeout=10)
        return "".join(self.lines)

