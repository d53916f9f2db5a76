"""Read a user's export into a table typed like a sample table, with a report of how it was understood.

The steps: find out what the file is (``sniff``), read its cells as text (``readers``), recognise
the source from its header (``profiles``) or map the headers by name (``generic``), mend what
real exports need mending (``cleaning``), settle each time column's zone (``zones``), type every
column (``convert``), and say what was done (``report``). Broken rows (a cell that cannot be read,
a row with too many cells) make the load fail with the first one named, unless the user asks to
skip them (``skip_broken=True``); then the report lists them.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from socialkit import schema
from socialkit.exports import cleaning, convert, generic, readers, sniff, zones
from socialkit.exports import report as reporting
from socialkit.exports.errors import Advice, ColumnProblem, ExportError, Said
from socialkit.exports.profiles import Profile, key

EXTRA_VALUES = {"platform": ("youtube", "trustpilot")}  # sources' own platforms, beyond the sample data's


@dataclass
class LoadedExport:
    """A loaded export: ``table`` (typed like sample table ``kind``) and ``report`` (how it was read)."""

    table: pd.DataFrame
    report: reporting.LoadReport

    @property
    def kind(self) -> str:
        return self.report.kind

    @property
    def missing_metrics(self) -> tuple[str, ...]:
        """The metrics of this kind of table that the export does not have (e.g. likes for LinkedIn Shares.csv)."""
        return self.report.missing_metrics

    @property
    def available_metrics(self) -> tuple[str, ...]:
        """The metrics of this kind of table that hold at least one figure."""
        return tuple(m for m in reporting.METRICS.get(self.kind, ())
                     if m in self.table.columns and self.table[m].notna().any())

    def feeds(self) -> dict[str, reporting.Feed]:
        """Which dashboards the table can feed, and the charts each must leave out (see ``reporting.feeds``)."""
        return reporting.feeds(self.table, self.kind, day_only=self.report.day_only)

    def __repr__(self) -> str:
        return f"<LoadedExport {len(self.table):,} rows as {self.kind!r}>\n{self.report.summary()}"


@dataclass
class _Column:
    """How one schema column is read: from which header (and part of it), or as a fixed value."""

    column: schema.Column
    header: str | None = None
    fallbacks: tuple[str, ...] = ()  # other headers, read where ``header``'s cell is empty
    pattern: str | None = None
    note: str = ""
    constant: str | None = None
    required: bool = False
    dash_is_zero: bool = False  # "-" means none here (the profile says so), not a missing figure


@dataclass
class _Plan:
    kind: str
    profile: Profile | None
    columns: dict[str, _Column]
    time_format: str | None
    day_only: bool = False
    lacks: tuple[str, ...] = ()
    lacks_why: str = ""
    kept_apart: list[str] = field(default_factory=list)  # headers deliberately not mapped, with why


# ---------------------------------------------------------------- the plan: which header feeds which column

def _check_arguments(path: Path, kind, tz) -> None:
    file = str(path)
    if kind is not None and kind not in schema.TABLES:
        raise ExportError(f"Unknown kind {kind!r} for {file}. Choose one of: {', '.join(sorted(schema.TABLES))} "
                          "(posts from your own accounts are 'brand_posts'), or leave kind out for a platform's "
                          "export the kit recognises.")
    if path.is_dir():
        raise ExportError(f"{file}: this is a folder, not a file. Give the path of the export itself, with its name "
                          "at the end (…/tweet_activity_metrics.csv).")
    if not path.is_file():
        raise ExportError(f"{file}: no such file. ", Advice("path", "check"))
    if tz is not None:
        zones.check(tz)


def _profile_plan(profile: Profile, source: readers.Source, kind, platform, file: str) -> _Plan:
    if kind is not None and kind != profile.kind:
        raise ExportError(f"{file}: recognised as {profile.title}", Advice("kind", "leave_out", profile.kind, kind))
    by_key = {key(h): h for h in source.headers}
    columns = {}
    for col in schema.TABLES[profile.kind]:
        spec = profile.columns.get(col.name)
        if spec is None:
            continue
        present = [by_key[key(h)] for h in spec.headers if key(h) in by_key]
        if present:
            columns[col.name] = _Column(col, present[0], tuple(present[1:]), spec.pattern, spec.note,
                                        dash_is_zero=spec.dash_is_zero)
    if platform is not None:
        if profile.platform is not None or "platform" in columns:
            raise ExportError(f"{file}: recognised as {profile.title}; the platform is known "
                              f"({profile.platform or 'from its ' + repr(columns['platform'].header) + ' column'}). ",
                              Advice("platform", "leave_out"))
        columns["platform"] = _Column(_schema_column(profile.kind, "platform"), constant=_platform(platform))
    elif profile.platform is not None:
        columns["platform"] = _Column(_schema_column(profile.kind, "platform"), constant=profile.platform,
                                      note=f"the whole file comes from {profile.platform}")
    columns[_time_column(profile.kind)].required = True  # in every profile's signature (a test checks)
    absent = tuple(c for c in reporting.METRICS.get(profile.kind, ()) if c not in columns and c in profile.columns)
    return _Plan(profile.kind, profile, columns, profile.time_format, profile.day_only,
                 profile.lacks + absent, profile.lacks_why)


def _generic_plan(source: readers.Source, kind, platform, file: str, date_format, chosen: dict[str, str]) -> _Plan:
    if kind is None:
        shown = ", ".join(map(repr, source.headers[:8])) + (" …" if len(source.headers) > 8 else "")
        raise ExportError(f"{file}: the kit did not recognise this export from its header ({shown}); "
                          "docs/own-data.md lists the platforms' exports it knows. ", Advice("kind", "choose"))
    generic.check_chosen(chosen, kind, source.headers, file)
    mapping = generic.map_headers(source.headers, kind, file, chosen)
    kept_apart = []
    if "post_type" in mapping and mapping["post_type"] != "post_type":
        kept_apart.append(f"{mapping.pop('post_type')!r} holds the platform's post types (photo, link, video…): "
                          "kept as its own column, apart from the kit's editorial post_type")
    if platform is not None:
        if "platform" in mapping:
            raise ExportError(f"{file}: the file has its own platform column {mapping['platform']!r}; ",
                              Advice("platform", "leave_out"))
        if not any(c.name == "platform" for c in schema.TABLES[kind]):
            raise ExportError(f"{file}: ", Advice("platform", "no_column", given=kind))
    needed = generic.required(kind)
    missing = [c for c in needed if c not in mapping and not (c == "platform" and platform is not None)]
    if missing:
        raise generic.missing_columns(file, kind, missing, source.headers)
    columns = {}
    for col in schema.TABLES[kind]:
        if col.name in mapping:
            columns[col.name] = _Column(col, mapping[col.name], required=col.name in needed,
                                        note=CHOSEN_NOTE if col.name in chosen else "")
    if platform is not None:
        columns["platform"] = _Column(_schema_column(kind, "platform"), constant=_platform(platform),
                                      note=Said(Advice("platform", "given")))
    absent = tuple(c for c in reporting.METRICS.get(kind, ()) if c not in columns)
    return _Plan(kind, None, columns, date_format, lacks=absent, kept_apart=kept_apart)


CHOSEN_NOTE = "you said so"  # the note of a column the user said holds a field (``columns=``)


def _schema_column(kind: str, name: str) -> schema.Column:
    return next(c for c in schema.TABLES[kind] if c.name == name)


def _time_column(kind: str) -> str:
    return "opened_at" if kind == "threads" else "month" if kind in ("competitor_metrics", "channel_mix") else "ts"


def _platform(value: str) -> str:
    name = convert.PLATFORM_ALIASES.get(str(value).strip().lower())
    if name is None:
        raise ExportError(f"platform={value!r} is not a platform the kit knows. "
                          f"Use one of: {', '.join(schema.PLATFORMS)}.")
    return name


# ---------------------------------------------------------------- reading and typing

_NOW = ("int", "float", "datetime", "date", "bool")  # typed chunk by chunk; text and categories at the end


class _Problems:
    """Bad cells found so far: for each data position, the first problem (column, what, fix), in column order."""

    def __init__(self):
        self.first: dict[int, tuple[str, str, str | Advice]] = {}

    def add(self, column: pd.Series, bad: np.ndarray, describe, fix: str | Advice, where: str) -> None:
        for i in np.flatnonzero(bad):
            position = int(column.index[i])
            if position not in self.first:
                self.first[position] = (where, describe(int(i)), fix)

    def empty_required(self, cells: pd.Series, where: str) -> None:
        empty = convert.empty_cells(cells).to_numpy()
        if empty.any():
            self.add(cells, empty, lambda i: "the cell is empty but this column needs a value",
                     "Fill it in, or delete the row.", where)

    def __len__(self) -> int:
        return len(self.first)


def read(path, kind: str | None = None, *, tz: str | None = None, date_format: str | None = None, sep: str = ",",
         platform: str | None = None, skip_broken: bool = False, sheet=None,
         max_mb: float = sniff.MAX_MB, columns: dict[str, str] | None = None) -> LoadedExport:
    """A user's own export as a ``LoadedExport``: the typed table and the report of how it was read.

    ``kind`` is found from a recognised export's header; give it for a table (CSV or Excel) with your own column
    names ('brand_posts', 'mentions', 'reviews'…). ``tz`` overrides the zone a file's times are
    read in (a zone named in the header, or the one known for the source); times that carry an
    offset (+0000, Z) need none. ``date_format`` is the strptime form of non-ISO dates in your own
    CSV. ``platform`` fills the platform of a single-network export that has no platform column.
    ``skip_broken=True`` loads the rows that can be read and lists the others in the report.
    ``sheet`` picks an Excel sheet. Files over ``max_mb`` MB are refused with a size message.
    ``columns`` says which of your own table's headers holds a field the kit did not recognise
    (``{"stars": "Note"}``); a missing field raises ``ColumnsToChoose``, which lists those to say.
    """
    path = Path(path)
    file = str(path)
    _check_arguments(path, kind, tz)
    sniffed = sniff.identify(path, max_mb)
    source = readers.open_source(path, sniffed, sep=sep, sheet=sheet)
    profile = source.profile
    if profile is not None and profile.refusal:
        raise ExportError(f"{file}: recognised as {profile.title}: {profile.refusal}")
    if profile is not None:
        if columns:
            raise ExportError(f"{file}: recognised as {profile.title}, whose columns the kit knows; ",
                              Advice("columns", "leave_out"))
        plan = _profile_plan(profile, source, kind, platform, file)
        if date_format is not None:
            plan.time_format = date_format
    else:
        plan = _generic_plan(source, kind, platform, file, date_format, dict(columns or {}))
    _check_duplicates(plan, source, file)
    return _load(path, source, plan, tz, skip_broken)


def _check_duplicates(plan: _Plan, source: readers.Source, file: str) -> None:
    """A header written twice cannot feed a schema column: which copy would be meant?"""
    for spec in plan.columns.values():
        if spec.header is not None and f"{spec.header} (2)" in source.headers:
            raise ExportError(f"{file}: the column {spec.header!r} appears more than once, so the kit cannot tell "
                              f"which copy is {spec.column.name!r}. Rename or delete the extra copies.")


def _shown(spec: _Column) -> str:
    return repr(spec.header) if spec.header == spec.column.name else f"{spec.header!r} (read as {spec.column.name})"


def _load(path: Path, source: readers.Source, plan: _Plan, tz, skip_broken: bool) -> LoadedExport:
    file = str(path)
    time_name = _time_column(plan.kind)
    time_header = plan.columns[time_name].header if time_name in plan.columns else None
    now = {n: s for n, s in plan.columns.items() if s.header is not None and s.column.type in _NOW}
    later = {n: s for n, s in plan.columns.items() if s.header is not None and s.column.type not in _NOW}
    used = {h for s in plan.columns.values() if s.header is not None for h in (s.header, *s.fallbacks)}
    extras = [h for h in source.headers if h not in used]
    number_headers = [s.header for s in now.values() if s.column.type in ("int", "float") and s.pattern is None]
    zone_of = {n: zones.resolve(s.header, plan.profile, tz) for n, s in now.items() if s.column.type == "datetime"}

    problems = _Problems()
    # each column's pieces, one per chunk, joined column by column at the end (never two whole tables at once)
    typed_parts: dict[str, list] = {name: [] for name in now}
    raw_parts: dict[str, list] = {key: [] for key in [*later, *(f"\0{h}" for h in extras)]}
    index_parts: list[pd.Index] = []
    dropped: list[tuple[int, str]] = []  # (data position, why)
    notes: dict[str, Counter] = {}
    zone_used: set[str] = set()
    day_columns: set[str] = set()  # time columns whose cells held days only
    rows_read = blank_rows = 0
    numeric = {h for s in plan.columns.values() if s.header is not None and s.column.type in ("int", "float")
               and s.pattern is None for h in (s.header, *s.fallbacks)}
    textual = set(source.headers) - numeric - {h for h in extras if _may_be_number(h)}
    for number, chunk in enumerate(source.chunks(textual)):
        rows_read += len(chunk)
        special = [(p, "a description of each metric, not data") for p in
                   chunk.index[cleaning.description_rows(chunk, time_header, number_headers)]] if number == 0 else []
        special += [(p, "the Total row") for p in chunk.index[cleaning.total_rows(chunk, time_header)]]
        dropped += special
        blank = set(chunk.index[_blank(chunk, time_header)])
        blank_rows += len(blank)
        drop = {p for p, _ in special} | blank
        if drop:
            chunk = chunk.drop(index=sorted(drop))
        index_parts.append(chunk.index)
        for name, spec in now.items():
            cells = _cells(chunk, spec)
            try:
                converted = _convert_now(cells, spec, plan, zone_of.get(name), source.typed_times)
            except ColumnProblem as problem:
                row = _rows_of(source, np.array([chunk.index[problem.position]]), rows_read)[0]
                raise ExportError(f"{file}: column {_shown(spec)}, row {row}: ", *problem.pieces) from None
            typed_parts[name].append(converted.values)
            notes.setdefault(name, Counter()).update(converted.notes)
            if converted.zone_used:
                zone_used.add(name)
            if converted.days:
                day_columns.add(name)
            if converted.bad is not None:
                problems.add(cells, converted.bad, converted.describe, converted.fix, _shown(spec))
            if spec.required and not spec.column.nullable:  # an empty cell may mean 'never' (never answered)
                problems.empty_required(cells, _shown(spec))
        for name, spec in later.items():
            raw_parts[name].append(_cells(chunk, spec))
        for header in extras:
            raw_parts[f"\0{header}"].append(chunk[header])
    if rows_read == 0 and not source.bad_lines:
        raise ExportError(f"{file}: the file has a header row but no data rows. Export the data again.")
    index = index_parts[0].append(index_parts[1:]) if index_parts else pd.RangeIndex(0)
    typed = {name: _joined(typed_parts, name) for name in now}
    raw = _Columns(raw_parts)

    out = {}
    for name, spec in later.items():
        cells = raw.pop(name)  # each text column is let go once typed: large files are not held twice
        converted = _convert_later(cells, spec, plan, file)
        out[name] = converted.values
        notes.setdefault(name, Counter()).update(converted.notes)
        if converted.bad is not None:
            problems.add(cells, converted.bad, converted.describe, converted.fix, _shown(spec))
        if spec.required and not spec.column.nullable:
            problems.empty_required(cells, _shown(spec))
        del cells
    skipped = _broken_rows(file, source, problems, rows_read, len(dropped) + blank_rows, skip_broken)
    if skipped:
        keep = ~index.isin(list(problems.first))
        typed = {name: values[keep] for name, values in typed.items()}
        out = {name: values[keep] for name, values in out.items()}
        raw.keep = keep
        index = index[keep]
    if len(index) == 0:
        raise ExportError(f"{file}: the file has a header row but no data rows that can be read. "
                          "Export the data again.")
    frame, kept = _assemble(plan, typed, out, raw, extras, index)
    dropped_rows = [(int(r), why) for r, (_, why) in
                    zip(_rows_of(source, np.array([p for p, _ in dropped], dtype=np.int64), rows_read), dropped)]
    return LoadedExport(frame, _report(file, source, plan, frame, kept, notes, zone_of, zone_used,
                                       day_columns - zone_used, dropped_rows,
                                       skipped, rows_read + len(source.bad_lines) - len(dropped) - blank_rows))


def _joined(parts: dict[str, list], key: str) -> pd.Series:
    """One column from its pieces (let go of as it is joined); a single piece is used as it is."""
    pieces = parts.pop(key)
    return pieces[0] if len(pieces) == 1 else pd.concat(pieces)


class _Columns:
    """Raw text columns still in pieces; ``pop`` joins one (keeping only the rows in ``keep``) and lets it go."""

    def __init__(self, parts: dict[str, list]):
        self.parts, self.keep = parts, None

    def pop(self, key: str) -> pd.Series:
        column = _joined(self.parts, key)
        return column if self.keep is None else column[self.keep]


def _may_be_number(header: str) -> bool:
    """Whether an extra column may be read as numbers by the parser: not an id or a code (leading zeros matter)."""
    return not re.search(r"(^|[^a-z])(id|ids|code|zip|phone|postal)([^a-z]|$)", header.lower())


def _blank(chunk: pd.DataFrame, time_header: str | None) -> np.ndarray:
    """Rows with no cell filled (checked only where the time is empty, so it is cheap on large files)."""
    candidates = chunk if time_header is None else chunk[convert.empty_cells(chunk[time_header]).to_numpy()]
    if candidates.empty:
        return np.zeros(len(chunk), dtype=bool)
    blank = pd.concat([convert.empty_cells(candidates[c]) for c in candidates.columns], axis=1).all(axis=1)
    return chunk.index.isin(candidates.index[blank.to_numpy()])


def _cells(chunk: pd.DataFrame, spec: _Column) -> pd.Series:
    """The text cells feeding one schema column: its header's, else its fallbacks' where empty; a part of them."""
    cells = chunk[spec.header]
    for other in spec.fallbacks:
        cells = cells.where(~convert.empty_cells(cells), chunk[other])
    return cleaning.extract(cells, spec.pattern) if spec.pattern else cells


def _convert_now(cells: pd.Series, spec: _Column, plan: _Plan, zone, typed_times: set) -> convert.Converted:
    col = spec.column
    nullable = plan.profile is not None or col.nullable or not spec.required
    if col.type in ("int", "float"):
        return convert.numbers(cells, whole=col.type == "int", nullable=nullable, dash_is_zero=spec.dash_is_zero)
    if col.type == "bool":
        return convert.booleans(cells, nullable=nullable)
    if col.type == "date":
        return convert.dates(cells, time_format=plan.time_format)
    time_format = plan.time_format
    if spec.header in typed_times and time_format not in ("snowflake", "unix"):
        time_format = None  # Excel already held dates: the reader wrote them in ISO form
        filled = cells[cells.str.strip() != ""]
        if len(filled) and filled.str.endswith(" 00:00:00").all():  # Excel dates without an hour: days
            cells = cells.str.removesuffix(" 00:00:00")
    return convert.times(cells, time_format=time_format, zone=zone.name, day_only=plan.day_only,
                         no_zone_why=zone.unknown_why)


def _convert_later(cells: pd.Series, spec: _Column, plan: _Plan, file: str) -> convert.Converted:
    col = spec.column
    if col.type == "category":
        return convert.category(cells, col, extra_values=EXTRA_VALUES.get(col.name, ()))
    profile = plan.profile
    fixes = tuple(cleaning.TEXT_FIXES[name] for name in (profile.text_fixes if profile else ()))
    converted = convert.text(cells, missing_words=profile.no_text if profile else (), fixes=fixes)
    if profile is None and col.name == "text" and key(spec.header) != "text":
        example = cleaning.looks_like_ids(converted.values)
        if example is not None:
            raise ExportError(f"{file}: the column {spec.header!r} was taken as the post text, but every cell holds "
                              f"an id like {example!r}, not words, so the file was not loaded. The kit did not "
                              "recognise this export (docs/own-data.md lists the ones it knows; a YouTube Studio "
                              "table loads as Studio exported it). For a table of your own, name the column that "
                              "holds the text 'text', or say which column holds it.")
    return converted


def _rows_of(source: readers.Source, positions: np.ndarray, total: int) -> np.ndarray:
    """Spreadsheet row numbers of data positions (rows pandas skipped for extra cells shift the others)."""
    start = source.header_row + 1
    bad = np.array(sorted(r for r, _ in source.bad_lines), dtype=np.int64)
    if bad.size == 0:
        return positions + start
    every = np.arange(start, start + total + bad.size, dtype=np.int64)
    good = np.setdiff1d(every, bad, assume_unique=True)
    return good[positions]


EXTRA_CELLS_FIX = "Remove the extra cells, or quote text that contains the separator."


def _broken_rows(file: str, source: readers.Source, problems: _Problems, rows_read: int, left_aside: int,
                 skip_broken: bool) -> list[tuple[int, str]]:
    """Refuse the file at its first broken row, or (asked to skip them) return every broken row with why."""
    if not problems and not source.bad_lines:
        return []
    positions = np.array(sorted(problems.first), dtype=np.int64)
    rows = _rows_of(source, positions, rows_read)
    listed = sorted([(int(row), f"column {problems.first[int(p)][0]}: {problems.first[int(p)][1]}",
                      problems.first[int(p)][2]) for p, row in zip(positions, rows)]
                    + [(row, problem, EXTRA_CELLS_FIX) for row, problem in source.bad_lines], key=lambda r: r[:2])
    if skip_broken:
        return [(row, why) for row, why, _ in listed]
    total = rows_read + len(source.bad_lines) - left_aside
    row, why, fix = listed[0]
    if why.startswith("column "):
        where, what = why[len("column "):].split(": ", 1)
        pieces = [f"{file}: column {where}, row {row}: {what}. ", fix]
    else:
        pieces = [f"{file}: row {row}: {why}. ", fix]
    if len(listed) > 1:
        shown = ", ".join(str(r) for r, _, _ in listed[:6]) + (" …" if len(listed) > 6 else "")
        pieces += [f" In all, {len(listed):,} of {total:,} rows cannot be read (rows {shown}): ",
                   Advice("skip_broken", "skip", total - len(listed))]
    raise ExportError(*pieces)


# ---------------------------------------------------------------- the table and its report

def _assemble(plan: _Plan, typed: dict, out: dict, raw: _Columns, extras: list[str],
              index: pd.Index) -> tuple[pd.DataFrame, list[tuple[str, str]]]:
    """Schema columns in schema order (absent ones filled with missing values), then the extra columns."""
    columns = {}
    for col in schema.TABLES[plan.kind]:
        spec = plan.columns.get(col.name)
        if spec is not None and spec.constant is not None:
            categories = list(col.values or ()) + ([spec.constant] if spec.constant not in (col.values or ()) else [])
            codes = np.full(len(index), categories.index(spec.constant), dtype=np.int8)
            columns[col.name] = pd.Series(pd.Categorical.from_codes(codes, categories=categories), index=index)
        elif col.name in typed:
            columns[col.name] = typed[col.name]
        elif col.name in out:
            columns[col.name] = out[col.name]
        elif plan.profile is not None and plan.profile.derived.get(col.name) == "reply_date_present":
            answer = next((n for n in ("response_at", "first_response_at") if n in typed), None)
            values = typed[answer].notna() if answer else pd.Series(False, index=index)
            columns[col.name] = values.astype("boolean")
        else:
            columns[col.name] = convert.empty_column(col, index)
    kept = []
    for header in extras:
        values, how = cleaning.typed_extra(raw.pop(f"\0{header}"), header)
        if header not in columns:  # a header named like a schema column it does not feed is not kept twice
            columns[header] = values
            kept.append((header, how))
    frame = pd.DataFrame(columns, index=index, copy=False)  # at once: inserting columns one by one fragments it
    frame.index = pd.RangeIndex(len(frame))  # rows numbered from 0 again, without copying the data
    return frame, kept


def _report(file, source, plan: _Plan, frame, kept, notes, zone_of, zone_used, day_columns, dropped_rows, skipped,
            rows_in_file) -> reporting.LoadReport:
    profile = plan.profile
    uses = []
    for name, spec in plan.columns.items():
        if spec.constant is not None:
            uses.append(reporting.ColumnUse(name, f"{spec.constant!r} for every row", spec.note))
        else:
            how = spec.note or ("the part that matches" if spec.pattern else "")
            where = repr(spec.header) + "".join(f", else {h!r} where it is empty" for h in spec.fallbacks)
            uses.append(reporting.ColumnUse(name, where, how))
    if profile is not None:
        for name, rule in profile.derived.items():
            uses.append(reporting.ColumnUse(name, "whether a reply date is filled in"))
    assumptions = []
    time_format = plan.time_format
    for name, zone in zone_of.items():
        header = plan.columns[name].header
        if time_format == "snowflake":
            assumptions.append(f"times taken from the ids in {header!r} (exact, in UTC)")
        elif time_format == "unix":
            assumptions.append(f"times in {header!r} are seconds since 1970 in UTC")
        elif plan.day_only or name in day_columns:
            assumptions.append(f"{header!r} gives days, not times: each row is placed at midnight UTC of its "
                               "day, and charts by hour of day cannot be drawn")
        elif name in zone_used:
            assumptions.append(zone.sentence)
        elif frame[name].notna().any():
            assumptions.append(f"times in {header!r} carry their own UTC offset; converted to UTC")
    cleaned = [f"{_header_of(plan, name)}: {template.format(n=count)}" for name, counter in notes.items()
               for template, count in counter.items()]
    cleaned += source.notes
    left = list(source.left_aside) + [f"row {row}: {why}" for row, why in dropped_rows]
    left += plan.kept_apart
    missing = tuple(m for m in reporting.METRICS.get(plan.kind, ()) if m in plan.lacks or m not in frame.columns
                    or not frame[m].notna().any())
    return reporting.LoadReport(
        file=file, source=profile.title if profile else "a table with your own column names",
        profile=profile.name if profile else None, kind=plan.kind, rows_in_file=rows_in_file,
        rows_loaded=len(frame), columns=tuple(uses), kept=tuple(h for h, _ in kept), left_aside=tuple(left),
        assumptions=tuple(assumptions), cleaning=tuple(cleaned), skipped_rows=tuple(skipped),
        chosen=tuple((n, s.header) for n, s in plan.columns.items() if s.note == CHOSEN_NOTE),
        missing_metrics=missing, lacked=tuple(m for m in plan.lacks if profile is not None and m in profile.lacks),
        missing_why=plan.lacks_why if profile else "",
        good_to_know=tuple(n for n in profile.notes if not n.startswith(("Row 2", "The first row")))
        if profile else (), day_only=plan.day_only or _time_column(plan.kind) in day_columns,
        zone_replaced=tuple(dict.fromkeys(zone.replaced for name, zone in zone_of.items()
                                          if zone.replaced and name in zone_used)))


def _header_of(plan: _Plan, name: str) -> str:
    spec = plan.columns.get(name)
    return repr(spec.header) if spec is not None and spec.header else name
