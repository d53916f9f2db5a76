"""Module 04's own tests: the intervals against their formulas written out and against Newcombe's published values,
the outcome, leader and focus metrics against plain pandas, the checks' typical mistakes, the comparator, and
every figure the lesson and the guide quote, recomputed from the data."""

from __future__ import annotations

import json
import math
import re

import pandas as pd
import pytest

from kit import ROOT as REPO
from kit import assert_quotes, assert_right, assert_wrong, guide_parts
from socialkit import analytics, data, plots, widgets
from socialkit.analytics import WrongInput, WrongSetting, expertise

LESSON = REPO / "course" / "04_expertise" / "04_expertise.ipynb"
ROLES = ("intern", "community_manager", "executive", "expert")
Z = 1.959963984540054


@pytest.fixture(scope="module")
def threads():
    return data.load("threads")


@pytest.fixture(scope="module")
def posts():
    return data.load("brand_posts")


@pytest.fixture(scope="module")
def ours(posts):
    return posts[posts["brand"] == "lumiere"]


# --------------------------------------------------------------------------- the formulas, written out


def wilson(x, n):
    """Wilson's score interval (1927), written out."""
    p = x / n
    centre = (p + Z * Z / (2 * n)) / (1 + Z * Z / n)
    half = Z * math.sqrt(p * (1 - p) / n + Z * Z / (4 * n * n)) / (1 + Z * Z / n)
    return centre - half, centre + half


def newcombe(x1, n1, x2, n2):
    """Newcombe's hybrid score interval (1998, method 10) of p1 − p2, written out."""
    p1, p2 = x1 / n1, x2 / n2
    (l1, u1), (l2, u2) = wilson(x1, n1), wilson(x2, n2)
    d = p1 - p2
    return d, d - math.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2), d + math.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2)


def outcome_flags(threads, outcome):
    """An outcome per thread, in plain pandas."""
    return {"resolved": threads["resolved"], "recovered": threads["sentiment_after"] > 0,
            "escalated": threads["public_replies"] >= 5}[outcome]


def role_counts(threads, outcome, role):
    """(threads with the outcome, threads) answered by one role, in plain pandas."""
    rows = threads[threads["responder_role"] == role]
    return int(outcome_flags(rows, outcome).sum()), len(rows)


@pytest.mark.parametrize(("x", "n"), [(81, 263), (0, 10), (10, 10), (1, 29), (173, 521)])
def test_wilson_interval_is_the_formula_written_out(x, n):
    assert expertise.wilson_interval(x, n) == pytest.approx(wilson(x, n), abs=1e-9)


@pytest.mark.parametrize(("counts", "published"), [
    ((56, 70, 48, 80), (0.0524, 0.3339)),   # Newcombe (1998), worked example, method 10
    ((9, 10, 3, 10), (0.1705, 0.8090)),     # another of the paper's examples, method 10
])
def test_newcombe_interval_gives_the_papers_published_values(counts, published):
    result = expertise.difference_interval(*counts)
    assert (result["low"], result["high"]) == pytest.approx(published, abs=1e-4)
    d, low, high = newcombe(*counts)
    assert (result["difference"], result["low"], result["high"]) == pytest.approx((d, low, high), abs=1e-12)


def test_the_wald_interval_is_the_textbook_formula_and_narrower_on_small_groups():
    result = expertise.difference_interval(9, 10, 3, 10, method="wald")
    half = Z * math.sqrt(0.9 * 0.1 / 10 + 0.3 * 0.7 / 10)
    assert (result["low"], result["high"]) == pytest.approx((0.6 - half, 0.6 + half))
    assert result["high"] > 0.8090  # on small groups Wald's interval strays from Newcombe's (its known weakness)


def test_interval_settings_refuse_wrong_input_in_plain_words():
    with pytest.raises(WrongSetting, match=r"cannot be more than the total"):
        expertise.wilson_interval(11, 10)
    with pytest.raises(WrongSetting, match=r"whole number of threads or posts"):
        expertise.wilson_interval(2.5, 10)
    with pytest.raises(WrongSetting, match=r"whole number of threads or posts"):
        expertise.difference_interval(-1, 10, 3, 10)
    with pytest.raises(WrongSetting, match=r'method must be "newcombe" or "wald"'):
        expertise.difference_interval(1, 10, 3, 10, method="exact")
    with pytest.raises(WrongSetting, match=r"confidence must be between 0 and 1"):
        expertise.wilson_interval(1, 10, confidence=95)
    assert all(math.isnan(v) for v in expertise.difference_interval(0, 0, 3, 10).values())


# --------------------------------------------------------------------------- the metrics against plain pandas


