"""Cells of an export (text) → the schema's dtypes, finding every bad cell instead of stopping at the first.

Each converter takes one column of raw text ('' = empty) and returns a ``Converted``: the typed
values, a mask of the cells it could not read (so the loader can refuse the file or skip those
rows on request), and plain-words notes about what it did ("'-' read as no figure in 12 cell(s)").
The rules are the documented ones only: numbers accept "12,400" (thousands separators, in whole
numbers), "89.0" and "-" (no figure); yes/no accept true/false, yes/no, 1/0, oui/non; categories
match case-insensitively and through the alias tables below; languages are ISO 639-1 codes.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Callable

import numpy as np
import pandas as pd

from socialkit import schema
from socialkit.exports.errors import Advice, ColumnProblem

TRUE_WORDS = {"true", "yes", "y", "1", "oui", "vrai"}
FALSE_WORDS = {"false", "no", "n", "0", "non", "faux"}
NO_FIGURE = {"-", "–", "—"}  # what exports write where they have no figure
_THOUSANDS = re.compile(r"-?\d{1,3}(?:,\d{3})+(?:\.\d+)?")
_ZONE_AT_END = re.compile(r"(?:Z|[+-]\d{2}:?\d{2})$")

PLATFORM_ALIASES = {
    "x": "x", "twitter": "x", "x (twitter)": "x", "twitter / x": "x", "x / twitter": "x", "x.com": "x",
    "twitter.com": "x", "linkedin": "linkedin", "linked in": "linkedin", "instagram": "instagram",
    "ig": "instagram", "facebook": "facebook", "fb": "facebook", "tiktok": "tiktok", "tik tok": "tiktok",
}
# Language names tools write, in English and French, and the ISO 639-1 code each stands for.
LANG_ALIASES = {
    "english": "en", "anglais": "en", "french": "fr", "français": "fr", "francais": "fr",
    "spanish": "es", "espagnol": "es", "español": "es", "german": "de", "allemand": "de", "deutsch": "de",
    "italian": "it", "italien": "it", "portuguese": "pt", "portugais": "pt", "dutch": "nl",
    "néerlandais": "nl", "arabic": "ar", "arabe": "ar", "chinese": "zh", "chinois": "zh",
    "japanese": "ja", "japonais": "ja", "korean": "ko", "russian": "ru", "russe": "ru", "polish": "pl",
    "turkish": "tr", "swedish": "sv", "danish": "da", "norwegian": "no", "finnish": "fi", "greek": "el",
    "hindi": "hi", "indonesian": "id", "vietnamese": "vi", "thai": "th", "hebrew": "he", "czech": "cs",
    "romanian": "ro", "hungarian": "hu", "ukrainian": "uk", "catalan": "ca", "tagalog": "tl",
}
# Written where a tool could not tell the language: read as missing, never as a language.
UNKNOWN_LANGUAGE = {"und", "unknown", "undetermined", "undefined", "other", "zxx", "qme", "qht", "qam"}
_LANG_CODE = re.compile(r"([a-z]{2,3})(?:[-_][a-z0-9]{2,8})*")


@dataclass
class Converted:
    """One converted column: values, the cells that could not be read, and what was done.

    ``notes`` counts what was done, by sentence template ("'-' read as no figure in {n} cell(s)"),
    so that the counts of a file read in chunks add up. ``zone_used``: times were read in the
    zone given (they carried no offset of their own).
    """

    values: pd.Series
    bad: np.ndarray | None = None
    describe: Callable[[int], str] | None = None
    fix: str | Advice = ""  # what to do about a bad cell: words, or a setting to change
    notes: Counter = field(default_factory=Counter)
    zone_used: bool = False
    days: bool = False  # the cells held days only (no hour): kept as midnight UTC of their day, no zone needed


def _first(mask) -> int:
    return int(np.flatnonzero(np.asarray(mask))[0])


# Blank cells as exports write them: empty, or a few spaces (Facebook writes " " for "none").
BLANK_CELLS = frozenset({"", " ", "  ", "   ", "    ", "\t", "\u00a0", "\n", "\r\n", " \n"})


def empty_cells(raw: pd.Series) -> pd.Series:
    """True where a cell is blank (see ``BLANK_CELLS``).

    One hash lookup per cell, no Python loop: pandas' ``.str.strip()`` is several times slower on
    the large files this must handle.
    """
    return raw.isin(BLANK_CELLS)


def by_value(raw: pd.Series, rule) -> pd.Series:
    """``rule`` applied once per distinct cell, then spread to every row (fast for columns of few values)."""
    uniques = pd.unique(raw.to_numpy(dtype=object))
    return raw.map(dict(zip(uniques, map(rule, uniques))))


def text(raw: pd.Series, *, missing_words: tuple[str, ...] = (), fixes: tuple = ()) -> Converted:
    """Free text, kept as written; blank cells and a source's placeholders ("(Post with no description)") missing."""
    empty = empty_cells(raw)
    notes = Counter()
    values = raw
    for fix in fixes:
        values, note = fix(values, empty)
        if note:
            notes[note] += 1
    if missing_words:
        placeholder = values.isin(missing_words)
        if placeholder.any():
            notes[f"{{n}} cell(s) saying {' / '.join(map(repr, missing_words))} read as no text"] += \
                int(placeholder.sum())
        empty = empty | placeholder
    return Converted(values.where(~empty).astype("str") if empty.any() else values.astype("str"), notes=notes)


