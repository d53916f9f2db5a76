"""Module 02's metrics, dashboards, checks and quoted figures, each against a computation written out here."""

from __future__ import annotations

import base64

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from kit import ROOT as REPO  # noqa: E402
from kit import (  # noqa: E402
    assert_quotes, assert_right, assert_wrong, code_text, guide_parts, markdown_text, notebook, verdict,
)
from socialkit import analytics, checks, data, plots, widgets  # noqa: E402

LESSON = REPO / "course" / "02_speak" / "02_speak.ipynb"
SOLUTIONS = REPO / "solutions" / "02_speak" / "02_speak_exercises.ipynb"


@pytest.fixture(scope="module")
def brand_posts():
    return data.load("brand_posts")


@pytest.fixture(scope="module")
def threads():
    return data.load("threads")


@pytest.fixture(scope="module")
def lumiere(brand_posts):
    return brand_posts[brand_posts["brand"] == "lumiere"]


@pytest.fixture(scope="module")
def lesson_text():
    return markdown_text(notebook(LESSON))


# --------------------------------------------------------------------------- plain-pandas oracles


def engaged(rows):
    """likes + shares + comments of each row."""
    return rows["likes"] + rows["shares"] + rows["comments"]


def followers_of(rows, accounts):
    """The posting account's followers for each row."""
    return rows["account_id"].map(accounts.set_index("account_id")["followers"])


def rate(rows, accounts=None, per="reach"):
    """Σ engagements ÷ Σ audience × 100."""
    audience = followers_of(rows, accounts) if per == "followers" else rows[per]
    return 100 * engaged(rows).sum() / audience.sum()


def rows_of(posts, brand=None, post_type=None, platform=None):
    """Posts of one brand / kind / platform (None: all)."""
    keep = pd.Series(True, index=posts.index)
    for column, value in (("brand", brand), ("post_type", post_type), ("platform", platform)):
        if value is not None:
            keep &= posts[column] == value
    return posts[keep]


def answered_pct(rows):
    """Share of rows with a first response, in %."""
    return 100 * rows["first_response_at"].notna().sum() / len(rows)


def per_post(posts):
    """Mean engagements per post of each kind."""
    return engaged(posts).groupby(posts["post_type"].astype(str)).mean()


def author_totals(mentions, accounts):
    """Each author's posts and engagements received, with handle, role and followers."""
    drew = mentions.assign(eng=mentions["likes"] + mentions["shares"] + mentions["replies"])
    table = drew.groupby("author_id").agg(posts=("eng", "size"), engagements=("eng", "sum"), shares=("shares", "sum"),
                                          replies=("replies", "sum"))
    return table.join(accounts.set_index("account_id")[["handle", "role", "followers"]])


# --------------------------------------------------------------------------- metrics


def test_engagement_rates_by_reach_and_by_followers_are_ratios_of_totals(brand_posts, accounts):
    by_reach = analytics.engagement_rate(brand_posts, by="brand")
    by_followers = analytics.engagement_rate(brand_posts, per="followers", accounts=accounts, by="brand")
    for brand in ("lumiere", "grano", "maison"):
        rows = brand_posts[brand_posts["brand"] == brand]
        assert by_reach[brand] == pytest.approx(rate(rows))
        assert by_followers[brand] == pytest.approx(rate(rows, accounts, "followers"))


def test_reach_rate_links_the_two_engagement_rates(brand_posts, accounts):
    reached = analytics.reach_rate(brand_posts, accounts=accounts, by="brand")
    for brand in ("lumiere", "grano", "maison"):
        rows = brand_posts[brand_posts["brand"] == brand]
        assert reached[brand] == pytest.approx(100 * rows["reach"].sum() / followers_of(rows, accounts).sum())
        assert rate(rows, accounts, "followers") == pytest.approx(rate(rows) * reached[brand] / 100)
    lumiere = brand_posts[brand_posts["brand"] == "lumiere"]
    assert analytics.reach_rate(lumiere, accounts=accounts) == pytest.approx(reached["lumiere"])


def test_reach_rate_needs_the_followers_and_says_how_to_give_them(brand_posts):
    with pytest.raises(analytics.MissingColumn) as info:
        analytics.reach_rate(brand_posts)
    assert "pass accounts=accounts" in str(info.value)
    assert info.value._render_traceback_() == [f"KeyError: {info.value}"]  # one line in Jupyter
    assert not str(info.value).startswith("'")


def test_kaushik_rates_are_comments_shares_and_likes_per_post(lumiere):
    table = analytics.kaushik_rates(lumiere, by="post_type")
    for kind, rows in lumiere.groupby(lumiere["post_type"].astype(str)):
        assert table.loc[kind, "conversation_rate"] == pytest.approx(rows["comments"].sum() / len(rows))
        assert table.loc[kind, "amplification_rate"] == pytest.approx(rows["shares"].sum() / len(rows))
        assert table.loc[kind, "applause_rate"] == pytest.approx(rows["likes"].sum() / len(rows))
        assert table.loc[kind, "posts"] == len(rows)


def test_answer_rate_by_group_and_quarter(threads):
    table = analytics.answer_rate(threads, by="is_complaint", freq="Q")
    quarter = threads["opened_at"].dt.quarter
    for (period, complaint), value in table.items():
        rows = threads[(quarter == period.quarter) & (threads["is_complaint"] == complaint)]
        assert value == pytest.approx(answered_pct(rows))
    assert len(table) == 8
    questions = threads[~threads["is_complaint"]]
    assert analytics.answer_rate(questions) == pytest.approx(answered_pct(questions))
    by_category = analytics.answer_rate(questions, by="category")
    allergy = questions[questions["category"] == "allergy_info"]
    assert by_category["allergy_info"] == pytest.approx(answered_pct(allergy))


def test_answer_rate_refuses_an_unknown_grouping_column_in_plain_words(threads):
    with pytest.raises(analytics.MissingColumn, match=r"by= names column\(s\) the table does not have \(topic\)"):
        analytics.answer_rate(threads, by="topic")


