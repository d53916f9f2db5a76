"""Module 09: the review and competitor metrics against plain computations, the checks' typical mistakes,
the competitor benchmark's behaviour, and every figure the lesson and the guide quote."""

from __future__ import annotations

import json
import re

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from scipy import stats  # noqa: E402

from kit import ROOT as REPO  # noqa: E402
from kit import assert_right, assert_wrong, guide_parts, verdict  # noqa: E402
from socialkit import analytics, checks, data, plots, widgets  # noqa: E402

SLUG = "09_competition"
LESSON = REPO / "course" / SLUG / f"{SLUG}.ipynb"
SOLUTIONS = REPO / "solutions" / SLUG / f"{SLUG}_exercises.ipynb"


@pytest.fixture(scope="module")
def reviews():
    return data.load("reviews")


@pytest.fixture(scope="module")
def social():
    return data.load("competitor_metrics")


@pytest.fixture(scope="module")
def followers(social):
    """Followers per month (rows) and brand (columns), all platforms, in plain pandas."""
    return social.pivot_table(index="month", columns="brand", values="followers", aggfunc="sum", observed=True)


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def markdown(path) -> str:
    notebook = json.loads(path.read_text(encoding="utf-8"))
    return "\n".join("".join(c["source"]) for c in notebook["cells"] if c["cell_type"] == "markdown")


@pytest.fixture(scope="module")
def lesson_text():
    return markdown(LESSON)


# --------------------------------------------------------------------------- independent computations


def stars_share(rows, star):
    """% of the rows giving ``star`` stars, in plain pandas."""
    return 100 * (rows["stars"] == star).sum() / len(rows)


def bayes(rows, everyone, m=20):
    """WR = (v·R + m·C) / (v + m), written out: R and v from ``rows``, C the mean of ``everyone``."""
    v = len(rows)
    return (v * rows["stars"].mean() + m * everyone["stars"].mean()) / (v + m)


def line_and_range(y, level=0.95):
    """Least-squares line through y (x = 0, 1, …) with numpy, and the prediction-interval pieces, by hand."""
    x = np.arange(len(y), dtype=float)
    slope, intercept = np.polyfit(x, y, 1)
    s = np.sqrt(((y - (intercept + slope * x)) ** 2).sum() / (len(x) - 2))
    t = stats.t.ppf(0.5 + level / 2, len(x) - 2)
    return x, slope, intercept, s, t


def crossings(y, level=0.95):
    """(months, earliest, latest) after the last x for a shrinking gap y, solving the quadratics exactly."""
    x, b, a, s, t = line_and_range(np.asarray(y, dtype=float), level)
    n, xbar, sxx, last = len(x), x.mean(), ((x - x.mean()) ** 2).sum(), x[-1]
    central = -a / b - last

    def zero(sign):
        # (a + b·u)² = t²s²(1 + 1/n + (u − x̄)²/Sxx), with a + b·u and sign·margin summing to 0
        k = (t * s) ** 2
        qa, qb, qc = b * b - k / sxx, 2 * a * b + 2 * k * xbar / sxx, a * a - k * (1 + 1 / n + xbar ** 2 / sxx)
        roots = sorted(r.real for r in np.roots([qa, qb, qc]) if abs(r.imag) < 1e-9)
        for u in roots:
            margin = t * s * np.sqrt(1 + 1 / n + (u - xbar) ** 2 / sxx)
            if abs(a + b * u + sign * margin) < 1e-6 * max(1.0, abs(a)) and u >= last:
                return u - last
        return np.nan

    return central, zero(-1), zero(+1)


# --------------------------------------------------------------------------- review metrics


def test_star_distribution_is_each_stars_share_of_the_rows(reviews):
    lumiere = reviews[reviews["business"] == "lumiere"]
    shares = analytics.star_distribution(lumiere)
    assert list(shares.index) == [1, 2, 3, 4, 5] and shares.sum() == pytest.approx(100)
    for star in range(1, 6):
        assert shares.loc[star] == pytest.approx(stars_share(lumiere, star))
    table = analytics.star_distribution(reviews, by="business")
    assert list(table.index) == ["lumiere", "grano", "maison"]
    assert table.loc["grano", 5] == pytest.approx(stars_share(reviews[reviews["business"] == "grano"], 5))
    assert table.loc[["lumiere"]].index.tolist() == ["lumiere"]  # plain labels: .loc[[...]] keeps the right rows


def test_reviews_are_j_shaped_for_every_brand(reviews):
    """Many 5s, some 1s, few 2s and 3s: the shape the lesson's first section teaches."""
    table = analytics.star_distribution(reviews, by="business")
    for brand, row in table.iterrows():
        assert row[5] > 40 and row[5] > row[1] > row[2] and row[1] > row[3], brand


def test_bayesian_average_is_the_imdb_formula(reviews):
    december = reviews[reviews["ts"].dt.month == 12]
    pages = analytics.bayesian_average(december, m=20)
    assert pages.attrs["market_mean"] == pytest.approx(december["stars"].mean())
    rows = december[(december["business"] == "lumiere") & (december["city"] == "Brussels")
                    & (december["platform"] == "yelp")]
    page = pages.loc[("lumiere", "Brussels", "yelp")]
    assert page["reviews"] == len(rows) and page["mean_stars"] == pytest.approx(rows["stars"].mean())
    assert page["bayesian_average"] == pytest.approx(bayes(rows, december))
    assert page["own_weight_pct"] == pytest.approx(100 * len(rows) / (len(rows) + 20))
    assert len(pages) == december.groupby(["business", "city", "platform"], observed=True).ngroups
    assert pages.loc[["lumiere"]].index.get_level_values(0).unique().tolist() == ["lumiere"]


