"""File notebooks as learners sent them into ``submitted/<learner>/<assignment>/``.

Accepted in the inbox: ``<learner>.ipynb``, ``<learner>_anything.ipynb`` (the learner is the part
before the first ``_``) and ``<learner>.zip`` / ``<learner>_anything.zip`` holding one notebook.
Nothing is filed when any name is ambiguous, so a rerun after fixing the inbox starts clean.
"""

from __future__ import annotations

import os
import re
import tempfile
import zipfile
from pathlib import Path

from socialkit.grading.workspace import Workspace

LEARNER_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9.\-]*$")
MAX_ZIP_BYTES = 200 * 1024**2


class IntakeError(ValueError):
    """The inbox cannot be filed as it is; the message lists every problem and what to do."""


def learner_of(filename: str) -> str:
    """The learner a file belongs to: its name up to the first ``_`` (``ana_listen.ipynb`` → ``ana``)."""
    stem = Path(filename).stem
    return stem.split("_", 1)[0]


def _zip_contents(path: Path) -> tuple[bytes | None, dict[str, bytes], str | None]:
    """(the one notebook's bytes or None, other files by name, a problem or None) of a learner's zip."""
    try:
        with zipfile.ZipFile(path) as archive:
            entries = [i for i in archive.infolist() if not i.is_dir()
                       and "__MACOSX" not in i.filename and ".ipynb_checkpoints" not in i.filename
                       and not Path(i.filename).name.startswith(".")]
            if sum(i.file_size for i in entries) > MAX_ZIP_BYTES:
                return None, {}, f"{path.name} unpacks to more than {MAX_ZIP_BYTES // 1024**2} MB"
            notebooks = [i for i in entries if i.filename.endswith(".ipynb")]
            if len(notebooks) > 1:
                names = ", ".join(Path(i.filename).name for i in notebooks)
                return None, {}, f"{path.name} holds {len(notebooks)} notebooks ({names}); it must hold one"
            others = {Path(i.filename).name: archive.read(i) for i in entries if i not in notebooks}
            return (archive.read(notebooks[0]) if notebooks else None), others, None
    except (zipfile.BadZipFile, OSError) as exc:
        return None, {}, f"{path.name} is not a readable zip file ({exc})"


def _write_atomic(path: Path, data: bytes) -> None:
    """Write bytes through a temporary file and ``os.replace``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    with os.fdopen(handle, "wb") as out:
        out.write(data)
    os.replace(tmp, path)


def intake(inbox: Path, ws: Workspace) -> dict[str, str]:
    """File every submission of ``inbox`` into the workspace; return ``{learner: inbox file name}``.

    Raises IntakeError (listing every problem) when two files claim the same learner, a name is not
    a valid learner name, or a zip does not hold exactly one notebook; then nothing is filed.
    """
    inbox = Path(inbox)
    if not inbox.is_dir():
        raise IntakeError(f"The inbox {inbox} is not a folder. Point --from at the folder of received notebooks.")
    claims: dict[str, list[Path]] = {}
    problems: list[str] = []
    for path in sorted(inbox.iterdir()):
        if path.name.startswith(".") or not path.is_file() or path.suffix.lower() not in (".ipynb", ".zip"):
            continue
        learner = learner_of(path.name)
        if not LEARNER_NAME.match(learner):
            problems.append(f"{path.name}: cannot tell the learner from this name; rename it "
                            "<learner>.ipynb or <learner>_anything.ipynb (letters, digits, '-' or '.')")
            continue
        claims.setdefault(learner, []).append(path)
    filed: dict[str, tuple[bytes | None, dict[str, bytes], str]] = {}
    for learner, paths in claims.items():
        if len(paths) > 1:
            problems.append(f"learner '{learner}' has {len(paths)} submissions ({', '.join(p.name for p in paths)}); "
                            "keep only the one to grade")
            continue
        path = paths[0]
        if path.suffix.lower() == ".zip":
            notebook, others, problem = _zip_contents(path)
            if problem:
                problems.append(problem)
                continue
        else:
            notebook, others = path.read_bytes(), {}
        filed[learner] = (notebook, others, path.name)
    if problems:
        raise IntakeError("Nothing was filed from the inbox, because:\n  - " + "\n  - ".join(problems)
                          + "\nFix these files in " + str(inbox) + " and run the command again.")
    for learner, (notebook, others, _name) in filed.items():
        folder = ws.submitted_dir(learner)
        for name, data in others.items():
            _write_atomic(folder / name, data)
        if notebook is not None:
            _write_atomic(ws.submitted_notebook(learner), notebook)
        else:
            folder.mkdir(parents=True, exist_ok=True)
            stale = ws.submitted_notebook(learner)
            if stale.exists():
                stale.unlink()
    return {learner: name for learner, (_n, _o, name) in filed.items()}