def numbers(raw: pd.Series, *, whole: bool, nullable: bool = True, dash_is_zero: bool = False) -> Converted:
    """Counts and amounts: "12,400" (whole numbers only), "89.0", "-" (no figure) and blanks as missing.

    ``dash_is_zero``: the source writes "-" for none (X Ads' retweets and replies), so a dash is read as 0.
    """
    notes = Counter()
    if raw.dtype == object:  # partly numbers, partly text: read it all as text
        raw = raw.astype("str")
    if pd.api.types.is_numeric_dtype(raw) and not pd.api.types.is_bool_dtype(raw):
        return _parsed_numbers(raw, whole=whole, nullable=nullable)
    try:  # fast paths: a clean column of numbers (spaces around them are fine)
        if whole:
            try:
                return Converted(raw.astype("int64").astype("Int64" if nullable else "int64"), notes=notes)
            except (ValueError, OverflowError):
                pass
        floats = raw.astype("float64")  # also "89.0"
        values = floats.to_numpy()
        if np.isfinite(values).all() and (not whole or (values == np.floor(values)).all()):
            if whole:
                return Converted(floats.astype("Int64" if nullable else "int64"), notes=notes)
            return Converted(floats, notes=notes)
    except (ValueError, OverflowError, TypeError):
        pass
    cells = raw.to_numpy(dtype=object)
    kinds = np.fromiter((0 if not c or c.isspace() else 1 if c.strip() in NO_FIGURE else 2 for c in cells),
                        np.int8, len(cells))  # 0 blank, 1 a dash (no figure), 2 something to read
    dashes = kinds == 1
    if dash_is_zero:
        empty = pd.Series(kinds == 0, index=raw.index)
        if dashes.any():
            notes["'-' read as 0 (none, as the export means it) in {n} cell(s)"] += int(dashes.sum())
            raw = raw.where(~dashes, "0")
    else:
        empty = pd.Series(kinds < 2, index=raw.index)
        if dashes.any():
            notes["'-' read as no figure in {n} cell(s)"] += int(dashes.sum())
    cells = raw.where(~empty)
    if whole:
        commas = cells.str.contains(",", regex=False).fillna(False).astype(bool)
        if commas.any():
            grouped = commas & cells.str.strip().str.fullmatch(_THOUSANDS).fillna(False).astype(bool)
            if grouped.any():
                cells = cells.where(~grouped, cells.str.replace(",", "", regex=False))
                notes['thousands separators removed in {n} cell(s) ("12,400" → 12400)'] += int(grouped.sum())
    parsed = pd.to_numeric(cells, errors="coerce")
    bad = (parsed.isna() | np.isinf(parsed)) & ~empty
    if whole:
        bad |= parsed.notna() & (parsed != np.floor(parsed))
    bad = bad.to_numpy()
    what = "a whole number" if whole else "a number"

    def describe(i: int) -> str:
        return f"{str(raw.iloc[i]).strip()!r} is not {what}"

    fix = "Type a plain number with a dot for decimals and no thousands separator or unit."
    if bad.any() and re.fullmatch(r"-?\d+,\d+", raw.iloc[_first(bad)].strip()):
        fix = "This looks like a decimal comma: use a dot (1.5, not 1,5)."
    parsed = parsed.where(~bad)
    if whole:
        if nullable or parsed.isna().any():
            values = parsed.astype("Int64")
        else:
            values = parsed.astype("int64")
    else:
        values = parsed.astype("float64")
    return Converted(values, bad if bad.any() else None, describe, fix, notes)


