"""Module 07 · Follow your team: the exercise questions, declared as data.

No answer is stored here: each ``answer`` function computes the expected value from the sample data
when the learner checks; the multiple-choice answers are stored only as salted digests. The decisive
assertions are the hidden tests of ``solutions/07_team/07_team_exercises.ipynb``, which recompute in
plain pandas and compare with the rules of ``socialkit.judging.rules``.
"""

from __future__ import annotations

from functools import cache

import pandas as pd

from socialkit import analytics, data
from socialkit.judging import Choice, Negated, Number, Other, QuestionSet, Vary

LAST_QUARTER = (10, 12)  # October to December 2025
KEEP_QUARTER = 'employee_posts["ts"].dt.month >= 10'


def _posts_in(months) -> pd.DataFrame:
    """The employees' posts of the calendar months ``months`` (first, last) of 2025; None: the whole year."""
    posts = data.load("employee_posts")
    return posts if months is None else posts[posts["ts"].dt.month.between(*months)]


# --------------------------------------------------------------------------- Q1: participation of the youngest staff on TikTok


def _staff(age_band=None, team=None, member=None) -> pd.DataFrame:
    """The employees of one age band, team and programme membership (None: any)."""
    employees = data.load("employees")
    if age_band is not None:
        employees = employees[employees["age_band"] == age_band]
    if team is not None:
        employees = employees[employees["team"] == team]
    if member is not None:
        employees = employees[employees["advocacy_opt_in"] == member]
    return employees


@cache
def tiktok_participation(age_band="18-24", platform="tiktok", about_company=True, months=LAST_QUARTER) -> float:
    """% of one age band who posted (about Café Lumière) on a platform in some months (Q1: 18–24, TikTok, Q4)."""
    return analytics.participation_rate(_staff(age_band), _posts_in(months), platform=platform,
                                        about_company=about_company)


def _survey_tiktok() -> float:
    """The share of the 18–24s who SAY they are active on TikTok (staff survey): a slip for Q1."""
    return float(analytics.platform_adoption(_staff("18-24"), by=None)["tiktok"])


def _young_count() -> float:
    """The NUMBER of 18–24s who posted about Café Lumière on TikTok in Q4 (a count, not a rate)."""
    posts = _posts_in(LAST_QUARTER)
    posts = posts[(posts["platform"] == "tiktok") & posts["mentions_company"]]
    return float(_staff("18-24")["employee_id"].isin(posts["employee_id"]).sum())


def _q1_right() -> str:
    """What Q1's answer means, with the survey's and management's figures computed from the data."""
    management = float(analytics.platform_adoption(data.load("employees"))["tiktok"].loc["management"])
    return (f"while {_survey_tiktok():.0f} % of them say they are on TikTok. TikTok is where your youngest staff "
            f"talk about the company, and only {management:.0f} % of the management team is there at all. You "
            f"cannot manage a team whose platforms you have never opened: open the app and look at what is "
            f"public about Café Lumière — not at who posted what on their own account.")


# --------------------------------------------------------------------------- Q2: the café teams' potential reach, read off the dashboard


@cache
def team_reach(team="cafes", member=None, months=LAST_QUARTER) -> float:
    """Σ followers of one team's employees (programme members only if ``member``) who posted about us in ``months``."""
    return float(analytics.advocacy_reach(_staff(team=team, member=member), _posts_in(months)))


def _q2_right() -> str:
    """What Q2's answer means, against the brand's own followers (computed from the data)."""
    brand = analytics.brand_reach(data.load("accounts"))
    return (f"{100 * team_reach() / brand:.0f} % of the {brand:,} followers of Café Lumière's own accounts, from "
            f"one team in one quarter. It is an upper bound, not a number of people: a customer who follows "
            f"three baristas and the brand is counted four times. Say \"up to\" when you quote it.")


# --------------------------------------------------------------------------- Q3: how the software reads the café teams' posts about work


@cache
def _posts_by_team() -> pd.DataFrame:
    """The posts with their author's team and automatic sentiment, as ``posts_by_team`` in the setup cell."""
    return analytics.with_auto_sentiment(analytics.with_employee(data.load("employee_posts"), data.load("employees")))


@cache
def work_mood(team="cafes", topic="work_life", column="net_sentiment") -> float:
    """One cell of ``analytics.topic_mood`` on one team's posts (Q3: café teams, a day at work, net sentiment)."""
    posts = _posts_by_team()
    rows = posts if team is None else posts[posts["team"] == team]
    return float(analytics.topic_mood(rows).loc[topic, column])


def _cafes_overall() -> float:
    """The café teams' automatic net sentiment over ALL their posts (a slip: every topic together)."""
    posts = _posts_by_team()
    return float(analytics.net_sentiment(posts[posts["team"] == "cafes"], sentiment_col="auto_sentiment"))


# --------------------------------------------------------------------------- the questions

