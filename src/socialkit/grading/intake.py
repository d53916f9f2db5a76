"""File the notebooks learners sent into ``submitted/<learner>/<assignment>/``, whatever they were called.

Who sent a notebook: the name the learner typed in it (``your_name = "Anna Martin"``), matched
tolerantly to the roster; without one, the name in the file's name (or its folder's, or its zip's),
cleaned of copy markers: ``Anna Final.ipynb``, ``anna (1).ipynb`` and ``ANNA_v2.ipynb`` are all Anna.
The default download name ``01_listen_exercises.ipynb`` names nobody. Several files for one learner:
the newest by save time wins (the file's modification time; inside a zip, the time the zip recorded
for it). Every file that is not filed is listed with its reason, in the terminal and in
``reports/<assignment>-inbox.csv``; one bad file never stops the others.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import re
import tempfile
import zipfile
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path

from socialkit.grading.names import Person, Roster, display_name, fold, name_hint, slug, typed_name
from socialkit.grading.workspace import Workspace

MAX_ZIP_BYTES = 200 * 1024**2
MAX_NOTEBOOK_BYTES = 100 * 1024**2
SYSTEM_FILES = {"thumbs.db", "desktop.ini"}
SKIPPED_FOLDERS = {"__MACOSX", ".ipynb_checkpoints"}
NOTEBOOK_SUFFIX = re.compile(r"(\.ipynb)?(\.(txt|json))?$", re.I)


class IntakeError(ValueError):
    """The inbox cannot be read at all (it is not a folder)."""


@dataclass
class Candidate:
    """One notebook found in the inbox, with what tells who sent it and when."""

    origin: str  # as the trainer sees it: "Anna Final.ipynb", "gina.zip › 01_listen_exercises.ipynb"
    notebook: bytes | None
    others: dict[str, bytes]
    saved_at: datetime
    hint: str  # the name in the file, folder or zip name
    note: str = ""
    typed: str = ""  # the name typed in the notebook

    @property
    def sha256(self) -> str:
        """Digest of the notebook's bytes (empty notebook for a zip without one)."""
        return hashlib.sha256(self.notebook or b"").hexdigest()


@dataclass
class InboxLine:
    """What happened to one inbox file: filed, unchanged (already filed) or ignored, and why."""

    origin: str
    decision: str
    learner: str = ""
    reason: str = ""


@dataclass
class IntakeRecord:
    """Where a learner's filed submission came from (``status/<assignment>/intake/<learner>.json``)."""

    learner: str
    name: str
    origin: str
    saved_at: str  # ISO 8601 with the UTC offset
    sha256: str
    name_from: str  # "notebook" (typed in it) or "file name"


@dataclass
class IntakeResult:
    """Every inbox file's line, in inbox order."""

    lines: list[InboxLine] = field(default_factory=list)

    def by(self, decision: str) -> list[InboxLine]:
        """The lines with this decision."""
        return [line for line in self.lines if line.decision == decision]

    @property
    def filed(self) -> dict[str, str]:
        """``{learner: inbox file}`` for every learner whose submission is in the workspace now."""
        return {line.learner: line.origin for line in self.lines if line.decision in ("filed", "unchanged")}


def _when(timestamp: float | tuple) -> datetime:
    """A file's modification time (epoch seconds, or a zip's date tuple) as an aware local time."""
    if isinstance(timestamp, tuple):
        return datetime(*timestamp).astimezone()
    return datetime.fromtimestamp(timestamp).astimezone()


def shown(moment: datetime | str) -> str:
    """A time as the trainer reads it: ``2025-05-01 18:03``."""
    if isinstance(moment, str):
        moment = datetime.fromisoformat(moment)
    return moment.strftime("%Y-%m-%d %H:%M")


