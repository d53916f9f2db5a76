"""Every metric in socialkit.analytics against small examples worked out by hand."""

import math

import numpy as np
import pandas as pd
import pytest

from socialkit import analytics as a

BRANDS = ["lumiere", "grano", "maison"]


def utc(*stamps):
    return pd.to_datetime(list(stamps), utc=True)


@pytest.fixture
def tiny_mentions():
    """Six mentions over three days; counts and shares below are worked out by hand."""
    return pd.DataFrame({
        "post_id": [f"M{i}" for i in range(6)],
        "ts": utc("2025-03-01T08:00:00Z", "2025-03-01T23:59:00Z", "2025-03-03T00:00:00Z",
                  "2025-03-03T12:00:00Z", "2025-03-03T13:00:00Z", "2025-03-03T14:00:00Z"),
        "author_id": ["A1", "A2", "A1", "A3", "A4", "A2"],
        "brand": pd.Categorical(["lumiere", "grano", "lumiere", "lumiere", "grano", "lumiere"],
                                categories=BRANDS),
        "topic": pd.Categorical(["coffee", "price", "coffee", "service", "service", "service"]),
        "true_sentiment": pd.Categorical(
            ["positive", "negative", "neutral", "negative", "positive", "negative"],
            categories=["positive", "neutral", "negative"]),
    })


# ---------------------------------------------------------------- daily volume

def test_daily_volume_counts_each_utc_day_and_fills_empty_days(tiny_mentions):
    vol = a.daily_volume(tiny_mentions)
    assert list(vol.columns) == BRANDS
    assert list(vol.index.strftime("%Y-%m-%d")) == ["2025-03-01", "2025-03-02", "2025-03-03"]
    assert vol.loc["2025-03-01"].tolist() == [1, 1, 0]
    assert vol.loc["2025-03-02"].tolist() == [0, 0, 0]
    assert vol.loc["2025-03-03"].tolist() == [3, 1, 0]


def test_daily_volume_total_filter_and_range(tiny_mentions):
    total = a.daily_volume(tiny_mentions, by=None, start="2025-02-28", end="2025-03-04")
    assert total.tolist() == [0, 2, 0, 4, 0]
    only = a.daily_volume(tiny_mentions, brands=["grano"])
    assert list(only.columns) == ["grano"]
    assert only["grano"].tolist() == [1, 0, 1]


def test_daily_volume_names_a_missing_column(tiny_mentions):
    with pytest.raises(KeyError, match="needs the column"):
        a.daily_volume(tiny_mentions.drop(columns="brand"))


# ---------------------------------------------------------------- spikes

def test_spikes_rolling_window_includes_the_day_itself():
    counts = pd.Series([10, 10, 10, 10, 10, 10, 24])
    out = a.spikes(counts, window=7)
    # window = six 10s and the 24: mean 12, sd = sqrt((6*4 + 144)/6) = sqrt(28)
    assert out["baseline_mean"].iloc[-1] == pytest.approx(12.0)
    assert out["baseline_sd"].iloc[-1] == pytest.approx(math.sqrt(28))
    assert out["z"].iloc[-1] == pytest.approx(12 / math.sqrt(28))  # 2.268, the ceiling for n = 7
    assert out["alert"].tolist() == [False] * 6 + [True]
    assert out["z"].iloc[:6].isna().all()


def test_spikes_shifted_baseline_uses_only_previous_days():
    counts = pd.Series([9, 11, 9, 11, 9, 11, 10, 30])
    out = a.spikes(counts, window=7, exclude_current=True)
    prior = np.array([9, 11, 9, 11, 9, 11, 10], dtype=float)
    expected = (30 - prior.mean()) / prior.std(ddof=1)
    assert out["z"].iloc[-1] == pytest.approx(expected)
    assert out["alert"].iloc[-1]
    assert out["z"].iloc[:7].isna().all()


