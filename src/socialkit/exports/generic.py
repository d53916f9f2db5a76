"""A table no profile recognises: its headers matched to schema columns by name, for the ``kind`` the user names.

This is the kit's own "any table with sensible column names" path (a scheduler's export, a
spreadsheet a team keeps, in English or French). Header names are compared after lower-casing,
dropping accents and turning spaces, dashes, dots and apostrophes into "_" ("Date de réponse" →
date_de_reponse); a zone named in a header ("Date (GMT)") is set apart first. A header is mapped
only to a column of the chosen kind; two headers that could both be the same column are an error,
never a silent pick; the user can say which header holds a column (``columns={"stars": "Note"}``).
"""

from __future__ import annotations

import re
import unicodedata

from socialkit import schema
from socialkit.exports.errors import Advice, ColumnsToChoose, ExportError
from socialkit.exports.profiles import key

COLUMN_ALIASES: dict[str, tuple[str, ...]] = {
    "ts": ("date", "published_at", "publish_date", "published", "publication_date", "created_time",
           "created_at", "timestamp", "time", "date_time", "datetime", "posted_at", "post_date",
           "sent_at", "date_published", "publish_time",
           "date de publication", "publié le", "date et heure", "jour", "date du post", "date de l'avis", "posted",
           "posted on"),
    "post_id": ("id", "tweet_id", "message_id", "update_id", "post_identifier", "identifiant"),
    "platform": ("network", "channel", "social_network", "social_network_name", "service",
                 "source", "site", "réseau", "réseau social", "canal", "plateforme"),
    "text": ("message", "content", "post_text", "body", "caption", "post", "post_content", "tweet", "tweet_text",
             "post_message", "description",
             "review", "review_text", "comment", "avis", "commentaire", "texte", "contenu"),
    "account_id": ("account", "profile", "profile_id", "page", "page_id", "account_name", "compte", "profil"),
    "author_id": ("author", "user_id", "user", "from", "author_handle", "screen_name", "auteur", "utilisateur"),
    "lang": ("language", "langue"),
    "impressions": ("views", "impression_count", "total_impressions", "post_impressions", "vues"),
    "reach": ("unique_impressions", "people_reached", "accounts_reached", "post_reach", "portée", "couverture"),
    "likes": ("reactions", "favorites", "favourites", "like_count", "total_reactions",
              "j'aime", "mentions j'aime", "réactions"),
    "shares": ("retweets", "reposts", "share_count", "retweet_count", "partages"),
    "comments": ("comment_count", "replies", "reply_count", "commentaires"),
    "replies": ("comments", "reply_count", "comment_count", "réponses"),
    "link_clicks": ("clicks", "url_clicks", "link_click_count", "clics", "clics sur le lien"),
    "followers": ("follower_count", "followers_count", "fans", "page_likes", "audience", "abonnés"),
    "following": ("following_count", "friends_count", "abonnements"),
    "stars": ("rating", "star_rating", "score", "note", "étoiles", "nombre d'étoiles", "note sur 5"),
    "opened_at": ("created_at", "created", "received_at", "date", "opened", "date du message", "reçu le",
                  "date de réception", "date d'ouverture", "ouvert le"),
    "first_response_at": ("first_reply_at", "replied_at", "first_response", "responded_at", "date de réponse",
                          "répondu le", "première réponse", "date de première réponse"),
    "response_at": ("replied_at", "reply_date", "response_date", "owner_response_date", "date de réponse",
                    "répondu le", "date de la réponse"),
    "month": ("period", "date", "mois", "période"),
    "brand": ("marque",),
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
    """A header's key without a zone named in it and without accents ("Date de réponse (GMT)" → "date_de_reponse")."""
    plain = key(_ZONE_IN_HEADER.sub("", str(header)) or header)
    return "".join(c for c in unicodedata.normalize("NFKD", plain) if not unicodedata.combining(c))


def map_headers(headers: list[str], kind: str, file: str, chosen: dict[str, str] | None = None) -> dict[str, str]:
    """Schema column → the export's header for it; two candidate headers for one column are an error.

    ``chosen`` (schema column → header) is what the user said; those columns and headers are taken as said.
    """
    chosen = dict(chosen or {})
    keys: dict[str, list[str]] = {}
    for header in headers:
        if header not in chosen.values():
            keys.setdefault(_plain_key(header), []).append(header)
    mapping, used = dict(chosen), set(chosen.values())
    for col in schema.TABLES[kind]:
        if col.name in chosen:
            continue
        if col.name in keys:  # the schema's own name wins over any alias
            found = keys[col.name]
            if len(found) > 1:
                raise ExportError(f"{file}: the columns {', '.join(map(repr, found))} have the same name. "
                                  "Rename or delete one of them.")
            mapping[col.name] = found[0]
            used.add(found[0])
            continue
        aliases = dict.fromkeys(_plain_key(a) for a in COLUMN_ALIASES.get(col.name, ()))
        candidates = [h for a in aliases for h in keys.get(a, ()) if h not in used]
        if len(candidates) > 1:
            raise ColumnsToChoose(f"{file}: the columns {', '.join(map(repr, candidates))} could each be the "
                                  f"{col.name!r} column ({col.meaning}). Delete or rename all but one, or ",
                                  Advice("columns", "choose_one", {col.name: candidates[0]}),
                                  kind=kind, fields=(col.name,), headers=tuple(headers), file=file, several=True)
        if candidates:
            mapping[col.name] = candidates[0]
            used.add(candidates[0])
    return mapping


def missing_columns(file: str, kind: str, missing: list[str], headers: list[str]) -> ColumnsToChoose:
    """The refusal that names the required columns missing, the names that would have been accepted and the file's
    own headers, with the advice to say which column holds each (and, for the platform, to give it)."""
    names = {c: COLUMN_ALIASES.get(c, ()) for c in missing}
    also = "; ".join(f"{c} (also accepted: {', '.join(a[:4])})" if a else c for c, a in names.items())
    pieces = [f"{file}: missing column(s) {', '.join(map(repr, missing))} needed for kind {kind!r}. The file has: "
              f"{', '.join(map(repr, headers))}. The kit did not recognise it as a platform's export (docs/own-data.md "
              "lists those); ", Advice("columns", "choose", {missing[0]: headers[0]}),
              f", or rename the column(s): {also}."]
    if "platform" in missing:
        pieces += [" ", Advice("platform", "give")]
    return ColumnsToChoose(*pieces, kind=kind, fields=tuple(missing), headers=tuple(headers), file=file)


def check_chosen(chosen: dict[str, str], kind: str, headers: list[str], file: str) -> None:
    """The columns a user said hold each field exist, in the file and in the kind, each header used once."""
    names = [c.name for c in schema.TABLES[kind]]
    for name, header in chosen.items():
        if name not in names:
            raise ExportError(f"{file}: {name!r} is not a column of kind {kind!r}; choose among: {', '.join(names)}.")
        if header not in headers:
            raise ExportError(f"{file}: there is no column {header!r} in the file (it has: "
                              f"{', '.join(map(repr, headers))}); choose one of those for {name!r}.")
    twice = [h for h in dict.fromkeys(chosen.values()) if list(chosen.values()).count(h) > 1]
    if twice:
        said = [n for n, h in chosen.items() if h == twice[0]]
        raise ExportError(f"{file}: the column {twice[0]!r} was chosen for {' and '.join(map(repr, said))}; "
                          "one column can hold only one of them. Choose another column for one.")
