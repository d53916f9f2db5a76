"""Module 01 · Learn to listen: the exercise questions, declared as data.

No answer is stored here: each ``answer`` function computes the expected value from the sample
data when the learner checks; the multiple-choice answer is stored only as a salted digest. The
decisive assertions are the hidden tests of ``solutions/01_listen/01_listen_exercises.ipynb``,
which recompute in plain pandas and compare with the rules of ``socialkit.judging.rules``.
"""

from __future__ import annotations

from functools import cache

import pandas as pd

from socialkit import analytics, data
from socialkit.judging import Choice, Date, ExpectedValueError, Negated, Number, Other, QuestionSet, Vary

ALERT_THRESHOLD = 2.0  # the dashboard's default "Alert at z ≥", used in Q2
QUARTERS = {1: ("2025-01-01", "2025-03-31"), 2: ("2025-04-01", "2025-06-30"),
            3: ("2025-07-01", "2025-09-30"), 4: ("2025-10-01", "2025-12-31")}
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")


# --------------------------------------------------------------------------- the data, as the setup cell loads it


@cache
def _mentions_by_role() -> pd.DataFrame:
    """The mentions with their author's role, as ``mentions_by_role`` in the setup cell."""
    return analytics.with_author_role(data.load("mentions"), data.load("accounts"))


def _months(first: int, last: int) -> pd.DataFrame:
    """The mentions of the calendar months ``first`` to ``last`` (1–12, both included) of 2025."""
    mentions = data.load("mentions")
    return mentions[mentions["ts"].dt.month.between(first, last)]


# --------------------------------------------------------------------------- Q1: share of voice over a quarter


@cache
def share_of_voice(months=(4, 6), brand="lumiere") -> float:
    """A brand's share of voice over the months ``months`` of 2025 together, in % (Q1: April–June, Café Lumière)."""
    return analytics.share_of_voice(_months(*months), brand=brand)


def _mean_of_monthly_shares() -> float:
    """The plain average of Café Lumière's April, May and June shares (a slip: months differ in size)."""
    return float(analytics.share_of_voice(_months(4, 6), freq="M", brand="lumiere").mean())


def _lumiere_mentions_april_june() -> float:
    """The NUMBER of Café Lumière's mentions in April–June (a slip: a count, not a share)."""
    return float((_months(4, 6)["brand"] == "lumiere").sum())


QUARTER_PERIOD = 'mentions["ts"].dt.quarter == 2'

# --------------------------------------------------------------------------- Q2: the first alert with a fair baseline


Q2_BRAND = "grano"  # the lesson's dashboard steps use Café Lumière; Q2 does the same move on the competitor


@cache
def _daily(brand: str = Q2_BRAND) -> pd.Series:
    """One brand's mentions per day, as ``daily[brand]`` in the setup cell."""
    return analytics.daily_volume(data.load("mentions"))[brand]


def alert_days(exclude_current: bool = True, threshold: float = ALERT_THRESHOLD,
               brand: str = Q2_BRAND) -> list[pd.Timestamp]:
    """Days with an alert on one brand's daily volume (Grano & Co by default), as the dashboard shows them."""
    result = analytics.spikes(_daily(brand), threshold=threshold, exclude_current=exclude_current)
    return list(result.index[result["alert"].to_numpy()])


def first_alert(exclude_current: bool = True, brand: str = Q2_BRAND) -> pd.Timestamp:
    """The first alert day (Q2: Grano & Co, baseline = the 7 days before, z ≥ 2)."""
    days = alert_days(exclude_current, brand=brand)
    if not days:
        raise ExpectedValueError("The data shows no alert at all: tell your facilitator.")
    return days[0]


# --------------------------------------------------------------------------- Q3: net sentiment of one group over a period


@cache
def net_sentiment(brand="lumiere", role="shareholder", months=(7, 12)) -> float:
    """Net sentiment of one brand (None: all three) among one group (None: everyone) over ``months``."""
    table = _mentions_by_role()
    rows = table[table["ts"].dt.month.between(*months)]
    if brand is not None:
        rows = rows[rows["brand"] == brand]
    if role is not None:
        rows = rows[rows["role"] == role]
    return analytics.net_sentiment(rows)


