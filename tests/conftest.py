"""Shared fixtures: a tiny but valid datasets folder, and the kit's committed datasets folder."""

from __future__ import annotations

import csv
import hashlib
import json
import os
from pathlib import Path

import pytest

from socialkit import schema

ROOT = Path(__file__).resolve().parents[1]
DATASETS = ROOT / "datasets"
FIXTURES = Path(__file__).resolve().parent / "fixtures"

# One valid cell per schema type; category columns take their first allowed value.
_CELL = {"str": "x", "int": "3", "float": "0.5", "bool": "true",
         "datetime": "2025-03-14T12:34:56Z", "date": "2025-03-01"}


def valid_row(table: str, **overrides) -> dict[str, str]:
    """A row of text cells that satisfies the schema of ``table``; ``overrides`` replace cells."""
    row = {}
    for col in schema.TABLES[table]:
        if col.type == "category":
            row[col.name] = col.values[0] if col.values else "misc"
        else:
            row[col.name] = _CELL[col.type]
    row.update(overrides)
    return row


def write_table(folder: Path, table: str, rows: list[dict], *, seed=2025, scale=1) -> Path:
    """Write ``rows`` as ``folder/<table>.csv`` (schema column order) and record it in manifest.json."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{table}.csv"
    names = [c.name for c in schema.TABLES[table]]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=names, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    manifest_path = folder / "manifest.json"
    manifest = (json.loads(manifest_path.read_text()) if manifest_path.exists()
                else {"seed": seed, "scale": scale, "tables": {}})
    manifest["tables"][table] = {"file": path.name, "rows": len(rows),
                                 "sha256": hashlib.sha256(path.read_bytes()).hexdigest()}
    manifest_path.write_text(json.dumps(manifest, indent=2))
    return path


@pytest.fixture(scope="session", autouse=True)
def learner_home(tmp_path_factory) -> Path:
    """The learner's own folder (``$SOCIALKIT_HOME``: the progress cache) in a temporary folder, never the real home."""
    folder = tmp_path_factory.mktemp("socialkit-home")
    previous = os.environ.get("SOCIALKIT_HOME")
    os.environ["SOCIALKIT_HOME"] = str(folder)
    yield folder
    if previous is None:
        os.environ.pop("SOCIALKIT_HOME", None)
    else:
        os.environ["SOCIALKIT_HOME"] = previous


@pytest.fixture
def tiny_datasets(tmp_path) -> Path:
    """A datasets folder with two valid rows of every table and a matching manifest."""
    folder = tmp_path / "datasets"
    for table in schema.TABLES:
        write_table(folder, table, [valid_row(table), valid_row(table)])
    return folder


@pytest.fixture(scope="session")
def committed_datasets() -> Path:
    """The kit's committed ``datasets/`` folder (it must hold its manifest)."""
    assert (DATASETS / "manifest.json").is_file(), "datasets/manifest.json is missing: run `socialkit data generate`"
    return DATASETS


# --------------------------------------------------------------------------- the sample data, loaded once per session


@pytest.fixture(scope="session")
def mentions():
    """The committed sample mentions (as the setup cells load them)."""
    from socialkit import data

    return data.load("mentions")


@pytest.fixture(scope="session")
def accounts():
    """The committed sample accounts."""
    from socialkit import data

    return data.load("accounts")


@pytest.fixture(scope="session")
def by_role(mentions, accounts):
    """The mentions with their author's role (``mentions_by_role`` in the setup cells)."""
    from socialkit import analytics

    return analytics.with_author_role(mentions, accounts)


@pytest.fixture(scope="session")
def daily(mentions):
    """Mentions per day and brand (``daily`` in the setup cells)."""
    from socialkit import analytics

    return analytics.daily_volume(mentions)


@pytest.fixture(autouse=True)
def _fresh_check_session():
    """No hints shown and no results remembered between tests."""
    from socialkit import checks

    checks.reset()
    yield
    checks.reset()


@pytest.fixture(scope="session")
def executed_lesson():
    """``executed_lesson(slug)``: the module's lesson run once per test session in a real kernel → (notebook, s).

    Tests of one module carry ``xdist_group(slug)`` so that, run in parallel, they share one execution.
    """
    from socialkit import course
    from socialkit.notebooks import execute_notebook

    done: dict = {}

    def run(slug: str):
        if slug not in done:
            done[slug] = execute_notebook(course.get(slug).lesson(ROOT), timeout=120)
        return done[slug]

    return run


