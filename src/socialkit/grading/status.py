"""One status record per learner: what happened, the score, and a plain-language reason.

Records are JSON files written atomically (temporary file + ``os.replace``), so a run killed at any
moment leaves either the previous record or the new one, never half of one.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path

STATUSES = ("graded", "timeout", "kernel_died", "invalid_notebook", "tampered", "missing_notebook", "error")
# statuses for which no grade exists at all (the CSV leaves the score empty, never a silent 0)
UNGRADED = ("invalid_notebook", "missing_notebook", "error")
CSV_COLUMNS = ("learner", "assignment", "status", "score", "max_score", "auto_score", "manual_pending", "reason")
# after the contract's columns: who, the hand-graded part, when it was sent; then one column per question
EXTRA_CSV_COLUMNS = ("name", "email", "hand_score", "written_answer", "submitted_at", "late")


@dataclass
class QuestionResult:
    """One graded cell: its id, title, points and what the learner got, with the check's message."""

    grade_id: str
    title: str
    max_score: float
    auto_score: float | None
    manual: bool = False
    messages: list[str] = field(default_factory=list)
    flag: str = ""  # hand-graded answers: "blank" (nothing written anywhere) or "elsewhere" (written in other cells)
    answer_sha: str = ""  # what was marked: a hand mark given to another version of the answer is cleared


@dataclass
class LearnerStatus:
    """What grading one learner's submission produced."""

    learner: str
    assignment: str
    status: str
    reason: str = ""
    submission_sha256: str = ""
    source_sha256: str = ""
    max_score: float = 0.0
    auto_score: float | None = None
    questions: list[QuestionResult] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    seconds: float = 0.0
    earlier_marks: list[dict] = field(default_factory=list)  # hand marks cleared because the answer changed

    def __post_init__(self):
        """Refuse a status outside the contract (a typo must not become a new category)."""
        if self.status not in STATUSES:
            raise ValueError(f"Unknown grading status {self.status!r}; expected one of {', '.join(STATUSES)}")

    @property
    def has_grade(self) -> bool:
        """True when the submission was executed and scored (possibly partly)."""
        return self.status not in UNGRADED


def write_status(path: Path, record: LearnerStatus) -> None:
    """Write a record atomically: a killed run leaves the old record or the new, never a torn file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        json.dump(asdict(record), out, indent=1, ensure_ascii=False)
        out.flush()
        os.fsync(out.fileno())
    os.replace(tmp, path)


def read_status(path: Path) -> LearnerStatus | None:
    """The record at ``path``, or None when it is missing or unreadable (then the learner is regraded)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        questions = [QuestionResult(**q) for q in data.pop("questions", [])]
        return LearnerStatus(questions=questions, **data)
    except (OSError, ValueError, TypeError):
        return None


def atomic_write_text(path: Path, text: str) -> None:
    """Write a text file via a temporary file and ``os.replace``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        out.write(text)
    os.replace(tmp, path)
