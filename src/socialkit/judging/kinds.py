"""The kinds of question a module declares: a number, a choice, a day, names, a table, a decision,
an interval, a drafted text scored with a rubric, a function tested on cases.

Each kind is a ``Question`` with the settings of its judge, so a new question is a declaration::

    Number("q3", var="net_shareholders_h2", points=2, answer=net, tolerance=0.1, unit="points",
           prompt="…", hints=["…", "…"], section="section 3 of the lesson",
           mistakes=[Vary(months=(1, 12), say="that is the WHOLE year …"), Negated(say="…")])

``answer`` is a function computing the expected value from the data (no answer is stored);
``mistakes`` are that function with one setting changed (``Vary``), the answer negated, or another
computation (``Other``). ``probes(solution)`` lists the answers the contract tests try on both
``check`` and the hidden test.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from socialkit.judging import judges
from socialkit.judging.core import Judge, Mistake, Question, mistake_pairs


def _container_probes(value: Any) -> list[Any]:
    """One value wrapped the ways learners wrap it by accident."""
    import numpy as np
    import pandas as pd

    return [[value], (value,), np.array([value]), pd.Series([value]), {value} if _hashable(value) else [value]]


def _hashable(value: Any) -> bool:
    try:
        hash(value)
    except TypeError:
        return False
    return True


def _values_of(mistakes: Sequence[Mistake], answer: Callable) -> list[Any]:
    """The declared mistakes' values, computed (a mistake that cannot be computed is skipped)."""
    values = []
    for compute, _ in mistake_pairs(mistakes, answer):
        try:
            values.append(compute() if callable(compute) else compute)
        except Exception:  # noqa: BLE001 - a probe list is best effort; the judge reports real errors
            continue
    return values


@dataclass(kw_only=True)
class Number(Question):
    """One number, right within ``tolerance`` (``unit="%"`` for a percentage 0–100)."""

    answer: Callable[..., float]
    tolerance: float = 0.0
    unit: str = ""
    mistakes: Sequence[Mistake] = ()
    mistake_tolerance: float | None = None
    right: str | Callable[[], str] = ""
    reduce_advice: str = judges.DEFAULT_REDUCE_ADVICE
    no_rows_advice: str = judges.DEFAULT_NO_ROWS_ADVICE
    wrong_advice: str = judges.DEFAULT_WRONG_ADVICE
    factors: Sequence[float] = (10, 100, 1000)
    kind: str = "number"

    def make_judge(self) -> Judge:
        return judges.number(self.answer, tolerance=self.tolerance, unit=self.unit,
                             mistakes=mistake_pairs(self.mistakes, self.answer),
                             mistake_tolerance=self.mistake_tolerance, factors=self.factors,
                             right_message=self.right, reduce_advice=self.reduce_advice,
                             no_rows_advice=self.no_rows_advice, wrong_advice=self.wrong_advice)

    def probes(self, solution: Any) -> list[Any]:
        v = float(solution)
        near = [v + self.tolerance * k for k in (-1.5, -0.99, -0.5, 0.5, 0.99, 1.5)] if self.tolerance else [v + 1]
        rounded = [round(v, d) for d in (0, 1, 2, 3)]
        mistakes = _values_of(self.mistakes, self.answer)
        return [v, *rounded, *near, *mistakes, -v, v / 100, v * 100, *_container_probes(v), str(v),
                f"{v:.1f}%", f"{v:.1f}".replace(".", ","), True, math.nan, None, ...]


@dataclass(kw_only=True)
class Choice(Question):
    """One option, ``"A"``–``"D"``: only the digest of the right letter is stored (``rules.choice_digest``)."""

    answer_digest: str
    options: dict[str, str]
    kind: str = "choice"

    def make_judge(self) -> Judge:
        return judges.choice(self.id, self.answer_digest, self.options)

    def probes(self, solution: Any) -> list[Any]:
        letters = sorted(self.options)
        spelled = [solution, solution.lower(), f" {solution} ", f"({solution})", f"{solution}.", f"[{solution}]",
                   f"{solution})", f'"{solution}"', f"{solution} or {letters[0]}", f"{solution},"]
        return [*spelled, *letters, *_container_probes(solution), "", "E", 2, None, ...]


@dataclass(kw_only=True)
class Date(Question):
    """One day, written ``"YYYY-MM-DD"`` in quotes (a Timestamp or a date is accepted too)."""

    answer: Callable[..., Any]
    mistakes: Sequence[Mistake] = ()
    right: str | Callable[[], str] = ""
    otherwise: str = "that is not the day the data gives."
    kind: str = "date"

    def make_judge(self) -> Judge:
        return judges.date(self.answer, mistakes=mistake_pairs(self.mistakes, self.answer),
                           right_message=self.right, otherwise=self.otherwise)

    def probes(self, solution: Any) -> list[Any]:
        import datetime as dt

        import pandas as pd

        day = pd.Timestamp(solution)
        if day.tzinfo is not None:
            day = day.tz_convert("UTC").tz_localize(None)
        day = day.normalize()
        texts = [f"{day:%Y-%m-%d}", f" {day:%Y-%m-%d} ", f"{day:%Y/%m/%d}", f"{day:%d/%m/%Y}", f"{day:%Y-%d-%m}",
                 f"{day:%Y%m%d}", f"{day.year}-{day.month}-{day.day}", f"{day.year - 1}-{day:%m-%d}",
                 f"{day + pd.Timedelta(days=1):%Y-%m-%d}"]
        return [*texts, day, day.to_pydatetime(), day.date(), day.tz_localize("UTC"), dt.date(day.year - 1, 1, 15),
                *_container_probes(f"{day:%Y-%m-%d}"), int(f"{day:%Y%m%d}"), "", None, ...]