def test_spikes_threshold_and_flat_series():
    counts = pd.Series([5, 5, 5, 5, 5, 5, 5, 6])
    out = a.spikes(counts, window=7, threshold=2.0)
    assert pd.isna(out["z"].iloc[6])  # sd = 0: no z, no alert
    assert not out["alert"].iloc[6]
    # day 8: window 5,5,5,5,5,5,6 → mean 36/7, sd = sqrt((6*(1/7)^2 + (6/7)^2)/6)
    sd = np.std([5, 5, 5, 5, 5, 5, 6], ddof=1)
    assert out["z"].iloc[7] == pytest.approx((6 - 36 / 7) / sd)
    assert out["alert"].iloc[7]  # z = 6/sqrt(7) = 2.27 ≥ 2
    strict = a.spikes(counts, window=7, threshold=2.5)
    assert not strict["alert"].any()


def test_spikes_rejects_a_table_with_advice_to_pick_one_column():
    with pytest.raises(TypeError) as info:
        a.spikes(pd.DataFrame({"x": [1, 2], "y": [3, 4]}))
    assert str(info.value) == ('spikes() needs one column of daily counts, e.g. daily_volume(mentions)["lumiere"], '
                               'not a whole table (2 rows and 2 columns): pick one column by its name.')


# ---------------------------------------------------------------- share of voice

def test_share_of_voice_overall(tiny_mentions):
    sov = a.share_of_voice(tiny_mentions)
    assert sov.to_dict() == pytest.approx({"lumiere": 400 / 6, "grano": 200 / 6, "maison": 0.0})
    assert sov.sum() == pytest.approx(100)
    assert a.share_of_voice(tiny_mentions, brand="grano") == pytest.approx(100 / 3)


def test_share_of_voice_per_period(tiny_mentions):
    sov = a.share_of_voice(tiny_mentions, freq="D")
    assert sov.loc["2025-03-01"].tolist() == [50.0, 50.0, 0.0]
    assert sov.loc["2025-03-03"].tolist() == [75.0, 25.0, 0.0]
    one = a.share_of_voice(tiny_mentions, freq="M", brand="lumiere")
    assert one.tolist() == pytest.approx([400 / 6])


# ---------------------------------------------------------------- net sentiment

def test_net_sentiment_overall_and_by_brand(tiny_mentions):
    # 2 positive, 1 neutral, 3 negative of 6 → (2 − 3) / 6 × 100
    assert a.net_sentiment(tiny_mentions) == pytest.approx(-100 / 6)
    by_brand = a.net_sentiment(tiny_mentions, by="brand")
    assert by_brand["lumiere"] == pytest.approx((1 - 2) / 4 * 100)
    assert by_brand["grano"] == pytest.approx(0.0)


def test_net_sentiment_by_period_and_group(tiny_mentions):
    table = a.net_sentiment(tiny_mentions, by="brand", freq="D")
    assert table.loc["2025-03-01", "lumiere"] == 100.0
    assert table.loc["2025-03-01", "grano"] == -100.0
    assert table.loc["2025-03-03", "lumiere"] == pytest.approx(-200 / 3)


def test_net_sentiment_ignores_missing_labels():
    df = pd.DataFrame({"true_sentiment": ["positive", None, "negative", "negative"]})
    assert a.net_sentiment(df) == pytest.approx(-100 / 3)


def test_net_sentiment_by_stakeholder_role(tiny_mentions):
    accounts = pd.DataFrame({"account_id": ["A1", "A2", "A3"],
                             "role": ["customer", "journalist", "customer"]})
    joined = a.with_author_role(tiny_mentions, accounts)
    assert len(joined) == len(tiny_mentions)
    assert joined["role"].isna().tolist() == [False, False, False, False, True, False]
    assert joined["role"].iloc[1] == "journalist"
    by_role = a.net_sentiment(joined, by="role")
    # customers: positive, neutral, negative → 0; journalists: negative, negative → −100
    assert by_role["customer"] == pytest.approx(0.0)
    assert by_role["journalist"] == pytest.approx(-100.0)


