"""Module 03 · Don't fear debate: the exercise questions, declared as data.

No answer is stored here: each ``answer`` function computes the expected value from the sample
data when the learner checks; the multiple-choice answer is stored only as a salted digest. The
drafted reply (Q5) is scored with ``REPLY_RUBRIC``: the ``judging.Criterion`` objects made from the
rules of ``socialkit.analytics.replies``, the very rules the reply coach shows. The decisive
assertions are the hidden tests of ``solutions/03_debate/03_debate_exercises.ipynb``.
"""

from __future__ import annotations

from functools import cache

import pandas as pd

from socialkit import analytics, data
from socialkit.analytics import replies
from socialkit.judging import Choice, Criterion, Negated, Number, Other, QuestionSet, Rubric, Vary

BACKLASH_WEEK = ("2025-04-07", "2025-04-14")  # Monday 7 April 00:00 UTC up to (not including) Monday 14 April
WHOLE_YEAR = ("2025-01-01", "2026-01-01")

# The rubric Q5 is scored with: the reply coach's rules, as judging.Criterion objects.
REPLY_RUBRIC = tuple(Criterion(rule.label, rule.test, rule.points, rule.advice)
                     for rule in replies.reply_rules(apology_due=True))


# --------------------------------------------------------------------------- the data, as the setup cell loads it


@cache
def _threads() -> pd.DataFrame:
    """The care threads, as ``threads`` in the setup cell."""
    return data.load("threads")


def _opened_between(start: str, end: str, inclusive_end: bool = False) -> pd.DataFrame:
    """The threads opened from ``start`` up to ``end`` (not included unless ``inclusive_end``)."""
    threads = _threads()
    opened = threads["opened_at"]
    before_end = opened <= end if inclusive_end else opened < end
    return threads[(opened >= start) & before_end]


# --------------------------------------------------------------------------- Q1: answered within 1 hour, backlash week


@cache
def within_target(start=BACKLASH_WEEK[0], end=BACKLASH_WEEK[1], target=1, unanswered="miss",
                  complaints_only=False, inclusive_end=False) -> float:
    """% of the threads opened from ``start`` to ``end`` answered within ``target`` hours (Q1: backlash week, 1 h)."""
    rows = _opened_between(start, end, inclusive_end)
    if complaints_only:
        rows = rows[rows["is_complaint"]]
    return float(analytics.sla_compliance(rows, hours=target, unanswered=unanswered).iloc[0])


def _q1_right() -> str:
    """What Q1's answer means, with the whole year's figure computed from the data."""
    return (f"the team was slowest when it mattered most: over the whole year "
            f"{within_target(*WHOLE_YEAR):.1f} % of threads got an answer within an hour, but in the backlash "
            f"week, when complaints poured in, fewer did. A crisis needs more people on duty, not the usual team.")


WEEK_FILTER = 'threads[(threads["opened_at"] >= "2025-04-07") & (threads["opened_at"] < "2025-04-14")]'

# --------------------------------------------------------------------------- Q2: resolution, private minus public


@cache
def resolution_gap(complaints_only=True, public_includes_unanswered=False, channel=None) -> float:
    """Resolution rate (%) of complaints moved to a private message minus that of complaints answered in public.

    ``channel="private"``/``"public"`` gives one of the two rates instead of the gap.
    """
    threads = _threads()
    rows = threads[threads["is_complaint"]] if complaints_only else threads
    rates = analytics.resolution_public_vs_private(rows)
    if public_includes_unanswered:
        public = rows[~rows["moved_to_private"]]
        rates["public"] = 100 * public["resolved"].mean()
    if channel is not None:
        return float(rates[channel])
    return float(rates["private"] - rates["public"])


def _q2_right() -> str:
    """What Q2's answer means, with the two rates computed from the data."""
    private, public = resolution_gap(channel="private"), resolution_gap(channel="public")
    return (f"a complaint moved to a private message was solved {private / public:.1f} times as often as one "
            f"argued in public ({private:.0f} % against {public:.0f} %). Ask for the details in private, and "
            f"solve the problem there.")


# --------------------------------------------------------------------------- Q3: how long the anger lasted


@cache
def negative_share_half_life(brand="lumiere") -> float:
    """Half-life in days of the daily share of a brand's negative mentions after the April backlash (Q3)."""
    return analytics.backlash_half_life(analytics.daily_negative_share(data.load("mentions"))[brand])


def _volume_half_life() -> float:
    """The half-life of Café Lumière's mention VOLUME (the lesson's figure: how fast the noise fell)."""
    return analytics.backlash_half_life(analytics.daily_volume(data.load("mentions"))["lumiere"])