def test_expected_engagements_adds_posts_times_each_kinds_average(lumiere):
    average = per_post(lumiere)
    assert analytics.expected_engagements(lumiere, {"automated_promo": 14}) == pytest.approx(14 * average["automated_promo"])
    swap = {"automated_promo": -6, "conversation": 3, "expertise": 3}
    assert analytics.expected_engagements(lumiere, swap) == pytest.approx(
        -6 * average["automated_promo"] + 3 * average["conversation"] + 3 * average["expertise"])
    assert analytics.expected_engagements(lumiere, {"reply": 2.5}) == pytest.approx(2.5 * average["reply"])
    assert analytics.expected_engagements(lumiere, automated_promo=-6, conversation=3, expertise=3) == \
        pytest.approx(analytics.expected_engagements(lumiere, swap))  # the plan written as settings works too
    with pytest.raises(analytics.WrongSetting, match="needs a plan written as a dictionary"):
        analytics.expected_engagements(lumiere)


@pytest.mark.parametrize(("plan", "fragment"), [
    ("automated_promo", "needs a plan written as a dictionary in curly brackets"),
    ({}, "needs a plan written as a dictionary in curly brackets"),
    (["automated_promo", 3], "needs a plan written as a dictionary"),
    ({"promotion": 3}, "The plan names 'promotion', which is not a kind of post in these rows. The kinds are: "
                       "'automated_promo'"),
    ({"automated_promo": "3"}, "In the plan, 'automated_promo' needs a number of posts (e.g. 3, or -6 to drop six), "
                               "not '3'"),
    ({"automated_promo": True}, "needs a number of posts"),
])
def test_a_wrong_plan_is_refused_in_one_plain_sentence(lumiere, plan, fragment):
    with pytest.raises(analytics.WrongSetting) as info:
        analytics.expected_engagements(lumiere, plan)
    assert fragment in str(info.value)
    assert info.value._render_traceback_() == [f"ValueError: {info.value}"]


def test_the_engagement_metrics_refuse_another_table_in_plain_words(threads, mentions, accounts):
    with pytest.raises(analytics.MissingColumn) as info:
        analytics.engagement_rate(threads)
    assert str(info.value).startswith("engagement_rate() needs the column(s) likes, shares, comments, reach of "
                                      "the brand_posts table")
    assert "Give it brand_posts, or some of its rows: brand_posts[ condition ]." in str(info.value)
    with pytest.raises(analytics.MissingColumn, match="answer_rate"):
        analytics.answer_rate(mentions.drop(columns=["is_question"]))
    with pytest.raises(analytics.WrongSetting, match="per must be 'reach', 'impressions' or 'followers'"):
        analytics.engagement_rate(data.load("brand_posts"), per="likes")
    with pytest.raises(analytics.WrongSetting, match="method must be one of followers, engagement"):
        analytics.influencer_score(mentions, accounts, method="klout")
    with pytest.raises(TypeError, match=r"expected_engagements\(\) needs rows of the table, not a column of "
                                        r"True/False\. To keep the rows where a condition is True, write "
                                        r"brand_posts\[ condition \]\."):
        lumiere_flag = data.load("brand_posts")["brand"] == "lumiere"
        analytics.expected_engagements(lumiere_flag, {"automated_promo": 1})


def test_influencer_score_ranks_by_what_the_audience_does(mentions, accounts):
    about_us = mentions[mentions["brand"] == "lumiere"]
    totals = author_totals(about_us, accounts)
    for method, column in (("engagement", "engagements"), ("amplification", "shares"), ("conversation", "replies")):
        table = analytics.influencer_score(about_us, accounts, method=method)
        assert table["score"].iloc[0] == totals[column].max()
        assert table.index[0] == totals[column].idxmax()
    per_post_table = analytics.influencer_score(about_us, accounts, method="engagement_per_post")
    ratio = totals["engagements"] / totals["posts"]
    assert per_post_table["score"].iloc[0] == pytest.approx(ratio.max())
    by_followers = analytics.influencer_score(about_us, accounts, method="followers")
    assert by_followers.index[0] == totals["followers"].idxmax()
    table = analytics.influencer_score(about_us, accounts, min_followers=10_000)
    assert (table["followers"] >= 10_000).all() and len(table) == int((totals["followers"] >= 10_000).sum())
    assert sorted(table["followers_rank"]) == list(range(1, len(table) + 1))
    assert table.loc[table["followers"].idxmax(), "followers_rank"] == 1


def test_compare_rankings_shows_both_top_tens_with_their_ranks(mentions, accounts):
    about_us = mentions[mentions["brand"] == "lumiere"]
    totals = author_totals(about_us, accounts)
    top_followers = set(totals["followers"].nlargest(10).index)
    top_engagement = set(totals["engagements"].nlargest(10).index)
    table = analytics.compare_rankings(about_us, accounts)
    assert set(table.index) == top_followers | top_engagement
    assert (table["rank_followers"] <= 10).sum() == 10 and (table["rank_engagement"] <= 10).sum() == 10
    assert list(table["rank_engagement"]) == sorted(table["rank_engagement"])
    assert len(top_followers & top_engagement) == 1


# --------------------------------------------------------------------------- the post-mix explorer


@pytest.fixture()
def post_mix(brand_posts, accounts):
    return widgets.post_mix_dashboard(brand_posts, accounts)


def chart_png(board) -> bytes:
    (output,) = board.chart.outputs
    return base64.b64decode(output["data"]["image/png"])


def test_the_post_mix_explorer_opens_on_cafe_lumiere_by_reach(post_mix, lumiere):
    assert list(post_mix.table.columns) == ["all"]
    for kind in ("automated_promo", "conversation", "expertise", "reply"):
        rows = lumiere[lumiere["post_type"] == kind]
        assert post_mix.table.at[kind, "all"] == pytest.approx(rate(rows))
        assert post_mix.counts.at[kind, "all"] == len(rows)
    promo, expertise = post_mix.table.at["automated_promo", "all"], post_mix.table.at["expertise", "all"]
    assert f"expertise posts do best ({expertise:.2f} %, 328 posts)" in post_mix.summary.value
    assert f"<b>{expertise / promo:.1f} times</b>" in post_mix.summary.value
    assert chart_png(post_mix).startswith(b"\x89PNG")