# ---------------------------------------------------------------- rising topics

def test_rising_topics_compares_shares_with_the_previous_period(tiny_mentions):
    out = a.rising_topics(tiny_mentions, "2025-03-03", "2025-03-03",
                          previous_start="2025-03-01", previous_end="2025-03-02", min_mentions=1)
    # current 03-03: coffee 1, service 3 of 4; previous: coffee 1, price 1 of 2
    assert out.index[0] == "service"
    assert out.loc["service", "share_current_pct"] == pytest.approx(75.0)
    assert out.loc["service", "change_pts"] == pytest.approx(75.0)
    assert math.isinf(out.loc["service", "lift"])
    assert out.loc["coffee", "change_pts"] == pytest.approx(25.0 - 50.0)
    assert out.loc["coffee", "lift"] == pytest.approx(0.5)
    assert "price" not in out.index  # no mention this period


def test_rising_topics_shares_are_of_all_mentions_even_those_without_a_topic():
    """The docstring's share = topic mentions / ALL mentions in the period: an unlabelled post still counts."""
    mentions = pd.DataFrame({
        "ts": utc("2025-03-01T10:00Z", "2025-03-02T10:00Z", "2025-03-03T10:00Z", "2025-03-04T10:00Z",
                  "2025-03-05T10:00Z", "2025-03-06T10:00Z"),
        "topic": pd.Categorical(["price", None, "price", "price", None, "service"]),
    })
    out = a.rising_topics(mentions, "2025-03-03", "2025-03-06", previous_start="2025-03-01",
                          previous_end="2025-03-02", min_mentions=1)
    assert out.loc["price", "share_current_pct"] == pytest.approx(50.0)  # 2 of the 4 posts of 3–6 March
    assert out.loc["price", "share_previous_pct"] == pytest.approx(50.0)  # 1 of the 2 posts of 1–2 March
    assert out.loc["service", "share_current_pct"] == pytest.approx(25.0)


def test_rising_topics_default_previous_window_and_minimum(tiny_mentions):
    # current = 03-03 (1 day) → previous defaults to 03-02, which is empty
    out = a.rising_topics(tiny_mentions, "2025-03-03", "2025-03-03", min_mentions=2)
    assert list(out.index) == ["service"]
    assert out.loc["service", "mentions_previous"] == 0


# ---------------------------------------------------------------- module 02 · engagement

@pytest.fixture
def tiny_posts():
    """Three brand posts; engagements 10+5+5=20, 30+10+20=60, 0."""
    return pd.DataFrame({
        "post_id": ["B1", "B2", "B3"],
        "account_id": ["A9", "A9", "A8"],
        "post_type": ["conversation", "automated_promo", "automated_promo"],
        "reach": [200, 3000, 0],
        "impressions": [400, 5000, 10],
        "likes": [10, 30, 0],
        "shares": [5, 10, 0],
        "comments": [5, 20, 0],
        "link_clicks": [1, 40, 0],
    })


def test_engagements_sum_likes_shares_comments(tiny_posts):
    assert a.engagements(tiny_posts).tolist() == [20, 60, 0]
    assert a.engagements(tiny_posts, include_clicks=True).tolist() == [21, 100, 0]


def test_post_engagement_rates_by_reach(tiny_posts):
    rates = a.post_engagement_rates(tiny_posts)
    assert rates.iloc[0] == pytest.approx(10.0)  # 20 / 200
    assert rates.iloc[1] == pytest.approx(2.0)  # 60 / 3000
    assert pd.isna(rates.iloc[2])  # reach 0 → undefined, not 0 or inf


def test_engagement_rate_is_a_ratio_of_totals(tiny_posts):
    assert a.engagement_rate(tiny_posts) == pytest.approx(80 / 3200 * 100)
    assert a.engagement_rate(tiny_posts, per="impressions") == pytest.approx(80 / 5410 * 100)
    by_type = a.engagement_rate(tiny_posts, by="post_type")
    assert by_type["conversation"] == pytest.approx(10.0)
    assert by_type["automated_promo"] == pytest.approx(2.0)


