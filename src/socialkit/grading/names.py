"""Learner names: the name typed in a notebook, a name guessed from a file name, and a roster to match them.

A learner is known by a ``learner_id`` (a folder-safe id such as ``anna-martin``) and a display name
(``Anna Martin``). Names are compared folded: case, accents, spaces and punctuation do not count, so
``Élodie``, ``elodie`` and ``ELODIE`` are one person.
"""

from __future__ import annotations

import ast
import csv
import hashlib
import io
import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

NAME_VARIABLE = "your_name"
SAFE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
# Words that learners, browsers, mail programs and learning platforms add to file names, never names.
NOISE_WORDS = {
    "final", "finale", "finished", "done", "copy", "copie", "version", "exercise", "exercises", "exercices",
    "submission", "assignsubmission", "file", "onlinetext", "late", "rendu", "new", "nouveau", "ipynb",
    "notebook", "untitled", "sansnom", "download", "downloads", "answers", "reponses",
}
NOISE_TOKEN = re.compile(r"^(?:v\d+|\d+|final\d*|copy\d*)$")
QUOTED = re.compile(r"""your_name\s*=\s*[rubf]*["'“”‘’«»]+\s*(.*?)\s*["'“”‘’«»]""", re.I)
UNQUOTED = re.compile(r"""your_name\s*=\s*([^#\n"'“”‘’]+?)\s*(?:#|$)""", re.I | re.M)


def fold(text: str) -> str:
    """Lower case without accents: ``Élodie`` → ``elodie`` (for comparing, never for display)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def compact(text: str) -> str:
    """The letters and digits of ``text``, folded: ``Anna-Marie  Dupont`` → ``annamariedupont``."""
    return "".join(c for c in fold(text) if c.isalnum())


def slug(text: str) -> str:
    """A folder-safe learner id from a name: ``Anna Martin`` → ``anna-martin``, ``Élodie`` → ``elodie``.

    Names with no Latin letters get ``learner-`` and a short digest of the name, so they stay distinct.
    """
    words = re.findall(r"[a-z0-9]+", fold(text).encode("ascii", "ignore").decode())
    if words:
        return "-".join(words)[:60]
    return "learner-" + hashlib.sha256(text.strip().encode()).hexdigest()[:8]


def display_name(text: str) -> str:
    """A name as a person would write it: spaces tidied, an all-lower-case name capitalised."""
    name = " ".join(text.split())
    return name.title() if name == name.lower() else name


def name_hint(stem: str, assignment: str) -> str:
    """The learner's name hidden in a file or folder name, or ``""`` when there is none.

    Drops the assignment (``01_listen_exercises``), copy markers (``(1)``, ``final``, ``v2``), learning
    platforms' ids and words, and digits: ``Anna Final`` → ``Anna``, ``Omar (1)`` → ``Omar``,
    ``01_listen_exercises`` → ``""``, ``Anna Martin_1234_assignsubmission_file_`` → ``Anna Martin``.
    """
    text = re.sub(re.escape(assignment), " ", stem, flags=re.I)
    text = re.sub(r"\.ipynb$", " ", text, flags=re.I)
    assignment_words = {fold(w) for w in re.split(r"[_\W]+", assignment) if w}
    tokens = [t for t in re.split(r"[\s_()\[\]{}.,;+~#]+", text) if t]
    kept = []
    for token in tokens:
        parts = [p for p in token.split("-") if p]
        parts = [p for p in parts if fold(p) not in NOISE_WORDS and fold(p) not in assignment_words
                 and not NOISE_TOKEN.match(fold(p))]
        if parts:
            kept.append("-".join(parts))
    return " ".join(kept)


def typed_name(notebook_bytes: bytes) -> str:
    """The name the learner typed in the notebook's ``your_name = "..."`` cell, or ``""``.

    The cell is parsed with ``ast`` (learner code is never run outside the sandbox); a cell Python
    cannot parse (``your_name = Anna Martin``, curly quotes) is read with a lenient pattern instead.
    """
    try:
        nb = json.loads(notebook_bytes.decode("utf-8"))
        cells = nb.get("cells", []) if isinstance(nb, dict) else []
    except (UnicodeDecodeError, ValueError):
        return ""
    for cell in cells:
        if not isinstance(cell, dict) or cell.get("cell_type") != "code":
            continue
        source = cell.get("source", "")
        source = "".join(source) if isinstance(source, list) else str(source)
        if NAME_VARIABLE not in source:
            continue
        name = _name_from_source(source)
        if name:
            return name
    return ""


def _name_from_source(source: str) -> str:
    """The value given to ``your_name`` in one cell's source (see ``typed_name``)."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        match = QUOTED.search(source) or UNQUOTED.search(source)
        return " ".join(match.group(1).split()) if match else ""
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == NAME_VARIABLE
                                                for t in node.targets):
            if isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
                return " ".join(node.value.value.split())
            if isinstance(node.value, ast.Name):
                return node.value.id
    return ""


