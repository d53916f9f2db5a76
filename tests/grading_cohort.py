"""Generate a cohort of learner submissions for an exercise notebook (tests and the benchmark use it).

Every submission starts from the release (what learners receive) and fills answers from the
solutions notebook, so the cohort follows the real exercise whatever its questions are.
"""

from __future__ import annotations

import copy
import re
from pathlib import Path

import nbformat

SOLUTION = re.compile(r"### BEGIN SOLUTION\n(.*?)### END SOLUTION", re.S)
REFLECTION_TEXT = ("Listening showed the April backlash clearly: mentions jumped to several times a normal day. "
                   "Customers and journalists reacted first. I recommend alerts with a fair baseline.")


def grade_id(cell) -> str | None:
    """A cell's nbgrader grade id, if any."""
    return (cell.get("metadata", {}).get("nbgrader") or {}).get("grade_id")


def answer_ids(release) -> list[str]:
    """Grade ids of the code answer cells, in notebook order (q1, q2, ...)."""
    return [grade_id(c) for c in release.cells
            if c.cell_type == "code" and (c.metadata.get("nbgrader") or {}).get("solution")]


def answers_of(solutions) -> dict[str, str]:
    """The model answer of each answer cell of the solutions notebook, by grade id."""
    return {grade_id(c): SOLUTION.search(c.source).group(1) for c in solutions.cells
            if grade_id(c) and SOLUTION.search(c.source)}


def solved(release, solutions, answered: list[str] | None = None) -> nbformat.NotebookNode:
    """The release with the given answer cells (default: all, plus the reflection) filled in correctly."""
    answers = answers_of(solutions)
    nb = copy.deepcopy(release)
    for cell in nb.cells:
        gid = grade_id(cell)
        if gid in answers and (answered is None or gid in answered):
            cell.source = answers[gid] if cell.cell_type == "code" else REFLECTION_TEXT
    return nb


def with_code(nb, answer_id: str, code: str, replace: bool = False) -> nbformat.NotebookNode:
    """Put ``code`` before (or instead of) the answer cell ``answer_id``'s content."""
    nb = copy.deepcopy(nb)
    for cell in nb.cells:
        if grade_id(cell) == answer_id:
            cell.source = code if replace else code + "\n" + cell.source
    return nb


def with_extra_cell(nb, after_id: str, code: str) -> nbformat.NotebookNode:
    """Insert a learner's own code cell right after the cell ``after_id``."""
    nb = copy.deepcopy(nb)
    index = next(i for i, c in enumerate(nb.cells) if grade_id(c) == after_id)
    nb.cells.insert(index + 1, nbformat.v4.new_code_cell(code))
    return nb


ATTACK = '''import json, os, socket, pathlib
_attempts = {{}}
def _try(name, action):
    try:
        action()
        _attempts[name] = "succeeded"
    except Exception as exc:
        _attempts[name] = type(exc).__name__
_try("read_solutions", lambda: open({solutions!r}).read())
_try("list_kit", lambda: os.listdir({kit!r}) and open({kit!r} + "/Makefile").read())
_try("read_gradebook", lambda: open({gradebook!r}, "rb").read())
_try("read_other_learner", lambda: open({other!r}).read())
_try("write_workspace", lambda: open({workspace!r} + "/reports/hacked.txt", "w").write("x"))
_try("write_parent", lambda: open("../hacked.txt", "w").write("x"))
_try("write_tmp_host", lambda: open({outside!r}, "w").write("x"))
_try("connect_local", lambda: socket.create_connection(("127.0.0.1", {port}), timeout=2))
_try("connect_outside", lambda: socket.create_connection(("1.1.1.1", 80), timeout=2))
_try("write_own_folder", lambda: open("own-file.txt", "w").write("mine"))
# traps for the grader, who writes the executed notebook here after the kernel is gone
_try("plant_links", lambda: (os.symlink({victim!r}, ".{notebook}.tmp"), os.remove("{notebook}"),
                             os.symlink({victim!r}, "{notebook}")))
print("ATTEMPTS", json.dumps(_attempts))
'''


