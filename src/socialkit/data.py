"""Loading data: the sample tables (``load``), a user's own CSV exports (``read_export``), and one real
network networkx ships (``florentine_families``).

Both return DataFrames typed by the column contract in ``socialkit.schema``:

==============  ==========================================================
schema type     pandas dtype
==============  ==========================================================
``str``         ``str`` (pandas' text dtype; a missing value is NaN)
``int``         ``int64``; ``Int64`` (nullable) when the column may be empty
``float``       ``float64`` (missing = NaN)
``bool``        ``bool``; ``boolean`` (nullable) when the column may be empty
``datetime``    ``datetime64[us, UTC]`` (timezone-aware, UTC)
``date``        ``datetime64[us]`` (no timezone: a calendar day)
``category``    ``category`` with the schema's allowed values as categories,
                in schema order; free categories (values=None) sorted
==============  ==========================================================

So an int column is ``Int64`` exactly when the schema marks it ``nullable``
(and, for exports, when the column is optional); otherwise plain ``int64``.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
from pathlib import Path

import numpy as np
import pandas as pd

from socialkit import schema
from socialkit.schema import Column

REGENERATE = "socialkit data generate --seed {seed} --scale {scale} --out {out}"


class DataError(ValueError):
    """A sample table is missing, changed since it was generated, or breaks the schema."""


class ExportError(ValueError):
    """A user's own export cannot be read into the schema; the message says where and what to do."""


def available_tables() -> list[str]:
    """The names ``load`` accepts, sorted."""
    return sorted(schema.TABLES)


# ---------------------------------------------------------------- shared cell conversion

class _Problem(Exception):
    """One bad cell (or column) found while converting; turned into DataError/ExportError by the caller."""

    def __init__(self, row: int | None, value: str | None, problem: str, fix: str):
        super().__init__(problem)
        self.row, self.value, self.problem, self.fix = row, value, problem, fix


def _first(mask: pd.Series) -> int:
    """Position of the first True in a boolean Series (caller checks there is one)."""
    return int(np.flatnonzero(mask.to_numpy())[0])


TRUE_WORDS = {"true", "yes", "y", "1", "oui", "vrai"}
FALSE_WORDS = {"false", "no", "n", "0", "non", "faux"}
_ZONE = re.compile(r"(?:Z|[+-]\d{2}:?\d{2})$")


