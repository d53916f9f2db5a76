"""Module 01 · Learn to listen: the exercise questions, their hints and their judges.

No answer is stored here. Each judge computes the expected value from the sample data
with ``socialkit.analytics`` when the learner checks, or compares a letter with its
sha256 digest. The decisive assertions are the hidden tests of
``solutions/01_listen/01_listen_exercises.ipynb``.
"""

from __future__ import annotations

import math
import numbers
import re
from collections.abc import Callable
from functools import lru_cache

import numpy as np
import pandas as pd

from socialkit import analytics, checks

MODULE = "01_listen"
ALERT_THRESHOLD = 2.0  # the dashboard's default "Alert at z ≥", used in Q2
SOV_TOLERANCE = 0.1  # Q1: percentage points; the question asks for one decimal place
# Q1's typical mistakes lie close together (May alone and the first quarter are about 0.13
# apart): within a tighter margin than the answer's, an answer typed to one decimal place
# matches only the mistake it comes from.
SOV_MISTAKE_TOLERANCE = 0.05
NET_TOLERANCE = 0.1  # Q3: points of net sentiment
SECOND_QUARTER = (4, 6)  # Q1: April to June 2025, the quarter of the backlash
SECOND_HALF = (7, 12)  # Q3: July to December 2025, after the backlash
TOPIC_TOLERANCE = 0.1  # Q5: percentage points; the question asks for one decimal place
RISING_TOPIC = "sustainability"  # Q5: the topic whose change among Café Lumière's posts is asked
QUARTERS = {1: ("2025-01-01", "2025-03-31"), 2: ("2025-04-01", "2025-06-30"),
            3: ("2025-07-01", "2025-09-30"), 4: ("2025-10-01", "2025-12-31")}
MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December")


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


def _months(first: int, last: int) -> pd.DataFrame:
    """The mentions of the calendar months ``first`` to ``last`` (1–12, both included) of 2025."""
    mentions = _mentions()
    return mentions[mentions["ts"].dt.month.between(first, last)]


@lru_cache(maxsize=1)
def _lumiere_daily() -> pd.Series:
    """Café Lumière's mentions per day, as ``daily["lumiere"]`` in the setup cell."""
    return analytics.daily_volume(_mentions())["lumiere"]


def _alert_days(threshold: float = ALERT_THRESHOLD, exclude_current: bool = False) -> list[pd.Timestamp]:
    """Days with an alert on Café Lumière's daily volume, as the dashboard shows them."""
    result = analytics.spikes(_lumiere_daily(), threshold=threshold, exclude_current=exclude_current)
    return list(result.index[result["alert"].to_numpy()])


def _net(brand: str | None, role: str | None, first: int = 1, last: int = 12) -> float:
    """Net sentiment of one brand (None: all three) among one group (None: everyone), months first–last."""
    table = _mentions_by_role()
    rows = table[table["ts"].dt.month.between(first, last)]
    if brand is not None:
        rows = rows[rows["brand"] == brand]
    if role is not None:
        rows = rows[rows["role"] == role]
    return analytics.net_sentiment(rows)


# --------------------------------------------------------------------------- a judge for a date


DATE_PATTERN = re.compile(r"(\d{1,4})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,4})")
DATE_EXAMPLE = "e.g. \"2025-09-30\" for 30 September 2025"


def _as_day(value) -> pd.Timestamp | None:
    """A learner's date (text exactly "2025-01-31", a Timestamp or a date) as a day; None if it is not one."""
    import datetime as dt

    if isinstance(value, str):
        text = value.strip()
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
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


