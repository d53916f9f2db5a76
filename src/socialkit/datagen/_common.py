"""Shared pieces of the sample world: calendar, daily and weekly rhythm, places, names, id helpers."""

from __future__ import annotations

import unicodedata
from functools import lru_cache

import numpy as np
import pandas as pd

from socialkit.vocab import BRAND_NAMES  # noqa: F401  (one list of display names, re-exported here)

YEAR = 2025
YEAR_START = np.datetime64("2025-01-01T00:00:00", "s")
HOURS_IN_YEAR = 8760
DAYS_IN_YEAR = 365

# --- brands -------------------------------------------------------------------------------
BRAND_HANDLES = {"lumiere": "@cafelumiere", "grano": "@granoandco", "maison": "@maisontorrefaction"}
BRAND_CITIES = {
    "lumiere": ("Lyon", "Paris", "Brussels", "London", "Montréal"),
    "grano": ("Paris", "Lyon", "Brussels", "London"),
    "maison": ("Lyon", "Paris"),
}

# --- the backlash -------------------------------------------------------------------------
# The intern's post that triggers the spring backlash (Monday 7 April 2025, 09:40 in Lyon).
BACKLASH_POST_TS = np.datetime64("2025-04-07T07:40:00", "s")
BACKLASH_POST_TEXT = (
    "Still ordering oat-milk caramel lattes? Real coffee lovers drink it black. "
    "Maybe stick to the supermarket stuff 😂 #RealCoffee #cafelumiere"
)
BACKLASH_DECAY_HOURS = 19.0  # time scale of the extra mentions: peak 19 h after the post, then fading

# --- places -------------------------------------------------------------------------------
# city, country, continent, main language ("fr"/"en"), share of French speakers, time zone
CITIES = {
    "Lyon": ("France", "Europe", 1.0, "Europe/Paris"),
    "Paris": ("France", "Europe", 1.0, "Europe/Paris"),
    "Marseille": ("France", "Europe", 1.0, "Europe/Paris"),
    "Bordeaux": ("France", "Europe", 1.0, "Europe/Paris"),
    "Lille": ("France", "Europe", 1.0, "Europe/Paris"),
    "Brussels": ("Belgium", "Europe", 0.8, "Europe/Paris"),
    "Geneva": ("Switzerland", "Europe", 0.95, "Europe/Paris"),
    "London": ("United Kingdom", "Europe", 0.05, "Europe/London"),
    "Manchester": ("United Kingdom", "Europe", 0.02, "Europe/London"),
    "Milan": ("Italy", "Europe", 0.1, "Europe/Paris"),
    "Berlin": ("Germany", "Europe", 0.05, "Europe/Paris"),
    "Barcelona": ("Spain", "Europe", 0.05, "Europe/Paris"),
    "Amsterdam": ("Netherlands", "Europe", 0.05, "Europe/Paris"),
    "Montréal": ("Canada", "North America", 0.75, "America/Montreal"),
    "Toronto": ("Canada", "North America", 0.1, "America/Montreal"),
    "New York": ("United States", "North America", 0.02, "America/Montreal"),
    "San Francisco": ("United States", "North America", 0.02, "America/Montreal"),
    "São Paulo": ("Brazil", "South America", 0.02, "America/Montreal"),
    "Bogotá": ("Colombia", "South America", 0.02, "America/Montreal"),
    "Addis Ababa": ("Ethiopia", "Africa", 0.02, "Europe/Paris"),
    "Nairobi": ("Kenya", "Africa", 0.02, "Europe/Paris"),
    "Dakar": ("Senegal", "Africa", 0.9, "Europe/London"),
    "Tokyo": ("Japan", "Asia", 0.02, "Europe/Paris"),
    "Singapore": ("Singapore", "Asia", 0.02, "Europe/Paris"),
    "Sydney": ("Australia", "Oceania", 0.02, "Europe/London"),
}
# Note: far-away cities borrow a European clock for posting times: their accounts follow the
# brand's European audience in this world; only Montréal has its own clock (America/Montreal).
TIMEZONES = ("Europe/Paris", "Europe/London", "America/Montreal")