@pytest.mark.parametrize("outcome", ["resolved", "recovered", "escalated"])
def test_outcomes_by_responder_are_the_plain_pandas_rates_and_intervals(threads, outcome):
    table = analytics.outcomes_by_responder(threads, outcome)
    assert list(table.index) == list(ROLES)
    assert table["threads"].sum() == threads["responder_role"].notna().sum()
    for role in ROLES:
        x, n = role_counts(threads, outcome, role)
        low, high = wilson(x, n)
        assert table.loc[role, ["threads", "successes"]].tolist() == [n, x]
        assert table.loc[role, ["rate_pct", "low_pct", "high_pct"]].tolist() == \
            pytest.approx([100 * x / n, 100 * low, 100 * high])


@pytest.mark.parametrize(("role", "versus", "outcome"), [("expert", "intern", "resolved"),
                                                         ("expert", "community_manager", "resolved"),
                                                         ("executive", "community_manager", "recovered"),
                                                         ("expert", "executive", "escalated")])
def test_compare_responders_is_newcombe_written_out(threads, role, versus, outcome):
    result = analytics.compare_responders(threads, outcome, role, versus=versus)
    d, low, high = newcombe(*role_counts(threads, outcome, role), *role_counts(threads, outcome, versus))
    assert [result["difference"], result["low"], result["high"]] == pytest.approx([100 * d, 100 * low, 100 * high])
    assert result["real"] == (low > 0 or high < 0)
    assert result[f"{role}_threads"] == role_counts(threads, outcome, role)[1]


def test_leader_engagement_and_topical_focus_are_the_plain_pandas_figures(ours):
    table = analytics.leader_engagement(ours)
    assert list(table.index) == list(ROLES)
    for role in ROLES:
        rows = ours[ours["author_role"] == role]
        drew = int((rows["leader_replies"] > 0).sum())
        assert table.loc[role, "posts"] == len(rows)
        assert table.loc[role, "leader_replies"] == rows["leader_replies"].sum()
        assert table.loc[role, "replies_per_post"] == pytest.approx(rows["leader_replies"].mean())
        assert table.loc[role, "drew_a_leader_pct"] == pytest.approx(100 * drew / len(rows))
        assert table.loc[role, ["low_pct", "high_pct"]].tolist() == pytest.approx([100 * v for v in wilson(drew, len(rows))])
    whole = analytics.leader_engagement(ours, by=None)
    assert whole["replies_per_post"] == pytest.approx(ours["leader_replies"].mean())
    focus = analytics.topical_focus(ours)
    core = ["coffee_craft", "sourcing", "sustainability", "industry"]
    for role in ROLES:
        rows = ours[ours["author_role"] == role]
        assert focus[role] == pytest.approx(100 * rows["topic"].isin(core).mean())
    assert analytics.topical_focus(ours, by=None) == pytest.approx(100 * ours["topic"].isin(core).mean())
    assert analytics.topical_focus(ours, core="sourcing", by=None) == pytest.approx(100 * (ours["topic"] == "sourcing").mean())


def test_the_data_tell_the_modules_story(threads, ours):
    """Experience pays in the data: experts beat the intern on every outcome, and the difference is real."""
    solved = analytics.outcomes_by_responder(threads, "resolved")["rate_pct"]
    assert solved["expert"] > solved["executive"] > solved["community_manager"] > solved["intern"]
    for outcome in ("resolved", "recovered"):
        assert analytics.compare_responders(threads, outcome, "expert", versus="intern")["low"] > 0
    assert analytics.compare_responders(threads, "escalated", "expert", versus="intern")["high"] < 0
    assert not analytics.compare_responders(threads, "resolved", "expert", versus="executive")["real"]
    drew = analytics.leader_engagement(ours)["drew_a_leader_pct"]
    assert drew["executive"] > 60 and drew["expert"] > 60 and drew["intern"] < 5


def test_the_new_metrics_refuse_wrong_input_in_plain_words(threads, posts):
    with pytest.raises(WrongInput, match=r"needs rows of the table, not a column of True/False\. .*threads\[ condition \]"):
        analytics.outcomes_by_responder(threads["is_complaint"])
    with pytest.raises(WrongInput, match=r"needs rows of the table, not one column of it \('responder_role'\)"):
        analytics.compare_responders(threads["responder_role"])
    with pytest.raises(WrongInput, match=r"brand_posts\[ condition \]"):
        analytics.leader_engagement(posts["brand"] == "lumiere")
    with pytest.raises(WrongInput, match=r"needs a table such as brand_posts, not"):
        analytics.topical_focus(5)
    with pytest.raises(WrongSetting, match=r"outcome must be one of 'resolved', 'recovered', 'escalated'; got 'solved'"):
        analytics.outcomes_by_responder(threads, "solved")
    with pytest.raises(WrongSetting, match=r"role must be one of 'intern', 'community_manager'"):
        analytics.compare_responders(threads, "resolved", "Expert")
    with pytest.raises(WrongSetting, match=r"versus must be one of"):
        analytics.compare_responders(threads, "resolved", "expert", versus="community manager")
    with pytest.raises(KeyError, match=r"leader_engagement needs the column\(s\) leader_replies"):
        analytics.leader_engagement(threads)


