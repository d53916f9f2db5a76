"""The judges: one function per kind of answer, each returning a judge ``value -> Verdict``.

A judge decides right or wrong with the rule of ``socialkit.judging.rules`` that the hidden tests
use too, and, when the answer is wrong, says in plain words what looks wrong: a typical slip of
its kind (a whole column where one number is asked, a decimal comma, a fraction for a
percentage, a date written day-first …) or a typical mistake the question declares. The expected
value is computed from the data when the learner checks (no answer is stored in the package).
"""

from __future__ import annotations

import math
import numbers
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from socialkit.judging import rules
from socialkit.judging.core import Judge, Lazy, Verdict, partial, right, text_of, wrong
from socialkit.judging.words import count, describe, echo, fmt, fmt_read, single_value_advice, with_unit

# --------------------------------------------------------------------------- a number

DEFAULT_REDUCE_ADVICE = "Reduce it to one number, e.g. with .sum(), .mean() or len(...), as the question asks."
DEFAULT_WRONG_ADVICE = "Check which rows you used."
DEFAULT_NO_ROWS_ADVICE = ("Check the values you filter on: they must be spelt exactly as in the data "
                          "(for example \"lumiere\", in lower case).")
CLOSE_FACTOR = 3  # "close" is said only within 3 × the tolerance: further off, the method is wrong, not the rounding


def _decimals(x: float) -> int:
    """How many decimals a learner's number has as typed (``46`` → 0, ``46.1`` → 1, ``46.15`` → 2)."""
    text = repr(float(x))
    if "e" in text or "." not in text:
        return 0
    return len(text.split(".")[1].rstrip("0"))


def _decimals_needed(tolerance: float) -> int:
    """The fewest decimals whose rounding error (half a unit of the last place) stays within ``tolerance``."""
    return max(0, math.ceil(math.log10(0.5 / tolerance) - 1e-9))


def _within(tolerance: float, unit: str) -> str:
    """The tolerance in words: ``within 0.1 points`` for a percentage, ``within 0.5 posts`` otherwise."""
    if unit == "%":
        return f"within {fmt(tolerance)} points"
    return f"within {fmt(tolerance)} {unit}" if unit else f"within ±{fmt(tolerance)}"


def _comma_number_advice(value: tuple, goal_is_whole: bool) -> str | None:
    """Advice for a number typed with a comma, which Python reads as several values (``46,1`` → ``(46, 1)``).

    A whole number written with thousands separators (``12,345``) gets "no commas";
    otherwise the comma is taken as a decimal comma (``46,1`` → "use a point").
    """
    if len(value) < 2 or not all(isinstance(part, numbers.Integral) and not isinstance(part, bool)
                                 for part in value):
        return None
    typed = ",".join(str(int(part)) for part in value)
    groups_of_three = value[0] != 0 and all(100 <= int(part) <= 999 for part in value[1:])
    if groups_of_three and (goal_is_whole or len(value) > 2):
        plain = "".join(str(int(part)) for part in value)
        return f"Write the number without commas or spaces: {plain}, not {typed}."
    if len(value) == 2 and int(value[1]) >= 0:
        return f"Use a point for decimals: {int(value[0])}.{int(value[1])}, not {typed}."
    return None


def _many_values(value: Any, asked: str, reduce_advice: str) -> Verdict:
    """An answer holding several values (or one value wrapped in a column, list or comma)."""
    import numpy as np

    size = len(value) if isinstance(value, (set, frozenset, dict)) else int(np.size(value))
    if size == 1:
        return wrong(f"that is {describe(value)}; the question asks for {asked}. {single_value_advice(value)}")
    return wrong(f"that is {describe(value)}; the question asks for {asked}. {reduce_advice}")


def _is_container(value: Any) -> bool:
    """True for a column, table, list, tuple, set, dict or array (not a 0-d array)."""
    import numpy as np
    import pandas as pd

    if isinstance(value, np.ndarray):
        return value.ndim > 0
    return isinstance(value, (pd.Series, pd.DataFrame, pd.Index, list, tuple, set, frozenset, dict))


