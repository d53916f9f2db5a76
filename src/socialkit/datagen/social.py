"""The public social world: accounts and the mentions of the three brands (with the spring backlash)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from socialkit.datagen import text as T
from socialkit.datagen._common import (
    BACKLASH_DECAY_HOURS, BACKLASH_POST_TS, BRAND_CITIES, BRAND_HANDLES, BRAND_NAMES, CITIES,
    DAYS_IN_YEAR, FIRST_NAMES_EN, FIRST_NAMES_FR, HOURS_IN_YEAR, LAST_NAMES_EN, LAST_NAMES_FR,
    TIMEZONES, ascii_slug, choose_rows, hourly_intensity, ids, month_of, pick, sample_seconds,
    scaled, seconds_of, to_datetime,
)
from socialkit.schema import BRANDS, PLATFORMS

# --- accounts -----------------------------------------------------------------------------
# The brands' own accounts, always present whatever the scale.
BRAND_ACCOUNTS = (
    # handle, display name, role, lang, city, followers, following, created, verified
    ("cafelumiere", "Café Lumière", "brand", "fr", "Lyon", 48_200, 610, "2010-05-12", True),
    ("cafelumiere_paris", "Café Lumière Paris", "brand", "fr", "Paris", 12_400, 380, "2014-03-03", True),
    ("cafelumiere_bxl", "Café Lumière Bruxelles", "brand", "fr", "Brussels", 4_100, 240, "2017-09-18", False),
    ("cafelumiere_uk", "Café Lumière London", "brand", "en", "London", 9_800, 310, "2016-06-01", True),
    ("cafelumiere_mtl", "Café Lumière Montréal", "brand", "fr", "Montréal", 6_300, 290, "2019-02-14", False),
    ("granoandco", "Grano & Co", "competitor_brand", "fr", "Paris", 31_500, 1_240, "2018-01-22", True),
    ("maisontorrefaction", "Maison Torréfaction", "competitor_brand", "fr", "Lyon", 870, 12, "2012-11-05", False),
)
ROLE_SHARES = {  # of the non-brand accounts
    "customer": 0.63, "prospect": 0.12, "shareholder": 0.03, "journalist": 0.025,
    "industry_leader": 0.03, "influencer": 0.035, "employee": 0.08,
}
# Followers are lognormal per role: (median, sigma of the log).
FOLLOWERS = {
    "customer": (240, 1.35), "prospect": (300, 1.4), "shareholder": (420, 1.4),
    "journalist": (3_500, 1.2), "industry_leader": (6_000, 1.3), "influencer": (15_000, 1.1),
    "employee": (280, 1.2),
}
CITY_WEIGHTS = {
    "Lyon": 0.20, "Paris": 0.24, "Brussels": 0.09, "London": 0.15, "Montréal": 0.09,
    "Marseille": 0.03, "Bordeaux": 0.025, "Lille": 0.02, "Geneva": 0.025, "Manchester": 0.02,
    "Milan": 0.015, "Berlin": 0.015, "Barcelona": 0.01, "Amsterdam": 0.01, "Toronto": 0.015,
    "New York": 0.02, "San Francisco": 0.005, "São Paulo": 0.004, "Bogotá": 0.003,
    "Addis Ababa": 0.002, "Nairobi": 0.003, "Dakar": 0.004, "Tokyo": 0.004, "Singapore": 0.004,
    "Sydney": 0.004,
}
# How much each role posts about coffee brands (times an individual lognormal activity).
ROLE_ACTIVITY = {
    "customer": 1.0, "prospect": 0.6, "shareholder": 0.9, "journalist": 1.6,
    "industry_leader": 1.3, "influencer": 2.0, "employee": 1.2,
}


def person_names(rng: np.random.Generator, langs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Display names and unique handles for people, French or English by their language."""
    n = len(langs)
    first = np.where(langs == "fr", pick(rng, FIRST_NAMES_FR, n), pick(rng, FIRST_NAMES_EN, n))
    last = np.where(langs == "fr", pick(rng, LAST_NAMES_FR, n), pick(rng, LAST_NAMES_EN, n))
    style = rng.integers(0, 4, size=n)
    digits = rng.integers(1, 100, size=n)
    display, handles = [], []
    for f, l, s, d in zip(first, last, style, digits):
        display.append(f"{f} {l}")
        a, b = ascii_slug(f), ascii_slug(l)
        handles.append((f"{a}{b}", f"{a}_{b}", f"{a}.{b}{d}", f"{a[0]}{b}{d}")[s])
    seen: dict[str, int] = {}
    unique = []
    for h in handles:  # a repeated handle gets _2, _3 … in order of appearance
        seen[h] = seen.get(h, 0) + 1
        unique.append(h if seen[h] == 1 else f"{h}_{seen[h]}")
    return np.asarray(display, dtype=object), np.asarray(unique, dtype=object)