# --------------------------------------------------------------------------- the questions and their typical mistakes


def test_q1_complaints_the_intern_answered(threads):
    rows = threads[(threads["responder_role"] == "intern") & threads["is_complaint"]]
    answer = 100 * rows["resolved"].mean()
    assert_right("04_expertise.q1", round(answer, 1))
    every = threads[threads["responder_role"] == "intern"]
    assert_wrong("04_expertise.q1", round(100 * every["resolved"].mean(), 1), "EVERY thread the intern answered")
    experts = threads[(threads["responder_role"] == "expert") & threads["is_complaint"]]
    assert_wrong("04_expertise.q1", round(100 * experts["resolved"].mean(), 1), "EXPERTS' complaints")
    assert_wrong("04_expertise.q1", round(rows["resolved"].mean(), 3), "fraction between 0 and 1")


def test_q2_the_interval_of_experts_minus_community_managers(threads):
    x1, n1 = role_counts(threads, "resolved", "expert")
    x2, n2 = role_counts(threads, "resolved", "community_manager")
    _, low, high = newcombe(x1, n1, x2, n2)
    assert_right("04_expertise.q2", (round(100 * low, 1), round(100 * high, 1)))
    p1, p2 = x1 / n1, x2 / n2
    half = Z * math.sqrt(p1 * (1 - p1) / n1 + p2 * (1 - p2) / n2)
    assert_wrong("04_expertise.q2", (round(100 * (p1 - p2 - half), 1), round(100 * (p1 - p2 + half), 1)), "Wald")
    _, low_i, high_i = newcombe(x1, n1, *role_counts(threads, "resolved", "intern"))
    assert_wrong("04_expertise.q2", (round(100 * low_i, 1), round(100 * high_i, 1)), "INTERN")
    _, low_r, high_r = newcombe(x2, n2, x1, n1)
    assert_wrong("04_expertise.q2", (round(100 * low_r, 1), round(100 * high_r, 1)), "other way round")


def test_q3_reading_an_interval_that_includes_zero(threads):
    _, low, high = newcombe(*role_counts(threads, "resolved", "expert"), *role_counts(threads, "resolved", "executive"))
    assert low < 0 < high  # the interval the question asks about does include 0: "could be chance"
    assert_right("04_expertise.q3", "B")
    assert_wrong("04_expertise.q3", "A", "low end is below 0")
    assert_wrong("04_expertise.q3", "C", "does not mean the executives are better")
    assert_wrong("04_expertise.q3", "D", "not that they are equal")


def test_q4_leader_replies_per_expert_post(posts, ours):
    experts = ours[ours["author_role"] == "expert"]
    assert_right("04_expertise.q4", round(experts["leader_replies"].sum() / len(experts), 2))
    every = posts[posts["author_role"] == "expert"]
    assert_wrong("04_expertise.q4", round(every["leader_replies"].mean(), 2), "ALL THREE brands")
    executives = ours[ours["author_role"] == "executive"]
    assert_wrong("04_expertise.q4", round(executives["leader_replies"].mean(), 2), "EXECUTIVES")
    assert_wrong("04_expertise.q4", round(100 * (experts["leader_replies"] > 0).mean(), 2), "% of posts")


def test_q5_on_linkedin_every_difference_could_be_chance(threads):
    linkedin = threads[threads["platform"] == "linkedin"]
    intern = role_counts(linkedin, "resolved", "intern")
    for role in ("community_manager", "executive", "expert"):
        _, low, high = newcombe(*role_counts(linkedin, "resolved", role), *intern)
        assert low < 0 < high, role
    assert_right("04_expertise.q5", "B")
    assert_wrong("04_expertise.q5", "A", "few threads")
    assert_wrong("04_expertise.q5", "C", "could be chance")


# --------------------------------------------------------------------------- the comparator


def test_the_comparator_opens_on_problems_solved_against_the_intern(threads, posts):
    board = widgets.who_speaks_dashboard(threads, posts)
    table = board.table
    expected = analytics.outcomes_by_responder(threads, "resolved")
    assert table["count"].tolist() == expected["threads"].tolist()
    assert table["rate_pct"].tolist() == pytest.approx(expected["rate_pct"].tolist())
    assert math.isnan(table.loc["intern", "difference"])  # no difference of the intern with itself
    gap = analytics.compare_responders(threads, "resolved", "expert", versus="intern")
    assert table.loc["expert", ["difference", "difference_low", "difference_high"]].tolist() == \
        pytest.approx([gap["difference"], gap["low"], gap["high"]])
    assert f"expert: {gap['difference']:+.1f} points" in board.summary.value
    assert board.summary.value.count("a real difference") == 3