def number(
    expected: Callable[[], float] | float,
    *,
    tolerance: float = 0.0,
    unit: str = "",
    mistakes: Iterable[tuple[Callable[[], float] | float, str]] = (),
    mistake_tolerance: float | None = None,
    factors: Sequence[float] = (10, 100, 1000),
    right_message: str | Callable[[], str] = "",
    reduce_advice: str = DEFAULT_REDUCE_ADVICE,
    no_rows_advice: str = DEFAULT_NO_ROWS_ADVICE,
    wrong_advice: str = DEFAULT_WRONG_ADVICE,
) -> Judge:
    """A judge for one number: right within ``tolerance`` of the expected value (``rules.number_matches``).

    ``expected`` is usually a function that computes the value from the data (so no answer is
    stored). ``unit="%"`` means a percentage 0–100 is asked, and a fraction 0–1 gets "multiply by
    100". ``mistakes`` pairs typical wrong values (or functions computing them) with the message to
    show for each, matched within ``mistake_tolerance`` (default: the answer's tolerance; tighter when
    two mistakes lie close together). An answer off by one of ``factors`` (both ways) is told so.
    The right message starts with the learner's value in words (``56.2 % — …``).

    Question-specific advice: ``reduce_advice`` is what a learner who gives many values where one
    number is asked should do; ``no_rows_advice`` follows "your filter probably found no rows" when
    the answer has no value (NaN); ``wrong_advice`` follows "is not what the data gives" for any other
    wrong number (a question read on a dashboard has no rows to check).
    """
    target = Lazy(expected)
    known_mistakes = [(Lazy(v), message) for v, message in mistakes]
    percent = unit.strip() == "%"
    within = _within(tolerance, "%" if percent else unit.strip())
    echo_decimals = max(1, _decimals_needed(tolerance)) if tolerance > 0 else 1
    mistake_room = tolerance if mistake_tolerance is None else mistake_tolerance

    def close(a: float, b: float, tol: float = tolerance) -> bool:
        return rules.close(a, b, tol)

    def judge(value: Any) -> Verdict:
        if isinstance(value, str):
            if "%" in value:
                return wrong(f"you typed text with a % sign ({value!r}). Type just the number, without "
                             f"quotes or %: for 41.7 % write 41.7.")
            if "," in value and not value.strip().startswith(("[", "(")):
                return wrong(f"that is {describe(value)}, not a number. Remove the quotes, and use a point "
                             f"for decimals (46.1, not 46,1) and no commas in big numbers (12345, not 12,345).")
            return wrong(f"that is {describe(value)}, not a number. Remove the quotes.")
        if isinstance(value, tuple):
            # a whole number is asked when no decimal is needed (tolerance ≥ 0.5), or the answer is one
            goal_is_whole = tolerance >= 0.5 or float(target.get()).is_integer()
            advice = _comma_number_advice(value, goal_is_whole)
            if advice:
                return wrong(advice)
        if _is_container(value):
            return _many_values(value, "one number", reduce_advice)
        given = rules.one_number(value)
        if given is None:
            return wrong(f"that is {describe(value)}; the question asks for one number.")
        if math.isnan(given):
            return wrong(f"your answer has no value (it shows as NaN, \"not a number\"): your filter "
                         f"probably found no rows. {no_rows_advice}")
        goal = float(target.get())

        def shown(x: float) -> str:
            """The learner's number rounded for a message, never to a value that would pass."""
            return with_unit(echo(x, echo_decimals, lambda rounded: not close(rounded, goal)), unit)

        if rules.number_matches(given, goal, tolerance):
            said = text_of(right_message)
            value_text = with_unit(fmt_read(round(given, max(echo_decimals, 1))), unit)
            return right(f"{value_text} — {said}" if said else f"{value_text}.")
        for mistake, message in known_mistakes:
            if close(given, float(mistake.get()), mistake_room):
                return wrong(message)
        if percent and not 0 <= given <= 100:
            shown_percent = echo(given, 1, lambda rounded: not 0 <= rounded <= 100)
            return wrong(f"{shown_percent} is not a percentage: a percentage lies between 0 and 100.")
        if percent and 0 <= given <= 1 and close(given * 100, goal, tolerance + 0.05):
            return wrong(f"{fmt(given)} looks like a fraction; multiply by 100 to get a percentage.")
        if goal != 0 and given != 0:
            for factor in factors:
                if close(given * factor, goal, max(tolerance * factor, 0.005 * abs(goal))):
                    return wrong(f"your answer is about {fmt(factor)} times too small: check the units.")
                if close(given / factor, goal, max(tolerance, 0.005 * abs(goal))):
                    return wrong(f"your answer is about {fmt(factor)} times too large: check the units.")
        if tolerance > 0:
            needed = _decimals_needed(tolerance)
            typed = _decimals(given)
            if typed < needed and close(given, round(goal, typed), 1e-9):
                example = "12." + "3456789"[:needed] if needed else "12"
                places = "decimal place" if needed == 1 else "decimal places"
                return wrong(f"{fmt(given)} is rounded too much: give the answer to {needed} {places}, "
                             f"e.g. {example}.")
            if close(given, goal, CLOSE_FACTOR * tolerance):
                return wrong(f"{shown(given)} is close, but not {within}: check your calculation, "
                             f"and do not round in the middle of it.")
        return wrong(f"{shown(given)} is not what the data gives. {wrong_advice}")

    return judge