def _date_format_advice(value) -> str:
    """What is wrong with how a date was written (it is not text "YYYY-MM-DD" naming a real day)."""
    if not isinstance(value, str):
        typed = f"{value!r} is" if isinstance(value, numbers.Number) else "that is"
        return f"{typed} not a date. Type it as text in quotes, year-month-day, {DATE_EXAMPLE}."
    parts = DATE_PATTERN.fullmatch(value.strip())
    if parts is None:
        return f"{value!r} is not a date written year-month-day. Type it in quotes, {DATE_EXAMPLE}."
    first, middle, last = parts.groups()
    if len(first) != 4:
        return (f"{value!r}: write the year first, then the month, then the day (year-month-day), "
                f"{DATE_EXAMPLE}.")
    if int(middle) > 12:
        return (f"{value!r}: there is no month {int(middle)}: the month comes second, then the day, "
                f"{DATE_EXAMPLE}.")
    if len(middle) != 2 or len(last) != 2 or "-" not in value or "/" in value or "." in value:
        return (f"{value!r}: write the month and the day with two digits each, separated by dashes, "
                f"{DATE_EXAMPLE}.")
    return f"{value!r} is not a day of the calendar; check the month and the day, {DATE_EXAMPLE}."


def first_alert_judge(value) -> checks.Verdict:
    """Right when ``value`` is the first alert day on the dashboard with a baseline of the 7 days before."""
    day = _as_day(value)
    if day is None:
        return checks.wrong(_date_format_advice(value))
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


def _sov(first: int, last: int, brand: str = "lumiere") -> float:
    """A brand's share of voice over the months ``first`` to ``last`` of 2025 together, in %."""
    return analytics.share_of_voice(_months(first, last), brand=brand)


@lru_cache(maxsize=1)
def _sov_second_quarter() -> float:
    """Café Lumière's share of voice over April–June 2025 together, in % (the answer to Q1)."""
    return _sov(*SECOND_QUARTER)


def _mean_of_monthly_shares(first: int, last: int, brand: str = "lumiere") -> float:
    """The plain average of a brand's monthly shares (a typical slip: months differ in size)."""
    monthly = analytics.share_of_voice(_months(first, last), freq="M", brand=brand)
    return float(monthly.mean())


@lru_cache(maxsize=1)
def _sov_mistakes() -> tuple[tuple[float, str], ...]:
    """Q1's typical wrong answers, each with what to say; a few share-of-voice computations."""
    first, last = SECOND_QUARTER
    single_months = tuple(
        (_sov(month, month),
         f"that is {MONTH_NAMES[month - 1]} alone; the quarter is April, May AND June together: "
         f"mentions[\"ts\"].dt.quarter == 2 keeps all three months.")
        for month in range(first, last + 1))
    other_quarters = tuple(
        (_sov(3 * quarter - 2, 3 * quarter),
         f"that is the {ordinal} quarter ({MONTH_NAMES[3 * quarter - 3]} to "
         f"{MONTH_NAMES[3 * quarter - 1]}); the second quarter is April to June: "
         f"mentions[\"ts\"].dt.quarter == 2.")
        for quarter, ordinal in ((1, "FIRST"), (3, "THIRD"), (4, "FOURTH")))
    return (
        (_mean_of_monthly_shares(first, last),
         "that is the AVERAGE of the three monthly shares. The months do not have the same number "
         "of mentions (April, the month of the backlash, has far more), so do not average them: "
         "give all the rows of April to June to analytics.share_of_voice(…) at once."),
        *single_months,
        *other_quarters,
        (_sov(1, last),
         "that is January to June (the first HALF of the year); the second quarter starts in April."),
        (_sov(first, 12),
         "that is April to December: you kept every month from April on; stop at June."),
        (_sov(1, 12),
         "that is Café Lumière's share over the WHOLE year; keep only the rows of April, May and June."),
        (_sov(first, last, "grano"),
         "that is Grano & Co's share; keep brand=\"lumiere\"."),
        (_sov(first, last, "maison"),
         "that is Maison Torréfaction's share; keep brand=\"lumiere\"."),
        (float((_months(first, last)["brand"] == "lumiere").sum()),
         "that is a NUMBER of mentions; share of voice divides it by all three brands' "
         "mentions from April to June and multiplies by 100."),
        (0.0,
         "0 % means no row has that brand. In the data the brands are written lumiere, grano "
         "and maison: write brand=\"lumiere\"."),
    )