def test_negative_differences_are_written_with_a_true_minus_as_the_lesson_writes_them(threads, posts, lesson_text):
    board = widgets.who_speaks_dashboard(threads, posts)
    board.measure.value, board.compare_with.value = "recovered", "community_manager"
    gap = analytics.compare_responders(threads, "recovered", "executive", versus="community_manager")
    assert gap["low"] < 0 < gap["high"]  # the lesson's Try-this step 2: an interval that just touches 0
    low = f"\u2212{abs(gap['low']):.1f}"
    assert f"(95 % interval {low} to +{gap['high']:.1f})" in board.summary.value
    assert f"{gap['low']:.1f}" not in board.summary.value  # no hyphen-minus
    table = pd.DataFrame([gap], index=["executive vs community manager"])
    labels = [t.get_text() for t in plots.differences(table).texts]
    assert any(f"({low} to +{gap['high']:.1f})" in label for label in labels), labels
    assert low in lesson_text


def test_a_control_change_recounts_and_reset_puts_it_back(threads, posts, ours):
    board = widgets.who_speaks_dashboard(threads, posts)
    opening, opening_table = board.summary.value, board.table.copy()
    board.measure.value = "leader"
    leaders = analytics.leader_engagement(ours)
    assert board.table["count"].tolist() == leaders["posts"].tolist()
    assert board.table["rate_pct"].tolist() == pytest.approx(leaders["drew_a_leader_pct"].tolist())
    assert "Café Lumière's posts" in board.summary.value
    board.measure.value, board.compare_with.value, board.platform.value = "resolved", "intern", "linkedin"
    linkedin = threads[threads["platform"] == "linkedin"]
    assert board.table.loc["intern", "count"] == role_counts(linkedin, "resolved", "intern")[1]
    assert board.summary.value.count("could be chance") == 3 and "a real difference" not in board.summary.value
    board.compare_with.value = "executive"
    assert math.isnan(board.table.loc["executive", "difference"])
    assert "Compared with the <b>executive</b>" in board.summary.value
    board.reset()
    assert board.summary.value == opening and board.measure.value == "resolved" and board.platform.value == "all"
    pd.testing.assert_frame_equal(board.table, opening_table)


def test_a_role_with_no_threads_on_a_platform_is_said_in_words(threads, posts):
    few = threads[~((threads["platform"] == "tiktok") & (threads["responder_role"] == "executive"))]
    board = widgets.who_speaks_dashboard(few, posts)
    board.platform.value = "tiktok"
    assert "executive: no threads here" in board.summary.value
    board.compare_with.value = "executive"
    assert "No threads from the executive on this platform" in board.summary.value


def test_the_comparator_refuses_the_wrong_tables_in_plain_words(threads, posts):
    with pytest.raises(TypeError, match=r"needs rows of the table, not a column of True/False\. .*threads\[ condition \]"):
        widgets.who_speaks_dashboard(threads["is_complaint"], posts)
    with pytest.raises(TypeError, match=r"needs a table such as brand_posts"):
        widgets.who_speaks_dashboard(threads, "brand_posts")
    with pytest.raises(KeyError, match=r"needs the threads table as its first argument; .* "
                                       r"widgets\.who_speaks_dashboard\(threads, brand_posts\)"):
        widgets.who_speaks_dashboard(posts, threads)


# --------------------------------------------------------------------------- the charts


def test_the_charts_draw_what_they_are_given(threads, ours):
    import matplotlib

    matplotlib.use("Agg")
    solved = analytics.outcomes_by_responder(threads, "resolved")
    ax = plots.rates_with_intervals(solved, highlight="expert")
    assert len(ax.patches) == 4
    assert [p.get_height() for p in ax.patches] == pytest.approx(solved["rate_pct"].tolist())
    texts = [t.get_text() for t in ax.texts]
    assert f"n = {solved.loc['intern', 'threads']:,}" in texts and "expert (compared with)" in \
        [t.get_text() for t in ax.get_xticklabels()]
    gaps = pd.DataFrame({"a": {"difference": 10.0, "low": 4.0, "high": 16.0},
                         "b": {"difference": 3.0, "low": -2.0, "high": 8.0}}).T
    ax = plots.differences(gaps)
    colours = [matplotlib.colors.to_hex(line.get_color()) for line in ax.lines[:4:2]]
    assert colours == [plots.expertise.REAL_COLOR.lower(), plots.expertise.CHANCE_COLOR.lower()]
    assert any("could be chance" in t.get_text() for t in ax.texts)
    ax = plots.posts_by_author(ours)
    assert sum(p.get_width() for p in ax.patches) == pytest.approx(len(ours))
    with pytest.raises(ValueError, match=r"needs the brand_posts table"):
        plots.posts_by_author(threads)
    with pytest.raises(ValueError, match=r"rates_with_intervals needs the columns"):
        plots.rates_with_intervals(pd.DataFrame({"x": [1]}))
    matplotlib.pyplot.close("all")


# --------------------------------------------------------------------------- figures the lesson and the guide quote


@pytest.fixture(scope="module")
def lesson_text():
    notebook = json.loads(LESSON.read_text(encoding="utf-8"))
    return "\n".join("".join(c["source"]) for c in notebook["cells"] if c["cell_type"] == "markdown")