@dataclass
class Person:
    """One learner of the roster: id, display name, e-mail and any extra columns (LMS ids, section)."""

    learner_id: str
    name: str
    email: str = ""
    extra: dict | None = None

    @property
    def first_last(self) -> tuple[str, str]:
        """(first name, last name): the first word, then the rest."""
        words = self.name.split()
        return (words[0], " ".join(words[1:])) if words else ("", "")


class RosterError(ValueError):
    """The roster file cannot be used; the message names the row and what to fix."""


class Roster:
    """Learners by id, with tolerant look-up by name, id, e-mail, first or last name."""

    COLUMNS = ("learner_id", "name", "email")

    def __init__(self, people: list[Person] | None = None):
        """Index ``people`` (later ones with the same id replace earlier ones)."""
        self.people: dict[str, Person] = {}
        for person in people or []:
            self.add(person)

    def add(self, person: Person) -> Person:
        """Add or replace a person; returns it."""
        self.people[person.learner_id] = person
        return person

    def get(self, learner_id: str) -> Person | None:
        """The person with this id, if any."""
        return self.people.get(learner_id)

    def _keys(self, person: Person) -> tuple[set[str], set[str]]:
        """(strong keys that name one person, weak keys such as a first name alone)."""
        first, last = person.first_last
        strong = {compact(person.learner_id), compact(person.name), compact(f"{last} {first}")}
        if person.email:
            strong.add(compact(person.email.split("@")[0]))
        weak = {compact(first), compact(last)} if last else set()
        return {k for k in strong if k}, {k for k in weak if len(k) > 1}

    def match(self, text: str) -> tuple[Person | None, list[Person]]:
        """(the one person ``text`` names, or None; the people it could name when it is ambiguous)."""
        key = compact(text)
        if not key:
            return None, []
        strong = [p for p in self.people.values() if key in self._keys(p)[0]]
        if len(strong) == 1:
            return strong[0], []
        if len(strong) > 1:
            return None, strong
        weak = [p for p in self.people.values() if key in self._keys(p)[1]]
        if len(weak) == 1:
            return weak[0], []
        return None, weak

    def free_id(self, wanted: str) -> str:
        """``wanted``, or ``wanted-2``, ``wanted-3``… when another person already has that id."""
        candidate, n = wanted, 1
        while candidate in self.people:
            n += 1
            candidate = f"{wanted}-{n}"
        return candidate

    # ---- files -------------------------------------------------------------------------------
    @classmethod
    def read(cls, path: Path) -> Roster:
        """Read a roster CSV (``learner_id,name,email``; commas, semicolons or tabs; any extra columns)."""
        path = Path(path)
        try:
            text = path.read_bytes().decode("utf-8-sig")
        except FileNotFoundError:
            raise RosterError(f"The roster {path} does not exist.") from None
        except UnicodeDecodeError:
            raise RosterError(f"The roster {path} is not UTF-8 text; save it as 'CSV UTF-8' and try again.") from None
        first_line = text.splitlines()[0] if text.strip() else ""
        delimiter = max(",;\t", key=first_line.count)
        reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
        columns = {(c or "").strip().lower(): c for c in reader.fieldnames or []}
        missing = [c for c in ("learner_id", "name") if c not in columns]
        if missing:
            raise RosterError(f"The roster {path} needs the columns learner_id,name,email on its first line "
                              f"(missing: {', '.join(missing)}).")
        people = []
        seen: dict[str, int] = {}
        for number, row in enumerate(reader, start=2):
            clean = {k.strip().lower(): (v or "").strip() for k, v in row.items() if k}
            learner_id, name = clean.get("learner_id", ""), clean.get("name", "")
            if not learner_id and not name:
                continue
            if not learner_id:
                learner_id = slug(name)
            if not SAFE_ID.match(learner_id) or learner_id in (".", ".."):
                raise RosterError(f"Row {number} of {path}: learner_id '{learner_id}' may only hold letters, "
                                  "digits, '.', '-' or '_' (it becomes a folder name).")
            if learner_id in seen:
                raise RosterError(f"Rows {seen[learner_id]} and {number} of {path} have the same learner_id "
                                  f"'{learner_id}'; each learner needs their own.")
            seen[learner_id] = number
            extra = {k: v for k, v in clean.items() if k not in cls.COLUMNS and v}
            people.append(Person(learner_id, name or learner_id, clean.get("email", ""), extra or None))
        return cls(people)

    def write(self, path: Path) -> None:
        """Write the roster as CSV (the extra columns too), sorted by id, atomically."""
        from socialkit.grading.status import atomic_write_text

        extra_columns = sorted({k for p in self.people.values() for k in (p.extra or {})})
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow([*self.COLUMNS, *extra_columns])
        for person in sorted(self.people.values(), key=lambda p: p.learner_id):
            writer.writerow([person.learner_id, person.name, person.email,
                             *((person.extra or {}).get(k, "") for k in extra_columns)])
        atomic_write_text(Path(path), out.getvalue())

    def merge(self, other: Roster) -> None:
        """Take every person of ``other`` (the trainer's roster wins over names found in notebooks)."""
        for person in other.people.values():
            self.add(person)
