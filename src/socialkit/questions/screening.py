"""Module 05 · Social doesn't mean wasting time: the exercise questions, declared as data.

No answer is stored here: each ``answer`` function computes the expected value from the sample data
when the learner checks; the multiple-choice answers are stored only as salted digests. The decisive
assertions are the hidden tests of ``solutions/05_time/05_time_exercises.ipynb``, which recompute in
plain pandas and compare with the rules of ``socialkit.judging.rules``.

Q4 is a threshold the learner picks: any threshold whose rule meets the stated business constraint
is right, so it is judged by a small kind of its own (``Threshold``), not against one value.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

import pandas as pd

from socialkit import analytics, data
from socialkit.judging import Choice, Negated, Number, Other, Question, QuestionSet, Vary, right, wrong
from socialkit.judging import rules
from socialkit.judging.judges import _is_container
from socialkit.judging.words import describe, fmt

RULE_THRESHOLD = 6  # Q3: the assistant's strict rule, "meet when the score is at least 6"
LESSON_THRESHOLD = 5  # the rule of section 3 of the lesson
MIN_HOURS_SAVED = 200  # Q4: the chair's floor on hours freed in a year
MAX_VALUABLE_MISSED = 8  # Q4: the head of partnerships' ceiling on valuable contacts missed
BOARD_THRESHOLD = 4  # the rule Café Lumière adopted in the lesson (it misses more than Q4 allows)


# --------------------------------------------------------------------------- the data, as the setup cell loads it


@cache
def _requests() -> pd.DataFrame:
    """The 600 requests with their screening score, as ``requests`` in the setup cell."""
    requests = data.load("meeting_candidates")
    requests["score"] = analytics.screening_score(requests)
    return requests


def _meetings() -> pd.DataFrame:
    """The meetings that took place, as ``meetings`` in the setup cell."""
    requests = _requests()
    return requests[requests["met"]]


def hours_text(hours: float) -> str:
    """Hours as a manager reads them: ``212.25`` → ``212.25``, ``200.0`` → ``200`` (never rounded onto a limit)."""
    return fmt(round(float(hours), 2))


# --------------------------------------------------------------------------- Q1: hours lost despite a red flag


@cache
def red_flag_hours(min_flags: int = 1, outcome: str = "wasted", met_only: bool = True) -> float:
    """Hours of meetings with at least ``min_flags`` red flags that proved wasted (or valuable, or "any")."""
    rows = _meetings() if met_only else _requests()
    rows = rows[rows["red_flags"] >= min_flags]
    if outcome == "wasted":
        rows = rows[rows["valuable"] == False]  # noqa: E712 - the learner's way of writing it
    elif outcome == "valuable":
        rows = rows[rows["valuable"] == True]  # noqa: E712
    return float(rows["meeting_hours"].sum())


def _red_flag_wasted_meetings() -> float:
    """The NUMBER of wasted meetings with a red flag (a slip: meetings counted, not hours)."""
    rows = _meetings()
    return float(((rows["red_flags"] >= 1) & (rows["valuable"] == False)).sum())  # noqa: E712


def _red_flag_whole_hours() -> float:
    """Q1's hours with the decimals dropped (a slip: ``int(…)`` or the decimals left out when copying)."""
    return float(math.floor(red_flag_hours()))


def _red_flag_right_message() -> str:
    """What Q1's answer means, with the figures behind it computed from the data."""
    rows = _meetings()
    flagged = rows[(rows["red_flags"] >= 1) & (rows["valuable"] == False)]  # noqa: E712
    pitches = int((flagged["turned_out"] == "sales_pitch").sum())
    return (f"about {red_flag_hours() / 52:.1f} hours a week spent with people whose profile already showed a "
            f"warning sign; {pitches} of those {len(flagged)} meetings were sales pitches. Looking for red flags "
            f"takes a few minutes per request and would have given most of that time back.")


# --------------------------------------------------------------------------- Q3: the precision of a strict rule


@cache
def rule_figure(threshold: float = RULE_THRESHOLD, column: str = "precision_pct") -> float:
    """One figure (precision, recall …) of the rule "meet when the score is at least ``threshold``"."""
    return float(analytics.screening_tradeoff(_meetings(), [threshold]).iloc[0][column])