def _convert(raw: pd.Series, col: Column, *, nullable: bool, lenient: bool,
             tz: str | None = None, date_format: str | None = None) -> pd.Series:
    """Turn one column of raw text cells ('' = empty) into the schema's dtype, or raise _Problem.

    ``lenient`` (exports): booleans also accept yes/no/1/0, categories match case-
    insensitively and through the alias table, dates may be any ISO 8601 form.
    """
    empty = raw.str.strip() == "" if lenient else raw == ""
    text = raw.str.strip() if lenient else raw
    if empty.any() and not nullable:
        i = _first(empty)
        raise _Problem(i, "", "the cell is empty but this column needs a value",
                       "Fill it in, or delete the row.")
    kind = col.type
    if kind == "str":
        return text.where(~empty).astype("str")
    if kind == "int" and not lenient and not empty.any():
        try:  # fast path for clean sample files; the slow path below finds the bad cell
            return text.astype("int64")
        except (ValueError, OverflowError):
            pass
    if kind in ("int", "float"):
        numbers = pd.to_numeric(text.where(~empty), errors="coerce")
        bad = (numbers.isna() | np.isinf(numbers)) & ~empty
        if kind == "int":
            bad |= numbers.notna() & (numbers != np.floor(numbers))
        if bad.any():
            i = _first(bad)
            value = text.iloc[i]
            what = "a whole number" if kind == "int" else "a number"
            fix = "Type a plain number with a dot for decimals and no thousands separator or unit"
            if re.fullmatch(r"-?\d+,\d+", value):
                fix = "This looks like a decimal comma: use a dot (1.5, not 1,5)"
            raise _Problem(i, value, f"{value!r} is not {what}", fix + ".")
        if kind == "float":
            return numbers.astype("float64")
        if nullable:
            return numbers.astype("Int64")
        return numbers.astype("int64")
    if kind == "bool":
        words = text.str.lower() if lenient else text
        truthy = words.isin(TRUE_WORDS if lenient else {"true"})
        falsy = words.isin(FALSE_WORDS if lenient else {"false"})
        bad = ~(truthy | falsy | empty)
        if bad.any():
            i = _first(bad)
            allowed = "true/false, yes/no or 1/0" if lenient else "true or false"
            raise _Problem(i, text.iloc[i], f"{text.iloc[i]!r} is not a yes/no value",
                           f"Use {allowed}.")
        if nullable:
            out = pd.Series(pd.NA, index=raw.index, dtype="boolean")
            out[truthy] = True
            out[falsy] = False
            return out
        return truthy.astype(bool)
    if kind == "datetime":
        return _convert_datetime(text, empty, lenient=lenient, tz=tz, date_format=date_format)
    if kind == "date":
        fmt = date_format or ("ISO8601" if lenient else "%Y-%m-%d")
        days = pd.to_datetime(text.where(~empty), format=fmt, errors="coerce")
        bad = days.isna() & ~empty
        if lenient and date_format is None:
            bad |= days.notna() & (days != days.dt.normalize())
        if bad.any():
            i = _first(bad)
            raise _Problem(i, text.iloc[i], f"{text.iloc[i]!r} is not a date",
                           "Write dates as 2025-03-01 (year-month-day)"
                           + (", or pass date_format=..." if lenient else "") + ".")
        if getattr(days.dt, "tz", None) is not None:
            days = days.dt.tz_localize(None)
        return days
    if kind == "category":
        return _convert_category(text, empty, col, lenient=lenient)
    raise ValueError(f"Unknown column type {kind!r} in the schema for {col.name!r}.")


def _convert_datetime(text: pd.Series, empty: pd.Series, *, lenient: bool, tz: str | None,
                      date_format: str | None) -> pd.Series:
    """Timestamps → timezone-aware UTC; exports without a zone need ``tz``, never an assumption."""
    if not lenient:
        stamps = pd.to_datetime(text.where(~empty), format="ISO8601", utc=True, errors="coerce")
        bad = (stamps.isna() | ~text.str.endswith("Z")) & ~empty
        if bad.any():
            i = _first(bad)
            raise _Problem(i, text.iloc[i], f"{text.iloc[i]!r} is not a UTC time like 2025-03-14T12:34:56Z",
                           "Regenerate the file or fix the cell.")
        return stamps
    # A format without %z has no zone in it, however the text ends ('14-03-2025' is not '-20:25').
    may_hold_zone = date_format is None or "%z" in date_format or "%Z" in date_format
    zoned = text.str.contains(_ZONE) & ~empty & may_hold_zone
    if date_format is None:
        not_iso = ~empty & ~text.str.match(r"\d{4}-\d{2}-\d{2}")
        if not_iso.any():
            _raise_bad_time(text, not_iso, date_format)
        has_zone, no_zone = zoned.any(), (~zoned & ~empty).any()
        if has_zone and no_zone:
            i = _first(~zoned & ~empty)
            raise _Problem(i, text.iloc[i], f"{text.iloc[i]!r} has no time zone while other rows have one",
                           "Make every time in the column carry the same kind of zone (e.g. +00:00 or Z).")
    fmt = date_format or "ISO8601"
    if zoned.any():
        stamps = pd.to_datetime(text.where(~empty), format=fmt, utc=True, errors="coerce")
    else:
        naive = pd.to_datetime(text.where(~empty), format=fmt, errors="coerce")
        bad = naive.isna() & ~empty
        if bad.any():
            _raise_bad_time(text, bad, date_format)
        if empty.all():
            return naive.dt.tz_localize("UTC")
        if tz is None:
            i = _first(~empty)
            raise _Problem(i, text.iloc[i], f"{text.iloc[i]!r} has no time zone",
                           "Say which zone your tool exports in, e.g. read_export(..., tz='Europe/Paris') "
                           "or tz='UTC'.")
        local = naive.dt.tz_localize(tz, ambiguous="NaT", nonexistent="NaT")
        gap = local.isna() & ~empty
        if gap.any():
            i = _first(gap)
            raise _Problem(i, text.iloc[i], f"{text.iloc[i]!r} does not exist or happens twice in {tz} "
                           "(a daylight-saving clock change)", "Fix the cell, or export the times in UTC.")
        stamps = local.dt.tz_convert("UTC")
    bad = stamps.isna() & ~empty
    if bad.any():
        _raise_bad_time(text, bad, date_format)
    return stamps