def _parsed_numbers(raw: pd.Series, *, whole: bool, nullable: bool) -> Converted:
    """A column the CSV parser already read as numbers: check they are finite (and whole, for counts)."""
    values = raw.to_numpy(dtype="float64")
    bad = ~np.isfinite(values)
    if whole:
        bad |= np.isfinite(values) & (values != np.floor(values))
    what = "a whole number" if whole else "a number"
    typed = pd.Series(np.where(bad, np.nan, values), index=raw.index)
    if whole:
        typed = typed.astype("Int64" if nullable or bad.any() else "int64")
    return Converted(typed, bad if bad.any() else None, lambda i: f"'{float(raw.iloc[i])!r}' is not {what}",
                     "Type a plain number with a dot for decimals and no thousands separator or unit.")


def booleans(raw: pd.Series, *, nullable: bool) -> Converted:
    """Yes/no: true/false, yes/no, y/n, 1/0, oui/non, vrai/faux (any case)."""
    words = by_value(raw, lambda c: c.strip().lower())
    empty = words == ""
    truthy, falsy = words.isin(TRUE_WORDS), words.isin(FALSE_WORDS)
    bad = (~(truthy | falsy | empty)).to_numpy()
    if nullable or empty.any():
        values = pd.Series(pd.NA, index=raw.index, dtype="boolean")
        values[truthy] = True
        values[falsy] = False
    else:
        values = truthy.astype(bool)
    return Converted(values, bad if bad.any() else None, lambda i: f"{raw.iloc[i].strip()!r} is not a yes/no value",
                     "Use true/false, yes/no or 1/0.")


def category(raw: pd.Series, col: schema.Column, *, extra_values: tuple[str, ...] = ()) -> Converted:
    """Text → categorical over the schema's values (+ a source's own, e.g. 'youtube'); languages as ISO codes."""
    stripped = by_value(raw, str.strip)
    empty = stripped == ""
    cells = stripped.where(~empty)
    if col.values is None:
        cats = sorted(cells.dropna().unique())
        return Converted(pd.Series(pd.Categorical(cells, categories=cats), index=raw.index))
    if col.values == schema.LANGS:
        return languages(stripped, empty)
    allowed = tuple(col.values) + tuple(v for v in extra_values if v not in col.values)
    lowered = by_value(cells, lambda c: c.lower() if isinstance(c, str) else c)
    aliases = {v.lower(): v for v in allowed}
    if col.values == schema.PLATFORMS:
        aliases.update(PLATFORM_ALIASES)
    values = lowered.map(aliases).where(lowered.notna())
    bad = (values.isna() & ~empty).to_numpy()
    found = [v for v in allowed[len(col.values):] if (values == v).any()]  # a source's own, only when present
    return Converted(pd.Series(pd.Categorical(values, categories=list(col.values) + found), index=raw.index),
                     bad if bad.any() else None, lambda i: f"{stripped.iloc[i]!r} is not an allowed value",
                     f"Use one of: {', '.join(allowed)}.")


