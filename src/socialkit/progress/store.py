"""The learner's own progress cache, under their home folder (``~/.socialkit``), never in the course's files.

Re-checked verdicts are kept by the content key of the notebook (its code cells, see
``socialkit.progress.saved``) and a stamp of what judges them (the kit's version and the question
file), so an unchanged notebook is not run again and a changed one always is. The cache is only a
speed-up: if it is missing, damaged or cannot be written, everything still works, only slower.
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from pathlib import Path

FILE_NAME = "progress-cache.json"
KEEP = 300  # entries kept; the oldest are dropped (about 1 KB each)


def home() -> Path:
    """The learner's socialkit folder: ``$SOCIALKIT_HOME``, else ``~/.socialkit``."""
    env = os.environ.get("SOCIALKIT_HOME")
    return Path(env).expanduser() if env else Path.home() / ".socialkit"


class Cache:
    """Verdicts by key, read once, written back atomically when something changed."""

    def __init__(self, folder: Path | None = None):
        self.path = (folder or home()) / FILE_NAME
        self.entries: dict[str, dict] = {}
        self.changed = False
        try:
            loaded = json.loads(self.path.read_text(encoding="utf-8"))
            if isinstance(loaded, dict) and isinstance(loaded.get("entries"), dict):
                self.entries = loaded["entries"]
        except (OSError, ValueError):
            pass  # no cache yet, or a damaged one: start again

    def get(self, key: str) -> dict | None:
        """The stored entry for ``key``, or None."""
        entry = self.entries.get(key)
        return entry if isinstance(entry, dict) else None

    def put(self, key: str, value: dict) -> None:
        """Store ``value`` under ``key`` (saved by ``save``)."""
        self.entries[key] = {**value, "stored": time.time()}
        self.changed = True

    def save(self) -> bool:
        """Write the cache if it changed; False (and nothing raised) when the folder cannot be written."""
        if not self.changed:
            return True
        entries = sorted(self.entries.items(), key=lambda kv: kv[1].get("stored", 0), reverse=True)[:KEEP]
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=self.path.parent, delete=False,
                                             prefix=".progress-", suffix=".tmp") as handle:
                json.dump({"version": 1, "entries": dict(entries)}, handle)
            os.replace(handle.name, self.path)
        except OSError:
            return False
        self.changed = False
        return True