def cohort(kit: Path, assignment: str, workspace: Path, port: int = 9, outside: Path | None = None,
           victim: Path | None = None, size: int = 0) -> dict[str, object]:
    """Every scenario of the grading tests as ``{learner: notebook or bytes}``.

    ``size`` > 0 instead returns that many plausible learners (perfect, partial, blank in turn) for
    the benchmark.
    """
    name = f"{assignment}_exercises.ipynb"
    release = nbformat.read(kit / "exercises" / assignment / name, as_version=4)
    solutions = nbformat.read(kit / "solutions" / assignment / name, as_version=4)
    questions = answer_ids(release)
    perfect = solved(release, solutions)
    if size:
        kinds = [perfect, solved(release, solutions, questions[: len(questions) // 2]), release]
        return {f"learner{n:02d}": kinds[n % 3] for n in range(size)}
    first_check = next(grade_id(c) for c in release.cells if grade_id(c) == questions[0] + "_check")
    second_check = questions[1] + "_check"
    edited = copy.deepcopy(perfect)
    for cell in edited.cells:
        if grade_id(cell) == first_check:
            cell.source = "# I am sure my answer is right\npass"
    deleted = copy.deepcopy(perfect)
    deleted.cells = [c for c in deleted.cells if grade_id(c) != second_check]
    relies = copy.deepcopy(perfect)  # the answer typed into the check cell, the answer cell left as given
    stubs = {grade_id(c): c.source for c in release.cells}
    for cell in relies.cells:
        if grade_id(cell) == questions[0]:
            cell.source = stubs[questions[0]]
        if grade_id(cell) == first_check:
            cell.source = answers_of(solutions)[questions[0]] + "\n" + cell.source
    regraded = copy.deepcopy(perfect)
    for cell in regraded.cells:
        if grade_id(cell) == questions[2] + "_check":
            cell.metadata.nbgrader.update(points=50, grade=False)
    other = "00_start_here" if assignment != "00_start_here" else "01_listen"
    wrong = nbformat.read(kit / "exercises" / other / f"{other}_exercises.ipynb", as_version=4)
    attack = ATTACK.format(
        solutions=str(kit / "solutions" / assignment / name), kit=str(kit),
        gradebook=str(workspace / "gradebook.db"),
        other=str(workspace / "submitted" / "perfect" / assignment / name),
        workspace=str(workspace), outside=str(outside or workspace.parent / "outside.txt"), port=port,
        victim=str(victim or workspace.parent / "victim.txt"), notebook=name)
    corrupted = nbformat.writes(perfect).encode()[:-200]
    return {
        "perfect": perfect,
        "blank": release,
        "partial": solved(release, solutions, questions[:2]),
        "edited-test": edited,
        "deleted-test": deleted,
        "relies-on-edit": relies,
        "endless-loop": with_code(perfect, questions[2], "while True:\n    pass"),
        # ignores every interrupt; it waits rather than spins (the endless loop above spins), sparing the CPU
        "stubborn-loop": with_code(perfect, questions[2],
                                   "import time\nwhile True:\n    try:\n        time.sleep(0.2)\n"
                                   "    except KeyboardInterrupt:\n        pass"),
        "memory-bomb": with_code(perfect, questions[3],
                                 "_hog = []\nwhile True:\n    _hog.append(b'x' * 50_000_000)"),
        "fork-bomb": with_code(perfect, questions[4],
                               "import os, time\nwhile True:\n    if os.fork() == 0:\n"
                               "        time.sleep(300)\n        os._exit(0)"),
        "points-edited": regraded,
        "chatty": with_extra_cell(perfect, questions[1], "print('x' * 20_000_000)"),
        "disk-filler": with_code(perfect, questions[2],
                                 "_n = 0\nwhile True:\n    open(f'big{_n}.bin', 'wb').write(b'x' * 40_000_000)\n"
                                 "    _n += 1"),
        "exits": with_code(perfect, questions[4], "import os\nos._exit(3)"),
        "corrupted": corrupted,
        "wrong-assignment": wrong,
        "attacker": with_extra_cell(perfect, questions[0], attack),
    }


def write_cohort(submissions: dict[str, object], folder: Path, assignment: str, layout: str = "submitted") -> None:
    """Write the cohort as ``submitted/<learner>/<assignment>/<nb>.ipynb`` or as a flat inbox."""
    for learner, content in submissions.items():
        if layout == "submitted":
            path = folder / "submitted" / learner / assignment / f"{assignment}_exercises.ipynb"
        else:
            path = folder / f"{learner}.ipynb"
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            nbformat.write(content, path)


def _meta(grade_id: str, *, grade: bool, solution: bool, locked: bool, points: float | None = None) -> dict:
    """nbgrader cell metadata in the kit's format."""
    meta = {"grade": grade, "grade_id": grade_id, "locked": locked, "schema_version": 3,
            "solution": solution, "task": False}
    if points is not None:
        meta["points"] = points
    return {"nbgrader": meta}


def make_fixture_kit(folder: Path, assignment: str = "01_listen") -> Path:
    """A tiny kit (solutions + release) with a three-question exercise that needs no data: fast to grade.

    Same conventions as the real exercises: stub line, solution region, visible check, hidden test.
    """
    from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

    questions = [("total", "sum([2, 3, 5])", "10"), ("biggest", "max([4, 9, 1])", "9"),
                 ("share", "round(100 * 3 / 12, 1)", "25.0")]
    cells = [new_markdown_cell("# Fixture exercise"),
             new_code_cell("import math", metadata=_meta("setup", grade=False, solution=False, locked=True))]
    for n, (name, answer, value) in enumerate(questions, start=1):
        cells.append(new_markdown_cell(f"### Q{n} · The {name} (1 point)"))
        cells.append(new_code_cell(f"{name} = ...  # your answer\n### BEGIN SOLUTION\n{name} = {answer}\n"
                                   "### END SOLUTION", metadata=_meta(f"q{n}", grade=False, solution=True,
                                                                      locked=False)))
        cells.append(new_code_cell(f'"""The {name}."""\nassert {name} is not ..., "Not attempted yet"\n'
                                   f"### BEGIN HIDDEN TESTS\nassert {name} == {value}\n### END HIDDEN TESTS",
                                   metadata=_meta(f"q{n}_check", grade=True, solution=False, locked=True,
                                                  points=1)))
    cells.append(new_markdown_cell("### Reflection (2 points)"))
    cells.append(new_markdown_cell("### BEGIN SOLUTION\nRubric: any sensible sentence.\n### END SOLUTION",
                                   metadata=_meta("reflection", grade=True, solution=True, locked=False,
                                                  points=2)))
    source = new_notebook(cells=cells, metadata={"kernelspec": {"name": "python3", "display_name": "Python 3",
                                                                "language": "python"}})
    release = copy.deepcopy(source)
    for cell in release.cells:
        cell.source = re.sub(r"### BEGIN HIDDEN TESTS.*?### END HIDDEN TESTS\n?", "", cell.source, flags=re.S)
        if grade_id(cell) == "reflection":
            cell.source = "YOUR ANSWER HERE"  # nbgrader's default text stub, as generate_assignment writes it
        else:
            cell.source = re.sub(r"\n?### BEGIN SOLUTION.*?### END SOLUTION", "", cell.source, flags=re.S)
    name = f"{assignment}_exercises.ipynb"
    for sub, nb in (("solutions", source), ("exercises", release)):
        (folder / sub / assignment).mkdir(parents=True, exist_ok=True)
        nbformat.write(nb, folder / sub / assignment / name)
    (folder / "course").mkdir(exist_ok=True)
    (folder / "datasets").mkdir(exist_ok=True)
    return folder
