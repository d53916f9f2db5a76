"""Module 09 · Don't get left behind: the exercise questions, declared as data.

No answer is stored here: each ``answer`` function computes the expected value from the sample
data when the learner checks; the multiple-choice answer is stored only as a salted digest. The
decisive assertions are the hidden tests of ``solutions/09_competition/09_competition_exercises.ipynb``,
which recompute in plain pandas (and SciPy for the projection) and compare with the rules of
``socialkit.judging.rules``.
"""

from __future__ import annotations

from functools import cache

import pandas as pd

from socialkit import analytics, data
from socialkit.judging import Choice, Interval, Number, Other, QuestionSet, Vary

M = 20  # the lesson's choice of m for the Bayesian average
PAGE = ("lumiere", "Paris", "yelp")  # Q2's review page


def _reviews() -> pd.DataFrame:
    """The reviews, as the setup cell loads them."""
    return data.load("reviews")


# --------------------------------------------------------------------------- Q1: the 1-star share of one café


@cache
def star_share(business="lumiere", city="Lyon", stars=(1,)) -> float:
    """% of a brand's reviews in one city (None: all) giving one of ``stars`` (Q1: Café Lumière Lyon, 1 star)."""
    reviews = _reviews()
    rows = reviews if business is None else reviews[reviews["business"] == business]
    if city is not None:
        rows = rows[rows["city"] == city]
    return float(analytics.star_distribution(rows).loc[list(stars)].sum())


def _lyon_one_star_count() -> float:
    """The NUMBER of 1-star reviews of Café Lumière Lyon (a slip: a count, not a share)."""
    reviews = _reviews()
    return float(((reviews["business"] == "lumiere") & (reviews["city"] == "Lyon") & (reviews["stars"] == 1)).sum())


# --------------------------------------------------------------------------- Q2: one page's Bayesian average


@cache
def page_average(month=10, page=PAGE, m=M, only_business=None, column="bayesian_average") -> float:
    """One review page's Bayesian average over one month of 2025, C being the mean of all that month's reviews."""
    reviews = _reviews()
    rows = reviews[reviews["ts"].dt.month == month]
    if only_business is not None:
        rows = rows[rows["business"] == only_business]
    return float(analytics.bayesian_average(rows, m=m).loc[page, column])


def _october_market_mean() -> float:
    """C itself: the mean stars of every review of October (a slip: the market's mean, not the page's)."""
    reviews = _reviews()
    return float(reviews.loc[reviews["ts"].dt.month == 10, "stars"].mean())


def _page_right_message() -> str:
    """What Q2's answer means, with the page's own mean and Café Lumière's lowest page computed from the data."""
    reviews = _reviews()
    october = analytics.bayesian_average(reviews[reviews["ts"].dt.month == 10], m=M).loc["lumiere"]
    lowest = october["bayesian_average"].idxmin()
    city, site = lowest
    return (f"the page's own mean ({page_average(column='mean_stars'):.2f} stars) rests on "
            f"{int(page_average(column='reviews'))} reviews, so it counts for only "
            f"{page_average(column='own_weight_pct'):.0f} %. Paris' Yelp page is not our weakest: ranked fairly, "
            f"the {city} {site.capitalize()} page is ({october.loc[lowest, 'bayesian_average']:.2f}, from "
            f"{int(october.loc[lowest, 'reviews'])} reviews). Send help there first.")


# --------------------------------------------------------------------------- Q3: answers to unhappy reviewers


@cache
def answered_share(business="lumiere", stars=(1, 2), column="answered_pct") -> float:
    """% of a brand's reviews with one of ``stars`` that got an answer (Q3: Café Lumière, 1 and 2 stars)."""
    reviews = _reviews()
    rows = reviews[(reviews["business"] == business) & reviews["stars"].isin(stars)]
    return float(analytics.review_response(rows, by=None).iloc[0][column])


