"""Where the real platform exports are for the tests: ../shared/real-exports/ beside the clone (never copied in)."""

from pathlib import Path

import pytest

REAL_EXPORTS = Path(__file__).resolve().parents[1].parent / "shared" / "real-exports"


def real_exports_dir() -> Path:
    """The folder of real exports, or a test failure (not a skip) that says where it should be and why."""
    if not (REAL_EXPORTS / "SOURCES.md").is_file():
        pytest.fail(f"The real exports are missing: expected them in {REAL_EXPORTS} (the shared/ folder beside the "
                    "clone; see shared/real-exports/SOURCES.md). They are not in the repository because their "
                    "licences do not allow shipping them.")
    return REAL_EXPORTS