def test_every_control_of_the_post_mix_explorer_changes_the_view(post_mix, brand_posts, accounts):
    opening = post_mix.table.copy()
    post_mix.brand.value = "grano"
    grano = brand_posts[brand_posts["brand"] == "grano"]
    assert post_mix.table.at["conversation", "all"] == pytest.approx(rate(grano[grano["post_type"] == "conversation"]))
    post_mix.measure.value = "amplification"
    shares = grano[grano["post_type"] == "expertise"]
    assert post_mix.table.at["expertise", "all"] == pytest.approx(shares["shares"].mean())
    post_mix.measure.value = "er_followers"
    assert post_mix.table.at["reply", "all"] == pytest.approx(
        rate(grano[grano["post_type"] == "reply"], accounts, "followers"))
    post_mix.split.value = "side"
    assert list(post_mix.table.columns) == ["x", "linkedin", "instagram", "facebook", "tiktok"]
    post_mix.platform_boxes["x"].value = False
    assert "x" not in post_mix.table.columns
    post_mix.months.value = (5, 12)
    rows = grano[(grano["ts"].dt.month >= 5) & (grano["platform"] == "tiktok") & (grano["post_type"] == "expertise")]
    assert post_mix.counts.at["expertise", "tiktok"] == len(rows)
    assert "May–December 2025" in post_mix.summary.value
    post_mix.reset()
    pd.testing.assert_frame_equal(post_mix.table, opening)


def test_april_drags_the_conversation_bar_on_x(post_mix, lumiere):
    """Guide, move 3: X is the worst platform for conversation posts over the year, the best from May on."""
    post_mix.split.value = "side"
    assert post_mix.table.loc["conversation"].idxmin() == "x"
    post_mix.months.value = (5, 12)
    assert post_mix.table.loc["conversation"].idxmax() == "x"
    may_on = lumiere[(lumiere["ts"].dt.month >= 5) & (lumiere["platform"] == "x") & (lumiere["post_type"] == "conversation")]
    assert post_mix.table.at["conversation", "x"] == pytest.approx(rate(may_on))


def test_few_posts_are_flagged_and_no_platform_is_explained(post_mix):
    post_mix.brand.value = "maison"
    post_mix.split.value = "side"
    assert (post_mix.counts[["x", "linkedin", "tiktok"]] == 0).all().all()
    assert (post_mix.counts["instagram"] < 20).all()
    assert "fewer than 20 posts" in post_mix.summary.value
    hatched = [bar for bar in post_mix.ax.patches if bar.get_hatch()]
    assert len(hatched) >= 4
    for box in post_mix.platform_boxes.values():
        box.value = False
    assert post_mix.table.empty and "Tick at least one platform" in post_mix.summary.value
    assert post_mix.chart.outputs == ()


def test_the_post_mix_explorer_refuses_the_wrong_table_in_plain_words(brand_posts, mentions, accounts):
    with pytest.raises(analytics.MissingColumn, match=r"post_mix_dashboard needs the brand_posts table .* lacks "
                                                      r"post_type, comments, reach, account_id\. Use "
                                                      r'data\.load\("brand_posts"\)'):
        widgets.post_mix_dashboard(mentions, accounts)
    with pytest.raises(TypeError, match=r"post_mix_dashboard\(\) needs rows of the table, not a column of "
                                        r"True/False\. To keep the rows where a condition is True, write "
                                        r"brand_posts\[ condition \]\."):
        widgets.post_mix_dashboard(brand_posts["brand"] == "lumiere", accounts)
    with pytest.raises(ValueError, match="Unknown brand 'Lumière'; the data has lumiere, grano, maison"):
        widgets.post_mix_dashboard(brand_posts, accounts, brand="Lumière")
    board = widgets.post_mix_dashboard(brand_posts)  # no accounts: no rate by followers to offer
    assert "er_followers" not in [value for _, value in board.measure.options]


# --------------------------------------------------------------------------- the influencer finder


@pytest.fixture()
def finder(mentions, accounts):
    return widgets.influencer_dashboard(mentions, accounts)


def test_the_influencer_finder_opens_on_the_follower_ranking(finder, mentions, accounts):
    totals = author_totals(mentions[mentions["brand"] == "lumiere"], accounts)
    assert list(finder.table.index) == list(totals["followers"].nlargest(10).index)
    assert "the list most tools show" in finder.summary.value
    assert f"{len(totals):,} accounts wrote about Café Lumière" in finder.summary.value


def test_the_influencer_finder_shows_how_the_list_changes_with_the_method(finder, mentions, accounts):
    totals = author_totals(mentions[mentions["brand"] == "lumiere"], accounts)
    finder.method.value = "engagement"
    assert list(finder.table.index) == list(totals["engagements"].nlargest(10).index)
    assert finder.overlap == 1 and "<b>1 of them</b> is also in the top 10 by followers" in finder.summary.value
    assert "new in the list: @zoe.thomas74, @lcote43, @kleroy37 and 6 more" in finder.summary.value
    ranks = totals["followers"].rank(ascending=False, method="first")
    assert finder.table.loc["A01890", "followers_rank"] == ranks["A01890"] == 132  # kleroy37
    finder.min_followers.value = 10_000
    big = totals[totals["followers"] >= 10_000]
    assert list(finder.table.index) == list(big["engagements"].nlargest(10).index)
    assert f"{len(big):,} accounts with at least 10,000 followers" in finder.summary.value
    finder.group.value = "journalist"
    finder.min_followers.value = 0
    journalists = totals[totals["role"] == "journalist"]
    assert finder.table["handle"].iloc[0] == journalists.loc[journalists["engagements"].idxmax(), "handle"]
    finder.brand.value = "grano"
    assert "wrote about Grano & Co" in finder.summary.value
    finder.reset()
    assert finder.method.value == "followers" and finder.min_followers.value == 0 and finder.group.value == "all"
    assert list(finder.table.index) == list(totals["followers"].nlargest(10).index)


def test_the_influencer_finder_says_when_no_account_qualifies(finder):
    finder.group.value = "shareholder"
    finder.min_followers.value = 100_000
    assert finder.table.empty and "<b>No account</b> qualifies: no shareholders with at least 100,000 followers" \
        in finder.summary.value
    assert finder.chart.outputs == ()


