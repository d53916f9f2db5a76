"""The columns of every sample table: the one contract between `datagen`, `data` and the lessons.

Types: ``str`` text; ``int`` whole number (nullable); ``float``; ``bool`` (written
``true``/``false``); ``datetime`` an ISO 8601 UTC timestamp ending in ``Z``
(``2025-03-14T12:34:56Z``); ``date`` a calendar day (``2025-03-01``);
``category`` one of ``values`` (``values=None``: any text, still stored as a
category). An empty cell is a missing value, allowed only where ``nullable``.
Rates stored in the data are fractions from 0 to 1; the analytics report percentages.
"""

from __future__ import annotations

from dataclasses import dataclass

PLATFORMS = ("x", "linkedin", "instagram", "facebook", "tiktok")
BRANDS = ("lumiere", "grano", "maison")
LANGS = ("en", "fr")
CONTINENTS = ("Europe", "North America", "South America", "Asia", "Africa", "Oceania")
SENTIMENTS = ("positive", "neutral", "negative")
ACCOUNT_ROLES = (
    "customer", "prospect", "shareholder", "journalist", "competitor_brand",
    "industry_leader", "influencer", "employee", "brand",
)
AUTHOR_ROLES = ("intern", "community_manager", "executive", "expert")
POST_TYPES = ("automated_promo", "conversation", "expertise", "reply")
POLICY_LABELS = ("ok", "insult", "profanity", "confidential", "off_values")
REVIEW_PLATFORMS = ("google", "tripadvisor", "yelp")
CHANNELS = ("phone", "email", "social", "chat", "in_person")
MEETING_OUTCOMES = ("customer", "partner", "supplier", "press", "hire", "sales_pitch", "nothing")
TECHNOLOGIES = ("internet", "email", "mobile_phone", "smartphone", "social_media")


@dataclass(frozen=True)
class Column:
    """One column: its name, type, whether it may be empty, its allowed values, and its meaning."""

    name: str
    type: str
    meaning: str
    nullable: bool = False
    values: tuple[str, ...] | None = None
    unit: str = ""


def C(name, type, meaning, **kw) -> Column:  # noqa: N802 - short on purpose, read as a table
    return Column(name, type, meaning, **kw)


