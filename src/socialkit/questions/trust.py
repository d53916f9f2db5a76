"""Module 08 · Trust your staff: the exercise questions, declared as data.

No answer is stored here: each ``answer`` function computes the expected value from the sample data
when the learner checks; the multiple-choice answer is stored only as a salted digest. The learner's
``violates_policy`` is checked here on the posts of the sample data; the posts that decide its points
are held out: they live only in the hidden test of ``solutions/08_trust/08_trust_exercises.ipynb``.
"""

from __future__ import annotations

from functools import cache

import pandas as pd

from socialkit import analytics, data
from socialkit.judging import Choice, Function, Negated, Number, Other, QuestionSet, Vary

AGENCY_WORDS = ("idiot", "stupid", "dumb", "con", "crétin", "merde", "putain", "shit", "f***", "damn", "killer",
                "insane", "dead", "tuerie", "malade")  # the policy screen's opening list (widgets.policy)


@cache
def _posts_by_team() -> pd.DataFrame:
    """The staff's posts with their author's team, as ``posts_by_team`` in the setup cell."""
    return analytics.with_employee(data.load("employee_posts"), data.load("employees"))


# --------------------------------------------------------------------------- Q1: the café teams on TikTok


@cache
def cafes_tiktok_rate(team="cafes", platform="tiktok", kind=None) -> float:
    """% of one team's posts on one platform against the policy (Q1: café teams, TikTok, every kind)."""
    posts = _posts_by_team()
    if team is not None:
        posts = posts[posts["team"] == team]
    if platform is not None:
        posts = posts[posts["platform"] == platform]
    return float(analytics.violation_rate(posts, kind=kind))


def _cafes_tiktok_count() -> float:
    """The NUMBER of the café teams' TikTok posts against the policy (a count, not a rate)."""
    posts = _posts_by_team()
    posts = posts[(posts["team"] == "cafes") & (posts["platform"] == "tiktok")]
    return float((posts["policy_label"] != "ok").sum())


# --------------------------------------------------------------------------- Q2: the agency's list on English posts


@cache
def agency_recall(lang="en", whole_words=False, column="recall_pct") -> float:
    """Precision or recall (%) of the agency's word list on the posts of one language (Q2: English, parts of words)."""
    posts = data.load("employee_posts")
    if lang is not None:
        posts = posts[posts["lang"] == lang]
    flagged = analytics.flag_posts(posts, AGENCY_WORDS, whole_words=whole_words)
    return float(analytics.precision_recall(flagged["flagged"], analytics.against_policy(posts))[column])


# --------------------------------------------------------------------------- Q3: the experiment on likes


@cache
def liked_uplift(outcome="liked_10", column="relative_uplift_pct") -> float:
    """One figure of the spring experiment's result (Q3: relative uplift, in %, of the posts liked 10 times or more)."""
    experiment = analytics.experiment_posts(data.load("employee_posts"), data.load("employees"))
    return float(analytics.experiment_uplift(experiment, outcome)[column])


# --------------------------------------------------------------------------- Q5: the learner's own rule


def _strip_symbols(text: str) -> str:
    """A text without emojis, so that one sentence with five different emojis is one case."""
    import unicodedata

    return " ".join("".join(c for c in text if unicodedata.category(c) not in ("So", "Sk", "Cf", "Mn")).split())


@cache
def visible_cases() -> tuple[tuple[str, bool], ...]:
    """The posts ``check`` tries a learner's rule on: every distinct sentence against the policy, and as many
    distinct sentences within it (drawn with a fixed seed), each with the policy review's verdict."""
    posts = data.load("employee_posts")
    sentences = pd.DataFrame({"text": posts["text"].map(_strip_symbols),
                              "bad": posts["policy_label"].astype("object") != "ok"}).drop_duplicates("text")
    bad = sentences[sentences["bad"]]
    good = sentences[~sentences["bad"]].sample(len(bad), random_state=8)
    both = pd.concat([bad, good]).sample(frac=1.0, random_state=8)
    return tuple(zip(both["text"], both["bad"].astype(bool)))


