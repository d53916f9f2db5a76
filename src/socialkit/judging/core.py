"""The question model: a verdict, a question, a module's ordered set of questions, and typical mistakes.

A question is declared as data (its kind, the learner's variable, points, hints, how to compute the
expected answer from the data, and its typical mistakes); ``socialkit.checks`` judges a learner's
answer with it, and the module-contract tests check it against the exercise notebook.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

RIGHT, PARTIAL, WRONG, MISSING = "right", "partial", "wrong", "missing"


@dataclass(frozen=True)
class Verdict:
    """What a judge decided about one answer: right, partly right, wrong or missing, why, and the share of points."""

    status: Literal["right", "partial", "wrong", "missing"]
    message: str
    score: float | None = None  # share of the points earned, 0–1; None means 1 if right else 0

    @property
    def ok(self) -> bool:
        """True when the answer is fully right."""
        return self.status == RIGHT

    @property
    def fraction(self) -> float:
        """The share of the question's points this answer earns (0–1)."""
        if self.score is not None:
            return float(self.score)
        return 1.0 if self.status == RIGHT else 0.0


def right(message: str) -> Verdict:
    """A right answer, with what the learner should take away from it."""
    return Verdict(RIGHT, message)


def wrong(message: str) -> Verdict:
    """A wrong answer, with a message that says what looks wrong and what to try."""
    return Verdict(WRONG, message)


def partial(message: str, score: float) -> Verdict:
    """A partly right answer worth ``score`` (0–1) of the points (0 is wrong, 1 is right)."""
    if score <= 0:
        return Verdict(WRONG, message, 0.0)
    if score >= 1:
        return Verdict(RIGHT, message, 1.0)
    return Verdict(PARTIAL, message, float(score))


def missing(message: str) -> Verdict:
    """No answer yet."""
    return Verdict(MISSING, message)


NOT_ATTEMPTED = ("your answer still holds the three dots (...). Write your answer after the = sign and run the "
                 "answer cell, then this one. If that cell showed a red error, fix it first: a letter or a date "
                 "needs quotes, and the name must be spelt exactly as given.")
NONE_GIVEN = ("your answer is None (empty). Put your answer after the = sign in your answer cell, run that cell, "
              "then this one.")


def judge_answer(question: "Question", value: Any) -> Verdict:
    """The verdict on one answer, as ``check`` gives it: ``...`` and None are missing, a judge's crash is wrong.

    Pure (records nothing), so the live ``check`` and the re-check of a saved notebook agree.
    """
    if value is ...:
        return Verdict(MISSING, NOT_ATTEMPTED)
    if value is None:
        return Verdict(MISSING, NONE_GIVEN)
    try:
        verdict = question(value)
    except ExpectedValueError:
        raise
    except Exception as exc:  # a value the judge cannot handle is a wrong answer, not a crash
        return wrong(f"your answer could not be compared ({type(exc).__name__}: {exc}).")
    if not isinstance(verdict, Verdict):
        raise TypeError(f"The judge of {question.id} returned {type(verdict).__name__}, not a Verdict.")
    return verdict


Judge = Callable[[Any], Verdict]


class ExpectedValueError(RuntimeError):
    """The check could not compute the expected answer (missing data, a bug): not the learner's fault."""

    def _render_traceback_(self) -> list[str]:
        """One short message in Jupyter; the cause is named in it."""
        return [f"ExpectedValueError: {self}"]


class Lazy:
    """A value computed from the data the first time a check needs it, then kept."""

    def __init__(self, source: Any):
        self._source = source
        self._done = not callable(source)
        self._value = None if callable(source) else source

    def get(self) -> Any:
        """The value, computing it once."""
        if not self._done:
            try:
                self._value = self._source()
            except ExpectedValueError:
                raise
            except Exception as exc:
                raise ExpectedValueError(
                    f"The check could not compute the expected answer from the data "
                    f"({type(exc).__name__}: {exc}). Tell your facilitator."
                ) from exc
            self._done = True
        return self._value


def text_of(message: str | Callable[[], str]) -> str:
    """A message that may be computed from the data when shown (a function) or written as text."""
    return message() if callable(message) else message


# --------------------------------------------------------------------------- typical mistakes


@dataclass(frozen=True)
class Vary:
    """A typical mistake: the answer's own computation with some settings changed (other months, brand, role …).

    ``Vary(months=(1, 12), say="that is the WHOLE year …")`` is the value the question's
    ``answer`` function gives when called with ``months=(1, 12)``.
    """

    say: str
    changes: dict = field(default_factory=dict)

    def __init__(self, say: str, **changes):
        object.__setattr__(self, "say", say)
        object.__setattr__(self, "changes", changes)

    def value(self, answer: Callable) -> Callable[[], Any]:
        """A function computing the mistaken value from the question's answer function."""
        return functools.partial(answer, **self.changes)