def pct(series_or_value):
    return 100 * float(series_or_value)


def test_the_lessons_figures_on_who_speaks_are_the_datas(lesson_text, threads, ours):
    by_role = ours["author_role"].value_counts()
    intern = ours[ours["author_role"] == "intern"]
    experts = ours[ours["author_role"] == "expert"]
    assert_quotes(lesson_text, "The **intern** wrote **{}** of Café Lumière's **{:,}** posts", by_role["intern"], len(ours))
    assert by_role["intern"] / len(ours) == pytest.approx(1 / 5, abs=0.01)  # "about one in five"
    assert_quotes(lesson_text, "**{:.1f} %** of them were automated promotions",
                  pct((intern["post_type"] == "automated_promo").mean()))
    assert_quotes(lesson_text, "(**{}**)", by_role["community_manager"])
    assert by_role.idxmax() == "community_manager"
    assert_quotes(lesson_text, "The **executives** (**{}** posts) and the **experts** (**{}**)",
                  by_role["executive"], by_role["expert"])
    assert_quotes(lesson_text, "**{:.1f} %** of the experts' posts were expertise posts",
                  pct((experts["post_type"] == "expertise").mean()))
    answered = threads[threads["responder_role"].notna()]
    assert_quotes(lesson_text, "Of the **{:,}** conversations", len(answered))
    assert_quotes(lesson_text, "the intern answered **{:.1f} %**", pct((answered["responder_role"] == "intern").mean()))


def test_the_lessons_outcome_and_difference_figures_are_the_datas(lesson_text, threads):
    rates = {o: analytics.outcomes_by_responder(threads, o)["rate_pct"] for o in expertise.OUTCOMES}
    solved = rates["resolved"]
    assert_quotes(lesson_text, "When the **intern** answered, **{:.1f} %** of the problems were solved; when an "
                               "**expert** answered, **{:.1f} %**", solved["intern"], solved["expert"])
    assert solved["expert"] / solved["intern"] == pytest.approx(2, abs=0.15)  # "about twice as often"
    assert_quotes(lesson_text, "Community managers (**{:.1f} %**) and executives (**{:.1f} %**)",
                  solved["community_manager"], solved["executive"])
    assert_quotes(lesson_text, "**{:.1f} %** of the intern's threads turned into a public argument, against "
                               "**{:.1f} %** of the community managers'", rates["escalated"]["intern"],
                  rates["escalated"]["community_manager"])
    assert_quotes(lesson_text, "only **{:.1f} %** of the intern's customers ended in a good mood, against **{:.1f} %** "
                               "of the experts'", rates["recovered"]["intern"], rates["recovered"]["expert"])
    counts = threads["responder_role"].value_counts()
    assert_quotes(lesson_text, "about **{}** and **{}** threads each", counts["executive"], counts["expert"])
    for (role, versus), template in {
        ("expert", "intern"): "Experts solved **{:+.1f} points** more problems than the intern, with a 95 % interval "
                              "from **{:+.1f} to {:+.1f}** points",
        ("community_manager", "intern"): "community managers **{:+.1f}** points (**{:+.1f} to {:+.1f}**)",
        ("executive", "intern"): "executives **{:+.1f}** points (**{:+.1f} to {:+.1f}**)",
        ("executive", "community_manager"): "**{:+.1f}** points, with an interval from **{:+.1f} to {:+.1f}**",
    }.items():
        gap = analytics.compare_responders(threads, "resolved", role, versus=versus)
        low = f"{gap['low']:+.1f}".replace("-", "−")  # the lesson writes a true minus sign
        assert_quotes(lesson_text, template.replace("{:+.1f} to", "{} to"), gap["difference"], low, gap["high"])
    assert not analytics.compare_responders(threads, "resolved", "executive", versus="community_manager")["real"]


def test_the_lessons_leader_figures_are_the_datas(lesson_text, ours):
    accounts = data.load("accounts")
    leaders = accounts[accounts["role"] == "industry_leader"]
    customers = accounts[accounts["role"] == "customer"]
    assert_quotes(lesson_text, "Only **{}** accounts, but each speaks to many: half of the industry leaders have more "
                               "than **{:,.0f}** followers, against **{:,.0f}**", len(leaders),
                  leaders["followers"].median(), customers["followers"].median())
    table = analytics.leader_engagement(ours)
    drew = table["drew_a_leader_pct"]
    assert_quotes(lesson_text, "**{:.1f} %** of the executives' posts and **{:.1f} %** of the experts' posts drew at "
                               "least one reply from an industry leader, against **{:.1f} %** of the community "
                               "managers' posts and **{:.1f} %** of the intern's — **{}** replies in the whole year, "
                               "for **{}** posts", drew["executive"], drew["expert"], drew["community_manager"],
                  drew["intern"], table.loc["intern", "leader_replies"], table.loc["intern", "posts"])
    assert_quotes(lesson_text, "The executives' posts drew **{:.2f}** replies", table.loc["executive", "replies_per_post"])
    focus = analytics.topical_focus(ours)
    assert_quotes(lesson_text, "The [topical focus](../glossary.md#topical-focus) of the experts' posts is **{:.1f} %**",
                  focus["expert"])
    assert_quotes(lesson_text, "against **{:.1f} %** for the intern", focus["intern"])
    assert 60 < focus["expert"] < 70  # "two thirds"


