"""Read a file's cells, whatever its format: CSV (streamed in chunks when large), Excel, JSON archives.

Every reader returns a ``Source``: the header (made unique), the spreadsheet row number of the
header, and chunks of cells ('' for empty) with those columns. Cells are text, except in a CSV
the columns the caller does not ask as text: pandas' C parser reads those as numbers when every
cell is one (much faster than turning text into numbers afterwards); a column with a blank, a
"-" or a word stays text. Typing happens later, in one place, for every format. A CSV is streamed ``CHUNK_ROWS`` rows at a time so that a large file
never sits in memory twice.
"""

from __future__ import annotations

import codecs
import csv
import json
import re
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

import pandas as pd

from socialkit.exports import cleaning, profiles
from socialkit.exports.errors import Advice, ExportError
from socialkit.exports.sniff import WHAT_TO_EXPORT, Sniffed

CHUNK_ROWS = 250_000
STREAM_ABOVE_MB = 150  # files larger than this (allowed with max_mb=) are read in chunks of CHUNK_ROWS rows
HEADER_SEARCH_ROWS = 12  # a header may sit under a title or a line of explanation


@dataclass
class Source:
    """A file's header and its rows as text, ready to be matched against the profiles and typed."""

    headers: list[str]
    chunks: Callable[..., Iterator[pd.DataFrame]]  # chunks(text_headers=None): None reads every column as text
    header_row: int = 1  # the header's row number as a spreadsheet shows it
    profile: profiles.Profile | None = None
    notes: list[str] = field(default_factory=list)
    left_aside: list[str] = field(default_factory=list)  # parts of the file not turned into columns
    bad_lines: list[tuple[int, str]] = field(default_factory=list)  # (row, problem), filled while reading
    typed_times: set[str] = field(default_factory=set)  # columns whose cells were already dates (Excel)


def open_source(path: Path, sniffed: Sniffed, *, sep: str = ",", sheet=None) -> Source:
    """The ``Source`` for ``path`` according to what ``sniff.identify`` found."""
    if sniffed.format == "csv":
        return csv_source(path, sniffed.encoding, sep)
    if sniffed.format == "xlsx":
        return xlsx_source(path, sheet)
    if sniffed.format == "x_archive_js":
        return x_archive_source(path, sniffed.archive_part)
    return json_source(path, sniffed.encoding)


# ---------------------------------------------------------------- CSV