# --------------------------------------------------------------------------- one option A–D


def choice(question_id: str, answer_digest: str, explanations: dict[str, str]) -> Judge:
    """A judge for one option: right when the letter's digest (``rules.choice_digest``) is ``answer_digest``.

    ``explanations`` gives, for EVERY option, the message shown when it is chosen: why a wrong
    option is wrong, and what the right one teaches. The answer is read with
    ``rules.normalise_choice`` ("b", " B ", "B.", "b)", "(B)", "[B]" all mean B).
    """
    letters = sorted(k.upper() for k in explanations)
    messages = {k.upper(): v for k, v in explanations.items()}
    if not any(rules.choice_digest(question_id, letter) == answer_digest for letter in letters):
        raise ValueError(f"{question_id}: the answer digest matches none of the options; compute it with "
                         f"socialkit.judging.rules.choice_digest({question_id!r}, 'B').")
    listing = ", ".join(f'"{letter}"' for letter in letters)

    def judge(value: Any) -> Verdict:
        if not isinstance(value, str):
            if _is_container(value) and len(value) == 1 and isinstance(next(iter(value)), str):
                return wrong(f"that is {describe(value)}. Type one letter in quotes, without brackets around "
                             f"the quotes, e.g. \"A\".")
            return wrong(f"that is {describe(value)}. Type one letter in quotes, e.g. \"A\". Options: {listing}.")
        letter = rules.normalise_choice(value)
        if letter not in messages:
            return wrong(f"{value!r} is not one of the options. Type one letter in quotes: {listing}.")
        if rules.choice_matches(value, question_id, answer_digest):
            return right(f"{letter} — {messages[letter]}")
        return wrong(messages[letter])

    return judge


# --------------------------------------------------------------------------- a day


DATE_PATTERN = re.compile(r"(\d{1,4})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,4})")
DATE_EXAMPLE = "e.g. \"2025-09-30\" for 30 September 2025"


def date_format_advice(value: Any) -> str:
    """What is wrong with how a date was written (it is not text "YYYY-MM-DD" naming a real day)."""
    if not isinstance(value, str):
        if _is_container(value):
            return f"that is {describe(value)}. Type one date as text in quotes, year-month-day, {DATE_EXAMPLE}."
        typed = f"{value!r} is" if isinstance(value, numbers.Number) else "that is"
        return f"{typed} not a date. Type it as text in quotes, year-month-day, {DATE_EXAMPLE}."
    parts = DATE_PATTERN.fullmatch(value.strip())
    if parts is None:
        return f"{value!r} is not a date written year-month-day. Type it in quotes, {DATE_EXAMPLE}."
    first, middle, last = parts.groups()
    if len(first) != 4:
        return (f"{value!r}: write the year first, then the month, then the day (year-month-day), "
                f"{DATE_EXAMPLE}.")
    if int(middle) > 12:
        return (f"{value!r}: there is no month {int(middle)}: the month comes second, then the day, "
                f"{DATE_EXAMPLE}.")
    if len(middle) != 2 or len(last) != 2 or "-" not in value or "/" in value or "." in value:
        return (f"{value!r}: write the month and the day with two digits each, separated by dashes, "
                f"{DATE_EXAMPLE}.")
    return f"{value!r} is not a day of the calendar; check the month and the day, {DATE_EXAMPLE}."