TABLES: dict[str, tuple[Column, ...]] = {
    "accounts": (
        C("account_id", "str", "unique id of a social account, e.g. A00042"),
        C("handle", "str", "the @handle, without the @"),
        C("display_name", "str", "name shown on the profile"),
        C("role", "category", "who the account is to Café Lumière", values=ACCOUNT_ROLES),
        C("lang", "category", "main language", values=LANGS),
        C("city", "str", "city"),
        C("country", "str", "country"),
        C("continent", "category", "continent", values=CONTINENTS),
        C("followers", "int", "followers", unit="accounts"),
        C("following", "int", "accounts followed", unit="accounts"),
        C("created_at", "datetime", "when the account was opened (UTC)"),
        C("verified", "bool", "carries the platform's verified badge"),
    ),
    "mentions": (
        C("post_id", "str", "unique id of the public post, e.g. M000123"),
        C("ts", "datetime", "when it was posted (UTC)"),
        C("platform", "category", "social platform", values=PLATFORMS),
        C("author_id", "str", "account_id of the author (see accounts)"),
        C("lang", "category", "language of the text", values=LANGS),
        C("text", "str", "the post's text"),
        C("brand", "category", "the brand mentioned", values=BRANDS),
        C("topic", "category", "what the post is about", values=None),
        C("likes", "int", "likes", unit="count"),
        C("shares", "int", "shares / reposts", unit="count"),
        C("replies", "int", "replies", unit="count"),
        C("is_question", "bool", "the author asks the brand a question"),
        C("is_complaint", "bool", "the author complains"),
        C("true_sentiment", "category", "sentiment as labelled by a human reader", values=SENTIMENTS),
    ),
    "brand_posts": (
        C("post_id", "str", "unique id, e.g. B00042"),
        C("ts", "datetime", "when it was posted (UTC)"),
        C("platform", "category", "social platform", values=PLATFORMS),
        C("account_id", "str", "the brand account that posted"),
        C("brand", "category", "whose post it is", values=BRANDS),
        C("author_role", "category", "who wrote it", values=AUTHOR_ROLES),
        C("post_type", "category", "kind of post", values=POST_TYPES),
        C("topic", "category", "what the post is about", values=None),
        C("text", "str", "the post's text"),
        C("impressions", "int", "times shown on screens", unit="count"),
        C("reach", "int", "distinct accounts that saw it", unit="accounts"),
        C("likes", "int", "likes", unit="count"),
        C("shares", "int", "shares", unit="count"),
        C("comments", "int", "comments", unit="count"),
        C("leader_replies", "int", "replies from industry leaders", unit="count"),
        C("link_clicks", "int", "clicks on a link in the post", unit="count"),
    ),
    "threads": (
        C("thread_id", "str", "unique id of a customer-care conversation, e.g. T00042"),
        C("opened_at", "datetime", "when the customer posted (UTC)"),
        C("platform", "category", "social platform", values=PLATFORMS),
        C("customer_id", "str", "account_id of the customer"),
        C("category", "category", "what the customer raises", values=None),
        C("is_complaint", "bool", "the thread opens with a complaint"),
        C("first_response_at", "datetime", "first answer from Café Lumière; empty if never answered", nullable=True),
        C("responder_role", "category", "who answered; empty if never answered", values=AUTHOR_ROLES, nullable=True),
        C("moved_to_private", "bool", "the conversation moved to a private message"),
        C("resolved", "bool", "the customer's problem was solved"),
        C("resolved_at", "datetime", "when it was solved; empty if not", nullable=True),
        C("sentiment_before", "float", "customer's sentiment before any answer, -1 to +1"),
        C("sentiment_after", "float", "customer's sentiment at the end, -1 to +1"),
        C("public_replies", "int", "public replies in the thread", unit="count"),
    ),
    "contacts": (
        C("contact_id", "str", "unique id of a person in the manager's network, e.g. P0042"),
        C("name", "str", "full name"),
        C("city", "str", "city"),
        C("country", "str", "country"),
        C("continent", "category", "continent", values=CONTINENTS),
        C("industry", "category", "industry", values=None),
        C("role", "str", "job title"),
        C("seniority", "category", "level", values=("junior", "mid", "senior", "executive")),
    ),
    "connections": (
        C("source", "str", "contact_id of one person"),
        C("target", "str", "contact_id of the other person"),
        C("strength", "int", "interactions a year", unit="count"),
        C("since", "date", "when they connected"),
    ),
    "meeting_candidates": (
        C("candidate_id", "str", "unique id, e.g. K0042"),
        C("relevance", "float", "how close their online activity is to our business, 0 to 1"),
        C("posts_90d", "int", "posts in the last 90 days", unit="count"),
        C("mutual_connections", "int", "people we both know", unit="count"),
        C("red_flags", "int", "warning signs seen online", unit="count"),
        C("met", "bool", "the managing director met them in 2025"),
        C("meeting_hours", "float", "hours the meeting took, or would have taken (travel included)", unit="hours"),
        C("turned_out", "category", "what the meeting turned out to be; known only for the people met",
          values=MEETING_OUTCOMES, nullable=True),
        C("valuable", "bool", "ground truth: the contact proved valuable (a customer, partner, supplier, press "
          "article or hire); known only for the people met", nullable=True),
    ),
    "employees": (
        C("employee_id", "str", "unique id, e.g. E0042"),
        C("team", "category", "team", values=None),
        C("role", "str", "job title"),
        C("seniority_years", "int", "years at the company", unit="years"),
        C("age_band", "category", "age band", values=("18-24", "25-34", "35-44", "45-54", "55+")),
        *(C(f"active_{p}", "bool", f"active on {p}") for p in PLATFORMS),
        C("followers", "int", "followers on their main platform", unit="accounts"),
        C("advocacy_opt_in", "bool", "joined the employee advocacy programme"),
    ),
    "employee_posts": (
        C("post_id", "str", "unique id, e.g. EP00042"),
        C("employee_id", "str", "the author (see employees)"),
        C("ts", "datetime", "when it was posted (UTC)"),
        C("platform", "category", "social platform", values=PLATFORMS),
        C("lang", "category", "language of the text", values=LANGS),
        C("text", "str", "the post's text"),
        C("mentions_company", "bool", "the post names Café Lumière"),
        C("topic", "category", "what the post is about", values=None),
        C("likes", "int", "likes", unit="count"),
        C("shares", "int", "shares", unit="count"),
        C("is_experiment", "bool", "part of the spring content experiment"),
        C("complaints", "int", "complaints the post drew", unit="count"),
        C("policy_label", "category", "ground truth from the policy review", values=POLICY_LABELS),
    ),
    "reviews": (
        C("review_id", "str", "unique id, e.g. R000042"),
        C("business", "category", "the brand reviewed", values=BRANDS),
        C("platform", "category", "review site", values=REVIEW_PLATFORMS),
        C("city", "str", "city of the café"),
        C("ts", "datetime", "when it was posted (UTC)"),
        C("stars", "int", "rating, 1 to 5", unit="stars"),
        C("lang", "category", "language", values=LANGS),
        C("text", "str", "the review's text"),
        C("responded", "bool", "the business answered"),
        C("response_at", "datetime", "when it answered; empty if not", nullable=True),
    ),
    "competitor_metrics": (
        C("month", "date", "first day of the month"),
        C("brand", "category", "brand", values=BRANDS),
        C("platform", "category", "social platform", values=PLATFORMS),
        C("followers", "int", "followers at the end of the month", unit="accounts"),
        C("posts", "int", "posts published in the month", unit="count"),
        C("engagements", "int", "likes + shares + comments in the month", unit="count"),
        C("response_rate", "float", "share of customer questions answered, 0 to 1"),
    ),
    "channel_mix": (
        C("month", "date", "first day of the month"),
        C("channel", "category", "how the customer contacted us", values=CHANNELS),
        C("contacts", "int", "customer contacts", unit="count"),
    ),
    "adoption": (
        C("year", "int", "survey year"),
        C("technology", "category", "technology", values=TECHNOLOGIES),
        C("country", "str", "country surveyed"),
        C("pct_adults", "float", "share of adults who use it", unit="%"),
        C("source", "str", "the publication the figure comes from"),
    ),
}


def columns(table: str) -> tuple[Column, ...]:
    """The columns of ``table``; a clear KeyError naming the available tables otherwise."""
    try:
        return TABLES[table]
    except KeyError:
        raise KeyError(
            f"There is no sample table called {table!r}. "
            f"Available tables: {', '.join(sorted(TABLES))}."
        ) from None
