"""The listening dashboard, built in Python on the sample data: every control changes what it shows."""

from __future__ import annotations

import base64

import matplotlib

matplotlib.use("Agg")

import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from socialkit import analytics, widgets  # noqa: E402



@pytest.fixture()
def board(mentions, accounts):
    return widgets.listen_dashboard(mentions, accounts)


def chart_png(board) -> bytes:
    """The PNG bytes the dashboard's Output widget currently shows."""
    (output,) = board.chart.outputs
    return base64.b64decode(output["data"]["image/png"])


def test_it_opens_on_cafe_lumiere_volume_with_its_alerts(board, daily):
    assert list(board.table.columns) == ["lumiere"]
    pd.testing.assert_series_equal(board.table["lumiere"], daily["lumiere"].astype(float),
                                   check_names=False, check_freq=False)
    expected = analytics.spikes(daily["lumiere"], threshold=2)
    assert list(board.alerts["date"]) == list(expected.index[expected["alert"]])
    assert board.alerts["date"].iloc[0] == pd.Timestamp("2025-04-07")
    assert "first on <b>Mon 07 Apr 2025</b>" in board.summary.value
    assert chart_png(board).startswith(b"\x89PNG")


def test_ticking_a_brand_adds_its_curve_and_unticking_all_empties_the_chart(board, daily):
    board.brand_boxes["grano"].value = True
    assert list(board.table.columns) == ["lumiere", "grano"]
    assert board.table["grano"].tolist() == daily["grano"].astype(float).tolist()
    assert board.ax.get_legend_handles_labels()[1][:2] == ["Café Lumière", "Grano & Co"]

    board.brand_boxes["lumiere"].value = False
    board.brand_boxes["grano"].value = False
    assert board.table.empty and board.alerts.empty
    assert "Tick at least one brand" in board.summary.value
    assert board.chart.outputs == ()


def test_who_speaks_keeps_only_that_stakeholder_group(board, mentions, accounts):
    by_role = analytics.with_author_role(mentions, accounts)
    journalists = analytics.daily_volume(by_role[by_role["role"] == "journalist"])["lumiere"]
    everyone_total = board.table["lumiere"].sum()

    board.group.value = "journalist"

    assert board.table["lumiere"].sum() == journalists.sum() < everyone_total
    assert board.table["lumiere"].loc["2025-04-08"] == journalists.loc["2025-04-08"]
    assert "mentions by journalists" in board.ax.get_title()


def test_months_narrow_the_table_and_the_alerts(board):
    april = pd.Timestamp("2025-04-01")
    board.months.value = (april, april)

    assert board.table.index.min() == pd.Timestamp("2025-04-01")
    assert board.table.index.max() == pd.Timestamp("2025-04-30")
    assert len(board.table) == 30
    assert list(board.alerts["date"]) == [pd.Timestamp("2025-04-07")]  # the July alert is outside