FIRST_NAMES_FR = (
    "Camille", "Léa", "Manon", "Chloé", "Inès", "Jade", "Louise", "Emma", "Sarah", "Julie",
    "Claire", "Anaïs", "Élodie", "Margaux", "Lucie", "Mathilde", "Zoé", "Nadia", "Amina", "Sophie",
    "Lucas", "Hugo", "Louis", "Nathan", "Théo", "Thomas", "Antoine", "Maxime", "Julien", "Nicolas",
    "Karim", "Mehdi", "Yanis", "Baptiste", "Quentin", "Romain", "Pierre", "Étienne", "Olivier", "Rémi",
)
LAST_NAMES_FR = (
    "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy",
    "Moreau", "Simon", "Laurent", "Lefebvre", "Michel", "Garcia", "David", "Bertrand", "Roux",
    "Vincent", "Fournier", "Morel", "Girard", "André", "Mercier", "Dupont", "Lambert", "Bonnet",
    "François", "Martinez", "Legrand", "Gauthier", "Perrin", "Benali", "Haddad", "Tremblay",
    "Gagnon", "Côté", "Bouchard", "Lemaire", "Chevalier",
)
FIRST_NAMES_EN = (
    "Olivia", "Amelia", "Isla", "Ava", "Mia", "Grace", "Lily", "Emily", "Hannah", "Sophie",
    "Charlotte", "Priya", "Aisha", "Megan", "Rachel", "Laura", "Kate", "Zara", "Ruby", "Ella",
    "Oliver", "George", "Harry", "Jack", "Noah", "Leo", "James", "Daniel", "Samuel", "Ben",
    "Tom", "Ryan", "Adam", "Omar", "Raj", "Chris", "Matt", "Luke", "Josh", "David",
)
LAST_NAMES_EN = (
    "Smith", "Jones", "Williams", "Taylor", "Brown", "Davies", "Evans", "Wilson", "Johnson",
    "Roberts", "Walker", "Wright", "Thompson", "White", "Hughes", "Green", "Hall", "Wood",
    "Clarke", "Patel", "Khan", "Lewis", "Harris", "Martin", "Cooper", "King", "Baker",
    "Turner", "Hill", "Moore", "Clark", "Ward", "Morgan", "Scott", "Young", "Allen", "Reid",
    "Murphy", "Kelly", "Chen",
)

# --- rhythm -------------------------------------------------------------------------------
# Relative posting activity by local hour (0-23): quiet 2-5 h, peaks at lunch and in the evening.
HOUR_PROFILE = np.array([
    0.35, 0.18, 0.07, 0.04, 0.04, 0.08, 0.30, 0.65, 0.90, 0.95, 0.95, 1.10,
    1.55, 1.45, 0.95, 0.78, 0.82, 0.98, 1.20, 1.50, 1.62, 1.40, 1.00, 0.62,
])
# LinkedIn is a working-day platform: morning, lunch and end-of-day peaks, little at night.
HOUR_PROFILE_LINKEDIN = np.array([
    0.10, 0.05, 0.03, 0.02, 0.03, 0.08, 0.35, 0.95, 1.45, 1.35, 1.10, 1.15,
    1.40, 1.25, 1.00, 0.95, 1.05, 1.20, 0.90, 0.65, 0.55, 0.45, 0.30, 0.18,
])
# Relative activity Monday..Sunday: B2B platforms (LinkedIn, X) are quieter at weekends.
WEEKDAY_PROFILE = {
    "x": np.array([1.06, 1.08, 1.08, 1.06, 1.00, 0.72, 0.68]),
    "linkedin": np.array([1.12, 1.18, 1.18, 1.12, 0.98, 0.28, 0.24]),
    "instagram": np.array([0.94, 0.95, 0.96, 1.00, 1.06, 1.20, 1.22]),
    "facebook": np.array([0.98, 0.98, 0.98, 1.00, 1.00, 1.06, 1.08]),
    "tiktok": np.array([0.90, 0.92, 0.95, 1.00, 1.06, 1.26, 1.28]),
}


