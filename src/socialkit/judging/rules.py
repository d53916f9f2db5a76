"""When an answer counts as right: the one rule per kind of answer, shared by ``check`` and the hidden tests.

A hidden test computes the expected value on its own, in plain pandas (an independent oracle),
then compares with one of these rules, e.g.::

    from socialkit.judging.rules import number_matches
    assert number_matches(sov_april_june, 100 * (april_june["brand"] == "lumiere").mean(), 0.1)

``check`` accepts an answer with the very same rule, so a ✅ always scores at grading and a ❌
never does. The rules are strict about the *kind* of value: ``[56.2]``, ``(56.2,)`` or a
one-value column are not one number (``abs(x - y) < 0.1`` would broadcast over them and let
them pass, which the checks rightly refuse).
"""

from __future__ import annotations

import hashlib
import math
import numbers
import re
from typing import Any

DAY_TEXT = re.compile(r"\d{4}-\d{2}-\d{2}")


# --------------------------------------------------------------------------- one number


def one_number(value: Any) -> float | None:
    """The answer as one plain number, or None: True/False, text and containers (even of one value) are not."""
    import numpy as np

    if isinstance(value, (bool, np.bool_)):
        return None
    if isinstance(value, np.ndarray) and value.ndim == 0:
        value = value.item()
    if isinstance(value, numbers.Real):
        return float(value)
    return None


def close(given: float, expected: float, tolerance: float) -> bool:
    """|given − expected| ≤ tolerance, with a hair of room for floating-point rounding; NaN matches nothing."""
    if not (math.isfinite(given) and math.isfinite(expected)):
        return given == expected and math.isfinite(given)
    return abs(given - expected) <= tolerance + 1e-9 * max(1.0, abs(expected))


def number_matches(value: Any, expected: float, tolerance: float = 0.0) -> bool:
    """True when ``value`` is one plain number within ``tolerance`` of ``expected``."""
    given = one_number(value)
    return given is not None and close(given, float(expected), tolerance)


# --------------------------------------------------------------------------- one letter (multiple choice)


def normalise_choice(text: str) -> str:
    """``" (b). "`` → ``"B"``: case, spaces, round or square brackets and dots around the letter do not matter."""
    return text.strip().strip("().[]").strip().upper()


def choice_digest(question_id: str, letter: str) -> str:
    """The sha256 stored for a multiple-choice answer: of the question id and the normalised letter.

    Salted with the question id, so two questions whose answer is the same letter store different
    digests, and a digest cannot be read off a table of four.
    """
    return hashlib.sha256(f"{question_id}:{normalise_choice(letter)}".encode("utf-8")).hexdigest()


def choice_matches(value: Any, question_id: str, digest: str) -> bool:
    """True when ``value`` is text naming the letter whose digest (for this question) is ``digest``."""
    return isinstance(value, str) and choice_digest(question_id, value) == digest


# --------------------------------------------------------------------------- a day


def as_day(value: Any):
    """The answer as a day (a timezone-free midnight Timestamp), or None.

    Text must be exactly year-month-day with two-digit month and day (``"2025-01-15"``, spaces
    around allowed); a Timestamp, datetime or date is taken as its UTC calendar day.
    """
    import datetime as dt

    import pandas as pd

    if isinstance(value, str):
        text = value.strip()
        if not DAY_TEXT.fullmatch(text):
            return None
        try:
            return pd.Timestamp(text).normalize()
        except ValueError:
            return None
    if isinstance(value, (pd.Timestamp, dt.date)) and not pd.isna(value):
        stamp = pd.Timestamp(value)
        if stamp.tzinfo is not None:
            stamp = stamp.tz_convert("UTC").tz_localize(None)
        return stamp.normalize()
    return None


def day_matches(value: Any, expected: Any) -> bool:
    """True when ``value`` names the same calendar day as ``expected``."""
    day = as_day(value)
    return day is not None and day == as_day(expected)


# --------------------------------------------------------------------------- True / False


def decision_matches(value: Any, expected: bool) -> bool:
    """True when ``value`` is one True/False equal to ``expected`` (not 1, not "True", not a column)."""
    import numpy as np

    return isinstance(value, (bool, np.bool_)) and bool(value) == bool(expected)


# --------------------------------------------------------------------------- a set of names


def names_of(value: Any) -> list[str] | None:
    """The answer as a list of names (text), or None when it is not a list-like of text."""
    import numpy as np
    import pandas as pd

    if isinstance(value, (str, pd.DataFrame)) or not isinstance(
            value, (list, tuple, set, frozenset, pd.Series, pd.Index, np.ndarray)):
        return None
    items = list(value)
    if any(not isinstance(item, str) for item in items):
        return None
    return items


def names_match(value: Any, expected, case_sensitive: bool = False) -> bool:
    """True when ``value`` holds the same names as ``expected`` (order and repeats do not matter)."""
    items = names_of(value)
    if items is None:
        return False

    def key(name: str) -> str:
        text = str(name).strip()
        return text if case_sensitive else text.casefold()

    return {key(i) for i in items} == {key(i) for i in expected}


# --------------------------------------------------------------------------- an interval (two numbers)