def _share_kept() -> float:
    """The % of meetings the rule keeps (a slip: how many it lets through, not how many are worth it)."""
    meetings = _meetings()
    return 100 * float((meetings["score"] >= RULE_THRESHOLD).mean())


def _precision_right_message() -> str:
    """What Q3's answer means: precision next to the price paid in recall."""
    missed = int(rule_figure(column="valuable_missed"))
    everyone = rule_figure(threshold=0)
    return (f"about twice as good as meeting everyone ({everyone:.1f} %). But the recall is only "
            f"{rule_figure(column='recall_pct'):.1f} %: this strict rule would have skipped {missed} of the "
            f"{len(_meetings()[_meetings()['valuable'] == True])} valuable contacts. A high precision alone "  # noqa: E712
            f"never tells you what a rule costs.")


# --------------------------------------------------------------------------- Q4: a threshold that meets the constraint


def rule_outcome(threshold: float) -> tuple[float, int]:
    """(hours saved, valuable contacts missed) of the rule "meet when the score is at least ``threshold``"."""
    row = analytics.screening_tradeoff(_meetings(), [threshold]).iloc[0]
    return float(row["hours_saved"]), int(row["valuable_missed"])


@dataclass(kw_only=True)
class Threshold(Question):
    """A threshold the learner picks: right when the rule it makes meets a business constraint.

    ``outcome(t)`` gives (hours saved, valuable contacts missed) for threshold ``t``; the answer is
    right when hours saved ≥ ``min_saved`` and contacts missed ≤ ``max_missed`` — any such threshold,
    not one value. A wrong threshold is told which limit it breaks and which way to move.
    """

    outcome: Callable[[float], tuple[float, int]]
    min_saved: float
    max_missed: int
    scale: tuple[float, float] = (0.0, 10.0)
    right: str | Callable[[float, float, int], str] = ""
    kind: str = "threshold"

    def make_judge(self):
        low, high = self.scale

        def judge(value: Any):
            if isinstance(value, str):
                return wrong(f"that is {describe(value)}, not a number. Remove the quotes.")
            if _is_container(value):
                return wrong(f"that is {describe(value)}; the question asks for one threshold, a number such as "
                             f"4.5.")
            threshold = rules.one_number(value)
            if threshold is None:
                return wrong(f"that is {describe(value)}; the question asks for one threshold, a number such as 4.5.")
            if math.isnan(threshold):
                return wrong("your answer has no value (it shows as NaN, \"not a number\"). Type the threshold "
                             "you chose as a plain number.")
            saved, missed = self.outcome(threshold)
            said = (f"with a threshold of {fmt(threshold)}, the rule saves {hours_text(saved)} hours and misses "
                    f"{missed} valuable contact{'s' if missed != 1 else ''}")
            if saved >= self.min_saved and missed <= self.max_missed:
                extra = self.right(threshold, saved, missed) if callable(self.right) else self.right
                return right(f"{fmt(threshold)} — {said}. {extra}".strip())
            outside = ""
            if not low <= threshold <= high:
                outside = f" The score runs from {fmt(low)} to {fmt(high)}."
            if saved < self.min_saved and missed > self.max_missed:
                return wrong(f"{said}: too few hours saved AND too many contacts missed. Check that you read the "
                             f"dashboard with the diary's hours.{outside}")
            if saved < self.min_saved:
                return wrong(f"{said}: fewer than the {fmt(self.min_saved)} hours asked for. Try a HIGHER "
                             f"threshold.{outside}")
            return wrong(f"{said}: more than the {self.max_missed} allowed. Try a LOWER threshold.{outside}")

        return judge

    def probes(self, solution: Any) -> list[Any]:
        import numpy as np

        v = float(solution)
        steps = [round(v + d, 1) for d in (-1.0, -0.5, -0.25, 0.25, 0.5, 1.0)]
        return [v, int(v) if v.is_integer() else v, *steps, float(BOARD_THRESHOLD), 0.0, 10.0, -1.0, 11.0,
                [v], (v,), np.array([v]), pd.Series([v]), str(v), True, math.nan, math.inf, None, ...]