def test_the_date_range_is_set_in_whole_months_not_in_365_day_positions(board):
    """Cold read: a slider of 365 days was fiddly to set by hand; twelve months are not."""
    assert board.months.description == "Months"
    assert [label for label, _ in board.months.options] == [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    assert board.date_range == (pd.Timestamp("2025-01-01"), pd.Timestamp("2025-12-31"))

    board.months.value = (pd.Timestamp("2025-02-01"), pd.Timestamp("2025-03-01"))

    assert board.date_range == (pd.Timestamp("2025-02-01"), pd.Timestamp("2025-03-31"))  # to the END of March
    assert len(board.table) == 28 + 31


def test_months_of_an_export_over_two_years_name_their_year(mentions):
    late = mentions[mentions["ts"] >= "2025-11-15"].copy()
    early_next_year = late[late["ts"] < "2025-12-10"].copy()
    early_next_year["ts"] = early_next_year["ts"] + pd.DateOffset(months=2)  # 15 January to 9 February 2026
    board = widgets.listen_dashboard(pd.concat([late, early_next_year]))

    assert [label for label, _ in board.months.options] == ["Nov 2025", "Dec 2025", "Jan 2026", "Feb 2026"]
    assert board.date_range == (pd.Timestamp("2025-11-15"), pd.Timestamp("2026-02-09"))  # the data's own ends


def test_metric_net_sentiment_shows_percent_positive_minus_negative_without_alerts(board, mentions):
    """Alerts mean something on Volume only (cold read, item 11): on net sentiment none is drawn or counted."""
    board.metric.value = "net_sentiment"

    lumiere = mentions[mentions["brand"] == "lumiere"]
    expected = analytics.net_sentiment(lumiere, freq="D")
    expected.index = expected.index.rename("day")
    assert board.table["lumiere"].dropna().round(9).tolist() == expected.round(9).tolist()
    assert board.table["lumiere"].loc["2025-04-08"] < -40  # the backlash drags it far below zero
    assert board.alerts.empty and "alert" not in board.title()
    assert "Alerts are computed on <b>Volume</b> only" in board.summary.value
    assert board.threshold.disabled and board.exclude_today.disabled  # the alert controls are greyed out
    assert board.ax.get_ylabel().startswith("net sentiment")
    assert not [line for line in board.ax.get_lines() if line.get_label().startswith("alert")]
    board.metric.value = "volume"
    assert not board.threshold.disabled and not board.alerts.empty


def test_metric_share_of_voice_divides_by_all_three_brands(board, mentions):
    board.metric.value = "share_of_voice"

    expected = analytics.share_of_voice(mentions, freq="D")["lumiere"]
    assert board.table["lumiere"].round(9).tolist() == expected.round(9).tolist()
    assert board.table["lumiere"].between(0, 100).all()
    assert board.ax.get_ylabel() == "share of voice (%)"


def test_raising_the_threshold_removes_alerts_and_changes_the_chart(board):
    before = chart_png(board)
    assert len(board.alerts) == 2

    board.threshold.value = 3.0

    assert board.alerts.empty
    assert board.summary.value.startswith("<b>No alert</b>")
    assert "3.0 standard deviations" in board.summary.value
    assert chart_png(board) != before


def test_leaving_the_day_out_of_its_baseline_finds_more_spikes(board, daily):
    board.exclude_today.value = True

    expected = analytics.spikes(daily["lumiere"], threshold=2, exclude_current=True)
    assert list(board.alerts["date"]) == list(expected.index[expected["alert"]])
    assert len(board.alerts) > 10
    backlash = board.alerts.set_index("date").loc["2025-04-07", "z"]
    assert backlash > 20  # the backlash now stands out clearly


def test_the_summary_says_which_baseline_is_used(board):
    """The line under the controls reads differently with the box ticked or not."""
    assert "(baseline includes the day itself)" in board.summary.value
    board.exclude_today.value = True
    assert "(baseline = the 7 days before)" in board.summary.value
    assert "includes the day" not in board.summary.value


def test_without_accounts_the_group_filter_is_disabled(mentions):
    board = widgets.listen_dashboard(mentions)
    assert board.group.disabled and board.group.options == (("everyone", "all"),)
    assert len(board.table) == 365


def test_bad_input_gets_a_clear_error(mentions):
    with pytest.raises(KeyError, match="lacks true_sentiment"):
        widgets.listen_dashboard(mentions.drop(columns="true_sentiment"))
    with pytest.raises(ValueError, match="Unknown brand"):
        widgets.listen_dashboard(mentions, brands=("starbucks",))
    with pytest.raises(ValueError, match="empty"):
        widgets.listen_dashboard(mentions.iloc[:0])


def test_one_brand_written_as_text_is_that_brand_not_its_letters(mentions):
    """brands="grano" (no brackets) must tick Grano, not fail with "Unknown brand(s) g, r, a, n, o"."""
    board = widgets.listen_dashboard(mentions, brands="grano")
    assert board.selected_brands == ["grano"]


def test_try_this_journalists_volume_shows_the_april_spike_against_a_normal_day(board, mentions, accounts):
    """The lesson's "Try this" step 3: Volume + journalists answers "how many on 8 April vs a normal day"."""
    by_role = analytics.with_author_role(mentions, accounts)
    journalists = analytics.daily_volume(by_role[by_role["role"] == "journalist"])["lumiere"]

    board.group.value = "journalist"

    per_day = board.table["lumiere"]
    assert per_day.median() == journalists.median()
    assert per_day.idxmax() == pd.Timestamp("2025-04-08") and per_day.max() == journalists.max()
    assert per_day.max() > 10 * per_day.median()  # a clear spike on the chart, unlike daily net sentiment


def test_try_this_fair_baseline_then_threshold_3_keeps_the_backlash_and_a_few_ordinary_days(board, daily):
    """"Try this" step 2: the summary counts the fair-baseline alerts; at 3.0 the backlash stays, with a few others."""
    fair = analytics.spikes(daily["lumiere"], threshold=2, exclude_current=True)
    strict = analytics.spikes(daily["lumiere"], threshold=3, exclude_current=True)

    board.exclude_today.value = True
    assert f"<b>{int(fair['alert'].sum())} alert(s)</b>" in board.summary.value

    board.threshold.value = 3.0

    assert list(board.alerts["date"]) == list(strict.index[strict["alert"]])
    assert {pd.Timestamp("2025-04-07"), pd.Timestamp("2025-04-08")} <= set(board.alerts["date"])
    assert 0 < (board.alerts["date"].dt.month != 4).sum() < len(board.alerts)


def test_a_kept_chart_shows_only_the_current_view(board):
    """The dashboard redraws on the same axes (faster): nothing of the previous view may stay behind."""
    board.brand_boxes["grano"].value = True
    board.metric.value = "net_sentiment"
    board.metric.value = "volume"
    board.brand_boxes["grano"].value = False
    labels = [line.get_label() for line in board.ax.get_lines()]
    assert labels.count("Café Lumière") == 1 and "Grano & Co" not in labels
    assert len(board.ax.get_legend().get_texts()) == len(set(labels))
    low, high = board.ax.get_ylim()
    assert low >= -30 and high < 1.2 * board.table["lumiere"].max()  # not net sentiment's −100…+100 any more
    board.reset()
    assert board.metric.value == "volume" and board.selected_brands == ["lumiere"]