def test_bayesian_average_limits_and_a_stated_prior():
    tiny = pd.DataFrame({"business": ["a", "a", "b"], "city": ["x", "x", "y"], "platform": ["g", "g", "g"],
                         "stars": [5, 3, 1]})
    no_weight = analytics.bayesian_average(tiny, m=0)
    assert no_weight["bayesian_average"].tolist() == pytest.approx([4.0, 1.0])  # m = 0: the plain mean
    heavy = analytics.bayesian_average(tiny, m=1e9)
    assert heavy["bayesian_average"].tolist() == pytest.approx([3.0, 3.0])      # huge m: everyone at C
    given = analytics.bayesian_average(tiny, by="business", m=2, prior=2.0)
    assert given.loc["b", "bayesian_average"] == pytest.approx((1 * 1 + 2 * 2.0) / 3)
    for bad in (-1, "20", True, None):
        with pytest.raises(ValueError, match="m must be a number of reviews"):
            analytics.bayesian_average(tiny, m=bad)


def test_review_volume_rating_and_response_match_plain_pandas(reviews):
    month = reviews["ts"].dt.month
    volume = analytics.review_volume(reviews)
    assert volume.loc["2025-04-01", "lumiere"] == ((reviews["business"] == "lumiere") & (month == 4)).sum()
    ratings = analytics.average_rating(reviews)
    grano_dec = reviews[(reviews["business"] == "grano") & (month == 12)]
    assert ratings.loc["2025-12-01", "grano"] == pytest.approx(grano_dec["stars"].mean())
    assert analytics.average_rating(reviews, freq=None, by=None) == pytest.approx(reviews["stars"].mean())
    answers = analytics.review_response(reviews)
    maison = reviews[reviews["business"] == "maison"]
    hours = (maison["response_at"] - maison["ts"]).dt.total_seconds() / 3600
    assert answers.loc["maison", "answered_pct"] == pytest.approx(100 * maison["responded"].mean())
    assert answers.loc["maison", "median_hours"] == pytest.approx(hours[maison["responded"]].median())
    assert answers.loc["maison", "reviews"] == len(maison)
    monthly = analytics.review_response(reviews, freq="M")
    assert monthly.loc[(pd.Timestamp("2025-04-01"), "lumiere"), "reviews"] == volume.loc["2025-04-01", "lumiere"]


def test_complaint_themes_count_each_theme_once_per_review():
    texts = pd.DataFrame({"text": ["Waited 30 minutes, cold coffee.", "Rude staff.", "Lovely place.",
                                   "Trop cher et tables sales.", "1 étoile pour le post méprisant."]})
    themes = analytics.complaint_themes(texts)
    assert themes["waiting"] == pytest.approx(20) and themes["cold or burnt coffee"] == pytest.approx(20)
    assert themes["staff"] == pytest.approx(20) and themes["price"] == pytest.approx(20)
    assert themes["cleanliness"] == pytest.approx(20) and themes["the April post"] == pytest.approx(20)


# --------------------------------------------------------------------------- competitor metrics


def test_follower_growth_and_engagement_rate_per_post_match_plain_pandas(social, followers):
    growth = analytics.follower_growth(social)
    assert growth.loc["2025-12-01", "grano"] == pytest.approx(
        100 * (followers.loc["2025-12-01", "grano"] / followers.loc["2025-11-01", "grano"] - 1))
    assert growth.iloc[0].isna().all()
    rate = analytics.engagement_rate_per_post(social, platform="instagram")
    row = social[(social["brand"] == "grano") & (social["platform"] == "instagram")
                 & (social["month"] == pd.Timestamp("2025-06-01"))].iloc[0]
    assert rate.loc["2025-06-01", "grano"] == pytest.approx(100 * row["engagements"] / row["followers"] / row["posts"])
    every = analytics.engagement_rate_per_post(social)
    june = social[(social["brand"] == "lumiere") & (social["month"] == pd.Timestamp("2025-06-01"))]
    assert every.loc["2025-06-01", "lumiere"] == pytest.approx(
        100 * (june["engagements"] / june["followers"]).sum() / june["posts"].sum())


def test_competitor_trend_sums_or_averages_and_names_what_is_wrong(social, followers):
    assert analytics.competitor_trend(social).equals(followers.rename_axis(columns="brand").astype("int64")) or \
        (analytics.competitor_trend(social) == followers).all().all()
    tiktok = analytics.competitor_trend(social, "followers", platform="tiktok")
    assert "maison" not in tiktok.columns  # Maison Torréfaction is not on TikTok
    rate = analytics.competitor_trend(social, "response_rate_pct")
    april = social[(social["brand"] == "lumiere") & (social["month"] == pd.Timestamp("2025-04-01"))]
    assert rate.loc["2025-04-01", "lumiere"] == pytest.approx(100 * april["response_rate"].mean())
    with pytest.raises(ValueError, match="metric must be one of followers"):
        analytics.competitor_trend(social, "likes")
    with pytest.raises(ValueError, match="there is no platform 'myspace'"):
        analytics.competitor_trend(social, platform="myspace")


def test_linear_trend_is_least_squares_with_the_textbook_prediction_interval(followers):
    y = followers["grano"].to_numpy(dtype=float)
    x, b, a, s, t = line_and_range(y)
    trend = analytics.linear_trend(followers, "grano", horizon=6)
    assert len(trend) == 18 and trend["actual"].iloc[12:].isna().all()
    future = np.arange(18, dtype=float)
    margin = t * s * np.sqrt(1 + 1 / 12 + (future - x.mean()) ** 2 / ((x - x.mean()) ** 2).sum())
    assert trend["fitted"].to_numpy() == pytest.approx(a + b * future)
    assert trend["upper"].to_numpy() == pytest.approx(a + b * future + margin)
    assert trend["lower"].to_numpy() == pytest.approx(a + b * future - margin)
    with pytest.raises(ValueError, match="at least 3 months"):
        analytics.linear_trend(followers, "grano", start="2025-11-01")
    holed = followers.astype(float).copy()
    holed.loc["2025-06-01", "grano"] = np.nan  # a month without a value: left out of the fit, kept on the calendar
    gappy = analytics.linear_trend(holed, "grano", horizon=6)
    assert len(gappy) == 18 and gappy.index[-1] == pd.Timestamp("2026-06-01") and np.isnan(gappy.loc["2025-06-01", "actual"])
    kept = np.delete(y, 5)
    slope, intercept = np.polyfit(np.delete(np.arange(12.0), 5), kept, 1)
    assert gappy["fitted"].iloc[0] == pytest.approx(intercept)
    with pytest.raises(ValueError, match="There is no brand 'starbucks'"):
        analytics.linear_trend(followers, "starbucks")


