"""Feedback never depends on emoji: each status symbol is followed by the words that say the same.

A locked-down company PC without an emoji font shows ✅ ❌ ⏳ 💡 as empty boxes; the learner must
still read "Right", "Not yet", "Not attempted yet", "Hint". Checked on what ``check``, ``hint`` and
``progress`` print, on the grader's feedback page, and in every course text a learner reads.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from socialkit import checks, judging
from socialkit.grading.feedback import feedback_html
from socialkit.grading.status import LearnerStatus, QuestionResult
from socialkit.notebooks import read_notebook

ROOT = Path(__file__).resolve().parents[1]
# Each status symbol and the words that must follow it (after spaces and Markdown emphasis).
SYMBOL_WORDS = {
    "✅": ("right",),
    "❌": ("not yet",),
    "⏳": ("not attempted",),
    "💡": ("hint", "no more hints"),
    "🟡": ("partly right",),
}
MODULE = "91_symbols_selftest"


def symbols_without_words(text: str) -> list[str]:
    """Each status symbol in ``text`` not followed by its words, with what follows it instead."""
    missing = []
    for symbol, words in SYMBOL_WORDS.items():
        for found in re.finditer(re.escape(symbol), text):
            after = re.sub(r"^[\s*_`\ufe0f]+", "", text[found.end():found.end() + 40]).lower()
            if not after.startswith(words):
                missing.append(f"{symbol} {after[:25]!r}")
    return missing


def test_the_rule_catches_a_bare_symbol():
    bare = symbols_without_words("✅ means right, ❌ says what looks wrong")
    assert [found[0] for found in bare] == ["✅", "❌"]
    assert symbols_without_words("✅ **Right:** well done · ❌ *Not yet* · ⏳ Not attempted yet · 💡 Hint 1") == []


@pytest.fixture
def question():
    """One test-only question whose judge says right for 1, wrong otherwise."""
    question_id = f"{MODULE}.q1"
    checks.reset()
    checks.register(checks.Question(question_id, "a test question", ["first hint"],
                                    lambda value: judging.right("well done") if value == 1 else
                                    judging.partial("half", 0.5) if value == 0.5 else judging.wrong("no")))
    yield question_id
    checks.reset()
    checks.unregister(MODULE)


def test_check_hint_and_progress_put_words_after_every_symbol(question, capsys):
    checks.check(question, 1)
    checks.check(question, 0.5)  # partly right: no error, the points of a partial answer
    with pytest.raises(checks.CheckFailed):
        checks.check(question, 2)
    with pytest.raises(checks.CheckFailed):
        checks.check(question, ...)
    checks.hint(question)
    checks.hint(question)
    checks.progress(MODULE)
    printed = capsys.readouterr().out
    assert all(symbol in printed for symbol in SYMBOL_WORDS), printed
    assert symbols_without_words(printed) == [], printed


def test_the_feedback_page_puts_words_after_every_symbol():
    record = LearnerStatus("ana", "01_listen", "graded", max_score=6, auto_score=2, questions=[
        QuestionResult("q1_check", "Q1", 2, 2, messages=["✅ Right: 41.7 %"]),
        QuestionResult("q2_check", "Q2", 2, 0, messages=["❌ Not yet: wrong month (try hint(\"01_listen.q2\"))"]),
        QuestionResult("q3_check", "Q3", 2, 0, messages=["⏳ Not attempted yet: the ... is still there"])])
    page = feedback_html(record)
    assert symbols_without_words(page) == []
    assert "2 / 2" in page and "0 / 2" in page  # scores are numbers, never only a colour or a symbol


LEARNER_TEXTS = sorted([*ROOT.glob("course/**/*.ipynb"), *ROOT.glob("course/**/*.md"),
                        *ROOT.glob("exercises/**/*.ipynb"), *ROOT.glob("solutions/**/*.ipynb")])


@pytest.mark.parametrize("path", LEARNER_TEXTS, ids=lambda p: str(p.relative_to(ROOT)))
def test_course_texts_put_words_after_every_symbol(path):
    if path.suffix == ".ipynb":
        text = "\n".join(cell.source for cell in read_notebook(path).cells)
    else:
        text = path.read_text(encoding="utf-8")
    assert symbols_without_words(text) == []