def date(
    expected: Callable[[], Any] | Any,
    *,
    mistakes: Iterable[tuple[Callable[[], Any] | Any, str]] = (),
    right_message: str | Callable[[], str] = "",
    otherwise: str = "that is not the day the data gives.",
) -> Judge:
    """A judge for one day written ``"YYYY-MM-DD"`` (or a Timestamp/date): right on the expected day.

    A mistake's value may be one day or several (any of them matches), e.g. "another alert day,
    but not the first". A day in another year than the answer is told so; ``otherwise`` is said
    for any other day.
    """
    target = Lazy(expected)
    known = [(Lazy(v), message) for v, message in mistakes]

    def days_of(value: Any) -> list:
        import pandas as pd

        if isinstance(value, (list, tuple, set, pd.Index, pd.Series)):
            return [rules.as_day(v) for v in value]
        return [rules.as_day(value)]

    def judge(value: Any) -> Verdict:
        day = rules.as_day(value)
        if day is None:
            return wrong(date_format_advice(value))
        goal = rules.as_day(target.get())
        if goal is None:
            raise ValueError("the expected day could not be computed")
        if day == goal:
            said = text_of(right_message)
            return right(f"{goal:%A %d %B %Y} — {said}" if said else f"{goal:%A %d %B %Y}.")
        for mistake, message in known:
            if day in days_of(mistake.get()):
                return wrong(message)
        if day.year != goal.year:
            return wrong(f"the sample data covers {goal.year}; check the year you typed.")
        return wrong(otherwise)

    return judge


# --------------------------------------------------------------------------- a set of names


def names(
    expected: Callable[[], Iterable[str]] | Iterable[str],
    *,
    noun: str = "names",
    case_sensitive: bool = False,
    right_message: str | Callable[[], str] = "",
) -> Judge:
    """A judge for a list or set of names, compared as a set (``rules.names_match``)."""
    target = Lazy(expected)

    def key(name: Any) -> str:
        text = str(name).strip()
        return text if case_sensitive else text.casefold()

    def judge(value: Any) -> Verdict:
        import numpy as np
        import pandas as pd

        if isinstance(value, str):
            return wrong(f"that is one piece of text; give a list of {noun} in square brackets, "
                         f"e.g. [\"first\", \"second\"].")
        if isinstance(value, pd.DataFrame):
            return wrong(f"that is {describe(value)}; give a list of {noun} (one column, e.g. .index or "
                         f"a column's values, then list(...)).")
        if not isinstance(value, (list, tuple, set, frozenset, pd.Series, pd.Index, np.ndarray)):
            return wrong(f"that is {describe(value)}; give a list of {noun} in square brackets.")
        items = rules.names_of(value)
        if items is None:
            odd = next(item for item in list(value) if not isinstance(item, str))
            return wrong(f"your list holds {odd!r}, which is not a name: a list of {noun} (text) is asked.")
        goal_items = list(target.get())
        if rules.names_match(items, goal_items, case_sensitive):
            said = text_of(right_message)
            head = f"those are the {len({key(i) for i in goal_items})} {noun}"
            return right(f"{head} — {said}" if said else f"{head}.")
        goal = {key(item) for item in goal_items}
        given = {key(item) for item in items}
        extra = sorted(item for item in items if key(item) not in goal)
        lacking = len(goal - given)
        parts = []
        if lacking:
            parts.append(f"{lacking} of the {len(goal)} {noun} {'is' if lacking == 1 else 'are'} missing")
        if extra:
            shown = ", ".join(repr(x) for x in extra[:5]) + (" …" if len(extra) > 5 else "")
            parts.append(f"{len(extra)} should not be there ({shown})")
        return wrong("; ".join(parts) + ".")

    return judge


# --------------------------------------------------------------------------- a table


