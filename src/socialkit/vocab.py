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
POST_TYPE_LABELS = {"automated_promo": "automated promotions", "conversation": "conversation posts",
                    "expertise": "expertise posts", "reply": "replies to people"}
PLATFORM_NAMES = {"x": "X (Twitter)", "linkedin": "LinkedIn", "instagram": "Instagram", "facebook": "Facebook",
                  "tiktok": "TikTok", "youtube": "YouTube"}
TECHNOLOGY_NAMES = {"internet": "internet", "email": "e-mail", "mobile_phone": "mobile phones",
                    "smartphone": "smartphones", "social_media": "social media"}
CHANNEL_NAMES = {"phone": "phone", "email": "e-mail", "social": "social media", "chat": "chat on the website",
                 "in_person": "in person"}
# Column names of the kit's tables, as a manager would head them (e.g. the output of analytics.spikes).
COLUMN_WORDS = {
    "count": "mentions", "baseline_mean": "7-day average",
    "baseline_sd": "typical daily swing (standard deviation)", "z": "z", "alert": "alert?",
    "resolved_pct": "resolved (%)", "sentiment_change": "change in mood (−2 to +2)",
    "public_replies": "public replies, by anyone (median)", "hours_to_resolution": "hours to a solution (median)",
    "meetings_kept": "meetings kept", "meetings_skipped": "meetings skipped", "hours_saved": "hours saved",
    "valuable_kept": "valuable contacts kept", "valuable_missed": "valuable contacts missed",
    "precision_pct": "precision (%)", "recall_pct": "recall (%)", "valuable_pct": "% valuable",
    "share_of_hours_pct": "% of meeting hours", "pairs_ranked_right_pct": "valuable one ranked higher (% of pairs)",
}
# The online signals noted for each meeting request (meeting_candidates), as a manager would say them.
SIGNAL_LABELS = {"relevance": "relevance to our business", "mutual_connections": "people in common",
                 "posts_90d": "posts in the last 90 days", "red_flags": "red flags"}
# What a meeting turned out to be (meeting_candidates.turned_out), as a manager would say it.
OUTCOME_LABELS = {"customer": "a customer", "partner": "a partner", "supplier": "a supplier",
                  "press": "a press article", "hire": "a hire", "sales_pitch": "a sales pitch",
                  "nothing": "nothing concrete"}

# Module 09's tables (reviews and competitors), as a manager would head them.
COLUMN_WORDS.update({
    "answered_pct": "answered (%)", "median_hours": "median hours to answer", "mean_stars": "plain average (stars)",
    "own_weight_pct": "weight of its own average (%)", "bayesian_average": "Bayesian average (stars)",
    "followers_at_end": "followers in the last month", "growth_pct_a_month": "growth (% a month)",
    "engagement_rate_pct": "engagement rate per post (%)", "posts_a_month": "posts a month",
    "earliest": "earliest (months)", "latest": "latest (months)", "catch_up_month": "around",
})

WORDS = {**BRAND_NAMES, **GROUP_LABELS, **TOPIC_LABELS, **LANGUAGE_NAMES, **PLATFORM_NAMES}
WORDS.update(POST_TYPE_LABELS)
COLUMN_WORDS.update({
    "conversation_rate": "conversation rate (comments per post)", "amplification_rate": "amplification rate "
    "(shares per post)", "applause_rate": "applause rate (likes per post)", "engagements": "engagements received",
    "rank_followers": "rank by followers", "rank_engagement": "rank by engagement received",
    "rank_engagement_per_post": "rank by engagement per post", "rank_amplification": "rank by shares received",
    "rank_conversation": "rank by replies received",
})
WORDS.update(SIGNAL_LABELS)  # (a second `WORDS = {…}` here once dropped the kinds of post)


def brand_name(brand: str) -> str:
    """The brand's display name ("Café Lumière" for "lumiere"); unknown codes are shown as given."""
    return BRAND_NAMES.get(str(brand), str(brand))


def group_name(group: str) -> str:
    """A stakeholder group in plain words ("journalists" for "journalist")."""
    return GROUP_LABELS.get(str(group), str(group))


def topic_name(topic: str) -> str:
    """A topic in plain words ("ordering through an app" for "app_order")."""
    return TOPIC_LABELS.get(str(topic), str(topic))