@lru_cache(maxsize=None)
def local_clock(tz: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Local hour, local weekday (0 = Monday) and local day of year for every UTC hour of 2025."""
    utc = pd.date_range("2025-01-01", periods=HOURS_IN_YEAR, freq="h", tz="UTC")
    local = utc.tz_convert(tz)
    return (
        np.asarray(local.hour, dtype=np.int64),
        np.asarray(local.day_of_week, dtype=np.int64),
        np.asarray(local.day_of_year, dtype=np.int64) - 1,
    )


def hourly_intensity(daily_level: np.ndarray, platform: str, tz: str) -> np.ndarray:
    """Expected posts in each UTC hour of 2025: daily level x weekday profile x hour-of-day profile."""
    hour, weekday, _ = local_clock(tz)
    day_of_hour = np.arange(HOURS_IN_YEAR) // 24
    profile = HOUR_PROFILE_LINKEDIN if platform == "linkedin" else HOUR_PROFILE
    weights = daily_level[day_of_hour] * WEEKDAY_PROFILE[platform][weekday] * profile[hour]
    return weights / profile.sum()


def sample_seconds(rng: np.random.Generator, intensity: np.ndarray, n: int) -> np.ndarray:
    """Draw n timestamps (seconds since 2025-01-01 UTC) from an hourly intensity."""
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    p = intensity / intensity.sum()
    hours = rng.choice(len(intensity), size=n, p=p)
    return hours.astype(np.int64) * 3600 + rng.integers(0, 3600, size=n)


def to_datetime(seconds: np.ndarray) -> np.ndarray:
    """Seconds since 2025-01-01 UTC -> numpy datetime64[s]."""
    return YEAR_START + np.asarray(seconds, dtype=np.int64).astype("timedelta64[s]")


def seconds_of(ts: np.ndarray) -> np.ndarray:
    """numpy datetime64[s] -> seconds since 2025-01-01 UTC."""
    return (np.asarray(ts, dtype="datetime64[s]") - YEAR_START).astype(np.int64)


def month_of(seconds: np.ndarray) -> np.ndarray:
    """Calendar month (1-12) of seconds since 2025-01-01 UTC."""
    months = to_datetime(seconds).astype("datetime64[M]").astype(np.int64)
    return months - (YEAR - 1970) * 12 + 1


def ids(prefix: str, n: int, width: int) -> np.ndarray:
    """Sequential ids like A00001, A00002 ... (width digits, widened if n needs more)."""
    width = max(width, len(str(n)))
    numbers = np.strings.zfill(np.arange(1, n + 1).astype(str), width)
    return np.strings.add(prefix, numbers).astype(object)


def pick(rng: np.random.Generator, options, n: int, p=None) -> np.ndarray:
    """n choices from a tuple of options (object array), optionally weighted."""
    options = np.asarray(options, dtype=object)
    if p is not None:
        p = np.asarray(p, dtype=float)
        p = p / p.sum()
    return options[rng.choice(len(options), size=n, p=p)]


def choose_rows(rng: np.random.Generator, weights: np.ndarray) -> np.ndarray:
    """One column index per row of a (rows x options) weight matrix, drawn in proportion to weights."""
    cumulative = np.cumsum(weights, axis=1)
    u = rng.random(len(weights)) * cumulative[:, -1]
    return np.minimum((cumulative < u[:, None]).sum(axis=1), weights.shape[1] - 1)


def ascii_slug(text: str) -> str:
    """'Élodie Côté' -> 'elodiecote': the ASCII letters of a name, for handles."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(ch for ch in folded.lower() if ch.isalnum())


def scaled(n: int, scale: float) -> int:
    """Row count n at the given scale (at least 1)."""
    return max(1, int(round(n * scale)))
