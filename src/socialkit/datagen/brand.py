"""What the brands do themselves: their posts (brand_posts) and Café Lumière's customer-care threads."""

from __future__ import annotations

import numpy as np
import pandas as pd

from socialkit.datagen import text as T
from socialkit.datagen._common import (
    BACKLASH_POST_TEXT, BACKLASH_POST_TS, BRAND_CITIES, BRAND_NAMES, DAYS_IN_YEAR, TIMEZONES,
    hourly_intensity, ids, pick, sample_seconds, scaled, seconds_of, to_datetime,
)
from socialkit.schema import AUTHOR_ROLES, BRANDS, PLATFORMS, POST_TYPES

# --- brand_posts --------------------------------------------------------------------------
BRAND_POSTS = 3_000
# posts per day at the start and the end of the year
BRAND_POST_RATE = {"lumiere": (4.1, 4.1), "grano": (2.3, 4.6), "maison": (0.9, 0.45)}
BRAND_POST_PLATFORMS = {
    "lumiere": (0.22, 0.18, 0.30, 0.15, 0.15),  # x, linkedin, instagram, facebook, tiktok
    "grano": (0.15, 0.15, 0.35, 0.05, 0.30),
    "maison": (0.0, 0.0, 0.20, 0.80, 0.0),
}
# Which of the brand's accounts posts (Café Lumière has one per café city).
BRAND_POST_ACCOUNTS = {
    "lumiere": {"cafelumiere": 0.50, "cafelumiere_paris": 0.18, "cafelumiere_bxl": 0.08,
                "cafelumiere_uk": 0.14, "cafelumiere_mtl": 0.10},
    "grano": {"granoandco": 1.0},
    "maison": {"maisontorrefaction": 1.0},
}
AUTHOR_MIX = {  # intern, community_manager, executive, expert
    "lumiere": (0.20, 0.50, 0.15, 0.15),
    "grano": (0.10, 0.55, 0.15, 0.20),
    "maison": (0.20, 0.30, 0.50, 0.00),
}
POST_TYPE_MIX = {  # automated_promo, conversation, expertise, reply — by author role
    "intern": (0.55, 0.15, 0.05, 0.25),
    "community_manager": (0.35, 0.30, 0.10, 0.25),
    "executive": (0.05, 0.35, 0.45, 0.15),
    "expert": (0.05, 0.20, 0.60, 0.15),
}
# Engagements (likes + shares + comments) per account reached, and how they split.
TYPE_ENGAGEMENT_RATE = {"automated_promo": 0.012, "conversation": 0.055, "expertise": 0.045, "reply": 0.030}
ROLE_ENGAGEMENT = {"intern": 0.85, "community_manager": 1.0, "executive": 1.2, "expert": 1.15}
TYPE_SPLIT = {  # likes, shares, comments
    "automated_promo": (0.80, 0.08, 0.12), "conversation": (0.55, 0.08, 0.37),
    "expertise": (0.62, 0.25, 0.13), "reply": (0.80, 0.03, 0.17),
}
TYPE_REACH = {"automated_promo": 0.9, "conversation": 1.0, "expertise": 1.1, "reply": 0.15}
PLATFORM_REACH = {"x": 0.10, "linkedin": 0.16, "instagram": 0.14, "facebook": 0.07, "tiktok": 0.30}
# Replies from industry leaders per post: experience engages peers.
ROLE_LEADER_REPLIES = {"intern": 0.04, "community_manager": 0.15, "executive": 1.1, "expert": 0.9}
TYPE_LEADER_REPLIES = {"automated_promo": 0.2, "conversation": 1.0, "expertise": 1.6, "reply": 0.5}
BRAND_FOLLOWER_GROWTH = {"lumiere": 0.15, "grano": 0.75, "maison": -0.05}  # over the year


