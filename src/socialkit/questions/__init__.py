"""The exercise questions of every module, declared as data, one file per module's topic.

Each file defines ``QUESTIONS``, a ``socialkit.judging.QuestionSet`` named after its module slug;
the course table (``socialkit.course``) says which file belongs to which module. Files are imported
only when a check needs them. No answer is stored in them: expected values are computed from the
data when the learner checks, and multiple-choice answers are stored as salted digests.
"""

from __future__ import annotations

import functools
import importlib


@functools.lru_cache(maxsize=None)
def declared(module: str):
    """The ``QuestionSet`` the course table names for ``module`` (imported once), or None if it has none yet."""
    from socialkit import course

    try:
        entry = course.get(module)
    except KeyError:
        return None
    name = f"{__name__}.{entry.questions}"
    try:
        file = importlib.import_module(name)
    except ModuleNotFoundError as exc:
        if exc.name == name:
            return None
        raise
    return getattr(file, "QUESTIONS", None)


def source_file(module: str):
    """The path of the question file the course table names for ``module`` (not imported), or None."""
    from importlib.util import find_spec

    from socialkit import course

    try:
        spec = find_spec(f"{__name__}.{course.get(module).questions}")
    except (KeyError, ModuleNotFoundError):
        return None
    return spec.origin if spec else None