def test_months_to_catch_up_solves_where_the_line_and_its_range_reach_zero(followers):
    gap = (followers["lumiere"] - followers["grano"]).to_numpy(dtype=float)
    central, earliest, latest = crossings(gap)
    result = analytics.months_to_catch_up(followers)
    assert result["status"] == "catching up" and result["gap_now"] == gap[-1]
    assert result["months"] == pytest.approx(central)
    assert result["earliest"] == pytest.approx(earliest, abs=0.011) and result["latest"] == pytest.approx(latest, abs=0.011)
    assert result["earliest"] < result["months"] < result["latest"]
    assert result["catch_up_month"] == pd.Timestamp("2025-12-01") + pd.DateOffset(months=round(central))
    recent = analytics.months_to_catch_up(followers, start="2025-07-01")
    assert recent["months"] == pytest.approx(crossings(gap[6:])[0])


def test_the_summary_and_the_side_by_side_fits_are_the_single_metrics(social, followers):
    summary = analytics.competitor_summary(social)
    assert summary.loc["grano", "followers_at_end"] == followers.loc["2025-12-01", "grano"]
    grano = followers["grano"]
    assert summary.loc["grano", "growth_pct_a_month"] == pytest.approx((100 * (grano / grano.shift(1) - 1)).mean())
    posts = social.pivot_table(index="month", columns="brand", values="posts", aggfunc="sum", observed=True)
    assert summary.loc["maison", "posts_a_month"] == pytest.approx(posts["maison"].mean())
    assert summary.loc["lumiere", "engagement_rate_pct"] == pytest.approx(
        analytics.engagement_rate_per_post(social)["lumiere"].mean())
    fits = analytics.catch_up_by_period(followers, starts=["2025-01-01", "2025-07-01"])
    assert list(fits.index) == ["Jan 2025–Dec 2025", "Jul 2025–Dec 2025"]
    recent = analytics.months_to_catch_up(followers, start="2025-07-01")
    assert fits.loc["Jul 2025–Dec 2025", "latest"] == recent["latest"]
    assert fits.loc["Jul 2025–Dec 2025", "catch_up_month"] == f"{recent['catch_up_month']:%b %Y}"
    apart = pd.DataFrame({"lumiere": [10.0, 12, 14, 16], "grano": [5.0, 6, 7, 8]},
                         index=pd.date_range("2025-01-01", periods=4, freq="MS"))
    assert analytics.catch_up_by_period(apart, starts=["2025-01-01"])["catch_up_month"].tolist() == ["never"]


def test_months_to_catch_up_says_already_ahead_or_not_catching_up():
    months = pd.date_range("2025-01-01", periods=6, freq="MS")
    ahead = pd.DataFrame({"lumiere": [10, 11, 12, 13, 14, 15], "grano": [5, 8, 11, 14, 17, 20]}, index=months)
    assert analytics.months_to_catch_up(ahead)["status"] == "already ahead"
    apart = pd.DataFrame({"lumiere": [10, 12, 14, 16, 18, 20], "grano": [5, 6, 7, 8, 9, 10]}, index=months)
    result = analytics.months_to_catch_up(apart)
    assert result["status"] == "not catching up" and np.isnan(result["months"])
    with pytest.raises(ValueError, match="There is no brand 'maison'"):
        analytics.months_to_catch_up(apart, chaser="maison")


def test_every_new_metric_refuses_a_condition_in_plain_words(reviews, social):
    names = ["star_distribution", "bayesian_average", "review_volume", "average_rating", "review_response",
             "complaint_themes", "follower_growth", "engagement_rate_per_post", "competitor_trend",
             "linear_trend", "months_to_catch_up", "competitor_summary", "catch_up_by_period"]
    assert set(names) <= set(analytics.METRICS)
    condition = reviews["stars"] == 1
    for name in names:
        with pytest.raises(TypeError) as info:
            getattr(analytics, name)(condition)
        table = analytics.METRIC_TABLES[name][0]
        assert str(info.value).endswith(f"write {table}[ condition ].")
        assert "Series" not in str(info.value) and "DataFrame" not in str(info.value)


# --------------------------------------------------------------------------- charts


def test_charts_draw_what_they_are_given(reviews, followers):
    ax = plots.star_distribution(analytics.star_distribution(reviews, by="business"),
                                 means=analytics.average_rating(reviews, freq=None))
    assert len(ax.patches) == 15 and "mean" in ax.get_legend().get_texts()[0].get_text()
    assert ax.get_ylabel() == "share of the brand's reviews (%)"
    pages = analytics.bayesian_average(reviews[reviews["ts"].dt.month == 12])
    ax = plots.bayesian_ranking(pages.loc[["lumiere"]])
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert len(labels) == len(pages.loc["lumiere"]) and all(label.startswith("Café Lumière · ") for label in labels)
    assert "(8 reviews)" in " ".join(labels)
    assert not ax.patches  # dots, not bars: a bar cut at 3.25 stars would exaggerate the differences
    dots = ax.collections[-1].get_offsets()[:, 0]
    assert sorted(dots) == pytest.approx(sorted(pages.loc[["lumiere"], "bayesian_average"]))
    lines = {b: analytics.linear_trend(followers, b, horizon=18) for b in ("lumiere", "grano")}
    ax = plots.trend_projection(followers[["lumiere", "grano"]], lines, metric="followers",
                                catch_up={"grano": analytics.months_to_catch_up(followers)})
    assert "catch-up range (95 %)" in [t.get_text() for t in ax.get_legend().get_texts()]
    assert ax.get_ylabel() == "followers (end of month)" and ax.get_xlabel() == "month (2025–2027)"


# --------------------------------------------------------------------------- the dashboard


@pytest.fixture
def board(social, reviews):
    return widgets.competitor_dashboard(social, reviews)