def test_the_influencer_finder_refuses_the_wrong_tables_in_plain_words(mentions, accounts, brand_posts):
    with pytest.raises(analytics.MissingColumn, match=r"influencer_dashboard needs the mentions table .* Use "
                                                      r'data\.load\("mentions"\)'):
        widgets.influencer_dashboard(brand_posts, accounts)
    with pytest.raises(TypeError, match=r"influencer_dashboard\(\) needs a table such as accounts, not text in "
                                        r"quotes \('accounts'\)\."):
        widgets.influencer_dashboard(mentions, "accounts")
    with pytest.raises(ValueError, match="Unknown brand 'Grano'"):
        widgets.influencer_dashboard(mentions, accounts, brand="Grano")


def test_the_influence_scatter_counts_the_overlap_in_its_title(mentions, accounts):
    ranking = analytics.influencer_score(mentions[mentions["brand"] == "lumiere"], accounts)
    ax = plots.influence_scatter(ranking)
    assert ax.get_title() == "Followers are not influence: 1 of the top 10 by followers is in the top 10 by engagement"
    assert ax.get_xscale() == "log" and "followers" in ax.get_xlabel()
    import matplotlib.pyplot as plt

    plt.close("all")


def test_the_ranking_names_each_accounts_posts_and_the_scatter_says_who_it_leaves_out(mentions, accounts):
    """Cold read: "look at how many posts the top accounts wrote" needs the count on the chart."""
    about_us = mentions[mentions["brand"] == "lumiere"]
    ranking = analytics.influencer_score(about_us, accounts)
    posts = about_us["author_id"].value_counts()  # counted independently
    ax = plots.influencer_ranking(ranking, n=5)
    top = ranking.head(5)
    expected = [f"@{h} (#{int(r)} · {posts[a]} post{'s' if posts[a] != 1 else ''})"
                for a, h, r in zip(top.index, top["handle"], top["followers_rank"])]
    assert [t.get_text() for t in ax.get_yticklabels()][::-1] == expected
    scatter = plots.influence_scatter(ranking)
    none = int(((ranking["followers"] <= 0) | (ranking["engagements"] <= 0)).sum())
    assert none > 0 and f"; {none:,} with none not shown)" in scatter.get_legend().get_texts()[0].get_text()
    import matplotlib.pyplot as plt

    plt.close("all")


def test_post_mix_chart_aligns_counts_given_in_another_order(lumiere):
    rates = analytics.engagement_rate(lumiere, by="post_type")
    counts = lumiere["post_type"].value_counts()  # sorted by size, not in the kinds' order
    ax = plots.post_mix(rates, counts)
    labels = [t.get_text() for t in ax.texts]
    assert labels[0].endswith(f"{(lumiere['post_type'] == 'automated_promo').sum()} posts")
    assert labels[3].endswith(f"{(lumiere['post_type'] == 'reply').sum()} posts")
    import matplotlib.pyplot as plt

    plt.close("all")


# --------------------------------------------------------------------------- Q1 Grano & Co's promotions


def test_q1_grano_promotions(brand_posts, accounts):
    promos = rows_of(brand_posts, "grano", "automated_promo")
    answer = rate(promos)
    assert_right("02_speak.q1", answer)
    assert_right("02_speak.q1", round(answer, 2))
    assert_right("02_speak.q1", analytics.engagement_rate(promos))
    assert_wrong("02_speak.q1", round(answer, 1), "rounded too much", "2 decimal places")
    assert_wrong("02_speak.q1", answer / 100, "looks like a fraction")
    named = [
        (rate(rows_of(brand_posts, "lumiere", "automated_promo")), "Café Lumière's promotions"),
        (rate(rows_of(brand_posts, "maison", "automated_promo")), "Maison Torréfaction's promotions"),
        (rate(rows_of(brand_posts, None, "automated_promo")), "all THREE brands"),
        (rate(rows_of(brand_posts, "grano")), "ALL Grano & Co's posts"),
        (rate(rows_of(brand_posts, "grano", "conversation")), "conversation posts"),
        (rate(promos, accounts, "followers"), "followers of the account"),
        (rate(promos, per="impressions"), "impressions"),
        (100 * (engaged(promos) + promos["link_clicks"]).sum() / promos["reach"].sum(), "link clicks"),
    ]
    for value, fragment in named:
        assert_wrong("02_speak.q1", value, fragment)
        assert_wrong("02_speak.q1", round(value, 2), fragment)


def test_q1_right_message_holds_in_the_data(brand_posts):
    answer = rate(rows_of(brand_posts, "grano", "automated_promo"))
    ours = rate(rows_of(brand_posts, "lumiere", "automated_promo"))
    conversation = rate(rows_of(brand_posts, "grano", "conversation"))
    result = verdict("02_speak.q1", answer)
    assert f"own promotions ({ours:.2f} %)" in result.message and f"conversation posts ({conversation:.2f} %)" in result.message
    assert abs(answer - ours) < 0.1 and conversation > 4 * answer  # "about as weak"; the lead is in conversation


# --------------------------------------------------------------------------- Q2 shares per expertise post on LinkedIn


def test_q2_shares_per_expertise_post_on_linkedin(brand_posts):
    def shares(brand="lumiere", kind="expertise", platform="linkedin", column="shares"):
        rows = rows_of(brand_posts, brand, kind, platform)
        return rows[column].sum() / len(rows)

    answer = shares()
    assert_right("02_speak.q2", answer)
    assert_right("02_speak.q2", round(answer, 1))
    board = widgets.post_mix_dashboard(brand_posts)
    board.measure.value = "amplification"
    for platform in ("x", "instagram", "facebook", "tiktok"):
        board.platform_boxes[platform].value = False
    assert_right("02_speak.q2", round(float(board.table.at["expertise", "all"]), 1))  # read on the bar
    assert_wrong("02_speak.q2", shares(platform=None), "all five platforms")
    for platform, name in (("x", "X (Twitter)"), ("instagram", "Instagram"), ("facebook", "Facebook"),
                           ("tiktok", "TikTok")):
        assert_wrong("02_speak.q2", round(shares(platform=platform), 1), f"that is {name}")
    assert_wrong("02_speak.q2", shares(column="likes"), "APPLAUSE")
    assert_wrong("02_speak.q2", shares(column="comments"), "CONVERSATION rate")
    assert_wrong("02_speak.q2", shares(kind="automated_promo"), "automated promotions")
    assert_wrong("02_speak.q2", shares(kind="conversation"), "conversation posts")
    assert_wrong("02_speak.q2", shares(brand="grano"), "Grano & Co's")
    assert_wrong("02_speak.q2", rate(rows_of(brand_posts, "lumiere", "expertise", "linkedin")), "engagement rate by reach")