def _raise_bad_time(text: pd.Series, bad: pd.Series, date_format: str | None):
    """Report the first unparseable time with the formats that would work."""
    i = _first(bad)
    if date_format:
        raise _Problem(i, text.iloc[i], f"{text.iloc[i]!r} does not match date_format={date_format!r}",
                       "Fix the cell, or pass the date_format your file uses.")
    raise _Problem(i, text.iloc[i], f"{text.iloc[i]!r} is not a date and time in ISO 8601 form "
                   "(2025-03-14 12:34 or 2025-03-14T12:34:56Z)",
                   "Export dates as ISO 8601, or pass the format, e.g. date_format='%d/%m/%Y %H:%M'.")


PLATFORM_ALIASES = {
    "x": "x", "twitter": "x", "x (twitter)": "x", "twitter / x": "x", "x / twitter": "x", "x.com": "x",
    "twitter.com": "x", "linkedin": "linkedin", "linked in": "linkedin", "instagram": "instagram",
    "ig": "instagram", "facebook": "facebook", "fb": "facebook", "tiktok": "tiktok", "tik tok": "tiktok",
}
LANG_ALIASES = {"english": "en", "anglais": "en", "en-gb": "en", "en-us": "en",
                "french": "fr", "français": "fr", "francais": "fr", "fr-fr": "fr", "fr-ca": "fr"}


def _convert_category(text: pd.Series, empty: pd.Series, col: Column, *, lenient: bool) -> pd.Series:
    """Text → categorical over the schema's allowed values (or the sorted values found)."""
    values = text.where(~empty)
    if col.values is None:
        cats = sorted(values.dropna().unique())
        return pd.Series(pd.Categorical(values, categories=cats), index=text.index)
    if lenient:
        lowered = values.str.lower()
        aliases = {v.lower(): v for v in col.values}
        if col.values == schema.PLATFORMS:
            aliases.update(PLATFORM_ALIASES)
        if col.values == schema.LANGS:
            aliases.update(LANG_ALIASES)
        values = lowered.map(aliases).where(lowered.notna())
        bad = values.isna() & ~empty
    else:
        bad = ~values.isin(col.values) & ~empty
    if bad.any():
        i = _first(bad)
        raise _Problem(i, text.iloc[i], f"{text.iloc[i]!r} is not an allowed value",
                       f"Use one of: {', '.join(col.values)}.")
    return pd.Series(pd.Categorical(values, categories=list(col.values)), index=text.index)