def table(
    expected: Callable[[], Any] | Any,
    *,
    tolerance: float = 1e-6,
    noun: str = "table",
    right_message: str | Callable[[], str] = "",
) -> Judge:
    """A judge for a Series or DataFrame: same row labels (any order), columns, values within ``tolerance``."""
    target = Lazy(expected)

    def labels(index: Any) -> str:
        return ", ".join(repr(x) for x in list(index)[:5]) + (" …" if len(index) > 5 else "")

    def compare_values(given: Any, goal: Any) -> Verdict | None:
        import numpy as np
        import pandas as pd

        given_num = pd.api.types.is_numeric_dtype(given) and not pd.api.types.is_bool_dtype(given)
        goal_num = pd.api.types.is_numeric_dtype(goal) and not pd.api.types.is_bool_dtype(goal)
        if goal_num and given_num:
            a = given.to_numpy(dtype=float)
            b = goal.to_numpy(dtype=float)
            if np.allclose(a, b, rtol=0, atol=tolerance, equal_nan=True):
                return None
            if np.allclose(a * 100, b, rtol=0, atol=max(tolerance, 0.05), equal_nan=True):
                return wrong("the values look like fractions; multiply by 100 to get percentages.")
            if np.allclose(a / 100, b, rtol=0, atol=max(tolerance, 0.0005), equal_nan=True):
                return wrong("the values look like percentages; a fraction between 0 and 1 is asked (divide by 100).")
            bad = int((~np.isclose(a, b, rtol=0, atol=tolerance, equal_nan=True)).sum())
            return wrong(f"{bad} of the {len(a)} values differ from the data. Check the calculation.")
        if goal_num != given_num:
            kind = "numbers" if goal_num else "text or True/False"
            return wrong(f"the values should be {kind}.")
        if rules.table_matches(given, goal, tolerance):
            return None
        return wrong("some values differ from the data. Check the calculation.")

    def judge(value: Any) -> Verdict:
        import pandas as pd

        goal = target.get()
        is_series = isinstance(goal, pd.Series)
        if is_series and isinstance(value, pd.DataFrame):
            if value.shape[1] == 1:
                return wrong("that is a whole table with one column; one column is asked: select the column "
                             "by its name, e.g. table[\"name\"].")
            return wrong(f"that is {describe(value)}; one column of values is asked, not a whole table.")
        if not isinstance(value, (pd.Series, pd.DataFrame)):
            shape = ("a column of values with a label on each row" if is_series
                     else "a whole table with labelled rows and columns")
            return wrong(f"that is {describe(value)}; a {noun} is asked: {shape}.")
        if not is_series and isinstance(value, pd.Series):
            return wrong(f"that is {describe(value)}; a whole table with several columns is asked.")
        missing_rows = goal.index.difference(value.index)
        extra = value.index.difference(goal.index)
        if len(missing_rows) or len(extra):
            parts = []
            if len(missing_rows):
                parts.append(f"{len(missing_rows)} expected row label(s) are missing")
            if len(extra):
                parts.append(f"rows that should not be there: {labels(extra)}")
            return wrong("; ".join(parts) + ".")
        if value.index.has_duplicates:
            return wrong("some row labels appear twice; each should appear once (group or count first).")
        ordered = value.loc[goal.index]
        if is_series:
            verdict = compare_values(ordered, goal)
        else:
            missing_cols = [c for c in goal.columns if c not in ordered.columns]
            if missing_cols:
                return wrong(f"missing column(s): {', '.join(map(repr, missing_cols))}.")
            verdict = None
            for column in goal.columns:
                verdict = compare_values(ordered[column], goal[column])
                if verdict is not None:
                    verdict = wrong(f"column {column!r}: {verdict.message}")
                    break
        if verdict is not None:
            return verdict
        if not rules.table_matches(value, goal, tolerance):  # one rule with the hidden tests, whatever the above
            return wrong("some values differ from the data. Check the calculation.")
        said = text_of(right_message)
        head = f"the {noun} matches the data ({count(len(goal), 'row')})"
        return right(f"{head} — {said}" if said else f"{head}.")

    return judge


# --------------------------------------------------------------------------- a yes/no decision


DEFAULT_DECISION_REDUCE_ADVICE = ("One True or False is asked, not one per row: add .any() at the end to ask "
                                  "\"is at least one True?\", or .all() for \"are they all True?\".")


