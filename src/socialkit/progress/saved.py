"""A learner's saved exercise notebooks: found wherever they are, recognised by content, read without running.

A notebook is recognised by the question ids its check cells name (``check("01_listen.q1", …)``),
not by its file name or folder, so a renamed copy, a moved file or one saved in another module's
folder is still found. Reading uses plain ``json`` and ``ast`` (fast, nothing executed); the parts
that decide the answers (code cells, the answer cells) give the content key the re-check caches on.
"""

from __future__ import annotations

import ast
import hashlib
import json
import os
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from socialkit import course

CHECK_CALL = re.compile(r"""\bcheck\(\s*["']\s*(\d\d_[a-z_]+)\.(\w+)\s*["']""", re.IGNORECASE)
PLACEHOLDER = "✍️ Write your answer here"
QUIET_CALLS = {"check", "hint", "progress", "print", "display"}  # calls that store nothing a later answer uses
SKIPPED_FOLDERS = {".ipynb_checkpoints", "__pycache__", "node_modules", ".venv", "venv", ".git"}
MAX_NOTEBOOK_BYTES = 20_000_000  # a notebook bigger than this is not an exercise notebook (huge outputs)


@dataclass
class SavedAnswer:
    """One question as the saved notebook holds it: the answer cell's code, and whether its check cell ever ran."""

    name: str            # "q1", the nbgrader grade id
    question_id: str     # "01_listen.q1"
    var: str | None      # the learner's variable, read from the answer cell
    source: str          # the answer cell's code ("" when the cell is gone)
    attempted: bool      # the answer is no longer the three dots
    check_ran: bool      # the check cell has an execution count in the saved file


@dataclass
class SavedNotebook:
    """One exercise notebook of one module, as saved on disk."""

    path: Path
    module: str
    saved_at: float
    answers: dict[str, SavedAnswer] = field(default_factory=dict)
    reflection: str | None = None   # the written answer's text; None when the notebook has no reflection cell
    steps: list[dict] = field(default_factory=list)  # what a re-check runs, in order (see ``run_steps``)
    simple: bool = True             # every answer is a plain value: judged without running any code
    key: str = ""                   # hash of what decides the answers (code cells, not outputs)

    @property
    def attempted(self) -> int:
        """How many answers are no longer the three dots."""
        return sum(a.attempted for a in self.answers.values())


class UnreadableNotebook(ValueError):
    """A file that looks like an exercise notebook but cannot be read (half-saved, not JSON)."""


def search_folders(root: Path, extra: list[Path] | None = None) -> list[Path]:
    """Where a learner's notebooks may be: the kit's ``exercises/`` (any depth), the kit's top folder,
    the folders listed in ``$SOCIALKIT_NOTEBOOKS`` (separated like PATH), and ``extra``."""
    folders = [root / "exercises", root]
    env = os.environ.get("SOCIALKIT_NOTEBOOKS", "")
    folders += [Path(p).expanduser() for p in env.split(os.pathsep) if p.strip()]
    folders += [Path(p).expanduser() for p in (extra or [])]
    return folders


def candidate_files(root: Path, extra: list[Path] | None = None) -> list[Path]:
    """Every ``.ipynb`` in the search folders (the kit's top folder: its own files only), no duplicates."""
    found: dict[Path, None] = {}
    for folder in search_folders(root, extra):
        if not folder.is_dir():
            continue
        recursive = folder.resolve() != root.resolve()
        for path in _walk(folder, recursive):
            found.setdefault(path.resolve(), None)
    return list(found)


def _walk(folder: Path, recursive: bool):
    """The notebooks of ``folder`` (and its sub-folders if ``recursive``), hidden and checkpoint folders skipped."""
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_file() and entry.name.endswith(".ipynb"):
            yield Path(entry.path)
        elif recursive and entry.is_dir() and entry.name not in SKIPPED_FOLDERS:
            yield from _walk(Path(entry.path), True)


def module_of(cells: list[dict]) -> str | None:
    """The module a notebook belongs to: the slug its check cells name most often, if the course has it."""
    counts = Counter(m.group(1).lower() for cell in cells if cell.get("cell_type") == "code"
                     for m in CHECK_CALL.finditer(_text(cell)))
    for slug, _ in counts.most_common():
        if slug in course.slugs():
            return slug
    return None


def _text(cell: dict) -> str:
    """A cell's source as one string (notebooks store it as a list of lines or a string)."""
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else str(source)