def _read_raw(text: str | bytes, sep: str = ",") -> pd.DataFrame:
    """All cells as text ('' for empty), blank lines kept so that row numbers match the file.

    A row with more cells than the header raises _Problem with its row number
    (pandas would otherwise warn on stderr or shift the columns).
    """
    import warnings

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", pd.errors.ParserWarning)
            source = io.BytesIO(text) if isinstance(text, bytes) else io.StringIO(text)
            return pd.read_csv(source, encoding="utf-8", dtype=str, keep_default_na=False, na_filter=False,
                               sep=sep, skip_blank_lines=False, index_col=False)
    except (pd.errors.ParserError, pd.errors.ParserWarning) as exc:
        import csv

        if isinstance(text, bytes):
            text = text.decode("utf-8")
        rows = csv.reader(io.StringIO(text), delimiter=sep)
        width = len(next(rows))
        for number, cells in enumerate(rows):
            if len(cells) > width:
                raise _Problem(number, None, f"the row has {len(cells)} cells but the header has {width}",
                               "Remove the extra cells, or quote text that contains the separator.") from None
        raise _Problem(None, None, f"the file is not valid CSV ({exc})", "Save it again as CSV.") from None


# ---------------------------------------------------------------- sample tables

_CACHE: dict[Path, tuple[tuple, pd.DataFrame]] = {}


def _manifest(folder: Path) -> dict:
    """The parsed manifest.json of a datasets folder, or a DataError saying how to make it."""
    path = folder / "manifest.json"
    if not path.is_file():
        raise DataError(f"{path} is missing, so the sample data cannot be verified. "
                        f"Generate it with: {REGENERATE.format(seed=2025, scale=1, out=folder)}")
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as exc:
        raise DataError(f"{path} is not valid JSON ({exc}). Regenerate it with: "
                        f"{REGENERATE.format(seed=2025, scale=1, out=folder)}") from None


def _regenerate_hint(manifest: dict, folder: Path) -> str:
    seed = manifest.get("seed", 2025)
    scale = manifest.get("scale", 1)
    scale = f"{scale:g}" if isinstance(scale, (int, float)) else scale
    out = "datasets" if folder.name == "datasets" else str(folder)
    return REGENERATE.format(seed=seed, scale=scale, out=out)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _convert_table(raw: pd.DataFrame, columns: tuple[Column, ...], where: str) -> pd.DataFrame:
    """Type every column of a sample table strictly; a DataError names file, column and row."""
    out = {}
    for col in columns:
        try:
            out[col.name] = _convert(raw[col.name], col, nullable=col.nullable, lenient=False)
        except _Problem as p:
            raise DataError(f"{where}: column {col.name!r}, row {p.row + 2}: {p.problem}. {p.fix}") from None
    return pd.DataFrame(out, index=raw.index)


def load(name: str, *, folder=None) -> pd.DataFrame:
    """A sample table as a typed DataFrame, verified against ``manifest.json`` and the schema.

    ``folder`` defaults to the kit's ``datasets/`` (``$SOCIALKIT_DATASETS``
    overrides). Parsed tables are cached in-process; each call returns a copy.
    """
    if name not in schema.TABLES:
        raise DataError(f"There is no sample table called {name!r}. "
                        f"Available tables: {', '.join(available_tables())}.")
    from socialkit.paths import datasets_dir

    folder = Path(folder).resolve() if folder is not None else datasets_dir()
    path = folder / f"{name}.csv"
    manifest_path = folder / "manifest.json"
    if path.is_file() and manifest_path.is_file():
        stamp = (path.stat().st_mtime_ns, path.stat().st_size,
                 manifest_path.stat().st_mtime_ns, manifest_path.stat().st_size)
        cached = _CACHE.get(path)
        if cached and cached[0] == stamp:
            return cached[1].copy()
    manifest = _manifest(folder)
    hint = _regenerate_hint(manifest, folder)
    entry = manifest.get("tables", {}).get(name)
    if entry is None:
        raise DataError(f"{manifest_path} has no entry for the table {name!r}. Regenerate the data with: {hint}")
    path = folder / entry.get("file", f"{name}.csv")
    if not path.is_file():
        raise DataError(f"{path} is missing. Regenerate the sample data with: {hint}")
    stamp = (path.stat().st_mtime_ns, path.stat().st_size,
             manifest_path.stat().st_mtime_ns, manifest_path.stat().st_size)
    actual = _sha256(path)
    if actual != entry.get("sha256"):
        raise DataError(f"{path} does not match {manifest_path} (its sha256 is {actual[:12]}…, "
                        f"the manifest expects {str(entry.get('sha256'))[:12]}…): the file was edited or is "
                        f"from another version. Regenerate the sample data with: {hint}")
    frame = _parse_sample(path, name, hint)
    if len(frame) != entry.get("rows"):
        raise DataError(f"{path} has {len(frame)} rows but {manifest_path} says {entry.get('rows')}. "
                        f"Regenerate the sample data with: {hint}")
    _CACHE[path] = (stamp, frame)
    return frame.copy()


