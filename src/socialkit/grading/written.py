"""Written answers graded by hand: find text written outside the answer cell, notice a changed answer,
show the marker the rubric, and read which rubric lines the marker said were met.

Learners often write their reflection in a new cell, or in the question's own cell, leaving the
answer cell as handed out; nbgrader then scores it 0 by itself. Such text is found here and shown to
the marker, so a written answer is never lost or silently zeroed.
"""

from __future__ import annotations

import ast
import hashlib
import re
from dataclasses import dataclass

MIN_WORDS = 4  # prose shorter than this in a stray cell is a note to self, not an answer
RUBRIC_LINE = re.compile(r"^\s*[-*]\s+\*\*(?P<title>.+?)\*\*\s*(?P<detail>.*)$")
RUBRIC_CODE = re.compile(r"\bR(\d{1,2})\b")
SOLUTION_MARKERS = re.compile(r"^\s*### (BEGIN|END) SOLUTION\s*$", re.M)
MARKER_CELL_TAG = "socialkit-marker-notes"


def _grade_meta(cell) -> dict:
    """The cell's nbgrader metadata (empty for an ordinary cell)."""
    meta = cell.get("metadata", {}).get("nbgrader")
    return meta if isinstance(meta, dict) else {}


def is_written_answer(cell) -> bool:
    """True for a hand-graded answer cell: graded and a solution (nbgrader scores it only when left blank)."""
    meta = _grade_meta(cell)
    return bool(meta.get("grade") and meta.get("solution"))


def _prose(cell) -> str:
    """The prose a learner wrote in a cell of their own, or ``""`` when it is code, a hint call or a short note."""
    text = cell.get("source", "").strip()
    if cell.get("cell_type") == "markdown":
        return text if len(text.split()) >= MIN_WORDS else ""
    if cell.get("cell_type") != "code":
        return ""
    try:
        tree = ast.parse(text)
    except SyntaxError:  # sentences typed into a code cell
        return text if len(text.split()) >= MIN_WORDS else ""
    if len(tree.body) == 1 and isinstance(tree.body[0], ast.Expr) and isinstance(tree.body[0].value, ast.Constant) \
            and isinstance(tree.body[0].value.value, str):
        words = tree.body[0].value.value.strip()
        return words if len(words.split()) >= MIN_WORDS else ""
    if not tree.body:  # comments only
        comment = "\n".join(line.lstrip("# ").rstrip() for line in text.splitlines())
        return comment.strip() if len(comment.split()) >= MIN_WORDS else ""
    return ""


def text_elsewhere(nb, release) -> dict[str, list[str]]:
    """``{written answer's grade id: [prose found in other cells]}``: cells the learner added or changed.

    Each piece of prose goes to the nearest written answer cell (the one above when equally near).
    """
    handed_out = {(c.get("cell_type"), c.get("source", "").strip()) for c in release.cells}
    answers = [(i, _grade_meta(c)["grade_id"]) for i, c in enumerate(nb.cells) if is_written_answer(c)]
    found: dict[str, list[str]] = {gid: [] for _, gid in answers}
    if not answers:
        return found
    for index, cell in enumerate(nb.cells):
        if _grade_meta(cell) or (cell.get("cell_type"), cell.get("source", "").strip()) in handed_out:
            continue
        prose = _prose(cell)
        if prose:
            _, gid = min(answers, key=lambda a: (abs(a[0] - index), a[0] > index))
            found[gid].append(prose)
    return found


def answer_digest(cell_text: str, unchanged: bool, elsewhere: list[str]) -> str:
    """A digest of everything the marker reads for one written answer (the cell if written, plus stray text)."""
    parts = ([] if unchanged else [cell_text.strip()]) + [p.strip() for p in elsewhere]
    return hashlib.sha256("\n\x1e\n".join(parts).encode()).hexdigest()


@dataclass
class RubricLine:
    """One line of a marking rubric: its short title (shown to learners) and its detail (marker only)."""

    title: str
    detail: str


def rubric_lines(solution_text: str) -> list[RubricLine]:
    """The rubric's bullet lines, ``- **1 point — the backlash, with a figure.** Says …``, in order."""
    lines = []
    for line in SOLUTION_MARKERS.sub("", solution_text).splitlines():
        match = RUBRIC_LINE.match(line)
        if match:
            lines.append(RubricLine(match["title"].strip(), match["detail"].strip()))
    return lines


def solution_text(cell) -> str:
    """A source cell's model answer or rubric, without nbgrader's solution markers."""
    return SOLUTION_MARKERS.sub("", cell.get("source", "")).strip()


def lines_met(comment: str | None, rubric: list[RubricLine]) -> tuple[list[int], str]:
    """(numbers of the rubric lines the marker wrote as ``R1 R3``, the comment without those codes)."""
    if not comment:
        return [], ""
    met = sorted({int(n) for n in RUBRIC_CODE.findall(comment) if 1 <= int(n) <= len(rubric)})
    rest = RUBRIC_CODE.sub("", comment) if met else comment
    rest = re.sub(r"^[\s,;:.\-–—]+", "", re.sub(r"[ \t]{2,}", " ", rest)).strip()
    return met, rest


def marker_notes(elsewhere: list[str], unchanged: bool, rubric_source: str, rubric: list[RubricLine]):
    """A markdown cell for the marker (inserted under the answer in the graded notebook the formgrader shows).

    It quotes text written outside the answer cell and shows the rubric with its line codes.
    """
    from nbformat.v4 import new_markdown_cell

    parts = ["**For the marker only (the learner's feedback page never shows this cell).**"]
    if elsewhere:
        where = ("The answer cell above was left as handed out, but the learner wrote this in other cells; "
                 "mark it as their answer:" if unchanged else "The learner also wrote this in other cells:")
        quoted = "\n>\n".join("> " + "\n> ".join(piece.splitlines()) for piece in elsewhere)
        parts += [f"⚠️ {where}", quoted]
    elif unchanged:
        parts.append("The answer cell was left as handed out and no text was found elsewhere: it scores 0 "
                     "unless you give points.")
    if rubric:
        parts.append("**Rubric.** Type the codes of the lines met at the start of your comment, e.g. `R1 R3 Clear "
                     "figures, but…`: the learner's page then lists the lines met.")
        parts.append("\n".join(f"- **R{n}** · **{line.title}** {line.detail}" for n, line in enumerate(rubric, 1)))
    elif rubric_source:
        parts += ["**Model answer / rubric:**", rubric_source]
    cell = new_markdown_cell("\n\n".join(parts))
    cell.metadata["tags"] = [MARKER_CELL_TAG]
    return cell