# --------------------------------------------------------------------------- Q5: a rising topic among one brand's posts


@cache
def topic_change(brand="lumiere", topic="sustainability", current=QUARTERS[4], previous=QUARTERS[1],
                 column="change_pts") -> float:
    """One cell of ``analytics.rising_topics`` on one brand's posts (None: all): sustainability, Q1 → Q4 by default."""
    mentions = data.load("mentions")
    rows = mentions if brand is None else mentions[mentions["brand"] == brand]
    trends = analytics.rising_topics(rows, *current, previous_start=previous[0], previous_end=previous[1],
                                     min_mentions=0)
    return float(trends.at[topic, column])


def _topic_right_message() -> str:
    """What Q5's answer means, with the market's figure computed from the data."""
    return (f"in the whole market, sustainability's share rose by {topic_change(brand=None):.1f} points (the "
            f"lesson's chart); among the posts about Café Lumière it rose even more. It is not only a market "
            f"trend: the people who write about YOU talk about it more and more. Keep the budget, and tell "
            f"them what you do.")


CHANGE_PTS = 'the column "change_pts" (Q4\'s share minus Q1\'s share)'

# --------------------------------------------------------------------------- the questions

QUESTIONS = QuestionSet("01_listen", [
    Number(
        "q1", "Café Lumière's share of voice over April–June 2025 (the second quarter), in %",
        var="sov_april_june", points=2, answer=share_of_voice, tolerance=0.1, unit="%",
        # two typical mistakes lie about 0.13 apart: a tighter margin tells them apart
        mistake_tolerance=0.05,
        mistakes=[
            Other(_mean_of_monthly_shares,
                  "that is the AVERAGE of the three monthly shares. The months do not have the same number of "
                  "mentions (April, the month of the backlash, has far more), so do not average them: give all "
                  "the rows of April to June to analytics.share_of_voice(…) at once."),
            *[Vary(months=(m, m), say=f"that is {MONTHS[m - 1]} alone; the quarter is April, May AND June "
                                      f"together: {QUARTER_PERIOD} keeps all three months.")
              for m in (4, 5, 6)],
            *[Vary(months=(3 * q - 2, 3 * q), say=f"that is the {word} quarter ({MONTHS[3 * q - 3]} to "
                                                  f"{MONTHS[3 * q - 1]}); the second quarter is April to June: "
                                                  f"{QUARTER_PERIOD}.")
              for q, word in ((1, "FIRST"), (3, "THIRD"), (4, "FOURTH"))],
            Vary(months=(1, 6), say="that is January to June (the first HALF of the year); the second quarter "
                                    "starts in April."),
            Vary(months=(4, 12), say="that is April to December: you kept every month from April on; stop at June."),
            Vary(months=(1, 12), say="that is Café Lumière's share over the WHOLE year; keep only the rows of "
                                     "April, May and June."),
            Vary(brand="grano", say="that is Grano & Co's share; keep brand=\"lumiere\"."),
            Vary(brand="maison", say="that is Maison Torréfaction's share; keep brand=\"lumiere\"."),
            Other(_lumiere_mentions_april_june,
                  "that is a NUMBER of mentions; share of voice divides it by all three brands' mentions from "
                  "April to June and multiplies by 100."),
            Other(0.0, "0 % means no row has that brand. In the data the brands are written lumiere, grano and "
                       "maison: write brand=\"lumiere\"."),
        ],
        right="higher than in January to March, but the April backlash made it: share of voice counts noise, "
              "not love. Read it next to net sentiment before you forward that report.",
        reduce_advice="Pick Café Lumière's share: add brand=\"lumiere\" inside the round brackets of "
                      "analytics.share_of_voice(…).",
        hints=[
            "Share of voice = Café Lumière's mentions ÷ the mentions of all three brands × 100, counted over "
            "the whole period. analytics.share_of_voice(TABLE, brand=\"lumiere\") computes it for whatever rows "
            "you give it.",
            "Keep only the rows of the second quarter first (move 2 of module 00, keep rows): "
            "mentions[mentions[\"ts\"].dt.quarter == 2] is the table of the April, May and June mentions. "
            "(Averaging the three monthly shares of the lesson's table is not the same: April has far more "
            "mentions than May or June.)",
            "Put the two together: analytics.share_of_voice( …the April–June rows… , brand=\"lumiere\"). "
            "Store the result in sov_april_june.",
        ],
        section="section 2 of the lesson (Share of voice)",
    ),
    Date(
        "q2", "Date of Grano & Co's first alert with the baseline = the 7 days before, as \"YYYY-MM-DD\"",
        var="first_alert", points=2, answer=first_alert,
        mistakes=[
            Vary(exclude_current=False, say="that is Grano & Co's first alert with the box UNTICKED (the day "
                                            "inside its own baseline); with the box ticked an earlier day has one. "
                                            "Tick \"Baseline = the 7 days before\" and look again."),
            Vary(brand="lumiere", say="that is Café Lumière's first alert (the lesson's case). Untick Café "
                                      "Lumière and tick Grano & Co only."),
            Other(lambda: _daily().idxmax(),
                  "that is the day with the MOST mentions, not the first alert. Read the summary line under the "
                  "controls, or the first red circle."),
            Other(lambda: alert_days()[1:],
                  "that day has an alert, but it is not the FIRST one. Look further left on the chart, or read "
                  "the summary line."),
        ],
        right=f"an ordinary day, only a little busier than the week before. A fair baseline with a threshold "
              f"of {ALERT_THRESHOLD:g} raises false alarms like this one, for a competitor as for you; that is "
              f"why a fair baseline needs a stricter threshold, and often a minimum rise.",
        otherwise="the dashboard shows no alert on that day with these settings (Grano & Co only, Volume, "
                  "everyone, alert at z ≥ 2.0, Months Jan–Dec, box TICKED).",
        hints=[
            "Run the dashboard cell. Tick Grano & Co only (untick Café Lumière); keep Volume, everyone, alert at "
            "z ≥ 2.0 and Months Jan–Dec, and TICK the box \"Baseline = the 7 days before\".",
            "Red circles mark alert days; the line of text under the controls names the first one.",
            "Write that day as text in quotes, year-month-day, e.g. first_alert = \"2025-09-30\".",
        ],
        section="section 1 of the lesson (Mention volume and spikes) and the dashboard",
    ),
    Number(
        "q3", "Café Lumière's net sentiment among shareholders, July–December 2025 (−100 to +100)",
        var="net_shareholders_h2", points=2, answer=net_sentiment, tolerance=0.1, unit="points",
        mistakes=[
            Vary(months=(1, 12), say="that is shareholders' net sentiment over the WHOLE year (the lesson's "
                                     "table). Keep only the rows from July on: add a third condition, "
                                     "mentions_by_role[\"ts\"].dt.month >= 7."),
            Vary(months=(1, 6), say="that is the FIRST half of the year (January to June); the question asks "
                                    "for July to December."),
            Vary(months=(8, 12), say="that starts in August: \"month > 7\" leaves July out; write >= 7."),
            Vary(months=(6, 12), say="that starts in June; the second half starts in July (month 7): write >= 7."),
            Vary(months=(12, 12), say="that is December alone; keep every month from July to December."),
            Vary(months=(7, 9), say="that is July to September only; the second half runs to December: use "
                                    "mentions_by_role[\"ts\"].dt.month >= 7."),
            Vary(months=(10, 12), say="that is October to December only (the last quarter); the second half "
                                      "starts in July: use mentions_by_role[\"ts\"].dt.month >= 7."),
            Vary(brand="grano", say="that is Grano & Co's shareholders; keep brand \"lumiere\"."),
            Vary(brand="maison", say="that is Maison Torréfaction's shareholders; keep brand \"lumiere\"."),
            Vary(brand=None, months=(1, 12), say="that counts shareholders' posts about all three brands over the "
                                                 "whole year; keep only brand \"lumiere\", and only the months "
                                                 "from July on."),
            Vary(role=None, say="that is the net sentiment of EVERYONE who mentions Café Lumière from July on; "
                                "keep only the rows whose role is \"shareholder\"."),
            Vary(role=None, months=(1, 12), say="that is EVERYONE who mentions Café Lumière over the whole year; "
                                                "keep only shareholders, from July on."),
            Vary(brand=None, say="that counts shareholders' posts about all three brands; keep only brand "
                                 "\"lumiere\" too."),
            Negated(say="the sign is reversed: net sentiment is % positive MINUS % negative."),
        ],
        reduce_advice="Keep only the rows with brand \"lumiere\", role \"shareholder\" and a month from July on "
                      "first, then give those rows to analytics.net_sentiment(…), without by=.",
        no_rows_advice="Roles are written in the singular and in lower case: \"shareholder\", not "
                       "\"shareholders\"; the brand is \"lumiere\".",
        right="the shareholders have warmed up since the summer. The whole-year figure in the lesson's table "
              "(slightly below zero) hides a sour first half and a positive second half: split by time as well "
              "as by group.",
        hints=[
            "Two steps: keep only the rows of mentions_by_role you need (move 2 of module 00, keep rows), then give "
            "those rows to analytics.net_sentiment(…): it computes % positive − % negative (from −100 to +100) "
            "for the rows you give it.",
            "The rows you need meet three conditions: the column \"brand\" is \"lumiere\", the column \"role\" "
            "is \"shareholder\", and the month of the column \"ts\" is July or later (.dt.month gives a date's "
            "month, 1 to 12; July is 7). Put each condition in its own round brackets and join them with &.",
            "The rows are mentions_by_role[(mentions_by_role[\"brand\"] == \"lumiere\") & "
            "(mentions_by_role[\"role\"] == \"shareholder\") & (mentions_by_role[\"ts\"].dt.month >= 7)]. "
            "Give them to analytics.net_sentiment(…) and store the result in net_shareholders_h2.",
        ],
        section="section 3 of the lesson (Net sentiment and stakeholder groups)",
    ),
    Choice(
        "q4", "Why is the backlash day's z-score so modest (multiple choice)",
        var="why_modest", points=2,
        answer_digest="14be3136ce33d170d0147a1b81aea8ded9ca0b0473171161010a32da642a4ab9",
        options={
            "A": "Weekends are quiet, but the spike was on a Monday and a weekday pattern cannot hold z down by "
                 "itself. Think about what is inside the baseline.",
            "B": "the spike is inside its own 7-day window, so it pulls the average up and inflates the standard "
                 "deviation; z cannot exceed about 2.27 that way. A baseline made of the 7 days BEFORE fixes it.",
            "C": "The volume was many times the usual level, so it was not small. Think about what is inside the "
                 "baseline.",
            "D": "Rounding does not cap z. Think about what is inside the baseline.",
        },
        hints=[
            "Look at how z is computed: (today's count − the 7-day average) ÷ the 7-day standard deviation, with "
            "the 7 days ENDING today.",
            "Ask yourself which days are inside that 7-day window on the day of the spike, and what a huge value "
            "does to an average and to a spread.",
        ],
        section="section 1 of the lesson (Mention volume and spikes)",
    ),
    Number(
        "q5", "Change in sustainability's share of Café Lumière's posts, Q1 → Q4 2025, in points",
        var="sustainability_change", points=2, answer=topic_change, tolerance=0.1, unit="points",
        mistakes=[
            Vary(brand=None, say="that is the WHOLE market's change, all three brands together (the lesson's "
                                 "chart). Keep only the posts about Café Lumière first: "
                                 "mentions[mentions[\"brand\"] == \"lumiere\"]."),
            Vary(brand="grano", say="that is the change among Grano & Co's posts; keep only brand \"lumiere\"."),
            Vary(brand="maison", say="that is the change among Maison Torréfaction's posts; keep only brand "
                                     "\"lumiere\"."),
            Vary(topic="app_order", say="that is ordering through an app (app_order); the question is about "
                                        "sustainability."),
            Negated(say="the sign is reversed: the change is Q4's share minus Q1's share. In "
                        "analytics.rising_topics(…) the recent period (October to December) comes first, the "
                        "earlier one goes in previous_start= and previous_end=."),
            Vary(column="share_current_pct", say="that is sustainability's share of Café Lumière's posts IN Q4 "
                                                 "alone (column \"share_current_pct\"); the question asks how much "
                                                 f"it CHANGED since Q1: {CHANGE_PTS}."),
            Vary(column="share_previous_pct", say="that is sustainability's share of Café Lumière's posts in Q1 "
                                                  "alone (column \"share_previous_pct\"); the question asks how "
                                                  f"much it CHANGED by Q4: {CHANGE_PTS}."),
            Vary(column="lift", say="that is the RATIO of the two shares (column \"lift\": Q4's share ÷ Q1's "
                                    "share); the question asks for the difference in percentage points: "
                                    f"{CHANGE_PTS}."),
            Other(lambda: topic_change(column="mentions_current") - topic_change(column="mentions_previous"),
                  "that is the change in the NUMBER of posts; the question asks for the change in the SHARE of "
                  f"Café Lumière's posts, in percentage points: {CHANGE_PTS}."),
            Vary(column="mentions_current", say="that is the NUMBER of posts about sustainability in Q4; the "
                                                f"question asks for {CHANGE_PTS}."),
            Vary(previous=QUARTERS[3], say="that compares Q4 with the quarter just before it (July to "
                                           "September): without previous_start= and previous_end=, "
                                           "analytics.rising_topics(…) compares with the period just before. "
                                           "Give the first quarter, as in the lesson: previous_start="
                                           "\"2025-01-01\", previous_end=\"2025-03-31\"."),
            Vary(previous=QUARTERS[2], say="that compares Q4 with April to June; the question compares it with "
                                           "the FIRST quarter, January to March: previous_start=\"2025-01-01\", "
                                           "previous_end=\"2025-03-31\"."),
            Vary(current=QUARTERS[3], say="that stops at September (Q3); the recent period is the last quarter, "
                                          "\"2025-10-01\" to \"2025-12-31\"."),
            Vary(current=("2025-07-01", "2025-12-31"), previous=("2025-01-01", "2025-06-30"),
                 say="that compares the two HALVES of the year; the question compares the first quarter "
                     "(January to March) with the last (October to December)."),
        ],
        reduce_advice="Read just the row \"sustainability\" of the column \"change_pts\" (move 3 of module 00, "
                      "read one cell): TABLE.loc[\"sustainability\", \"change_pts\"].",
        right=_topic_right_message,
        hints=[
            "Two moves of module 00: keep only the posts about Café Lumière (move 2 of module 00, keep rows), give "
            "them to analytics.rising_topics(…) as in section 4 of the lesson (the lesson gave it EVERY mention: "
            "the whole market), then read one cell of the table you get (move 3, read one cell).",
            "The pieces: the condition mentions[\"brand\"] == \"lumiere\"; the lesson's four dates, "
            "\"2025-10-01\", \"2025-12-31\", previous_start=\"2025-01-01\" and previous_end=\"2025-03-31\"; "
            "in the table, the row \"sustainability\" and the column \"change_pts\" (the change in percentage "
            "points).",
            "The table is analytics.rising_topics(mentions[mentions[\"brand\"] == \"lumiere\"], \"2025-10-01\", "
            "\"2025-12-31\", previous_start=\"2025-01-01\", previous_end=\"2025-03-31\"). Read its row "
            "\"sustainability\", column \"change_pts\", with TABLE.loc[ROW, COLUMN] and store it in "
            "sustainability_change.",
        ],
        section="section 4 of the lesson (Rising topics)",
    ),
])
