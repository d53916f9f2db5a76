"""Module 02 · Speak: the exercise questions, declared as data.

No answer is stored here: each ``answer`` function computes the expected value from the sample data when
the learner checks; the multiple-choice answer is stored only as a salted digest. The decisive assertions
are the hidden tests of ``solutions/02_speak/02_speak_exercises.ipynb``, which recompute in plain pandas and
compare with the rules of ``socialkit.judging.rules``.
"""

from __future__ import annotations

from functools import cache

import pandas as pd

from socialkit import analytics, data
from socialkit.judging import Choice, Negated, Number, Other, QuestionSet, Vary
from socialkit.vocab import platform_name, post_type_name

# One rule for every number this module asks "to one decimal place": right within 0.05, so the value rounded to
# one decimal is right and a whole number is "rounded too much" (within 0.1, Q2 took its answer rounded to a whole
# number while Q3 refused its own: each answer's second decimal decided).
ONE_DECIMAL = 0.05

# The two plans of Q5, in posts added (positive) or dropped (negative) per week.
AGENCY_PLAN = {"automated_promo": 14}
SWAP_PLAN = {"automated_promo": -6, "conversation": 3, "expertise": 3}


# --------------------------------------------------------------------------- the data, as the setup cell loads it


@cache
def _brand_posts() -> pd.DataFrame:
    """The brands' own posts, as ``brand_posts`` in the setup cell."""
    return data.load("brand_posts")


@cache
def _questions() -> pd.DataFrame:
    """Café Lumière's care threads that open with a question, not a complaint (``questions`` in the setup cell)."""
    threads = data.load("threads")
    return threads[~threads["is_complaint"]]


def _posts(brand="lumiere", post_type=None, platform=None) -> pd.DataFrame:
    """One brand's posts (None: all three), of one kind (None: all kinds), on one platform (None: all)."""
    rows = _brand_posts()
    for column, value in (("brand", brand), ("post_type", post_type), ("platform", platform)):
        if value is not None:
            rows = rows[rows[column] == value]
    return rows


# --------------------------------------------------------------------------- Q1: a competitor's promotions


@cache
def engagement_rate(brand="grano", post_type="automated_promo", per="reach", include_clicks=False) -> float:
    """Engagement rate (%) of one brand's posts of one kind, all platforms (Q1: Grano & Co's promotions, by reach)."""
    accounts = data.load("accounts") if per == "followers" else None
    return analytics.engagement_rate(_posts(brand, post_type), per=per, accounts=accounts,
                                     include_clicks=include_clicks)


def _q1_right() -> str:
    """What Q1's answer means, with the comparison figures computed from the data."""
    return (f"about as weak as Café Lumière's own promotions ({engagement_rate(brand='lumiere'):.2f} %). Promotions "
            f"engage weakly for everyone: Grano & Co's lead comes from its conversation posts "
            f"({engagement_rate(post_type='conversation'):.2f} %). Copy what Grano does in conversation, not "
            f"the number of its promotions.")


# --------------------------------------------------------------------------- Q2: read the post-mix explorer


@cache
def per_post_rate(column="amplification_rate", brand="lumiere", post_type="expertise", platform="linkedin") -> float:
    """One of Kaushik's rates for one brand, kind of post and platform (Q2: shares per expertise post on LinkedIn)."""
    return float(analytics.kaushik_rates(_posts(brand, post_type, platform))[column])


def _q2_right() -> str:
    """What Q2's answer means: expertise travels, promotions do not."""
    return (f"each expertise post on LinkedIn was passed on that many times, against "
            f"{per_post_rate(post_type='automated_promo'):.1f} for an automated promotion. Shares carry your post "
            f"to the followers of your followers: in-depth content is how an account becomes an influencer.")


# --------------------------------------------------------------------------- Q3: answering customers' questions


@cache
def answer_rate(category="allergy_info", kind="questions") -> float:
    """Answer rate (%) of Café Lumière's care threads of one category (None: all) — questions, complaints or all."""
    threads = data.load("threads")
    rows = {"questions": threads[~threads["is_complaint"]], "complaints": threads[threads["is_complaint"]],
            "all": threads}[kind]
    if category is not None:
        rows = rows[rows["category"] == category]
    return analytics.answer_rate(rows)


def _allergy_counts(answered: bool) -> float:
    """How many allergy questions were (or were not) answered: a count, not a rate (a slip)."""
    rows = _questions()
    rows = rows[rows["category"] == "allergy_info"]
    return float(rows["first_response_at"].notna().sum() if answered else rows["first_response_at"].isna().sum())