def test_engagement_rate_by_followers_joins_accounts(tiny_posts):
    accounts = pd.DataFrame({"account_id": ["A9", "A8"], "followers": [1000, 50]})
    assert a.engagement_rate(tiny_posts, per="followers", accounts=accounts) == pytest.approx(
        80 / 2050 * 100)
    rates = a.post_engagement_rates(tiny_posts, per="followers", accounts=accounts)
    assert rates.tolist() == pytest.approx([2.0, 6.0, 0.0])
    with pytest.raises(KeyError, match="pass accounts="):
        a.engagement_rate(tiny_posts, per="followers")
    with pytest.raises(ValueError, match="per must be"):
        a.engagement_rate(tiny_posts, per="likes")


def test_kaushik_rates_per_post(tiny_posts):
    rates = a.kaushik_rates(tiny_posts)
    assert rates["conversation_rate"] == pytest.approx(25 / 3)
    assert rates["amplification_rate"] == pytest.approx(15 / 3)
    assert rates["applause_rate"] == pytest.approx(40 / 3)
    assert rates["posts"] == 3
    by_type = a.kaushik_rates(tiny_posts, by="post_type")
    assert by_type.loc["automated_promo", "applause_rate"] == pytest.approx(15.0)
    assert by_type.loc["automated_promo", "posts"] == 2


def test_answer_rate_counts_only_questions():
    df = pd.DataFrame({
        "is_question": [True, True, True, False],
        "first_response_at": pd.to_datetime(["2025-01-01T10:00Z", None, "2025-01-02T10:00Z", None]),
    })
    assert a.answer_rate(df) == pytest.approx(200 / 3)
    assert a.answer_rate(df, question_col=None) == pytest.approx(50.0)
    flags = pd.DataFrame({"is_question": [True, True], "answered": [True, False]})
    assert a.answer_rate(flags, answered_col="answered") == pytest.approx(50.0)


@pytest.fixture
def influence_data():
    mentions = pd.DataFrame({
        "author_id": ["big", "big", "small", "mid", "mid"],
        "likes": [1, 0, 50, 5, 5],
        "shares": [0, 1, 30, 2, 2],
        "replies": [0, 0, 10, 1, 1],
        "text": ["hi", "hello @small", "great @small @MID", "hey @small", "ok"],
    })
    accounts = pd.DataFrame({
        "account_id": ["big", "small", "mid"],
        "handle": ["big", "small", "mid"],
        "followers": [1_000_000, 300, 5_000],
    })
    return mentions, accounts


def test_influencer_score_is_not_follower_count(influence_data):
    mentions, accounts = influence_data
    by_followers = a.influencer_score(mentions, accounts, method="followers")
    assert list(by_followers.index) == ["big", "mid", "small"]
    by_engagement = a.influencer_score(mentions, accounts)
    assert list(by_engagement.index) == ["small", "mid", "big"]
    assert by_engagement.loc["small", "score"] == 90
    assert by_engagement.loc["mid", "engagement_per_post"] == pytest.approx(8.0)
    assert by_engagement["rank"].tolist() == [1, 2, 3]
    by_shares = a.influencer_score(mentions, accounts, method="amplification")
    assert by_shares.loc["mid", "score"] == 4
    by_mentions = a.influencer_score(mentions, accounts, method="mentions")
    assert by_mentions.loc["small", "score"] == 3
    assert by_mentions.loc["mid", "score"] == 1  # @MID matches case-insensitively
    assert by_mentions.loc["big", "score"] == 0


def test_influencer_score_filters_and_rejects_unknown_method(influence_data):
    mentions, accounts = influence_data
    top = a.influencer_score(mentions, accounts, min_followers=1000, min_posts=2)
    assert list(top.index) == ["mid", "big"]
    with pytest.raises(ValueError, match="method must be one of"):
        a.influencer_score(mentions, accounts, method="klout")


