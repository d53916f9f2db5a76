"""What a file is, from its first bytes: CSV text, an Excel workbook, a JSON archive — or something to refuse.

Refusals name the file, say what it looks like and what to export instead; nothing here reads
more than the first 64 KB (and, for a ZIP archive, its table of contents).
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path

from socialkit.exports.errors import Advice, ExportError

MAX_MB = 150  # larger files are refused with a size message (read_export(..., max_mb=...) raises it)
HEAD_BYTES = 64 * 1024
WHAT_TO_EXPORT = ("Export your posts, mentions or reviews as CSV (UTF-8) or Excel (.xlsx) from the platform or "
                  "tool; docs/own-data.md lists the exports the kit recognises.")


@dataclass(frozen=True)
class Sniffed:
    """The file's format ("csv", "xlsx", "json", "x_archive_js") and, for text, its encoding."""

    format: str
    encoding: str = "utf-8-sig"
    archive_part: str = ""  # for X archive .js files: the part's name (tweet, like, …)


# first bytes → (what it is, what to do)
MAGIC = (
    (b"\xd0\xcf\x11\xe0", "an old-format Excel workbook (.xls)",
     "Open it in Excel or LibreOffice and save it as .xlsx (or as 'CSV UTF-8'), then load that file."),
    (b"%PDF", "a PDF document (a report made to be printed)",
     "Export the data behind the report as CSV or Excel instead."),
    (b"\x89PNG", "a PNG image", WHAT_TO_EXPORT),
    (b"\xff\xd8\xff", "a JPEG image", WHAT_TO_EXPORT),
    (b"GIF8", "a GIF image", WHAT_TO_EXPORT),
    (b"PAR1", "a Parquet data file", "Save it as CSV (pandas: df.to_csv(...)) and load that."),
    (b"\x1f\x8b", "a gzip-compressed file", "Uncompress it first (the file inside is usually a CSV)."),
    (b"7z\xbc\xaf", "a 7-Zip archive", "Extract it first and load the CSV, Excel or JSON file inside."),
    (b"Rar!", "a RAR archive", "Extract it first and load the CSV, Excel or JSON file inside."),
    (b"SQLite format 3", "an SQLite database", WHAT_TO_EXPORT),
)

# Files inside a ZIP archive that the kit reads, with what they are.
KNOWN_INSIDE_ZIP = (
    ("data/tweet.js", "your X archive's tweets"), ("data/tweets.js", "your X archive's tweets"),
    ("posts_1.json", "your Instagram posts"), ("your_posts_1.json", "your Facebook posts"),
    ("Shares.csv", "your LinkedIn posts"), ("reviews.json", "your Google reviews"),
    ("Table data.csv", "your YouTube Studio table"),
)


def identify(path: Path, max_mb: float = MAX_MB) -> Sniffed:
    """The format to read ``path`` as, or an ExportError naming what it is and what to do."""
    file = str(path)
    size = path.stat().st_size
    if size == 0:
        raise ExportError(f"{file}: the file is empty (0 bytes). Export the data again and check it has a header "
                          "row and at least one row of data.")
    if size > max_mb * 1_000_000:
        raise ExportError(f"{file}: the file is {size / 1_000_000:,.0f} MB, more than the {max_mb:g} MB the kit "
                          "reads at once. Export a shorter period (a quarter or a month at a time)",
                          Advice("max_mb", "raise", int(size / 1_000_000) + 1), ".")
    with path.open("rb") as handle:
        head = handle.read(HEAD_BYTES)
    for magic, what, todo in MAGIC:
        if head.startswith(magic):
            raise ExportError(f"{file}: this is {what}, not an export the kit can read. {todo}")
    if head.startswith(b"PK\x03\x04"):
        return _zip(path)
    encoding = "utf-8-sig"
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding = "utf-16"
        head = head.decode("utf-16", errors="ignore").encode("utf-8")
    elif b"\x00" in head:
        raise ExportError(f"{file}: this is a binary file (it holds NUL bytes), not a CSV, Excel or JSON export. "
                          + WHAT_TO_EXPORT)
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if start.startswith(b"window.YTD."):
        part = start[len(b"window.YTD."):].split(b".", 1)[0].decode("ascii", "replace")
        return Sniffed("x_archive_js", "utf-8-sig", part)
    if start.startswith((b"{", b"[")):
        return Sniffed("json", encoding)
    lowered = start[:200].lower()
    if lowered.startswith((b"<!doctype html", b"<html")):
        raise ExportError(f"{file}: this is a web page (HTML), not an export; the browser saved the page instead "
                          "of the file. Use the platform's Export or Download button and load the file it gives.")
    if lowered.startswith(b"<?xml"):
        raise ExportError(f"{file}: this is an XML document, not an export the kit reads. " + WHAT_TO_EXPORT)
    return Sniffed("csv", encoding)


def _zip(path: Path) -> Sniffed:
    """An .xlsx workbook (a ZIP with xl/workbook.xml), or a refused archive that names what is inside."""
    file = str(path)
    try:
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
    except zipfile.BadZipFile:
        raise ExportError(f"{file}: this looks like a ZIP archive or Excel workbook but is damaged (cut short "
                          "while downloading?). Download it again.") from None
    if "xl/workbook.xml" in names:
        return Sniffed("xlsx")
    if "word/document.xml" in names:
        raise ExportError(f"{file}: this is a Word document, not an export. " + WHAT_TO_EXPORT)
    if "ppt/presentation.xml" in names:
        raise ExportError(f"{file}: this is a PowerPoint presentation, not an export. " + WHAT_TO_EXPORT)
    found = [(name, what) for name in names for suffix, what in KNOWN_INSIDE_ZIP
             if name == suffix or name.endswith("/" + suffix)]
    if found:
        inside = "; ".join(f"{name} ({what})" for name, what in found[:4])
        raise ExportError(f"{file}: this is a ZIP archive ({len(names)} files). Unzip it and load the file you "
                          f"need: {inside}.")
    raise ExportError(f"{file}: this is a ZIP archive ({len(names)} files) with no export the kit knows inside. "
                      "Unzip it and load the CSV, Excel or JSON file that holds your posts, mentions or reviews.")