def post_type_name(post_type: str) -> str:
    """A kind of brand post in plain words ("automated promotions" for "automated_promo")."""
    return POST_TYPE_LABELS.get(str(post_type), str(post_type))


def platform_name(platform: str) -> str:
    """A platform's usual name ("X (Twitter)" for "x")."""
    return PLATFORM_NAMES.get(str(platform), str(platform))
def outcome_name(outcome: str) -> str:
    """What a meeting turned out to be, in plain words ("a sales pitch" for "sales_pitch")."""
    return OUTCOME_LABELS.get(str(outcome), str(outcome))
def technology_name(technology: str) -> str:
    """A technology of the ``adoption`` table in plain words ("mobile phones" for "mobile_phone")."""
    return TECHNOLOGY_NAMES.get(str(technology), str(technology))


def channel_name(channel: str) -> str:
    """A contact channel of ``channel_mix`` in plain words ("social media" for "social")."""
    return CHANNEL_NAMES.get(str(channel), str(channel))


def signed(value: float, decimals: int = 1) -> str:
    """A difference with its sign, written with a true minus as the lessons print it: ``+2.4``, ``−0.1``."""
    return f"{value:+.{decimals}f}".replace("-", "\u2212")


def say(label):
    """Any code in plain words (brand, group, topic, language, platform); other labels unchanged."""
    return WORDS.get(label, label) if isinstance(label, str) else label


def in_words(table, value_name: str | None = None):
    """A copy of a table (or one column) ready to show a manager: codes in plain words, no programmer's labels.

    Brand, group, topic, language and platform codes in the row and column labels become words, and
    the kit's column names read as headings ("baseline_sd" → "typical daily swing (standard
    deviation)"); codes in the cells of the columns listed in ``VALUE_WORDS`` (technology, channel,
    industry) become words too. The titles of the labels themselves ("brand", "role", "period") are
    dropped, except those the labels cannot be read without (``KEPT_INDEX_TITLES``: a bare 2.0 / 4.0 /
    7.0 says nothing). A missing value reads "—" (the chain's first row has no tie before it), never
    NaN. A single column becomes a one-column table headed ``value_name`` (default: its own name), so no
    "Name: …, dtype: …" line is printed under it.
    """
    import pandas as pd

    if isinstance(table, pd.Series):
        table = table.to_frame(value_name or str(table.name or "value"))
    elif not isinstance(table, pd.DataFrame):
        raise TypeError(f"in_words() needs a table or a column, not {type(table).__name__}.")
    headings = COLUMN_WORDS
    if "handle" in table.columns:
        # One row per account: its @handle names the row (an account code such as A04803 says nothing), and
        # "followers" are that account's own, not a team's sum.
        table = table.set_index("handle").rename(index=lambda h: f"@{h}", columns={"role": "who they are"})
        headings = {**COLUMN_WORDS, **ACCOUNT_COLUMN_WORDS}
    shown = table.rename(index=say, columns=lambda c: headings.get(c, say(c)) if isinstance(c, str) else c)
    for position, column in enumerate(table.columns):  # codes inside the cells: "social_media" → "social media"
        if column in VALUE_WORDS and not pd.api.types.is_numeric_dtype(table.iloc[:, position]):
            values = table.iloc[:, position]
            shown.isetitem(position, values.astype(object).where(values.isna(), values.map(VALUE_WORDS[column])))
    for position in range(shown.shape[1]):  # never "NaN" or "<NA>" on a manager's screen
        column = shown.iloc[:, position]
        if column.isna().any():
            shown.isetitem(position, _missing_as_dash(column))
    shown.index.name = KEPT_INDEX_TITLES.get(table.index.name) if isinstance(table.index.name, str) else None
    shown.columns.name = None
    return shown


def whole_if_whole(column):
    """A column of figures that are all whole numbers shown whole (32, not 32.0), its gaps kept as missing;
    any other column (a fraction in it, no figure at all, not numbers) as it is."""
    import pandas as pd

    present = column.dropna()
    if (pd.api.types.is_float_dtype(column) and len(present) and (present % 1 == 0).all()
            and (present.abs() < 2 ** 53).all()):  # beyond 2**53 a float is no longer an exact whole number
        return column.astype("Int64")
    return column