QUESTIONS = QuestionSet("07_team", [
    Number(
        "q1", "% of the employees aged 18–24 who posted about Café Lumière on TikTok, October–December 2025",
        var="young_on_tiktok", points=2, answer=tiktok_participation, tolerance=0.1, unit="%",
        mistakes=[
            Vary(about_company=False, say="that counts everyone aged 18–24 who posted on TikTok about ANYTHING; "
                                          "only posts about Café Lumière count: add about_company=True."),
            Vary(months=None, say="that is the WHOLE year; keep only the posts of October to December first: "
                                  f"employee_posts[{KEEP_QUARTER}]."),
            Vary(months=(7, 9), say="that is July to September; the last quarter is October to December "
                                    f"({KEEP_QUARTER})."),
            Vary(months=(7, 12), say="that is July to December; start in October: "
                                     f"employee_posts[{KEEP_QUARTER}]."),
            Vary(months=(12, 12), say="that is December alone; keep October, November AND December: "
                                      f"employee_posts[{KEEP_QUARTER}]."),
            Vary(age_band=None, say="that is EVERY employee, all ages; keep only the employees aged 18–24 first: "
                                    "employees[employees[\"age_band\"] == \"18-24\"]."),
            Vary(age_band="25-34", say="that is the employees aged 25–34; the question is about the youngest "
                                       "band, written \"18-24\"."),
            Vary(age_band=None, months=None, say="that is every employee over the whole year; keep only the "
                                                 "18–24s, and only the posts of October to December."),
            Vary(platform=None, say="that counts posts about Café Lumière on ANY platform; add "
                                    "platform=\"tiktok\"."),
            Vary(platform="instagram", say="that is Instagram; the question is about TikTok: platform=\"tiktok\"."),
            Other(_survey_tiktok, "that is the share of 18–24s who SAY they are on TikTok (the staff survey of "
                                  "section 1). The question asks who actually POSTED about Café Lumière there: "
                                  "give analytics.participation_rate(…) the posts too."),
            Other(_young_count, "that is a NUMBER of people; the participation rate divides it by the number of "
                                "employees aged 18–24 and multiplies by 100."),
        ],
        right=_q1_right,
        reduce_advice="Give analytics.participation_rate(…) no by=: it then returns one number, for all the "
                      "employees you give it.",
        no_rows_advice="Age bands are written as in the data, with a dash and no spaces: \"18-24\".",
        hints=[
            "analytics.participation_rate(STAFF, POSTS, platform=\"tiktok\", about_company=True) gives the % of the "
            "employees in STAFF who wrote at least one of the POSTS on TikTok naming Café Lumière. Keep the rows you "
            "need in both tables first (move 2 of module 00, keep rows).",
            "STAFF: employees[employees[\"age_band\"] == \"18-24\"]. POSTS: employee_posts[employee_posts[\"ts\"]"
            ".dt.month >= 10] (October to December).",
            "Put the two into analytics.participation_rate( … , … , platform=\"tiktok\", about_company=True) and "
            "store the result in young_on_tiktok.",
        ],
        section="section 2 of the lesson (Who actually posts?)",
    ),
    Number(
        "q2", "Potential reach of the café teams' staff who posted about Café Lumière, October–December 2025",
        var="cafes_reach", points=2, answer=team_reach, tolerance=0, unit="followers",
        mistakes=[
            Vary(months=None, say="that is the café teams over the WHOLE year; move the Months slider to Oct–Dec."),
            Vary(months=(7, 9), say="that is July to September; move the Months slider to Oct–Dec."),
            Vary(months=(12, 12), say="that is December alone; the Months slider must cover Oct to Dec."),
            Vary(team=None, say="that is ALL teams together; choose Team: café teams."),
            Vary(team="marketing", say="that is the marketing team (the lesson's Try this); choose Team: café teams."),
            Vary(member=True, say="that is the café teams' advocacy programme members only; choose Who: everyone."),
            Vary(member=False, say="that is the café teams' staff outside the programme only; choose Who: everyone."),
            Other(lambda: float(analytics.brand_reach(data.load("accounts"))),
                  "that is the brand's OWN followers (the orange bar); the question asks for the green bar: the "
                  "café staff who posted about Café Lumière."),
        ],
        right=_q2_right,
        hints=[
            "Run the dashboard cell and set Who counts as active: posted about Café Lumière, Who: everyone, "
            "Team: café teams, and move the Months slider to Oct–Dec.",
            "The line of text under the controls gives the potential reach in followers (in bold); the green bar "
            "shows the same figure. Type it without commas or spaces, e.g. 12345.",
            "You can also compute it, as in section 3 of the lesson: keep the café teams' employees and the posts of "
            "October to December (move 2 of module 00, keep rows), then give both tables to "
            "analytics.advocacy_reach( … , … ).",
        ],
        section="section 3 of the lesson (How far do their voices reach?) and the dashboard",
    ),
    Number(
        "q3", "Automatic net sentiment of the café teams' posts about a day at work (−100 to +100)",
        var="cafes_work_mood", points=2, answer=work_mood, tolerance=0.1, unit="points",
        mistakes=[
            Vary(team=None, say="that is EVERY team's posts about a day at work (the lesson's chart); keep only "
                                "the café teams' posts first: posts_by_team[posts_by_team[\"team\"] == \"cafes\"]."),
            Vary(team="roastery", say="that is the roastery; keep the café teams: team \"cafes\"."),
            Vary(topic="personal", say="that is the topic \"personal\" (private life); the question is about "
                                       "\"work_life\" (a day at work)."),
            Vary(topic="customer_story", say="that is the topic \"customer_story\"; the question is about "
                                             "\"work_life\" (a day at work)."),
            Vary(column="share_pct", say="that is the SHARE of the café teams' posts that are about a day at work "
                                         "(column \"share_pct\"); the question asks how they SOUND: column "
                                         "\"net_sentiment\"."),
            Vary(column="posts", say="that is the NUMBER of posts (column \"posts\"); read the column "
                                     "\"net_sentiment\"."),
            Other(_cafes_overall, "that is the café teams' net sentiment over ALL topics together; read the row "
                                  "\"work_life\" of analytics.topic_mood(…)."),
            Negated(say="the sign is reversed: net sentiment is % positive MINUS % negative, and these posts read "
                        "as negative."),
        ],
        reduce_advice="Read one cell of the table (move 3 of module 00): TABLE.loc[\"work_life\", \"net_sentiment\"].",
        no_rows_advice="Teams are written in lower case, as in the data: \"cafes\" for the café teams.",
        right=lambda: ("the software finds the café teams' posts about a day at work clearly negative. Now read "
                       "them (section 4): most are one proud line, \"Dead tired after the Saturday rush but what a "
                       "team\" (or its French version) — pride, not a complaint — and a few cross a line (an insult "
                       "to customers, swearing). A score "
                       "cannot tell the two apart; a short guideline and people who read can."),
        hints=[
            "analytics.topic_mood(TABLE) gives one row per topic of whatever posts you give it, with the column "
            "\"net_sentiment\" (the software's % positive − % negative). Give it only the café teams' posts "
            "(move 2 of module 00, keep rows): posts_by_team[posts_by_team[\"team\"] == \"cafes\"].",
            "In the table you get, read the row \"work_life\" of the column \"net_sentiment\" (move 3 of module 00, "
            "read one cell: TABLE.loc[ROW, COLUMN]).",
        ],
        section="section 4 of the lesson (What do they post about, and how does it sound?)",
    ),
    Choice(
        "q4", "What to change in marketing's slide on employee reach (multiple choice)",
        var="slide_fix", points=2,
        answer_digest="5b777a82fbf3e63a35a33202e4eede52257dc8b406264f577271abe5d1fd89c7",
        options={
            "A": "the figure adds up followers; it is not a count of people who saw the posts. Think about a "
                 "customer who follows several of your employees.",
            "B": "the sum counts a person once for every account they follow — several colleagues, and often the "
                 "brand too — and not every follower sees every post. It is a ceiling: say \"up to\", and never "
                 "add it to the brand's followers as if the audiences were separate.",
            "C": "adding the same followers again for every post would count impressions, which makes the "
                 "overlap problem worse, not better. Think about who is counted twice.",
            "D": "small accounts are not the problem: the sum is too high because people who follow several "
                 "accounts are counted several times, whatever the size of each account.",
        },
        hints=[
            "Ask yourself what 190,911 adds up: followers of 338 accounts. Picture one regular customer of the "
            "Lyon café: whom might she follow?",
            "If she follows three baristas and @cafelumiere, how many times is she in the sum — and how many "
            "people is she?",
        ],
        section="section 3 of the lesson (How far do their voices reach?)",
    ),
    Choice(
        "q5", "What a manager may legitimately look at (multiple choice)",
        var="may_look_at", points=2,
        answer_digest="b7a3228880d46f84f1af3812489f54d5d22733ac987e3339661cec0b864a0b0a",
        options={
            "A": "a profile being public does not make it yours to collect: the European data protection "
                 "authorities say so in so many words (Opinion 2/2017). A weekly file of every post is far more "
                 "than any purpose needs.",
            "B": "staff cannot freely say no to their manager, so asking for access to private accounts is not a "
                 "real choice; the authorities say employees should not be required to give it.",
            "C": "team-level figures and the posts that volunteers choose to share in the programme are enough "
                 "for the purpose (knowing where the team is, and whether the programme works), and nothing more "
                 "is collected: that is data minimisation, GDPR Article 5(1)(c).",
            "D": "scoring each person's private posts to discuss in appraisals is monitoring with a purpose far "
                 "from the job, and the software misreads tired pride as anger (section 4).",
        },
        hints=[
            "Section 5 of the lesson: the rule asks that data be \"adequate, relevant and limited to what is "
            "necessary\" for a stated purpose. What is the purpose here?",
            "For each option, ask: does the manager need to see one named person's private posts to do it?",
        ],
        section="section 5 of the lesson (What may a manager look at?)",
    ),
])