def build_accounts(rng: np.random.Generator, scale: float) -> pd.DataFrame:
    """~5,000 accounts: brands, customers, journalists, influencers …; followers heavy-tailed."""
    n = max(scaled(5_000, scale), len(BRAND_ACCOUNTS) + 10)
    m = n - len(BRAND_ACCOUNTS)
    roles = pick(rng, tuple(ROLE_SHARES), m, p=list(ROLE_SHARES.values()))
    cities = pick(rng, tuple(CITY_WEIGHTS), m, p=list(CITY_WEIGHTS.values()))
    fr_share = np.array([CITIES[c][2] for c in cities])
    langs = np.where(rng.random(m) < fr_share, "fr", "en").astype(object)
    display, handles = person_names(rng, langs)
    median = np.array([FOLLOWERS[r][0] for r in roles], dtype=float)
    sigma = np.array([FOLLOWERS[r][1] for r in roles])
    followers = np.round(median * np.exp(sigma * rng.standard_normal(m))).astype(np.int64)
    following_median = np.where(np.isin(roles, ["influencer", "journalist"]), 900.0, 260.0)
    following = np.round(following_median * np.exp(0.9 * rng.standard_normal(m))).astype(np.int64)
    first_day = seconds_of(np.datetime64("2008-01-01T00:00:00"))
    created = rng.integers(first_day, 0, size=m)  # before 2025
    p_verified = np.where(followers > 50_000, 0.8, np.where(followers > 10_000, 0.35, 0.01))
    p_verified = np.where(roles == "journalist", np.maximum(p_verified, 0.3), p_verified)
    verified = rng.random(m) < p_verified

    special = pd.DataFrame(BRAND_ACCOUNTS, columns=[
        "handle", "display_name", "role", "lang", "city", "followers", "following", "created", "verified"])
    people = pd.DataFrame({
        "handle": handles, "display_name": display, "role": roles, "lang": langs, "city": cities,
        "followers": followers, "following": following, "verified": verified,
    })
    special_created = seconds_of(special.pop("created").to_numpy(dtype="datetime64[s]"))
    df = pd.concat([special, people], ignore_index=True)
    df["created_at"] = to_datetime(np.concatenate([special_created, created]))
    df.insert(0, "account_id", ids("A", len(df), 5))
    df["country"] = [CITIES[c][0] for c in df["city"]]
    df["continent"] = [CITIES[c][1] for c in df["city"]]
    df["tz"] = [CITIES[c][3] for c in df["city"]]
    activity = np.exp(1.0 * rng.standard_normal(len(df))) * df["role"].map(ROLE_ACTIVITY).fillna(0).to_numpy()
    df["activity"] = activity
    return df


