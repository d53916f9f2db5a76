"""docs/own-data.md, written from the profiles: the exports the kit recognises, each with its columns.

Regenerate after changing a profile: ``python -m socialkit.exports.docs docs/own-data.md``
(a test fails while the committed page differs from this rendering).
"""

from __future__ import annotations

import sys
from pathlib import Path

from socialkit import schema
from socialkit.exports.generic import COLUMN_ALIASES, EXPORT_REQUIRED
from socialkit.exports.profiles import PROFILES, Profile
from socialkit.exports.readers import CHUNK_ROWS
from socialkit.exports.sniff import MAX_MB

KIND_WORDS = {"brand_posts": "your own posts (`brand_posts`)", "mentions": "mentions (`mentions`)",
              "reviews": "reviews (`reviews`)"}
FORMAT_WORDS = {"csv": "CSV", "xlsx": "Excel (.xlsx)", "x_archive_js": "JavaScript (X archive)",
                "instagram_posts_json": "JSON", "facebook_posts_json": "JSON", "google_reviews_json": "JSON"}

INTRO = f"""# Your own data: the exports the kit reads

*Generated from `src/socialkit/exports/profiles.py` by `python -m socialkit.exports.docs docs/own-data.md`;
do not edit by hand.*

Bring the file a platform or tool gives you, as it is: the kit recognises it from its header row
(never by asking you to rename columns) and reads it into the same table as the course's sample
data, so the same dashboards work on it.

Learners do it without code in the appendix notebook `course/own_data/own_data.ipynb`: upload the file
(or type its path), read how each column was understood, and open the dashboards it can feed
(`socialkit.widgets.own_data_panel()`; `widgets.open_dashboard(loaded, "engagement")` does the same in
code, or refuses in one sentence that says what to export instead).

```python
from socialkit import exports
loaded = exports.read("tweet_activity_metrics_cafelumiere_20250301_20250401_en.csv")
loaded.report          # how each column was understood, what was left aside, what was assumed
loaded.table           # the data, typed like the sample table (loaded.kind: 'brand_posts', …)
loaded.feeds()         # which dashboards it can feed, and the charts they must leave out
```

`socialkit.data.read_export(path)` is the same reader and returns only the table (its report is in
`table.attrs["export_report"]`).

What the reader does for every file:

- **Formats**: CSV (UTF-8, with or without a byte-order mark; UTF-16 too), Excel `.xlsx`, and the
  JSON archives listed below. Any other file (an old `.xls`, a PDF, an image, a ZIP archive, a web
  page saved instead of the file…) is refused with a message saying what it is and what to export
  instead. A ZIP archive's message names the files inside that the kit can read.
- **Size**: files up to {MAX_MB} MB are read at once; a larger one is refused with its size (export a
  shorter period, or pass `max_mb=`: a CSV is then streamed {CHUNK_ROWS:,} rows at a time, so memory
  stays close to what `pandas.read_csv` alone takes for the file).
- **Cleaning**: a line of metric descriptions under the header and a `Total` row are left aside;
  a title above the header is skipped; a header written twice keeps both copies (`X`, `X (2)`);
  numbers written `"12,400"`, `89.0` or `-` (no figure) are read as 12400, 89 and missing.
- **Time zones**: times that carry an offset (`+0000`, `Z`) are converted to UTC; otherwise the zone
  named in the header (`Date (GMT)`, `(UTC)`) or the one known for the source is used and said in
  the report; `tz='Europe/Paris'` overrides both. When neither is known, the reader asks for `tz=`:
  it never guesses.
- **Metrics a source lacks** (LinkedIn's data download has no likes) are missing, not zero; the
  report lists them and `feeds()` names the charts that cannot be drawn.
- **Languages**: mentions and reviews in any language load (`lang` holds ISO codes such as `es`);
  sentiment is scored for English and French only, and the others are "not scored" (missing).
- **Broken rows** (a cell that cannot be read, a row with too many cells): the file is refused
  with the first one named and the count of all; `skip_broken=True` loads the others and the
  report lists the rows left out.
- The platform's own post type (Photo, Link, Video, Reel…) is kept in its own column, apart from
  the kit's editorial `post_type`.

"""


def _headers(field) -> str:
    return " or ".join(f"`{h}`" for h in field.headers)