def test_it_opens_on_followers_of_cafe_lumiere_and_grano_with_the_projection(board, followers):
    assert list(board.table.columns) == ["lumiere", "grano"] and len(board.table) == 12
    assert (board.table["grano"] == followers["grano"]).all()
    result = analytics.months_to_catch_up(followers)
    assert f"in about <b>{result['months']:.1f} months</b>" in board.summary.value
    assert f"between {result['earliest']:.1f} and {result['latest']:.1f} months after December 2025" in \
        board.summary.value
    assert f"around {result['catch_up_month']:%B %Y}" in board.summary.value
    assert set(board.projections) == {"lumiere", "grano"} and len(board.projections["grano"]) == 12 + 18


def test_a_control_change_changes_the_table_and_the_line_and_reset_restores(board, social):
    opening_summary, opening_table = board.summary.value, board.table.copy()
    board.platform.value = "instagram"
    assert board.table["grano"].iloc[-1] < opening_table["grano"].iloc[-1]
    assert "on Instagram" in board.summary.value and board.summary.value != opening_summary
    board.metric.value = "engagement_rate_pct"
    assert board.table.loc["2025-06-01", "grano"] == pytest.approx(
        analytics.engagement_rate_per_post(social, platform="instagram").loc["2025-06-01", "grano"])
    board.reset()
    assert board.summary.value == opening_summary and board.table.equals(opening_table)


def test_review_metrics_grey_out_the_platform(board, reviews):
    board.metric.value = "answered_pct"
    assert board.platform.disabled
    lumiere_may = reviews[(reviews["business"] == "lumiere") & (reviews["ts"].dt.month == 5)]
    assert board.table.loc["2025-05-01", "lumiere"] == pytest.approx(100 * lumiere_may["responded"].mean())
    board.metric.value = "followers"
    assert not board.platform.disabled


def test_the_line_of_text_says_what_to_do_when_it_cannot_answer(board):
    board.brand_boxes["lumiere"].value = False
    assert "Tick <b>Café Lumière</b>" in board.summary.value
    board.brand_boxes["grano"].value = False
    assert "Tick at least one brand" in board.summary.value and board.chart.outputs == ()
    board.reset()
    board.period.value = (board.data.months[0], board.data.months[1])
    assert "at least 3 months" in board.summary.value and board.projections == {}
    board.reset()
    board.project.value = False
    assert board.horizon.disabled and "Tick <b>Project the trend</b>" in board.summary.value
    board.reset()
    board.platform.value = "x"
    board.brand_boxes["maison"].value = True
    assert "Maison Torréfaction is not on X (Twitter)." in board.summary.value


def test_bad_input_gets_a_clear_error(social, reviews):
    with pytest.raises(KeyError, match="needs the competitor_metrics table"):
        widgets.competitor_dashboard(reviews)
    with pytest.raises(KeyError, match="second table must be the reviews"):
        widgets.competitor_dashboard(social, social)
    with pytest.raises(ValueError, match="Unknown brand"):
        widgets.competitor_dashboard(social, brands=("starbucks",))
    with pytest.raises(ValueError, match="empty competitor_metrics table"):
        widgets.competitor_dashboard(social.iloc[0:0])
    alone = widgets.competitor_dashboard(social)  # without reviews: only the social-media metrics
    assert [code for _, code in alone.metric.options] == ["followers", "follower_growth_pct", "engagement_rate_pct",
                                                          "posts", "response_rate_pct"]
    one = widgets.competitor_dashboard(social, reviews, brands="grano")  # one brand as text, not its letters
    assert one.selected_brands == ["grano"]


def test_a_catch_up_beyond_the_projection_is_said_not_drawn_off_the_chart(board):
    """X and LinkedIn: Grano would catch up years after the 18 months drawn; the chart stays on its months."""
    from matplotlib.dates import date2num

    for platform in ("x", "linkedin"):
        board.platform.value = platform
        result = board.catch_up["grano"]
        assert result["status"] == "catching up" and result["earliest"] > board.horizon.value
        right_edge = date2num(max(line.index.max() for line in board.projections.values()))
        assert board.ax.get_xlim()[1] <= right_edge + 62  # the margin only, not years later (2029, 2034)
        assert not [p for p in board.ax.patches if p.get_label() == "catch-up range (95 %)"]
        assert all(date2num(x) <= right_edge for line in board.ax.get_lines() for x in line.get_xdata())
        assert "Grano & Co would catch up beyond the chart (see the text above)" in [
            t.get_text() for t in board.ax.texts]
        assert board.ax.get_xlabel() == "month (2025–2027)" and len(board.ax.get_xticks()) <= 7
    board.platform.value = "instagram"  # within the horizon: the range and the central date are drawn
    assert "catch-up range (95 %)" in [t.get_text() for t in board.ax.get_legend().get_texts()]
    assert not board.ax.texts


def test_projection_ranges_stay_at_or_above_zero_and_have_a_legend(board):
    board.brand_boxes["maison"].value = True
    board.metric.value = "posts"
    board.horizon.value = 36
    shaded = [c for c in board.ax.collections if c.get_paths()]
    assert shaded and min(c.get_paths()[0].vertices[:, 1].min() for c in shaded) >= 0
    assert "range of a dashed line (95 %)" in [t.get_text() for t in board.ax.get_legend().get_texts()]


def test_try_this_steps_show_what_the_lesson_and_guide_say(board, social, reviews):
    """Step 2: TikTok already ahead, LinkedIn ~3 years, X ~9 years, Facebook never; step 3; step 4."""
    words = {}
    for platform in ("tiktok", "linkedin", "x", "facebook", "instagram"):
        board.platform.value = platform
        words[platform] = board.summary.value
    assert "Grano & Co is already ahead" in words["tiktok"]
    assert "in about <b>3 years</b>" in words["linkedin"] and "in about <b>9 years</b>" in words["x"]
    x = analytics.months_to_catch_up(analytics.competitor_trend(social, platform="x"))
    assert (f"between {x['earliest']:.1f} and {x['latest']:.1f} months ({x['earliest'] / 12:.1f} to "
            f"{x['latest'] / 12:.1f} years) after December 2025") in words["x"]
    assert "years)" not in words["instagram"]  # a range under three years stays in months
    assert board.project.layout.margin == "0 32px 0 0"  # "Project the trend" does not run into "Months ahead"
    assert "Grano & Co is not catching up" in words["facebook"]
    board.reset()
    board.metric.value = "average_stars"
    board.period.value = (board.data.months[0], board.data.months[2])
    assert "Grano & Co is not catching up" in board.summary.value
    board.period.value = (board.data.months[0], board.data.months[-1])
    assert "Grano & Co is already ahead" in board.summary.value
    board.reset()
    board.metric.value = "reviews"
    board.brand_boxes["maison"].value = True
    assert board.catch_up["grano"]["months"] < 1.5 and "Maison Torréfaction is not catching up" in board.summary.value