def _q3_right() -> str:
    """What Q3's answer means, with the number of customers left without an answer."""
    unanswered = int(_allergy_counts(False))
    return (f"below the {answer_rate(category=None):.1f} % of all questions, and these are the questions where a "
            f"wrong or missing answer can hurt someone: {unanswered} customers asked about allergens and heard "
            f"nothing. Answer every question, starting with these.")


# --------------------------------------------------------------------------- Q5: the agency's plan against the data


@cache
def _lumiere_posts() -> pd.DataFrame:
    """Café Lumière's own posts, as ``lumiere_posts`` in the setup cell."""
    return _posts("lumiere")


def plan_engagements(plan: tuple) -> float:
    """Engagements a week a plan should add, from 2025's averages per Café Lumière post of each kind."""
    return analytics.expected_engagements(_lumiere_posts(), dict(plan))


def swap_engagements(plan: tuple = tuple(SWAP_PLAN.items())) -> float:
    """Engagements a week the community manager's swap should add (Q5), from 2025's averages per post."""
    return plan_engagements(plan)


def _with(**changes: int) -> float:
    """The swap's engagements with some kinds of post changed (a typical slip), e.g. ``automated_promo=6``."""
    plan = {**SWAP_PLAN, **changes}
    return plan_engagements(tuple((kind, n) for kind, n in plan.items() if n is not None))


def _figures() -> str:
    """The two plans' expected engagements a week, in words."""
    agency = plan_engagements(tuple(AGENCY_PLAN.items()))
    swap = swap_engagements()
    return (f"the agency's 14 extra promotions should add about {agency:,.0f} engagements a week; the community "
            f"manager's swap, with no extra post at all, about {swap:,.0f}")


def _q5_right() -> str:
    agency = plan_engagements(tuple(AGENCY_PLAN.items()))
    return (f"about {swap_engagements() / agency:.1f} times the {agency:,.0f} the agency's 14 extra promotions "
            f"should add, with no extra post at all. Talking beats broadcasting: a conversation or expertise post "
            f"earns about five times what a promotion earns, so changing WHAT you post does more than posting "
            f"more. And these averages flatter the agency: audiences tire of promotions.")


SWAP_WRITTEN = '{"automated_promo": -6, "conversation": 3, "expertise": 3}'

# --------------------------------------------------------------------------- the questions

