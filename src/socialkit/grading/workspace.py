"""The grading workspace: an nbgrader course folder holding the source, gradebook and every output."""

from __future__ import annotations

import hashlib
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

WORKSPACE_CONFIG = '''"""nbgrader settings for this grading workspace (written, and rewritten, by `socialkit grade`).

Mark written answers with `socialkit mark ASSIGNMENT --workspace .` (nbgrader's formgrader), then
`socialkit report ASSIGNMENT --workspace .` refreshes the grades, the class report and the feedback
pages, and `socialkit send ASSIGNMENT --workspace .` delivers the pages.
"""
import os

c = get_config()  # noqa: F821
HERE = os.path.dirname(os.path.abspath(__file__))
c.CourseDirectory.root = HERE
c.CourseDirectory.source_directory = "source"
c.CourseDirectory.release_directory = "release"

def _database():
    """The gradebook socialkit uses for this workspace: its workspace.json, else the environment, else gradebook.db."""
    import json
    try:
        with open(os.path.join(HERE, "workspace.json"), encoding="utf-8") as settings:
            return json.load(settings)["database"]
    except (OSError, ValueError, KeyError):
        return os.environ.get("SOCIALKIT_DATABASE_URL") or "sqlite:///" + os.path.join(HERE, "gradebook.db")


c.CourseDirectory.db_url = _database()
if not c.CourseDirectory.db_url.startswith("sqlite"):
    c.CourseDirectory.course_id = "default_course"  # a server database enforces the course row nbgrader links to
c.Exchange.root = os.path.join(HERE, ".exchange")
# nbgrader's own feedback would show the hidden tests: it is switched off, and could never touch feedback/.
c.CourseDirectory.feedback_directory = "nbgrader-feedback"
c.GenerateFeedback.preprocessors = ["socialkit.grading.nbgrader_feedback.KitWritesFeedback"]
'''


@dataclass(frozen=True)
class Workspace:
    """Where every file of one assignment's grading lives inside the workspace folder."""

    root: Path
    assignment: str

    @property
    def notebook_name(self) -> str:
        """The notebook's file name without extension, e.g. ``01_listen_exercises``."""
        return f"{self.assignment}_exercises"

    @property
    def db_url(self) -> str:
        """SQLAlchemy URL of the workspace's gradebook (see ``gradebook.database_url``)."""
        from socialkit.grading.gradebook import database_url

        return database_url(self.root)

    def has_gradebook(self) -> bool:
        """True when the workspace's gradebook exists (raises ``GradebookUnavailable`` if it cannot be reached)."""
        from socialkit.grading.gradebook import exists

        return exists(self.db_url)

    def source_notebook(self) -> Path:
        """The workspace's copy of the solutions notebook (answers + hidden tests)."""
        return self.root / "source" / self.assignment / f"{self.notebook_name}.ipynb"

    def release_notebook(self) -> Path:
        """The notebook as learners received it (no answers, no hidden tests)."""
        return self.root / "release" / self.assignment / f"{self.notebook_name}.ipynb"

    def submitted_dir(self, learner: str) -> Path:
        """The folder holding one learner's submission."""
        return self.root / "submitted" / learner / self.assignment

    def submitted_notebook(self, learner: str) -> Path:
        """The one notebook graded for a learner."""
        return self.submitted_dir(learner) / f"{self.notebook_name}.ipynb"

    def autograded_dir(self, learner: str) -> Path:
        """The learner's working folder: their files, the executed notebook; the only place their code may write."""
        return self.root / "autograded" / learner / self.assignment

    def feedback_file(self, learner: str) -> Path:
        """The learner's feedback page."""
        return self.root / "feedback" / learner / self.assignment / f"{self.notebook_name}.html"

    def status_file(self, learner: str) -> Path:
        """The learner's status record (JSON), the grader's memory between runs."""
        return self.root / "status" / self.assignment / f"{learner}.json"

    def intake_file(self, learner: str) -> Path:
        """Where the learner's filed notebook came from and when it was saved (JSON)."""
        return self.root / "status" / self.assignment / "intake" / f"{learner}.json"

    def roster_file(self) -> Path:
        """The workspace's roster (``learner_id,name,email``): the trainer's, plus learners found in notebooks."""
        return self.root / "roster.csv"

    def settings_file(self) -> Path:
        """The assignment's grading settings remembered between runs (the deadline)."""
        return self.root / "status" / self.assignment / "settings.json"

    def reports_dir(self) -> Path:
        """Where the grades CSV and the class report go."""
        return self.root / "reports"

    def learners(self) -> list[str]:
        """Every learner with a folder under ``submitted/``, sorted."""
        folder = self.root / "submitted"
        if not folder.is_dir():
            return []
        return sorted(p.name for p in folder.iterdir() if p.is_dir() and not p.name.startswith("."))


