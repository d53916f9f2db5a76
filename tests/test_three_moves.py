"""The "three moves" card of module 00: the lesson and the printable page name the same moves, and their code runs.

Later hints and the plain-words errors point back to "move 2 · keep rows in module 00", so the names are
checked against the slips' own references too.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from socialkit import data, release, slips
from socialkit.notebooks import read_notebook

ROOT = Path(__file__).resolve().parents[1]
LESSON = ROOT / "course" / "00_start_here" / "00_start_here.ipynb"
CARD = ROOT / "course" / "00_start_here" / "three_moves.md"
MOVES = [("1", "count"), ("2", "keep rows"), ("3", "read one cell")]
HEADING = re.compile(r"^#+ Move (\d) · (.+?)\s*$", re.M)


@pytest.fixture(scope="module")
def mentions():
    return data.load("mentions")


def lesson_markdown() -> str:
    return "\n".join(cell.source for cell in read_notebook(LESSON).cells if cell.cell_type == "markdown")


def code_blocks(markdown: str) -> list[str]:
    return re.findall(r"```python\n(.*?)```", markdown, re.S)


def test_the_lesson_and_the_printable_card_name_the_same_three_moves():
    assert HEADING.findall(lesson_markdown()) == MOVES
    assert HEADING.findall(CARD.read_text(encoding="utf-8")) == MOVES
    table = lesson_markdown()
    for number, name in MOVES:
        assert f"**move {number} · {name}**" in table  # the summary table at the top of the section


def test_the_plain_words_errors_point_to_moves_that_exist():
    for reference in (slips.MOVE_COUNT, slips.MOVE_KEEP_ROWS, slips.MOVE_READ_CELL):
        number, name = re.fullmatch(r"move (\d) · (.+) in module 00", reference).groups()
        assert (number, name) in MOVES


def test_the_cards_code_runs_on_the_sample_data(mentions):
    namespace = {"mentions": mentions}
    blocks = code_blocks(CARD.read_text(encoding="utf-8"))
    assert len(blocks) == 3
    for block in blocks:
        exec(compile(block, str(CARD), "exec"), namespace)  # noqa: S102 (our own card's examples)
    lang, likes, ts = mentions["lang"].astype(str), mentions["likes"], mentions["ts"]
    assert len(namespace["french"]) == int((lang == "fr").sum())
    after_june = ts >= "2025-07-01"
    assert len(namespace["recent_popular"]) == int(((likes >= 100) & after_june).sum())
    instagram_grano = (mentions["platform"].astype(str) == "instagram") & (mentions["brand"].astype(str) == "grano")
    assert namespace["posts"].loc["instagram", "grano"] == int(instagram_grano.sum())


def test_the_lessons_try_it_cells_run_and_give_the_cards_numbers(mentions):
    namespace = {"mentions": mentions}
    cells = [c for c in read_notebook(LESSON).cells if c.id.startswith("moves-") and c.cell_type == "code"]
    assert len(cells) == 6
    for cell in cells:
        exec(compile(cell.source, cell.id, "exec"), namespace)  # noqa: S102 (the lesson's own cells)
    lang = mentions["lang"].astype(str)
    assert len(namespace["french"]) == int((lang == "fr").sum())
    keep = (lang == "fr") & (mentions["likes"] >= 100) & (mentions["ts"] >= "2025-07-01")
    assert len(namespace["popular_french"]) == int(keep.sum())


def test_the_card_fits_on_one_printed_page():
    lines = CARD.read_text(encoding="utf-8").splitlines()
    assert len(lines) <= 60, len(lines)
    assert max(len(line) for line in lines) <= 100


def test_the_card_and_the_glossary_ship_in_the_learner_bundle():
    files = {path.as_posix() for path in release.bundle_files(ROOT)}
    assert "course/00_start_here/three_moves.md" in files
    assert "course/glossary.md" in files