def _parse_sample(path: Path, name: str, hint: str) -> pd.DataFrame:
    """Read one sample CSV and type it by the schema; errors name the file, column and row."""
    columns = schema.TABLES[name]
    content = path.read_bytes()
    if not content.strip():
        raise DataError(f"{path} is empty. Regenerate the sample data with: {hint}")
    try:
        raw = _read_raw(content)
    except UnicodeDecodeError as exc:
        raise DataError(f"{path} is not UTF-8 text ({exc.reason}). "
                        f"Regenerate the sample data with: {hint}") from None
    except _Problem as p:
        raise DataError(f"{path}, row {p.row + 2 if p.row is not None else '?'}: {p.problem}. "
                        f"Regenerate the sample data with: {hint}") from None
    expected = [c.name for c in columns]
    missing = [c for c in expected if c not in raw.columns]
    if missing:
        raise DataError(f"{path}: missing column(s) {', '.join(missing)} (the schema for {name!r} expects "
                        f"{', '.join(expected)}). Regenerate the sample data with: {hint}")
    extra = [c for c in raw.columns if c not in expected]
    if extra:
        raise DataError(f"{path}: column(s) {', '.join(map(str, extra))} are not in the schema for {name!r}. "
                        f"Add them to socialkit/schema.py or regenerate the data with: {hint}")
    return _convert_table(raw, columns, str(path))


def check_command(args) -> int:
    """``socialkit data check [--dir D]``: verify each table against the manifest and schema, one line each."""
    from socialkit.paths import datasets_dir

    folder = Path(args.dir).resolve() if getattr(args, "dir", None) else datasets_dir()
    try:
        manifest = _manifest(folder)
    except DataError as exc:
        print(f"FAIL  manifest  {exc}")
        return 1
    listed = manifest.get("tables", {})
    failures = 0
    for name in sorted(set(schema.TABLES) | set(listed)):
        if name not in schema.TABLES:
            print(f"FAIL  {name:<20} in the manifest but not in the schema")
            failures += 1
            continue
        try:
            frame = load(name, folder=folder)
        except DataError as exc:
            print(f"FAIL  {name:<20} {exc}")
            failures += 1
            continue
        print(f"ok    {name:<20} {len(frame):>8,} rows  sha256 {listed[name]['sha256'][:12]}…")
    print(f"{len(schema.TABLES) - failures} of {len(schema.TABLES)} tables ok in {folder}"
          if not failures else f"{failures} problem(s) in {folder}")
    return 1 if failures else 0


# ---------------------------------------------------------------- a user's own export

