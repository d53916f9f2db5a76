"""The market: reviews of the three brands, monthly competitor metrics, contact channels, adoption."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from socialkit import schema
from socialkit.datagen import text as T
from socialkit.datagen._common import (
    BACKLASH_POST_TS, BRAND_CITIES, DAYS_IN_YEAR, HOURS_IN_YEAR, choose_rows, hourly_intensity, ids,
    month_of, pick, sample_seconds, scaled, seconds_of, to_datetime,
)
from socialkit.schema import BRANDS, PLATFORMS, REVIEW_PLATFORMS

# --- reviews ------------------------------------------------------------------------------
REVIEWS = 11_850
BACKLASH_REVIEWS = 150
REVIEW_RATE = {"lumiere": (17.0, 17.0), "grano": (7.0, 16.0), "maison": (5.0, 3.5)}  # per day, Jan -> Dec
# Stars 1..5 at the start and end of the year: J-shaped (many 5s, some 1s, few 2-3s).
STARS = {
    "lumiere": ((0.14, 0.05, 0.07, 0.17, 0.57), (0.14, 0.05, 0.07, 0.17, 0.57)),
    "grano": ((0.16, 0.07, 0.09, 0.20, 0.48), (0.05, 0.03, 0.05, 0.16, 0.71)),
    "maison": ((0.13, 0.06, 0.10, 0.22, 0.49), (0.21, 0.08, 0.12, 0.22, 0.37)),
}
CITY_WEIGHTS = {
    "lumiere": (0.34, 0.26, 0.12, 0.16, 0.12), "grano": (0.45, 0.25, 0.15, 0.15), "maison": (0.7, 0.3),
}
FRENCH_SHARE = {"Lyon": 0.9, "Paris": 0.8, "Brussels": 0.75, "London": 0.05, "Montréal": 0.7}
REVIEW_PLATFORM_MIX = {"en": (0.50, 0.25, 0.25), "fr": (0.65, 0.28, 0.07)}  # google, tripadvisor, yelp
RESPONSE = {"lumiere": (0.55, 20.0), "grano": (0.85, 6.0), "maison": (0.08, 72.0)}  # share answered, median hours


def build_reviews(rng: np.random.Generator, scale: float) -> pd.DataFrame:
    """~12,000 reviews: J-shaped stars, Grano rising, Maison slipping, review bombing after the backlash."""
    t = np.arange(DAYS_IN_YEAR) / (DAYS_IN_YEAR - 1)
    levels = {b: lo + (hi - lo) * t for b, (lo, hi) in REVIEW_RATE.items()}
    n_base, n_bomb = scaled(REVIEWS, scale), scaled(BACKLASH_REVIEWS, scale)
    business = pick(rng, BRANDS, n_base, p=[levels[b].sum() for b in BRANDS])
    seconds = np.zeros(n_base, dtype=np.int64)
    for b in BRANDS:
        mask = business == b
        seconds[mask] = sample_seconds(rng, hourly_intensity(levels[b], "facebook", "Europe/Paris"), int(mask.sum()))
    # review bombing: one-star reviews in the days after the intern's post
    hours = np.arange(HOURS_IN_YEAR) + 0.5
    h0 = seconds_of(BACKLASH_POST_TS) / 3600
    bomb = np.where(hours >= h0, np.exp(-(hours - h0) / 48.0), 0.0)
    bomb_seconds = sample_seconds(rng, bomb * hourly_intensity(np.ones(DAYS_IN_YEAR), "x", "Europe/Paris"), n_bomb)
    business = np.concatenate([business, np.full(n_bomb, "lumiere", dtype=object)])
    seconds = np.concatenate([seconds, bomb_seconds])
    is_bomb = np.concatenate([np.zeros(n_base, bool), np.ones(n_bomb, bool)])
    order = np.argsort(seconds, kind="stable")
    business, seconds, is_bomb = business[order], seconds[order], is_bomb[order]
    n = len(seconds)
    month = month_of(seconds)

    city = np.empty(n, dtype=object)
    probs = np.zeros((n, 5))
    frac = ((month - 1) / 11.0)[:, None]
    for b in BRANDS:
        mask = business == b
        city[mask] = pick(rng, BRAND_CITIES[b], int(mask.sum()), p=CITY_WEIGHTS[b])
        start, end = (np.array(s) for s in STARS[b])
        probs[mask] = start + (end - start) * frac[mask]
    stars = choose_rows(rng, probs) + 1
    stars[is_bomb] = 1
    lang = np.where(rng.random(n) < np.array([FRENCH_SHARE[c] for c in city]), "fr", "en").astype(object)
    platform = np.empty(n, dtype=object)
    for lg in ("en", "fr"):
        mask = lang == lg
        platform[mask] = pick(rng, REVIEW_PLATFORMS, int(mask.sum()), p=REVIEW_PLATFORM_MIX[lg])

    template = np.empty(n, dtype=object)
    for (lg, s), options in T.REVIEW_TEMPLATES.items():
        mask = (lang == lg) & (stars == s) & ~is_bomb
        template[mask] = pick(rng, options, int(mask.sum()))
    for lg, options in T.BACKLASH_REVIEW_TEMPLATES.items():
        mask = (lang == lg) & is_bomb
        template[mask] = pick(rng, options, int(mask.sum()))
    slots = T.slot_values(rng, lang, np.where(stars >= 4, "positive", "negative").astype(object))
    slots["city"] = np.where(lang == "fr", [{"Brussels": "Bruxelles", "London": "Londres"}.get(c, c) for c in city],
                             city)
    texts = np.array([s[:1].upper() + s[1:] for s in T.fill(template, slots)], dtype=object)

    share = np.array([RESPONSE[b][0] for b in business])
    median_hours = np.array([RESPONSE[b][1] for b in business])
    responded = rng.random(n) < np.minimum(share * np.where(stars <= 2, 1.2, 1.0), 0.98)
    delay = (median_hours * np.exp(1.0 * rng.standard_normal(n)) * 3600).astype(np.int64)
    ts = to_datetime(seconds)
    response_at = np.where(responded, ts + delay.astype("timedelta64[s]"), np.datetime64("NaT", "s"))
    return pd.DataFrame({
        "review_id": ids("R", n, 6), "business": business, "platform": platform, "city": city, "ts": ts,
        "stars": stars, "lang": lang, "text": texts, "responded": responded, "response_at": response_at,
    })


# --- competitor metrics -------------------------------------------------------------------
# followers on 1 January and monthly growth, per brand and platform (absent platforms left out)
FOLLOWERS_START = {
    "lumiere": {"x": (18_000, 0.004), "linkedin": (9_000, 0.012), "instagram": (52_000, 0.013),
                "facebook": (30_000, 0.002), "tiktok": (11_000, 0.030)},
    "grano": {"x": (6_000, 0.020), "linkedin": (5_000, 0.030), "instagram": (31_000, 0.045),
              "facebook": (6_000, 0.010), "tiktok": (14_000, 0.075)},
    "maison": {"instagram": (640, 0.002), "facebook": (2_100, -0.006)},
}
POSTS_PER_MONTH = {"lumiere": (24, 24), "grano": (14, 34), "maison": (9, 5)}
ENGAGEMENT_PER_POST = {"lumiere": 0.010, "grano": 0.016, "maison": 0.005}  # per follower
RESPONSE_RATE = {"lumiere": (0.72, 0.74), "grano": (0.86, 0.93), "maison": (0.18, 0.12)}


def build_competitor_metrics(rng: np.random.Generator, scale: float) -> pd.DataFrame:
    """Monthly followers, posts, engagements and response rate per brand and platform in 2025."""
    months = np.arange(np.datetime64("2025-01"), np.datetime64("2026-01")).astype("datetime64[D]")
    rows = []
    for b in BRANDS:
        for p in PLATFORMS:
            if p not in FOLLOWERS_START[b]:
                continue
            start, growth = FOLLOWERS_START[b][p]
            monthly = growth + 0.003 * rng.standard_normal(12)
            if b == "lumiere":
                monthly[3] -= 0.015 if p in ("x", "instagram") else 0.006  # unfollows after the April post
            followers = start * np.cumprod(1 + monthly)
            lo, hi = POSTS_PER_MONTH[b]
            posts = rng.poisson(np.linspace(lo, hi, 12) * (0.4 if p == "linkedin" and b != "grano" else 1.0))
            engagements = rng.poisson(posts * followers * ENGAGEMENT_PER_POST[b] * np.exp(0.15 * rng.standard_normal(12)))
            r_lo, r_hi = RESPONSE_RATE[b]
            rate = np.clip(np.linspace(r_lo, r_hi, 12) + 0.02 * rng.standard_normal(12), 0, 1)
            if b == "lumiere":
                rate[3] -= 0.18  # swamped in April
            for i in range(12):
                rows.append((months[i], b, p, int(round(followers[i])), int(posts[i]), int(engagements[i]), rate[i]))
    return pd.DataFrame(rows, columns=["month", "brand", "platform", "followers", "posts", "engagements",
                                       "response_rate"])


# --- channel mix --------------------------------------------------------------------------
def build_channel_mix(rng: np.random.Generator, scale: float) -> pd.DataFrame:
    """Café Lumière's customer contacts per channel per month, 2015-2025: social rises, phone falls."""
    months = np.arange(np.datetime64("2015-01"), np.datetime64("2026-01"))
    t = (np.arange(len(months)) + 0.5) / 12.0  # years since January 2015
    total = 6_000 * np.exp(0.085 * t)  # the company grows
    social = 0.02 + 0.32 / (1 + np.exp(-0.75 * (t - 6.0)))
    chat = np.where(t > 3, 0.13 * (1 - np.exp(-(t - 3) / 2.5)), 0.0)
    email = 0.30 - 0.012 * t
    in_person = np.full_like(t, 0.20)
    covid = ((months >= np.datetime64("2020-03")) & (months <= np.datetime64("2020-05"))) | (
        (months >= np.datetime64("2020-11")) & (months <= np.datetime64("2021-05")))
    in_person = np.where(covid, 0.03, in_person)
    social = np.where(covid, social * 1.3, social)
    phone = np.clip(1 - social - chat - email - in_person, 0.05, None)
    shares = np.column_stack([phone, email, social, chat, in_person])
    shares = shares / shares.sum(axis=1, keepdims=True)
    counts = rng.poisson(total[:, None] * shares * np.exp(0.04 * rng.standard_normal(shares.shape)))
    channels = schema.CHANNELS  # phone, email, social, chat, in_person
    return pd.DataFrame({
        "month": np.repeat(months.astype("datetime64[D]"), len(channels)),
        "channel": np.tile(np.asarray(channels, dtype=object), len(months)),
        "contacts": counts.reshape(-1),
    })


