"""Loading data: the sample tables (``load``), a user's own exports (``read_export``, see ``socialkit.exports``),
and one real network networkx ships (``florentine_families``).

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
The reading of users' exports lives in the package ``socialkit.exports``.
"""

from __future__ import annotations

import hashlib
import io
import json
from pathlib import Path

import numpy as np
import pandas as pd

from socialkit import schema
from socialkit.exports.errors import ExportError
from socialkit.exports.generic import COLUMN_ALIASES, EXPORT_REQUIRED
from socialkit.schema import Column

__all__ = ["COLUMN_ALIASES", "EXPORT_REQUIRED", "DataError", "ExportError", "available_tables", "export_columns",
           "load", "read_export"]

REGENERATE = "socialkit data generate --seed {seed} --scale {scale} --out {out}"


class DataError(ValueError):
    """A sample table is missing, changed since it was generated, or breaks the schema."""


def available_tables() -> list[str]:
    """The names ``load`` accepts, sorted."""
    return sorted(schema.TABLES)


# ---------------------------------------------------------------- cell conversion (strict: sample files)

class _Problem(Exception):
    """One bad cell (or column) found while converting; turned into a DataError by the caller."""

    def __init__(self, row: int | None, value: str | None, problem: str, fix: str):
        super().__init__(problem)
        self.row, self.value, self.problem, self.fix = row, value, problem, fix


def _first(mask: pd.Series) -> int:
    """Position of the first True in a boolean Series (caller checks there is one)."""
    return int(np.flatnonzero(mask.to_numpy())[0])


def _convert(raw: pd.Series, col: Column, *, nullable: bool) -> pd.Series:
    """Turn one column of a sample file's text cells ('' = empty) into the schema's dtype, or raise _Problem."""
    empty = raw == ""
    if empty.any() and not nullable:
        raise _Problem(_first(empty), "", "the cell is empty but this column needs a value",
                       "Fill it in, or delete the row.")
    kind = col.type
    if kind == "str":
        return raw.where(~empty).astype("str")
    if kind == "int" and not empty.any():
        try:  # fast path for clean sample files; the slow path below finds the bad cell
            return raw.astype("int64")
        except (ValueError, OverflowError):
            pass
    if kind in ("int", "float"):
        numbers = pd.to_numeric(raw.where(~empty), errors="coerce")
        bad = (numbers.isna() | np.isinf(numbers)) & ~empty
        if kind == "int":
            bad |= numbers.notna() & (numbers != np.floor(numbers))
        if bad.any():
            i = _first(bad)
            what = "a whole number" if kind == "int" else "a number"
            raise _Problem(i, raw.iloc[i], f"{raw.iloc[i]!r} is not {what}",
                           "Type a plain number with a dot for decimals and no thousands separator or unit.")
        if kind == "float":
            return numbers.astype("float64")
        return numbers.astype("Int64") if nullable else numbers.astype("int64")
    if kind == "bool":
        truthy, falsy = raw == "true", raw == "false"
        bad = ~(truthy | falsy | empty)
        if bad.any():
            i = _first(bad)
            raise _Problem(i, raw.iloc[i], f"{raw.iloc[i]!r} is not a yes/no value", "Use true or false.")
        if nullable:
            out = pd.Series(pd.NA, index=raw.index, dtype="boolean")
            out[truthy] = True
            out[falsy] = False
            return out
        return truthy.astype(bool)
    if kind == "datetime":
        stamps = pd.to_datetime(raw.where(~empty), format="ISO8601", utc=True, errors="coerce")
        bad = (stamps.isna() | ~raw.str.endswith("Z")) & ~empty
        if bad.any():
            i = _first(bad)
            raise _Problem(i, raw.iloc[i], f"{raw.iloc[i]!r} is not a UTC time like 2025-03-14T12:34:56Z",
                           "Regenerate the file or fix the cell.")
        return stamps
    if kind == "date":
        days = pd.to_datetime(raw.where(~empty), format="%Y-%m-%d", errors="coerce")
        bad = days.isna() & ~empty
        if bad.any():
            i = _first(bad)
            raise _Problem(i, raw.iloc[i], f"{raw.iloc[i]!r} is not a date",
                           "Write dates as 2025-03-01 (year-month-day).")
        return days
    if kind == "category":
        values = raw.where(~empty)
        if col.values is None:
            return pd.Series(pd.Categorical(values, categories=sorted(values.dropna().unique())), index=raw.index)
        bad = ~values.isin(col.values) & ~empty
        if bad.any():
            i = _first(bad)
            raise _Problem(i, raw.iloc[i], f"{raw.iloc[i]!r} is not an allowed value",
                           f"Use one of: {', '.join(col.values)}.")
        return pd.Series(pd.Categorical(values, categories=list(col.values)), index=raw.index)
    raise ValueError(f"Unknown column type {kind!r} in the schema for {col.name!r}.")


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
            out[col.name] = _convert(raw[col.name], col, nullable=col.nullable)
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

def read_export(path, kind: str | None = None, *, tz: str | None = None, date_format: str | None = None,
                sep: str = ",", platform: str | None = None, skip_broken: bool = False, sheet=None,
                max_mb: float | None = None, columns: dict[str, str] | None = None) -> pd.DataFrame:
    """A user's own export (posts, mentions, reviews…) as a table typed like sample table ``kind``.

    The same reader as ``socialkit.exports.read`` (see there), returning only the table; the
    report of how each column was understood is in ``table.attrs["export_report"]`` (print it).
    A platform's or tool's export is recognised from its header (docs/own-data.md lists them)
    and ``kind`` found from it; a table with your own column names needs ``kind``, its headers are
    matched through ``COLUMN_ALIASES`` (or ``columns={"stars": "Note"}``) and the columns in
    ``EXPORT_REQUIRED`` must be there.
    Times with a zone (Z, +01:00) are converted to UTC; times without one are read in the zone the
    header names or the one known for the source, else need ``tz`` — never assumed silently.
    Every problem raises ExportError naming the file, the column and the first bad row (as a
    spreadsheet numbers it: the header is row 1).
    """
    from socialkit import exports

    options = {} if max_mb is None else {"max_mb": max_mb}
    loaded = exports.read(path, kind, tz=tz, date_format=date_format, sep=sep, platform=platform,
                          skip_broken=skip_broken, sheet=sheet, columns=columns, **options)
    table = loaded.table
    table.attrs["export_report"] = loaded.report
    return table


def export_columns(kind: str) -> pd.DataFrame:
    """The columns ``read_export`` expects in a table of your own for ``kind``: required or not, names it accepts."""
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