def decision(
    expected: Callable[[], bool] | bool,
    *,
    right_message: str | Callable[[], str] = "",
    wrong_message: str | Callable[[], str] = "",
    reduce_advice: str = DEFAULT_DECISION_REDUCE_ADVICE,
) -> Judge:
    """A judge for a True/False decision, where ``expected`` derives the right call from the data."""
    target = Lazy(expected)

    def judge(value: Any) -> Verdict:
        import numpy as np

        if isinstance(value, str):
            return wrong(f"that is text ({value!r}). Type True or False, with a capital letter and no quotes.")
        if _is_container(value):
            if int(np.size(value)) == 1 and not isinstance(value, (dict, set, frozenset)):
                return wrong(f"that is {describe(value)}; one True or False is asked. {single_value_advice(value)}")
            return wrong(f"that is {describe(value)}. {reduce_advice}")
        number_given = None if isinstance(value, (bool, np.bool_)) else rules.one_number(value)
        if number_given is not None and math.isnan(number_given):
            return wrong("your answer has no value (it shows as NaN): your filter probably found no rows. "
                         "Type True or False.")
        if number_given is not None:
            return wrong(f"{fmt(number_given)} is a number; type True or False, with a capital letter and "
                         f"no quotes.")
        if not isinstance(value, (bool, np.bool_)):
            return wrong(f"that is {describe(value)}. Type True or False (a comparison such as x > 5 also gives one).")
        if rules.decision_matches(value, target.get()):
            said = text_of(right_message)
            return right(f"{bool(value)} — {said}" if said else f"{bool(value)}.")
        said = text_of(wrong_message)
        return wrong(said or f"{bool(value)} is not what the data supports. Compare the figure with the "
                             f"threshold again.")

    return judge


# --------------------------------------------------------------------------- an interval


def interval(
    expected: Callable[[], tuple[float, float]] | tuple[float, float],
    *,
    tolerance: float = 0.0,
    unit: str = "",
    mistakes: Iterable[tuple[Callable[[], tuple[float, float]] | tuple[float, float], str]] = (),
    right_message: str | Callable[[], str] = "",
) -> Judge:
    """A judge for an interval ``(low, high)``: both ends within ``tolerance`` (``rules.interval_matches``)."""
    target = Lazy(expected)
    known = [(Lazy(v), message) for v, message in mistakes]

    def judge(value: Any) -> Verdict:
        import numpy as np

        if isinstance(value, str):
            return wrong(f"that is {describe(value)}; two numbers are asked, in round brackets and without "
                         f"quotes, e.g. (2.5, 7.1).")
        if isinstance(value, np.ndarray) and value.ndim == 1:
            value = list(value)
        if not isinstance(value, (tuple, list)) or len(value) != 2:
            return wrong(f"that is {describe(value)}; the question asks for two numbers, the low end and "
                         f"the high end, in round brackets: (low, high).")
        pair = [rules.one_number(v) for v in value]
        if any(v is None for v in pair):
            return wrong("both ends must be plain numbers, without quotes: (low, high).")
        low, high = pair
        if low > high:  # the smaller number is the low end
            return wrong(f"the low end ({fmt(high)}) comes first: write ({fmt(high)}, {fmt(low)}).")
        goal = target.get()
        if rules.interval_matches((low, high), goal, tolerance):
            said = text_of(right_message)
            shown = f"from {with_unit(fmt(round(low, 3)), unit)} to {with_unit(fmt(round(high, 3)), unit)}"
            return right(f"{shown} — {said}" if said else f"{shown}.")
        if low.is_integer() and high.is_integer() and (low, high) == (round(goal[0]), round(goal[1])):
            return wrong("close, but rounded too much: give each end to one decimal place.")
        for mistake, message in known:
            if rules.interval_matches((low, high), mistake.get(), tolerance):
                return wrong(message)
        low_ok = rules.close(low, float(goal[0]), tolerance)
        high_ok = rules.close(high, float(goal[1]), tolerance)
        if low_ok != high_ok:
            end = "high" if low_ok else "low"
            return wrong(f"the {end} end is not what the data gives; the other one is right.")
        return wrong("neither end is what the data gives. Check which rows and which method you used.")

    return judge


# --------------------------------------------------------------------------- a drafted text, scored with a rubric


@dataclass(frozen=True)
class Criterion:
    """One line of a rubric: what a good text does, a test of it, its points, and advice when it fails."""

    label: str
    test: Callable[[str], bool]
    points: float = 1.0
    advice: str = ""


def rubric_score(text: str, criteria: Sequence[Criterion]) -> tuple[float, list[Criterion], list[Criterion]]:
    """(share of the rubric's points earned 0–1, criteria met, criteria missed) for one text."""
    met = [c for c in criteria if c.test(text)]
    missed = [c for c in criteria if c not in met]
    total = sum(c.points for c in criteria)
    return (sum(c.points for c in met) / total if total else 0.0), met, missed