def language_code(cell: str):
    """The ISO 639-1 code of a language name or code ("Spanish", "es-ES" → "es"); "" if undetermined; None if unknown."""
    word = cell.strip().lower()
    if word in UNKNOWN_LANGUAGE:
        return ""
    if word in LANG_ALIASES:
        return LANG_ALIASES[word]
    if _LANG_CODE.fullmatch(word):
        return re.match(r"[a-z]{2,3}", word).group(0)
    return None


def languages(stripped: pd.Series, empty: pd.Series) -> Converted:
    """Language names or codes → ISO 639-1 codes; 'en' and 'fr' first, then any other language found.

    Other languages load (the sentiment scorers leave them "not scored"); "und", "unknown"… become missing.
    """
    codes = by_value(stripped.where(~empty, ""), lambda c: language_code(c) if c else "")
    unknown = (codes == "") & ~empty
    bad = (codes.isna() & ~empty).to_numpy()
    codes = codes.where(codes.notna() & (codes != ""))
    others = sorted(set(codes.dropna().unique()) - set(schema.LANGS))
    notes = Counter()
    if unknown.any():
        notes["{n} cell(s) with an undetermined language read as missing"] += int(unknown.sum())
    if others:
        counts = codes[codes.isin(others)].value_counts()
        listed = ", ".join(f"{code}: {counts[code]}" for code in others)
        notes[f"{{n}} row(s) in languages other than English and French ({listed}): loaded; sentiment is "
              "not scored for them"] += int(counts.sum())
    return Converted(pd.Series(pd.Categorical(codes, categories=list(schema.LANGS) + others), index=stripped.index),
                     bad if bad.any() else None,
                     lambda i: f"{stripped.iloc[i]!r} is not a language name or code",
                     "Use a code such as en, fr, es or a name such as English.", notes)


# ---------------------------------------------------------------- times

def has_zone_in_values(text_values: pd.Series, empty: pd.Series, time_format: str | None) -> pd.Series:
    """True where a cell carries its own UTC offset (Z, +01:00, +0000)."""
    if time_format in ("unix", "snowflake"):
        return ~empty
    if time_format is not None and time_format != "ISO8601":
        return ~empty if ("%z" in time_format or "%Z" in time_format) else empty & False
    return text_values.str.contains(_ZONE_AT_END) & ~empty


def times(raw: pd.Series, *, time_format: str | None, zone: str | None, day_only: bool = False,
          no_zone_why: str = "") -> Converted:
    """Timestamps → UTC. Cells with an offset are converted; cells without one are read in ``zone``.

    ``time_format``: a strptime pattern, None (ISO 8601, generic files), "unix" (seconds since
    1970, UTC) or "snowflake" (an X/Twitter/LinkedIn id: its creation time, exact, in UTC: the
    milliseconds since 2010-11-04 01:42:54.657 UTC in its top bits — Twitter's "Snowflake" id
    layout, 2010). ``day_only``: the source gives days, kept as midnight UTC of that day; a column whose
    cells all lack an hour ('2024-02-01') is read the same way, whatever the zone (a day read in Paris
    would otherwise become 23:00 UTC the day before, and be counted in the wrong month).
    A column-wide problem (no zone and none known, zones on some rows only) raises ColumnProblem
    (``no_zone_why`` says why the zone is unknown); unreadable cells are returned as bad.
    """
    empty = empty_cells(raw)
    converted = _times(raw, empty, time_format=time_format, zone=zone, day_only=day_only, no_zone_why=no_zone_why)
    if converted.bad is not None and _padded(raw[converted.bad]):  # cells with spaces around: read them stripped
        converted = _times(raw.str.strip(), empty, time_format=time_format, zone=zone, day_only=day_only,
                           no_zone_why=no_zone_why)
    return converted