# --- mentions -----------------------------------------------------------------------------
BASE_MENTIONS = 38_600
BACKLASH_MENTIONS = 1_150
PLATFORM_MIX = {
    "lumiere": (0.30, 0.12, 0.28, 0.15, 0.15),  # x, linkedin, instagram, facebook, tiktok
    "grano": (0.20, 0.12, 0.33, 0.07, 0.28),
    "maison": (0.12, 0.08, 0.15, 0.60, 0.05),
}
BACKLASH_PLATFORM_MIX = (0.45, 0.08, 0.20, 0.15, 0.12)
# Where each brand's mentioners live: weight by city (others 1).
BRAND_AUDIENCE = {
    "lumiere": {},
    "grano": {"Paris": 2.0, "Lyon": 1.2, "Brussels": 1.5, "London": 1.5, "Montréal": 0.1},
    "maison": {"Lyon": 3.0, "Paris": 1.0, "Montréal": 0.0, "London": 0.0, "*": 0.03},
}
# sentiment shares (positive, neutral, negative) by brand at the start and end of the year
BRAND_SENTIMENT = {
    "lumiere": ((0.47, 0.39, 0.14), (0.47, 0.39, 0.14)),
    "grano": ((0.42, 0.42, 0.16), (0.55, 0.36, 0.09)),
    "maison": ((0.38, 0.42, 0.20), (0.31, 0.43, 0.26)),
}
ROLE_SENTIMENT = {  # replaces the brand's shares for these stakeholder groups
    "employee": (0.75, 0.22, 0.03),
    "journalist": (0.15, 0.70, 0.15),
    "shareholder": (0.20, 0.55, 0.25),
    "industry_leader": (0.35, 0.55, 0.10),
    "influencer": (0.62, 0.28, 0.10),
}
BACKLASH_SENTIMENT = (0.07, 0.15, 0.78)
CITY_IN_FRENCH = {"Brussels": "Bruxelles", "London": "Londres"}
PLATFORM_ENGAGEMENT = {"x": 0.8, "linkedin": 1.0, "instagram": 1.3, "facebook": 0.9, "tiktok": 1.6}


def brand_daily_levels() -> dict[str, np.ndarray]:
    """Baseline mentions per day by brand: Lumière steady, Grano growing, Maison fading."""
    t = np.arange(DAYS_IN_YEAR) / (DAYS_IN_YEAR - 1)
    december = np.where(t > 0.92, 1.15, 1.0)  # the festive season
    return {
        "lumiere": 52.0 * december,
        "grano": (27.0 + 27.0 * t) * december,
        "maison": 16.0 - 5.0 * t,
    }


def backlash_hourly(tz: str) -> np.ndarray:
    """Hourly weight of the extra mentions after the intern's post: a rise-and-decay pulse x rhythm."""
    h0 = seconds_of(BACKLASH_POST_TS) / 3600.0
    hours = np.arange(HOURS_IN_YEAR) + 0.5
    age = np.maximum(hours - h0, 0.0) / BACKLASH_DECAY_HOURS
    decay = np.where(hours >= h0, age * np.exp(-age), 0.0)  # builds up for a day, then fades
    rhythm = hourly_intensity(np.ones(DAYS_IN_YEAR), "x", tz)
    return decay * rhythm


def _author_weights(accounts: pd.DataFrame, brand: str | None) -> np.ndarray:
    """How likely each account is to write a mention of ``brand`` (None: the backlash)."""
    weights = accounts["activity"].to_numpy().copy()
    if brand is None:
        loud = accounts["role"].isin(["journalist", "influencer"]).to_numpy()
        return weights * np.where(loud, 3.0, 1.0)
    audience = BRAND_AUDIENCE[brand]
    if audience:
        city_w = accounts["city"].map(lambda c: audience.get(c, audience.get("*", 1.0))).to_numpy(dtype=float)
        weights = weights * city_w
    return weights


