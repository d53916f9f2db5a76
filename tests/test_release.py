"""The release: exercises/ is a fresh nbgrader regeneration of solutions/, and nothing leaks answers.

Runs real nbgrader (GenerateAssignment) in-process and the real `socialkit` command in a copy of the kit.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from argparse import Namespace
from pathlib import Path

import nbformat
import pytest

from socialkit import release
from socialkit.nbconfig import nbgrader_config
from socialkit.notebooks import markers_in, read_notebook

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parent.parent
MODULES = release.source_modules(REPO)
assert MODULES, "solutions/ holds no exercise notebooks"
VENV_BIN = str(Path(sys.executable).parent)
KIT_PARTS = ("nbgrader_config.py", "solutions", "exercises", "course", "datasets", "src",
             "pyproject.toml", "Makefile", "README.md", "LICENSE")


def exercise_pairs(module: str) -> list[tuple[Path, Path]]:
    """(solutions notebook, exercises notebook) for every exercise notebook of ``module``."""
    return [(source, REPO / "exercises" / source.relative_to(REPO / "solutions"))
            for source in sorted((REPO / "solutions" / module).rglob("*.ipynb"))
            if ".ipynb_checkpoints" not in source.parts]


def region_lines(source: str, begin: str, end: str) -> list[str]:
    """The stripped lines strictly between ``begin`` and ``end`` markers (long enough to be telling)."""
    lines, inside = [], False
    for line in source.splitlines():
        if begin in line:
            inside = True
        elif end in line:
            inside = False
        elif inside and len(line.strip()) >= 8:
            lines.append(line.strip())
    return lines


def secret_lines(solutions_notebook: Path) -> dict[str, list[str]]:
    """The answer lines and hidden-test lines of a solutions notebook (what must never reach learners)."""
    nb = read_notebook(solutions_notebook)
    answers, hidden = [], []
    for cell in nb.cells:
        answers += region_lines(cell.source, "BEGIN SOLUTION", "END SOLUTION")
        hidden += region_lines(cell.source, "BEGIN HIDDEN TESTS", "END HIDDEN TESTS")
    return {"answers": answers, "hidden tests": hidden}


def notebook_lines(nb) -> set[str]:
    """Every stripped line of every cell of ``nb``."""
    return {line.strip() for cell in nb.cells for line in cell.source.splitlines()}


def run_socialkit(kit: Path, *args: str) -> subprocess.CompletedProcess:
    """Run the real `socialkit` command on the kit at ``kit`` (nbgrader needs the venv's bin on PATH)."""
    env = {**os.environ, "SOCIALKIT_ROOT": str(kit), "PATH": VENV_BIN + os.pathsep + os.environ.get("PATH", "")}
    return subprocess.run([sys.executable, "-m", "socialkit.cli", *args], env=env, cwd=kit,
                          capture_output=True, text=True, timeout=300)


def copy_kit(target: Path) -> Path:
    """A copy of the parts of the kit that build and bundle read, so tests can break it freely."""
    target.mkdir(parents=True, exist_ok=True)
    for part in KIT_PARTS:
        source = REPO / part
        if source.is_dir():
            shutil.copytree(source, target / part, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
        elif source.is_file():
            shutil.copy2(source, target / part)
    return target


# ------------------------------------------------------------------ the committed release

def test_exercises_equal_a_fresh_regeneration():
    """`socialkit build --check`'s comparison finds nothing stale, missing or extra in exercises/."""
    assert release.stale_release_files(REPO) == []


@pytest.mark.parametrize("module", MODULES)
def test_release_holds_no_answers_and_no_hidden_tests(module):
    """No marker, no answer line and no hidden-test line of solutions/ appears in exercises/."""
    pairs = exercise_pairs(module)
    assert pairs, f"solutions/{module} has no notebook"
    for source, released in pairs:
        assert released.is_file(), f"{released.relative_to(REPO)} is missing: run `socialkit build`"
        nb = read_notebook(released)
        assert markers_in(nb) == []
        shown = notebook_lines(nb)
        for kind, lines in secret_lines(source).items():
            assert lines, f"{source.name} has no {kind}: the leak test would prove nothing"
            leaked = [line for line in lines if line in shown]
            assert leaked == [], f"{kind} of {source.name} leaked into {released.name}: {leaked}"


@pytest.mark.parametrize("module", MODULES)
def test_release_shows_the_learners_stub_not_notimplementederror(module):
    """Each answer cell keeps exactly its stub line(s) above BEGIN SOLUTION; written answers get the text stub."""
    text_stub = nbgrader_config(REPO).ClearSolutions.text_stub
    for source, released in exercise_pairs(module):
        by_id = {c.metadata["nbgrader"]["grade_id"]: c for c in read_notebook(released).cells
                 if "nbgrader" in c.metadata}
        answer_cells = [c for c in read_notebook(source).cells if c.metadata.get("nbgrader", {}).get("solution")]
        assert answer_cells, f"{source.name} has no answer cell"
        for cell in answer_cells:
            grade_id = cell.metadata["nbgrader"]["grade_id"]
            shown = by_id[grade_id].source
            assert "NotImplementedError" not in shown and "YOUR CODE HERE" not in shown
            if cell.cell_type == "code":
                stub = cell.source.split("### BEGIN SOLUTION")[0].strip()
                assert stub, f"answer cell {grade_id} of {source.name} has no stub line above BEGIN SOLUTION"
                assert shown.strip() == stub
            else:
                assert text_stub in shown


# ------------------------------------------------------------------ build and bundle in a copy of the kit

@pytest.fixture(scope="module")
def bundle(tmp_path_factory):
    """The learner bundle of the committed kit, made by the real `bundle` command, and its unzipped folder."""
    out = tmp_path_factory.mktemp("bundle") / "learners.zip"
    assert release.bundle_command(Namespace(out=str(out))) == 0
    unzipped = out.parent / "unzipped"
    with zipfile.ZipFile(out) as archive:
        names = archive.namelist()
        archive.extractall(unzipped)
    return out, names, unzipped / release.BUNDLE_TOP


def test_bundle_has_what_a_learner_needs_and_nothing_else(bundle):
    """Lessons, exercises, data, the package and install files; no solutions, tests, gradebook, git or caches."""
    _, names, _ = bundle
    relative = [name.split("/", 1)[1] for name in names]
    for needed in ("pyproject.toml", "Makefile", "README.md", "scripts/install.py", "datasets/manifest.json",
                   "src/socialkit/__init__.py"):
        assert needed in relative
    for module in MODULES:
        assert any(name.startswith(f"exercises/{module}/") for name in relative)
    assert any(name.startswith("course/") for name in relative)
    forbidden = ("solutions/", "tests/", ".git/", "gradebook.db", "__pycache__", ".ipynb_checkpoints",
                 "nbgrader_config.py", "facilitator/", ".egg-info")
    assert [name for name in relative if any(bad in name for bad in forbidden)] == []


def test_bundle_leaks_no_answers_and_no_hidden_tests(bundle):
    """No marker in any bundled notebook; no answer line in the exercises; no hidden-test line in any file."""
    _, _, root = bundle
    hidden = [line for module in MODULES for source, _ in exercise_pairs(module)
              for line in secret_lines(source)["hidden tests"]]
    answers = {module: [line for source, _ in exercise_pairs(module) for line in secret_lines(source)["answers"]]
               for module in MODULES}
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        if path.suffix == ".ipynb":
            assert markers_in(read_notebook(path)) == [], path
        if path.suffix in (".ipynb", ".py", ".md", ".json", ".txt", ".toml"):
            text = path.read_text(encoding="utf-8", errors="replace")
            assert [line for line in hidden if line in text] == [], f"hidden test text in {path}"
    for module in MODULES:
        for released in (root / "exercises" / module).rglob("*.ipynb"):
            shown = notebook_lines(read_notebook(released))
            assert [line for line in answers[module] if line in shown] == [], released


def test_unzipped_bundle_finds_its_own_data(bundle):
    """Python run from the unzipped bundle's src/ finds the kit folder and loads the sample data."""
    _, _, root = bundle
    env = {**os.environ, "PYTHONPATH": str(root / "src")}
    env.pop("SOCIALKIT_ROOT", None)
    probe = ("from socialkit import data, paths; import socialkit; "
             "print(socialkit.__file__); print(paths.kit_root()); print(len(data.load('mentions')))")
    result = subprocess.run([sys.executable, "-c", probe], env=env, cwd=root, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    package_file, kit, rows = result.stdout.split()
    assert Path(package_file).is_relative_to(root) and Path(kit) == root and int(rows) > 0


def run_make(folder: Path, *args: str) -> subprocess.CompletedProcess:
    """Run the real `make` in ``folder``, free of any make flags inherited from a surrounding `make test`."""
    env = {name: value for name, value in os.environ.items() if name not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL")}
    return subprocess.run(["make", *args], cwd=folder, env=env, capture_output=True, text=True, timeout=120)


def test_make_start_in_the_bundle_installs_the_course_without_the_test_tools(bundle):
    """`make start` (dry run) in the unzipped bundle runs the install script (no test tools), then starts the course."""
    _, _, root = bundle
    result = run_make(root, "-n", "start")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["python3 scripts/install.py", ".venv/bin/socialkit start --port 8888"]
    assert (root / "scripts" / "install.py").is_file()
    assert (root / "pyproject.toml").is_file() and (root / "src" / "socialkit" / "server.py").is_file()


def test_make_test_in_the_bundle_says_there_are_no_tests_before_installing(bundle):
    """`make test` in the learner bundle stops at once with a plain message: no venv, no pip, no sudo apt-get."""
    _, _, root = bundle
    result = run_make(root, "test")
    assert result.returncode != 0
    assert "no tests/ folder here" in result.stdout and "make start" in result.stdout
    assert not (root / ".venv").exists()


@pytest.fixture(scope="module")
def stale_kit(tmp_path_factory):
    """A copy of the kit where one released exercise notebook was edited by hand."""
    kit = copy_kit(tmp_path_factory.mktemp("kit"))
    _, edited = exercise_pairs(MODULES[0])[0]
    edited = kit / edited.relative_to(REPO)
    content = json.loads(edited.read_text(encoding="utf-8"))
    content["cells"][0]["source"] = ["# Edited by hand\n"]
    edited.write_text(json.dumps(content, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return kit, edited.relative_to(kit).as_posix()


def test_build_check_fails_naming_the_edited_file(stale_kit):
    """`socialkit build --check` exits 1, names the stale file and says to run `socialkit build`."""
    kit, edited = stale_kit
    result = run_socialkit(kit, "build", "--check")
    assert result.returncode == 1, result.stdout + result.stderr
    assert f"{edited} is out of date" in result.stdout
    assert "Run `socialkit build`" in result.stdout


def test_bundle_refuses_a_stale_release(stale_kit, tmp_path):
    """`socialkit bundle` refuses, naming the stale file, and writes no zip."""
    kit, edited = stale_kit
    out = tmp_path / "learners.zip"
    result = run_socialkit(kit, "bundle", "--out", str(out))
    assert result.returncode == 2
    assert edited in result.stderr and "socialkit build" in result.stderr
    assert not out.exists()


def test_build_regenerates_byte_identical_files_elsewhere(tmp_path):
    """`socialkit build` in a copy of the kit rewrites exercises/ byte for byte as committed."""
    kit = copy_kit(tmp_path / "kit")
    shutil.rmtree(kit / "exercises")
    result = run_socialkit(kit, "build")
    assert result.returncode == 0, result.stderr
    for module in MODULES:
        for _, committed in exercise_pairs(module):
            rebuilt = kit / committed.relative_to(REPO)
            assert rebuilt.read_bytes() == committed.read_bytes(), f"{rebuilt} differs from the committed release"
            assert f"wrote {committed.relative_to(REPO).as_posix()}" in result.stdout


# ------------------------------------------------------------------ guards, on small hand-made notebooks

def test_bundle_guard_names_a_notebook_with_a_marker(tmp_path):
    """The bundle's leak guard names the notebook and cell that hold a solution marker."""
    folder = tmp_path / "course" / "00_start_here"
    folder.mkdir(parents=True)
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("# Fine"),
                nbformat.v4.new_code_cell("x = ...\n### BEGIN SOLUTION\nx = 1\n### END SOLUTION")]
    nbformat.write(nb, str(folder / "00_start_here.ipynb"))
    leaks = release.leaked_answers(tmp_path, release.bundle_files(tmp_path))
    assert leaks == ["course/00_start_here/00_start_here.ipynb cell 1: BEGIN SOLUTION",
                     "course/00_start_here/00_start_here.ipynb cell 1: END SOLUTION"]


def test_sources_without_cell_ids_still_build_identically(tmp_path):
    """A source saved without cell ids gets stable ids, so two builds give the same bytes."""
    source = tmp_path / "kit" / "solutions" / "00_start_here"
    source.mkdir(parents=True)
    shutil.copy2(REPO / "nbgrader_config.py", tmp_path / "kit")
    nb = nbformat.v4.new_notebook()
    nb.metadata.kernelspec = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
    meta = {"grade": False, "grade_id": "q1", "locked": False, "schema_version": 3, "solution": True, "task": False}
    nb.cells = [nbformat.v4.new_markdown_cell("# Warm-up"),
                nbformat.v4.new_code_cell("total = ...  # your answer\n### BEGIN SOLUTION\ntotal = 12\n### END SOLUTION",
                                          metadata={"nbgrader": meta})]
    content = json.loads(nbformat.writes(nb))
    for cell in content["cells"]:
        del cell["id"]
    content["nbformat_minor"] = 4
    (source / "00_start_here_exercises.ipynb").write_text(json.dumps(content), encoding="utf-8")
    first, second = tmp_path / "first", tmp_path / "second"
    release.generate_release(tmp_path / "kit", ["00_start_here"], first)
    release.generate_release(tmp_path / "kit", ["00_start_here"], second)
    name = "00_start_here/00_start_here_exercises.ipynb"
    assert (first / name).read_bytes() == (second / name).read_bytes()
    released = read_notebook(first / name)
    assert released.cells[1].source == "total = ...  # your answer\n"


def test_a_guide_whose_rubric_drifted_is_named_and_build_copies_it_back(tmp_path):
    """The rubric is written once (solutions); a hand-edited copy in the guide is caught and rewritten."""
    from socialkit import course

    kit = tmp_path / "kit"
    for folder in ("solutions", "facilitator"):
        shutil.copytree(REPO / folder, kit / folder)
    guide = course.get("01_listen").guide(kit)
    text = guide.read_text(encoding="utf-8")
    guide.write_text(text.replace("Half points are allowed.", "Half points are NOT allowed."), encoding="utf-8")
    assert release.stale_guides(kit, ["01_listen"]) == [
        "facilitator/01_listen.md's rubric is out of date with solutions/01_listen"]
    assert release.sync_guides(kit, ["01_listen"]) == ["facilitator/01_listen.md"]
    assert guide.read_text(encoding="utf-8") == text and release.stale_guides(kit, ["01_listen"]) == []
    guide.write_text(text.split("<!-- rubric:")[0], encoding="utf-8")  # the markers deleted
    assert "has no rubric block" in release.stale_guides(kit, ["01_listen"])[0]