# Header names tools use for each schema column, compared after lower-casing and
# turning spaces, dashes and dots into "_" ("Published at" → "published_at").
# A header is mapped only to a column of the chosen kind; two headers that could
# both be the same column are an error, never a silent pick.
COLUMN_ALIASES: dict[str, tuple[str, ...]] = {
    "ts": ("date", "published_at", "publish_date", "published", "publication_date", "created_time",
           "created_at", "timestamp", "time", "date_time", "datetime", "posted_at", "post_date",
           "sent_at", "date_published"),
    "post_id": ("id", "tweet_id", "message_id", "update_id", "post_identifier"),
    "platform": ("network", "channel", "social_network", "social_network_name", "service"),
    "text": ("message", "content", "post_text", "body", "caption", "post", "post_content", "tweet", "tweet_text"),
    "account_id": ("account", "profile", "profile_id", "page", "page_id", "account_name"),
    "author_id": ("author", "user_id", "user", "from", "author_handle", "screen_name"),
    "lang": ("language",),
    "impressions": ("views", "impression_count", "total_impressions", "post_impressions"),
    "reach": ("unique_impressions", "people_reached", "accounts_reached", "post_reach"),
    "likes": ("reactions", "favorites", "favourites", "like_count", "total_reactions"),
    "shares": ("retweets", "reposts", "share_count", "retweet_count"),
    "comments": ("comment_count", "replies", "reply_count"),
    "replies": ("comments", "reply_count", "comment_count"),
    "link_clicks": ("clicks", "url_clicks", "link_click_count"),
    "followers": ("follower_count", "followers_count", "fans", "page_likes", "audience"),
    "following": ("following_count", "friends_count"),
    "stars": ("rating", "star_rating", "score"),
    "opened_at": ("created_at", "created", "received_at", "date", "opened"),
    "first_response_at": ("first_reply_at", "replied_at", "first_response", "responded_at"),
    "response_at": ("replied_at", "reply_date", "response_date", "owner_response_date"),
    "month": ("period", "date"),
    "handle": ("username", "screen_name", "user_name"),
}

# Columns an export must have, per kind; every other schema column is optional and,
# when absent, is added filled with missing values so that code written for the sample
# table still runs (metrics that need it then say so). Kinds not listed need every column.
EXPORT_REQUIRED: dict[str, tuple[str, ...]] = {
    "brand_posts": ("ts", "platform", "text", "likes"),
    "mentions": ("ts", "platform", "text"),
    "threads": ("opened_at", "platform", "first_response_at"),
    "reviews": ("ts", "platform", "stars"),
    "accounts": ("account_id", "followers"),
    "competitor_metrics": ("month", "brand", "platform", "followers"),
}


def _header_key(name: str) -> str:
    """A header as a comparable key: lower case, separators as '_', no surrounding spaces."""
    return re.sub(r"[^0-9a-zà-ÿ]+", "_", str(name).strip().lower()).strip("_")


def _map_headers(headers: list[str], kind: str, file: str) -> dict[str, str]:
    """Schema column → the export's header for it; ambiguities are errors."""
    keys: dict[str, list[str]] = {}
    for header in headers:
        keys.setdefault(_header_key(header), []).append(header)
    for key, found in keys.items():
        if len(found) > 1:
            raise ExportError(f"{file}: the columns {', '.join(map(repr, found))} have the same name. "
                              "Rename or delete one of them.")
    mapping, used = {}, {}
    for col in schema.TABLES[kind]:
        if col.name in keys:  # the schema's own name wins over any alias
            mapping[col.name] = keys[col.name][0]
            used[keys[col.name][0]] = col.name
            continue
        candidates = [keys[a][0] for a in COLUMN_ALIASES.get(col.name, ()) if a in keys
                      and keys[a][0] not in used]
        if len(candidates) > 1:
            raise ExportError(f"{file}: the columns {', '.join(map(repr, candidates))} could each be the "
                              f"{col.name!r} column ({col.meaning}). Delete or rename all but one.")
        if candidates:
            mapping[col.name] = candidates[0]
            used[candidates[0]] = col.name
    return mapping


def _decode(path: Path) -> str:
    """The file's text: UTF-8 (with or without Excel's BOM), or an ExportError saying how to save it."""
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        row = data[:exc.start].count(b"\n") + 1
        raise ExportError(
            f"{path}: the file is not UTF-8 text (byte 0x{data[exc.start]:02x} in row {row}); it was "
            "probably saved as Windows-1252/Latin-1. Save it again with the encoding UTF-8 (in Excel: "
            "File › Save As › 'CSV UTF-8 (Comma delimited)'; in LibreOffice: Character set 'Unicode (UTF-8)')."
        ) from None