QUESTIONS = QuestionSet("02_speak", [
    Number(
        "q1", "Grano & Co's engagement rate by reach for its automated promotions, all platforms, in %",
        var="grano_promo_rate", points=2, answer=engagement_rate, tolerance=0.005, unit="%",
        mistakes=[
            Vary(brand="lumiere", say="that is Café Lumière's promotions (the lesson's figure); keep the rows of "
                                      "Grano & Co: brand_posts[\"brand\"] == \"grano\"."),
            Vary(brand="maison", say="that is Maison Torréfaction's promotions; keep brand \"grano\"."),
            Vary(brand=None, say="that is the promotions of all THREE brands together; keep only Grano & Co's "
                                 "rows as well: brand_posts[\"brand\"] == \"grano\"."),
            Vary(post_type=None, say="that is ALL Grano & Co's posts together; keep only its automated "
                                     "promotions as well: brand_posts[\"post_type\"] == \"automated_promo\"."),
            Vary(post_type="conversation", say="that is Grano & Co's conversation posts; the question asks about "
                                               "its automated promotions (\"automated_promo\")."),
            Vary(per="followers", say="that divides by the followers of the account; the question asks for the "
                                      "rate by REACH (the people who saw the posts), the default of "
                                      "analytics.engagement_rate(…)."),
            Vary(per="impressions", say="that divides by impressions (times shown, counting repeats); the "
                                        "question asks for the rate by reach: leave per= out."),
            Vary(include_clicks=True, say="that counts link clicks as engagement; the course counts likes, "
                                          "shares and comments only: leave include_clicks= out."),
        ],
        reduce_advice="Keep only Grano & Co's automated promotions first, then give those rows to "
                      "analytics.engagement_rate(…), without by=; or read one cell of the table by= gives "
                      "(move 3 of module 00): TABLE.loc[\"automated_promo\"].",
        no_rows_advice="The brand is written \"grano\" and the kind of post \"automated_promo\", in lower case "
                       "with an underscore.",
        right=_q1_right,
        hints=[
            "Keep the rows of Grano & Co's automated promotions (move 2 of module 00, keep rows): two conditions, "
            "brand_posts[\"brand\"] == \"grano\" and brand_posts[\"post_type\"] == \"automated_promo\", each in "
            "its own round brackets, joined with &.",
            "brand_posts[(brand_posts[\"brand\"] == \"grano\") & (brand_posts[\"post_type\"] == "
            "\"automated_promo\")] are those rows. analytics.engagement_rate(…) gives the engagement rate by "
            "reach, in %, of the rows you give it.",
        ],
        section="section 2 of the lesson (Talk, do not broadcast)",
    ),
    Number(
        "q2", "Café Lumière's amplification rate (shares per post) for its expertise posts on LinkedIn",
        var="linkedin_shares_per_post", points=2, answer=per_post_rate, tolerance=ONE_DECIMAL,
        unit="shares per post",
        mistakes=[
            Vary(platform=None, say="that is all five platforms together; untick every platform but LinkedIn "
                                    "(or keep only the rows where platform is \"linkedin\")."),
            *[Vary(platform=p, say=f"that is {platform_name(p)}; the question asks about LinkedIn.")
              for p in ("x", "instagram", "facebook", "tiktok")],
            Vary(column="applause_rate", say="that is the APPLAUSE rate (likes per post); choose the "
                                             "amplification rate (shares per post)."),
            Vary(column="conversation_rate", say="that is the CONVERSATION rate (comments per post); choose the "
                                                 "amplification rate (shares per post)."),
            *[Vary(post_type=k, say=f"that is the bar of {post_type_name(k)}; read the bar of expertise posts.")
              for k in ("automated_promo", "conversation", "reply")],
            Vary(brand="grano", say="that is Grano & Co's; choose Brand: Café Lumière."),
            Other(lambda: analytics.engagement_rate(_posts("lumiere", "expertise", "linkedin")),
                  "that is the engagement rate by reach (in %); choose Measure: amplification rate (shares per "
                  "post)."),
        ],
        reduce_advice="Read one bar: the value on top of the bar of expertise posts.",
        right=_q2_right,
        hints=[
            "Open the post-mix explorer (the dashboard cell of this notebook). Set Brand: Café Lumière and "
            "Measure: amplification rate (shares per post).",
            "Untick every platform except LinkedIn, keep \"platforms together\", and read the value on top of the "
            "bar of expertise posts. (In code: analytics.kaushik_rates(ROWS) on the rows you keep, move 2 of "
            "module 00, keep rows.)",
        ],
        section="section 3 of the lesson (What people do with a post) and the post-mix explorer",
    ),
    Number(
        "q3", "Café Lumière's answer rate to customers' questions about allergy information, in %",
        var="allergy_answer_rate", points=2, answer=answer_rate, tolerance=ONE_DECIMAL, unit="%",
        mistakes=[
            Vary(kind="all", say="that counts the COMPLAINTS about allergies too; use the table questions (the "
                                 "threads that open with a question), not threads."),
            Vary(kind="complaints", say="that is the complaints about allergies only; use the table questions."),
            Vary(category=None, say="that is the answer rate to ALL questions (the lesson's figure); keep only "
                                    "the questions whose category is \"allergy_info\"."),
            Vary(category="opening_hours", say="that is the questions about opening hours; the category is "
                                               "\"allergy_info\"."),
            Vary(category="loyalty_card", say="that is the questions about the loyalty card; the category is "
                                              "\"allergy_info\"."),
            Other(lambda: 100 - answer_rate(), "that is the share of allergy questions that got NO answer; the "
                                               "answer rate is the share that got one."),
            Other(lambda: _allergy_counts(True), "that is a NUMBER of answered questions; the answer rate divides "
                                                 "it by all the allergy questions and multiplies by 100."),
            Other(lambda: _allergy_counts(False), "that is the NUMBER of allergy questions nobody answered; the "
                                                  "question asks for the answer rate, in %."),
        ],
        reduce_advice="Give analytics.answer_rate(…) only the allergy questions, without by=.",
        no_rows_advice="The category is written \"allergy_info\", in lower case with an underscore.",
        right=_q3_right,
        hints=[
            "Keep the questions about allergies (move 2 of module 00, keep rows): "
            "questions[questions[\"category\"] == \"allergy_info\"]. The table questions already holds only the "
            "threads that open with a question.",
            "Give those rows to analytics.answer_rate(…): it computes the share of them that got an answer, in %.",
        ],
        section="section 4 of the lesson (Answer the questions customers ask)",
    ),
    Choice(
        "q4", "Which journalist to brief first, ranked by engagement received (multiple choice)",
        var="brief_first", points=2,
        answer_digest="bfe2f6f4737005c6277558a13483fa6170c546469ba44b3171eb82dcac20f527",
        options={
            "A": "@oliver.green89 has the biggest audience of all the journalists who wrote about Café Lumière "
                 "(43,830 followers), but its 4 posts about us drew 421 engagements: 47th when ranked by "
                 "engagement received. Set Rank by: engagement received, and read the first bar.",
            "B": "@james.hughes53 wrote ONE post about Café Lumière (398 engagements): a single lucky post puts "
                 "it first by engagement PER POST, and 50th by engagement received. Set Rank by: engagement "
                 "received, and read the first bar.",
            "C": "only 2nd among journalists by followers (27,676), but its 36 posts about Café Lumière drew 8,866 "
                 "likes, shares and replies, twice as many as any other journalist's. Brief the journalist whose "
                 "readers react, not the one with the biggest audience (Cha et al., 2010).",
            "D": "@inestremblay is a good second name (17 posts, 4,249 engagements), but it comes 2nd, not first, "
                 "when journalists are ranked by engagement received.",
        },
        hints=[
            "Open the influencer finder. Set Conversation: posts about Café Lumière, Who: journalists, Rank by: "
            "engagement received, and Minimum followers: 0.",
            "The first bar (at the top) is the journalist whose posts about Café Lumière drew the most engagement. "
            "Find its @handle among the four options.",
        ],
        section="section 5 of the lesson (Influence is not a follower count) and the influencer finder",
    ),
    Number(
        "q5", "Engagements a week the community manager's swap should add, on 2025's averages (a whole number)",
        var="swap_engagements", points=2, answer=swap_engagements, tolerance=1, unit="engagements a week",
        mistakes=[
            Other(lambda: plan_engagements(tuple(AGENCY_PLAN.items())),
                  "that is the AGENCY's plan (14 more promotions a week); the question asks what the community "
                  f"manager's swap should add: {SWAP_WRITTEN}."),
            Other(lambda: _with(automated_promo=6),
                  "that ADDS 6 promotions; the swap drops them: a minus sign, \"automated_promo\": -6."),
            Other(lambda: _with(automated_promo=None),
                  "that leaves out the 6 promotions the swap drops; add \"automated_promo\": -6 to the plan."),
            Other(lambda: _with(expertise=None),
                  "that leaves out the 3 expertise posts; the swap adds 3 conversation AND 3 expertise posts."),
            Other(lambda: _with(conversation=None),
                  "that leaves out the 3 conversation posts; the swap adds 3 conversation AND 3 expertise posts."),
            Other(lambda: swap_engagements() - plan_engagements(tuple(AGENCY_PLAN.items())),
                  "that is how many MORE than the agency's plan; the question asks for the swap's own figure."),
            Other(lambda: float(analytics.engagements(_lumiere_posts()).sum() / 52),
                  "that is what ALL of today's posts draw in a week (the lesson's figure); the question asks what "
                  "the swap should ADD."),
            Negated(say="the sign is reversed: the swap ADDS engagements. Drop promotions with a minus sign "
                        "(\"automated_promo\": -6), add the others with plain numbers."),
        ],
        reduce_advice="Give analytics.expected_engagements(…) the table lumiere_posts and ONE plan in curly brackets: "
                      "it returns one number.",
        right=_q5_right,
        hints=[
            "lumiere_posts holds Café Lumière's posts only (the setup cell kept those rows: move 2 of module 00, "
            "keep rows). As in section 2 of the lesson, analytics.expected_engagements(lumiere_posts, PLAN) gives "
            "the engagements a week a plan should add.",
            "A plan is written in curly brackets: each kind of post in quotes, a colon, how many posts a week, "
            "with commas between; a minus sign drops posts. The swap has three kinds: \"automated_promo\" "
            "(dropped), \"conversation\" and \"expertise\" (added).",
            f"The plan is {SWAP_WRITTEN}. Give it to analytics.expected_engagements(lumiere_posts, …) and store "
            "the result in swap_engagements.",
        ],
        section="section 2 of the lesson (Talk, do not broadcast)",
    ),
])