def test_the_lessons_decision_figures_are_the_datas(lesson_text, threads, ours):
    decided = lesson_text.split("**What Café Lumière decided.**")[1]
    solved = analytics.outcomes_by_responder(threads, "resolved")["rate_pct"]
    gap = analytics.compare_responders(threads, "resolved", "expert", versus="intern")
    assert_quotes(decided, "experts solved **{:.1f} %** of the problems they answered against **{:.1f} %** for the "
                           "intern (a difference of **{:+.1f}** points, 95 % interval **{:+.1f} to {:+.1f}**",
                  solved["expert"], solved["intern"], gap["difference"], gap["low"], gap["high"])
    escalated = analytics.outcomes_by_responder(threads, "escalated")["rate_pct"]
    assert_quotes(decided, "argument in **{:.1f} %** of cases", escalated["intern"])
    drew = analytics.leader_engagement(ours)["drew_a_leader_pct"]
    assert 65 < drew["expert"] < 75 and 65 < drew["executive"] < 75  # "seven times in ten"


def test_the_guides_figures_are_the_datas(threads, posts, ours):
    room, answers = guide_parts("04_expertise")

    def board_line(measure, compare_with, platform="all"):
        board = widgets.who_speaks_dashboard(threads, posts)
        board.measure.value, board.compare_with.value, board.platform.value = measure, compare_with, platform
        return board.table

    mood = board_line("recovered", "community_manager")
    assert_quotes(room, "experts {:+.1f} points\n   ({:+.1f} to {:+.1f}), real", *mood.loc["expert", ["difference",
                  "difference_low", "difference_high"]])
    assert_quotes(room, "executives {:+.1f} (−{:.1f} to {:+.1f}), **could be chance**",
                  mood.loc["executive", "difference"], -mood.loc["executive", "difference_low"],
                  mood.loc["executive", "difference_high"])
    argued = board_line("escalated", "intern")["rate_pct"]
    assert_quotes(room, "{:.1f} % of the intern's threads ran to 5\n   or more public replies, against {:.1f} % of the "
                        "community managers' and {:.1f} % of the experts'",
                  argued["intern"], argued["community_manager"], argued["expert"])
    leader = board_line("leader", "expert")
    assert_quotes(room, "executives {:.1f} % of posts,\n   experts {:.1f} %, a difference of {:+.1f} points "
                        "(−{:.1f} to {:+.1f})", leader.loc["executive", "rate_pct"], leader.loc["expert", "rate_pct"],
                  leader.loc["executive", "difference"], -leader.loc["executive", "difference_low"],
                  leader.loc["executive", "difference_high"])
    tiktok = board_line("resolved", "intern", "tiktok")
    assert_quotes(room, "only {} threads for the intern,\n   {} for the executives and {} for the experts",
                  *tiktok.loc[["intern", "executive", "expert"], "count"])
    assert_quotes(room, "executives' difference (+{:.1f},\n   from −{:.1f} to {:+.1f})",
                  tiktok.loc["executive", "difference"], -tiktok.loc["executive", "difference_low"],
                  tiktok.loc["executive", "difference_high"])
    assert not tiktok.loc["executive", "real"]

    complaints = threads[(threads["responder_role"] == "intern") & threads["is_complaint"]]
    assert_quotes(answers, "**Q1:** {:.1f} % — of the {} complaints the intern answered, {} were solved",
                  100 * complaints["resolved"].mean(), len(complaints), int(complaints["resolved"].sum()))
    x1, n1 = role_counts(threads, "resolved", "expert")
    x2, n2 = role_counts(threads, "resolved", "community_manager")
    d, low, high = newcombe(x1, n1, x2, n2)
    assert_quotes(answers, "**Q2:** ({:.1f}, {:.1f}) points", 100 * low, 100 * high)
    assert_quotes(answers, "{:+.1f} points, and the\n  whole interval is above 0", 100 * d)
    d, low, high = newcombe(x1, n1, *role_counts(threads, "resolved", "executive"))
    assert_quotes(answers, "{:+.1f} points, 95 % interval from −{:.1f} to {:+.1f}", 100 * d, -100 * low, 100 * high)
    experts = ours[ours["author_role"] == "expert"]
    assert_quotes(answers, "**Q4:** {:.2f} replies per post — Café Lumière's {} expert posts drew {} replies",
                  experts["leader_replies"].mean(), len(experts), int(experts["leader_replies"].sum()))
    linkedin = board_line("resolved", "intern", "linkedin")
    assert_quotes(answers, "the intern answered {} threads, the experts {}, the executives {} and the community\n"
                           "  managers {}", *linkedin.loc[["intern", "expert", "executive", "community_manager"], "count"])


