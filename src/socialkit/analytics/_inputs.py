"""What every metric shares: time buckets, and refusing the wrong kind of input in plain words.

``@metric("threads")`` marks a learner-facing metric: its first argument must be that table (a
learner's typical slip is the condition itself, a column of True/False, where the rows it selects
were meant), and the function is listed in ``METRICS`` so tests can try every metric's advice.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

import pandas as pd

from socialkit.judging.words import describe

METRICS: dict[str, Callable] = {}  # name -> metric, filled by @metric (one entry per learner-facing function)
METRIC_TABLES: dict[str, tuple[str, ...]] = {}  # name -> the tables its leading arguments must be


def metric(*tables: str, counts: bool = False, flags: int = 0, example: str = ""):
    """Declare a learner-facing metric: refuse a wrong leading argument in plain words, and list it in ``METRICS``.

    ``@metric("mentions", "accounts")`` checks the first two positional arguments are tables (named
    so in the advice); ``@metric(counts=True)`` checks the first is one column of daily counts;
    ``@metric(flags=2, example='meetings["score"] >= 5')`` checks the first two are columns of
    True/False (a condition), the example showing one in the advice.
    """
    def wrap(function: Callable) -> Callable:
        name = function.__name__

        @functools.wraps(function)
        def checked(*args, **kwargs):
            if counts:
                _need_counts(args[0] if args else None, name)
            for position in range(flags):
                _need_flags(args[position] if position < len(args) else None, name, example)
            for value, table in zip(args, tables):
                _need_table(value, name, table)
            return function(*args, **kwargs)

        METRICS[name] = checked
        METRIC_TABLES[name] = ("counts",) if counts else ("flags",) if flags else tables
        return checked

    return wrap


def _naive_utc(ts: pd.Series) -> pd.Series:
    """Timestamps as timezone-free UTC, so that periods and date strings line up."""
    ts = pd.to_datetime(ts)
    if getattr(ts.dt, "tz", None) is not None:
        ts = ts.dt.tz_convert("UTC").dt.tz_localize(None)
    return ts


def period_start(ts: pd.Series, freq: str = "D") -> pd.Series:
    """The first day of the UTC day / week (Mon–Sun) / month each timestamp falls in (freq "D", "W", "M")."""
    codes = {"D": "D", "W": "W-SUN", "M": "M", "Q": "Q", "Y": "Y"}
    if freq not in codes:
        raise ValueError(f"freq must be one of {', '.join(codes)} (day, week, month, quarter, year); got {freq!r}.")
    naive = _naive_utc(ts)
    if freq == "D":
        return naive.dt.floor("D")
    return naive.dt.to_period(codes[freq]).dt.start_time


def _require(df: pd.DataFrame, *cols: str, where: str) -> None:
    """Fail with a plain sentence when a column the metric needs is missing."""
    missing = [c for c in cols if c not in df.columns]
    if missing:
        raise KeyError(
            f"{where} needs the column(s) {', '.join(missing)}; the table has "
            f"{', '.join(map(str, df.columns))}."
        )


def _day_bound(value, *, end: bool) -> pd.Timestamp:
    """A date string as a naive UTC timestamp; an end date covers that whole day."""
    stamp = pd.Timestamp(value)
    if stamp.tzinfo is not None:
        stamp = stamp.tz_convert("UTC").tz_localize(None)
    if end and stamp == stamp.normalize():
        stamp = stamp + pd.Timedelta(days=1)
    return stamp


# ---------------------------------------------------------------- refusing the wrong kind of input

class WrongInput(TypeError):
    """A metric was given a column, a condition or a number where it needs a table (or a column of counts).

    In Jupyter it shows as one short line instead of a traceback (IPython calls
    ``_render_traceback_`` when an exception defines it): the message already
    says what to write instead.
    """

    def _render_traceback_(self) -> list[str]:
        """The single line Jupyter shows for this error, in place of a traceback."""
        return [f"TypeError: {self}"]


class WrongSetting(ValueError):
    """A metric was given a setting it cannot use (an unknown method, a plan naming a kind of post the data
    lacks …): one plain sentence in Jupyter, which says what to write instead."""

    def _render_traceback_(self) -> list[str]:
        """The single line Jupyter shows for this error, in place of a traceback."""
        return [f"ValueError: {self}"]


class MissingColumn(KeyError):
    """A metric was given a table without a column it needs (often another table): one plain sentence in Jupyter."""

    def __str__(self) -> str:
        """The plain message (KeyError would otherwise show it in quotes)."""
        return str(self.args[0]) if self.args else "a column is missing"

    def _render_traceback_(self) -> list[str]:
        """The single line Jupyter shows for this error, in place of a traceback."""
        return [f"KeyError: {self}"]


def _need_table(value, function: str, table: str = "mentions") -> None:
    """Refuse anything but a table, saying in plain words what to write instead.

    The typical slip is the condition itself (a column of True/False) where the
    rows it selects were meant: the message shows ``table[ condition ]``.
    """
    if isinstance(value, pd.DataFrame):
        return
    if isinstance(value, pd.Series) and pd.api.types.is_bool_dtype(value):
        raise WrongInput(f"{function}() needs rows of the table, not a column of True/False. To keep the "
                         f"rows where a condition is True, write {table}[ condition ].")
    if isinstance(value, pd.Series):
        name = f" ({value.name!r})" if isinstance(value.name, str) else ""
        raise WrongInput(f"{function}() needs rows of the table, not one column of it{name}. Give it the "
                         f"whole table, e.g. {table}, or some of its rows: {table}[ condition ].")
    raise WrongInput(f"{function}() needs a table such as {table}, not {describe(value)}.")


def _need_counts(value, function: str, example: str = 'daily_volume(mentions)["lumiere"]') -> None:
    """Refuse anything but one column of numbers (daily counts), saying what to write instead."""
    if isinstance(value, pd.Series) and pd.api.types.is_bool_dtype(value):
        raise WrongInput(f"{function}() needs one column of daily counts, e.g. {example}, not a column "
                         f"of True/False.")
    if isinstance(value, pd.Series) and not pd.api.types.is_numeric_dtype(value):
        raise WrongInput(f"{function}() needs one column of daily counts (numbers), e.g. {example}, not a "
                         f"column of text.")
    if isinstance(value, pd.DataFrame):
        raise WrongInput(f"{function}() needs one column of daily counts, e.g. {example}, not "
                         f"{describe(value)}: pick one column by its name.")
    if not isinstance(value, pd.Series):
        raise WrongInput(f"{function}() needs one column of daily counts, e.g. {example}, not "
                         f"{describe(value)}.")


def _need_flags(value, function: str, example: str) -> None:
    """Refuse anything but one column of True/False (a condition), saying what to write instead."""
    import numpy as np

    if isinstance(value, pd.Series) and pd.api.types.is_bool_dtype(value):
        return
    if isinstance(value, np.ndarray) and value.ndim == 1 and value.dtype == bool:
        return
    advice = f"a column of True/False, e.g. {example}" if example else "a column of True/False (a condition)"
    if isinstance(value, pd.Series):
        name = f" ({value.name!r})" if isinstance(value.name, str) else ""
        what = "numbers" if pd.api.types.is_numeric_dtype(value) else "text"
        raise WrongInput(f"{function}() needs {advice}, not a column of {what}{name}: write a condition "
                         f"with ==, >= or <.")
    if isinstance(value, pd.DataFrame):
        raise WrongInput(f"{function}() needs {advice}, not {describe(value)}: pick one column and write "
                         f"a condition.")
    raise WrongInput(f"{function}() needs {advice}, not {describe(value)}.")