def _nbgrader(cell: dict) -> dict:
    """The cell's nbgrader metadata ({} when it has none)."""
    meta = cell.get("metadata")
    meta = meta.get("nbgrader") if isinstance(meta, dict) else None
    return meta if isinstance(meta, dict) else {}


def read(path: Path) -> SavedNotebook | None:
    """The saved notebook at ``path``, or None if it is not an exercise notebook of the course.

    Raises ``UnreadableNotebook`` for a file that is not complete notebook JSON (saved half-way, edited by hand):
    it may be the learner's work, so they are told.
    """
    try:
        if path.stat().st_size > MAX_NOTEBOOK_BYTES:
            return None
        raw = path.read_bytes()
    except OSError:
        return None
    try:
        cells = json.loads(raw.decode("utf-8")).get("cells")
    except (UnicodeDecodeError, json.JSONDecodeError, AttributeError) as exc:
        raise UnreadableNotebook(f"{path.name} is not a complete notebook file ({type(exc).__name__})") from None
    if not isinstance(cells, list):
        return None
    cells = [c for c in cells if isinstance(c, dict)]
    slug = module_of(cells)
    if slug is None:
        return None
    saved = SavedNotebook(path=path, module=slug, saved_at=path.stat().st_mtime)
    _read_cells(saved, cells)
    return saved


def _read_cells(saved: SavedNotebook, cells: list[dict]) -> None:
    """Fill in the answers, the reflection, the re-check steps and the content key from the cells."""
    slug = saved.module
    answer_cells: dict[str, dict] = {}
    keyed = []
    for cell in cells:
        meta = _nbgrader(cell)
        text = _text(cell)
        if cell.get("cell_type") == "markdown":
            if meta.get("grade_id") == "reflection" or (meta.get("solution") and meta.get("grade")):
                saved.reflection = text
            continue
        if cell.get("cell_type") != "code":
            continue
        keyed.append(text)
        checked = [m for m in CHECK_CALL.finditer(text) if m.group(1).lower() == slug]
        if meta.get("grade") and checked or _only_calls(text, {"check"}) and checked:
            name = checked[0].group(2).lower()
            var = _checked_variable(text)
            saved.answers[name] = SavedAnswer(name, f"{slug}.{name}", var, "", False,
                                              cell.get("execution_count") is not None)
            saved.steps.append({"check": f"{slug}.{name}", "var": var})
            continue
        if meta.get("solution") and meta.get("grade_id"):
            answer_cells[str(meta["grade_id"]).lower()] = cell
        if meta.get("locked") and _only_calls(text, None):
            continue  # a locked display cell (a dashboard) stores nothing
        if not meta.get("locked") and _only_calls(text, QUIET_CALLS):
            continue  # check/hint/progress/print typed by the learner: nothing stored
        step = {"run": text}
        if meta.get("solution") and meta.get("grade_id"):
            step["answer"] = f"{slug}.{str(meta['grade_id']).lower()}"
        saved.steps.append(step)
        if not meta.get("locked") and not _plain_values(text):
            saved.simple = False
    for name, answer in saved.answers.items():
        cell = answer_cells.get(name) or _cell_assigning(cells, answer.var)
        if cell is not None:
            answer.source = _text(cell)
            answer.attempted = not _still_dots(answer.source, answer.var)
    saved.key = hashlib.sha256(json.dumps([slug, keyed]).encode("utf-8")).hexdigest()


def _parse(text: str) -> ast.Module | None:
    """The cell's code parsed, or None if it does not parse (a typo, an IPython magic)."""
    try:
        return ast.parse(text)
    except (SyntaxError, ValueError):
        return None


def _only_calls(text: str, names: set[str] | None) -> bool:
    """True when every statement is a bare call (to one of ``names``, or to anything if None), storing nothing."""
    tree = _parse(text)
    if tree is None or not tree.body:
        return tree is not None
    for node in tree.body:
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
            continue  # a docstring or a bare value: stores nothing
        if not (isinstance(node, ast.Expr) and isinstance(node.value, ast.Call)):
            return False
        if any(isinstance(n, ast.NamedExpr) for n in ast.walk(node)):
            return False
        func = node.value.func
        if names is not None and not (isinstance(func, ast.Name) and func.id in names):
            return False
    return True


