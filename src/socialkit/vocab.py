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
TECHNOLOGY_NAMES = {"internet": "internet", "email": "e-mail", "mobile_phone": "mobile phones",
                    "smartphone": "smartphones", "social_media": "social media"}
CHANNEL_NAMES = {"phone": "phone", "email": "e-mail", "social": "social media", "chat": "chat on the website",
                 "in_person": "in person"}
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


def technology_name(technology: str) -> str:
    """A technology of the ``adoption`` table in plain words ("mobile phones" for "mobile_phone")."""
    return TECHNOLOGY_NAMES.get(str(technology), str(technology))


def channel_name(channel: str) -> str:
    """A contact channel of ``channel_mix`` in plain words ("social media" for "social")."""
    return CHANNEL_NAMES.get(str(channel), str(channel))


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