# --------------------------------------------------------------------------- the checks: right answers and typical mistakes


def lyon(reviews, business="lumiere", city="Lyon"):
    rows = reviews if business is None else reviews[reviews["business"] == business]
    return rows if city is None else rows[rows["city"] == city]


def test_q1_one_star_share_in_lyon(reviews):
    rows = lyon(reviews)
    answer = stars_share(rows, 1)
    assert_right(f"{SLUG}.q1", answer)
    assert_right(f"{SLUG}.q1", round(answer, 1))
    assert_right(f"{SLUG}.q1", analytics.star_distribution(rows).loc[1])
    assert_wrong(f"{SLUG}.q1", stars_share(lyon(reviews, city=None), 1), "ALL of Café Lumière's cafés")
    assert_wrong(f"{SLUG}.q1", stars_share(lyon(reviews, business="grano"), 1), "Grano & Co's Lyon café")
    assert_wrong(f"{SLUG}.q1", stars_share(lyon(reviews, business=None), 1), "all three brands")
    assert_wrong(f"{SLUG}.q1", stars_share(rows, 1) + stars_share(rows, 2), "1-star and 2-star shares")
    assert_wrong(f"{SLUG}.q1", float((rows["stars"] == 1).sum()), "NUMBER of 1-star reviews")
    assert_wrong(f"{SLUG}.q1", answer / 100, "looks like a fraction")
    assert_wrong(f"{SLUG}.q1", analytics.star_distribution(rows), "row of 1 star", "TABLE.loc[1]")


def test_q2_bayesian_average_of_paris_yelp_in_october(reviews):
    october = reviews[reviews["ts"].dt.month == 10]
    page = october[(october["business"] == "lumiere") & (october["city"] == "Paris") & (october["platform"] == "yelp")]
    answer = bayes(page, october)
    assert_right(f"{SLUG}.q2", answer)
    assert_right(f"{SLUG}.q2", round(answer, 2))
    assert_wrong(f"{SLUG}.q2", page["stars"].mean(), "PLAIN mean")
    assert_wrong(f"{SLUG}.q2", bayes(page, october[october["business"] == "lumiere"]), "Café Lumière's own mean as C")
    assert_wrong(f"{SLUG}.q2", october["stars"].mean(), "that is C")
    only_page = analytics.bayesian_average(page).loc[("lumiere", "Paris", "yelp"), "bayesian_average"]
    assert only_page == pytest.approx(page["stars"].mean())  # C is the page's own mean: nothing pulls it
    assert_wrong(f"{SLUG}.q2", only_page, "only this page's reviews", "ALL of October's reviews")
    november = reviews[reviews["ts"].dt.month == 11]
    assert_wrong(f"{SLUG}.q2", bayes(november[(november["business"] == "lumiere") & (november["city"] == "Paris")
                                              & (november["platform"] == "yelp")], november), "that is November")
    assert_wrong(f"{SLUG}.q2", round(answer, 1), "rounded too much")


def test_q2_right_message_says_what_the_data_shows(reviews):
    october = reviews[reviews["ts"].dt.month == 10]
    pages = analytics.bayesian_average(october).loc["lumiere"]
    raw_lowest = pages["mean_stars"].idxmin()
    fair_lowest = pages["bayesian_average"].idxmin()
    assert raw_lowest == ("Paris", "yelp") and fair_lowest == ("Lyon", "tripadvisor")  # "showed the lowest average"
    message = verdict(f"{SLUG}.q2", pages.loc[("Paris", "yelp"), "bayesian_average"]).message
    assert "the Lyon Tripadvisor page is" in message and "rests on 8 reviews" in message


def test_q3_answers_to_unhappy_reviewers(reviews):
    unhappy = reviews[(reviews["business"] == "lumiere") & (reviews["stars"] <= 2)]
    answer = 100 * unhappy["responded"].mean()
    assert_right(f"{SLUG}.q3", answer)
    assert_right(f"{SLUG}.q3", analytics.review_response(unhappy).loc["lumiere", "answered_pct"])
    lumiere = reviews[reviews["business"] == "lumiere"]
    assert_wrong(f"{SLUG}.q3", 100 * lumiere["responded"].mean(), "ALL of Café Lumière's reviews")
    assert_wrong(f"{SLUG}.q3", 100 * lumiere.loc[lumiere["stars"] == 1, "responded"].mean(), "1-star reviews alone")
    assert_wrong(f"{SLUG}.q3", 100 - answer, "got NO answer")
    grano = reviews[(reviews["business"] == "grano") & (reviews["stars"] <= 2)]
    assert_wrong(f"{SLUG}.q3", 100 * grano["responded"].mean(), "Grano & Co's share")
    assert_wrong(f"{SLUG}.q3", analytics.review_response(unhappy), "answered_pct")
    result = verdict(f"{SLUG}.q3", answer)
    assert "one unhappy reviewer in three" in result.message and round(100 - answer) in range(30, 37)
    assert f"answers {100 * grano['responded'].mean():.0f} %" in result.message