def rubric(criteria: Sequence[Criterion], *, noun: str = "text", placeholder: str = "") -> Judge:
    """A judge for a drafted text, with partial credit: the share of the rubric's points its criteria earn.

    The message lists each criterion as met (✓ … — met) or not yet (✗ … — advice), in words.
    """
    def judge(value: Any) -> Verdict:
        if not isinstance(value, str):
            return wrong(f"that is {describe(value)}; write your {noun} as text between quotes.")
        if not value.strip() or (placeholder and value.strip() == placeholder.strip()):
            return wrong(f"your {noun} is empty: write it between the quotes.")
        share, met, missed = rubric_score(value, criteria)
        lines = [f"✓ {c.label} — met" for c in met] + [f"✗ {c.label} — not yet: {c.advice}".rstrip(": ")
                                                        for c in missed]
        summary = f"{len(met)} of {len(criteria)} rubric lines met"
        return partial(f"{summary}. " + " · ".join(lines), share)

    return judge


# --------------------------------------------------------------------------- a function, tested on cases


def _share_words(share: float) -> str:
    """A share of a question's points in words ("all the points", "half the points")."""
    return {1.0: "all the points", 0.5: "half the points"}.get(float(share), f"{share:.0%} of the points")


def function(
    cases: Callable[[], Sequence[tuple[Any, Any]]] | Sequence[tuple[Any, Any]],
    *,
    bands: Sequence[tuple[float, float]] = ((0.9, 1.0), (0.75, 0.5)),
    seconds: float = 1.0,
    noun: str = "posts",
    show: int = 3,
) -> Judge:
    """A judge for a learner's function that answers True/False: its accuracy on ``cases`` sets the points.

    The learner's score on these (visible) cases is said with up to ``show`` examples of misses;
    the points follow ``bands`` (``rules.banded_points``). The hidden test runs the function on
    held-out cases with the same rules.
    """
    target = Lazy(cases)

    def judge(value: Any) -> Verdict:
        import numpy as np

        if not callable(value):
            return wrong(f"that is {describe(value)}; a function is asked: keep the line that starts with "
                         f"def, and give its name without round brackets.")
        cases = target.get()
        # Once so many calls took too long that even the lowest band is out of reach, the rest cannot change the
        # points: stop there (a function that loops on every post would otherwise keep the learner waiting).
        hopeless = int((1 - min(at_least for at_least, _ in bands)) * len(cases)) + 1
        results = rules.function_results(value, cases, seconds=seconds, give_up_after=hopeless)
        good = [r for r in results if isinstance(r[2], (bool, np.bool_)) and bool(r[2]) == bool(r[1])]
        accuracy = len(good) / len(results) if results else 0.0
        share = rules.banded_points(accuracy, bands, 1.0)
        misses = [r for r in results if r not in good][:show]

        def said(returned: Any) -> str:
            if isinstance(returned, (bool, np.bool_)):
                return str(bool(returned))
            if isinstance(returned, str) and returned.startswith(("error:", "took too long", "not run:")):
                return returned
            return f"{describe(returned)} (True or False is needed)"

        examples = " · ".join(f"{str(given)[:80]!r}: expected {bool(expected)}, your function said "
                              f"{said(returned)}" for given, expected, returned in misses)
        pct = f"{100 * accuracy:.1f}".removesuffix(".0")  # 74.6, never rounded up to a band's 75
        ladder = ", ".join(f"{100 * at_least:g} % earns {_share_words(part)}"
                           for at_least, part in sorted(bands, reverse=True))
        if share >= 1:
            standing = "enough for all the points here"
        else:
            reached = [a for a, part in bands if part == share]
            standing = (f"at least {100 * reached[0]:g} %, so {_share_words(share)} for now" if share > 0 and reached
                        else f"under {100 * min(a for a, _ in bands):g} %, so 0 points for now")
        summary = (f"right on {len(good)} of {len(results)} {noun} ({pct} %): {standing} ({ladder}; the points are "
                   f"decided on similar posts you have not seen)")
        return partial(f"{summary}." + (f" Misses: {examples}" if examples else ""), share)

    return judge
