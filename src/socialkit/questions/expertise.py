"""Module 04 · Experience and expertise: the exercise questions, declared as data.

No answer is stored here: each ``answer`` function computes the expected value from the sample data when
the learner checks; the multiple-choice answers are stored only as salted digests. The decisive assertions
are the hidden tests of ``solutions/04_expertise/04_expertise_exercises.ipynb``, which recompute every
figure in plain pandas (the intervals with Wilson's and Newcombe's formulas written out).
"""

from __future__ import annotations

from functools import cache

import pandas as pd

from socialkit import analytics, data
from socialkit.judging import Choice, Interval, Number, Other, QuestionSet, Vary

# --------------------------------------------------------------------------- the data, as the setup cell loads it


@cache
def _threads() -> pd.DataFrame:
    """The care threads, as ``threads`` in the setup cell."""
    return data.load("threads")


@cache
def _posts() -> pd.DataFrame:
    """The brands' own posts, as ``brand_posts`` in the setup cell."""
    return data.load("brand_posts")


# --------------------------------------------------------------------------- Q1: complaints an intern answered


@cache
def resolved_by(role="intern", complaints_only=True) -> float:
    """Resolution rate (%) of the threads answered by ``role`` (complaints only by default) (Q1)."""
    threads = _threads()
    rows = threads[threads["responder_role"] == role]
    if complaints_only:
        rows = rows[rows["is_complaint"]]
    return float(analytics.resolution_rate(rows))


def _q1_right() -> str:
    """What Q1's answer means, with the expert's rate computed from the data."""
    return (f"only about one complaint in three that an intern answered was solved, against "
            f"{resolved_by('expert'):.1f} % of those an expert answered. The intern was given the hardest job "
            f"— angry customers, in public — with the least experience to do it.")


# --------------------------------------------------------------------------- Q2: the interval of a difference


@cache
def difference_range(outcome="resolved", role="expert", versus="community_manager",
                     method="newcombe") -> tuple[float, float]:
    """The 95 % interval (low, high), in points, of ``role``'s rate minus ``versus``'s (Q2: expert − CM)."""
    result = analytics.compare_responders(_threads(), outcome, role, versus=versus, method=method)
    return (float(result["low"]), float(result["high"]))


def _q2_right() -> str:
    """What Q2's answer means."""
    low, high = difference_range()
    return (f"the whole interval is above 0 (from {low:+.1f} to {high:+.1f} points): with 231 threads answered "
            f"by experts and 1,333 by community managers, a gap this large would rarely come from chance: experts "
            f"solve more of the problems they answer — about {low:.0f} to {high:.0f} points more. Unless they got "
            f"easier cases: these data were observed, not an experiment, so compare within one kind of problem to "
            f"rule that out.")


# --------------------------------------------------------------------------- Q4: industry leaders' replies


@cache
def leader_replies_per_post(role="expert", brand="lumiere", column="replies_per_post") -> float:
    """Replies from industry leaders per post on ``brand``'s posts written by ``role`` (Q4: Café Lumière, expert)."""
    posts = _posts()
    if brand is not None:
        posts = posts[posts["brand"] == brand]
    return float(analytics.leader_engagement(posts).loc[role, column])


def _q4_right() -> str:
    """What Q4's answer means, with the intern's figure computed from the data."""
    intern = leader_replies_per_post("intern")
    return (f"each post an expert wrote for Café Lumière drew more than one reply from an industry leader, on "
            f"average; the intern's posts drew {intern:.2f} — about one every {1 / intern:.0f} posts. Industry "
            f"leaders answer people who know the trade, not a brand account that broadcasts.")


# --------------------------------------------------------------------------- the questions

KEEP_INTERN_COMPLAINTS = 'threads[(threads["responder_role"] == "intern") & (threads["is_complaint"])]'
KEEP_OURS = 'brand_posts[brand_posts["brand"] == "lumiere"]'