def build_brand_posts(rng: np.random.Generator, scale: float, accounts: pd.DataFrame) -> pd.DataFrame:
    """~3,000 posts by the three brands: type and author drive engagement and leader replies."""
    t = np.arange(DAYS_IN_YEAR) / (DAYS_IN_YEAR - 1)
    levels = {b: lo + (hi - lo) * t for b, (lo, hi) in BRAND_POST_RATE.items()}
    totals = np.array([levels[b].sum() for b in BRANDS])
    n = scaled(BRAND_POSTS, scale) - 2  # two special posts added below
    brand = pick(rng, BRANDS, n, p=totals)
    platform = np.empty(n, dtype=object)
    handle = np.empty(n, dtype=object)
    author_role = np.empty(n, dtype=object)
    for b in BRANDS:
        mask = brand == b
        k = int(mask.sum())
        platform[mask] = pick(rng, PLATFORMS, k, p=BRAND_POST_PLATFORMS[b])
        handle[mask] = pick(rng, tuple(BRAND_POST_ACCOUNTS[b]), k, p=list(BRAND_POST_ACCOUNTS[b].values()))
        author_role[mask] = pick(rng, AUTHOR_ROLES, k, p=AUTHOR_MIX[b])
    seconds = np.zeros(n, dtype=np.int64)
    for b in BRANDS:
        for p in PLATFORMS:
            mask = (brand == b) & (platform == p)
            if mask.any():
                seconds[mask] = sample_seconds(rng, hourly_intensity(levels[b], p, "Europe/Paris"), int(mask.sum()))
    post_type = np.empty(n, dtype=object)
    for role in AUTHOR_ROLES:
        mask = author_role == role
        post_type[mask] = pick(rng, POST_TYPES, int(mask.sum()), p=POST_TYPE_MIX[role])

    by_handle = accounts.set_index("handle")
    account_lang = by_handle.loc[handle, "lang"].to_numpy()
    lang = np.where(handle == "cafelumiere_uk", "en",
                    np.where(rng.random(n) < np.where(account_lang == "fr", 0.35, 0.9), "en", "fr")).astype(object)

    # the intern's post that starts the backlash, and the CEO's apology the next morning
    special = pd.DataFrame({
        "seconds": [seconds_of(BACKLASH_POST_TS), seconds_of(np.datetime64("2025-04-08T08:15:00"))],
        "brand": ["lumiere", "lumiere"], "platform": ["x", "x"],
        "handle": ["cafelumiere", "cafelumiere"], "author_role": ["intern", "executive"],
        "post_type": ["conversation", "conversation"], "lang": ["en", "en"],
        "topic": ["community", "community"],
        "text": [BACKLASH_POST_TEXT,
                 "We got it wrong yesterday. Our post mocked the customers who make us who we are, and "
                 "we are sorry. We have deleted it and are changing how we publish. — Hélène Roux, CEO"],
    })
    df = pd.DataFrame({"seconds": seconds, "brand": brand, "platform": platform, "handle": handle,
                       "author_role": author_role, "post_type": post_type, "lang": lang})
    df["topic"], df["text"] = _brand_post_text(rng, df)
    df = pd.concat([df, special], ignore_index=True).sort_values("seconds", kind="stable").reset_index(drop=True)
    n = len(df)

    brand = df["brand"].to_numpy()
    post_type = df["post_type"].to_numpy()
    role = df["author_role"].to_numpy()
    followers = by_handle.loc[df["handle"], "followers"].to_numpy(dtype=float)
    year_frac = df["seconds"].to_numpy() / (DAYS_IN_YEAR * 86400)
    growth = 1 + np.array([BRAND_FOLLOWER_GROWTH[b] for b in brand]) * year_frac
    reach = (followers * growth * df["platform"].map(PLATFORM_REACH).to_numpy()
             * df["post_type"].map(TYPE_REACH).to_numpy() * np.exp(0.5 * rng.standard_normal(n)))
    reach = np.maximum(np.round(reach), 5).astype(np.int64)
    impressions = np.round(reach * (1.25 + rng.gamma(2.0, 0.25, n))).astype(np.int64)
    rate = (df["post_type"].map(TYPE_ENGAGEMENT_RATE).to_numpy() * df["author_role"].map(ROLE_ENGAGEMENT).to_numpy()
            * np.exp(0.35 * rng.standard_normal(n)))
    engagements = rng.poisson(reach * rate)
    split = np.array([TYPE_SPLIT[t] for t in post_type])
    parts = np.array([rng.multinomial(e, s) for e, s in zip(engagements, split)]).reshape(n, 3)
    likes, shares, comments = parts[:, 0], parts[:, 1], parts[:, 2]
    leader_mu = df["author_role"].map(ROLE_LEADER_REPLIES).to_numpy() * df["post_type"].map(TYPE_LEADER_REPLIES).to_numpy()
    leader_replies = rng.poisson(leader_mu)
    link_clicks = rng.poisson(reach * np.where(post_type == "automated_promo", 0.008, 0.0015))

    # the intern's post went viral for the wrong reasons; the apology was widely read
    is_intern_post = df["text"].to_numpy() == BACKLASH_POST_TEXT
    is_apology = (role == "executive") & (df["seconds"].to_numpy() == seconds_of(np.datetime64("2025-04-08T08:15:00")))
    for mask, values in ((is_intern_post, (410_000, 298_000, 1_850, 2_950, 4_100, 0, 0)),
                         (is_apology, (205_000, 151_000, 3_400, 620, 980, 4, 0))):
        for col, v in zip((impressions, reach, likes, shares, comments, leader_replies, link_clicks), values):
            col[mask] = v

    return pd.DataFrame({
        "post_id": ids("B", n, 5),
        "ts": to_datetime(df["seconds"].to_numpy()),
        "platform": df["platform"].to_numpy(),
        "account_id": by_handle.loc[df["handle"], "account_id"].to_numpy(),
        "brand": brand,
        "author_role": role,
        "post_type": post_type,
        "topic": df["topic"].to_numpy(),
        "text": df["text"].to_numpy(),
        "impressions": impressions,
        "reach": reach,
        "likes": likes,
        "shares": shares,
        "comments": comments,
        "leader_replies": leader_replies,
        "link_clicks": link_clicks,
        "lang": df["lang"].to_numpy(),
    })