def read_export(path, kind: str, *, tz: str | None = None, date_format: str | None = None,
                sep: str = ",", platform: str | None = None) -> pd.DataFrame:
    """A user's own CSV export (posts, mentions, reviews…) as a table typed like sample table ``kind``.

    Header names are matched to schema columns through ``COLUMN_ALIASES`` (case
    and spacing ignored, e.g. "Published at" → ts, "Network" → platform,
    "Impressions" → impressions). Values are normalised only in documented ways:
    platforms via ``PLATFORM_ALIASES`` ("Twitter", "X" → x; "LinkedIn" → linkedin),
    languages via ``LANG_ALIASES``, other categories case-insensitively, yes/no
    values from true/false, yes/no, 1/0, oui/non. Times with a zone (Z, +01:00)
    are converted to UTC; times without one need ``tz`` (the zone your tool
    exports in) — never assumed. Non-ISO dates need ``date_format``.
    ``EXPORT_REQUIRED`` lists the columns each kind must have (``export_columns(kind)``
    shows them as a table, with the accepted header names); absent optional
    columns are added empty. Extra columns are kept unchanged, after the schema's.
    An export from one network's own analytics page often has no platform
    column: pass ``platform="facebook"`` (etc.) to fill it.
    Every problem raises ExportError naming the file, the column and the first bad
    row (as a spreadsheet numbers it: the header is row 1).
    """
    path = Path(path)
    file = str(path)
    if kind not in schema.TABLES:
        raise ExportError(f"Unknown kind {kind!r} for {file}. Choose one of: {', '.join(available_tables())} "
                          "(posts from your own accounts are 'brand_posts').")
    if not path.is_file():
        raise ExportError(f"{file}: no such file. Check the path (it is relative to the notebook's folder).")
    if tz is not None:
        try:
            pd.Timestamp("2025-01-01").tz_localize(tz)
        except Exception:
            raise ExportError(f"tz={tz!r} is not a time zone. Use a zone name such as 'Europe/Paris', "
                              "'America/New_York' or 'UTC'.") from None
    text = _decode(path)
    if not text.strip():
        raise ExportError(f"{file}: the file is empty. Export the data again and check it has a header row "
                          "and at least one row of data.")
    header_line = text.splitlines()[0]
    if sep == "," and "," not in header_line and ";" in header_line:
        raise ExportError(f"{file}: the header row is separated by ';' not ','. This is a semicolon CSV "
                          "(French or German Excel): call read_export(..., sep=';').")
    try:
        raw = _read_raw(text, sep=sep)
    except _Problem as p:
        row = f"row {p.row + 2}: " if p.row is not None else ""
        raise ExportError(f"{file}: {row}{p.problem}. {p.fix}") from None
    blank = (raw == "").all(axis=1)
    raw = raw[~blank]
    if raw.empty:
        raise ExportError(f"{file}: the file has a header row but no data rows. Export the data again.")
    mapping = _map_headers(list(raw.columns), kind, file)
    if platform is not None:
        if "platform" in mapping:
            raise ExportError(f"{file}: the file has its own platform column {mapping['platform']!r}; "
                              "leave out platform=... (it is only for exports without one).")
        if not any(c.name == "platform" for c in schema.TABLES[kind]):
            raise ExportError(f"{file}: kind {kind!r} has no platform column; leave out platform=....")
        if PLATFORM_ALIASES.get(str(platform).strip().lower()) is None:
            raise ExportError(f"platform={platform!r} is not a platform the kit knows. "
                              f"Use one of: {', '.join(schema.PLATFORMS)}.")
        raw = raw.assign(**{"\0platform": platform})
        mapping["platform"] = "\0platform"
    required = EXPORT_REQUIRED.get(kind, tuple(c.name for c in schema.TABLES[kind]))
    missing = [c for c in required if c not in mapping]
    if missing:
        names = {c: COLUMN_ALIASES.get(c, ()) for c in missing}
        also = "; ".join(f"{c} (also accepted: {', '.join(a[:4])})" if a else c for c, a in names.items())
        raise ExportError(f"{file}: missing column(s) {', '.join(map(repr, missing))} needed for kind "
                          f"{kind!r}. The file has: {', '.join(map(repr, raw.columns))}. Add or rename "
                          f"the column(s): {also}."
                          + (" If the whole file comes from one network, pass platform='facebook' (etc.)."
                             if "platform" in missing else ""))
    out = {}
    for col in schema.TABLES[kind]:
        optional = col.name not in required
        if col.name not in mapping:
            out[col.name] = _empty_column(col, raw.index)
            continue
        header = mapping[col.name]
        try:
            out[col.name] = _convert(raw[header], col, nullable=col.nullable or optional, lenient=True,
                                     tz=tz, date_format=date_format)
        except _Problem as p:
            shown = repr(header) if header == col.name else f"{header!r} (read as {col.name})"
            row = raw.index[p.row] + 2 if p.row is not None else "?"
            raise ExportError(f"{file}: column {shown}, row {row}: {p.problem}. {p.fix}") from None
    frame = pd.DataFrame(out, index=raw.index)
    for header in raw.columns:
        if header not in mapping.values() and header not in frame.columns:
            frame[header] = raw[header].where(raw[header] != "").astype("str")
    return frame.reset_index(drop=True)


