"""Where the kit's folders are: found from the environment, the package, or the working folder."""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent


def _looks_like_root(folder: Path) -> bool:
    return (folder / "datasets").is_dir() and (folder / "course").is_dir()


def kit_root() -> Path:
    """The kit's top folder (the one holding ``datasets/``, ``course/``, ``solutions/``).

    Looked up in this order so the same notebook cell works everywhere:
    ``$SOCIALKIT_ROOT``; the source checkout this package was installed from;
    the working folder or any folder above it.
    """
    env = os.environ.get("SOCIALKIT_ROOT")
    if env:
        return Path(env).resolve()
    checkout = PACKAGE_DIR.parent.parent
    if _looks_like_root(checkout):
        return checkout
    here = Path.cwd().resolve()
    for folder in (here, *here.parents):
        if _looks_like_root(folder):
            return folder
    raise FileNotFoundError(
        "Cannot find the course kit's folder (the one with course/ and datasets/). "
        "Run from inside the kit, or set SOCIALKIT_ROOT to its path."
    )


def datasets_dir() -> Path:
    """The folder of the sample CSVs; ``$SOCIALKIT_DATASETS`` overrides it."""
    env = os.environ.get("SOCIALKIT_DATASETS")
    if env:
        return Path(env).resolve()
    return kit_root() / "datasets"
