"""Module 01 · Learn to listen: the exercise questions, their hints and their judges.

No answer is stored here. Each judge computes the expected value from the sample data
with ``socialkit.analytics`` when the learner checks, or compares a letter with its
sha256 digest. The decisive assertions are the hidden tests of
``solutions/01_listen/01_listen_exercises.ipynb``.
"""

from __future__ import annotations

import math
import numbers
from functools import lru_cache

import numpy as np
import pandas as pd

from socialkit import analytics, checks

MODULE = "01_listen"
ALERT_THRESHOLD = 2.0  # the dashboard's default "Alert at z ≥", used in Q2
STRICT_THRESHOLD = 3.0  # the agency's proposal in Q5
SOV_TOLERANCE = 0.1  # Q1: percentage points; the question asks for one decimal place
# Q1's typical mistakes lie close together (Lumière in November 45.28, Grano & Co in December
# 45.38): within a tighter margin than the answer's, an answer typed to one decimal place
# matches only the mistake it comes from.
SOV_MISTAKE_TOLERANCE = 0.05


# --------------------------------------------------------------------------- the data, loaded once


@lru_cache(maxsize=1)
def _mentions() -> pd.DataFrame:
    """The sample mentions, as the learner's setup cell loads them."""
    from socialkit import data

    return data.load("mentions")


@lru_cache(maxsize=1)
def _mentions_by_role() -> pd.DataFrame:
    """The mentions with their author's role, as ``mentions_by_role`` in the setup cell."""
    from socialkit import data

    return analytics.with_author_role(_mentions(), data.load("accounts"))


def _month(month: int) -> pd.DataFrame:
    """The mentions of one calendar month (1–12) of 2025."""
    mentions = _mentions()
    return mentions[mentions["ts"].dt.month == month]


@lru_cache(maxsize=1)
def _lumiere_daily() -> pd.Series:
    """Café Lumière's mentions per day, as ``daily["lumiere"]`` in the setup cell."""
    return analytics.daily_volume(_mentions())["lumiere"]


def _alert_days(threshold: float = ALERT_THRESHOLD, exclude_current: bool = False) -> list[pd.Timestamp]:
    """Days with an alert on Café Lumière's daily volume, as the dashboard shows them."""
    result = analytics.spikes(_lumiere_daily(), threshold=threshold, exclude_current=exclude_current)
    return list(result.index[result["alert"].to_numpy()])


def _net_lumiere(role: str | None) -> float:
    """Café Lumière's net sentiment among one stakeholder group (None: everyone)."""
    table = _mentions_by_role()
    rows = table[table["brand"] == "lumiere"]
    if role is not None:
        rows = rows[rows["role"] == role]
    return analytics.net_sentiment(rows)


def _net_role_all_brands(role: str) -> float:
    """A stakeholder group's net sentiment about all three brands together (a typical slip in Q3)."""
    table = _mentions_by_role()
    return analytics.net_sentiment(table[table["role"] == role])


# --------------------------------------------------------------------------- a judge for a date


def _as_day(value) -> pd.Timestamp | None:
    """A learner's date (text "2025-01-31", a Timestamp or a date) as a day; None if it is not one."""
    import datetime as dt

    if isinstance(value, str):
        text = value.strip()
        if len(text) != 10 or text[4] != "-" or text[7] != "-":
            return None
        try:
            return pd.Timestamp(text).normalize()
        except ValueError:
            return None
    if isinstance(value, (pd.Timestamp, dt.date)):
        stamp = pd.Timestamp(value)
        if stamp.tzinfo is not None:
            stamp = stamp.tz_convert("UTC").tz_localize(None)
        return stamp.normalize()
    return None


def first_alert_judge(value) -> checks.Verdict:
    """Right when ``value`` is the first alert day on the dashboard with a baseline of the 7 days before."""
    day = _as_day(value)
    if day is None:
        return checks.wrong(
            f"{value!r} is not a date written as text year-month-day. Type it in quotes, "
            f"e.g. \"2025-09-30\" for 30 September 2025.")
    alerts = _alert_days(exclude_current=True)
    if not alerts:
        raise checks.ExpectedValueError("The data shows no alert at all: tell your facilitator.")
    first = alerts[0]
    if day == first:
        return checks.right(
            f"{first:%A %d %B %Y}: an ordinary day, only a little busier than the week before. "
            f"A fair baseline with a threshold of {ALERT_THRESHOLD:g} raises false alarms like this "
            f"one; that is why a fair baseline needs a stricter threshold, and often a minimum rise.")
    default = _alert_days()
    if default and day == default[0]:
        return checks.wrong("that is the first alert with the box UNTICKED (the day inside its own "
                            "baseline). Tick \"Baseline = the 7 days before\" and look again.")
    peak = _lumiere_daily().idxmax()
    if day == peak:
        return checks.wrong("that is the day with the MOST mentions, not the first alert. "
                            "Read the summary line under the controls, or the first red circle.")
    if day in alerts:
        return checks.wrong("that day has an alert, but it is not the FIRST one. "
                            "Look further left on the chart, or read the summary line.")
    if day.year != first.year:
        return checks.wrong(f"the sample data covers {first.year}; check the year you typed.")
    return checks.wrong("the dashboard shows no alert on that day with these settings (Café Lumière "
                        "only, Volume, everyone, alert at z ≥ 2.0, box TICKED).")