def file_sha256(path: Path) -> str:
    """Hex sha256 of a file's bytes (used to notice changed submissions and sources)."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def nbgrader_config(ws: Workspace):
    """nbgrader settings: the kit's own ``nbgrader_config.py``, pointed at the workspace and its gradebook."""
    from socialkit.nbconfig import nbgrader_config as kit_config

    config = kit_config(ws.root, source="source", release="release", db_url=ws.db_url)
    if not ws.db_url.startswith("sqlite"):
        config.CourseDirectory.course_id = "default_course"  # PostgreSQL enforces the course row (SQLite does not)
    config.Exchange.root = str(ws.root / ".exchange")
    config.CourseDirectory.feedback_directory = "nbgrader-feedback"
    config.GenerateFeedback.preprocessors = ["socialkit.grading.nbgrader_feedback.KitWritesFeedback"]
    return config


def write_config(ws: Workspace) -> None:
    """Write the workspace's ``nbgrader_config.py`` (rewritten when an older kit wrote another) and exchange folder."""
    config_file = ws.root / "nbgrader_config.py"
    if not config_file.is_file() or config_file.read_text() != WORKSPACE_CONFIG:
        config_file.write_text(WORKSPACE_CONFIG)
    (ws.root / ".exchange").mkdir(exist_ok=True)


def kit_source_folder(assignment: str) -> Path:
    """The kit's ``solutions/<assignment>/`` folder, with a clear error when it is missing."""
    from socialkit import course, paths

    notebook = course.get(assignment).solutions(paths.kit_root())
    folder = notebook.parent
    if not notebook.is_file():
        raise FileNotFoundError(
            f"No exercise notebook for {assignment}: expected {folder}/{assignment}_exercises.ipynb. "
            "Check the assignment name (e.g. 01_listen) and that the kit's solutions/ folder is present."
        )
    return folder


def prepare_workspace(ws: Workspace, source_folder: Path | None = None, say=None) -> str:
    """Create the workspace if needed and register the assignment's source in its gradebook.

    The source is copied from the kit's ``solutions/`` (or ``source_folder``); it is
    re-registered with nbgrader only when its content changed (``say`` announces that slow step).
    Returns the source's sha256.
    """
    source_folder = Path(source_folder) if source_folder else kit_source_folder(ws.assignment)
    source_nb = source_folder / f"{ws.notebook_name}.ipynb"
    if not source_nb.is_file():
        raise FileNotFoundError(f"The source notebook {source_nb} does not exist.")
    for sub in ("submitted", "autograded", "feedback", "reports", "status"):
        (ws.root / sub).mkdir(parents=True, exist_ok=True)
    write_config(ws)
    digest = file_sha256(source_nb)
    stamp = ws.root / "status" / ws.assignment / ".source-sha256"
    if stamp.is_file() and stamp.read_text().strip() == digest and ws.release_notebook().is_file():
        return digest
    if say:
        say(f"Registering {ws.assignment} in the workspace's gradebook (once per version of the exercise)...")
    target = ws.source_notebook().parent
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(source_folder, target, ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"))
    _generate_release(ws)
    stamp.parent.mkdir(parents=True, exist_ok=True)
    stamp.write_text(digest)
    return digest


def _create_gradebook(ws: Workspace) -> None:
    """Create the workspace's gradebook once, before nbgrader opens it (see ``gradebook.create``)."""
    from socialkit.grading.gradebook import create

    create(ws.db_url)


def _generate_release(ws: Workspace) -> None:
    """Run nbgrader's generate_assignment in-process: it stores the source cells in the gradebook."""
    import logging

    from nbgrader.apps import NbGraderAPI
    from nbgrader.coursedir import CourseDirectory

    os.environ["PATH"] = str(Path(os.sys.executable).parent) + os.pathsep + os.environ.get("PATH", "")
    _create_gradebook(ws)
    config = nbgrader_config(ws)
    coursedir = CourseDirectory(config=config)
    api = NbGraderAPI(coursedir=coursedir, config=config)
    api.log.setLevel(logging.ERROR)
    result = api.generate_assignment(ws.assignment, force=True, create=True)
    if not result["success"]:
        raise RuntimeError(
            f"nbgrader could not register {ws.assignment} in the gradebook: {result['error'] or result['log']}"
        )