def _missing_as_dash(column):
    """A column with its missing values as "—" (whole numbers stay whole: 4, not 4.0)."""
    import pandas as pd

    present = whole_if_whole(column).dropna()
    shown = pd.Series("—", index=column.index, dtype=object, name=column.name)
    shown[column.notna().to_numpy()] = present.astype(object).to_numpy()
    return shown


# Row titles kept by in_words, in words: rows labelled by bare numbers need them.
KEPT_INDEX_TITLES = {"threshold": "threshold"}
# Headings of a table with one row per account (it has a "handle" column), where they differ from COLUMN_WORDS.
ACCOUNT_COLUMN_WORDS = {"followers": "followers", "posts": "posts about the brand"}

# Module 06 (networks): industries of the contacts table, and the network tables' columns in words.
INDUSTRY_LABELS = {
    "agriculture": "agriculture", "coffee_trade": "coffee trade", "food_service": "food service",
    "retail": "retail", "hospitality": "hospitality", "media": "media", "finance": "finance",
    "technology": "technology", "logistics": "logistics", "consulting": "consulting",
}
WORDS.update(INDUSTRY_LABELS)
COLUMN_WORDS.update({
    "steps": "steps away", "strength": "interactions a year", "new_people": "new people reached",
    "new_continents": "new continents", "betweenness_pct": "betweenness (%)", "constraint": "constraint (Burt)",
    "local_bridge": "local bridge?", "weak": "weak tie?", "distance": "where they live",
    "ties": "people they know", "since": "tie made on", "source_name": "one person", "source_city": "lives in",
    "target_name": "knows", "target_city": "who lives in",
})


def industry_name(industry: str) -> str:
    """An industry in plain words ("coffee trade" for "coffee_trade")."""
    return INDUSTRY_LABELS.get(str(industry), str(industry).replace("_", " "))

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

# Module 08 (trust): the policy review's labels and the experiment's figures, as a manager would say them.
POLICY_LABELS_IN_WORDS = {
    "ok": "within the policy", "insult": "insults a customer or colleague", "profanity": "swearing",
    "confidential": "confidential information", "off_values": "against the company's values",
}
WORDS.update(POLICY_LABELS_IN_WORDS)
COLUMN_WORDS.update({
    "violation_pct": "against the policy (% of posts)", "flagged": "flagged", "flagged_pct": "% flagged",
    "flagged_by": "words that flagged it", "precision_pct": "precision (%)", "recall_pct": "recall (%)",
    "test_pct": "test group (%)", "control_pct": "control group (%)", "uplift_points": "uplift (points)",
    "relative_uplift_pct": "relative uplift (%)", "margin_points": "95 % margin (± points)",
    "p_value": "p-value", "test_posts": "test posts", "control_posts": "control posts",
})


def policy_label_name(label: str) -> str:
    """A label of the policy review in plain words ("swearing" for "profanity")."""
    return POLICY_LABELS_IN_WORDS.get(str(label), str(label).replace("_", " "))


# Module 04 (expertise): who wrote a brand post or answered a thread, and its tables' columns, in words.
ROLE_LABELS = {"intern": "intern", "community_manager": "community manager", "executive": "executive",
               "expert": "expert"}
WORDS.update(ROLE_LABELS)
COLUMN_WORDS.update({
    "successes": "with the outcome", "rate_pct": "rate (%)", "low_pct": "95 % interval: from (%)",
    "high_pct": "95 % interval: to (%)", "leader_replies": "replies from industry leaders",
    "replies_per_post": "leader replies per post", "drew_a_leader_pct": "drew a leader's reply (% of posts)",
    "focus_pct": "on core topics (% of posts)", "difference": "difference (points)",
})


# Module 08 (trust): the policy table's total, in words.
COLUMN_WORDS.update({"all_breaches": "all breaches (%)"})

# Module 10 (here to stay): the channel and technology columns of its tables, in words.
COLUMN_WORDS["pct_adults"] = "% of people who use it"
COLUMN_WORDS.update({code: CHANNEL_NAMES[code] for code in ("email", "social", "chat", "in_person")})
COLUMN_WORDS.update({code: TECHNOLOGY_NAMES[code] for code in ("mobile_phone", "social_media")})


# Columns whose cells hold codes, and the function that says a code in words (used by in_words).
VALUE_WORDS = {"technology": technology_name, "channel": channel_name, "industry": industry_name}