def _brand_post_text(rng: np.random.Generator, df: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Topic and text of each brand post from the brand-post templates."""
    n = len(df)
    topic = np.empty(n, dtype=object)
    template = np.empty(n, dtype=object)
    lang = df["lang"].to_numpy()
    post_type = df["post_type"].to_numpy()
    for (lg, kind), table in T.BRAND_POST_TEMPLATES.items():
        mask = (lang == lg) & (post_type == kind)
        chosen = rng.integers(0, len(table), size=int(mask.sum()))
        topic[mask] = np.array([t[0] for t in table], dtype=object)[chosen]
        template[mask] = np.array([t[2] for t in table], dtype=object)[chosen]
    slots = T.slot_values(rng, lang, np.full(n, "positive", dtype=object))
    for slot in ("origin", "day"):
        col = np.empty(n, dtype=object)
        for lg in ("en", "fr"):
            mask = lang == lg
            options = np.asarray(T.BRAND_POST_SLOTS[lg][slot], dtype=object)
            col[mask] = options[rng.integers(0, len(options), size=int(mask.sum()))]
        slots[slot] = col
    slots.update(T.origin_phrases(slots["origin"]))
    brand = df["brand"].to_numpy()
    slots["name"] = np.array([BRAND_NAMES[b] for b in brand], dtype=object)
    slots["link"] = np.array([T.BRAND_LINKS[b] for b in brand], dtype=object)
    city = np.array([BRAND_CITIES[b][0] for b in brand], dtype=object)
    local = {"cafelumiere_paris": "Paris", "cafelumiere_bxl": "Bruxelles", "cafelumiere_uk": "London",
             "cafelumiere_mtl": "Montréal"}
    handle = df["handle"].to_numpy()
    for h, c in local.items():
        city[handle == h] = c
    slots["city"] = city
    return topic, T.fill(template, slots)


# --- threads ------------------------------------------------------------------------------
THREADS = 2_500
BACKLASH_THREADS = 140
THREAD_CATEGORIES = {  # category: (share, probability that it opens with a complaint)
    "order_problem": (0.18, 0.90), "wait_time": (0.14, 0.92), "product_quality": (0.14, 0.88),
    "app_bug": (0.13, 0.85), "billing": (0.08, 0.85), "staff_behaviour": (0.06, 0.95),
    "allergy_info": (0.08, 0.15), "opening_hours": (0.10, 0.08), "loyalty_card": (0.09, 0.45),
}
THREAD_PLATFORMS = (0.35, 0.05, 0.25, 0.30, 0.05)  # x, linkedin, instagram, facebook, tiktok
RESPONDERS = (0.22, 0.60, 0.08, 0.10)  # intern, community_manager, executive, expert
NEVER_ANSWERED = {True: 0.15, False: 0.07}  # by is_complaint
OFFICE_OPEN_HOUR, OFFICE_CLOSE_HOUR = 7, 23  # the care team works Monday to Friday, Lyon time
MEDIAN_RESPONSE_HOURS = 0.9
ROLE_RESOLUTION = {"intern": -0.14, "community_manager": 0.0, "executive": 0.06, "expert": 0.10}
ROLE_RECOVERY = {"intern": -0.12, "community_manager": 0.0, "executive": 0.06, "expert": 0.08}
PRIVATE_SHARE = {"intern": 0.18, "community_manager": 0.40, "executive": 0.35, "expert": 0.42}


def build_threads(rng: np.random.Generator, scale: float, accounts: pd.DataFrame) -> pd.DataFrame:
    """~2,500 customer-care threads for Café Lumière: lognormal replies, office hours, private vs public."""
    n_base, n_backlash = scaled(THREADS, scale), scaled(BACKLASH_THREADS, scale)
    customers = accounts[accounts["role"].isin(["customer", "prospect"])]
    w = customers["activity"].to_numpy()
    who = rng.choice(len(customers), size=n_base + n_backlash, p=w / w.sum())
    customer_id = customers["account_id"].to_numpy()[who]
    tz = customers["tz"].to_numpy()[who]
    platform = pick(rng, PLATFORMS, n_base + n_backlash, p=THREAD_PLATFORMS)
    seconds = np.zeros(n_base + n_backlash, dtype=np.int64)
    from socialkit.datagen.social import backlash_hourly
    for zone in TIMEZONES:
        for p in PLATFORMS:
            base = np.flatnonzero((tz == zone) & (platform == p))
            base_rows, extra_rows = base[base < n_base], base[base >= n_base]
            seconds[base_rows] = sample_seconds(rng, hourly_intensity(np.ones(DAYS_IN_YEAR), p, zone), len(base_rows))
            seconds[extra_rows] = sample_seconds(rng, backlash_hourly(zone), len(extra_rows))
    categories = tuple(THREAD_CATEGORIES)
    category = np.concatenate([
        pick(rng, categories, n_base, p=[v[0] for v in THREAD_CATEGORIES.values()]),
        np.full(n_backlash, "brand_post", dtype=object),
    ])
    p_complaint = np.array([THREAD_CATEGORIES.get(c, (0, 0.95))[1] for c in category])
    is_complaint = rng.random(len(category)) < p_complaint

    order = np.argsort(seconds, kind="stable")
    seconds, platform, customer_id, category, is_complaint = (
        a[order] for a in (seconds, platform, customer_id, category, is_complaint))
    n = len(seconds)
    opened = to_datetime(seconds)

    answered = rng.random(n) >= np.where(is_complaint, NEVER_ANSWERED[True], NEVER_ANSWERED[False])
    responder = pick(rng, AUTHOR_ROLES, n, p=RESPONDERS)
    responder[category == "brand_post"] = pick(rng, AUTHOR_ROLES, int((category == "brand_post").sum()),
                                               p=(0.05, 0.45, 0.35, 0.15))
    # replies come within office hours: outside them (nights, weekends) the clock starts at opening
    start = _next_office_time(opened)
    in_backlash = (opened >= np.datetime64("2025-04-07")) & (opened < np.datetime64("2025-04-14"))
    delay_hours = MEDIAN_RESPONSE_HOURS * np.exp(1.1 * rng.standard_normal(n)) * np.where(in_backlash, 2.5, 1.0)
    first_response = start + (delay_hours * 3600).astype(np.int64).astype("timedelta64[s]")
    wait_hours = (first_response - opened).astype(np.int64) / 3600

    private_p = np.array([PRIVATE_SHARE[r] for r in responder])
    moved_to_private = answered & (rng.random(n) < private_p)
    resolve_p = (np.where(moved_to_private, 0.78, 0.46) + np.array([ROLE_RESOLUTION[r] for r in responder])
                 - 0.04 * np.log1p(wait_hours / 24))
    resolved = answered & (rng.random(n) < resolve_p)
    resolve_hours = np.where(moved_to_private, 5.0, 16.0) * np.exp(0.9 * rng.standard_normal(n))
    resolved_at = first_response + (resolve_hours * 3600).astype(np.int64).astype("timedelta64[s]")

    before = np.where(is_complaint, -0.55 + 0.2 * rng.standard_normal(n), 0.05 + 0.25 * rng.standard_normal(n))
    before = np.clip(before, -1, 1)
    recovery = (0.20 + 0.45 * resolved + 0.10 * moved_to_private + np.array([ROLE_RECOVERY[r] for r in responder])
                - 0.05 * np.log1p(wait_hours / 24) + 0.12 * rng.standard_normal(n))
    after = np.where(answered, before + recovery * (1 - before) / 1.6, before - 0.15 + 0.10 * rng.standard_normal(n))
    after = np.clip(after, -1, 1)
    public_mu = (0.6 + 0.6 * answered + 2.5 * (is_complaint & ~moved_to_private) + 1.5 * ~resolved
                 + np.where(responder == "intern", 1.0, 0.0) * answered + 3.0 * (category == "brand_post"))
    public_replies = rng.poisson(public_mu)

    nat = np.datetime64("NaT", "s")
    return pd.DataFrame({
        "thread_id": ids("T", n, 5),
        "opened_at": opened,
        "platform": platform,
        "customer_id": customer_id,
        "category": category,
        "is_complaint": is_complaint,
        "first_response_at": np.where(answered, first_response, nat),
        "responder_role": np.where(answered, responder, None),
        "moved_to_private": moved_to_private,
        "resolved": resolved,
        "resolved_at": np.where(resolved, resolved_at, nat),
        "sentiment_before": before,
        "sentiment_after": after,
        "public_replies": public_replies,
    })


def _next_office_time(opened: np.ndarray) -> np.ndarray:
    """The moment the care team can first see a post: itself in office hours, else the next opening."""
    utc = pd.DatetimeIndex(opened).tz_localize("UTC")
    local = utc.tz_convert("Europe/Paris").tz_localize(None)
    day = local.normalize()
    hour = local.hour + local.minute / 60
    weekday = local.day_of_week.to_numpy()
    is_weekday = weekday < 5
    in_office = is_weekday & (hour >= OFFICE_OPEN_HOUR) & (hour < OFFICE_CLOSE_HOUR)
    before_open = is_weekday & (hour < OFFICE_OPEN_HOUR)
    # days to add to reach the next working morning
    days_ahead = np.where(before_open, 0, np.select([weekday == 4, weekday == 5, weekday == 6], [3, 2, 1], 1))
    opening = day + pd.to_timedelta(days_ahead, unit="D") + pd.Timedelta(hours=OFFICE_OPEN_HOUR)
    opening_utc = opening.tz_localize("Europe/Paris").tz_convert("UTC").tz_localize(None)
    return np.where(in_office, np.asarray(opened, dtype="datetime64[s]"), opening_utc.to_numpy(dtype="datetime64[s]"))