@dataclass(kw_only=True)
class Names(Question):
    """A list of names, compared as a set (order and repeats do not matter)."""

    answer: Callable[..., Sequence[str]]
    noun: str = "names"
    case_sensitive: bool = False
    right: str | Callable[[], str] = ""
    kind: str = "names"

    def make_judge(self) -> Judge:
        return judges.names(self.answer, noun=self.noun, case_sensitive=self.case_sensitive,
                            right_message=self.right)

    def probes(self, solution: Any) -> list[Any]:
        import numpy as np
        import pandas as pd

        items = list(solution)
        return [items, items[::-1], set(items), tuple(items), pd.Series(items), pd.Index(items), np.array(items),
                [i.upper() for i in items], items[:-1], [*items, "someone else"], items + items[:1],
                ", ".join(items), [*items[:-1], 3], pd.DataFrame({"name": items}), None, ...]


@dataclass(kw_only=True)
class Table(Question):
    """A column (Series) or a table (DataFrame): same row labels, columns, values within ``tolerance``."""

    answer: Callable[..., Any]
    tolerance: float = 1e-6
    noun: str = "table"
    right: str | Callable[[], str] = ""
    kind: str = "table"

    def make_judge(self) -> Judge:
        return judges.table(self.answer, tolerance=self.tolerance, noun=self.noun, right_message=self.right)

    def probes(self, solution: Any) -> list[Any]:
        import pandas as pd

        probes = [solution, solution.iloc[::-1], solution.round(2), solution.iloc[:-1]]
        if pd.api.types.is_numeric_dtype(solution if isinstance(solution, pd.Series) else solution.dtypes.iloc[0]):
            probes += [solution * 100, solution / 100, solution + 10 * max(self.tolerance, 1e-3)]
        if isinstance(solution, pd.Series):
            probes += [solution.to_frame(), list(solution), solution.to_numpy(), solution.reset_index(drop=True)]
        else:
            probes += [solution.iloc[:, 0], solution.to_numpy()]
        return [*probes, None, ...]


@dataclass(kw_only=True)
class Decision(Question):
    """One True or False, derived from the data (e.g. "is the target met?")."""

    answer: Callable[..., bool]
    right: str | Callable[[], str] = ""
    wrong: str | Callable[[], str] = ""
    reduce_advice: str = judges.DEFAULT_DECISION_REDUCE_ADVICE
    kind: str = "decision"

    def make_judge(self) -> Judge:
        return judges.decision(self.answer, right_message=self.right, wrong_message=self.wrong,
                               reduce_advice=self.reduce_advice)

    def probes(self, solution: Any) -> list[Any]:
        import numpy as np

        v = bool(solution)
        return [v, not v, np.bool_(v), np.bool_(not v), int(v), str(v), *_container_probes(v), math.nan, None, ...]


@dataclass(kw_only=True)
class Interval(Question):
    """An interval ``(low, high)`` — e.g. a 95 % confidence interval — both ends within ``tolerance``."""

    answer: Callable[..., tuple[float, float]]
    tolerance: float = 0.0
    unit: str = ""
    mistakes: Sequence[Mistake] = ()
    right: str | Callable[[], str] = ""
    kind: str = "interval"

    def make_judge(self) -> Judge:
        return judges.interval(self.answer, tolerance=self.tolerance, unit=self.unit,
                               mistakes=mistake_pairs(self.mistakes, self.answer), right_message=self.right)

    def probes(self, solution: Any) -> list[Any]:
        import numpy as np

        low, high = (float(v) for v in solution)
        t = self.tolerance or 0.01
        return [(low, high), [low, high], np.array([low, high]), (round(low, 1), round(high, 1)),
                (round(low, 2), round(high, 2)), (high, low), (low - 2 * t, high), (low, high + 2 * t),
                (low + 0.9 * t, high - 0.9 * t), (low,), low, f"({low}, {high})", (str(low), str(high)),
                *_values_of(self.mistakes, self.answer), None, ...]


@dataclass(kw_only=True)
class Rubric(Question):
    """A drafted text scored with a rubric, with partial credit (the test cell outputs the points earned)."""

    criteria: Sequence[judges.Criterion]
    noun: str = "text"
    placeholder: str = ""
    kind: str = "rubric"

    def make_judge(self) -> Judge:
        return judges.rubric(self.criteria, noun=self.noun, placeholder=self.placeholder)

    def probes(self, solution: Any) -> list[Any]:
        text = str(solution)
        return [text, text.upper(), text[: len(text) // 2], text + " " + text, "Thank you.", "", self.placeholder,
                [text], 5, None, ...]


@dataclass(kw_only=True)
class Function(Question):
    """A small function answering True/False, scored on cases by accuracy bands (partial credit)."""

    cases: Callable[[], Sequence[tuple[Any, Any]]]
    bands: Sequence[tuple[float, float]] = ((0.9, 1.0), (0.75, 0.5))
    seconds: float = 1.0
    noun: str = "posts"
    kind: str = "function"

    def make_judge(self) -> Judge:
        return judges.function(self.cases, bands=self.bands, seconds=self.seconds, noun=self.noun)

    def probes(self, solution: Any) -> list[Any]:
        def always_true(text):
            return True

        def always_false(text):
            return False

        def raises(text):
            raise ValueError("oops")

        def says_yes(text):
            return "yes"

        def chatty(text):
            print("looking at", text)
            return solution(text)

        return [solution, chatty, always_true, always_false, raises, says_yes, "violates_policy", None, ...]
