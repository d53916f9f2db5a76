"""The chart helpers draw what they are given on the axes they are given, with labelled units."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.colors as mcolors  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from socialkit import plots  # noqa: E402


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def _days(n=10):
    return pd.date_range("2025-04-10", periods=n, freq="D", name="day")


def test_volume_with_alerts_draws_one_line_per_brand_and_marks_alert_days():
    daily = pd.DataFrame({"lumiere": range(10), "grano": [5] * 10}, index=_days())
    alerts = pd.DataFrame({"date": [pd.Timestamp("2025-04-14")], "brand": ["lumiere"]})
    fig, ax = plt.subplots()

    returned = plots.volume_with_alerts(daily, alerts, ax=ax, threshold=2)

    assert returned is ax
    labels = [line.get_label() for line in ax.get_lines()]
    assert labels == ["Café Lumière", "Grano & Co", "alert on Café Lumière"]  # whose alert it is
    lumiere, grano, alert = ax.get_lines()
    assert mcolors.same_color(lumiere.get_color(), plots.BRAND_COLORS["lumiere"])
    assert mcolors.same_color(grano.get_color(), plots.BRAND_COLORS["grano"])
    assert mcolors.same_color(alert.get_markerfacecolor(), plots.BRAND_COLORS["lumiere"])  # filled with its brand
    assert list(alert.get_ydata()) == [4]  # the lumiere value on 14 April, not grano's 5
    assert ax.get_ylabel() == "mentions per day"
    assert "1 alert day" in ax.get_title() and "z ≥ 2" in ax.get_title()
    assert ax.get_xlabel() == "day (2025)"


def test_a_year_of_days_is_labelled_with_month_names_not_a_bare_year():
    days = pd.date_range("2025-01-01", "2025-12-31", freq="D", name="day")
    daily = pd.Series(range(len(days)), index=days, name="lumiere")

    ax = plots.volume_with_alerts(daily, [days[-1]])
    ax.figure.canvas.draw()

    ticks = [t.get_text() for t in ax.get_xticklabels()]
    assert ticks[0] == "Jan" and "Jul" in ticks
    assert not any(t.isdigit() and len(t) == 4 for t in ticks), ticks  # no "2025" or "2026"
    assert ticks.count("Jan") == 1  # no tick for January of the following year
    assert ax.get_xlabel() == "day (2025)"


def test_volume_with_alerts_accepts_a_series_and_a_list_of_dates_and_makes_its_own_figure():
    daily = pd.Series([10.0, -20.0, 30.0], index=_days(3), name="lumiere")

    ax = plots.volume_with_alerts(daily, ["2025-04-11"], metric="net_sentiment")

    assert ax.figure is not None
    (alert,) = [line for line in ax.get_lines() if line.get_label() == "alert"]
    assert list(alert.get_ydata()) == [-20.0]
    assert ax.get_ylabel().startswith("net sentiment")
    assert "0 alert" not in ax.get_title()


def test_volume_with_alerts_rejects_an_unknown_metric_with_the_choices():
    with pytest.raises(ValueError, match="volume, net_sentiment, share_of_voice"):
        plots.volume_with_alerts(pd.Series([1, 2], index=_days(2)), metric="likes")


def test_share_of_voice_overall_bars_carry_brand_colours_and_percent_labels():
    sov = pd.Series({"lumiere": 50.0, "grano": 30.0, "maison": 20.0})

    ax = plots.share_of_voice(sov)

    heights = [bar.get_height() for bar in ax.patches]
    assert heights == [50.0, 30.0, 20.0]
    assert mcolors.same_color(ax.patches[2].get_facecolor(), plots.BRAND_COLORS["maison"])
    assert [t.get_text() for t in ax.texts] == ["50.0%", "30.0%", "20.0%"]
    assert "%" in ax.get_ylabel()


def test_share_of_voice_per_month_stacks_to_100():
    months = pd.DatetimeIndex(["2025-03-01", "2025-04-01"], name="period")
    sov = pd.DataFrame({"lumiere": [40.0, 70.0], "grano": [40.0, 20.0], "maison": [20.0, 10.0]},
                       index=months)

    ax = plots.share_of_voice(sov)

    assert len(ax.patches) == 6
    tops = {}
    for bar in ax.patches:
        x = round(bar.get_x(), 3)
        tops[x] = max(tops.get(x, 0), bar.get_y() + bar.get_height())
    assert sorted(tops.values()) == [100.0, 100.0]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["Mar 2025", "Apr 2025"]
    assert ax.get_xlabel() == "month"


def test_net_sentiment_by_group_bars_span_minus_100_to_100():
    table = pd.DataFrame({"lumiere": [20.0, -40.0], "grano": [10.0, 5.0]},
                         index=pd.Index(["customer", "journalist"], name="role"))

    ax = plots.net_sentiment_by_group(table)

    widths = sorted(bar.get_width() for bar in ax.patches)
    assert widths == [-40.0, 5.0, 10.0, 20.0]
    assert ax.get_xlim() == (-100, 100)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["customers", "journalists"]
    assert "% positive − % negative" in ax.get_xlabel()


def test_sentiment_confusion_counts_agreements_per_cell():
    human = ["positive", "positive", "negative", "neutral"]
    tool = ["positive", "negative", "negative", "positive"]

    ax = plots.sentiment_confusion(human, tool)

    texts = [t.get_text() for t in ax.texts]
    assert texts[0] == "1\n(50%)"  # positive row, positive column
    assert texts[2] == "1\n(50%)"  # positive labelled by a human, scored negative
    assert "50% agree" in ax.get_title()
    assert ax.get_ylabel().startswith("human label")
    assert "share of the human-label row" in ax.get_xlabel()  # the % are row shares, and it says so


def test_rising_topics_shows_every_topic_rises_and_falls_in_plain_words():
    growth = pd.Series({"app_order": 5.6, "sustainability": 8.3, "service": -2.7,
                        "coffee_quality": -5.5, "jobs": -0.5})

    ax = plots.rising_topics(growth)

    assert [t.get_text() for t in ax.get_yticklabels()] == [
        "sustainability", "ordering through an app", "jobs", "service", "coffee quality"]
    assert [bar.get_width() for bar in ax.patches] == [8.3, 5.6, -0.5, -2.7, -5.5]
    falls = [bar for bar in ax.patches if bar.get_width() < 0]
    rises = [bar for bar in ax.patches if bar.get_width() >= 0]
    assert all(mcolors.same_color(bar.get_facecolor(), plots.CHANGE_COLORS["fall"]) for bar in falls)
    assert all(mcolors.same_color(bar.get_facecolor(), plots.CHANGE_COLORS["rise"]) for bar in rises)
    assert "percentage points" in ax.get_xlabel()
    assert ax.get_title() == "Change in each topic's share of all mentions"


def test_rising_topics_tells_rises_from_falls_without_red_and_green():
    """Cold read: red against green is lost on about 8 % of men; rises are blue and falls orange (Okabe & Ito)."""
    import colorsys

    ax = plots.rising_topics(pd.Series({"sustainability": 8.3, "coffee_quality": -5.5}))

    rise, fall = (mcolors.to_rgb(bar.get_facecolor()) for bar in ax.patches)
    hue = {name: colorsys.rgb_to_hsv(*rgb)[0] * 360 for name, rgb in (("rise", rise), ("fall", fall))}
    assert 190 <= hue["rise"] <= 250, "a rise is blue"
    assert 15 <= hue["fall"] <= 45, "a fall is orange, not red (hue near 0) or green (near 120)"
    for rgb in (rise, fall):
        assert not mcolors.same_color(rgb, plots.SENTIMENT_COLORS["positive"])
        assert not mcolors.same_color(rgb, plots.SENTIMENT_COLORS["negative"])


def test_rising_topics_top_keeps_the_largest_changes_either_way():
    growth = pd.Series({"intern post": 12.0, "oat milk": 3.0, "prices": -1.0, "wifi": -9.0})

    ax = plots.rising_topics(growth, top=3, xlabel="change in share (percentage points)")

    assert [t.get_text() for t in ax.get_yticklabels()] == ["intern post", "oat milk", "wifi"]
    assert [bar.get_width() for bar in ax.patches] == [12.0, 3.0, -9.0]
    assert ax.get_xlabel() == "change in share (percentage points)"


def test_rising_topics_refuses_a_whole_table_and_names_the_column_to_pick():
    with pytest.raises(TypeError, match="change_pts"):
        plots.rising_topics(pd.DataFrame({"change_pts": [1.0]}, index=["jobs"]))


def test_in_words_shows_codes_as_the_charts_name_them_without_programmers_labels():
    table = pd.DataFrame({"lumiere": [1.0, 2.0], "grano": [3.0, 4.0]},
                         index=pd.Index(["industry_leader", "customer"], name="role"))
    table.columns.name = "brand"
    shown = plots.in_words(table)
    assert list(shown.columns) == ["Café Lumière", "Grano & Co"]
    assert list(shown.index) == ["industry leaders", "customers"]
    assert shown.index.name is None and shown.columns.name is None
    assert "role" not in shown.to_string() and "brand" not in shown.to_string()
    assert list(table.columns) == ["lumiere", "grano"]  # the original is left alone


def test_in_words_turns_a_column_into_a_one_column_table_without_dtype_line():
    column = pd.Series([37.0, 57.6], index=pd.CategoricalIndex(["lumiere", "grano"], name="brand"),
                       name="share_of_voice_pct")
    shown = plots.in_words(column, "share of voice (%)")
    assert list(shown.columns) == ["share of voice (%)"]
    assert list(shown.index) == ["Café Lumière", "Grano & Co"]
    assert "dtype" not in repr(shown) and "share_of_voice_pct" not in repr(shown)
    languages = plots.in_words(pd.Series([60.0, 40.0], index=pd.Index(["en", "fr"], name="lang")))
    assert list(languages.index) == ["English", "French"]


def test_in_words_refuses_what_is_not_a_table():
    with pytest.raises(TypeError, match="needs a table or a column"):
        plots.in_words([1, 2, 3])


def test_whole_numbers_stay_whole_by_one_rule_in_the_panel_and_in_words():
    from socialkit.vocab import whole_if_whole
    from socialkit.widgets.own_data import _rounded

    gaps = pd.Series([32.0, None, 4.0])
    assert whole_if_whole(gaps).tolist() == [32, pd.NA, 4] and str(whole_if_whole(gaps).dtype) == "Int64"
    for kept in (pd.Series([32.5, 4.0]), pd.Series([None, None], dtype=float), pd.Series(["a", None]),
                 pd.Series([2.0 ** 60])):
        assert whole_if_whole(kept) is kept  # a fraction, no figure at all, text, a float past exact integers
    table = pd.DataFrame({"posts": [32.0, None, 4.0], "rate": [1.25, None, 2.0]})
    in_panel, in_words = _rounded(table, 1), plots.in_words(table)
    assert in_panel.iloc[:, 0].tolist() == [32, pd.NA, 4] and in_words.iloc[:, 0].tolist() == [32, "—", 4]
    assert all(type(v) is int for v in in_words.iloc[[0, 2], 0])  # shown "32", not "32.0"
    assert in_panel.iloc[[0, 2], 1].tolist() == [1.2, 2.0] and in_words.iloc[:, 1].tolist() == [1.25, "—", 2.0]


def test_the_outcomes_labels_give_the_mood_change_a_true_minus_sign():
    fig, ax = plt.subplots()
    table = pd.DataFrame({"resolved_pct": [81.4, 12.0], "sentiment_change": [0.25, -0.4], "public_replies": [1.0, 3.0]},
                         index=["moved to private", "never answered"])
    plots.outcomes_by_channel(table, ax)
    labels = [t.get_text() for t in ax.texts]
    assert labels == ["81 % resolved · mood +0.25\n1 public reply (median), by anyone",
                      "12 % resolved · mood −0.40\n3 public replies (median), none by the team"]