def _answered_right_message() -> str:
    """What Q3's answer means, with Grano & Co's figure computed from the data."""
    grano = answered_share(business="grano")
    return (f"about one unhappy reviewer in three gets no answer from us, on a page every future customer can "
            f"read, while Grano & Co answers {grano:.0f} % of its 1- and 2-star reviews. That is a decision "
            f"you can take on Monday: answer every 1- and 2-star review.")


# --------------------------------------------------------------------------- Q5: when Grano & Co's Instagram passes ours


@cache
def catch_up_range(platform="instagram", start=None, end=None, chaser="grano", metric="followers") -> tuple:
    """(earliest, latest) months after December 2025 for ``chaser`` to reach Café Lumière, 95 % range (Q5)."""
    trend = analytics.competitor_trend(data.load("competitor_metrics"), metric, platform=platform)
    result = analytics.months_to_catch_up(trend, chaser=chaser, start=start, end=end)
    return (float(result["earliest"]), float(result["latest"]))


def _range_right_message() -> str:
    """What Q5's answer means, with the central date and the all-platform range computed from the data."""
    trend = analytics.competitor_trend(data.load("competitor_metrics"), "followers", platform="instagram")
    result = analytics.months_to_catch_up(trend)
    total = catch_up_range(platform=None)
    return (f"on Instagram, where we have our biggest audience, Grano & Co would pass us around "
            f"{result['catch_up_month']:%B %Y}, some months before it passes us on all platforms together "
            f"({total[0]:.1f} to {total[1]:.1f} months). And that range only covers the wobble of 2025 around a "
            f"straight line: Grano is speeding up, so it may come sooner.")


# --------------------------------------------------------------------------- the questions