def test_the_guides_other_figures_are_the_datas(threads, posts, ours):
    room, answers = guide_parts("04_expertise")
    accounts = data.load("accounts")
    assert_quotes(room, "`brand_posts` ({:,} posts of the three brands' own accounts, {:,} of them Café Lumière's), "
                        "`threads` ({:,} conversations customers opened with Café Lumière in public, {:,} of them "
                        "answered) and `accounts` ({:,} accounts)", len(posts), len(ours), len(threads),
                  int(threads["responder_role"].notna().sum()), len(accounts))
    opening = widgets.who_speaks_dashboard(threads, posts).table
    assert_quotes(room, "community managers {:+.1f} points ({:+.1f} to {:+.1f}),\nexecutives {:+.1f} ({:+.1f} to "
                        "{:+.1f}), experts {:+.1f} ({:+.1f} to {:+.1f}) — all real",
                  *[opening.loc[role, column] for role in ("community_manager", "executive", "expert")
                    for column in ("difference", "difference_low", "difference_high")])
    assert opening["real"].sum() == 3

    def slips(role, complaints_only=True):
        rows = threads[threads["responder_role"] == role]
        rows = rows[rows["is_complaint"]] if complaints_only else rows
        return 100 * rows["resolved"].mean()

    assert_quotes(answers, "an expert solved {:.1f} % of\n  the complaints they answered", slips("expert"))
    assert_quotes(answers, "Typical slips give {:.1f} (every thread the intern answered), {:.1f} (experts),\n  "
                           "{:.1f} (community managers), {:.1f} (executives), {:.2f} (a fraction)",
                  slips("intern", False), slips("expert"), slips("community_manager"), slips("executive"),
                  slips("intern") / 100)
    x1, n1 = role_counts(threads, "resolved", "expert")
    x2, n2 = role_counts(threads, "resolved", "community_manager")
    p1, p2 = x1 / n1, x2 / n2
    half = Z * math.sqrt(p1 * (1 - p1) / n1 + p2 * (1 - p2) / n2)
    _, low_i, high_i = newcombe(x1, n1, *role_counts(threads, "resolved", "intern"))
    _, low_r, high_r = newcombe(x2, n2, x1, n1)
    _, low_m, high_m = newcombe(*role_counts(threads, "recovered", "expert"),
                                *role_counts(threads, "recovered", "community_manager"))
    assert_quotes(answers, "({:.1f}, {:.1f}) (against the\n  intern), (−{:.1f}, −{:.1f}) (the other way round), "
                           "({:.1f}, {:.1f}) (Wald's interval), ({:.1f}, {:.1f}) (good mood)",
                  100 * low_i, 100 * high_i, -100 * low_r, -100 * high_r, 100 * (p1 - p2 - half),
                  100 * (p1 - p2 + half), 100 * low_m, 100 * high_m)
    every = posts[posts["author_role"] == "expert"]
    executives = ours[ours["author_role"] == "executive"]
    experts = ours[ours["author_role"] == "expert"]
    assert_quotes(answers, "Typical slips give {:.2f} (all three brands), {:.2f} (executives), {:.1f} (the % of posts",
                  every["leader_replies"].mean(), executives["leader_replies"].mean(),
                  100 * (experts["leader_replies"] > 0).mean())
    linkedin = threads[threads["platform"] == "linkedin"]
    d, low, high = newcombe(*role_counts(linkedin, "resolved", "community_manager"),
                            *role_counts(linkedin, "resolved", "intern"))
    assert_quotes(answers, "(community managers {:+.1f} points, from −{:.1f}\n  to {:+.1f})", 100 * d, -100 * low,
                  100 * high)


# --------------------------------------------------------------------------- fixes after a manager's cold read


def try_this_steps() -> list[str]:
    """The comparator's "Try this" steps, each with the lines under it."""
    notebook = json.loads(LESSON.read_text(encoding="utf-8"))
    box = next("".join(c["source"]) for c in notebook["cells"] if "Try this" in "".join(c["source"]))
    return re.split(r"(?m)^> \d+\. ", box.split("*Source:")[0])[1:]


def test_every_try_this_step_says_what_you_should_see():
    steps = try_this_steps()
    assert len(steps) == 5
    missing = [step.splitlines()[0][:60] for step in steps if "*What you should see:*" not in step]
    assert missing == []  # the old box asked questions and never said what the learner should find