def _decode_error(path: Path, exc: UnicodeDecodeError | None = None) -> ExportError:
    """The message for a file that is not UTF-8, with the first bad byte and its row."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    rows = 1
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            try:
                decoder.decode(block)
            except UnicodeDecodeError as err:
                rows += block[:err.start].count(b"\n")
                byte = block[err.start]
                return ExportError(
                    f"{path}: the file is not UTF-8 text (byte 0x{byte:02x} in row {rows}); it was probably saved "
                    "as Windows-1252/Latin-1. Save it again with the encoding UTF-8 (in Excel: File › Save As › "
                    "'CSV UTF-8 (Comma delimited)'; in LibreOffice: Character set 'Unicode (UTF-8)').")
            rows += block.count(b"\n")
    return ExportError(f"{path}: the file is not UTF-8 text ({exc.reason if exc else 'unknown reason'}). Save it "
                       "again with the encoding UTF-8.")


def _first_records(path: Path, encoding: str, sep: str) -> list[list[str]]:
    """The first rows of a CSV as lists of cells (quoted line breaks respected)."""
    try:
        with path.open("r", encoding=encoding, newline="") as handle:
            reader = csv.reader(handle, delimiter=sep)
            records = []
            for record in reader:
                records.append(record)
                if len(records) > HEADER_SEARCH_ROWS:
                    break
            return records
    except UnicodeDecodeError as exc:
        raise _decode_error(path, exc) from None
    except csv.Error as exc:
        raise ExportError(f"{path}: the file is not valid CSV near the top ({exc}). Save it again as CSV.") from None


def find_header(records: list[list[str]]) -> tuple[int, profiles.Profile | None]:
    """Which of the first rows is the header: the first that a profile recognises, else the first filled one."""
    for index, record in enumerate(records):
        found = profiles.match(record)
        if found is not None:
            return index, found
    for index, record in enumerate(records):
        cells = [c for c in record if c.strip()]
        if cells and not (index == 0 and len(record) == 1 and record[0].lower().startswith("sep=")):
            return index, None
    return -1, None


def csv_source(path: Path, encoding: str, sep: str) -> Source:
    """A CSV file: header found among the first rows, data streamed in chunks of ``CHUNK_ROWS`` rows."""
    file = str(path)
    records = _first_records(path, encoding, sep)
    index, profile = find_header(records)
    if index < 0:
        raise ExportError(f"{file}: the file is empty (only blank lines). Export the data again and check it has "
                          "a header row and at least one row of data.")
    header_line = records[index]
    if sep == "," and len(header_line) == 1 and ";" in header_line[0]:
        raise ExportError(f"{file}: the header row is separated by ';' not ','. This is a semicolon CSV "
                          "(French or German Excel): ", Advice("sep", "give", ";"))
    if sep == "," and len(header_line) == 1 and "\t" in header_line[0]:
        raise ExportError(f"{file}: the header row is separated by tabs, not ','. ", Advice("sep", "give", "\t"))
    headers, notes = cleaning.unique_headers(header_line)
    source = Source(headers, lambda text_headers=None: iter(()), header_row=index + 1, profile=profile, notes=notes)
    if index > 0:
        source.left_aside.append(f"row(s) 1–{index} above the header (a title or an explanation)")

    def read(on_bad_lines: str, chunksize: int | None, dtype):
        return pd.read_csv(path, encoding=encoding, sep=sep, skiprows=index, header=0, names=headers, dtype=dtype,
                           keep_default_na=False, na_filter=False, index_col=False, skip_blank_lines=False,
                           on_bad_lines=on_bad_lines, chunksize=chunksize, engine="c")

    def chunks(text_headers=None) -> Iterator[pd.DataFrame]:
        # Small files are read at once (pandas is fastest so); large ones are streamed. Rows with too many
        # cells make pandas stop; only then is the file read again, skipping and listing them (slower).
        dtype = str if text_headers is None else {h: str for h in text_headers}
        chunksize = CHUNK_ROWS if path.stat().st_size > STREAM_ABOVE_MB * 1_000_000 else None
        done = 0
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", pd.errors.DtypeWarning)  # mixed columns are made text below
                reader = read("error", chunksize, dtype)
                for chunk in ([reader] if chunksize is None else reader):
                    yield _as_text_where_mixed(chunk)
                    done += 1
            return
        except UnicodeDecodeError as exc:
            raise _decode_error(path, exc) from None
        except pd.errors.ParserError as exc:
            if not re.search(r"Expected \d+ fields", str(exc)):
                raise ExportError(f"{file}: the file is not valid CSV ({str(exc).strip()}). Save it again as CSV "
                                  "(a quote left open swallows the rest of the file).") from None
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", pd.errors.ParserWarning)
            warnings.simplefilter("ignore", pd.errors.DtypeWarning)
            reader = read("warn", chunksize, dtype)
            for number, chunk in enumerate([reader] if chunksize is None else reader):
                _collect_bad_lines(caught, source, len(headers))
                if number >= done:
                    yield _as_text_where_mixed(chunk)
            _collect_bad_lines(caught, source, len(headers))

    source.chunks = chunks
    return source


def _as_text_where_mixed(chunk: pd.DataFrame) -> pd.DataFrame:
    """Columns pandas read partly as numbers and partly as text (object dtype) become text throughout."""
    mixed = [c for c in chunk.columns if chunk[c].dtype == object]
    if mixed:
        chunk = chunk.assign(**{c: chunk[c].astype("str") for c in mixed})
    return chunk


_SKIPPING = re.compile(r"Skipping line (\d+): expected (\d+) fields, saw (\d+)")


def _collect_bad_lines(caught: list, source: Source, width: int) -> None:
    """Rows pandas skipped for having too many cells, as (spreadsheet row, problem)."""
    for warning in caught:
        for line, expected, saw in _SKIPPING.findall(str(warning.message)):
            row = int(line) + source.header_row - 1
            source.bad_lines.append((row, f"the row has {saw} cells but the header has {expected}"))
    caught.clear()


# ---------------------------------------------------------------- Excel

def xlsx_source(path: Path, sheet=None) -> Source:
    """An .xlsx workbook: the first sheet (or ``sheet``) whose header a profile recognises, else the first sheet."""
    import datetime as dt

    from openpyxl import load_workbook

    file = str(path)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # openpyxl warns about styles some exporters leave out
        try:
            book = load_workbook(path, read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises many kinds for damaged workbooks
            raise ExportError(f"{file}: this Excel workbook cannot be opened ({type(exc).__name__}: {exc}). Open "
                              "it in Excel or LibreOffice and save it again as .xlsx or 'CSV UTF-8'.") from None
    try:
        sheets = book.worksheets
        if sheet is not None:
            names = [ws.title for ws in sheets]
            if sheet not in names:
                raise ExportError(f"{file}: there is no sheet {sheet!r}; the workbook has {', '.join(map(repr, names))}.")
            sheets = [book[sheet]]
        candidates = []
        for ws in sheets:
            ws.reset_dimensions()  # some exporters write a wrong size ("A1") for the sheet
            rows = [list(r) for r in ws.iter_rows(values_only=True)]
            if any(c is not None and str(c).strip() for r in rows for c in r):
                candidates.append((ws.title, rows))
    finally:
        book.close()
    if not candidates:
        raise ExportError(f"{file}: the workbook has no filled cells. Export the data again.")

    def text_of(cell):
        if cell is None:
            return ""
        if isinstance(cell, (dt.datetime, dt.date)):
            return cell.isoformat(sep=" ") if isinstance(cell, dt.datetime) else cell.isoformat()
        if isinstance(cell, float) and cell.is_integer() and abs(cell) < 1e15:
            return str(int(cell))
        return str(cell)

    chosen = None
    for title, rows in candidates:
        header_rows = [[text_of(c) for c in row] for row in rows[:HEADER_SEARCH_ROWS]]
        index, profile = find_header(header_rows)
        if profile is not None:
            chosen = (title, rows, index, profile)
            break
    if chosen is None:
        title, rows = candidates[0]
        index, _ = find_header([[text_of(c) for c in row] for row in rows[:HEADER_SEARCH_ROWS]])
        chosen = (title, rows, max(index, 0), None)
    title, rows, index, profile = chosen
    width = max(len(r) for r in rows)
    header_cells = [text_of(c) for c in rows[index]] + [""] * (width - len(rows[index]))
    while header_cells and not header_cells[-1].strip():
        header_cells.pop()
    headers, notes = cleaning.unique_headers(header_cells)
    body = [row[:len(headers)] + [None] * (len(headers) - len(row)) for row in rows[index + 1:]]
    typed_times = {h for j, h in enumerate(headers)
                   if any(isinstance(r[j], (dt.datetime, dt.date)) for r in body)}
    frame = pd.DataFrame([[text_of(c) for c in row] for row in body], columns=headers, dtype="str")
    source = Source(headers, lambda text_headers=None: iter([frame]), header_row=index + 1, profile=profile,
                    notes=notes, typed_times=typed_times)
    if len(candidates) > 1:
        others = [t for t, _ in candidates if t != title]
        source.notes.append(f"read the sheet {title!r}; the other sheet(s) {', '.join(map(repr, others))} left aside")
    if index > 0:
        source.left_aside.append(f"row(s) 1–{index} of the sheet above the header (a title or an explanation)")
    return source


# ---------------------------------------------------------------- JSON archives

def _load_json(path: Path, encoding: str, text: str | None = None):
    try:
        return json.loads(text if text is not None else path.read_text(encoding=encoding))
    except UnicodeDecodeError as exc:
        raise _decode_error(path, exc) from None
    except json.JSONDecodeError as exc:
        raise ExportError(f"{path}: this looks like JSON but is not valid JSON ({exc.msg}, line {exc.lineno}); the "
                          "file may be cut short. Download it again.") from None


def _records_source(records: list[dict], profile_name: str, left_aside: list[str]) -> Source:
    frame = pd.DataFrame(records, dtype="str").fillna("")
    profile = profiles.BY_NAME[profile_name]
    for column in set(profile.signature) - set(frame.columns):
        frame[column] = ""
    headers = list(frame.columns)
    return Source(headers, lambda text_headers=None: iter([frame]), header_row=1, profile=profile,
                  left_aside=left_aside)


def x_archive_source(path: Path, part: str) -> Source:
    """An X archive ``data/tweet.js`` (``window.YTD.tweet.part0 = [ {"tweet": {…}}, … ]``)."""
    if part not in ("tweet", "tweets"):
        raise ExportError(f"{path}: this is the '{part}' part of an X (Twitter) archive, not your tweets. Load "
                          "data/tweet.js (tweets.js in newer archives) from the same archive instead.")
    text = path.read_text(encoding="utf-8-sig")
    items = _load_json(path, "utf-8", text[text.index("=") + 1:])
    if not isinstance(items, list):
        raise ExportError(f"{path}: this X archive file does not hold a list of tweets. Download the archive again.")
    records = []
    for item in items:
        tweet = item.get("tweet", item) if isinstance(item, dict) else {}
        records.append({k: ("" if v is None else str(v)) for k, v in tweet.items()
                        if not isinstance(v, (dict, list))})
    return _records_source(records, "x_archive_tweets_js",
                           ["entities and extended_entities (hashtags, mentions, links and media of each tweet)"])


def json_source(path: Path, encoding: str) -> Source:
    """A JSON export the kit knows: Instagram or Facebook posts, Google reviews; others are refused by name."""
    data = _load_json(path, encoding)
    if isinstance(data, dict) and isinstance(data.get("reviews"), list):
        return _google_reviews(data["reviews"])
    if isinstance(data, list) and data and all(isinstance(x, dict) for x in data):
        if any("reviewId" in x or "starRating" in x for x in data):
            return _google_reviews(data)
        if all("media" in x for x in data):
            return _instagram_posts(data)
        if any("timestamp" in x and "data" in x for x in data):
            return _facebook_posts(data)
    if isinstance(data, dict) and len(data) == 1:
        (name, value), = data.items()
        if isinstance(value, list):
            raise ExportError(f"{path}: this is a JSON list of {name!r} from a data download, not posts, mentions "
                              "or reviews the kit reads. " + WHAT_TO_EXPORT)
    raise ExportError(f"{path}: this is a JSON file, but not one of the archives the kit reads (X tweet.js, "
                      "Instagram posts_1.json, Facebook your_posts_1.json, Google reviews.json). " + WHAT_TO_EXPORT)


def _instagram_posts(posts: list[dict]) -> Source:
    """Instagram posts_1.json: the caption sits on the post (carousels) or on its single media item."""
    records = []
    for post in posts:
        media = post.get("media") or [{}]
        first = media[0] if isinstance(media[0], dict) else {}
        records.append({
            "creation_timestamp": str(post.get("creation_timestamp", first.get("creation_timestamp", ""))),
            "title": post.get("title") or first.get("title") or "",
            "media_items": str(len(media)),
            "first_media_uri": first.get("uri", ""),
        })
    return _records_source(records, "instagram_posts_json",
                           ["media_metadata (camera and photo details of each picture)"])


def _facebook_posts(posts: list[dict]) -> Source:
    """Facebook your_posts_1.json: ``{"timestamp": …, "data": [{"post": "…"}], "title": "…"}``."""
    records = []
    for post in posts:
        texts = [d.get("post", "") for d in post.get("data", []) if isinstance(d, dict) and d.get("post")]
        records.append({"timestamp": str(post.get("timestamp", "")), "post": texts[0] if texts else "",
                        "title": post.get("title", ""), "attachments": str(len(post.get("attachments", [])))})
    return _records_source(records, "facebook_posts_json", ["attachments (links, photos and places of each post)"])


STAR_WORDS = {"ONE": "1", "TWO": "2", "THREE": "3", "FOUR": "4", "FIVE": "5"}


def _google_reviews(reviews: list[dict]) -> Source:
    """Google Business Profile reviews (the API's Review objects, as Google Takeout writes them)."""
    records = []
    for review in reviews:
        if not isinstance(review, dict):
            continue
        reply = review.get("reviewReply") or {}
        rating = str(review.get("starRating", ""))
        records.append({
            "reviewId": review.get("reviewId") or str(review.get("name", "")).rsplit("/", 1)[-1],
            "reviewer": (review.get("reviewer") or {}).get("displayName", ""),
            "starRating": STAR_WORDS.get(rating, rating), "comment": review.get("comment", ""),
            "createTime": review.get("createTime", ""), "updateTime": review.get("updateTime", ""),
            "reviewReply.comment": reply.get("comment", ""), "reviewReply.updateTime": reply.get("updateTime", ""),
        })
    return _records_source(records, "google_reviews_json", [])
