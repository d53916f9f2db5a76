"""Where a workspace's gradebook lives (SQLite file or a PostgreSQL database), and creating it once.

The database URL is a setting: ``--database URL`` on ``socialkit grade`` (remembered in the
workspace's ``workspace.json``), else the ``SOCIALKIT_DATABASE_URL`` environment variable, else the
workspace's own ``gradebook.db`` file. nbgrader 0.9.6 creates its tables on first open, and several
processes opening an empty PostgreSQL database at once collide (duplicate tables, duplicate course
row), so the schema is created here once, under a PostgreSQL advisory lock, before anything else
opens the gradebook.
"""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path

ENVIRONMENT = "SOCIALKIT_DATABASE_URL"
SETTINGS = "workspace.json"
SCHEMA_LOCK = 0x50C1A1  # the advisory-lock key every socialkit process uses for "creating the gradebook"


class GradebookUnavailable(RuntimeError):
    """The gradebook database cannot be reached or used; the message says what to do."""


def sqlite_url(root: Path) -> str:
    """The default gradebook: a SQLite file inside the workspace."""
    return "sqlite:///" + str(Path(root) / "gradebook.db")


def saved_url(root: Path) -> str | None:
    """The database URL remembered in the workspace's settings, if any."""
    try:
        return json.loads((Path(root) / SETTINGS).read_text(encoding="utf-8")).get("database") or None
    except (OSError, ValueError, AttributeError):
        return None


def database_url(root: Path) -> str:
    """The workspace's gradebook URL: its saved setting, else the environment, else its SQLite file."""
    return saved_url(root) or os.environ.get(ENVIRONMENT) or sqlite_url(root)


def shown(url: str) -> str:
    """The URL with any password hidden, fit to print."""
    from sqlalchemy.engine import make_url

    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # not a URL at all: say it as given, it holds no parsed password
        return url


def remember(root: Path, url: str) -> None:
    """Save ``url`` as this workspace's gradebook; refuse to switch a workspace that already has grades elsewhere."""
    from socialkit.grading.status import atomic_write_text

    check_url(url)
    root = Path(root)
    current = saved_url(root)
    if current == url:
        return
    has_sqlite = (root / "gradebook.db").is_file()
    if current or has_sqlite:
        where = shown(current) if current else str(root / "gradebook.db")
        raise ValueError(
            f"This workspace's grades are already kept in {where}; it cannot switch to {shown(url)} "
            "(the grades would be left behind). Use a new --workspace folder for the new database.")
    exists(url)  # reachable: raises GradebookUnavailable before anything is written
    root.mkdir(parents=True, exist_ok=True)
    atomic_write_text(root / SETTINGS, json.dumps({"database": url}, indent=1))
    with contextlib.suppress(OSError):
        os.chmod(root / SETTINGS, 0o600)  # it may hold a password


def check_url(url: str) -> None:
    """Refuse a URL that is not SQLite or PostgreSQL, in plain words."""
    from sqlalchemy.engine import make_url

    try:
        backend = make_url(url).get_backend_name()
    except Exception:
        backend = ""
    if backend not in ("sqlite", "postgresql"):
        raise ValueError(
            f"--database {url!r} is not a database address socialkit can use. Give a PostgreSQL URL such as "
            "postgresql+psycopg2://USER:PASSWORD@HOST:5432/DATABASE (or leave it out to keep the workspace's "
            "own gradebook.db file).")


def exists(url: str) -> bool:
    """True when the gradebook's tables exist (a SQLite file that is there, or a database with nbgrader's schema)."""
    from sqlalchemy import create_engine, inspect

    if url.startswith("sqlite:///"):
        if not Path(url[len("sqlite:///"):]).is_file():
            return False
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return "alembic_version" in inspect(connection).get_table_names()
    except Exception as problem:
        raise unavailable(url, problem) from None
    finally:
        engine.dispose()


def unavailable(url: str, problem: BaseException) -> GradebookUnavailable:
    """The plain-words error for a gradebook that cannot be reached."""
    reason = str(getattr(problem, "orig", problem)).strip().splitlines()[0] if str(problem).strip() else type(problem).__name__
    return GradebookUnavailable(
        f"The gradebook database {shown(url)} cannot be reached ({reason}). Check that the database server is "
        "running and that the address, user and password are right, then run the same command again.")


def create(url: str) -> None:
    """Create nbgrader's schema and course row once (a SQLite file atomically; PostgreSQL under an advisory lock).

    Done in-process: nbgrader would learn the migration id by running the ``alembic`` program (~5 s,
    and it must be on PATH); reading it from nbgrader's migration scripts gives the same id.
    """
    if url.startswith("sqlite:///"):
        _create_sqlite(Path(url[len("sqlite:///"):]))
        return
    from sqlalchemy import create_engine, inspect, text

    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT pg_advisory_lock(:key)"), {"key": SCHEMA_LOCK})
            connection.commit()
            try:
                if "alembic_version" not in inspect(connection).get_table_names():
                    _create_schema(connection)
                    connection.commit()
            finally:
                connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": SCHEMA_LOCK})
                connection.commit()
    except GradebookUnavailable:
        raise
    except Exception as problem:
        from sqlalchemy.exc import OperationalError

        if isinstance(problem, OperationalError):
            raise unavailable(url, problem) from None
        raise
    finally:
        engine.dispose()


def _create_schema(connection) -> None:
    """nbgrader's tables, its migration id and its default course row, in one transaction."""
    from nbgrader.api import Base, Course
    from sqlalchemy import text

    Base.metadata.create_all(bind=connection)
    connection.execute(text("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)"))
    connection.execute(text("INSERT INTO alembic_version (version_num) VALUES (:head)"), {"head": _alembic_head()})
    connection.execute(Course.__table__.insert().values(id="default_course"))


def _alembic_head() -> str:
    """The newest migration id of nbgrader's gradebook, read from its migration scripts."""
    from alembic.config import Config as AlembicConfig
    from alembic.script import ScriptDirectory
    from nbgrader.dbutil import ALEMBIC_DIR

    settings = AlembicConfig()
    settings.set_main_option("script_location", ALEMBIC_DIR)
    return ScriptDirectory.from_config(settings).get_current_head()


def _create_sqlite(target: Path) -> None:
    """Build the SQLite gradebook in a temporary file and rename it into place (a killed run leaves none half-made)."""
    if target.exists():
        return
    import tempfile

    from sqlalchemy import create_engine

    handle, tmp = tempfile.mkstemp(dir=target.parent, prefix=".gradebook-", suffix=".db")
    os.close(handle)
    try:
        engine = create_engine("sqlite:///" + tmp)
        with engine.begin() as connection:
            _create_schema(connection)
        engine.dispose()
        os.replace(tmp, target)
    except Exception:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
