"""A JupyterHub for a course: learners log in and get their own copy of the kit; trainers get the formgrader.

Called from a ``jupyterhub_config.py`` (see ``deploy/jupyterhub/jupyterhub_config.py``)::

    from socialkit.hub import configure
    configure(c, course="spring-2027", trainers=["claire"], workspace="/srv/grading/spring-2027",
              db_url="postgresql+psycopg2://hub@db/hub")

What it sets, following nbgrader's "multiple classes" JupyterHub layout
(https://nbgrader.readthedocs.io/en/stable/configuration/jupyterhub_config.html): groups
``nbgrader-<course>`` (everyone in the course) and ``formgrade-<course>`` (its trainers); one hub
service ``formgrade-<course>`` running the formgrader in the course's grading workspace, which only
the trainers' group may open; every learner's server opens on their own copy of the course
(copied at first login, never overwritten) with the quiet learner screen of ``socialkit start``; the
hub's own database at ``db_url`` (PostgreSQL in production: JupyterHub's docs advise against
SQLite beyond workshops). The authenticator and spawner are the platform team's choice (the tests
use JupyterHub's DummyAuthenticator and SimpleLocalProcessSpawner; Zero to JupyterHub uses
KubeSpawner, see ``deploy/kubernetes/``).
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

LEARNER_FOLDERS = ("course", "exercises")  # what each learner gets a copy of (the data stays in the kit)
FIRST_PAGE = "/lab/tree/course/00_start_here/00_start_here.ipynb"


def formgrader_service(course: str) -> str:
    """The hub service name of a course's formgrader (also the group's suffix)."""
    return f"formgrade-{course}"


def copy_course(home: Path, kit: Path) -> list[str]:
    """Give a learner their own copy of the course's folders at first login; never overwrite their work."""
    copied = []
    for name in LEARNER_FOLDERS:
        target = home / name
        if not target.exists() and (kit / name).is_dir():
            shutil.copytree(kit / name, target, ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"))
            copied.append(name)
    return copied


def configure(c, *, course: str, trainers: list[str], learners: list[str] | None = None, workspace: str | Path,
              db_url: str | None = None, formgrader_port: int = 9199, homes: str | Path | None = None,
              kit: str | Path | None = None) -> None:
    """Set a JupyterHub config ``c`` for one course (see the module's docstring for what it sets).

    ``homes``: where learners' folders are made (``<homes>/<name>``) when the spawner runs everyone as
    one system user (the local-process spawner of small servers and tests); leave it None when each
    learner has a system account or a Kubernetes volume.
    """
    from socialkit.paths import kit_root
    from socialkit.server import write_lab_config

    if not course or not course.replace("-", "").replace("_", "").isalnum():
        raise ValueError(f"course {course!r}: use letters, digits, - and _ only (it names groups and a service).")
    if not trainers:
        raise ValueError("give at least one trainer (trainers=[...]): someone must be able to open the formgrader.")
    kit = Path(kit) if kit else kit_root()
    workspace = Path(workspace)
    service = formgrader_service(course)
    root = os.geteuid() == 0
    if db_url:
        c.JupyterHub.db_url = db_url
    c.JupyterHub.load_groups = {f"nbgrader-{course}": {"users": sorted(set(trainers) | set(learners or []))},
                                service: {"users": sorted(trainers)}}
    c.JupyterHub.load_roles = [{"name": service, "groups": [service],
                                "scopes": [f"access:services!service={service}"]}]
    c.JupyterHub.services = [{
        "name": service,
        "url": f"http://127.0.0.1:{formgrader_port}",
        "command": [sys.executable, "-m", "jupyterhub.singleuser", *(["--allow-root"] if root else []),
                    f"--ServerApp.root_dir={workspace}", "--ServerApp.default_url=/formgrader"],
        "cwd": str(workspace),
        "environment": {"PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
                        "JUPYTERHUB_DEFAULT_URL": "/formgrader"},
        "oauth_no_confirm": True,
    }]
    learner_config = write_lab_config(workspace / ".learner-lab-config", trainer=False)
    c.Spawner.default_url = FIRST_PAGE
    c.Spawner.environment = {"JUPYTER_CONFIG_PATH": str(learner_config), "SOCIALKIT_ROOT": str(kit),
                             "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    c.Spawner.cmd = [sys.executable, "-m", "jupyterhub.singleuser"]
    if root:
        c.Spawner.args = ["--allow-root"]

    def give_course(spawner) -> None:
        """Before a server starts: the learner's own copy of the course (first login only)."""
        home = Path(homes) / spawner.user.name if homes else Path(os.path.expanduser(f"~{spawner.user.name}"))
        home.mkdir(parents=True, exist_ok=True)
        copy_course(home, kit)
        spawner.notebook_dir = str(home)
        if homes and hasattr(spawner, "home_dir"):
            spawner.home_dir = str(home)  # the local-process spawner's working folder and $HOME

    c.Spawner.pre_spawn_hook = give_course