def test_q4_choice_and_option_b_is_not_copied_from_the_lesson(lesson_text):
    assert_right(f"{SLUG}.q4", "B")
    assert_wrong(f"{SLUG}.q4", "A", "Think about what the range measures")
    notebook = json.loads(SOLUTIONS.read_text(encoding="utf-8"))
    (q4,) = ["".join(c["source"]) for c in notebook["cells"] if "### Q4" in "".join(c["source"])]
    option_b = q4.split("- **B.**")[1].split("\n")[0]
    words = option_b.lower().replace(",", "").replace(".", "").replace(";", "").split()
    phrases = {" ".join(words[i:i + 5]) for i in range(len(words) - 4)}
    lesson = lesson_text.lower().replace("*", "").replace(",", "").replace(";", "")
    assert [p for p in phrases if p in lesson] == []


def test_q4_premises_hold_in_the_data(followers):
    """The prompt's figures are the data's, and "Grano gains more followers every month" is true (almost)."""
    full, recent = analytics.months_to_catch_up(followers), analytics.months_to_catch_up(followers, start="2025-07-01")
    text = markdown(SOLUTIONS)
    assert (f"about **{full['months']:.1f} months (95 % range: {full['earliest']:.1f} to {full['latest']:.1f})**"
            in text)
    assert f"about **{recent['months']:.1f} months ({recent['earliest']:.1f} to {recent['latest']:.1f})**" in text
    assert f"one starts at {full['earliest']:.1f} months, where the other ends at {recent['latest']:.1f}" in text
    assert 0 <= recent["latest"] - full["earliest"] < 0.1  # they barely touch
    gains = followers["grano"].diff().dropna()
    assert gains.iloc[-1] > 1.5 * gains.iloc[0] and (gains.diff().dropna() >= -20).all()


def instagram_range(social, start=None, platform="instagram"):
    rows = social if platform is None else social[social["platform"] == platform]
    wide = rows.pivot_table(index="month", columns="brand", values="followers", aggfunc="sum", observed=True)
    gap = (wide["lumiere"] - wide["grano"])
    if start is not None:
        gap = gap.loc[start:]
    _, earliest, latest = crossings(gap.to_numpy(dtype=float))
    return earliest, latest


def test_q5_instagram_range_read_off_the_dashboard(board, social):
    low, high = instagram_range(social)
    assert_right(f"{SLUG}.q5", (round(low, 1), round(high, 1)))
    board.platform.value = "instagram"
    shown = re.search(r"between (\d+\.\d) and (\d+\.\d) months", board.summary.value).groups()
    assert_right(f"{SLUG}.q5", tuple(float(v) for v in shown))  # exactly what the learner reads
    assert_wrong(f"{SLUG}.q5", tuple(round(v, 1) for v in instagram_range(social, platform=None)), "ALL platforms")
    assert_wrong(f"{SLUG}.q5", tuple(round(v, 1) for v in instagram_range(social, start="2025-07-01")),
                 "only July to December")
    assert_wrong(f"{SLUG}.q5", (round(high, 1), round(low, 1)),
                 f"the low end ({round(low, 1):g}) comes first: write ({round(low, 1):g}, {round(high, 1):g})")
    assert_wrong(f"{SLUG}.q5", (9.0, 7.3), "the low end (7.3) comes first: write (7.3, 9)")
    assert_wrong(f"{SLUG}.q5", f"({low:.1f}, {high:.1f})", "without quotes")


def test_q5_right_message_says_what_the_data_shows(social):
    by_platform = social[social["month"] == pd.Timestamp("2025-12-01")]
    lumiere = by_platform[by_platform["brand"] == "lumiere"].set_index("platform")["followers"]
    assert lumiere.idxmax() == "instagram"  # "where we have our biggest audience"
    low, high = instagram_range(social)
    message = verdict(f"{SLUG}.q5", (round(low, 1), round(high, 1))).message
    assert "around August 2026" in message and "11.2 to 13.7 months" in message


def test_hints_stop_one_step_short():
    for question in checks.questions_of(SLUG):
        assert 2 <= len(question.hints) <= 3
    q1, q2, q3 = (next(q for q in checks.questions_of(SLUG) if q.id == f"{SLUG}.{n}") for n in ("q1", "q2", "q3"))
    assert not any("star_distribution(reviews[" in h for h in q1.hints)
    assert not any('.loc[("lumiere", "Paris", "yelp"), "bayesian_average"]' in h for h in q2.hints)
    assert not any('review_response(reviews[' in h for h in q3.hints)


# --------------------------------------------------------------------------- figures quoted in the lesson