def test_numbers_asked_to_one_decimal_follow_one_rule(brand_posts, threads):
    """Cold read: Q2 took 75 for 75.1 (within 0.1) while Q3 refused 90 for 90.1. One decimal asked: within 0.05."""
    from socialkit.questions import speak

    shares = rows_of(brand_posts, "lumiere", "expertise", "linkedin")["shares"]
    questions = threads[~threads["is_complaint"]]
    answers = {"02_speak.q2": shares.sum() / len(shares),
               "02_speak.q3": answered_pct(questions[questions["category"] == "allergy_info"])}
    texts = {q.id: q for q in checks.questions_of("02_speak")}
    exercises = markdown_text(notebook(SOLUTIONS))
    for question_id, answer in answers.items():
        assert texts[question_id].tolerance == speak.ONE_DECIMAL == 0.05
        assert_right(question_id, round(answer, 1))
        assert_right(question_id, round(answer, 2))
        assert_wrong(question_id, round(answer), "rounded too much", "1 decimal place")  # 75 for 75.1, 90 for 90.1
        assert_wrong(question_id, round(answer, 1) + 0.1)  # the next tenth is a different reading
    assert exercises.count("to one decimal place**") >= 2 and exercises.count("is rounded too much") >= 2


def test_the_lessons_ranking_table_names_accounts_and_headings_in_words(mentions, accounts):
    """Cold read: the table comparing the two rankings showed account codes (A04803) and code names as headings."""
    about_us = mentions[mentions["brand"] == "lumiere"]
    raw = analytics.compare_rankings(about_us, accounts, first="followers", second="engagement")
    shown = plots.in_words(raw)
    assert list(shown.index) == [f"@{h}" for h in raw["handle"]]
    assert list(shown.columns) == ["who they are", "followers", "posts about the brand", "engagements received",
                                   "rank by followers", "rank by engagement received"]
    assert not any("_" in str(heading) for heading in shown.columns)
    assert shown["followers"].tolist() == raw["followers"].tolist()
    assert "plots.in_words(analytics.compare_rankings(" in code_text(notebook(LESSON))


# --------------------------------------------------------------------------- Q3 allergy questions


def test_q3_allergy_questions(threads):
    questions = threads[~threads["is_complaint"]]
    allergy = questions[questions["category"] == "allergy_info"]
    answer = answered_pct(allergy)
    assert_right("02_speak.q3", answer)
    assert_right("02_speak.q3", round(answer, 1))
    assert_wrong("02_speak.q3", answer / 100, "looks like a fraction")
    named = [
        (answered_pct(threads[threads["category"] == "allergy_info"]), "COMPLAINTS about allergies too"),
        (answered_pct(threads[threads["is_complaint"] & (threads["category"] == "allergy_info")]), "complaints about "
                                                                                                   "allergies only"),
        (answered_pct(questions), "ALL questions"),
        (answered_pct(questions[questions["category"] == "opening_hours"]), "opening hours"),
        (answered_pct(questions[questions["category"] == "loyalty_card"]), "loyalty card"),
        (100 - answer, "got NO answer"),
        (float(allergy["first_response_at"].notna().sum()), "NUMBER of answered questions"),
        (float(allergy["first_response_at"].isna().sum()), "NUMBER of allergy questions nobody answered"),
    ]
    for value, fragment in named:
        assert_wrong("02_speak.q3", value, fragment)
    typo = analytics.answer_rate(questions[questions["category"] == "allergy"])  # no rows
    assert_wrong("02_speak.q3", typo, "no rows", '"allergy_info"')


def test_q3_right_message_holds_in_the_data(threads):
    questions = threads[~threads["is_complaint"]]
    allergy = questions[questions["category"] == "allergy_info"]
    message = verdict("02_speak.q3", answered_pct(allergy)).message
    assert f"below the {answered_pct(questions):.1f} % of all questions" in message
    assert f"{int(allergy['first_response_at'].isna().sum())} customers asked about allergens" in message
    assert answered_pct(allergy) < answered_pct(questions)


# --------------------------------------------------------------------------- Q4 which journalist


def test_q4_the_options_say_what_the_data_says(mentions, accounts):
    totals = author_totals(mentions[mentions["brand"] == "lumiere"], accounts)
    journalists = totals[totals["role"] == "journalist"].copy()
    journalists["by_engagement"] = journalists["engagements"].rank(ascending=False, method="first")
    journalists["by_followers"] = journalists["followers"].rank(ascending=False, method="first")
    journalists["per_post"] = journalists["engagements"] / journalists["posts"]
    by_handle = journalists.set_index("handle")
    top = journalists.loc[journalists["engagements"].idxmax()]
    assert top["handle"] == "jleroy70" and by_handle.at["jleroy70", "by_followers"] == 2
    assert (top["followers"], top["posts"], top["engagements"]) == (27_676, 36, 8_866)
    second = journalists["engagements"].nlargest(2).iloc[1]
    assert top["engagements"] > 2 * second  # "twice as many as any other journalist's"
    assert by_handle.at["inestremblay", "by_engagement"] == 2
    assert (by_handle.at["inestremblay", "posts"], by_handle.at["inestremblay", "engagements"]) == (17, 4_249)
    biggest = journalists.loc[journalists["followers"].idxmax()]
    assert biggest["handle"] == "oliver.green89" and (biggest["followers"], biggest["posts"], biggest["engagements"]) \
        == (43_830, 4, 421) and by_handle.at["oliver.green89", "by_engagement"] == 47
    lucky = journalists.loc[journalists["per_post"].idxmax()]
    assert lucky["handle"] == "james.hughes53" and lucky["posts"] == 1 and lucky["engagements"] == 398
    assert by_handle.at["james.hughes53", "by_engagement"] == 50
    question = next(q for q in checks.questions_of("02_speak") if q.id == "02_speak.q4")
    options = question.options
    assert "43,830 followers" in options["A"] and "4 posts" in options["A"] and "421 engagements" in options["A"] \
        and "47th" in options["A"]
    assert "398 engagements" in options["B"] and "50th" in options["B"]
    assert all(f in options["C"] for f in ("27,676", "36 posts", "8,866", "2nd among journalists"))
    assert "17 posts, 4,249 engagements" in options["D"] and "2nd, not first" in options["D"]
    assert_right("02_speak.q4", "C")
    assert_wrong("02_speak.q4", "A", "biggest audience")