def build_mentions(rng: np.random.Generator, scale: float, accounts: pd.DataFrame) -> pd.DataFrame:
    """~40,000 public posts naming a brand, with rhythm, heavy-tailed reach and the spring backlash."""
    n_base = scaled(BASE_MENTIONS, scale)
    n_backlash = scaled(BACKLASH_MENTIONS, scale)
    levels = brand_daily_levels()
    totals = np.array([levels[b].sum() for b in BRANDS])
    brand = pick(rng, BRANDS, n_base, p=totals)
    platform = np.empty(n_base, dtype=object)
    author = np.empty(n_base, dtype=np.int64)
    for b in BRANDS:
        mask = brand == b
        k = int(mask.sum())
        platform[mask] = pick(rng, PLATFORMS, k, p=PLATFORM_MIX[b])
        w = _author_weights(accounts, b)
        author[mask] = rng.choice(len(accounts), size=k, p=w / w.sum())
    tz = accounts["tz"].to_numpy()[author]
    seconds = np.zeros(n_base, dtype=np.int64)
    groups = pd.DataFrame({"b": brand, "p": platform, "z": tz}).groupby(["b", "p", "z"]).indices
    for b in BRANDS:
        for p in PLATFORMS:
            for zone in TIMEZONES:
                rows = groups.get((b, p, zone))
                if rows is not None:
                    seconds[rows] = sample_seconds(rng, hourly_intensity(levels[b], p, zone), len(rows))

    # the backlash: extra Café Lumière mentions after the intern's post
    b_platform = pick(rng, PLATFORMS, n_backlash, p=BACKLASH_PLATFORM_MIX)
    w = _author_weights(accounts, None)
    b_author = rng.choice(len(accounts), size=n_backlash, p=w / w.sum())
    b_tz = accounts["tz"].to_numpy()[b_author]
    b_seconds = np.zeros(n_backlash, dtype=np.int64)
    for zone in TIMEZONES:
        mask = b_tz == zone
        b_seconds[mask] = sample_seconds(rng, backlash_hourly(zone), int(mask.sum()))

    df = pd.DataFrame({
        "seconds": np.concatenate([seconds, b_seconds]),
        "platform": np.concatenate([platform, b_platform]),
        "author": np.concatenate([author, b_author]),
        "brand": np.concatenate([brand, np.full(n_backlash, "lumiere", dtype=object)]),
        "backlash": np.concatenate([np.zeros(n_base, bool), np.ones(n_backlash, bool)]),
    })
    df = df.sort_values("seconds", kind="stable").reset_index(drop=True)
    n = len(df)
    author_rows = accounts.iloc[df["author"].to_numpy()]
    role = author_rows["role"].to_numpy()
    month = month_of(df["seconds"].to_numpy())
    backlash = df["backlash"].to_numpy()
    brands = df["brand"].to_numpy()

    # language: mostly the author's own
    lang = author_rows["lang"].to_numpy().copy()
    switch = rng.random(n) < 0.06
    lang[switch] = np.where(lang[switch] == "fr", "en", "fr")

    # true sentiment
    shares = np.zeros((n, 3))
    frac = ((month - 1) / 11.0)[:, None]
    for b in BRANDS:
        start, end = (np.array(s) for s in BRAND_SENTIMENT[b])
        mask = brands == b
        shares[mask] = start + (end - start) * frac[mask]
    for r, s in ROLE_SENTIMENT.items():
        shares[role == r] = s
    shares[backlash] = BACKLASH_SENTIMENT
    sentiment = np.asarray(("positive", "neutral", "negative"), dtype=object)[choose_rows(rng, shares)]

    # text from the template grammars; the template also gives topic, question and complaint
    topic = np.empty(n, dtype=object)
    template = np.empty(n, dtype=object)
    flags = np.empty(n, dtype=object)
    for (lg, sent), normal in T.MENTION_TEMPLATES.items():
        for is_backlash, table in ((False, normal), (True, T.BACKLASH_TEMPLATES[(lg, sent)])):
            mask = (lang == lg) & (sentiment == sent) & (backlash == is_backlash)
            if not mask.any():
                continue
            topics = np.array([t[0] for t in table], dtype=object)
            weights = _topic_weights(topics, month[mask], brands[mask], role[mask])
            chosen = choose_rows(rng, weights)
            topic[mask] = topics[chosen]
            flags[mask] = np.array([t[1] for t in table], dtype=object)[chosen]
            template[mask] = np.array([t[2] for t in table], dtype=object)[chosen]
    slots = T.slot_values(rng, lang, sentiment)
    slots["handle"] = np.array([BRAND_HANDLES[b] for b in brands], dtype=object)
    slots["name"] = np.array([BRAND_NAMES[b] for b in brands], dtype=object)
    slots["city"] = _brand_city(rng, brands, author_rows["city"].to_numpy(), lang)
    texts = T.fill(template, slots)
    is_question = np.array(["q" in f for f in flags])
    is_complaint = np.array(["c" in f for f in flags])

    # engagement grows sub-linearly with the author's followers (exponent 0.6)
    followers = author_rows["followers"].to_numpy(dtype=float)
    platform_factor = df["platform"].map(PLATFORM_ENGAGEMENT).to_numpy()
    heat = np.where(backlash & (sentiment == "negative"), 2.5, 1.0)
    expected = 0.25 * followers ** 0.6 * platform_factor * heat * np.exp(0.7 * rng.standard_normal(n))
    likes = rng.poisson(expected)
    shares_n = rng.poisson(expected * np.where(is_complaint, 0.25, 0.10))
    replies = rng.poisson(expected * 0.06 + 0.8 * is_question + 1.2 * is_complaint)

    return pd.DataFrame({
        "post_id": ids("M", n, 6),
        "ts": to_datetime(df["seconds"].to_numpy()),
        "platform": df["platform"].to_numpy(),
        "author_id": author_rows["account_id"].to_numpy(),
        "lang": lang,
        "text": texts,
        "brand": brands,
        "topic": topic,
        "likes": likes,
        "shares": shares_n,
        "replies": replies,
        "is_question": is_question,
        "is_complaint": is_complaint,
        "true_sentiment": sentiment,
        "author_role": role,
        "backlash": backlash,
    })