# --- adoption -----------------------------------------------------------------------------
ADOPTION_SOURCE = Path(__file__).resolve().parent.parent / "reference" / "adoption.csv"


def build_adoption(rng: np.random.Generator, scale: float) -> pd.DataFrame:
    """Real published survey figures, copied (sorted) from reference/adoption.csv; empty until it exists."""
    names = [c.name for c in schema.columns("adoption")]
    if not ADOPTION_SOURCE.is_file():
        return pd.DataFrame({name: pd.Series(dtype=object) for name in names})
    df = pd.read_csv(ADOPTION_SOURCE, dtype={"year": "Int64", "pct_adults": float}, keep_default_na=False,
                     na_values=[""], encoding="utf-8")
    missing = [name for name in names if name not in df.columns]
    if missing:
        raise ValueError(f"{ADOPTION_SOURCE} lacks the column(s) {missing}; it needs {names}.")
    too_precise = df.index[(df["pct_adults"] - df["pct_adults"].round(1)).abs() > 1e-9]
    if len(too_precise):
        row = int(too_precise[0]) + 2  # the header is line 1
        raise ValueError(f"{ADOPTION_SOURCE}, line {row}: pct_adults has more than one decimal; "
                         "the sample data keep one decimal, so round it in the source file.")
    return df[names].sort_values(["technology", "country", "year", "source", "pct_adults"], kind="stable").reset_index(drop=True)