def test_the_lessons_review_figures_are_the_datas(lesson_text, reviews):
    shares = analytics.star_distribution(reviews, by="business")
    lum, gra, mai = shares.loc["lumiere"], shares.loc["grano"], shares.loc["maison"]
    assert f"More than half of our reviews ({lum[5]:.0f} %) give 5 stars, and one in six ({lum[1]:.0f} %)" in lesson_text
    assert round(100 / lum[1]) == 6
    assert f"only {lum[2]:.0f} % give 2 stars and {lum[3]:.0f} % give 3" in lesson_text  # as the chart writes them
    assert f"only {lum[4]:.0f} % of our reviewers gave 4 stars" in lesson_text
    mean = analytics.average_rating(reviews, freq=None)
    assert 3.5 < mean["lumiere"] < 4 and "a little under 4 stars" in lesson_text
    assert f"({gra[5]:.0f} % give 5 stars) and fewer angry ones ({gra[1]:.0f} % give 1 star)" in lesson_text
    assert f"the fewest 5-star reviews ({mai[5]:.0f} %) and the most 1-star reviews ({mai[1]:.1f} %: the tallest 1-star bar)" in lesson_text
    assert mai[5] == shares[5].min() and mai[1] == shares[1].max()

    december = reviews[reviews["ts"].dt.month == 12]
    pages = analytics.bayesian_average(december, m=20)
    assert f"the median review page received {pages['reviews'].median():.0f} reviews; we round it to 20" in lesson_text
    assert pages["reviews"].max() > 100 and pages["reviews"].min() < 10
    assert "some pages get more than a hundred reviews, others fewer than ten" in lesson_text
    ours = pages.loc["lumiere"]
    top, bottom = ours["bayesian_average"].idxmax(), ours["bayesian_average"].idxmin()
    assert top == ("Brussels", "yelp") and bottom == ("Brussels", "tripadvisor")
    yelp, tripadvisor, busiest = ours.loc[top], ours.loc[bottom], ours.loc[("Lyon", "google")]
    assert (f"a splendid {yelp['mean_stars']:.2f} stars — from **{int(yelp['reviews'])} reviews**. Its own average counts "
            f"for only {yelp['own_weight_pct']:.0f} % of its Bayesian average, which falls to "
            f"{yelp['bayesian_average']:.2f}") in lesson_text
    assert (f"shows {tripadvisor['mean_stars']:.2f} from {int(tripadvisor['reviews'])} reviews; its Bayesian average is "
            f"{tripadvisor['bayesian_average']:.2f}. Half of that page") in lesson_text
    assert tripadvisor["own_weight_pct"] == pytest.approx(50)
    assert ours["reviews"].idxmax() == ("Lyon", "google")
    assert (f"{busiest['mean_stars']:.2f} from {int(busiest['reviews'])} reviews becomes {busiest['bayesian_average']:.2f}, "
            f"because its own average counts for {busiest['own_weight_pct']:.0f} %") in lesson_text
    assert f"all three brands: {pages.attrs['market_mean']:.2f} stars" in lesson_text

    volume = analytics.review_volume(reviews)
    assert volume["lumiere"].drop(pd.Timestamp("2025-04-01")).between(450, 550).all() and \
        "about 500 reviews a month" in lesson_text
    assert volume["lumiere"].idxmax() == pd.Timestamp("2025-04-01")
    assert f"April's peak, {volume.loc['2025-04-01', 'lumiere']}" in lesson_text
    assert (f"from {volume.loc['2025-01-01', 'grano']} in January to {volume.loc['2025-12-01', 'grano']} in "
            f"December") in lesson_text
    assert volume.loc["2025-12-01", "grano"] >= 1.9 * volume.loc["2025-01-01", "grano"]  # "doubled"
    answers = analytics.review_response(reviews)
    assert (f"Grano & Co answers {answers.loc['grano', 'answered_pct']:.0f} % of its reviews, with a median time of "
            f"about {answers.loc['grano', 'median_hours']:.0f} hours. We answer "
            f"{answers.loc['lumiere', 'answered_pct']:.0f} %, with a median time of about "
            f"{answers.loc['lumiere', 'median_hours']:.0f} hours.") in lesson_text
    assert f"answers almost none ({answers.loc['maison', 'answered_pct']:.0f} %)" in lesson_text
    unhappy = reviews[(reviews["business"] == "lumiere") & (reviews["stars"] <= 2)]
    themes = analytics.complaint_themes(unhappy)
    assert (f"**Waiting ({themes['waiting']:.0f} %) and coffee served cold or burnt "
            f"({themes['cold or burnt coffee']:.0f} %) come first**") in lesson_text
    assert (f"Staff ({themes['staff']:.0f} %), prices and cleanliness ({themes['price']:.0f} % each)" in lesson_text
            and round(themes["price"]) == round(themes["cleanliness"]))
    assert f"The April post (the intern's post of module 3) is only {themes['the April post']:.0f} %" in lesson_text


def test_the_lessons_social_and_projection_figures_are_the_datas(lesson_text, social, followers, reviews):
    growth = analytics.follower_growth(social).mean()
    rate = analytics.engagement_rate_per_post(social).mean()
    posts = analytics.competitor_trend(social, "posts")
    assert (f"Grano & Co's audience grew by about {growth['grano']:.1f} % a month in 2025; ours by about "
            f"{growth['lumiere']:.1f} %") in lesson_text
    december, january = followers.loc["2025-12-01"], followers.loc["2025-01-01"]
    assert f"{december['grano']:,} followers against our {december['lumiere']:,}" in lesson_text
    assert (f"it gained {december['grano'] - january['grano']:,} in the year while we gained "
            f"{december['lumiere'] - january['lumiere']:,}") in lesson_text
    assert f"engagement rate per post of {rate['grano']:.1f} % against our {rate['lumiere']:.1f} %" in lesson_text
    # the figures the text quotes can be read off the lesson's own output: the months in the table, the posts printed
    code = "\n".join("".join(c["source"]) for c in json.loads(LESSON.read_text(encoding="utf-8"))["cells"]
                     if c["cell_type"] == "code")
    assert 'plots.in_words(followers.iloc[[0, 1, -2, -1]], "followers")' in code
    assert "posts.loc['2025-12-01', 'grano']" in code and "posts.loc['2025-12-01', 'lumiere']" in code
    shown = followers.iloc[[0, 1, -2, -1]]
    gains = shown.diff()
    assert (f"it gained {shown['grano'].iloc[-1] - shown['grano'].iloc[0]:,} in the year while we gained "
            f"{shown['lumiere'].iloc[-1] - shown['lumiere'].iloc[0]:,} (December's count minus January's, in the table "
            f"above)") in lesson_text
    assert (f"{gains['grano'].iloc[1]:,.0f} new followers in February, {gains['grano'].iloc[3]:,.0f} in December (each "
            f"month's count minus the month before") in lesson_text
    assert "move 2 of module 00 applies to months too" not in lesson_text
    assert lesson_text.count("the April post that caused a backlash in module 3") == 1
    assert (f"{posts.loc['2025-12-01', 'grano']} posts in December against our {posts.loc['2025-12-01', 'lumiere']}"
            in lesson_text)
    assert f"with {december['maison']:,} followers" in lesson_text
    assert (analytics.follower_growth(social)["maison"].dropna() < 0).all()  # "is losing followers"
    ratings = analytics.average_rating(reviews)
    ahead = ratings["grano"] > ratings["lumiere"]
    assert ahead.loc["2025-04-01":].all() and not ahead.loc[:"2025-03-01"].all()
    assert "above ours every month since April" in lesson_text and "Grano passed us in April" in lesson_text

    full, recent = analytics.months_to_catch_up(followers), analytics.months_to_catch_up(followers, start="2025-07-01")
    assert (f"In December the gap was {full['gap_now']:,.0f} followers, and the straight line says it shrinks by "
            f"about {-full['gap_change_per_month']:,.0f} a month") in lesson_text
    assert (f"in about {full['months']:.1f} months — around {full['catch_up_month']:%B %Y} — and the 95 % range runs "
            f"from {full['earliest']:.1f} to {full['latest']:.1f} months") in lesson_text
    gains = followers["grano"].diff()
    assert (f"{gains.loc['2025-02-01']:,.0f} new followers in February, {gains.loc['2025-12-01']:,.0f} in December"
            in lesson_text)
    assert (f"**{recent['months']:.1f} months (from {recent['earliest']:.1f} to {recent['latest']:.1f}), around "
            f"{recent['catch_up_month']:%B %Y}**") in lesson_text
    assert f"one starts at {full['earliest']:.1f} months, where the other ends at {recent['latest']:.1f}" in lesson_text
    assert f"t ≈ {stats.t.ppf(0.975, 10):.1f}" in lesson_text
    assert (f"between {full['earliest']:.0f} and {full['latest']:.0f} months from now" in lesson_text
            and f"Around the end of {full['catch_up_month']:%Y}" in lesson_text and full["catch_up_month"].month == 12)
    assert f'"{full["catch_up_month"]:%B %Y}" alone is not' in lesson_text


