"""Plain words for what a learner typed: the kind of a value, a number as a learner writes it.

Shared by the judges (feedback on an answer) and the metrics (advice on a wrong input), so
both describe a value the same way and never use programmer words such as DataFrame.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Callable
from typing import Any


def count(n: int, singular: str, plural: str | None = None) -> str:
    """``1 value`` / ``3 values``: a count with its noun in the right number."""
    return f"{n} {singular if n == 1 else (plural or singular + 's')}"


def describe(value: Any) -> str:
    """A plain-words name for the kind of value a learner gave (no programmer words such as DataFrame)."""
    import datetime as dt

    import numpy as np
    import pandas as pd

    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, pd.DataFrame):
        return (f"a whole table ({count(value.shape[0], 'row')} and "
                f"{count(value.shape[1], 'column')})")
    if isinstance(value, pd.Series):
        if pd.api.types.is_bool_dtype(value):
            kind = "True/False value"
        elif pd.api.types.is_numeric_dtype(value):
            kind = "number"
        else:
            kind = "value"
        return f"a whole column of {count(len(value), kind)}"
    if isinstance(value, (bool, np.bool_)):
        return f"True/False ({bool(value)})"
    if isinstance(value, str):
        return f"text in quotes ({value!r})"
    if isinstance(value, tuple):
        if not value:
            return "empty round brackets ()"
        if len(value) == 1:
            return "one value followed by a comma"
        return f"{len(value)} values separated by commas"
    if isinstance(value, list):
        return f"a list of {count(len(value), 'value')} in square brackets"
    if isinstance(value, (set, frozenset)):
        return f"a set of {count(len(value), 'value')} in curly brackets"
    if isinstance(value, dict):
        return f"a dictionary of {count(len(value), 'entry', 'entries')} in curly brackets"
    if isinstance(value, (np.ndarray, pd.Index)):
        return f"a list of {count(len(value), 'value')}" if np.ndim(value) == 1 else "a grid of values"
    if isinstance(value, numbers.Integral):
        return f"a whole number ({int(value)})"
    if isinstance(value, numbers.Real):
        return "no value (NaN)" if math.isnan(value) else f"a decimal number ({fmt(float(value))})"
    if isinstance(value, (dt.datetime, dt.date)):
        return f"a date ({value})"
    if type(value).__name__.endswith("GroupBy"):
        return "a table split into groups (after .groupby): give the table itself"
    if callable(value):
        name = getattr(value, "__name__", "")
        return (f"a function{f' ({name})' if name else ''} that was not run: "
                f"add round brackets after its name, with what it needs inside")
    return f"a value of the kind Python calls {type(value).__name__}"


def fmt(x: float) -> str:
    """A number as a learner would write it: no trailing zeros, up to 4 decimals."""
    if float(x).is_integer():
        return str(int(x))
    return f"{x:.4f}".rstrip("0").rstrip(".")


def fmt_read(x: float) -> str:
    """A number for a learner to read (not to copy into code): as ``fmt``, with thousands separators from 10,000."""
    text = fmt(x)
    whole, dot, decimals = text.partition(".")
    if abs(float(x)) < 10_000:
        return text
    return f"{int(whole):,}" + dot + decimals


def echo(x: float, decimals: int, still_wrong: Callable[[float], bool]) -> str:
    """A wrong number rounded for a message (``8.6093`` → ``8.6``), never so much that it reads as right.

    Starts at ``decimals`` and adds one while the rounded value would pass
    (``still_wrong`` is False for it) or would read as 0 for a non-zero answer.
    """
    if float(x).is_integer():
        return str(int(x))
    for places in range(decimals, 10):
        rounded = round(x, places)
        if rounded != 0 and still_wrong(rounded):
            return f"{rounded:.{places}f}".rstrip("0").rstrip(".")
    import numpy as np

    return np.format_float_positional(x, precision=3, unique=False, fractional=False, trim="-")


def with_unit(text: str, unit: str) -> str:
    """``56.2`` + ``%`` → ``56.2 %``; ``9.7`` + ``points`` → ``9.7 points``; no unit → the number alone."""
    unit = unit.strip()
    return f"{text} {unit}" if unit else text


def single_value_advice(value: Any) -> str:
    """How to take the one value out of a one-value column, table, list or array."""
    import pandas as pd

    if isinstance(value, pd.DataFrame):
        return "It holds a single value: take it out with .iloc[0, 0] at the end."
    if isinstance(value, list):
        return "Remove the square brackets."
    if isinstance(value, tuple):
        return "Remove the comma at the end."
    if isinstance(value, (set, frozenset)):
        return "Remove the curly brackets."
    return "It holds a single value: take it out with .item() at the end."