# --------------------------------------------------------------------------- Q5 the agency's plan


def test_q5_the_swap_is_computed_and_the_agency_plan_loses(lumiere):
    average = per_post(lumiere)
    agency = 14 * average["automated_promo"]
    swap = -6 * average["automated_promo"] + 3 * average["conversation"] + 3 * average["expertise"]
    assert agency < swap
    result = verdict("02_speak.q5", swap)
    assert result.status == "right"
    assert f"about {swap / agency:.1f} times the {agency:,.0f}" in result.message
    ratios = average[["conversation", "expertise"]] / average["automated_promo"]
    assert (ratios.round() == 5).all()  # "about five times what a promotion earns"
    assert_right("02_speak.q5", round(swap))
    assert_wrong("02_speak.q5", agency, "the AGENCY's plan")
    assert_wrong("02_speak.q5", 6 * average["automated_promo"] + 3 * average["conversation"]
                 + 3 * average["expertise"], "ADDS 6 promotions")
    assert_wrong("02_speak.q5", 3 * average["conversation"] + 3 * average["expertise"], "leaves out the 6 promotions")
    assert_wrong("02_speak.q5", swap - 3 * average["expertise"], "leaves out the 3 expertise posts")
    assert_wrong("02_speak.q5", swap - 3 * average["conversation"], "leaves out the 3 conversation posts")
    assert_wrong("02_speak.q5", swap - agency, "MORE than the agency's plan")
    assert_wrong("02_speak.q5", analytics.engagements(lumiere).sum() / 52, "ALL of today's posts")
    assert_wrong("02_speak.q5", -swap, "sign is reversed")
    assert_wrong("02_speak.q5", (1, round(swap) - 1000), f"without commas or spaces: {round(swap)}, not 1,")


def test_q5_cannot_be_answered_from_the_lesson_alone(lumiere):
    """Cold read: the lesson said which plan wins, so a True/False Q5 needed no data. Q5 now asks for the swap's figure."""
    question = next(q for q in checks.questions_of("02_speak") if q.id == "02_speak.q5")
    assert question.var == "swap_engagements"
    for guess in (False, True, "False"):
        assert verdict("02_speak.q5", guess).status == "wrong"  # the old answer scores nothing
    average = per_post(lumiere)
    swap = -6 * average["automated_promo"] + 3 * average["conversation"] + 3 * average["expertise"]
    lesson = markdown_text(notebook(LESSON)) + code_text(notebook(LESSON))
    assert f"{swap:,.0f}" not in lesson and f"{swap:.0f}" not in lesson


def test_hints_stop_one_step_short():
    q1, q3, q5 = (next(q for q in checks.questions_of("02_speak") if q.id == f"02_speak.{n}") for n in ("q1", "q3", "q5"))
    assert not any("analytics.engagement_rate(brand_posts[" in h for h in q1.hints)
    assert not any("analytics.answer_rate(questions[" in h for h in q3.hints)
    assert not any("swap_engagements = analytics" in h for h in q5.hints)  # the last hint gives the plan, not the line


# --------------------------------------------------------------------------- figures quoted in the lesson


def test_the_lessons_story_figures_are_the_datas(lesson_text, lumiere):
    promos = int((lumiere["post_type"] == "automated_promo").sum())
    assert_quotes(lesson_text, "published **{:,} posts in 2025**, about {:.0f} a week", len(lumiere), len(lumiere) / 52)
    assert_quotes(lesson_text, "**{} posts, {:.0f} % of the total**", promos, 100 * promos / len(lumiere))
    assert lumiere["post_type"].value_counts().index[0] == "automated_promo"  # "the most common kind"
    assert lumiere["account_id"].nunique() == 5
    interns = lumiere[lumiere["author_role"] == "intern"]
    assert_quotes(lesson_text, "**{} of the interns' {} posts were automated promotions**",
                  int((interns["post_type"] == "automated_promo").sum()), len(interns))
    assert_quotes(lesson_text, "one of only {} conversation posts an intern wrote all year",
                  int((interns["post_type"] == "conversation").sum()))
    joke = lumiere[lumiere["text"].str.startswith("Still ordering oat-milk")]
    assert len(joke) == 1 and joke["author_role"].iloc[0] == "intern" and joke["post_type"].iloc[0] == "conversation"


def test_the_lessons_engagement_rate_figures_are_the_datas(lesson_text, brand_posts, accounts):
    reach = {b: rate(brand_posts[brand_posts["brand"] == b]) for b in ("lumiere", "grano", "maison")}
    followers = {b: rate(brand_posts[brand_posts["brand"] == b], accounts, "followers") for b in reach}
    assert_quotes(lesson_text, "{:.2f} % for Café Lumière, {:.2f} % for Grano & Co, {:.2f} % for Maison Torréfaction",
                  reach["lumiere"], reach["grano"], reach["maison"])
    assert_quotes(lesson_text, "Grano & Co's {:.2f} % is almost twice Café Lumière's {:.2f} %", followers["grano"],
                  followers["lumiere"])
    assert 1.6 < followers["grano"] / followers["lumiere"] < 2
    assert_quotes(lesson_text, "is the worst ({:.2f} %)", followers["maison"])
    assert max(reach, key=reach.get) == "maison" and min(followers, key=followers.get) == "maison"
    reached = analytics.reach_rate(brand_posts, accounts=accounts, by="brand")
    assert_quotes(lesson_text, "reaches {:.1f} % of the account's followers on average, a Grano & Co post {:.1f} %",
                  reached["lumiere"], reached["grano"])
    assert_quotes(lesson_text, "a Maison Torréfaction post only {:.1f} %", reached["maison"])
    tiktok = analytics.reach_rate(brand_posts, accounts=accounts, by="platform")
    assert tiktok.idxmax() == "tiktok"  # "TikTok, where reach is widest"
    mix = brand_posts.groupby("brand", observed=True)["platform"].value_counts(normalize=True)
    assert mix[("grano", "tiktok")] > 1.5 * mix[("lumiere", "tiktok")] and mix[("maison", "facebook")] > 0.5