def _looks_like_notebook(path: Path) -> bool:
    """True when a file not named ``.ipynb`` holds notebook JSON (``paul.ipynb.txt`` from a mail program)."""
    if path.stat().st_size > MAX_NOTEBOOK_BYTES:
        return False
    with open(path, "rb") as handle:
        start = handle.read(4096).lstrip()
    if not start.startswith(b"{"):
        return False
    try:
        data = json.loads(path.read_bytes().decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return False
    return isinstance(data, dict) and "cells" in data


def _folder_hints(relative: Path, assignment: str) -> list[str]:
    """Names in the folders holding a file, nearest first (``Anna Martin_1234_assignsubmission_file_/``)."""
    return [h for h in (name_hint(part, assignment) for part in reversed(relative.parts[:-1])) if h]


def _zip_candidates(path: Path, origin: str, hints: list[str], assignment: str) -> tuple[list[Candidate], str]:
    """The notebooks inside a learner's zip (or one notebook-less candidate), or a problem sentence."""
    try:
        with zipfile.ZipFile(path) as archive:
            entries = [i for i in archive.infolist() if not i.is_dir()
                       and not any(part in SKIPPED_FOLDERS or part.startswith(".")
                                   for part in Path(i.filename).parts)]
            if sum(i.file_size for i in entries) > MAX_ZIP_BYTES:
                return [], f"it unpacks to more than {MAX_ZIP_BYTES // 1024**2} MB"
            notebooks = [i for i in entries if i.filename.lower().endswith(".ipynb")]
            zip_hint = name_hint(path.stem, assignment)
            if not notebooks:
                others = {Path(i.filename).name: archive.read(i) for i in entries}
                return [Candidate(origin, None, others, _when(path.stat().st_mtime), zip_hint or next(iter(hints), ""),
                                  note="the zip holds no notebook")], ""
            others = ({Path(i.filename).name: archive.read(i) for i in entries if i not in notebooks}
                      if len(notebooks) == 1 else {})
            found = []
            for info in notebooks:
                inner = Path(info.filename)
                folders = _folder_hints(inner, assignment)
                # one notebook: the learner's own zip, named after them; several: a platform's bulk
                # download, with a folder per learner
                own = ([name_hint(inner.stem, assignment), zip_hint, *folders, *hints] if len(notebooks) == 1
                       else [name_hint(inner.stem, assignment), *folders, zip_hint, *hints])
                found.append(Candidate(f"{origin} › {info.filename}", archive.read(info), others,
                                       _when(info.date_time), next((h for h in own if h), "")))
            return found, ""
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        return [], f"it is not a readable zip file ({exc})"


def gather(inbox: Path, assignment: str) -> tuple[list[Candidate], list[InboxLine]]:
    """Every notebook in the inbox (sub-folders and zips included), and a line for each file left out."""
    candidates: list[Candidate] = []
    ignored: list[InboxLine] = []
    for folder, subfolders, files in os.walk(inbox):
        subfolders[:] = sorted(d for d in subfolders if d not in SKIPPED_FOLDERS and not d.startswith("."))
        for name in sorted(files):
            path = Path(folder) / name
            relative = path.relative_to(inbox)
            origin = relative.as_posix()
            if name.startswith(".") or name.lower() in SYSTEM_FILES:
                ignored.append(InboxLine(origin, "ignored", reason="a system file, not a submission"))
                continue
            if path.is_symlink() or not path.is_file():
                ignored.append(InboxLine(origin, "ignored", reason="a link or special file, not a submission"))
                continue
            hints = _folder_hints(relative, assignment)
            try:
                if name.lower().endswith(".zip"):
                    found, problem = _zip_candidates(path, origin, hints, assignment)
                    if problem:
                        ignored.append(InboxLine(origin, "ignored", reason=problem))
                    candidates += found
                    continue
                is_notebook = name.lower().endswith(".ipynb")
                if not is_notebook and not _looks_like_notebook(path):
                    kind = path.suffix or "no extension"
                    ignored.append(InboxLine(origin, "ignored", reason=(
                        f"not a notebook ({kind}); ask the learner for the .ipynb file "
                        "(in JupyterLab: File › Download)")))
                    continue
                if path.stat().st_size > MAX_NOTEBOOK_BYTES:
                    ignored.append(InboxLine(origin, "ignored", reason=(
                        f"larger than {MAX_NOTEBOOK_BYTES // 1024**2} MB; ask the learner to clear the outputs "
                        "(Edit › Clear Outputs of All Cells), save and send it again")))
                    continue
                stem = NOTEBOOK_SUFFIX.sub("", name)
                hint = name_hint(stem, assignment) or next(iter(hints), "")
                note = "" if is_notebook else f"read as a notebook although its name ends in {path.suffix}"
                candidates.append(Candidate(origin, path.read_bytes(), {}, _when(path.stat().st_mtime), hint, note))
            except OSError as exc:
                ignored.append(InboxLine(origin, "ignored", reason=f"it could not be read ({exc.strerror or exc})"))
    return candidates, ignored


def _identify(candidates: list[Candidate], roster: Roster, trainer_ids: set[str]) -> tuple[dict, list[InboxLine]]:
    """``{learner_id: [candidates]}`` and a line for each candidate nobody could be found for.

    Typed names come first (full names before single words), so that ``anna.ipynb`` joins the
    ``Anna Martin`` who typed her name in a later copy.
    """
    for candidate in candidates:
        candidate.typed = typed_name(candidate.notebook) if candidate.notebook else ""
    order = sorted(candidates, key=lambda c: (not c.typed, -len((c.typed or c.hint).split())))
    groups: dict[str, list[Candidate]] = defaultdict(list)
    lines: list[InboxLine] = []
    for candidate in order:
        text = candidate.typed or candidate.hint
        if not text:
            lines.append(InboxLine(candidate.origin, "ignored", reason=(
                "cannot tell who sent it: no name was typed in the notebook's first cell and the file has the "
                "default name; rename the file after the learner (e.g. anna_martin.ipynb) and run again")))
            continue
        person, maybe = roster.match(text)
        if person is None and maybe:
            names = " or ".join(f"{p.name} ({p.learner_id})" for p in maybe)
            lines.append(InboxLine(candidate.origin, "ignored", reason=(
                f"'{text}' could be {names}; rename the file after the learner's full name and run again")))
            continue
        if person is None:
            person = roster.add(Person(roster.free_id(slug(text)), display_name(text)))
            if trainer_ids:
                candidate.note = "; ".join(filter(None, [candidate.note, f"'{text}' is not on your roster"]))
        groups[person.learner_id].append(candidate)
    return groups, lines


def read_record(ws: Workspace, learner: str) -> IntakeRecord | None:
    """The intake record of a learner, or None."""
    try:
        return IntakeRecord(**json.loads(ws.intake_file(learner).read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError):
        return None


def _write_atomic(path: Path, data: bytes) -> None:
    """Write bytes through a temporary file and ``os.replace``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    with os.fdopen(handle, "wb") as out:
        out.write(data)
    os.replace(tmp, path)


def _file(ws: Workspace, learner: str, name: str, chosen: Candidate) -> None:
    """Write the chosen notebook, its companion files, nbgrader's ``timestamp.txt`` and the intake record."""
    folder = ws.submitted_dir(learner)
    for other, data in chosen.others.items():
        _write_atomic(folder / other, data)
    if chosen.notebook is not None:
        _write_atomic(ws.submitted_notebook(learner), chosen.notebook)
    else:
        folder.mkdir(parents=True, exist_ok=True)
        if ws.submitted_notebook(learner).exists():
            ws.submitted_notebook(learner).unlink()
    _write_atomic(folder / "timestamp.txt", chosen.saved_at.isoformat(sep=" ").encode())
    record = IntakeRecord(learner, name, chosen.origin, chosen.saved_at.isoformat(), chosen.sha256,
                          "notebook" if chosen.typed else "file name")
    _write_atomic(ws.intake_file(learner), json.dumps(asdict(record), indent=1, ensure_ascii=False).encode())


def _choose(ws: Workspace, learner: str, found: list[Candidate], roster: Roster,
            deadline: datetime | None) -> list[InboxLine]:
    """Keep the newest of one learner's files (file it unless already filed) and say why the others were not."""
    found = sorted(found, key=lambda c: (c.notebook is not None, c.saved_at, "final" in fold(c.origin), c.origin),
                   reverse=True)
    chosen, older = found[0], found[1:]
    person = roster.get(learner)
    name = person.name if person else learner
    lines = []
    previous = read_record(ws, learner)
    late = (f"late: saved {shown(chosen.saved_at)}, after the deadline {shown(deadline)}"
            if deadline and chosen.saved_at > deadline else "")
    note = "; ".join(filter(None, [chosen.note, late]))
    if previous and previous.sha256 == chosen.sha256 and ws.submitted_dir(learner).is_dir():
        lines.append(InboxLine(chosen.origin, "unchanged", learner, "; ".join(filter(None, [
            "already filed", note]))))
    elif (previous and datetime.fromisoformat(previous.saved_at) > chosen.saved_at
          and ws.submitted_notebook(learner).is_file()):
        lines.append(InboxLine(chosen.origin, "ignored", learner, (
            f"older than the notebook already filed for {name} ({previous.origin}, saved "
            f"{shown(previous.saved_at)}), which is kept")))
    else:
        _file(ws, learner, name, chosen)
        lines.append(InboxLine(chosen.origin, "filed", learner, note))
    for other in older:
        same = other.sha256 == chosen.sha256
        lines.append(InboxLine(other.origin, "ignored", learner, (
            f"the same notebook as {chosen.origin}" if same else
            f"an older copy for {name}: {chosen.origin} (saved {shown(chosen.saved_at)}) is newer and was used "
            f"(this one was saved {shown(other.saved_at)})")))
    return lines


def intake(inbox: Path, ws: Workspace, roster: Roster | None = None, deadline: datetime | None = None) -> IntakeResult:
    """File every submission of ``inbox`` into the workspace and return what happened to each file.

    ``roster`` (the trainer's ``learner_id,name,email`` list) is merged into the workspace's
    ``roster.csv``, which also remembers the learners found in notebooks, so later runs match alike.
    """
    inbox = Path(inbox)
    if not inbox.is_dir():
        raise IntakeError(f"The inbox {inbox} is not a folder. Point --from at the folder of received notebooks.")
    known = Roster.read(ws.roster_file()) if ws.roster_file().is_file() else Roster()
    if roster:
        known.merge(roster)
    candidates, lines = gather(inbox, ws.assignment)
    groups, unknown = _identify(candidates, known, set(roster.people) if roster else set())
    lines += unknown
    for learner in sorted(groups):
        lines += _choose(ws, learner, groups[learner], known, deadline)
    known.write(ws.roster_file())
    result = IntakeResult(sorted(lines, key=lambda line: line.origin))
    write_inbox_report(ws, result)
    return result


def write_inbox_report(ws: Workspace, result: IntakeResult) -> Path:
    """``reports/<assignment>-inbox.csv``: every inbox file, what was done with it and why."""
    from socialkit.grading.status import atomic_write_text

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["file", "decision", "learner", "reason"])
    for line in result.lines:
        writer.writerow([line.origin, line.decision, line.learner, line.reason])
    path = ws.reports_dir() / f"{ws.assignment}-inbox.csv"
    atomic_write_text(path, out.getvalue())
    return path


def parse_deadline(text: str) -> datetime:
    """``2025-05-01 18:00`` (local time unless an offset is given) or ``2025-05-01`` (the end of that day)."""
    value = text.strip()
    try:
        moment = datetime.fromisoformat(value.replace("T", " ") if "T" in value else value)
    except ValueError:
        raise ValueError(f"--deadline '{text}' is not a date; write it as 2025-05-01 18:00 "
                         "(year-month-day, then the hour)") from None
    if len(value) <= 10:
        moment = moment.replace(hour=23, minute=59, second=59)
    return moment if moment.tzinfo else moment.astimezone()