def test_the_decision_starts_where_the_reviews_say_so(lesson_text, reviews):
    """'starting with Lyon': Lyon's reviews name waiting most, and Lyon has the largest share of 1-star reviews."""
    ours = reviews[reviews["business"] == "lumiere"]
    themes = analytics.complaint_themes(ours[ours["stars"] <= 2], by="city")
    assert themes["waiting"].idxmax() == "Lyon"
    assert analytics.star_distribution(ours, by="city")[1].idxmax() == "Lyon"
    assert "in the cafés whose reviews name waiting most, starting with Lyon" in lesson_text


# --------------------------------------------------------------------------- the guide


def test_the_guides_figures_and_answers_are_the_datas(reviews, social, followers):
    room, answers = guide_parts(SLUG)
    december = analytics.bayesian_average(reviews[reviews["ts"].dt.month == 12]).loc[("lumiere", "Brussels", "yelp")]
    assert (f"{december['mean_stars']:.2f} from {int(december['reviews'])} reviews becomes "
            f"{december['bayesian_average']:.2f}") in room
    full, recent = analytics.months_to_catch_up(followers), analytics.months_to_catch_up(followers, start="2025-07-01")
    assert (f"about {full['months']:.1f} months, around {full['catch_up_month']:%B %Y}, range {full['earliest']:.1f} "
            f"to {full['latest']:.1f}") in room.replace("\n     ", " ")
    assert f"{recent['months']:.1f} months, around {recent['catch_up_month']:%B %Y}" in room
    assert f"({full['months']:.1f} months against {recent['months']:.1f})" in room
    linkedin = analytics.months_to_catch_up(analytics.competitor_trend(social, platform="linkedin"))
    x = analytics.months_to_catch_up(analytics.competitor_trend(social, platform="x"))
    assert f"about {linkedin['months'] / 12:.0f}\n     years" in room and f"X about {x['months'] / 12:.0f} years" in room

    lyon_rows = reviews[(reviews["business"] == "lumiere") & (reviews["city"] == "Lyon")]
    ours = reviews[reviews["business"] == "lumiere"]
    assert f"**Q1:** {stars_share(lyon_rows, 1):.1f} %" in answers and f"the {stars_share(ours, 1):.1f} %" in answers
    october = reviews[reviews["ts"].dt.month == 10]
    page = october[(october["business"] == "lumiere") & (october["city"] == "Paris") & (october["platform"] == "yelp")]
    assert f"**Q2:** {bayes(page, october):.2f} stars" in answers
    assert f"plain average in October was {page['stars'].mean():.2f}, from only {len(page)}" in answers
    assert f"is {october['stars'].mean():.2f}" in answers
    lumiere_only = bayes(page, october[october["business"] == "lumiere"])
    assert f"gives {lumiere_only:.2f} (C is then our own average)" in answers
    unhappy = ours[ours["stars"] <= 2]
    assert f"**Q3:** {100 * unhappy['responded'].mean():.1f} %" in answers
    assert f"against\n  {100 * ours['responded'].mean():.0f} % of all our reviews" in answers
    assert "**Q4:** B" in answers
    low, high = instagram_range(social)
    instagram = analytics.months_to_catch_up(analytics.competitor_trend(social, platform="instagram"))
    assert f"**Q5:** ({low:.1f}, {high:.1f})" in answers and f"about {instagram['months']:.1f} months" in answers
    assert f"{instagram['catch_up_month']:%B %Y}" in answers.replace("\n  ", " ")


def test_the_exercises_figures_and_premises_are_the_datas(reviews, social, followers):
    text = markdown(SOLUTIONS)
    lyon_rows = reviews[(reviews["business"] == "lumiere") & (reviews["city"] == "Lyon")]
    assert 3.75 < lyon_rows["stars"].mean() < 4 and "the average is close to 4 stars" in text
    ours = reviews[reviews["business"] == "lumiere"]
    assert f"Café Lumière answers {100 * ours['responded'].mean():.0f} % of all its reviews" in text
    by_brand = analytics.average_rating(reviews, freq=None)
    answers = analytics.review_response(reviews)
    rate = analytics.engagement_rate_per_post(social).mean()
    assert f"{by_brand['grano']:.2f} against a little under 4 stars" in text and by_brand["lumiere"] < 4
    assert (f"reviews answered ({answers.loc['grano', 'answered_pct']:.0f} % against our "
            f"{answers.loc['lumiere', 'answered_pct']:.0f} %)") in text
    assert f"engagement rate per post ({rate['grano']:.1f} % against {rate['lumiere']:.1f} %)" in text
    full, recent = analytics.months_to_catch_up(followers), analytics.months_to_catch_up(followers, start="2025-07-01")
    assert (f"about {full['months']:.0f} months, {full['earliest']:.1f} to {full['latest']:.1f} months on "
            f"January–December 2025; or {recent['months']:.1f} months, {recent['earliest']:.1f} to "
            f"{recent['latest']:.1f}, on July–December") in text