def _profile(profile: Profile) -> str:
    lines = [f"### {profile.title}", ""]
    evidence = ("checked on a real export (`shared/real-exports/`)" if profile.evidence == "real" else
                "written from the vendor's documentation, with a fixture made here; not yet checked on a "
                "real export")
    lines += [f"- Profile `{profile.name}`, {FORMAT_WORDS[profile.fmt]}; {evidence}.",
              f"- How to get it: {profile.how_to_export}.",
              "- Recognised by the columns: " + ", ".join(f"`{h}`" for h in profile.signature) + "."]
    if profile.refusal:
        lines += [f"- **Not loaded**: {profile.refusal}", ""]
        return "\n".join(lines)
    lines.append(f"- Reads as {KIND_WORDS.get(profile.kind, profile.kind)}"
                 + (f", platform `{profile.platform}` for every row" if profile.platform else "") + ".")
    if profile.zone:
        lines.append(f"- Times: in {profile.zone} — {profile.zone_reason}.")
    elif profile.time_format == "snowflake":
        lines.append("- Times: read from the tweet ids (exact, UTC).")
    elif profile.time_format == "unix":
        lines.append("- Times: seconds since 1970, UTC.")
    elif profile.day_only:
        lines.append("- Times: days only (no hour of day).")
    elif profile.zone_reason:
        lines.append(f"- Times: no zone in the file{profile.zone_reason}: pass `tz=` with your account's zone.")
    if profile.lacks:
        lines.append(f"- Not in this export: {', '.join(profile.lacks)} — {profile.lacks_why}.")
    for note in profile.notes:
        lines.append(f"- {note}")
    lines += ["", "| column | from | note |", "|---|---|---|"]
    for name, field in profile.columns.items():
        part = f" (part matching `{field.pattern}`)".replace("|", "\\|") if field.pattern else ""
        lines.append(f"| `{name}` | {_headers(field)}{part} | {field.note} |")
    for name, rule in profile.derived.items():
        lines.append(f"| `{name}` | whether a reply date is filled in | |")
    lines.append("")
    return "\n".join(lines)


def _generic() -> str:
    lines = ["## A table with your own column names", "",
             "A file no profile recognises (a CSV or an Excel table you keep yourself) is read by its column",
             "names, for the `kind` you name: `read_export(path, kind='brand_posts')` (or `'mentions'`,",
             "`'reviews'`, `'threads'`). Names are compared ignoring case, accents, spaces, dashes, dots and",
             "apostrophes (`Date de réponse` matches `date de reponse`); a zone named in a header is set apart",
             "first. A column the kit does not recognise can be named: `columns={'stars': 'Note'}` (the panel",
             "asks one question per missing column). Times need ISO 8601 (`2025-03-14 12:34`) or",
             "`date_format=`; times without a zone need `tz=`.", "",
             "| kind | columns it must have |", "|---|---|"]
    for kind in ("brand_posts", "mentions", "reviews", "threads"):
        lines.append(f"| `{kind}` | {', '.join(f'`{c}`' for c in EXPORT_REQUIRED.get(kind, ()))} |")
    lines += ["", "| column | names also accepted |", "|---|---|"]
    for column, names in COLUMN_ALIASES.items():
        lines.append(f"| `{column}` | {', '.join(f'`{n}`' for n in names)} |")
    lines += ["", "Every other column of the kind's sample table is optional and added empty when absent; "
              "see `datasets/README.md` for what each column means "
              f"({', '.join(sorted(schema.TABLES))}).", ""]
    return "\n".join(lines)


def render() -> str:
    """The whole page, from the profiles (loadable ones first, then the recognised-but-refused ones)."""
    loadable = [p for p in PROFILES if not p.refusal]
    refused = [p for p in PROFILES if p.refusal]
    parts = [INTRO, "## Exports recognised from their header", ""]
    parts += [_profile(p) for p in loadable]
    parts += ["## Exports recognised but not loaded", "",
              "These files are recognised so that the message can say what they are and what to export "
              "instead.", ""]
    parts += [_profile(p) for p in refused]
    parts.append(_generic())
    return "\n".join(parts).rstrip("\n") + "\n"


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    target = Path(argv[0]) if argv else Path("docs/own-data.md")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(render(), encoding="utf-8")
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
