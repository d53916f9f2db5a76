"""What real exports need mending before their cells can be typed: each rule small, named and reported.

Headers: a byte-order mark, spaces, and headers written twice (Facebook writes four of them once
per unit) — the second copy gets " (2)". Rows: a row of metric descriptions under the header,
a "Total" row. Text: Meta's mojibake (UTF-8 bytes written as \\u00f0\\u009f…) and LinkedIn's
broken quoting of multi-line posts. Extra columns (not in the schema) become numbers when every
cell is one.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from socialkit.exports.convert import empty_cells

TOTAL_WORDS = ("total", "totals", "grand total", "total général", "summary")
TOTAL_CELLS = frozenset(form for word in TOTAL_WORDS for case in (word, word.upper(), word.title(), word.capitalize())
                        for form in (case, case + ":", " " + case, case + " "))


def unique_headers(headers: list[str]) -> tuple[list[str], list[str]]:
    """Headers with BOM and spaces removed, a repeated header renamed "<header> (2)"; and notes saying so."""
    seen: dict[str, int] = {}
    out, notes = [], []
    for header in headers:
        name = str(header).replace("\ufeff", "").strip()
        if name in seen:
            seen[name] += 1
            renamed = f"{name} ({seen[name]})"
            notes.append(f"the header {name!r} appears {seen[name]} times; the copy {seen[name]} is kept as "
                         f"{renamed!r}")
            name = renamed
        else:
            seen[name] = 1
        out.append(name)
    return out, notes


def description_rows(raw: pd.DataFrame, time_header: str | None, number_headers: list[str]) -> np.ndarray:
    """Positions of rows that describe the metrics in words (Facebook Insights' row 2), not data.

    Such a row has no time and, in the columns that hold numbers, sentences instead.
    """
    if raw.empty or not number_headers:
        return np.array([], dtype=int)
    textual = [h for h in number_headers if pd.api.types.is_string_dtype(raw[h])]
    if not textual:  # the parser read every number column as numbers: no sentence in them
        return np.array([], dtype=int)
    head = raw.iloc[:3]
    no_time = head[time_header].str.strip() == "" if time_header else pd.Series(True, index=head.index)
    words = pd.concat([head[h].str.contains(r"[A-Za-z]{3,}.*\s.*[A-Za-z]{3,}", regex=True) for h in textual],
                      axis=1)
    described = no_time & words.any(axis=1) & ~head[textual].apply(_looks_numeric).any(axis=1)
    return np.flatnonzero(described.to_numpy())


def _looks_numeric(cells: pd.Series) -> pd.Series:
    return cells.str.strip().str.fullmatch(r"-?[\d,]*\.?\d+").fillna(False).astype(bool)


def total_rows(raw: pd.DataFrame, time_header: str | None) -> np.ndarray:
    """Positions of "Total" rows (YouTube Studio's first row): the first cell says Total and there is no time."""
    if raw.empty:
        return np.array([], dtype=int)
    total = raw.iloc[:, 0].isin(TOTAL_CELLS)
    if time_header and time_header != raw.columns[0]:
        total &= empty_cells(raw[time_header])
    return np.flatnonzero(total.to_numpy())


# ---------------------------------------------------------------- text repairs

def meta_mojibake(values: pd.Series, empty: pd.Series) -> tuple[pd.Series, str]:
    """Undo Meta's JSON mojibake: UTF-8 bytes written one per character ("ð\\x9f\\x87¨" → 🇨); other text unchanged."""
    def repair(text):
        if not isinstance(text, str) or text.isascii():
            return text
        try:
            return text.encode("latin-1").decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            return text

    fixed = values.map(repair)
    changed = int((fixed != values).sum())
    note = (f"text of {changed} row(s) re-decoded as UTF-8 (Meta writes each byte of an accent or emoji as "
            "its own character)") if changed else ""
    return fixed, note


_LINKEDIN_BREAK = '"\n"'


def linkedin_quotes(values: pd.Series, empty: pd.Series) -> tuple[pd.Series, str]:
    """Mend LinkedIn's quoting of multi-line posts: each line after the first comes wrapped in quotes.

    In Shares.csv the first line ends with '"' and every later line is written '"…"', so the
    parsed text holds '"\\n"' between lines; it becomes a plain line break.
    """
    broken = values.str.contains(_LINKEDIN_BREAK, regex=False).fillna(False).astype(bool)
    if not broken.any():
        return values, ""
    fixed = values.where(~broken, values.str.replace(_LINKEDIN_BREAK, "\n", regex=False))
    return fixed, (f"line breaks of {int(broken.sum())} multi-line post(s) mended (LinkedIn wraps each line "
                   "after the first in quotes)")


TEXT_FIXES = {"meta_mojibake": meta_mojibake, "linkedin_quotes": linkedin_quotes}


# ---------------------------------------------------------------- values taken out of a cell

def extract(raw: pd.Series, pattern: str) -> pd.Series:
    """The first group of ``pattern`` in each cell ('' where it does not match)."""
    search = re.compile(pattern, re.IGNORECASE).search
    found = [m.group(1) if (m := search(c)) else "" for c in raw.astype("str").to_numpy(dtype=object)]
    return pd.Series(found, index=raw.index, dtype="str")


def looks_like_ids(values: pd.Series) -> str | None:
    """An example when a would-be text column holds ids ('M1fTBQ96BRM'), not words; else None.

    Ids: every filled cell one token of letters, digits, '-' or '_' (6 to 40 long), most with a digit.
    """
    filled = values.dropna().str.strip()
    filled = filled[filled != ""]
    if len(filled) < 3:
        return None
    tokens = filled.str.fullmatch(r"[A-Za-z0-9_\-]{6,40}").fillna(False).astype(bool)
    digits = filled.str.contains(r"\d").mean()
    return str(filled.iloc[0]) if bool(tokens.all()) and digits >= 0.5 else None


# ---------------------------------------------------------------- extra columns

def typed_extra(raw: pd.Series, header: str) -> tuple[pd.Series, str]:
    """An extra column as numbers when every filled cell is one (ids and 16+ digit numbers stay text)."""
    if pd.api.types.is_bool_dtype(raw):
        return raw, "yes/no"
    if pd.api.types.is_numeric_dtype(raw):  # the CSV parser read every cell as a number
        values = raw.astype("float64")
        if (values == np.floor(values)).all() and (values.abs() < 2 ** 53).all():
            return values.astype("Int64"), "whole numbers"
        return values, "numbers"
    if raw.dtype == object:
        raw = raw.astype("str")
    if raw.eq("-").all():  # "-" everywhere: a metric with no figure (X's unpaid promoted columns)
        return pd.Series(pd.NA, index=raw.index, dtype="Int64"), "whole numbers"
    blank = empty_cells(raw)
    text = raw.where(~blank) if blank.any() else raw
    if re.search(r"(^|[^a-z])id([^a-z]|$)", header.lower()):
        return text, "text"
    dash = raw.isin(["-"])
    cells = raw[~blank & ~dash]
    if cells.empty:
        if dash.any():  # "-" everywhere: a metric with no figure (X's unpaid promoted columns)
            return pd.Series(pd.NA, index=raw.index, dtype="Int64"), "whole numbers"
        return text, "text"
    if not cells.iloc[:200].str.strip().str.fullmatch(_NUMBER).all():  # most text columns stop here, cheaply
        return text, "text"
    try:
        values = cells.astype("float64")
    except ValueError:
        if not cells.str.strip().str.fullmatch(_NUMBER).all():
            return text, "text"
        values = cells.str.replace(",", "", regex=False).astype("float64")
    if not np.isfinite(values).all() or (values.abs() >= 1e15).any():
        return text, "text"
    numbers = pd.Series(np.nan, index=raw.index)
    numbers[cells.index] = values
    if (values == np.floor(values)).all():
        return numbers.astype("Int64"), "whole numbers"
    return numbers, "numbers"


_NUMBER = r"-?\d{1,3}(?:,\d{3})+(?:\.\d+)?|-?\d+(?:\.\d+)?"