def _padded(cells: pd.Series) -> bool:
    return any(c[:1].isspace() or c[-1:].isspace() for c in cells)


def _times(stripped: pd.Series, empty: pd.Series, *, time_format, zone, day_only, no_zone_why) -> Converted:
    if time_format == "unix":
        seconds = pd.to_numeric(stripped.where(~empty), errors="coerce")
        stamps = pd.to_datetime(seconds, unit="s", utc=True)
        return _checked(stamps, stripped, empty, "is not a time in seconds since 1970", "Fix the cell.")
    if time_format == "snowflake":
        digits = stripped.str.fullmatch(r"\d{1,19}").fillna(False).astype(bool)
        ids = stripped.where(digits, "0").astype("int64").to_numpy()
        millis = pd.Series((ids >> 22) + 1288834974657, index=stripped.index).where(digits)
        stamps = pd.to_datetime(millis, unit="ms", utc=True).dt.floor("s")
        return _checked(stamps, stripped, empty, "is not a post id", "Fix the cell.")
    zoned = has_zone_in_values(stripped, empty, time_format)
    fmt = "ISO8601" if time_format in ISO_SHAPED or time_format is None else time_format
    if time_format is None:
        not_iso = ~empty & ~stripped.str.match(r"\d{4}-\d{2}-\d{2}")
        if not_iso.any():
            return _unreadable(stripped, not_iso, None)
        if zoned.any() and (~zoned & ~empty).any():
            i = _first(~zoned & ~empty)
            raise ColumnProblem(i, f"{stripped.iloc[i]!r} has no time zone while other rows have one. Make "
                                   "every time in the column carry the same kind of zone (e.g. +00:00 or Z).")
    if zoned.any():
        stamps = _parse(stripped.where(~empty), fmt, time_format, utc=True)
        return _checked(stamps, stripped, empty, None, None, time_format)
    naive = _parse(stripped.where(~empty), fmt, time_format, utc=False)
    if getattr(naive.dt, "tz", None) is not None:  # ISO cells that carry a zone after all
        return _checked(naive.dt.tz_convert("UTC"), stripped, empty, None, None, time_format)
    bad = naive.isna() & ~empty
    if bad.any():
        return _unreadable(stripped, bad, time_format)
    if day_only or _days_only(stripped, empty, time_format):
        return Converted(naive.dt.tz_localize("UTC").astype("datetime64[us, UTC]"), days=True)
    return _localised(naive, stripped, empty, zone, no_zone_why)


