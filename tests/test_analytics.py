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


def test_spikes_rejects_a_table():
    with pytest.raises(TypeError, match="one series"):
        a.spikes(pd.DataFrame({"x": [1, 2]}))


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


def test_rising_topics_default_previous_window_and_minimum(tiny_mentions):
    # current = 03-03 (1 day) → previous defaults to 03-02, which is empty
    out = a.rising_topics(tiny_mentions, "2025-03-03", "2025-03-03", min_mentions=2)
    assert list(out.index) == ["service"]
    assert out.loc["service", "mentions_previous"] == 0