@dataclass(frozen=True)
class Negated:
    """A typical mistake: the answer with its sign reversed (e.g. the two periods swapped)."""

    say: str

    def value(self, answer: Callable) -> Callable[[], Any]:
        """Minus the answer."""
        return lambda: -answer()


@dataclass(frozen=True)
class Other:
    """A typical mistake computed another way (a different calculation, a constant)."""

    compute: Callable[[], Any] | Any
    say: str

    def value(self, answer: Callable) -> Callable[[], Any] | Any:
        """The mistaken value (or its function), whatever the answer is."""
        return self.compute


Mistake = Vary | Negated | Other


def mistake_pairs(mistakes: Iterable[Mistake | tuple], answer: Callable) -> list[tuple[Any, str]]:
    """``(value or function, message)`` pairs for the judges, from declared mistakes (or ready pairs)."""
    pairs = []
    for mistake in mistakes:
        if isinstance(mistake, tuple):
            pairs.append(mistake)
        else:
            pairs.append((mistake.value(answer), mistake.say))
    return pairs


# --------------------------------------------------------------------------- questions


def canonical_id(question_id: str) -> str:
    """``" 01_Listen.Q1 "`` → ``"01_listen.q1"``: learners may type an id in any case, with spaces."""
    return "".join(question_id.split()).lower()


@dataclass
class Question:
    """One exercise question: its id, a short prompt, its hints and its judge.

    Declared inside a ``QuestionSet`` with a short name (``"q1"``); the set makes the id
    (``"01_listen.q1"``). ``var`` is the learner's variable and ``points`` the question's points,
    as in the exercise notebook (the contract tests check they agree). ``hints`` are shown one per
    ``hint()`` call; the last stops one step short of the answer. ``section`` names the part of
    the lesson to re-read once the hints run out.
    """

    id: str
    prompt: str
    hints: Sequence[str]
    judge: Judge | None = None
    section: str = "the lesson"
    var: str | None = None
    points: float | None = None
    kind: str = "custom"

    def __post_init__(self) -> None:
        """Refuse ids and hint lists that would confuse learners later."""
        if self.id != canonical_id(self.id):
            raise ValueError(f"Question id {self.id!r} must be in lower case without spaces: "
                             f"{canonical_id(self.id)!r}.")
        if len(self.hints) < 1:
            raise ValueError(f"Question {self.id} needs at least one hint.")
        self.hints = tuple(self.hints)
        self._built: Judge | None = None

    def __call__(self, value: Any) -> Verdict:
        """Judge one answer (the judge is built at first use, once the question has its full id)."""
        if self._built is None:
            self._built = self.judge or self.make_judge()
        return self._built(value)

    def make_judge(self) -> Judge:
        """The judge of a declared kind (overridden by each kind); a plain Question needs ``judge=``."""
        raise ValueError(f"Question {self.id} needs a judge.")

    @property
    def module(self) -> str:
        """The module slug the question belongs to, e.g. ``01_listen``."""
        return self.id.partition(".")[0]

    @property
    def name(self) -> str:
        """The question's short name in its module, e.g. ``q1`` (its nbgrader grade id)."""
        return self.id.partition(".")[2]

    def probes(self, solution: Any) -> list[Any]:
        """Answers worth trying against the check and the hidden test: the solution and its usual variants."""
        import numpy as np
        import pandas as pd

        return [solution, [solution], (solution,), np.array([solution]), pd.Series([solution]),
                str(solution), None, ...]


class QuestionSet:
    """The ordered questions of one module (learntools' ``bind_exercises``): ids made from the module slug."""

    def __init__(self, module: str, questions: Iterable[Question] = ()):
        """Collect ``questions`` for ``module``, giving each short name its full id (``q1`` → ``01_listen.q1``)."""
        self.module = canonical_id(module)
        self._questions: dict[str, Question] = {}
        for question in questions:
            self.add(question)

    def add(self, question: Question) -> Question:
        """Add one question (declared with a short name or its full id); returns it."""
        if not isinstance(question, Question):
            raise TypeError(f"A question set holds Question objects, not {type(question).__name__}.")
        module, dot, name = question.id.rpartition(".")
        if not dot:
            question.id = f"{self.module}.{question.id}"
        elif module != self.module:
            raise ValueError(f"Question {question.id} does not belong to module {self.module}.")
        if question.id in self._questions:
            raise ValueError(f"Question {question.id} is declared twice.")
        self._questions[question.id] = question
        return question

    def __iter__(self):
        return iter(self._questions.values())

    def __len__(self) -> int:
        return len(self._questions)

    def get(self, question_id: str) -> Question | None:
        """The question with this id (any case), or None."""
        return self._questions.get(canonical_id(question_id))

    @property
    def ids(self) -> list[str]:
        """The question ids, in order."""
        return list(self._questions)

    @property
    def points(self) -> float:
        """The automatic points of the whole set."""
        return float(sum(q.points or 0 for q in self))