# strptime patterns pandas' ISO 8601 parser reads the same way, many times faster (%z above all)
ISO_SHAPED = {"%Y-%m-%d %H:%M %z", "%Y-%m-%d %H:%M:%S %z", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d"}


_HOUR_CODES = ("%H", "%I", "%M", "%S", "%X", "%T", "%R", "%c")


def _days_only(stripped: pd.Series, empty: pd.Series, time_format: str | None) -> bool:
    """True when every filled cell is a day without an hour ('2024-02-01', or a pattern with no hour in it)."""
    if empty.all():
        return False
    if time_format is None or time_format in ISO_SHAPED:
        return bool(stripped[~empty].str.fullmatch(r"\d{4}-\d{2}-\d{2}").all())
    return not any(code in time_format for code in _HOUR_CODES)


def _parse(cells: pd.Series, fmt: str, time_format: str | None, *, utc: bool) -> pd.Series:
    """``pd.to_datetime`` with ``fmt``; for an ISO-shaped pattern, the ISO 8601 parser (it reads those cells the
    same way, many times faster), and the pattern itself where that fails, so its messages name the pattern."""
    parsed = pd.to_datetime(cells, format=fmt, utc=utc, errors="coerce")
    if fmt == "ISO8601" and time_format in ISO_SHAPED and (parsed.isna() & cells.notna()).any():
        return pd.to_datetime(cells, format=time_format, utc=utc, errors="coerce")
    return parsed


def _localised(naive: pd.Series, stripped: pd.Series, empty: pd.Series, zone: str | None,
               unknown_zone_why: str) -> Converted:
    """Naive local times in ``zone`` → UTC; clock-change gaps and repeats are bad cells."""
    if empty.all():
        return Converted(naive.dt.tz_localize("UTC").astype("datetime64[us, UTC]"))
    if zone is None:
        i = _first(~empty)
        raise ColumnProblem(i, f"{stripped.iloc[i]!r} has no time zone{unknown_zone_why}. ", Advice("tz", "name_zone"))
    local = naive.dt.tz_localize(zone, ambiguous="NaT", nonexistent="NaT")
    gap = (local.isna() & naive.notna()).to_numpy()
    stamps = local.dt.tz_convert("UTC").astype("datetime64[us, UTC]")
    return Converted(stamps, gap if gap.any() else None,
                     lambda i: f"{stripped.iloc[i]!r} does not exist or happens twice in {zone} "
                               "(a daylight-saving clock change)",
                     "Fix the cell, or export the times in UTC.", zone_used=True)


def _checked(stamps, stripped, empty, problem, fix, time_format=None) -> Converted:
    bad = stamps.isna() & ~empty
    if bad.any() and problem is None:
        return _unreadable(stripped, bad, time_format)
    stamps = stamps.astype("datetime64[us, UTC]")
    return Converted(stamps, bad.to_numpy() if bad.any() else None,
                     lambda i: f"{stripped.iloc[i]!r} {problem}", fix or "")


def _unreadable(stripped: pd.Series, bad: pd.Series, time_format: str | None) -> Converted:
    """Cells that are not times in the expected form (the rest are not converted: the caller refuses or skips)."""
    values = pd.Series(pd.NaT, index=stripped.index, dtype="datetime64[us, UTC]")
    if time_format:
        fix = Advice("date_format", "expected", time_format)
        return Converted(values, bad.to_numpy(), lambda i: f"{stripped.iloc[i]!r} is not a date in the form "
                         f"{time_format!r}", fix)
    return Converted(values, bad.to_numpy(),
                     lambda i: f"{stripped.iloc[i]!r} is not a date and time in ISO 8601 form "
                               "(2025-03-14 12:34 or 2025-03-14T12:34:56Z)",
                     Advice("date_format", "iso"))


def dates(raw: pd.Series, *, time_format: str | None) -> Converted:
    """Calendar days (no time, no zone): ISO by default, or ``time_format``."""
    empty = empty_cells(raw)
    stripped = raw.str.strip() if _padded(raw[~empty]) else raw
    fmt = time_format or "ISO8601"
    days = pd.to_datetime(stripped.where(~empty), format=fmt, errors="coerce")
    bad = days.isna() & ~empty
    if time_format is None:
        bad |= days.notna() & (days != days.dt.normalize())
    if getattr(days.dt, "tz", None) is not None:
        days = days.dt.tz_localize(None)
    return Converted(days.astype("datetime64[us]"), bad.to_numpy() if bad.any() else None,
                     lambda i: f"{stripped.iloc[i]!r} is not a date",
                     Advice("date_format", "days"))


def empty_column(col: schema.Column, index: pd.Index, extra_values: tuple[str, ...] = ()) -> pd.Series:
    """A column of missing values with the dtype the schema's type has when nullable."""
    if col.type == "category":
        cats = list(col.values or ()) + [v for v in extra_values if v not in (col.values or ())]
        return pd.Series(pd.Categorical([None] * len(index), categories=cats), index=index)
    dtype = {"str": "str", "int": "Int64", "float": "float64", "bool": "boolean",
             "datetime": "datetime64[us, UTC]", "date": "datetime64[us]"}[col.type]
    return pd.Series(pd.NA if dtype in ("Int64", "boolean") else None, index=index, dtype=dtype)