def _topic_weights(topics: np.ndarray, month: np.ndarray, brand: np.ndarray, role: np.ndarray) -> np.ndarray:
    """Weight of each template topic for each post: rising topics, brand focus, stakeholder focus."""
    weights = np.ones((len(month), len(topics)))
    for j, t in enumerate(topics):
        if t == "sustainability":
            weights[:, j] = 0.4 + 1.6 * (month - 1) / 11.0  # a rising topic
        elif t == "app_order":
            weights[:, j] = np.select([brand == "grano", brand == "maison"], [1.0 + 0.25 * (month - 1), 0.05], 0.8)
        elif t == "new_product":
            weights[:, j] = np.where(brand == "grano", 1.8, 1.0)
        elif t == "wait_time":
            weights[:, j] = np.where(brand == "lumiere", 1.3, 1.0)
        elif t == "business_news":
            weights[:, j] = np.where(np.isin(role, ["shareholder", "journalist", "industry_leader"]), 10.0, 0.3)
        elif t == "jobs":
            weights[:, j] = np.where(role == "employee", 6.0, 0.4)
    return weights


def _brand_city(rng: np.random.Generator, brands: np.ndarray, author_city: np.ndarray,
                lang: np.ndarray) -> np.ndarray:
    """The café city a post talks about (the author's own when the brand has a café there), in its language."""
    out = np.empty(len(brands), dtype=object)
    for b in BRANDS:
        mask = brands == b
        cities = np.asarray(BRAND_CITIES[b], dtype=object)
        random_city = cities[rng.integers(0, len(cities), size=int(mask.sum()))]
        own = author_city[mask]
        out[mask] = np.where(np.isin(own, cities), own, random_city)
    french = lang == "fr"
    out[french] = [CITY_IN_FRENCH.get(c, c) for c in out[french]]
    return out