def _threads_half_life() -> float:
    """The half-life of the care team's new threads per day (the lesson's other figure)."""
    return analytics.backlash_half_life(analytics.daily_threads(_threads()))


def _q3_right() -> str:
    """What Q3's answer means, with the volume's half-life computed from the data."""
    return (f"the noise halved in {_volume_half_life():.1f} days, but the anger took about three times as long "
            f"to fall halfway back. A backlash is not over when the number of posts drops: keep answering, and "
            f"keep watching the mood, for several more days.")


# --------------------------------------------------------------------------- the questions

QUESTIONS = QuestionSet("03_debate", [
    Number(
        "q1", "Threads answered within 1 hour in the backlash week (7–13 April 2025), in %",
        var="within_1h_backlash", points=2, answer=within_target, tolerance=0.1, unit="%",
        mistake_tolerance=0.05,
        mistakes=[
            Vary(start=WHOLE_YEAR[0], end=WHOLE_YEAR[1],
                 say="that is the WHOLE year (the lesson's figure); keep only the threads opened from 7 to 13 "
                     f"April: {WEEK_FILTER}."),
            Vary(unanswered="exclude",
                 say="that leaves out the threads nobody answered. A customer nobody answered was not answered "
                     "within 1 hour: keep them in, as analytics.sla_compliance(…) does when you give it no "
                     "unanswered= setting."),
            Vary(target=24, say="that is within 24 HOURS; the question asks within 1 hour (\"within_1h_pct\")."),
            Vary(inclusive_end=True, end="2025-04-13",
                 say="that stops at midnight when Sunday 13 April BEGINS: threads[\"opened_at\"] <= \"2025-04-13\" "
                     "leaves out that Sunday. Write < \"2025-04-14\" to keep the whole of 13 April."),
            Vary(end="2025-04-15", say="that includes Monday 14 April; the week runs from Monday 7 to Sunday 13 "
                                       "April: write < \"2025-04-14\"."),
            Vary(complaints_only=True, say="that counts the complaints only; the question asks about every "
                                           "thread opened that week."),
            Vary(target=24, start=WHOLE_YEAR[0], end=WHOLE_YEAR[1],
                 say="that is within 24 hours over the whole year; the question asks within 1 hour, in the "
                     "backlash week."),
        ],
        reduce_advice='Read just the row "within_1h_pct" of what analytics.sla_compliance(…) gives (move 3 of '
                      'module 00, read one cell): RESULT["within_1h_pct"].',
        right=_q1_right,
        hints=[
            "Keep the threads opened in the backlash week (move 2 of module 00, keep rows): two conditions on "
            "threads[\"opened_at\"], from \"2025-04-07\" and before \"2025-04-14\", combined with &, each in its "
            "own round brackets.",
            f"{WEEK_FILTER} are those rows. Give them to analytics.sla_compliance(…): it returns two numbers, "
            "within_1h_pct and within_24h_pct.",
            'Read the first of the two (move 3 of module 00, read one cell): put ["within_1h_pct"] right after '
            "the closing round bracket of analytics.sla_compliance(…).",
        ],
        section="section 2 of the lesson (Answering on time)",
    ),
    Number(
        "q2", "Complaints: resolution rate in private minus in public, in percentage points",
        var="private_gap", points=2, answer=resolution_gap, tolerance=0.1, unit="points",
        mistakes=[
            Vary(complaints_only=False, say="that is EVERY thread (the lesson's table), questions included; keep "
                                            "only the complaints: threads[threads[\"is_complaint\"]]."),
            Negated(say="the sign is reversed: take the private rate MINUS the public rate."),
            Vary(channel="private", say="that is the private rate alone; subtract the public rate from it."),
            Vary(channel="public", say="that is the public rate alone; the question asks how many points HIGHER "
                                       "the private rate is: private minus public."),
            Vary(public_includes_unanswered=True,
                 say="that counts the complaints nobody answered as \"public\". A complaint nobody answered was "
                     "never argued in public: analytics.resolution_public_vs_private(…) compares answered "
                     "threads only."),
            Vary(complaints_only=False, channel="private",
                 say="that is the private rate of EVERY thread; keep the complaints only, then take private "
                     "minus public."),
        ],
        reduce_advice='Take one number from the other: RESULT["private"] - RESULT["public"] (move 3 of module '
                      "00, read one cell, twice).",
        right=_q2_right,
        hints=[
            "Keep the complaints only (move 2 of module 00, keep rows): threads[threads[\"is_complaint\"]] — "
            "the column is already True or False, so it is the condition itself.",
            "Give those rows to analytics.resolution_public_vs_private(…): it returns two numbers, \"public\" "
            "and \"private\", each a % of answered complaints that were resolved.",
            'Read both (move 3 of module 00, read one cell) and take one from the other: RESULT["private"] '
            '- RESULT["public"], where RESULT is what the function gave you.',
        ],
        section="section 3 of the lesson (Public or private?)",
    ),
    Number(
        "q3", "Half-life of the share of negative posts about Café Lumière after the April backlash, in days",
        var="anger_half_life", points=2, answer=negative_share_half_life, tolerance=0.05, unit="days",
        mistakes=[
            Other(_volume_half_life,
                  "that is how fast the NUMBER of posts fell (the lesson's figure for the volume). The question "
                  "asks about the SHARE of posts that are negative: analytics.daily_negative_share(mentions)."),
            Other(_threads_half_life,
                  "that is how fast the care team's new threads fell (the lesson's other figure); the question "
                  "asks about the share of negative posts: analytics.daily_negative_share(mentions)."),
            Vary(brand="grano", say="that is Grano & Co's column; pick Café Lumière's: [\"lumiere\"]."),
            Other(lambda: 24 * negative_share_half_life(),
                  "that is in hours; analytics.backlash_half_life(…) gives days: keep its number as it is."),
        ],
        reduce_advice='Pick Café Lumière\'s column first, analytics.daily_negative_share(mentions)["lumiere"], '
                      "and give that one column to analytics.backlash_half_life(…).",
        right=_q3_right,
        hints=[
            "analytics.daily_negative_share(mentions) gives, for every day, the % of each brand's posts that are "
            "negative: one column per brand. Pick Café Lumière's column with [\"lumiere\"], as you picked one "
            "column in module 00 (move 3 of module 00, read one cell: here a whole column).",
            "analytics.backlash_half_life(…) takes one column of daily values and says how many days its "
            "excess over the normal level took to fall to half its peak, as in section 4 of the lesson.",
            "Put the second around the first: analytics.backlash_half_life( …Café Lumière's column of daily "
            "negative shares… ), and store the number it gives in anger_half_life.",
        ],
        section="section 4 of the lesson (How long a backlash lasts)",
    ),
    Choice(
        "q4", "The fewest hours on duty that keep a 24-hour promise (the response simulator)",
        var="cheapest_promise", points=1,
        answer_digest="a407b02f662d3cd8e4bf8d7e3798f96a00e5b13fdbb09871623647c839ec5c5b",
        options={
            "A": "Around the clock from Monday to Friday still leaves the weekend empty: a customer who writes "
                 "on Saturday waits until Monday, more than 24 hours, so the promise is not kept.",
            "B": "Monday to Saturday keeps the promise, but with 96 hours a week; another option keeps it with "
                 "fewer hours.",
            "C": "a 24-hour promise needs someone on duty EVERY day, not long days: 8 hours a day, 7 days a week "
                 "is fewer hours than 2025's schedule, and no customer waits over a weekend. A 1-hour promise "
                 "is another matter: it needs long days too.",
            "D": "Every day from 7:00 to 23:00 keeps the promise, but with 112 hours a week: twice what it needs.",
        },
        hints=[
            "Run the simulator. Choose Target: 24 hours and tick Answer every thread. Then, for each option, set "
            "Days on duty and Hours on duty as the option says, and read two things in the line of text: the "
            "hours on duty a week, and the % answered within 24 hours.",
            "Cross out the options that answer less than 95 % within 24 hours; of those left, keep the one with "
            "the fewest hours a week.",
        ],
        section="section 5 of the lesson (The response simulator)",
    ),
    Rubric(
        "q5", "Your public reply to a customer whose order was forgotten (scored with the reply rubric)",
        var="reply", points=3, criteria=REPLY_RUBRIC, noun="reply",
        hints=[
            "Open the reply coach (the cell above Q5, or section 6 of the lesson), choose the post about the "
            "forgotten order and type your draft in the box: each line of the rubric turns green as your draft "
            "meets it. English or French, as you prefer.",
            "A good public reply does three things — says what went wrong, says sorry for it, and invites the "
            "customer to a private channel (a direct message, an e-mail) to sort out the details — and avoids "
            "three: selling, rude or belittling words, more than 280 characters.",
            "A shape that works: \"Sorry we forgot your order, that … . Please send us a … with … and we will "
            "… .\" Fill in the dots in your own words, between quotes: reply = \"…\"",
        ],
        section="section 6 of the lesson (The reply coach)",
    ),
])