# ---------------------------------------------------------------- module 03 · customer care

@pytest.fixture
def tiny_threads():
    """Five threads: answered after 0.5 h, 1 h, 3 h, 30 h, and one never answered."""
    opened = pd.Timestamp("2025-05-05T09:00:00Z")
    hours = [0.5, 1, 3, 30, None]
    return pd.DataFrame({
        "thread_id": [f"T{i}" for i in range(5)],
        "opened_at": [opened] * 5,
        "first_response_at": pd.to_datetime(
            [opened + pd.Timedelta(hours=h) if h is not None else pd.NaT for h in hours], utc=True),
        "platform": ["x", "x", "facebook", "facebook", "x"],
        "moved_to_private": [True, False, True, False, False],
        "resolved": [True, False, True, True, False],
        "sentiment_before": [-0.8, -0.5, -0.6, -0.2, -0.9],
        "sentiment_after": [0.4, -0.7, 0.2, 0.0, -1.0],
    })


def test_response_hours_and_rate(tiny_threads):
    h = a.response_hours(tiny_threads)
    assert h.iloc[:4].tolist() == pytest.approx([0.5, 1, 3, 30])
    assert pd.isna(h.iloc[4])
    assert a.response_rate(tiny_threads) == pytest.approx(80.0)
    by = a.response_rate(tiny_threads, by="platform")
    assert by["x"] == pytest.approx(200 / 3)
    assert by["facebook"] == pytest.approx(100.0)


def test_first_response_time_median_and_p90(tiny_threads):
    out = a.first_response_time(tiny_threads)
    assert out["median_hours"] == pytest.approx(2.0)  # median of 0.5, 1, 3, 30
    # p90 by linear interpolation: position 0.9*3 = 2.7 → 3 + 0.7*(30-3) = 21.9
    assert out["p90_hours"] == pytest.approx(21.9)
    assert out["answered"] == 4
    by = a.first_response_time(tiny_threads, by="platform")
    assert by.loc["facebook", "median_hours"] == pytest.approx(16.5)


def test_sla_compliance_counts_unanswered_as_missed(tiny_threads):
    out = a.sla_compliance(tiny_threads)
    assert out["within_1h_pct"] == pytest.approx(40.0)  # 0.5 h and exactly 1 h, of 5
    assert out["within_24h_pct"] == pytest.approx(60.0)
    answered_only = a.sla_compliance(tiny_threads, unanswered="exclude")
    assert answered_only["within_1h_pct"] == pytest.approx(50.0)
    assert answered_only["within_24h_pct"] == pytest.approx(75.0)
    custom = a.sla_compliance(tiny_threads, hours=4)
    assert list(custom.index) == ["within_4h_pct"]
    assert custom.iloc[0] == pytest.approx(60.0)
    with pytest.raises(ValueError, match="unanswered must be"):
        a.sla_compliance(tiny_threads, unanswered="ignore")


def test_private_share_and_resolution_rates(tiny_threads):
    assert a.private_share(tiny_threads) == pytest.approx(50.0)  # 2 of 4 answered
    assert a.resolution_rate(tiny_threads) == pytest.approx(60.0)
    assert a.resolution_rate(tiny_threads, answered_only=True) == pytest.approx(75.0)
    split = a.resolution_public_vs_private(tiny_threads)
    assert list(split.index) == ["public", "private"]
    assert split["private"] == pytest.approx(100.0)
    assert split["public"] == pytest.approx(50.0)  # T1 unresolved, T3 resolved; T4 unanswered left out


def test_sentiment_change_after_reply(tiny_threads):
    out = a.sentiment_change(tiny_threads)
    assert out["before"] == pytest.approx((-0.8 - 0.5 - 0.6 - 0.2) / 4)
    assert out["after"] == pytest.approx((0.4 - 0.7 + 0.2 + 0.0) / 4)
    assert out["change"] == pytest.approx((1.2 - 0.2 + 0.8 + 0.2) / 4)
    assert out["threads"] == 4
    everyone = a.sentiment_change(tiny_threads, answered_only=False)
    assert everyone["threads"] == 5
    assert everyone["change"] == pytest.approx((1.2 - 0.2 + 0.8 + 0.2 - 0.1) / 5)


