"""Release of the exercises (`socialkit build`) and the learner bundle (`socialkit bundle`).

`exercises/` is generated from `solutions/` by nbgrader's GenerateAssignment, run in a throwaway
course folder without a gradebook, so nothing but `exercises/` is ever written to the kit.
"""

from __future__ import annotations

import filecmp
import hashlib
import json
import platform as platform_module
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from socialkit.nbconfig import nbgrader_config
from socialkit.notebooks import SOLUTION_MARKERS, markers_in, read_notebook
from socialkit.paths import kit_root

SOURCE_DIR = "solutions"
RELEASE_DIR = "exercises"
# Files and folders never copied into a release or a bundle.
JUNK_NAMES = {".ipynb_checkpoints", "__pycache__", ".pytest_cache", ".DS_Store", ".nbgrader.log"}
JUNK_SUFFIXES = (".pyc", ".egg-info")
# What a learner gets: folders (copied whole, minus junk) and single files (skipped if absent).
BUNDLE_FOLDERS = ("course", "exercises", "datasets", "src")
BUNDLE_FILES = ("pyproject.toml", "Makefile", "README.md", "LICENSE", "scripts/install.py")
# What an editable install (`pip install -e .`) needs besides the kit's dependencies: its build backend.
BUILD_REQUIREMENTS = ("setuptools>=77", "wheel")
BUNDLE_TOP = "social-media-for-managers"
# A fixed timestamp makes the zip identical from one run to the next.
ZIP_DATE = (2025, 1, 1, 0, 0, 0)


def _is_junk(path: Path) -> bool:
    """True for editor, Python and nbgrader leftovers that never belong in a release."""
    return any(part in JUNK_NAMES or part.endswith(JUNK_SUFFIXES) for part in path.parts)


def _files_under(folder: Path) -> list[Path]:
    """Every file below ``folder`` (relative paths, sorted), leftovers skipped."""
    if not folder.is_dir():
        return []
    return sorted(p.relative_to(folder) for p in folder.rglob("*")
                  if p.is_file() and not _is_junk(p.relative_to(folder)))


def source_modules(root: Path) -> list[str]:
    """The slugs of the course table's modules that have an exercise source notebook in ``solutions/``."""
    from socialkit import course

    return [m.slug for m in course.MODULES if m.solutions(root).is_file()]