# --------------------------------------------------------------------------- Q1: share of voice


@lru_cache(maxsize=None)
def _sov_december(brand: str = "lumiere") -> float:
    """A brand's share of voice in December 2025, in % (Café Lumière's is the answer to Q1)."""
    return analytics.share_of_voice(_month(12), brand=brand)


@lru_cache(maxsize=1)
def _sov_mistakes() -> tuple[tuple[float, str], ...]:
    """Q1's typical wrong answers, each with what to say; a few share-of-voice computations."""
    return (
        (analytics.share_of_voice(_mentions(), brand="lumiere"),
         "that is Café Lumière's share over the WHOLE year; keep only the December rows."),
        (_sov_december("grano"),
         "that is Grano & Co's share; keep brand=\"lumiere\"."),
        (_sov_december("maison"),
         "that is Maison Torréfaction's share; keep brand=\"lumiere\"."),
        (analytics.share_of_voice(_month(11), brand="lumiere"),
         "that is November (month 11); December is month 12."),
        (float((_month(12)["brand"] == "lumiere").sum()),
         "that is a NUMBER of mentions; share of voice divides it by all three brands' "
         "mentions in December and multiplies by 100."),
        (0.0,
         "0 % means no row has that brand. In the data the brands are written lumiere, grano "
         "and maison: write brand=\"lumiere\"."),
    )


_sov_number = checks.number(
    _sov_december, tolerance=SOV_TOLERANCE, unit="%",
    right_message="compare it with January on the share-of-voice chart of the lesson: "
                  "Grano & Co is closing the gap.",
    reduce_advice="Pick Café Lumière's share: add brand=\"lumiere\" inside the round brackets of "
                  "analytics.share_of_voice(…).",
)


def _plain_number(value) -> float | None:
    """The value as a float if it is one plain number (not True/False), else None."""
    if isinstance(value, (bool, np.bool_)):
        return None
    if isinstance(value, np.ndarray) and value.ndim == 0:
        value = value.item()
    return float(value) if isinstance(value, numbers.Real) else None


def share_of_voice_judge(value) -> checks.Verdict:
    """Q1: right within 0.1 points of Café Lumière's December share; typical slips named one by one.

    The typical mistakes are matched within ``SOV_MISTAKE_TOLERANCE`` (not the answer's 0.1)
    because two of them are only 0.1 apart; everything else is judged by ``checks.number``.
    """
    given = _plain_number(value)
    if given is not None and math.isfinite(given):
        if abs(given - _sov_december()) > SOV_TOLERANCE:
            for mistake, message in _sov_mistakes():
                if abs(given - mistake) <= SOV_MISTAKE_TOLERANCE:
                    return checks.wrong(message)
    return _sov_number(value)


# --------------------------------------------------------------------------- the questions

