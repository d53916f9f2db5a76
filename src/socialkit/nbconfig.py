"""The one builder of nbgrader settings: the kit's ``nbgrader_config.py``, re-pointed at a course folder.

``socialkit build`` (a throwaway folder: solutions → exercises) and ``socialkit grade`` (a grading
workspace: source → release, with its gradebook) both start from the kit's own file, so the
release a learner gets and the one a grader registers are made with the same stubs and options.
"""

from __future__ import annotations

from pathlib import Path


def nbgrader_config(course_dir: Path, *, source: str = "solutions", release: str = "exercises",
                    db_url: str | None = None):
    """The kit's nbgrader settings with ``course_dir`` as nbgrader's course root (gradebook inside by default)."""
    from traitlets.config import Config
    from traitlets.config.loader import PyFileConfigLoader

    from socialkit.paths import kit_root

    config = Config()
    try:
        kit_file = kit_root() / "nbgrader_config.py"
    except FileNotFoundError:
        kit_file = None
    if kit_file is not None and kit_file.is_file():
        config.merge(PyFileConfigLoader(kit_file.name, path=str(kit_file.parent)).load_config())
    config.CourseDirectory.root = str(course_dir)
    config.CourseDirectory.source_directory = source
    config.CourseDirectory.release_directory = release
    config.CourseDirectory.db_url = db_url or f"sqlite:///{Path(course_dir) / 'gradebook.db'}"
    config.NbGraderAPI.log_level = "WARN"
    return config