def _plain_values(text: str) -> bool:
    """True when a learner's cell only stores plain values (``x = 12.5``, ``y = "B"``) or prints: nothing to run."""
    tree = _parse(text)
    if tree is None:
        return False
    for node in tree.body:
        if isinstance(node, ast.Assign) and all(isinstance(t, ast.Name) for t in node.targets):
            if _literal(node.value) is _NOT_LITERAL:
                return False
        elif not _only_calls(ast.unparse(node), QUIET_CALLS):
            return False
        elif any(isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n is not node.value
                 for n in ast.walk(node)):
            return False  # print(globals()…): a call inside that could store something
    return True


_NOT_LITERAL = object()


def _literal(node: ast.AST):
    """The value of a literal expression (numbers, text, True/False/None, ..., tuples, lists), else a marker."""
    try:
        return ast.literal_eval(node)
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        return _NOT_LITERAL


def plain_namespace(steps: list[dict]) -> dict:
    """The values a notebook of plain values stores, cell after cell (only used when ``simple`` is True)."""
    names: dict = {}
    for step in steps:
        if "run" not in step:
            continue
        tree = _parse(step["run"])
        for node in tree.body if tree else ():
            if isinstance(node, ast.Assign):
                value = _literal(node.value)
                if value is not _NOT_LITERAL:
                    for target in node.targets:
                        names[target.id] = value
    return names


def _checked_variable(text: str) -> str | None:
    """The variable a check cell passes: ``check("01_listen.q1", sov)`` → ``sov``."""
    tree = _parse(text)
    for node in ast.walk(tree) if tree else ():
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "check":
            if len(node.args) >= 2 and isinstance(node.args[1], ast.Name):
                return node.args[1].id
    return None


def _cell_assigning(cells: list[dict], var: str | None) -> dict | None:
    """The first code cell that stores ``var`` (the answer cell when its nbgrader metadata was lost)."""
    if not var:
        return None
    pattern = re.compile(rf"(?m)^\s*{re.escape(var)}\s*=")
    for cell in cells:
        if cell.get("cell_type") == "code" and not _nbgrader(cell).get("locked") and pattern.search(_text(cell)):
            return cell
    return None


def _still_dots(source: str, var: str | None) -> bool:
    """True when the answer cell still stores the three dots in ``var`` (or stores nothing at all)."""
    tree = _parse(source)
    if tree is None:
        return "..." in source and not re.search(rf"{re.escape(var or '')}\s*=\s*[^.\s]", source)
    last = None
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == var for t in node.targets):
            last = node.value
    return last is None or (isinstance(last, ast.Constant) and last.value is Ellipsis)


def reflection_words(text: str | None) -> int:
    """The number of words the learner wrote in a reflection: the placeholder, unfilled ``…`` lines and bold
    labels of a template are not counted."""
    if not text:
        return 0
    kept = []
    for line in text.splitlines():
        stripped = line.strip()
        if PLACEHOLDER in stripped or stripped.endswith("…") or stripped.endswith("..."):
            continue
        kept.append(re.sub(r"\*\*[^*]*\*\*", " ", stripped))
    return len(re.findall(r"\w+", " ".join(kept)))


def find_all(root: Path, extra: list[Path] | None = None) -> tuple[dict[str, list[SavedNotebook]], list[str]]:
    """Every saved exercise notebook by module (best copy first), and a plain line per file that could not be read.

    The best copy of a module is the one with the most answers written; between equals, the last saved.
    """
    by_module: dict[str, list[SavedNotebook]] = {}
    problems = []
    for path in candidate_files(root, extra):
        try:
            saved = read(path)
        except UnreadableNotebook as exc:
            problems.append(f"{display_path(path, root)} could not be read: {exc.args[0].split(' is ', 1)[1]}. "
                            "Open it in JupyterLab and save it again (or use another copy).")
            continue
        if saved is not None:
            by_module.setdefault(saved.module, []).append(saved)
    for copies in by_module.values():
        copies.sort(key=lambda s: (s.attempted, s.saved_at), reverse=True)
    return by_module, problems


def display_path(path: Path, root: Path) -> str:
    """The path as the learner types it: relative to the kit's folder when inside it."""
    for here, top in ((os.path.abspath(path), os.path.abspath(root)),
                      (Path(path).resolve(), Path(root).resolve())):
        try:
            return Path(here).relative_to(top).as_posix()
        except ValueError:
            continue
    return str(path)