def test_the_lessons_post_mix_figures_are_the_datas(lesson_text, lumiere, accounts):
    kinds = {k: lumiere[lumiere["post_type"] == k] for k in ("automated_promo", "conversation", "expertise", "reply")}
    rates = {k: rate(rows) for k, rows in kinds.items()}
    assert_quotes(lesson_text, "**Automated promotions earn {:.2f} %: less than a quarter of what conversation posts "
                               "({:.2f} %) and expertise posts ({:.2f} %) earn.**",
                  rates["automated_promo"], rates["conversation"], rates["expertise"])
    assert rates["automated_promo"] < rates["conversation"] / 4 and rates["automated_promo"] < rates["expertise"] / 4
    assert_quotes(lesson_text, "Replies to people look fair by reach ({:.2f} %), yet by followers they fall to "
                               "{:.2f} %", rates["reply"], rate(kinds["reply"], accounts, "followers"))
    assert_quotes(lesson_text, "({:.0f} on average, against {:,.0f} for a conversation post)",
                  kinds["reply"]["reach"].mean(), kinds["conversation"]["reach"].mean())
    conversation = kinds["conversation"]
    joke = conversation[conversation["text"].str.startswith("Still ordering")].iloc[0]
    apology = conversation[conversation["text"].str.startswith("We got it wrong")].iloc[0]
    assert_quotes(lesson_text, "the intern's joke of 7 April ({:,} accounts reached, {:,} reactions)",
                  joke["reach"], int(joke["likes"] + joke["shares"] + joke["comments"]))
    assert_quotes(lesson_text, "the CEO's apology the next morning ({:,} reached, {:,} reactions)",
                  apology["reach"], int(apology["likes"] + apology["shares"] + apology["comments"]))
    assert (joke["ts"].day, apology["ts"].day) == (7, 8)
    share = (joke["reach"] + apology["reach"]) / conversation["reach"].sum()
    others = conversation.drop([joke.name, apology.name])
    assert_quotes(lesson_text, "Together they hold {:.0f} % of the reach of all conversation posts; without them the "
                               "conversation rate would be {:.2f} %", 100 * share, rate(others))
    average = per_post(lumiere)
    assert_quotes(lesson_text, "draw about {:,.0f} engagements a week", engaged(lumiere).sum() / 52)
    assert_quotes(lesson_text, "One more promotion every day should add about {:.0f} of them; one more expertise post "
                               "every day about {:,.0f}", 7 * average["automated_promo"], 7 * average["expertise"])
    assert average["expertise"] / average["automated_promo"] > 5  # "more than five times as much"


def test_the_lessons_kaushik_answer_and_influence_figures_are_the_datas(lesson_text, lumiere, threads, mentions,
                                                                       accounts):
    three = analytics.kaushik_rates(lumiere, by="post_type")
    assert_quotes(lesson_text, "{:.1f} comments per post, against {:.1f} for an automated promotion",
                  three.at["conversation", "conversation_rate"], three.at["automated_promo", "conversation_rate"])
    amplification = three["amplification_rate"]
    assert_quotes(lesson_text, "{:.1f} shares per post, about {:.0f} times a promotion's {:.1f}",
                  amplification["expertise"], amplification["expertise"] / amplification["automated_promo"],
                  amplification["automated_promo"])
    assert_quotes(lesson_text, "Promotions collect mostly likes ({:.1f} per post)", three.at["automated_promo",
                                                                                          "applause_rate"])
    assert three.loc["automated_promo", ["conversation_rate", "amplification_rate", "applause_rate"]].idxmax() == \
        "applause_rate"

    questions = threads[~threads["is_complaint"]]
    complaints = threads[threads["is_complaint"]]
    assert_quotes(lesson_text, "Café Lumière answered {:.1f} % of the {} questions customers asked in public: **{} "
                               "customers asked and never heard back.**", answered_pct(questions), len(questions),
                  int(questions["first_response_at"].isna().sum()))
    quarter = questions["opened_at"].dt.quarter
    assert_quotes(lesson_text, "from {:.1f} % of questions in the first quarter to {:.1f} % in the third",
                  answered_pct(questions[quarter == 1]), answered_pct(questions[quarter == 3]))
    assert_quotes(lesson_text, "(Complaints fare worse, {:.1f} %", answered_pct(complaints))
    promos = int((lumiere["post_type"] == "automated_promo").sum())
    assert_quotes(lesson_text, "its accounts published {} automated promotions", promos)

    totals = author_totals(mentions[mentions["brand"] == "lumiere"], accounts)
    totals["by_followers"] = totals["followers"].rank(ascending=False, method="first")
    totals["by_engagement"] = totals["engagements"].rank(ascending=False, method="first")
    both = totals[(totals["by_followers"] <= 10) & (totals["by_engagement"] <= 10)]
    assert list(both["handle"]) == ["olivia.harris58"] and "only one account (@olivia.harris58) is in both lists" \
        in lesson_text
    h = totals.set_index("handle")
    assert_quotes(lesson_text, "@manon_chevalier_2, second by followers ({:,}), wrote one post about us, which drew {} "
                               "reactions: {:.0f}th by engagement", h.at["manon_chevalier_2", "followers"],
                  int(h.at["manon_chevalier_2", "engagements"]), h.at["manon_chevalier_2", "by_engagement"])
    assert h.at["manon_chevalier_2", "by_followers"] == 2 and h.at["manon_chevalier_2", "posts"] == 1
    assert_quotes(lesson_text, "@kleroy37, with {:,} followers ({:.0f}nd by size), wrote {} posts about us and drew "
                               "{:,} reactions: {:.0f}rd", h.at["kleroy37", "followers"], h.at["kleroy37", "by_followers"],
                  h.at["kleroy37", "posts"], int(h.at["kleroy37", "engagements"]), h.at["kleroy37", "by_engagement"])


def test_the_lessons_decision_figures_are_the_datas(lesson_text, lumiere):
    weekly_promos = (lumiere["post_type"] == "automated_promo").sum() / 52
    assert round(weekly_promos) == 9 and "go down from about nine a week to three" in lesson_text


