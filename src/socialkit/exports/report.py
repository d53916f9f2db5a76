"""What happened while loading an export, in plain words, and which dashboards the result can feed.

``LoadReport`` lists how each column was understood, what was kept without being used, what was
left aside (rows, parts of an archive), the assumptions made (time zones), skipped broken rows,
and the metrics the source does not have. ``feeds`` tells a dashboard whether it can be drawn and,
when it can only partly be drawn, which charts it must leave out and why.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

METRICS = {
    "brand_posts": ("impressions", "reach", "likes", "shares", "comments", "link_clicks"),
    "mentions": ("likes", "shares", "replies"),
    "reviews": ("stars",),
    "threads": ("first_response_at",),
}


@dataclass(frozen=True)
class ColumnUse:
    """One schema column and where it came from, in words ("'Tweet text'", "'retweets' (retweets)")."""

    column: str
    source: str
    how: str = ""

    def __str__(self) -> str:
        return f"{self.column} ← {self.source}" + (f" ({self.how})" if self.how else "")


@dataclass(frozen=True)
class LoadReport:
    """How a user's export was read. ``str(report)`` (or ``summary()``) says it in plain words."""

    file: str
    source: str  # the profile's title, or "a table with your own column names"
    profile: str | None
    kind: str
    rows_in_file: int
    rows_loaded: int
    columns: tuple[ColumnUse, ...] = ()
    kept: tuple[str, ...] = ()  # extra columns kept as they are (not used by the dashboards)
    left_aside: tuple[str, ...] = ()
    assumptions: tuple[str, ...] = ()
    cleaning: tuple[str, ...] = ()  # what was mended or normalised
    chosen: tuple[tuple[str, str], ...] = ()  # (column, header) the user said holds it (``columns=``)
    skipped_rows: tuple[tuple[int, str], ...] = ()  # (row as a spreadsheet numbers it, why)
    missing_metrics: tuple[str, ...] = ()  # every metric of the kind without a single figure
    lacked: tuple[str, ...] = ()  # those the source never exports (the rest are empty in this file)
    missing_why: str = ""
    good_to_know: tuple[str, ...] = ()
    day_only: bool = False
    zone_replaced: tuple[str, ...] = ()  # zones the file or its source states that tz= replaced, in words

    def __deepcopy__(self, memo):
        """The report is immutable: pandas copies a table's attrs on every operation, so share it instead."""
        return self

    def summary(self) -> str:
        """The report as a few short paragraphs a manager can read."""
        lines = [f"{self.file}: read as {self.source}, {self.rows_loaded:,} row(s) loaded as {self.kind!r}"
                 + (f" out of {self.rows_in_file:,}" if self.rows_in_file != self.rows_loaded else "") + "."]
        if self.columns:
            lines.append("Columns understood: " + "; ".join(map(str, self.columns)) + ".")
        if self.chosen:
            lines.append("You said: " + "; ".join(f"{h!r} holds {c}" for c, h in self.chosen) + ".")
        if self.kept:
            lines.append("Kept as they are, not used by the dashboards: " + ", ".join(map(repr, self.kept)) + ".")
        lacked = [m for m in self.missing_metrics if m in self.lacked]
        empty = [m for m in self.missing_metrics if m not in self.lacked]
        if lacked:
            lines.append(f"Not in this export: {', '.join(lacked)}"
                         + (f" — {self.missing_why}" if self.missing_why else "") + ".")
        if empty:
            lines.append(f"No figure at all in this file for: {', '.join(empty)}.")
        for title, items in (("Assumed", self.assumptions), ("Cleaned", self.cleaning),
                             ("Left aside", self.left_aside)):
            if items:
                lines.append(f"{title}: " + "; ".join(items) + ".")
        if self.good_to_know:
            lines.append("Good to know: " + " ".join(self.good_to_know))
        if self.skipped_rows:
            shown = ", ".join(f"row {row} ({why})" for row, why in self.skipped_rows[:5])
            more = f" and {len(self.skipped_rows) - 5:,} more" if len(self.skipped_rows) > 5 else ""
            lines.append(f"Skipped {len(self.skipped_rows):,} broken row(s) at your request: {shown}{more}.")
        return "\n".join(lines)

    __str__ = summary


@dataclass(frozen=True)
class Feed:
    """Whether one dashboard can be drawn on the data, and the charts it must leave out (with why)."""

    dashboard: str
    ok: bool
    why: str = ""
    charts_missing: tuple[str, ...] = field(default_factory=tuple)


def _filled(table: pd.DataFrame, column: str) -> bool:
    return column in table.columns and bool(table[column].notna().any())


def feeds(table: pd.DataFrame, kind: str, *, day_only: bool = False) -> dict[str, Feed]:
    """Which of the course's dashboards this table can feed: listening, engagement, response_times, reviews.

    Listening needs mentions with times and text (or a brand); engagement needs your posts with
    times and likes, shares or comments; response times need question and answer times (care
    threads, or reviews with the business's reply time); reviews need stars.
    """
    has = {c: _filled(table, c) for c in table.columns}
    hourly = () if not day_only else ("posting by hour of day (the export gives days, not times)",)
    out = {}
    # listening
    if kind != "mentions":
        out["listening"] = Feed("listening", False, f"the file holds {_what(kind)}, not mentions of brands")
    elif not has.get("ts") or not (has.get("text") or has.get("brand")):
        out["listening"] = Feed("listening", False, "the mentions have no times or no text")
    else:
        missing = []
        if not has.get("brand"):
            missing.append("share of voice by brand (the export does not say which brand each mention is about)")
        if "lang" in table.columns:
            langs = table["lang"].astype("object")
            if not langs.isin(["en", "fr"]).any():
                missing.append("sentiment (only English and French are scored)")
        out["listening"] = Feed("listening", True, "", tuple(missing) + hourly)
    # engagement
    interactions = [c for c in ("likes", "shares", "comments") if has.get(c)]
    if kind != "brand_posts":
        out["engagement"] = Feed("engagement", False, f"the file holds {_what(kind)}, not your own posts")
    elif not has.get("ts") or not interactions:
        out["engagement"] = Feed("engagement", False,
                                 "the export has no likes, shares or comments for your posts")
    else:
        missing = [f"{c} (not in this export)" for c in ("likes", "shares", "comments") if not has.get(c)]
        if not (has.get("reach") or has.get("impressions")):
            missing.append("engagement rate (needs reach or impressions)")
        out["engagement"] = Feed("engagement", True, "", tuple(missing) + hourly)
    # response times
    if kind == "threads" and has.get("opened_at") and has.get("first_response_at"):
        out["response_times"] = Feed("response_times", True)
    elif kind == "reviews" and has.get("ts") and has.get("response_at"):
        out["response_times"] = Feed("response_times", True, "", ("time to answer each customer's question "
                                                                  "(reviews give the reply to a review instead)",))
    else:
        out["response_times"] = Feed("response_times", False,
                                     "it needs when each customer wrote and when you answered")
    # reviews
    if kind == "reviews" and has.get("stars"):
        out["reviews"] = Feed("reviews", True, "", () if has.get("text") else ("what reviewers wrote (no text)",))
    else:
        out["reviews"] = Feed("reviews", False, f"the file holds {_what(kind)}, not reviews with stars"
                              if kind != "reviews" else "the reviews have no stars")
    return out


def _what(kind: str) -> str:
    return {"brand_posts": "your own posts", "mentions": "mentions", "reviews": "reviews",
            "threads": "customer-care conversations"}.get(kind, f"a {kind!r} table")