QUESTIONS = QuestionSet("04_expertise", [
    Number(
        "q1", "Complaints answered by an intern: share resolved, in %",
        var="intern_complaints_resolved", points=2, answer=resolved_by, tolerance=0.1, unit="%",
        mistakes=[
            Vary(complaints_only=False,
                 say="that is EVERY thread the intern answered (the lesson's table), questions included; keep "
                     f"only the complaints too: {KEEP_INTERN_COMPLAINTS}."),
            Vary(role="expert", say="that is the EXPERTS' complaints; keep the rows where responder_role is "
                                    "\"intern\"."),
            Vary(role="community_manager", say="that is the community managers' complaints; keep the rows where "
                                               "responder_role is \"intern\"."),
            Vary(role="executive", say="that is the executives' complaints; keep the rows where responder_role "
                                       "is \"intern\"."),
            Other(lambda: resolved_by() / 100,
                  "that is a fraction between 0 and 1; give a percentage between 0 and 100 (multiply by 100, or "
                  "use analytics.resolution_rate(…), which already gives a %)."),
        ],
        right=_q1_right,
        hints=[
            "Use move 2 of module 00 (keep rows): keep the threads that the intern answered AND that are "
            "complaints; then give those rows to analytics.resolution_rate(…), as in section 2 of the lesson.",
            "The piece you need: two conditions, each in its own round brackets, joined with & — "
            "threads[\"responder_role\"] == \"intern\" is one; threads[\"is_complaint\"] is the other (it is "
            "already True or False, so it is a condition by itself).",
            f"The whole line: intern_complaints_resolved = analytics.resolution_rate({KEEP_INTERN_COMPLAINTS}) — "
            "run the cell, then the check below it.",
        ],
        section="section 2 of the lesson (Who answered, and how it ended)",
    ),
    Interval(
        "q2", "95 % interval of the difference in problems solved, experts minus community managers, in points, "
              "as (low, high)",
        var="expert_vs_cm", points=2, answer=difference_range, tolerance=0.1, unit="points",
        mistakes=[
            Vary(versus="intern", say="that compares the experts with the INTERN (the lesson's example); compare "
                                      "them with the community managers: versus=\"community_manager\"."),
            Vary(role="community_manager", versus="expert",
                 say="that is community managers MINUS experts, the other way round; put \"expert\" first and "
                     "versus=\"community_manager\"."),
            Vary(method="wald", say="that is the Wald interval (method=\"wald\"), which the lesson shows as the "
                                    "less reliable one; leave method out to get Newcombe's interval."),
            Vary(outcome="recovered", say="that is the customers who ended in a good MOOD; the question asks "
                                          "about problems solved: \"resolved\"."),
            Vary(role="executive", say="that is the EXECUTIVES against the community managers; the question "
                                       "asks about the experts."),
        ],
        right=_q2_right,
        hints=[
            "analytics.compare_responders(threads, \"resolved\", \"expert\", versus=\"community_manager\") compares "
            "the two roles, as in section 3 of the lesson; it gives the difference and its interval, \"low\" and "
            "\"high\".",
            "Store what it gives in a name, e.g. result = analytics.compare_responders(…); then read two cells "
            "of it (move 3 of module 00, read one cell): result[\"low\"] and result[\"high\"].",
            "Write the two in round brackets, low first: expert_vs_cm = (result[\"low\"], result[\"high\"]) — or "
            "the two numbers themselves, to one decimal place.",
        ],
        section="section 3 of the lesson (Is the difference real?)",
    ),
    Choice(
        "q3", "Experts or executives: is the difference in problems solved real?",
        var="experts_or_executives", points=2,
        answer_digest="f9fcea83d0a8edf1d520b1ad0b41759b099cf5f24324a720fdedb81823d44772",
        options={
            "A": "the experts' rate is higher, but look at the interval: its low end is below 0. The data are "
                 "compatible with no difference at all. Read the interval, not only the difference.",
            "B": "the interval runs from just below 0 to about +17 points: it includes 0, so with about 220 "
                 "threads each the data cannot tell whether experts solve more problems than executives. Both are "
                 "far ahead of the intern — that difference is real. To tell experts and executives apart you "
                 "would need more threads.",
            "C": "a low end below 0 does not mean the executives are better: the difference itself is positive. "
                 "An interval that includes 0 means the data cannot tell the two roles apart.",
            "D": "the interval is not a rounding margin around 0: the best estimate is the difference itself, "
                 "several points. It means the data cannot tell the roles apart, not that they are equal.",
        },
        hints=[
            "Compute analytics.compare_responders(threads, \"resolved\", \"expert\", versus=\"executive\"), as in "
            "section 3 of the lesson, and read its difference, low and high.",
            "A difference is real when its whole interval is on one side of 0. Is it here? What does it mean "
            "when 0 is inside the interval?",
        ],
        section="section 3 of the lesson (Is the difference real?)",
    ),
    Number(
        "q4", "Café Lumière's posts written by experts: replies from industry leaders per post",
        var="expert_leader_replies", points=2, answer=leader_replies_per_post, tolerance=0.01,
        unit="replies per post",
        mistakes=[
            Vary(brand=None, say="that counts the posts of ALL THREE brands; keep Café Lumière's posts only: "
                                 f"{KEEP_OURS}."),
            Vary(role="executive", say="that is the EXECUTIVES' posts; read the row \"expert\"."),
            Vary(column="drew_a_leader_pct",
                 say="that is the % of posts that drew at least one leader's reply; the question asks how many "
                     "replies per post: the column \"replies_per_post\"."),
            Vary(column="leader_replies",
                 say="that is the total number of replies; divide by the number of posts, or read the column "
                     "\"replies_per_post\"."),
        ],
        right=_q4_right,
        hints=[
            f"Keep Café Lumière's posts (move 2 of module 00, keep rows): {KEEP_OURS}, and give them to "
            "analytics.leader_engagement(…), as in section 4 of the lesson: one row per role.",
            "Read one cell of that table (move 3 of module 00, read one cell): the row \"expert\", the column "
            "\"replies_per_post\", with .loc[row, column].",
            "analytics.leader_engagement(" + KEEP_OURS + ").loc[ … , … ]: fill in the row and the column, in "
            "quotes.",
        ],
        section="section 4 of the lesson (Experience draws industry leaders)",
    ),
    Choice(
        "q5", "Read the comparator: LinkedIn only",
        var="linkedin_reading", points=2,
        answer_digest="6013c48d80829c6c4b1d29528ddd940585f57280e91a48cb198ca6fc8be1f28d",
        options={
            "A": "on LinkedIn the intern's bar is the lowest, but look at n under each bar and at the "
                 "intervals: with so few threads, the data cannot show that the intern does as well, nor worse.",
            "B": "on LinkedIn there were very few threads (n under each bar), so every interval is wide and every "
                 "difference could be chance: the data cannot tell the roles apart there. Decide from all "
                 "platforms together, where the intern is clearly behind — and do not read \"no real "
                 "difference\" as \"no difference\".",
            "C": "the bars differ, but every difference in the line of text says \"could be chance\": on LinkedIn "
                 "none of them is real. Look at n under each bar.",
            "D": "nothing in the data says LinkedIn users are harder to please: the intervals are wide because "
                 "there were few threads on LinkedIn (n under each bar).",
        },
        hints=[
            "Run the comparator. Choose Measure: Problem solved (threads), Compare with: Intern, Platform: "
            "LinkedIn. Read the line of text (real difference or could be chance?) and n under each bar.",
            "Compare with Platform: All platforms (same Measure, same Compare with). What happens to the width "
            "of the intervals, and why?",
        ],
        section="section 5 of the lesson (The comparator)",
    ),
])