def test_backlash_half_life_interpolates_the_crossing():
    # baseline 10; peak excess 80 at day 5; excess 60, 30 → half (40) crossed between
    # day 1 and day 2 after the peak: 1 + (60 − 40) / (60 − 30) = 1.667 days
    counts = pd.Series([10, 10, 12, 8, 10, 90, 70, 40, 20, 10])
    assert a.backlash_half_life(counts) == pytest.approx(1 + 20 / 30)
    # a slower decay has a longer half-life
    slow = pd.Series([10, 10, 12, 8, 10, 90, 85, 75, 60, 45, 20])
    assert a.backlash_half_life(slow) == pytest.approx(3 + 10 / 15)


def test_backlash_half_life_edge_cases():
    never = pd.Series([10, 10, 10, 50, 49, 48])
    assert math.isnan(a.backlash_half_life(never))
    with pytest.raises(ValueError, match="days before the peak"):
        a.backlash_half_life(pd.Series([90, 10, 10]))
    dated = pd.Series([10, 10, 90, 95, 30], index=pd.date_range("2025-04-01", periods=5))
    # peak given as the first day of the spike: excess 80 → 40 crossed between 95-10=85 and 20
    assert a.backlash_half_life(dated, peak=pd.Timestamp("2025-04-03")) == pytest.approx(
        1 + (85 - 40) / (85 - 20))


# ---------------------------------------------------------------- the wrong kind of input

PROGRAMMER_WORDS = ("Series", "DataFrame", "dtype", "ndarray", "AttributeError", "object has no attribute")

# every function a learner calls on a table (listed by @metric), with the table's name in the course;
# the wrong first argument is refused before any other argument is looked at, so one call fits all
TABLE_FUNCTIONS = [(name, tables[0], lambda f, t: f(t)) for name, tables in a.METRIC_TABLES.items()
                   if tables not in (("counts",), ("flags",))]


def test_every_public_function_is_a_metric_with_plain_words_advice():
    """A new metric without @metric would skip the plain-words advice: every public function carries it."""
    helpers = {"metric", "period_start",
               "word_rule"}  # makes a rule from a list of words (no table); its advice: tests/modules/test_08_trust.py
    public = [n for n in dir(a) if not n.startswith("_") and callable(getattr(a, n)) and n[0].islower()]
    assert sorted(set(public) - helpers) == sorted(a.METRICS)
    assert len(TABLE_FUNCTIONS) >= 19


def assert_plain(message):
    """The message speaks of tables and columns, never of the programmer's names for them."""
    for word in PROGRAMMER_WORDS:
        assert word not in message, message


@pytest.mark.parametrize(("name", "table", "call"), TABLE_FUNCTIONS, ids=[f[0] for f in TABLE_FUNCTIONS])
def test_a_condition_instead_of_rows_gets_the_table_condition_advice(tiny_mentions, name, table, call):
    condition = tiny_mentions["ts"].dt.month == 3  # the condition itself, not the rows it keeps
    with pytest.raises(TypeError) as info:
        call(getattr(a, name), condition)
    assert str(info.value) == (f"{name}() needs rows of the table, not a column of True/False. To keep the "
                               f"rows where a condition is True, write {table}[ condition ].")
    assert info.value._render_traceback_() == [f"TypeError: {info.value}"]  # one line in Jupyter