QUESTIONS = QuestionSet("08_trust", [
    Number(
        "q1", "% of the café teams' TikTok posts that are against the policy (2025)",
        var="cafes_tiktok_violations", points=2, answer=cafes_tiktok_rate, tolerance=0.1, unit="%",
        mistakes=[
            Vary(platform=None, say="that is the café teams' posts on EVERY platform; keep only their TikTok posts "
                                    "too: & (posts_by_team[\"platform\"] == \"tiktok\")."),
            Vary(team=None, say="that is EVERY team's TikTok posts; keep only the café teams too: "
                                "& (posts_by_team[\"team\"] == \"cafes\")."),
            Vary(team=None, platform=None, say="that is every post of every team (the lesson's overall rate); keep "
                                               "the café teams' TikTok posts first."),
            Vary(platform="instagram", say="that is Instagram; the question is about TikTok: \"tiktok\"."),
            Vary(kind="insult", say="that counts the insults only; a post against the policy may also swear, leak "
                                    "confidential information or go against the company's values: give no kind=."),
            Vary(kind="profanity", say="that counts the swearing only; every kind of breach counts: give no kind=."),
            Other(_cafes_tiktok_count, "that is a NUMBER of posts; the violation rate divides it by all the café "
                                       "teams' TikTok posts and multiplies by 100."),
        ],
        right=lambda: (f"more than the {cafes_tiktok_rate(platform=None):.1f} % of all the café teams' posts and "
                       f"the {cafes_tiktok_rate(team=None, platform=None):.1f} % of everyone's. TikTok is where the "
                       f"youngest staff post (module 7): the guideline and the training should start there, in "
                       f"the cafés, with examples from TikTok."),
        reduce_advice="Give analytics.violation_rate(…) no by=: it then returns one number for the posts you give it.",
        no_rows_advice="Teams and platforms are written in lower case, as in the data: \"cafes\", \"tiktok\".",
        hints=[
            "analytics.violation_rate(TABLE) gives the % of the posts of TABLE that the policy review found against "
            "the policy. First keep only the posts the question is about (move 2 of module 00, keep rows): two "
            "conditions, the team AND the platform, joined with &.",
            "Keep the café teams' posts on TikTok: posts_by_team[(posts_by_team[\"team\"] == \"cafes\") & "
            "(posts_by_team[\"platform\"] == \"tiktok\")], then give them to analytics.violation_rate( … ) and "
            "store the number it returns in cafes_tiktok_violations.",
        ],
        section="section 1 of the lesson (How often do staff break the policy?)",
    ),
    Number(
        "q2", "Recall of the agency's word list on the English posts, a word counting inside longer words too",
        var="agency_recall_en", points=2, answer=agency_recall, tolerance=0.1, unit="%",
        mistakes=[
            Vary(whole_words=True, say="that is with \"whole words only\"; choose A word counts: parts of words too."),
            Vary(lang=None, say="that is ALL the posts; choose Which posts: English posts."),
            Vary(lang="fr", say="that is the French posts; choose Which posts: English posts."),
            Vary(column="precision_pct", say="that is the PRECISION (of the posts flagged, how many are truly "
                                             "against the policy); the question asks the RECALL: of the posts "
                                             "against the policy, how many the list finds."),
            Vary(lang=None, whole_words=True, say="that is the dashboard as it opens; choose Which posts: English "
                                                  "posts and A word counts: parts of words too."),
        ],
        right=lambda: (f"the agency's list finds about half of the English posts against the policy, and only "
                       f"{agency_recall(column='precision_pct'):.1f} % of what it flags is truly against it. "
                       f"A list of bad words misses every leak and every post against the company's values, and "
                       f"it flags the proud \"killer crema\": use it to choose what a person reads, never to "
                       f"punish."),
        hints=[
            "Run the dashboard cell and set Which posts: English posts and A word counts: parts of words too; leave "
            "the words as they open (press Reset first if you changed them).",
            "The line of text gives the recall in bold: the % of the posts against the policy that the list found. "
            "Type it as a number, e.g. 37.5.",
            "You can also compute it (section 2 of the lesson): keep the English posts (move 2 of module 00, keep "
            "rows), flag them with analytics.flag_posts( … , AGENCY_WORDS, whole_words=False), then "
            "analytics.precision_recall( … ).",
        ],
        section="section 3 of the lesson (Write your own rule, and try it on the policy screen) and the dashboard",
    ),
    Number(
        "q3", "Relative uplift of the share of posts liked 10 times or more in the spring experiment, in %",
        var="liked_relative_uplift", points=2, answer=liked_uplift, tolerance=0.1, unit="%",
        mistakes=[
            Vary(outcome="shared", say="that is the relative uplift of the posts SHARED at least once (the lesson's "
                                       "main metric); the question asks about the posts liked 10 times or more: "
                                       "outcome=\"liked_10\"."),
            Vary(outcome="complaint", say="that is the complaints (the guardrail); the question asks about the posts "
                                          "liked 10 times or more: outcome=\"liked_10\"."),
            Vary(column="uplift_points", say="that is the uplift in percentage POINTS (test − control); the question "
                                             "asks how much larger in % of the control group's rate: "
                                             "\"relative_uplift_pct\"."),
            Vary(column="test_pct", say="that is the test group's rate alone; the relative uplift compares it with "
                                        "the control group's: \"relative_uplift_pct\"."),
            Vary(column="control_pct", say="that is the control group's rate alone; read \"relative_uplift_pct\"."),
            Negated(say="the sign is reversed: the test group is compared with the control group, not the other way."),
        ],
        right=lambda: (f"more well-liked posts with the new format, relative to the control group ({liked_uplift(column='uplift_points'):.1f} "
                       f"percentage points; p-value {liked_uplift(column='p_value'):.3f}). When marketing says "
                       f"\"likes up by {liked_uplift():.0f} %\", they mean this relative figure: always ask for the "
                       f"points too. Two metrics agree: the format works. Now look at the guardrail (Q4)."),
        reduce_advice="Read one cell of the result (move 3 of module 00): RESULT[\"relative_uplift_pct\"].",
        hints=[
            "analytics.experiment_uplift(experiment, \"liked_10\") gives the result of the experiment for the posts "
            "liked 10 times or more, as in section 4 of the lesson (where the outcome was \"shared\").",
            "In the result, read the line \"relative_uplift_pct\" (move 3 of module 00, read one cell: "
            "RESULT[\"relative_uplift_pct\"]) and store it in liked_relative_uplift.",
        ],
        section="section 4 of the lesson (Let them experiment)",
    ),
    Choice(
        "q4", "What to decide about the new format, given the complaints guardrail (multiple choice)",
        var="guardrail_decision", points=2,
        answer_digest="e55b9b0f7be9a86bbd6c8fea1b7aa742383f2f19134de78956395324b4952ea0",
        options={
            "A": "\"not significant\" does not mean \"no change\": complaints rose by a few points and the margin "
                 "is wide, so the data cannot exclude a real rise. Look at the 95 % margin, not only at the "
                 "p-value.",
            "B": "the main metric clearly improved and the guardrail did not move significantly, but it went up and "
                 "its margin is wide: use the format everywhere, keep counting complaints, read the posts that drew "
                 "them, and say in advance the level at which you stop.",
            "C": "a guardrail protects against harm; it does not veto a result because it moved a little. Stopping "
                 "now throws away a clear gain on shares for a rise that may be chance.",
            "D": "the experiment succeeded on its main metric (p-value far under 0.05). The guardrail's p-value "
                 "says nothing about whether the main result holds.",
        },
        hints=[
            "Section 5 of the lesson: what did the complaints do in the test group, what is the p-value, and how "
            "wide is the 95 % margin of their uplift?",
            "A guardrail asks \"did something get worse?\". With a p-value of 0.075 and a margin that includes a "
            "real rise, is the question answered — and what would a careful manager keep doing?",
        ],
        section="section 5 of the lesson (The guardrail: did complaints go up?)",
    ),
    Function(
        "q5", "Your own policy rule violates_policy(post_text), judged on posts it has never seen",
        var="violates_policy", points=2, cases=visible_cases, bands=((0.9, 1.0), (0.75, 0.5)), seconds=0.2,
        noun="sentences of the sample data",
        hints=[
            "Start from section 3 of the lesson: violates_policy = analytics.word_rule([\"idiot\", \"merde\", …]) "
            "makes a rule from a list of words or phrases. Run check to see which sentences it misses.",
            "Add the words of each kind of breach (section 1 lists them: insults, swearing, confidential "
            "information, against the company's values). For a leak there is no rude word: add a short phrase such "
            "as \"sales down\" or \"budget\". Leave out words that harmless posts use too (\"killer\", \"insane\", "
            "\"dead\", \"tuerie\", \"malade\").",
            "Write words in both languages, and phrases rather than single words where a single word is innocent "
            "(\"plus de 50 ans\", not \"50\"). Aim for 90 % on the check: the posts that decide the points are "
            "similar sentences you have not seen.",
        ],
        section="section 3 of the lesson (Write your own rule, and try it on the policy screen)",
    ),
])