# Session fixtures too slow to build on both workers (a cohort graded in the sandbox): their tests share one worker.
ONE_WORKER_FIXTURES = {"trainer_cohort"}


@pytest.hookimpl(tryfirst=True)  # before xdist's own hook, which reads the groups to schedule by
def pytest_collection_modifyitems(config, items):
    """Group tests on one xdist worker (``--dist loadgroup``) when they share an expensive fixture: each course
    module's tests (its session fixtures), the tests using one of ``ONE_WORKER_FIXTURES``, and the tests of a file
    that use one of its module-scoped fixtures (a cohort graded once, a kernel run once) — spread over two workers,
    such a fixture would be built twice."""
    from socialkit import course

    for item in items:
        if item.get_closest_marker("xdist_group"):
            continue
        params = getattr(getattr(item, "callspec", None), "params", {})
        module = params.get("module")
        slug = module.slug if isinstance(module, course.Module) else None
        if slug is None and item.path.parent.name == "modules" and item.path.stem.startswith("test_"):
            slug = item.path.stem[len("test_"):]
        if slug is None and ONE_WORKER_FIXTURES & set(item.fixturenames):
            slug = "fixture:" + min(ONE_WORKER_FIXTURES & set(item.fixturenames))
        if slug is None and _uses_a_module_fixture(item):
            slug = f"file:{item.path.stem}"
        if slug:
            item.add_marker(pytest.mark.xdist_group(slug))


def _uses_a_module_fixture(item) -> bool:
    """True when the test uses a fixture built once per test file (``scope="module"``)."""
    info = getattr(item, "_fixtureinfo", None)
    definitions = info.name2fixturedefs.values() if info is not None else ()
    return any(d.scope == "module" for defs in definitions for d in defs)


# --------------------------------------------------------------------------- one JupyterLab per test session (per worker)


@pytest.fixture(scope="session")
def lab(tmp_path_factory):
    """JupyterLab over a copy of the kit's course/ and exercises/ (autosave never touches the kit): (url, token)."""
    import os
    import shutil

    from browser_support import jupyter_lab

    kit = Path(os.environ.get("SOCIALKIT_ROOT", ROOT)).resolve()
    base = tmp_path_factory.mktemp("lab")
    root = base / "root"
    for folder in ("course", "exercises"):
        shutil.copytree(kit / folder, root / folder)
    with jupyter_lab(root, base, {"SOCIALKIT_ROOT": str(kit)}) as (url, token):
        yield url, token


@pytest.fixture
def page():
    """A page (1400 × 1000) in a headless Chromium started for the test (about 1 s).

    Not one browser for the session: Playwright's sync API keeps an event loop running in the
    thread while it is open, which would break every later test that runs asyncio (the grader).
    """
    from browser_support import chromium_page

    with chromium_page() as page:
        yield page


# --------------------------------------------------------------------------- the trainer's cohort, graded once per session


@pytest.fixture(scope="session")
def trainer_cohort(tmp_path_factory) -> dict:
    """The module-01 cohort of ``trainer_cohort.py`` collected from its inbox with a roster and a deadline and
    graded once (real sandbox, kernels, gradebook). Tests that change it work on ``copy_workspace``."""
    import csv

    from trainer_cohort import ASSIGNMENT, socialkit, write_inbox, write_roster

    base = tmp_path_factory.mktemp("trainer")
    inbox, workspace = base / "inbox", base / "workspace"
    deadline = write_inbox(ROOT, inbox)
    roster = write_roster(base / "roster.csv")
    run = socialkit("grade", ASSIGNMENT, "--workspace", str(workspace), "--from", str(inbox), "--roster", str(roster),
                    "--deadline", deadline.strftime("%Y-%m-%d %H:%M"), "--jobs", "2", "--timeout", "30")
    with open(workspace / "reports" / f"{ASSIGNMENT}-grades.csv", newline="", encoding="utf-8") as handle:
        rows = {row["learner"]: row for row in csv.DictReader(handle)}
    return {"base": base, "inbox": inbox, "workspace": workspace, "roster": roster, "run": run, "rows": rows,
            "deadline": deadline}


@pytest.fixture
def copy_workspace(trainer_cohort, tmp_path):
    """A private copy of the graded trainer workspace, for tests that mark, resubmit or send."""
    import shutil

    target = tmp_path / "workspace"
    shutil.copytree(trainer_cohort["workspace"], target, symlinks=True)
    return target