def _give_cells_stable_ids(notebook: Path, name: str) -> None:
    """Give cells without an id one derived from the notebook's name and the cell's position.

    nbformat invents random ids for cells that lack one, which would make each build differ;
    notebooks saved by JupyterLab already have ids and are left untouched.
    """
    content = json.loads(notebook.read_text(encoding="utf-8"))
    cells = content.get("cells", [])
    if all("id" in cell for cell in cells):
        return
    for index, cell in enumerate(cells):
        cell.setdefault("id", hashlib.sha1(f"{name}:{index}".encode()).hexdigest()[:8])
    content["nbformat_minor"] = max(content.get("nbformat_minor", 0), 5)
    notebook.write_text(json.dumps(content, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def generate_release(root: Path, modules: list[str], out_dir: Path) -> None:
    """Write the learner release of each module into ``out_dir/<module>/`` using nbgrader.

    Runs GenerateAssignment in-process in a temporary copy of the sources. It skips the gradebook
    (``no_database`` and no ``SaveCells``, which only records cells in it): the release is the same
    bytes, and the build takes a fraction of a second instead of the ~10 s of creating a gradebook.
    Grading (`socialkit grade`) keeps its own gradebook in its workspace.
    """
    from nbgrader.apps import NbGraderAPI
    from nbgrader.converters import GenerateAssignment
    from nbgrader.preprocessors import SaveCells

    with tempfile.TemporaryDirectory(prefix="socialkit-build-") as tmp:
        course_dir = Path(tmp)
        for module in modules:
            copied = course_dir / SOURCE_DIR / module
            shutil.copytree(root / SOURCE_DIR / module, copied,
                            ignore=shutil.ignore_patterns(*JUNK_NAMES, "*.pyc"))
            for notebook in sorted(copied.rglob("*.ipynb")):
                _give_cells_stable_ids(notebook, f"{module}/{notebook.relative_to(copied).as_posix()}")
        config = nbgrader_config(course_dir)
        config.GenerateAssignment.no_database = True
        config.GenerateAssignment.preprocessors = [
            step for step in GenerateAssignment().preprocessors if step is not SaveCells]
        api = NbGraderAPI(config=config)
        for module in modules:
            result = api.generate_assignment(module, force=True, create=True)
            if not result["success"]:
                detail = (result.get("log") or "") + (result.get("error") or "")
                raise RuntimeError(f"nbgrader could not generate {RELEASE_DIR}/{module} from "
                                   f"{SOURCE_DIR}/{module}:\n{detail.strip()}")
            released = course_dir / RELEASE_DIR / module
            target = out_dir / module
            if target.exists():
                shutil.rmtree(target)
            target.mkdir(parents=True)
            for rel in _files_under(released):
                (target / rel).parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(released / rel, target / rel)


RUBRIC_BEGIN = "<!-- rubric: copied from {source} by `socialkit build`; edit it there, not here -->"
RUBRIC_END = "<!-- end of rubric -->"


def reflection_rubric(solutions: Path) -> str:
    """The marking rubric of a module: the solution region of its reflection cell (markdown), stripped."""
    nb = read_notebook(solutions)
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if cell.cell_type == "markdown" and meta.get("grade") and meta.get("solution"):
            text = cell.source
            if "BEGIN SOLUTION" in text:
                text = text.split("### BEGIN SOLUTION", 1)[1].split("### END SOLUTION", 1)[0]
            return text.strip()
    return ""


def guide_rubric(guide: str) -> str | None:
    """The rubric block of a facilitator guide (between the rubric markers), or None when it has none."""
    start = guide.find("<!-- rubric: copied from ")
    if start < 0 or RUBRIC_END not in guide[start:]:
        return None
    body = guide[guide.index("-->", start) + 3:guide.index(RUBRIC_END, start)]
    return body.strip()


def guide_with_rubric(guide: str, rubric: str, source: str) -> str:
    """The guide with its rubric block replaced by ``rubric`` (the guide must already hold the markers)."""
    start = guide.find("<!-- rubric: copied from ")
    end = guide.index(RUBRIC_END, start) + len(RUBRIC_END)
    return guide[:start] + RUBRIC_BEGIN.format(source=source) + "\n\n" + rubric + "\n\n" + RUBRIC_END + guide[end:]


def _guides_with_rubrics(root: Path, modules: list[str]):
    """(module, guide file, guide text, the solutions' rubric) for each module that has both."""
    from socialkit import course

    for slug in modules:
        module = course.get(slug)
        guide_file, rubric = module.guide(root), reflection_rubric(module.solutions(root))
        if rubric and guide_file.is_file():
            yield module, guide_file, guide_file.read_text(encoding="utf-8"), rubric


def stale_guides(root: Path, modules: list[str]) -> list[str]:
    """Facilitator guides whose rubric block differs from the solutions notebook's rubric, as sentences."""
    problems = []
    for module, guide_file, guide, rubric in _guides_with_rubrics(root, modules):
        current = guide_rubric(guide)
        if current is None:
            problems.append(f"facilitator/{guide_file.name} has no rubric block: add the lines "
                            f"'<!-- rubric: copied from … -->' and '{RUBRIC_END}' where the rubric goes")
        elif current != rubric:
            problems.append(f"facilitator/{guide_file.name}'s rubric is out of date with {SOURCE_DIR}/{module.slug}")
    return problems


def sync_guides(root: Path, modules: list[str]) -> list[str]:
    """Copy each module's rubric from its solutions notebook into its facilitator guide; the files written."""
    written = []
    for module, guide_file, guide, rubric in _guides_with_rubrics(root, modules):
        if guide_rubric(guide) not in (None, rubric):
            source = module.solutions(root).relative_to(root).as_posix()
            guide_file.write_text(guide_with_rubric(guide, rubric, source), encoding="utf-8")
            written.append(f"facilitator/{guide_file.name}")
    return written


def stale_release_files(root: Path, modules: list[str] | None = None) -> list[str]:
    """Regenerate the modules (default: all) into a temporary folder and list how ``exercises/`` differs.

    Each entry is one plain sentence naming a file; an empty list means the release is up to date.
    """
    problems = []
    release = root / RELEASE_DIR
    whole_release = modules is None
    modules = source_modules(root) if whole_release else modules
    with tempfile.TemporaryDirectory(prefix="socialkit-check-") as tmp:
        fresh = Path(tmp)
        generate_release(root, modules, fresh)
        fresh_files = set(_files_under(fresh))
        current_files = set(_files_under(release))
        if not whole_release:
            current_files = {rel for rel in current_files if rel.parts[0] in modules}
        for rel in sorted(fresh_files | current_files):
            shown = f"{RELEASE_DIR}/{rel.as_posix()}"
            if rel not in current_files:
                problems.append(f"{shown} is missing")
            elif rel not in fresh_files:
                problems.append(f"{shown} has no source in {SOURCE_DIR}/ (remove it)")
            elif not filecmp.cmp(fresh / rel, release / rel, shallow=False):
                problems.append(f"{shown} is out of date with {SOURCE_DIR}/{rel.as_posix()}")
    return problems


def build_command(args) -> int:
    """`socialkit build [MODULE] [--check]`: regenerate exercises/ from solutions/, or check it is current."""
    root = kit_root()
    modules = source_modules(root)
    if not modules:
        raise FileNotFoundError(f"No exercise sources in {root / SOURCE_DIR}: nothing to build.")
    if args.module:
        if args.module not in modules:
            raise FileNotFoundError(f"{SOURCE_DIR}/{args.module}/ does not exist yet: write the exercise "
                                    f"notebook there first (modules with sources: {', '.join(modules)}).")
        modules = [args.module]
    if args.check:
        problems = stale_release_files(root, [args.module] if args.module else None) + stale_guides(root, modules)
        if problems:
            print(f"{RELEASE_DIR}/ is not up to date with {SOURCE_DIR}/:")
            for problem in problems:
                print(f"  - {problem}")
            build = f"socialkit build {args.module}" if args.module else "socialkit build"
            print(f"Run `{build}` to regenerate it (never edit exercises/ by hand).")
            return 1
        print(f"{RELEASE_DIR}/ is up to date ({len(modules)} module(s): {', '.join(modules)}).")
        return 0
    if not args.module:
        _remove_orphans(root, modules)
    generate_release(root, modules, root / RELEASE_DIR)
    for module in modules:
        for rel in _files_under(root / RELEASE_DIR / module):
            print(f"wrote {RELEASE_DIR}/{module}/{rel.as_posix()}")
    for guide in sync_guides(root, modules):
        print(f"wrote the rubric into {guide}")
    problems = stale_guides(root, modules)
    for problem in problems:
        print(f"  - {problem}")
    return 1 if problems else 0


def _remove_orphans(root: Path, modules: list[str]) -> None:
    """Delete release folders whose source folder no longer exists, saying so."""
    release = root / RELEASE_DIR
    if not release.is_dir():
        return
    for folder in sorted(release.iterdir()):
        if folder.is_dir() and folder.name not in modules and not _is_junk(Path(folder.name)):
            shutil.rmtree(folder)
            print(f"removed {RELEASE_DIR}/{folder.name}/ (no longer in {SOURCE_DIR}/)")


def bundle_files(root: Path) -> list[Path]:
    """The files of the learner bundle, relative to the kit: lessons, exercises, data, the package, install files."""
    files = []
    for folder in BUNDLE_FOLDERS:
        files += [Path(folder) / rel for rel in _files_under(root / folder)]
    files += [Path(name) for name in BUNDLE_FILES if (root / name).is_file()]
    return sorted(files)


def leaked_answers(root: Path, files: list[Path]) -> list[str]:
    """Notebooks among ``files`` that still hold a solution or hidden-test marker, as sentences."""
    leaks = []
    for rel in files:
        if rel.suffix == ".ipynb":
            for where in markers_in(read_notebook(root / rel)):
                leaks.append(f"{rel.as_posix()} {where}")
    return leaks


def _pip_wheel(options: list[str], cache: Path, into: Path, quiet: bool = True) -> bool:
    """Run ``pip wheel`` for ``options`` into ``into``, taking wheels already in ``cache`` first; True if it worked."""
    command = [sys.executable, "-m", "pip", "wheel", "--wheel-dir", str(into), "--find-links", str(cache), *options]
    return subprocess.run(command + (["--quiet"] if quiet else []), stdout=subprocess.DEVNULL if quiet else None,
                          stderr=subprocess.DEVNULL if quiet else None).returncode == 0


def offline_wheels(root: Path, into: Path, cache: Path, platforms: list[str], python_version: str | None) -> list[Path]:
    """Every wheel a learner's ``pip install --no-index -e .`` needs, in ``into``; ``cache`` keeps them between bundles.

    For this computer's platform and Python: ``pip wheel`` of the kit and its build backend, which
    builds the few dependencies published only as source. Without network it succeeds from
    ``cache`` alone when an earlier bundle filled it. Other ``platforms`` (e.g. ``win_amd64``,
    ``macosx_11_0_arm64``): ``pip download --only-binary=:all:`` of the same requirements, reusing
    the pure-Python wheels just built, plus the dependencies only that system needs (pip evaluates
    ``sys_platform`` markers for this computer, pip issue #4304); then a ``pip install --dry-run
    --no-index`` for that system proves the folder alone is enough.
    """
    into.mkdir(parents=True, exist_ok=True)
    cache.mkdir(parents=True, exist_ok=True)
    wanted = [str(root), *BUILD_REQUIREMENTS]
    if not _pip_wheel(["--no-index", *wanted], cache, into):  # everything already in the cache?
        print("Collecting the wheels with pip (uses the network and pip's cache) …", flush=True)
        if not _pip_wheel(wanted, cache, into, quiet=False):
            raise RuntimeError("pip could not collect the wheels (see its messages above): check the network, "
                               "then run socialkit bundle --offline again.")
    for kit_wheel in into.glob("socialkit-*.whl"):  # learners install the kit itself from its folder (-e .)
        kit_wheel.unlink()
    version = python_version or f"{sys.version_info.major}.{sys.version_info.minor}"
    for platform in platforms:
        print(f"Downloading wheels for {platform} …", flush=True)
        wanted = [*_requirements(root), *BUILD_REQUIREMENTS]
        for _ in range(5):  # pip skips the target's own platform-only dependencies (pip issue #4304): add them
            command = [sys.executable, "-m", "pip", "download", "--quiet", "--dest", str(into), "--find-links",
                       str(into), "--only-binary=:all:", "--platform", platform, "--implementation", "cp",
                       "--python-version", version, *wanted]
            if subprocess.run(command).returncode != 0:
                raise RuntimeError(f"pip found no wheels for {platform} for every dependency (see above): "
                                   f"build the bundle on a {platform} computer instead.")
            wanted = missing_dependencies(into, target_environment(platform, version))
            if not wanted:
                break
        with tempfile.TemporaryDirectory() as target:  # proof: the folder alone resolves every requirement
            check = [sys.executable, "-m", "pip", "install", "--quiet", "--dry-run", "--ignore-installed",
                     "--no-index", "--find-links", str(into), "--only-binary=:all:", "--platform", platform,
                     "--implementation", "cp", "--python-version", version, "--target", target,
                     *_requirements(root), *BUILD_REQUIREMENTS]
            if subprocess.run(check).returncode != 0:
                raise RuntimeError(f"the wheels for {platform} are incomplete (see pip's messages above): "
                                   f"build the bundle on a {platform} computer instead.")
    for wheel in into.glob("*.whl"):
        if not (cache / wheel.name).exists():
            shutil.copy2(wheel, cache / wheel.name)
    return sorted(into.glob("*.whl"))


def target_environment(platform: str, python_version: str) -> dict[str, str]:
    """The PEP 508 marker values of a learner's computer named by a wheel platform tag and a Python version."""
    machine = "AMD64" if platform.endswith("amd64") else "arm64" if "arm64" in platform else "x86_64"
    system = ("Windows", "win32", "nt") if platform.startswith("win") else \
        ("Darwin", "darwin", "posix") if platform.startswith("macosx") else ("Linux", "linux", "posix")
    return {"platform_system": system[0], "sys_platform": system[1], "os_name": system[2],
            "platform_machine": machine, "python_version": python_version, "python_full_version": f"{python_version}.0",
            "implementation_name": "cpython", "platform_python_implementation": "CPython", "extra": ""}


def missing_dependencies(folder: Path, environment: dict[str, str]) -> list[str]:
    """Requirements of the wheels in ``folder`` that apply on ``environment`` but have no wheel there yet."""
    from packaging.requirements import InvalidRequirement, Requirement
    from packaging.utils import canonicalize_name, parse_wheel_filename

    wheels = sorted(folder.glob("*.whl"))
    present = {canonicalize_name(parse_wheel_filename(wheel.name)[0]) for wheel in wheels}
    missing = {}
    for wheel in wheels:
        with zipfile.ZipFile(wheel) as archive:
            metadata = next((n for n in archive.namelist() if n.endswith(".dist-info/METADATA")), None)
            lines = archive.read(metadata).decode("utf-8", "replace").splitlines() if metadata else []
        for line in lines:
            if not line.startswith("Requires-Dist:"):
                continue
            try:
                requirement = Requirement(line.partition(":")[2].strip())
            except InvalidRequirement:
                continue
            name = canonicalize_name(requirement.name)
            if name not in present and (requirement.marker is None or requirement.marker.evaluate(environment)):
                requirement.marker = None
                missing.setdefault(name, str(requirement))
    return sorted(missing.values())


def _requirements(root: Path) -> list[str]:
    """The kit's dependencies as pyproject.toml lists them."""
    import tomllib

    return tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]


def default_wheel_cache() -> Path:
    """Where ``socialkit bundle --offline`` keeps wheels between bundles: ``~/.cache/socialkit/wheels``."""
    return Path.home() / ".cache" / "socialkit" / "wheels"


def bundle_command(args) -> int:
    """`socialkit bundle --out FILE.zip [--offline]`: zip what a learner needs (and the wheels), refusing if answers could leak."""
    root = kit_root()
    out = Path(args.out).resolve()
    if out.suffix != ".zip":
        raise ValueError(f"--out must name a .zip file, got {args.out!r}.")
    stale = stale_release_files(root)
    if stale:
        raise RuntimeError("exercises/ is not up to date, so the bundle would not match solutions/:\n  - "
                           + "\n  - ".join(stale) + "\nRun `socialkit build`, then bundle again.")
    files = bundle_files(root)
    leaks = leaked_answers(root, files)
    if leaks:
        raise RuntimeError("Refusing to bundle: these notebooks contain answers or hidden tests ("
                           + ", ".join(SOLUTION_MARKERS) + "):\n  - " + "\n  - ".join(leaks))
    out.parent.mkdir(parents=True, exist_ok=True)
    offline = bool(getattr(args, "offline", False))
    with tempfile.TemporaryDirectory(prefix="socialkit-wheels-") as scratch:
        wheels = []
        if offline:
            cache = Path(args.wheel_cache).resolve() if getattr(args, "wheel_cache", None) else default_wheel_cache()
            wheels = offline_wheels(root, Path(scratch), cache, list(getattr(args, "platform", None) or []),
                                    getattr(args, "python_version", None))
        with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for rel in files:
                info = zipfile.ZipInfo(f"{BUNDLE_TOP}/{rel.as_posix()}", date_time=ZIP_DATE)
                info.external_attr = 0o644 << 16
                info.compress_type = zipfile.ZIP_DEFLATED
                archive.writestr(info, (root / rel).read_bytes())
            for wheel in wheels:  # already compressed: stored as they are
                archive.write(wheel, f"{BUNDLE_TOP}/wheels/{wheel.name}", compress_type=zipfile.ZIP_STORED)
        wheels_mb = sum(wheel.stat().st_size for wheel in wheels) / 1e6
    size_mb = out.stat().st_size / 1e6
    print(f"Wrote {out} ({len(files)} files{f' and {len(wheels)} wheels' if offline else ''}, "
          f"{out.stat().st_size // 1024} KB = {size_mb:.0f} MB):")
    for folder in BUNDLE_FOLDERS:
        count = sum(1 for rel in files if rel.parts[0] == folder and len(rel.parts) > 1)
        print(f"  {folder}/: {count} file(s)")
    print(f"  top level: {', '.join(rel.name for rel in files if len(rel.parts) == 1)}")
    if offline:
        others = getattr(args, "platform", None) or []
        print(f"  wheels/: {len(wheels)} wheels, {wheels_mb:.0f} MB, for Python {platform_module.python_version()} "
              f"on this system" + (f" and Python {args.python_version or platform_module.python_version()} on "
                                   f"{', '.join(others)}" if others else ""))
    print("Not included: solutions/, hidden tests, the gradebook, tests/, .git. "
          f"Learners unzip it, cd {BUNDLE_TOP}, and run `make start`"
          + (" — or, with no network, `python scripts/install.py --offline --start` "
             "(Windows: `py scripts/install.py --offline --start`)." if offline else "."))
    return 0