_sov_number = checks.number(
    _sov_second_quarter, tolerance=SOV_TOLERANCE, unit="%",
    right_message="higher than in January to March, but the April backlash made it: share of "
                  "voice counts noise, not love. Read it next to net sentiment before you forward "
                  "that report.",
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
    """Q1: right within 0.1 points of Café Lumière's April–June share; typical slips named one by one.

    The typical mistakes are matched within ``SOV_MISTAKE_TOLERANCE`` (not the answer's 0.1)
    because two of them are only about 0.13 apart; everything else is judged by ``checks.number``.
    """
    given = _plain_number(value)
    if given is not None and math.isfinite(given):
        if abs(given - _sov_second_quarter()) > SOV_TOLERANCE:
            for mistake, message in _sov_mistakes():
                if abs(given - mistake) <= SOV_MISTAKE_TOLERANCE:
                    return checks.wrong(message)
    return _sov_number(value)


# --------------------------------------------------------------------------- Q3: net sentiment


def _net_shareholders_second_half() -> float:
    """Café Lumière's net sentiment among shareholders, July–December 2025 (the answer to Q3)."""
    return _net("lumiere", "shareholder", *SECOND_HALF)


def _net_mistakes() -> list[tuple[Callable[[], float], str]]:
    """Q3's typical wrong answers (each computed from the data when checked), with what to say."""
    first, last = SECOND_HALF
    return [
        (lambda: _net("lumiere", "shareholder"),
         "that is shareholders' net sentiment over the WHOLE year (the lesson's table). Keep only "
         "the rows from July on: add a third condition, mentions_by_role[\"ts\"].dt.month >= 7."),
        (lambda: _net("lumiere", "shareholder", 1, first - 1),
         "that is the FIRST half of the year (January to June); the question asks for July to December."),
        (lambda: _net("lumiere", "shareholder", first + 1, last),
         "that starts in August: \"month > 7\" leaves July out; write >= 7."),
        (lambda: _net("lumiere", "shareholder", first - 1, last),
         "that starts in June; the second half starts in July (month 7): write >= 7."),
        (lambda: _net("lumiere", "shareholder", 12, 12),
         "that is December alone; keep every month from July to December."),
        (lambda: _net("lumiere", "shareholder", first, 9),
         "that is July to September only; the second half runs to December: use "
         "mentions_by_role[\"ts\"].dt.month >= 7."),
        (lambda: _net("lumiere", "shareholder", 10, last),
         "that is October to December only (the last quarter); the second half starts in July: use "
         "mentions_by_role[\"ts\"].dt.month >= 7."),
        (lambda: _net("grano", "shareholder", first, last),
         "that is Grano & Co's shareholders; keep brand \"lumiere\"."),
        (lambda: _net("maison", "shareholder", first, last),
         "that is Maison Torréfaction's shareholders; keep brand \"lumiere\"."),
        (lambda: _net(None, "shareholder"),
         "that counts shareholders' posts about all three brands over the whole year; keep only brand "
         "\"lumiere\", and only the months from July on."),
        (lambda: _net("lumiere", None, first, last),
         "that is the net sentiment of EVERYONE who mentions Café Lumière from July on; keep only "
         "the rows whose role is \"shareholder\"."),
        (lambda: _net("lumiere", None),
         "that is EVERYONE who mentions Café Lumière over the whole year; keep only shareholders, "
         "from July on."),
        (lambda: _net(None, "shareholder", first, last),
         "that counts shareholders' posts about all three brands; keep only brand \"lumiere\" too."),
        (lambda: -_net_shareholders_second_half(),
         "the sign is reversed: net sentiment is % positive MINUS % negative."),
    ]


# --------------------------------------------------------------------------- Q5: a rising topic


def _topic_change(brand: str | None = "lumiere", topic: str = RISING_TOPIC, current: int = 4,
                  previous: int = 1, column: str = "change_pts") -> float:
    """A topic's row of ``analytics.rising_topics`` among one brand's posts (None: all), quarter vs quarter."""
    mentions = _mentions()
    rows = mentions if brand is None else mentions[mentions["brand"] == brand]
    (start, end), (previous_start, previous_end) = QUARTERS[current], QUARTERS[previous]
    trends = analytics.rising_topics(rows, start, end, previous_start=previous_start,
                                     previous_end=previous_end, min_mentions=0)
    return float(trends.at[topic, column])


@lru_cache(maxsize=1)
def _sustainability_change() -> float:
    """Change in sustainability's share of Café Lumière's posts, Q1 → Q4 2025, in points (the answer to Q5)."""
    return _topic_change()


def _halves_change(brand: str = "lumiere", topic: str = RISING_TOPIC) -> float:
    """A topic's change in share among a brand's posts from January–June to July–December 2025, in points."""
    mentions = _mentions()
    rows = mentions[mentions["brand"] == brand]
    trends = analytics.rising_topics(rows, "2025-07-01", "2025-12-31", previous_start="2025-01-01",
                                     previous_end="2025-06-30", min_mentions=0)
    return float(trends.at[topic, "change_pts"])


def _topic_mistakes() -> list[tuple[Callable[[], float], str]]:
    """Q5's typical wrong answers (each computed from the data when checked), with what to say."""
    change_pts = "the column \"change_pts\" (Q4's share minus Q1's share)"
    return [
        (lambda: _topic_change(brand=None),
         "that is the WHOLE market's change, all three brands together (the lesson's chart). Keep only "
         "the posts about Café Lumière first: mentions[mentions[\"brand\"] == \"lumiere\"]."),
        (lambda: _topic_change(brand="grano"),
         "that is the change among Grano & Co's posts; keep only brand \"lumiere\"."),
        (lambda: _topic_change(brand="maison"),
         "that is the change among Maison Torréfaction's posts; keep only brand \"lumiere\"."),
        (lambda: _topic_change(topic="app_order"),
         "that is ordering through an app (app_order); the question is about sustainability."),
        (lambda: -_sustainability_change(),
         "the sign is reversed: the change is Q4's share minus Q1's share. In analytics.rising_topics(…) "
         "the recent period (October to December) comes first, the earlier one goes in previous_start= "
         "and previous_end=."),
        (lambda: _topic_change(column="share_current_pct"),
         "that is sustainability's share of Café Lumière's posts IN Q4 alone (column \"share_current_pct\"); "
         f"the question asks how much it CHANGED since Q1: {change_pts}."),
        (lambda: _topic_change(column="share_previous_pct"),
         "that is sustainability's share of Café Lumière's posts in Q1 alone (column "
         f"\"share_previous_pct\"); the question asks how much it CHANGED by Q4: {change_pts}."),
        (lambda: _topic_change(column="lift"),
         "that is the RATIO of the two shares (column \"lift\": Q4's share ÷ Q1's share); the question "
         f"asks for the difference in percentage points: {change_pts}."),
        (lambda: _topic_change(column="mentions_current") - _topic_change(column="mentions_previous"),
         "that is the change in the NUMBER of posts; the question asks for the change in the SHARE of "
         f"Café Lumière's posts, in percentage points: {change_pts}."),
        (lambda: _topic_change(column="mentions_current"),
         f"that is the NUMBER of posts about sustainability in Q4; the question asks for {change_pts}."),
        (lambda: _topic_change(previous=3),
         "that compares Q4 with the quarter just before it (July to September): without previous_start= "
         "and previous_end=, analytics.rising_topics(…) compares with the period just before. Give the "
         "first quarter, as in the lesson: previous_start=\"2025-01-01\", previous_end=\"2025-03-31\"."),
        (lambda: _topic_change(previous=2),
         "that compares Q4 with April to June; the question compares it with the FIRST quarter, "
         "January to March: previous_start=\"2025-01-01\", previous_end=\"2025-03-31\"."),
        (lambda: _topic_change(current=3),
         "that stops at September (Q3); the recent period is the last quarter, \"2025-10-01\" to "
         "\"2025-12-31\"."),
        (_halves_change,
         "that compares the two HALVES of the year; the question compares the first quarter "
         "(January to March) with the last (October to December)."),
    ]


_topic_number = checks.number(
    _sustainability_change, tolerance=TOPIC_TOLERANCE, unit="points",
    mistakes=_topic_mistakes(),
    reduce_advice="Read just the row \"sustainability\" of the column \"change_pts\": "
                  "TABLE.loc[\"sustainability\", \"change_pts\"].",
)


def rising_topic_judge(value) -> checks.Verdict:
    """Q5: right within 0.1 points of the change among Café Lumière's posts; the message quotes the market's."""
    verdict = _topic_number(value)
    return checks.right(_topic_right_message()) if verdict.ok else verdict


def _topic_right_message() -> str:
    """What Q5's answer means, with the market's and Grano & Co's figures computed from the data."""
    market = _topic_change(brand=None)
    return (f"in the whole market, sustainability's share rose by {market:.1f} points (the lesson's chart); "
            f"among the posts about Café Lumière it rose even more. It is not only a market trend: the "
            f"people who write about YOU talk about it more and more. Keep the budget, and tell them "
            f"what you do.")


# --------------------------------------------------------------------------- the questions

checks.register(
    checks.Question(
        "01_listen.q1",
        "Café Lumière's share of voice over April–June 2025 (the second quarter), in %",
        hints=[
            "Share of voice = Café Lumière's mentions ÷ the mentions of all three brands × 100, "
            "counted over the whole period. analytics.share_of_voice(TABLE, brand=\"lumiere\") "
            "computes it for whatever rows you give it.",
            "Keep only the rows of the second quarter first: mentions[mentions[\"ts\"].dt.quarter == 2] "
            "is the table of the April, May and June mentions. (Averaging the three monthly shares "
            "of the lesson's table is not the same: April has far more mentions than May or June.)",
            "Put the two together: analytics.share_of_voice( …the April–June rows… , brand=\"lumiere\"). "
            "Store the result in sov_april_june.",
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
        "Café Lumière's net sentiment among shareholders, July–December 2025 (−100 to +100)",
        hints=[
            "Net sentiment = % positive − % negative; analytics.net_sentiment(TABLE) computes it "
            "for the rows you give it (from −100 to +100).",
            "Keep the rows that meet three conditions: brand is \"lumiere\", role is \"shareholder\", "
            "and the month is July or later (mentions_by_role[\"ts\"].dt.month >= 7). Combine "
            "conditions with &, each in its own round brackets.",
            "mentions_by_role[(mentions_by_role[\"brand\"] == \"lumiere\") & "
            "(mentions_by_role[\"role\"] == \"shareholder\") & (mentions_by_role[\"ts\"].dt.month >= 7)] "
            "are those rows; give them to analytics.net_sentiment(…).",
        ],
        judge=checks.number(
            _net_shareholders_second_half, tolerance=NET_TOLERANCE, unit="points",
            mistakes=_net_mistakes(),
            reduce_advice="Keep only the rows with brand \"lumiere\", role \"shareholder\" and a month "
                          "from July on first, then give those rows to analytics.net_sentiment(…), "
                          "without by=.",
            no_rows_advice="Roles are written in the singular and in lower case: \"shareholder\", not "
                           "\"shareholders\"; the brand is \"lumiere\".",
            right_message="the shareholders have warmed up since the summer. The whole-year figure in "
                          "the lesson's table (slightly below zero) hides a sour first half and a "
                          "positive second half: split by time as well as by group.",
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
        "Change in sustainability's share of Café Lumière's posts, Q1 → Q4 2025, in points",
        hints=[
            "In section 4 of the lesson, analytics.rising_topics(TABLE, \"2025-10-01\", \"2025-12-31\", "
            "previous_start=\"2025-01-01\", previous_end=\"2025-03-31\") compares each topic's share of "
            "the rows you give it between Q1 and Q4; its column \"change_pts\" is the change in percentage "
            "points. The lesson gave it EVERY mention: the whole market.",
            "Give it only Café Lumière's posts, mentions[mentions[\"brand\"] == \"lumiere\"], with the same "
            "four dates. In the table you get, read the row \"sustainability\" of the column \"change_pts\" "
            "(TABLE.loc[ROW, COLUMN] reads one cell).",
        ],
        judge=rising_topic_judge,
        section="section 4 of the lesson (Rising topics)",
    ),
)