def test_what_you_should_see_is_the_comparators_own_figures(threads, posts):
    seen = [step.split("*What you should see:*")[1] for step in try_this_steps()]

    def table(measure, compare_with, platform="all"):
        board = widgets.who_speaks_dashboard(threads, posts)
        board.measure.value, board.compare_with.value, board.platform.value = measure, compare_with, platform
        return board.table, board.summary.value

    def says(text, template, *values):
        expected = template.format(*values).replace("-", "−")  # the lesson writes a true minus sign
        assert expected in text, f"the step should say {expected!r}"

    def gap(row):
        return row["difference"], row["difference_low"], row["difference_high"]

    opening, summary = table("resolved", "intern")
    says(seen[0], "community managers **{:+.1f}** points, executives **{:+.1f}**, experts **{:+.1f}**",
                  *opening.loc[["community_manager", "executive", "expert"], "difference"])
    assert opening["real"].sum() == 3 and summary.count("a real difference") == 3
    mood, _ = table("recovered", "community_manager")
    says(seen[1], "the experts' **{:+.1f}** points (**{:+.1f} to {:+.1f}**) is a real difference; the "
                           "executives' **{:+.1f}** points (**{:+.1f} to {:+.1f}**) could be chance",
                  *gap(mood.loc["expert"]), *gap(mood.loc["executive"]))
    assert mood.loc["expert", "real"] and not mood.loc["executive", "real"]
    argued, _ = table("escalated", "intern")
    assert argued["rate_pct"].idxmax() == "intern"  # "the intern's bar is the tallest"
    says(seen[2], "**{:.1f} %** of the intern's threads ran to 5 or more public replies, against **{:.1f} %** "
                           "of the community managers' and **{:.1f} %** of the experts'",
                  *argued.loc[["intern", "community_manager", "expert"], "rate_pct"])
    leader, _ = table("leader", "expert")
    says(seen[3], "drew a leader **{:.1f} %** of the time and the experts' **{:.1f} %**, a difference of "
                           "**{:+.1f}** points (**{:+.1f} to {:+.1f}**) that could be chance",
                  leader.loc["executive", "rate_pct"], leader.loc["expert", "rate_pct"], *gap(leader.loc["executive"]))
    assert not leader.loc["executive", "real"]
    tiktok, _ = table("resolved", "intern", "tiktok")
    says(seen[4], "only **{}** threads for the intern, **{}** for the executives and **{}** for the experts",
                  *tiktok.loc[["intern", "executive", "expert"], "count"])
    says(seen[4], "the executives' **{:+.1f}** points (**{:+.1f} to {:+.1f}**) now could be chance",
                  *gap(tiktok.loc["executive"]))
    assert not tiktok.loc["executive", "real"] and opening.loc["executive", "real"]
    assert tiktok.loc["executive", "difference"] == pytest.approx(opening.loc["executive", "difference"], abs=1)


@pytest.mark.parametrize("projector", [False, True])
def test_the_comparators_labels_never_overlap_each_other_the_marks_or_the_edge(threads, posts, projector,
                                                                              monkeypatch):
    """Every measure on every platform: the rate above its interval, n under its bar, the axis label whole."""
    from chart_boxes import texts_on_marks, texts_outside, texts_overlapping

    monkeypatch.setenv("SOCIALKIT_PROJECTOR", "1" if projector else "0")
    board = widgets.who_speaks_dashboard(threads, posts)
    problems = {}
    for measure in ("resolved", "recovered", "escalated", "leader"):
        for platform in ("all", "x", "linkedin", "instagram", "facebook", "tiktok"):
            board.measure.value, board.platform.value = measure, platform
            figure, ax = board._chart.figure, board.ax
            found = {"outside": texts_outside(figure), "overlapping": texts_overlapping(ax),
                     "on a bar or a line": texts_on_marks(ax)}
            if any(found.values()):
                problems[measure, platform] = found
    assert problems == {}


def test_the_label_checks_reject_the_old_placement(threads):
    """An n written on a short bar (the old chart) is caught on the bar and on its interval line."""
    import matplotlib

    matplotlib.use("Agg")
    from chart_boxes import texts_on_marks

    table = analytics.leader_engagement(data.load("brand_posts").query("brand == 'lumiere'"))
    ax = plots.rates_with_intervals(table, unit="posts")
    assert texts_on_marks(ax) == []
    ax.text(0, 1.5, f"n = {table.loc['intern', 'posts']}", ha="center", va="bottom", fontsize=8)  # the old place
    assert texts_on_marks(ax) == [f"n = {table.loc['intern', 'posts']}"]
    matplotlib.pyplot.close("all")


def test_q1s_hints_climb_from_the_move_to_the_piece_to_the_line():
    from socialkit.questions.expertise import KEEP_INTERN_COMPLAINTS, QUESTIONS

    first, piece, last = next(q for q in QUESTIONS if q.id.endswith("q1")).hints
    assert "move 2 of module 00" in first and "analytics.resolution_rate" in first
    assert "threads[" not in first and "==" not in first  # the first hint no longer gives the line away
    assert 'threads["responder_role"] == "intern"' in piece and 'threads["is_complaint"]' in piece
    assert KEEP_INTERN_COMPLAINTS not in piece
    assert f"intern_complaints_resolved = analytics.resolution_rate({KEEP_INTERN_COMPLAINTS})" in last