# --------------------------------------------------------------------------- the guide


def test_the_guides_dashboard_moves_are_the_datas(brand_posts, accounts, mentions, threads):
    room, _ = guide_parts("02_speak")
    lumiere = brand_posts[brand_posts["brand"] == "lumiere"]
    rates = {k: rate(lumiere[lumiere["post_type"] == k]) for k in ("automated_promo", "expertise", "reply")}
    assert_quotes(room, "expertise posts do best, {:.2f} % by reach, {:.1f} times the {:.2f} % of automated",
                  rates["expertise"], rates["expertise"] / rates["automated_promo"], rates["automated_promo"])
    grano = rows_of(brand_posts, "grano", "conversation")
    ours = rows_of(brand_posts, "lumiere", "conversation")
    assert_quotes(room, "Grano's conversation posts draw {:.1f} comments per\n     post, against {:.1f} for ours",
                  grano["comments"].mean(), ours["comments"].mean())
    x = ours[ours["platform"] == "x"]
    assert_quotes(room, "conversation posts do worst on X ({:.2f} %)", rate(x))
    assert_quotes(room, "the same bar jumps to {:.2f} %, the best of all", rate(x[x["ts"].dt.month >= 5]))
    replies = lumiere[lumiere["post_type"] == "reply"]
    assert_quotes(room, "replies fall the most ({:.2f} % by reach, {:.2f} % by\n     followers)", rate(replies),
                  rate(replies, accounts, "followers"))
    totals = author_totals(mentions[mentions["brand"] == "lumiere"], accounts)
    per = (totals["engagements"] / totals["posts"])
    assert totals.loc[per.idxmax(), "handle"] == "lvincent8" and totals.loc[per.idxmax(), "posts"] == 2
    assert "@lvincent8, wrote 2\n     posts" in room
    leaders = totals[totals["role"] == "industry_leader"].sort_values("replies", ascending=False)
    assert list(leaders["handle"][:2]) == ["hugomartinez_2", "david.smith36"]
    assert_quotes(room, "drawing most replies ({:.0f}), followed by @david.smith36, with only\n     {:,} followers but "
                        "{} posts about us", leaders["replies"].iloc[0], leaders["followers"].iloc[1],
                  leaders["posts"].iloc[1])
    questions = threads[~threads["is_complaint"]]
    assert_quotes(room, "its answer\n   rate to questions was {:.1f} %, and {} customers never got an answer",
                  answered_pct(questions), int(questions["first_response_at"].isna().sum()))
    assert_quotes(room, "@kleroy37 (16,551 followers,\n   {} posts about us)", totals.set_index("handle").at["kleroy37", "posts"])


def test_the_guides_answers_are_the_datas(brand_posts, threads, lumiere):
    _, answers = guide_parts("02_speak")
    assert_quotes(answers, "**Q1:** {:.2f} %", rate(rows_of(brand_posts, "grano", "automated_promo")))
    assert_quotes(answers, "no better than Café Lumière's {:.2f} %", rate(rows_of(brand_posts, "lumiere", "automated_promo")))
    assert_quotes(answers, "its conversation posts ({:.2f} % by reach)", rate(rows_of(brand_posts, "grano", "conversation")))
    linkedin = rows_of(brand_posts, "lumiere", None, "linkedin")
    assert_quotes(answers, "**Q2:** {:.1f} shares per expertise post on LinkedIn, against {:.1f} per automated "
                           "promotion there", linkedin[linkedin["post_type"] == "expertise"]["shares"].mean(),
                  linkedin[linkedin["post_type"] == "automated_promo"]["shares"].mean())
    allergy = threads[~threads["is_complaint"] & (threads["category"] == "allergy_info")]
    assert_quotes(answers, "**Q3:** {:.1f} % — {} of the {} allergy questions were answered, {} never",
                  answered_pct(allergy), int(allergy["first_response_at"].notna().sum()), len(allergy),
                  int(allergy["first_response_at"].isna().sum()))
    assert_quotes(answers, "(Counting complaints about allergies too gives {:.1f} %.)",
                  answered_pct(threads[threads["category"] == "allergy_info"]))
    assert "**Q4:** C (@jleroy70)" in answers and checks.evaluate("02_speak.q4", "C").status == "right"
    average = per_post(lumiere)
    swap = -6 * average["automated_promo"] + 3 * average["conversation"] + 3 * average["expertise"]
    assert_quotes(answers, "**Q5:** {:,.0f} engagements a week ({:.1f} unrounded) — the community manager's swap, "
                           "with no extra post; the agency's\n  14 promotions should add about {:.0f}: the swap brings "
                           "about {:.1f} times", swap, swap, 14 * average["automated_promo"],
                  swap / (14 * average["automated_promo"]))


def test_the_rubric_quotes_the_datas_figures(lumiere, threads, mentions, accounts):
    from socialkit import release

    rubric = release.reflection_rubric(SOLUTIONS)
    average = per_post(lumiere)
    assert_quotes(rubric, "an engagement rate by reach of {:.2f} % for automated promotions", rate(
        lumiere[lumiere["post_type"] == "automated_promo"]))
    swap = -6 * average["automated_promo"] + 3 * average["conversation"] + 3 * average["expertise"]
    assert_quotes(rubric, "(about {:.0f} more a week for the agency's 14 promotions; about {:.1f} times as many for "
                          "swapping", 14 * average["automated_promo"], swap / (14 * average["automated_promo"]))
    assert f"{swap:,.0f}" not in rubric  # Q5's answer: the rubric is shown outside the guide's answers section
    three = analytics.kaushik_rates(lumiere, by="post_type")
    assert_quotes(rubric, "(about {:.0f} per post), expertise posts get shared (about {:.0f} per post)",
                  three.at["conversation", "conversation_rate"], three.at["expertise", "amplification_rate"])
    questions = threads[~threads["is_complaint"]]
    assert_quotes(rubric, "{:.1f} % of the {} questions answered, {} customers never answered",
                  answered_pct(questions), len(questions), int(questions["first_response_at"].isna().sum()))
    assert np.isclose(5.3, round(rate(lumiere[lumiere["post_type"] == "conversation"]), 1), atol=0.06)