def _empty_column(col: Column, index: pd.Index) -> pd.Series:
    """A column of missing values with the dtype the schema's type has when nullable."""
    dtype = {"str": "str", "int": "Int64", "float": "float64", "bool": "boolean",
             "datetime": "datetime64[us, UTC]", "date": "datetime64[us]"}.get(col.type)
    if col.type == "category":
        return pd.Series(pd.Categorical([None] * len(index), categories=list(col.values or ())), index=index)
    return pd.Series(pd.NA if dtype in ("Int64", "boolean") else None, index=index, dtype=dtype)


def export_columns(kind: str) -> pd.DataFrame:
    """The columns ``read_export`` expects for ``kind``: required or not, header names it also accepts, meaning."""
    if kind not in schema.TABLES:
        raise ExportError(f"Unknown kind {kind!r}. Choose one of: {', '.join(available_tables())}.")
    required = EXPORT_REQUIRED.get(kind, tuple(c.name for c in schema.TABLES[kind]))
    return pd.DataFrame([
        {"column": c.name, "type": c.type, "required": c.name in required,
         "also_accepted": ", ".join(COLUMN_ALIASES.get(c.name, ())),
         "allowed_values": ", ".join(c.values) if c.values else "", "meaning": c.meaning}
        for c in schema.TABLES[kind]
    ]).set_index("column")


# --------------------------------------------------------------------------- real data that networkx ships


def florentine_families() -> tuple[pd.DataFrame, pd.DataFrame]:
    """The marriage network of 15 Florentine families around 1430, as (families, marriages) tables.

    ``families``: contact_id and name (the family); ``marriages``: source, target (each pair once)
    and strength = 1, so the network functions of ``socialkit.analytics`` work on them. Real
    historical data shipped with networkx (``florentine_families_graph``, which cites Breiger &
    Pattison, "Cumulated social roles: the duality of persons and their algebras", Social Networks
    8, 1986); made famous by Padgett & Ansell, "Robust action and the rise of the Medici,
    1400–1434", American Journal of Sociology 98(6), 1993: the Medici rose by marrying into
    families that did not marry each other.
    """
    import networkx as nx  # only here: loading data must not make `import socialkit` slow

    graph = nx.florentine_families_graph()
    names = sorted(graph)
    families = pd.DataFrame({"contact_id": names, "name": names})
    pairs = sorted(tuple(sorted(edge)) for edge in graph.edges())
    marriages = pd.DataFrame(pairs, columns=["source", "target"])
    marriages["strength"] = 1
    return families, marriages