@pytest.mark.parametrize(("name", "table", "call"), TABLE_FUNCTIONS, ids=[f[0] for f in TABLE_FUNCTIONS])
def test_one_column_instead_of_the_table_is_refused_in_plain_words(tiny_mentions, name, table, call):
    with pytest.raises(TypeError) as info:
        call(getattr(a, name), tiny_mentions["true_sentiment"])
    message = str(info.value)
    assert message == (f"{name}() needs rows of the table, not one column of it ('true_sentiment'). Give it "
                       f"the whole table, e.g. {table}, or some of its rows: {table}[ condition ].")
    assert_plain(message)


@pytest.mark.parametrize(
    ("value", "described"),
    [
        (3, "a whole number (3)"),
        ("mentions", "text in quotes ('mentions')"),
        (None, "nothing (an empty value)"),
        ([1, 2], "a list of 2 values in square brackets"),
        (True, "True/False (True)"),
        ({"a": 1}, "a dictionary of 1 entry in curly brackets"),
    ],
)
@pytest.mark.parametrize(("name", "table", "call"), TABLE_FUNCTIONS, ids=[f[0] for f in TABLE_FUNCTIONS])
def test_a_value_that_is_not_a_table_is_named_in_plain_words(name, table, call, value, described):
    with pytest.raises(TypeError) as info:
        call(getattr(a, name), value)
    assert str(info.value) == f"{name}() needs a table such as {table}, not {described}."
    assert_plain(str(info.value))


def test_a_grouped_table_is_refused_with_advice(tiny_mentions):
    with pytest.raises(TypeError, match=r"share_of_voice\(\) needs a table such as mentions, not a table split "
                                        r"into groups \(after \.groupby\): give the table itself\."):
        a.share_of_voice(tiny_mentions.groupby("brand", observed=True))


def test_with_author_role_and_influencer_score_check_the_accounts_table_too(tiny_mentions):
    is_fan = pd.Series([True, False])
    for function in (a.with_author_role, a.influencer_score):
        with pytest.raises(TypeError, match=r"not a column of True/False\. To keep the rows where a condition "
                                            r"is True, write accounts\[ condition \]\."):
            function(tiny_mentions, is_fan)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (pd.Series([True, False, True]), "not a column of True/False."),
        (pd.Series(["a", "b"]), "(numbers), e.g. daily_volume(mentions)[\"lumiere\"], not a column of text."),
        (pd.DataFrame({"lumiere": [1, 2]}), "not a whole table (2 rows and 1 column): pick one column by its name."),
        (5, "not a whole number (5)."),
    ],
)
@pytest.mark.parametrize("function", [a.spikes, a.backlash_half_life], ids=["spikes", "backlash_half_life"])
def test_count_functions_want_one_column_of_numbers(function, value, message):
    with pytest.raises(TypeError) as info:
        function(value)
    assert str(info.value).startswith(f"{function.__name__}() needs one column of daily counts")
    assert str(info.value).endswith(message), str(info.value)
    assert_plain(str(info.value))


def test_the_rows_a_condition_keeps_are_accepted(tiny_mentions):
    march = tiny_mentions[tiny_mentions["ts"].dt.month == 3]
    assert a.share_of_voice(march, brand="lumiere") == pytest.approx(100 * 4 / 6)
    assert a.net_sentiment(march) == pytest.approx(100 * (2 - 3) / 6)


@pytest.mark.slow
def test_the_wrong_input_shows_as_one_plain_line_in_a_real_kernel(tmp_path):
    """In Jupyter the learner sees the advice in one line, not a pandas traceback ending in AttributeError."""
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [nbformat.v4.new_code_cell(
        "from socialkit import data, analytics\n"
        "mentions = data.load('mentions')\n"
        "analytics.share_of_voice(mentions['ts'].dt.quarter == 2, brand='lumiere')")]
    NotebookClient(nb, timeout=60, kernel_name="python3", allow_errors=True,
                   resources={"metadata": {"path": str(tmp_path)}}).execute()
    (error,) = nb.cells[0].outputs
    assert error.output_type == "error"
    assert error.traceback == ["TypeError: share_of_voice() needs rows of the table, not a column of True/False. "
                               "To keep the rows where a condition is True, write mentions[ condition ]."]