def _threshold_right_message(threshold: float, saved: float, missed: int) -> str:
    """What Q4's answer means for a manager, with the board's rule compared."""
    board_saved, board_missed = rule_outcome(BOARD_THRESHOLD)
    return (f"About {saved / 52:.1f} hours a week, and {board_missed - missed} more valuable contacts kept than "
            f"with the board's threshold of {BOARD_THRESHOLD}, which saves {hours_text(board_saved - saved)} hours "
            f"more. Every step of the threshold trades hours against contacts: the constraint, not the data, "
            f"decides which point you pick.")


# --------------------------------------------------------------------------- the questions

QUESTIONS = QuestionSet("05_time", [
    Number(
        "q1", "Hours spent in 2025 in wasted meetings with people who showed at least one red flag",
        var="red_flag_hours", points=2, answer=red_flag_hours, tolerance=0.1, unit="hours",
        mistakes=[
            Vary(min_flags=0, say="that is EVERY wasted meeting (the lesson's figure); keep only the meetings with "
                                  "at least one red flag: meetings[\"red_flags\"] >= 1."),
            Vary(min_flags=2, say="that keeps only the meetings with TWO or more red flags; \"at least one\" is "
                                  "meetings[\"red_flags\"] >= 1."),
            Vary(outcome="any", say="that counts every meeting with a red flag, the valuable ones too; keep only "
                                    "those that proved NOT valuable (analytics.wasted_hours does it for you)."),
            Vary(outcome="valuable", say="those are the hours of red-flag meetings that proved VALUABLE; the "
                                         "question asks for the wasted ones."),
            Vary(outcome="any", met_only=False, say="that adds up the hours of every REQUEST with a red flag, "
                                                    "including the people who were never met; count only the "
                                                    "meetings that took place and proved not valuable."),
            Other(_red_flag_wasted_meetings, "that is a NUMBER of meetings; the question asks for the HOURS they "
                                             "took (the column meeting_hours)."),
            Other(_red_flag_whole_hours, "that is only the whole-number part of the answer: keep the decimals, as "
                                         "the sum of meeting_hours gives them."),
        ],
        reduce_advice="Add up the hours: analytics.wasted_hours(TABLE) gives one number, the wasted hours of the "
                      "rows you give it.",
        no_rows_advice="Check the column names: red_flags and meeting_hours, in lower case with underscores.",
        right=_red_flag_right_message,
        hints=[
            "Keep the meetings with at least one red flag (move 2 of module 00, keep rows): "
            "meetings[meetings[\"red_flags\"] >= 1]. The table meetings already holds only the meetings that "
            "took place.",
            "analytics.wasted_hours(TABLE) adds up the hours of the meetings in TABLE that proved NOT valuable. "
            "Give it the rows you kept, not the whole table.",
        ],
        section="sections 1 and 2 of the lesson (the cost of an open diary; red flags)",
    ),
    Choice(
        "q2", "Should the screening score give 2 bonus points to people who post a lot (multiple choice)",
        var="posts_bonus", points=2,
        answer_digest="36b1ec44e568c68d1e833a7aae3effb83bc5f1671617440b217e53159e519fe1",
        options={
            "A": "Look again at the posts bars in section 2: the people with more than 20 posts proved valuable "
                 "LESS often than the meetings as a whole, not more.",
            "B": "Adding a signal helps only if it separates valuable from wasted contacts. Look at how the posts "
                 "bars move in section 2.",
            "C": "heavy posters proved valuable less often than the meetings as a whole, and many of them were "
                 "selling something. The bonus would open your diary to more sales pitches, not to more valuable "
                 "contacts. Activity online is not value.",
            "D": "\"Never\" is too strong: some heavy posters did prove valuable. Look at the labels of the posts "
                 "bars in section 2.",
        },
        hints=[
            "Look at the light-blue bars (posts in the last 90 days) of the chart in section 2: which level proved "
            "valuable least often, compared with the dashed line (all meetings)?",
            "Then read the four options carefully: only one says what those bars show, without \"always\" or "
            "\"never\".",
        ],
        section="section 2 of the lesson (Which signals tell you something?)",
    ),
    Number(
        "q3", "Precision of the rule \"meet when the score is at least 6\", in %",
        var="precision_at_6", points=2, answer=rule_figure, tolerance=0.1, unit="%",
        mistakes=[
            Vary(column="recall_pct", say="that is the RECALL (the share of the valuable contacts the rule "
                                          "finds); precision is the share of the meetings it keeps that proved "
                                          "valuable: \"precision_pct\"."),
            Vary(threshold=LESSON_THRESHOLD, say="that is the precision of the lesson's rule (score at least 5); "
                                                 "the assistant's rule is stricter: meetings[\"score\"] >= 6."),
            Vary(threshold=0, say="that is the share of ALL meetings that proved valuable, with no rule at all; "
                                  "keep only the meetings the rule lets through (score at least 6)."),
            Other(_share_kept, "that is the share of meetings the rule KEEPS; precision asks how many of those "
                               "proved valuable."),
            Negated(say="a percentage cannot be negative: read \"precision_pct\" as it is."),
        ],
        reduce_advice="Read just the precision (move 3 of module 00, read one cell): RESULT[\"precision_pct\"].",
        no_rows_advice="Check the column names: score and valuable, in lower case.",
        right=_precision_right_message,
        hints=[
            "The rule is a condition, like the ones you write to keep rows (move 2 of module 00), but without "
            "the table around it: meetings[\"score\"] >= 6 is True for the meetings the rule would keep. "
            "analytics.precision_recall(RULE, meetings[\"valuable\"]) gives its precision and its recall, in %.",
            "It gives two numbers, named precision_pct and recall_pct. Read the first (move 3 of module 00, read "
            "one cell): RESULT[\"precision_pct\"].",
        ],
        section="section 3 of the lesson (A screening rule, and what it gets wrong)",
    ),
    Threshold(
        "q4", f"A threshold that saves at least {MIN_HOURS_SAVED} hours and misses at most {MAX_VALUABLE_MISSED} "
              f"valuable contacts",
        var="chosen_threshold", points=2, outcome=rule_outcome, min_saved=MIN_HOURS_SAVED,
        max_missed=MAX_VALUABLE_MISSED, right=_threshold_right_message,
        hints=[
            "No code is needed: run the dashboard cell under the question, keep \"One meeting takes: the hours in "
            "the 2025 diary\", and move the threshold one step at a time. The line of text gives the hours saved "
            "and the valuable contacts missed.",
            "Or without the dashboard (move 2 of module 00, keep rows): curve = "
            "analytics.screening_tradeoff(meetings), then keep the rows where hours_saved >= 200 and "
            "valuable_missed <= 8, each condition in round brackets, combined with &.",
            "Store one threshold that meets both limits as a plain number, e.g. chosen_threshold = 9.5 (that one "
            "saves plenty of hours but misses far too many contacts).",
        ],
        section="section 4 of the lesson (Hours saved against contacts missed) and the dashboard",
    ),
    Choice(
        "q5", "Why the rule is judged on the meetings held, not on all requests (multiple choice)",
        var="why_meetings_only", points=2,
        answer_digest="9919c094b8252be4f6b0e15af321f9eb0d3a0d9c95d908804387fb17fe1f0f28",
        options={
            "A": "The requests came in all through 2025, like the meetings. Think about what is NOT known for the "
                 "people who were never met.",
            "B": "for the people who were never met, nobody knows what they would have brought, so a rule's hits "
                 "and misses can only be counted where the outcome is known. It is a fair test because in 2025 the "
                 "yeses went to whoever asked first, whatever the profile. Once the rule decides, the people it "
                 "skips can no longer show what they were worth: meet a few of them at random now and then to keep "
                 "checking it.",
            "C": "The four signals were noted for every request when it came in, met or not. Think about what is "
                 "NOT known for the people who were never met.",
            "D": "Precision is a share among the meetings the rule keeps; which requests exist does not make it look "
                 "better or worse. Think about what is NOT known for the people who were never met.",
        },
        hints=[
            "Look at the column valuable of requests for someone whose met is False: what does it hold?",
            "A rule is judged by comparing what it decides with what proved true. For which people do you know "
            "what proved true?",
        ],
        section="section 3 of the lesson (A screening rule, and what it gets wrong)",
    ),
])