checks.register(
    checks.Question(
        "01_listen.q1",
        "Café Lumière's share of voice in December 2025, in %",
        hints=[
            "Share of voice = Café Lumière's mentions ÷ the mentions of all three brands × 100. "
            "analytics.share_of_voice(TABLE, brand=\"lumiere\") computes it for whatever rows you give it.",
            "Keep only the December rows first: mentions[mentions[\"ts\"].dt.month == 12] is the "
            "table of December mentions (months are numbered 1 to 12).",
            "Put the two together: analytics.share_of_voice( …the December rows… , brand=\"lumiere\"). "
            "Store the result in sov_december.",
        ],
        judge=share_of_voice_judge,
        section="section 2 of the lesson (Share of voice)",
    ),
    checks.Question(
        "01_listen.q2",
        "Date of the first alert with the baseline = the 7 days before, as \"YYYY-MM-DD\"",
        hints=[
            "Run the dashboard cell. Keep Café Lumière only, Volume, everyone and alert at z ≥ 2.0, "
            "and TICK the box \"Baseline = the 7 days before\".",
            "Red circles mark alert days; the line of text under the controls names the first one.",
            "Write that day as text in quotes, year-month-day, e.g. first_alert = \"2025-09-30\".",
        ],
        judge=first_alert_judge,
        section="section 1 of the lesson (Mention volume and spikes) and the dashboard",
    ),
    checks.Question(
        "01_listen.q3",
        "Café Lumière's net sentiment among journalists in 2025 (−100 to +100)",
        hints=[
            "Net sentiment = % positive − % negative; analytics.net_sentiment(TABLE) computes it "
            "for the rows you give it (from −100 to +100).",
            "mentions_by_role has a column \"role\" with the author's group. Keep the rows where "
            "brand is \"lumiere\" AND role is \"journalist\": combine two conditions with &.",
            "mentions_by_role[(mentions_by_role[\"brand\"] == \"lumiere\") & "
            "(mentions_by_role[\"role\"] == \"journalist\")] are those rows; give them to "
            "analytics.net_sentiment(…).",
        ],
        judge=checks.number(
            lambda: _net_lumiere("journalist"), tolerance=0.1, unit="points",
            mistakes=[
                (lambda: _net_lumiere(None),
                 "that is the net sentiment of EVERYONE who mentions Café Lumière; keep only the "
                 "rows whose role is \"journalist\"."),
                (lambda: _net_role_all_brands("journalist"),
                 "that counts journalists' posts about all three brands; keep only brand "
                 "\"lumiere\" too."),
                (lambda: -_net_lumiere("journalist"),
                 "the sign is reversed: net sentiment is % positive MINUS % negative."),
            ],
            reduce_advice="Keep only the rows with brand \"lumiere\" AND role \"journalist\" first, "
                          "then give those rows to analytics.net_sentiment(…), without by=.",
            no_rows_advice="Roles are written in the singular and in lower case: \"journalist\", not "
                           "\"journalists\"; the brand is \"lumiere\".",
            right_message="compare it with customers' net sentiment: the press is much cooler than "
                          "the people who buy your coffee, and section 3 of the lesson shows that "
                          "almost all of it comes from April.",
        ),
        section="section 3 of the lesson (Net sentiment and stakeholder groups)",
    ),
    checks.Question(
        "01_listen.q4",
        "Why is the backlash day's z-score so modest (multiple choice)",
        hints=[
            "Look at how z is computed: (today's count − the 7-day average) ÷ the 7-day "
            "standard deviation, with the 7 days ENDING today.",
            "Ask yourself which days are inside that 7-day window on the day of the spike, and "
            "what a huge value does to an average and to a spread.",
        ],
        judge=checks.choice(
            "df7e70e5021544f4834bbee64a9e3789febc4be81470df629cad6ddb03320a5c",  # sha256 of the right letter
            {
                "A": "Weekends are quiet, but the spike was on a Monday and a weekday pattern "
                     "cannot hold z down by itself. Think about what is inside the baseline.",
                "B": "the spike is inside its own 7-day window, so it pulls the average up "
                     "and inflates the standard deviation; z cannot exceed about 2.27 that way. "
                     "A baseline made of the 7 days BEFORE fixes it.",
                "C": "The volume was many times the usual level, so it was not small. "
                     "Think about what is inside the baseline.",
                "D": "Rounding does not cap z. Think about what is inside the baseline.",
            },
        ),
        section="section 1 of the lesson (Mention volume and spikes)",
    ),
    checks.Question(
        "01_listen.q5",
        "Would an alert at z ≥ 3 (baseline including the day itself) ever have fired? True/False",
        hints=[
            "Re-read section 1 of the lesson: with the day inside its own 7-day baseline, how high "
            "can z ever go? (Or move the dashboard's \"Alert at z ≥\" slider to 3.0, box unticked, "
            "and read the line of text under the controls.)",
            "To compute it instead: daily[\"lumiere\"] (from the setup cell) is Café Lumière's "
            "mentions per day, and analytics.spikes(SERIES, threshold=3) marks each day's alert in "
            "its column \"alert\" (True or False).",
            "TABLE[\"alert\"].any() is True when at least one day has an alert.",
            "Apply .any() to the \"alert\" column of analytics.spikes(daily[\"lumiere\"], threshold=3).",
        ],
        judge=checks.decision(
            lambda: bool(_alert_days(STRICT_THRESHOLD)),
            right_message="with the day itself in its own 7-day baseline z can never reach 3, so "
                          "that rule would have stayed silent through the whole backlash.",
            wrong_message="look at the data again: compute the rule on Café Lumière's daily "
                          "mentions and see whether any day is flagged.",
        ),
        section="section 1 of the lesson (Mention volume and spikes)",
    ),
)
