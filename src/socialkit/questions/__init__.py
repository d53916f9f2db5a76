"""The exercise questions of every module, one file per topic, imported only when a check needs them.

A question id starts with its module slug: ``01_listen.q1`` lives in
``socialkit/questions/listen.py`` (the slug without its number). Each file
registers its questions with ``socialkit.checks.register``.
"""

from __future__ import annotations

import importlib
import pkgutil
import re

_SLUG = re.compile(r"^(\d\d)_([a-z][a-z0-9_]*)$")


def topic_of(slug: str) -> str | None:
    """The question file's name for a module slug (``01_listen`` → ``listen``), or None if not a slug."""
    match = _SLUG.match(slug)
    return match.group(2) if match else None


def import_questions(slug: str) -> bool:
    """Import the question file of a module slug; False when that module has no question file."""
    topic = topic_of(slug)
    if topic is None:
        return False
    name = f"{__name__}.{topic}"
    try:
        importlib.import_module(name)
    except ModuleNotFoundError as exc:
        if exc.name == name:
            return False
        raise
    return True


def available_modules() -> list[str]:
    """The module slugs that have a question file, e.g. ``["00_start_here", "01_listen"]``."""
    slugs = []
    for info in pkgutil.iter_modules(__path__):
        module = importlib.import_module(f"{__name__}.{info.name}")
        slug = getattr(module, "MODULE", None)
        if slug:
            slugs.append(slug)
    return sorted(slugs)