def two_numbers(value: Any) -> tuple[float, float] | None:
    """The answer as (low, high): a pair of plain numbers in round or square brackets, low ≤ high; else None."""
    import numpy as np

    if isinstance(value, np.ndarray) and value.ndim == 1:
        value = list(value)
    if not isinstance(value, (tuple, list)) or len(value) != 2:
        return None
    low, high = (one_number(v) for v in value)
    if low is None or high is None or not (math.isfinite(low) and math.isfinite(high)) or low > high:
        return None
    return low, high


def interval_matches(value: Any, expected: tuple[float, float], tolerance: float = 0.0) -> bool:
    """True when ``value`` is (low, high) with each end within ``tolerance`` of ``expected``'s."""
    pair = two_numbers(value)
    return pair is not None and close(pair[0], float(expected[0]), tolerance) and \
        close(pair[1], float(expected[1]), tolerance)


# --------------------------------------------------------------------------- a table


def table_matches(value: Any, expected, tolerance: float = 1e-6) -> bool:
    """True when ``value`` has ``expected``'s row labels (any order), columns and values within ``tolerance``."""
    import numpy as np
    import pandas as pd

    if isinstance(expected, pd.Series) != isinstance(value, pd.Series) or \
            not isinstance(value, (pd.Series, pd.DataFrame)):
        return False
    if value.index.has_duplicates or set(value.index) != set(expected.index):
        return False
    value = value.loc[expected.index]
    pairs = [(value, expected)] if isinstance(expected, pd.Series) else None
    if pairs is None:
        if any(c not in value.columns for c in expected.columns):
            return False
        pairs = [(value[c], expected[c]) for c in expected.columns]
    for given, goal in pairs:
        numeric = [pd.api.types.is_numeric_dtype(s) and not pd.api.types.is_bool_dtype(s) for s in (given, goal)]
        if numeric[0] != numeric[1]:
            return False
        if numeric[1]:
            if not np.allclose(given.to_numpy(float), goal.to_numpy(float), rtol=0, atol=tolerance, equal_nan=True):
                return False
        else:
            a, b = given.astype(object).to_numpy(), goal.astype(object).to_numpy()
            a_missing, b_missing = pd.isna(a), pd.isna(b)
            if not ((a_missing == b_missing).all() and (a[~a_missing] == b[~b_missing]).all()):
                return False
    return True


# --------------------------------------------------------------------------- partial credit


def banded_points(fraction: float, bands, points: float) -> float:
    """Points earned for a share of cases right: the first band ``(at_least, share_of_points)`` reached.

    ``bands=((0.9, 1.0), (0.75, 0.5))``: 90 % right or more earns all points, 75 % half, below 0.
    """
    for at_least, share in sorted(bands, reverse=True):
        if fraction >= at_least - 1e-12:
            return float(points) * float(share)
    return 0.0


def function_results(function, cases, *, seconds: float = 1.0,
                     give_up_after: int | None = None) -> list[tuple[Any, Any, Any]]:
    """Run a learner's function on each case input: ``[(input, expected, what it returned)]``.

    It survives what learners write: an error gives ``"error: …"``, a call taking longer than
    ``seconds`` gives ``"took too long"``, printing (stdout and stderr) is swallowed. Only True/False counts as an answer
    (``1`` or ``"yes"`` do not). Uses a timer signal, so it runs in the main thread (a kernel's cell).
    ``give_up_after``: once that many calls took too long, the remaining cases are not run (each gives
    ``"not run: your function took too long on earlier ones"``) — a looping function costs seconds, not minutes.
    """
    import contextlib
    import io
    import signal
    import threading

    class _TooLong(BaseException):  # not an Exception: a learner's `except Exception` cannot swallow it
        pass

    def alarm(signum, frame):
        raise _TooLong

    main = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGALRM, alarm) if main else None
    results = []
    too_long = 0
    try:
        for given, expected in cases:
            if give_up_after is not None and too_long >= give_up_after:
                results.append((given, expected, "not run: your function took too long on earlier ones"))
                continue
            try:
                try:
                    if main:  # fires again every 0.1 s, in case the function catches the first one
                        signal.setitimer(signal.ITIMER_REAL, seconds, 0.1)
                    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
                        returned = function(given)  # what it prints is swallowed: stderr would zero a grade cell
                finally:
                    if main:
                        signal.setitimer(signal.ITIMER_REAL, 0)
            except _TooLong:
                returned = "took too long"
                too_long += 1
            except (Exception, SystemExit) as exc:  # a learner's function may raise anything but Ctrl-C
                returned = f"error: {type(exc).__name__}: {exc}"
            results.append((given, expected, returned))
    finally:
        if main:
            signal.signal(signal.SIGALRM, previous)
    return results


def function_accuracy(function, cases, *, seconds: float = 1.0) -> float:
    """Share of cases (0–1) where ``function`` returned exactly the expected True/False."""
    import numpy as np

    if not callable(function):
        return 0.0
    results = function_results(function, cases, seconds=seconds)
    right = sum(1 for _, expected, got in results
                if isinstance(got, (bool, np.bool_)) and bool(got) == bool(expected))
    return right / len(results) if results else 0.0