QUESTIONS = QuestionSet("09_competition", [
    Number(
        "q1", "Share of Café Lumière Lyon's 2025 reviews that give 1 star, in %",
        var="lyon_one_star", points=2, answer=star_share, tolerance=0.1, unit="%",
        mistakes=[
            Vary(city=None, say="that is the share over ALL of Café Lumière's cafés (the lesson's chart); keep only "
                                "the reviews of the Lyon café as well: reviews[\"city\"] == \"Lyon\"."),
            Vary(business="grano", say="that is Grano & Co's Lyon café; keep business \"lumiere\"."),
            Vary(business="maison", say="that is Maison Torréfaction's Lyon café; keep business \"lumiere\"."),
            Vary(business=None, say="that counts the Lyon reviews of all three brands; keep only business "
                                    "\"lumiere\" too."),
            Vary(stars=(1, 2), say="that adds the 1-star and 2-star shares; the question asks for 1 star only: "
                                   "read the row 1 alone."),
            Vary(stars=(5,), say="that is the share of 5-star reviews; read the row of 1 star."),
            Vary(stars=(2,), say="that is the share of 2-star reviews; read the row of 1 star."),
            Other(_lyon_one_star_count, "that is the NUMBER of 1-star reviews; the question asks for their SHARE of "
                                        "the Lyon café's reviews, in %: analytics.star_distribution(…) gives it."),
        ],
        right="almost one Lyon reviewer in five gives a single star. The average (close to 4) hides them; the 1-star "
              "reviews are where a café loses customers, so read what they say.",
        reduce_advice="Read just the row of 1 star (move 3 of module 00, read one cell): TABLE.loc[1].",
        no_rows_advice="City names start with a capital letter, as in the data: \"Lyon\"; the brand is \"lumiere\".",
        hints=[
            "Keep the reviews of Café Lumière's Lyon café (move 2 of module 00, keep rows): two conditions, "
            "reviews[\"business\"] == \"lumiere\" and reviews[\"city\"] == \"Lyon\", combined with &, each in "
            "round brackets.",
            "Give those rows to analytics.star_distribution(…): it returns the % of reviews at each number of "
            "stars, from 1 to 5.",
            "In the table it returns, read the row 1 (move 3 of module 00, read one cell): TABLE.loc[1].",
        ],
        section="section 1 of the lesson (What the stars hide)",
    ),
    Number(
        "q2", "Bayesian average (m = 20) of Café Lumière Paris' Yelp page in October 2025, in stars",
        var="paris_yelp_october", points=2, answer=page_average, tolerance=0.01, unit="stars",
        mistakes=[
            Vary(column="mean_stars", say="that is the page's PLAIN mean, the number Yelp shows. Either you read "
                                          "the column \"mean_stars\", or you gave analytics.bayesian_average only "
                                          "this page's reviews, so C was the page's own mean and pulled it nowhere. "
                                          "Give it ALL of October's reviews (all brands, cities and sites) and read "
                                          "the column \"bayesian_average\"."),
            Vary(only_business="lumiere", say="that uses Café Lumière's own mean as C: you kept only Café "
                                              "Lumière's reviews before computing. Give analytics.bayesian_average "
                                              "ALL of October's reviews, so that C is the whole market's mean."),
            Vary(month=12, say="that is December (the lesson's month); the question asks for October: "
                               "reviews[\"ts\"].dt.month == 10."),
            Vary(month=11, say="that is November; the question asks for October: reviews[\"ts\"].dt.month == 10."),
            Vary(month=9, say="that is September; the question asks for October: reviews[\"ts\"].dt.month == 10."),
            Vary(page=("lumiere", "Paris", "google"), say="that is the Google page; the question asks for Yelp: "
                                                          "(\"lumiere\", \"Paris\", \"yelp\")."),
            Vary(column="own_weight_pct", say="that is the page's OWN WEIGHT in % (how much its own mean counts); "
                                              "the question asks for the column \"bayesian_average\", in stars."),
            Other(_october_market_mean, "that is C, the mean of ALL October reviews (the market's mean); the "
                                         "question asks for one page's Bayesian average."),
        ],
        right=_page_right_message,
        reduce_advice="Read just one cell (move 3 of module 00): TABLE.loc[(\"lumiere\", \"Paris\", \"yelp\"), "
                      "\"bayesian_average\"].",
        hints=[
            "Keep October's reviews, ALL brands (move 2 of module 00, keep rows): reviews[\"ts\"].dt.month == 10. "
            "Keep all three brands: C, the market's mean, comes from all the rows you give.",
            "Give those rows to analytics.bayesian_average(…, m=20): it returns one row per review page (brand, "
            "city, site) with the columns reviews, mean_stars, own_weight_pct and bayesian_average.",
            "Read one cell (move 3 of module 00): the row (\"lumiere\", \"Paris\", \"yelp\"), in its round "
            "brackets, and the column \"bayesian_average\".",
        ],
        section="section 2 of the lesson (Comparing pages fairly: the Bayesian average)",
    ),
    Number(
        "q3", "Share of Café Lumière's 1- and 2-star reviews of 2025 that got an answer, in %",
        var="answered_unhappy", points=2, answer=answered_share, tolerance=0.1, unit="%",
        mistakes=[
            Vary(stars=(1, 2, 3, 4, 5), say="that is the share over ALL of Café Lumière's reviews (the lesson's "
                                            "figure); keep only the 1- and 2-star ones: reviews[\"stars\"] <= 2."),
            Vary(business="grano", say="that is Grano & Co's share; keep business \"lumiere\"."),
            Vary(business="maison", say="that is Maison Torréfaction's share; keep business \"lumiere\"."),
            Vary(stars=(1,), say="that is the 1-star reviews alone; keep the 2-star ones too: "
                                 "reviews[\"stars\"] <= 2."),
            Vary(stars=(2,), say="that is the 2-star reviews alone; keep the 1-star ones too: "
                                 "reviews[\"stars\"] <= 2."),
            Vary(stars=(1, 2, 3), say="that includes the 3-star reviews; keep 1 and 2 stars: "
                                      "reviews[\"stars\"] <= 2."),
            Other(lambda: 100 - answered_share(), "that is the share that got NO answer; the question asks for the "
                                                  "share that got one (the column \"answered_pct\")."),
            Vary(column="median_hours", say="that is the median time to answer, in hours; the question asks for "
                                            "the share answered, in % (the column \"answered_pct\")."),
        ],
        right=_answered_right_message,
        reduce_advice="Read just the column \"answered_pct\" of the only row (move 3 of module 00): "
                      "TABLE.loc[\"lumiere\", \"answered_pct\"].",
        hints=[
            "Keep Café Lumière's reviews with 1 or 2 stars (move 2 of module 00, keep rows): "
            "reviews[\"business\"] == \"lumiere\" and reviews[\"stars\"] <= 2, combined with &, each in round "
            "brackets.",
            "Give those rows to analytics.review_response(…): it returns, per brand, the number of reviews, the % "
            "answered (answered_pct) and the median hours to answer.",
            "Read one cell (move 3 of module 00, read one cell): the row \"lumiere\" and the column \"answered_pct\".",
        ],
        section="section 3 of the lesson (Answering reviews)",
    ),
    Choice(
        "q4", "What two projection ranges that barely touch tell you (multiple choice)",
        var="why_two_ranges", points=2,
        answer_digest="f2051c3b98f46cec7827109ea971250a17344b6eac3fae6916d2eeb14ce7971d",
        options={
            "A": "Both figures are computed correctly, each for its own straight line; the difference comes from the "
                 "months chosen, not from an error. Think about what the range measures.",
            "B": "the range measures only how far the months stray from ONE straight line; it cannot say which line "
                 "is right. Grano gains more followers each month than the month before, so a line drawn through "
                 "recent months is steeper and gives an earlier date. Say it to the board in those words: "
                 "\"within about a year, maybe sooner\".",
            "C": "Fewer months do not make this line less sure: its range is as narrow as the other's. And the "
                 "full-year line misses that Grano is speeding up. Think about what the range measures.",
            "D": "The range is not a rounding margin: it comes from how much the months stray from the line. And no "
                 "projection gives an exact date. Think about what the range measures.",
        },
        hints=[
            "Ask yourself what the 95 % range is computed from: the months that were fitted, and how far each of "
            "them lies from the straight line.",
            "Look at Grano & Co's followers month by month in the lesson's chart: does it add the same number of "
            "followers every month, or more and more?",
        ],
        section="section 5 of the lesson (When would Grano & Co catch up?)",
    ),
    Interval(
        "q5", "Range (95 %) of months after December 2025 until Grano & Co's Instagram followers reach Café "
              "Lumière's, as (earliest, latest)",
        var="instagram_range", points=2, answer=catch_up_range, tolerance=0.1, unit="months",
        mistakes=[
            Vary(platform=None, say="that is the range for ALL platforms together (the dashboard as it opens); "
                                    "choose Platform: Instagram."),
            Vary(start="2025-07-01", say="that fits only July to December; keep Months fitted on the whole year, "
                                         "Jan 2025 to Dec 2025."),
            Vary(platform="linkedin", say="that is LinkedIn; choose Platform: Instagram."),
            Vary(platform="x", say="that is X (Twitter); choose Platform: Instagram."),
        ],
        right=_range_right_message,
        hints=[
            "Run the dashboard cell. Keep Café Lumière and Grano & Co ticked, Metric: Followers, Months fitted: Jan "
            "2025 to Dec 2025 and Project the trend ticked; choose Platform: Instagram. The line of text under the "
            "controls gives the 95 % range, in months after December 2025.",
            "Or in code: result = analytics.months_to_catch_up(analytics.competitor_trend(competitor_metrics, "
            "platform=\"instagram\")), then read result.loc[\"earliest\"] and result.loc[\"latest\"] (move 3 of "
            "module 00, read one cell).",
            "Write the two numbers in round brackets, the smaller first, to one decimal place: for example "
            "instagram_range = (2.5, 7.1).",
        ],
        section="section 5 of the lesson and the dashboard (section 6)",
    ),
])
