"""A CSV no profile recognises: its headers matched to schema columns by name, for the ``kind`` the user names.

This is the kit's own "any CSV with sensible column names" path (a scheduler's export, a
spreadsheet a team keeps). Header names are compared after lower-casing and turning spaces,
dashes and dots into "_" ("Published at" → published_at); a zone named in a header ("Date (GMT)")
is set apart first. A header is mapped only to a column of the chosen kind; two headers that
could both be the same column are an error, never a silent pick.
"""

from __future__ import annotations

import re

from socialkit import schema
from socialkit.exports.errors import ExportError
from socialkit.exports.profiles import key

COLUMN_ALIASES: dict[str, tuple[str, ...]] = {
    "ts": ("date", "published_at", "publish_date", "published", "publication_date", "created_time",
           "created_at", "timestamp", "time", "date_time", "datetime", "posted_at", "post_date",
           "sent_at", "date_published", "publish_time"),
    "post_id": ("id", "tweet_id", "message_id", "update_id", "post_identifier"),
    "platform": ("network", "channel", "social_network", "social_network_name", "service"),
    "text": ("message", "content", "post_text", "body", "caption", "post", "post_content", "tweet", "tweet_text",
             "post_message", "description"),
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

# Columns an export must have, per kind; every other schema column is optional and, when absent,
# is added filled with missing values so that code written for the sample table still runs
# (metrics that need it then say so). Kinds not listed need every column.
EXPORT_REQUIRED: dict[str, tuple[str, ...]] = {
    "brand_posts": ("ts", "platform", "text", "likes"),
    "mentions": ("ts", "platform", "text"),
    "threads": ("opened_at", "platform", "first_response_at"),
    "reviews": ("ts", "platform", "stars"),
    "accounts": ("account_id", "followers"),
    "competitor_metrics": ("month", "brand", "platform", "followers"),
}

_ZONE_IN_HEADER = re.compile(r"[\s(\[]*\b(GMT|UTC|Z)\b[)\]]*\s*$", re.IGNORECASE)


def required(kind: str) -> tuple[str, ...]:
    """The columns ``kind`` needs in a generic export."""
    return EXPORT_REQUIRED.get(kind, tuple(c.name for c in schema.TABLES[kind]))


def zone_named_in(header: str) -> str | None:
    """'UTC' when a header names the zone of its times ("Date (GMT)", "Created (UTC)"), else None."""
    return "UTC" if _ZONE_IN_HEADER.search(str(header)) else None


def _plain_key(header: str) -> str:
    """A header's key without a zone named in it ("Date (GMT)" → "date")."""
    return key(_ZONE_IN_HEADER.sub("", str(header)) or header)


def map_headers(headers: list[str], kind: str, file: str) -> dict[str, str]:
    """Schema column → the export's header for it; two candidate headers for one column are an error."""
    keys: dict[str, list[str]] = {}
    for header in headers:
        keys.setdefault(_plain_key(header), []).append(header)
    mapping, used = {}, set()
    for col in schema.TABLES[kind]:
        if col.name in keys:  # the schema's own name wins over any alias
            found = keys[col.name]
            if len(found) > 1:
                raise ExportError(f"{file}: the columns {', '.join(map(repr, found))} have the same name. "
                                  "Rename or delete one of them.")
            mapping[col.name] = found[0]
            used.add(found[0])
            continue
        candidates = [h for a in COLUMN_ALIASES.get(col.name, ()) for h in keys.get(a, ()) if h not in used]
        if len(candidates) > 1:
            raise ExportError(f"{file}: the columns {', '.join(map(repr, candidates))} could each be the "
                              f"{col.name!r} column ({col.meaning}). Delete or rename all but one.")
        if candidates:
            mapping[col.name] = candidates[0]
            used.add(candidates[0])
    return mapping


def missing_message(file: str, kind: str, missing: list[str], headers: list[str]) -> str:
    """Which required columns are missing, the names that would have been accepted, and the file's own headers."""
    names = {c: COLUMN_ALIASES.get(c, ()) for c in missing}
    also = "; ".join(f"{c} (also accepted: {', '.join(a[:4])})" if a else c for c, a in names.items())
    return (f"{file}: missing column(s) {', '.join(map(repr, missing))} needed for kind {kind!r}. The file has: "
            f"{', '.join(map(repr, headers))}. The kit did not recognise it as a platform's export (docs/own-data.md "
            f"lists those); for a CSV of your own, add or rename the column(s): {also}."
            + (" If the whole file comes from one network, pass platform='facebook' (etc.)."
               if "platform" in missing else ""))
