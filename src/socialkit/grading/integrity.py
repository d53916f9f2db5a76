"""Check a submitted notebook against the release: readable, the right assignment, test cells intact.

Edited or deleted locked cells (test cells, the setup cell) are put back from the release here;
nbgrader's OverwriteCells then swaps in the gradebook's copy, hidden tests included.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from pathlib import Path

CHECK_CALL = re.compile(r"""(?:check|hint|progress)\(\s*["'](\d\d_[a-z_]+)[."']""")


class UnreadableNotebook(Exception):
    """The file is not a notebook we can grade (damaged JSON, wrong format, wrong assignment)."""


@dataclass
class Integrity:
    """What the comparison with the release found.

    A protected cell deleted or edited by mistake is put back and changes nothing: the learner's
    answers are graded as usual. It is *tampering* only when the learner's answers relied on what they
    wrote in the protected cell (their edit defined a name a later cell uses), or when the cell's
    marking settings (points, graded or not) were changed.
    """

    edited: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)
    relied_on: dict[str, list[str]] = field(default_factory=dict)  # edited cell -> names later cells used
    settings_changed: list[str] = field(default_factory=list)

    @property
    def restored(self) -> bool:
        """True when any protected cell was put back."""
        return bool(self.edited or self.deleted)

    @property
    def tampered(self) -> bool:
        """True when the learner's answers relied on a changed protected cell, or marking settings changed."""
        return bool(self.relied_on or self.settings_changed)

    def reason(self, titles: dict[str, str]) -> str:
        """Plain sentences for the CSV's reason column, saying what was put back and whether it mattered."""
        sentences = []
        innocent_edits = [g for g in self.edited if g not in self.relied_on and g not in self.settings_changed]
        if self.deleted:
            sentences.append(f"{_cells(self.deleted, titles)} deleted (by mistake, most likely); "
                             "put back as handed out, and the answers were graded as usual.")
        if innocent_edits:
            sentences.append(f"{_cells(innocent_edits, titles)} changed; put back as handed out, and the "
                             "answers were graded as usual.")
        for gid, names in self.relied_on.items():
            sentences.append(f"The answers relied on code the learner wrote inside the protected cell "
                             f"{_label(gid, titles)} ({', '.join(names)}); the cell was put back as handed out, "
                             "so those answers may score less. Look at the notebook before deciding.")
        if self.settings_changed:
            labels = ", ".join(_label(g, titles) for g in self.settings_changed)
            sentences.append(f"The marking settings (points, or whether it is graded) of {labels} were changed "
                             "in the notebook; they were put back as handed out.")
        return " ".join(sentences)


def _cells(grade_ids: list[str], titles: dict[str, str]) -> str:
    """``A protected cell, q2_check (Q2 · …), was`` or ``Protected cells … were`` (sentence start)."""
    labels = ", ".join(_label(g, titles) for g in grade_ids)
    return f"A protected cell, {labels}, was" if len(grade_ids) == 1 else f"Protected cells {labels} were"


def _label(grade_id: str, titles: dict[str, str]) -> str:
    """``q1_check (Q1 · Share of voice)`` when the title is known, else the grade id."""
    title = titles.get(grade_id)
    return f"{grade_id} ({title})" if title else grade_id


def grade_id(cell) -> str | None:
    """The nbgrader grade id of a cell, or None for an ordinary cell."""
    meta = cell.get("metadata", {}).get("nbgrader")
    return meta.get("grade_id") if isinstance(meta, dict) else None


def is_locked(cell) -> bool:
    """True for a cell the learner must not change (test cells, setup, provided code)."""
    meta = cell.get("metadata", {}).get("nbgrader") or {}
    return bool(meta.get("locked")) or (bool(meta.get("grade")) and not meta.get("solution"))


def read_submission(path: Path):
    """Parse and validate a submitted notebook, raising UnreadableNotebook with a plain reason."""
    import nbformat

    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise UnreadableNotebook("The file is not a Jupyter notebook (it is not text; was another file sent?).")
    try:
        nb = nbformat.reads(text, as_version=4)
    except Exception as exc:  # NotJSONError, ValueError, KeyError on odd structures
        raise UnreadableNotebook(
            "The file is damaged and cannot be opened as a notebook "
            f"({type(exc).__name__}). Ask the learner to download it again from Jupyter (File › Download)."
        ) from None
    try:
        nbformat.validate(nb)
    except Exception as exc:
        first = str(exc).strip().splitlines()[0][:160] if str(exc).strip() else type(exc).__name__
        raise UnreadableNotebook(f"The notebook's structure is invalid ({first}).") from None
    return nb


def check_assignment(nb, release, assignment: str) -> None:
    """Raise UnreadableNotebook when the notebook belongs to another assignment (or has no exercise cells)."""
    release_ids = {grade_id(c) for c in release.cells} - {None}
    submitted_ids = {grade_id(c) for c in nb.cells} - {None}
    others = sorted({m for c in nb.cells for m in CHECK_CALL.findall(c.get("source", ""))} - {assignment})
    release_locked = {grade_id(c): c.source for c in release.cells if is_locked(c) and grade_id(c)}
    intact = sum(1 for c in nb.cells if grade_id(c) in release_locked and c.source == release_locked[grade_id(c)])
    if others and intact == 0:
        raise UnreadableNotebook(
            f"This is the notebook of another assignment ({', '.join(others)}), not {assignment}. "
            f"Ask the learner to send their {assignment} notebook."
        )
    if submitted_ids and not (submitted_ids & release_ids):
        raise UnreadableNotebook(
            f"None of this notebook's exercise cells belong to {assignment}; it is probably the notebook "
            "of another assignment."
        )
    if not submitted_ids:
        raise UnreadableNotebook(
            f"The notebook has none of the {assignment} exercise cells (was the work copied into a new "
            "notebook?). Ask the learner to work in the notebook they were given."
        )


def _grading_meta(cell) -> tuple:
    """The nbgrader settings that decide how a cell is graded (a learner must not change them)."""
    meta = cell.get("metadata", {}).get("nbgrader") or {}
    return tuple(meta.get(key) for key in ("grade", "solution", "locked", "points"))


def restore_locked_cells(nb, release) -> Integrity:
    """Put back every locked cell of the release that the learner edited or deleted; report which and whether it mattered.

    Missing cells are inserted after the nearest earlier release cell still present, so a
    deleted test cell runs right after its answer cell, as in the original.
    """
    found = Integrity()
    learner_versions: dict[str, str] = {}
    position = {grade_id(c): i for i, c in enumerate(nb.cells) if grade_id(c)}
    for index, original in enumerate(release.cells):
        gid = grade_id(original)
        if not gid or not is_locked(original):
            continue
        if gid in position:
            cell = nb.cells[position[gid]]
            if (cell.source.strip() != original.source.strip() or cell.cell_type != original.cell_type
                    or _grading_meta(cell) != _grading_meta(original)):
                found.edited.append(gid)
                if _grading_meta(cell) != _grading_meta(original):
                    found.settings_changed.append(gid)
                learner_versions[gid] = cell.source
                nb.cells[position[gid]] = copy.deepcopy(original)
            continue
        found.deleted.append(gid)
        insert_at = 0
        for earlier in reversed(release.cells[:index]):
            if grade_id(earlier) in position:
                insert_at = position[grade_id(earlier)] + 1
                break
        nb.cells.insert(insert_at, copy.deepcopy(original))
        position = {grade_id(c): i for i, c in enumerate(nb.cells) if grade_id(c)}
    for gid, source in learner_versions.items():
        defined = names_defined(source) - names_defined(_original_source(release, gid))
        start = position[gid]
        used = set().union(*(names_used(c.source) for c in nb.cells[start:] if c.cell_type == "code"))
        relied = sorted(defined & used)
        if relied:
            found.relied_on[gid] = relied
    return found


def _original_source(release, gid: str) -> str:
    """The handed-out source of the release cell ``gid``."""
    return next((c.source for c in release.cells if grade_id(c) == gid), "")


def _parse(source: str):
    """The source's syntax tree, or None when it is not valid Python (IPython magics, prose)."""
    import ast

    try:
        return ast.parse(source)
    except SyntaxError:
        return None


def names_defined(source: str) -> set[str]:
    """Names a piece of code assigns, imports or defines (top level and nested), read with ``ast``."""
    import ast

    tree = _parse(source)
    if tree is None:
        return set()
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and isinstance(node.ctx, (ast.Store, ast.Del)):
            names.add(node.id)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            names.update((a.asname or a.name).split(".")[0] for a in node.names)
        elif isinstance(node, ast.Global):
            names.update(node.names)
    return names


def names_used(source: str) -> set[str]:
    """Names a piece of code reads."""
    import ast

    tree = _parse(source)
    if tree is None:
        return set()
    return {n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}


def question_titles(release) -> dict[str, str]:
    """Map each graded cell's id to the heading above it, e.g. ``q1_check`` → ``Q1 · Share of voice``."""
    titles: dict[str, str] = {}
    heading = ""
    for cell in release.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("#"):
                    heading = re.sub(r"\s*\((?:\d+(?:\.\d+)?) points?[^)]*\)\s*$", "", line.lstrip("# ").strip())
                    break
        gid = grade_id(cell)
        if gid:
            titles[gid] = heading or gid
    return titles
