"""The kit's codes in plain words: brands, stakeholder groups, topics, languages, platforms, column names.

One place for the words a manager reads instead of the data's codes ("lumiere" → "Café Lumière",
"industry_leader" → "industry leaders"), used by charts, dashboards, tables and check messages.
"""

from __future__ import annotations

from socialkit.schema import BRANDS  # noqa: F401  (the codes come from the data's schema)

BRAND_NAMES = {"lumiere": "Café Lumière", "grano": "Grano & Co", "maison": "Maison Torréfaction"}
GROUP_LABELS = {
    "customer": "customers", "prospect": "prospects", "shareholder": "shareholders",
    "journalist": "journalists", "competitor_brand": "competitors' accounts",
    "industry_leader": "industry leaders", "influencer": "influencers",
    "employee": "employees", "brand": "brand accounts",
}
# The order in which stakeholder groups are listed to a manager: the market first, then the rest.
ROLE_ORDER = ("customer", "prospect", "shareholder", "journalist", "industry_leader", "influencer", "employee")
TOPIC_LABELS = {
    "app_order": "ordering through an app", "atmosphere": "atmosphere", "business_news": "business news",
    "coffee_quality": "coffee quality", "controversy": "controversy", "jobs": "jobs",
    "new_product": "new products", "price": "prices", "service": "service",
    "sustainability": "sustainability", "wait_time": "waiting time",
}
LANGUAGE_NAMES = {"en": "English", "fr": "French"}
PLATFORM_NAMES = {"x": "X (Twitter)", "linkedin": "LinkedIn", "instagram": "Instagram", "facebook": "Facebook",
                  "tiktok": "TikTok"}
# Column names of the kit's tables, as a manager would head them (e.g. the output of analytics.spikes).
COLUMN_WORDS = {
    "count": "mentions", "baseline_mean": "7-day average",
    "baseline_sd": "typical daily swing (standard deviation)", "z": "z", "alert": "alert?",
}

WORDS = {**BRAND_NAMES, **GROUP_LABELS, **TOPIC_LABELS, **LANGUAGE_NAMES, **PLATFORM_NAMES}


def brand_name(brand: str) -> str:
    """The brand's display name ("Café Lumière" for "lumiere"); unknown codes are shown as given."""
    return BRAND_NAMES.get(str(brand), str(brand))


def group_name(group: str) -> str:
    """A stakeholder group in plain words ("journalists" for "journalist")."""
    return GROUP_LABELS.get(str(group), str(group))


def topic_name(topic: str) -> str:
    """A topic in plain words ("ordering through an app" for "app_order")."""
    return TOPIC_LABELS.get(str(topic), str(topic))


def say(label):
    """Any code in plain words (brand, group, topic, language, platform); other labels unchanged."""
    return WORDS.get(label, label) if isinstance(label, str) else label


def in_words(table, value_name: str | None = None):
    """A copy of a table (or one column) ready to show a manager: codes in plain words, no programmer's labels.

    Brand, group, topic, language and platform codes in the row and column labels become words, and
    the kit's column names read as headings ("baseline_sd" → "typical daily swing (standard
    deviation)"); the titles of the labels themselves ("brand", "role", "period") are dropped. A
    single column becomes a one-column table headed ``value_name`` (default: its own name), so no
    "Name: …, dtype: …" line is printed under it.
    """
    import pandas as pd

    if isinstance(table, pd.Series):
        table = table.to_frame(value_name or str(table.name or "value"))
    elif not isinstance(table, pd.DataFrame):
        raise TypeError(f"in_words() needs a table or a column, not {type(table).__name__}.")
    shown = table.rename(index=say, columns=lambda c: COLUMN_WORDS.get(c, say(c)) if isinstance(c, str) else c)
    shown.index.name = None
    shown.columns.name = None
    return shown


# Module 07 (team): Café Lumière's teams and the topics of employees' own posts, as a manager would say them.
TEAM_LABELS = {
    "cafes": "café teams", "roastery": "roastery", "customer_care": "customer care", "sales": "sales",
    "marketing": "marketing", "management": "management", "hr": "HR", "finance": "finance", "it": "IT",
}
TEAM_ORDER = tuple(TEAM_LABELS)  # front line first, then the offices
EMPLOYEE_TOPIC_LABELS = {
    "coffee": "coffee and drinks", "work_life": "a day at work", "customer_story": "stories about customers",
    "company_news": "company news", "personal": "private life", "recruiting": "job offers",
    "events": "events", "behind_the_scenes": "behind the scenes",
}
TOPIC_LABELS.update(EMPLOYEE_TOPIC_LABELS)
WORDS.update({**TEAM_LABELS, **EMPLOYEE_TOPIC_LABELS})
COLUMN_WORDS.update({
    "headcount": "headcount", "active": "active", "participation_pct": "participation (% of headcount)",
    "people": "people", "followers": "followers (sum)", "times_brand": "× the brand's",
    "posts": "posts", "share_pct": "% of posts", "net_sentiment": "net sentiment (automatic)",
    "any": "any platform",
})
WORDS["any"] = "any platform"


def team_name(team: str) -> str:
    """A team in plain words ("café teams" for "cafes", "HR" for "hr")."""
    return TEAM_LABELS.get(str(team), str(team).replace("_", " "))
