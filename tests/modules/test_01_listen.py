"""Module 01's checks: each accepts the answer a learner would compute and rejects typical mistakes."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from kit import ROOT as REPO
from kit import assert_right, assert_wrong, guide_parts, verdict
from socialkit import analytics, checks, data, plots, widgets

SOLUTIONS = REPO / "solutions" / "01_listen" / "01_listen_exercises.ipynb"


# --------------------------------------------------------------------------- Q1 share of voice

def share_over(mentions, first, last, brand="lumiere"):
    """A brand's share of voice over the months first–last together, in plain pandas."""
    months = mentions["ts"].dt.month
    rows = mentions[(months >= first) & (months <= last)]
    return 100 * (rows["brand"] == brand).sum() / len(rows)


def test_q1_share_of_voice_over_april_to_june(mentions):
    answer = share_over(mentions, 4, 6)  # the pandas way
    assert_right("01_listen.q1", answer)
    assert_right("01_listen.q1", round(answer, 1))
    second_quarter = mentions[mentions["ts"].dt.quarter == 2]
    assert_right("01_listen.q1", analytics.share_of_voice(second_quarter, brand="lumiere"))  # the helper way

    assert_wrong("01_listen.q1", answer / 100, "looks like a fraction", "multiply by 100")
    assert_wrong("01_listen.q1", f"{answer:.1f}%", "% sign")
    assert_wrong("01_listen.q1", second_quarter["brand"] == "lumiere", "one number")


def test_q1_the_average_of_the_lessons_monthly_shares_is_explained(mentions):
    """Averaging April, May and June of the lesson's table is not the quarter's share: April is bigger."""
    monthly = analytics.share_of_voice(mentions, freq="M")["lumiere"].loc["2025-04-01":"2025-06-01"]
    assert len(monthly) == 3
    average = monthly.mean()
    from_the_printed_table = monthly.round(1).mean()  # what a learner types from the lesson's table
    for typed in (average, round(average, 2), round(average, 1), from_the_printed_table):
        assert_wrong("01_listen.q1", typed, "AVERAGE of the three monthly shares", "April")
    april_is_bigger = mentions[mentions["ts"].dt.month == 4]
    assert len(april_is_bigger) > 1.2 * (mentions["ts"].dt.month == 5).sum()


def test_q1_a_single_month_is_named(mentions):
    for month, name in ((4, "April"), (5, "May"), (6, "June")):
        for typed in (share_over(mentions, month, month), round(share_over(mentions, month, month), 1)):
            assert_wrong("01_listen.q1", typed, f"that is {name} alone", "April, May AND June")


def test_q1_a_wrong_period_is_named(mentions):
    assert_wrong("01_listen.q1", share_over(mentions, 1, 3), "FIRST quarter")
    assert_wrong("01_listen.q1", share_over(mentions, 7, 9), "THIRD quarter")
    assert_wrong("01_listen.q1", share_over(mentions, 10, 12), "FOURTH quarter")
    assert_wrong("01_listen.q1", share_over(mentions, 1, 6), "first HALF")
    assert_wrong("01_listen.q1", share_over(mentions, 4, 12), "stop at June")
    assert_wrong("01_listen.q1", share_over(mentions, 1, 12), "WHOLE year")
    assert_wrong("01_listen.q1", round(share_over(mentions, 1, 12), 1), "WHOLE year")


def test_q1_a_wrong_brand_or_a_count_is_named(mentions):
    assert_wrong("01_listen.q1", share_over(mentions, 4, 6, "grano"), "Grano & Co's share", 'brand="lumiere"')
    assert_wrong("01_listen.q1", round(share_over(mentions, 4, 6, "maison"), 1), "Maison Torréfaction's share")
    second_quarter = mentions[mentions["ts"].dt.quarter == 2]
    assert_wrong("01_listen.q1", float((second_quarter["brand"] == "lumiere").sum()), "NUMBER of mentions")


def test_q1_a_brand_written_as_its_display_name_is_told_how_brands_are_coded(mentions):
    second_quarter = mentions[mentions["ts"].dt.quarter == 2]
    typed = analytics.share_of_voice(second_quarter, brand="Café Lumière")  # no row has that brand: 0
    assert_wrong("01_listen.q1", typed, "brands are written lumiere, grano and maison")


def test_q1_every_brands_share_is_told_to_pick_cafe_lumiere(mentions):
    second_quarter = mentions[mentions["ts"].dt.quarter == 2]
    every_brand = analytics.share_of_voice(second_quarter)  # lumiere, grano, maison
    assert_wrong("01_listen.q1", every_brand, 'add brand="lumiere" inside the round brackets')
    assert "Reduce it to one number" not in verdict("01_listen.q1", every_brand).message


def test_q1_accepts_one_decimal_and_explains_a_whole_number(mentions):
    answer = share_over(mentions, 4, 6)
    assert_right("01_listen.q1", round(answer, 1))
    assert_wrong("01_listen.q1", float(round(answer)), "decimal place")
    assert_wrong("01_listen.q1", round(answer), "decimal place")
    grano = round(share_over(mentions, 4, 6, "grano"), 1)
    assert "close" not in verdict("01_listen.q1", grano).message  # far off is not "close"


def test_q1_right_answer_says_what_the_data_shows(mentions):
    """"Higher than January to March, but the backlash made it": both claims hold in the data."""
    answer = share_over(mentions, 4, 6)
    result = verdict("01_listen.q1", answer)
    assert result.status == "right" and "January to March" in result.message and "backlash" in result.message
    assert answer > share_over(mentions, 1, 3)
    months = {month: share_over(mentions, month, month) for month in (4, 5, 6)}
    assert max(months, key=months.get) == 4 and months[5] < share_over(mentions, 1, 3)


# --------------------------------------------------------------------------- Q2 first alert

def test_q2_first_alert_date_with_a_fair_baseline(daily):
    x = daily["grano"].astype(float)
    before = x.shift(1).rolling(7)  # the 7 days before each day
    z = (x - before.mean()) / before.std()
    alerts = z.index[(z >= 2).to_numpy()]
    first = alerts[0]
    assert_right("01_listen.q2", f"{first:%Y-%m-%d}")
    assert_right("01_listen.q2", first)  # a Timestamp is fine too
    assert_right("01_listen.q2", f" {first:%Y-%m-%d} ")

    default = analytics.spikes(daily["grano"], threshold=2)
    assert_wrong("01_listen.q2", f"{default.index[default['alert']][0]:%Y-%m-%d}", "box UNTICKED")
    assert_wrong("01_listen.q2", f"{daily['grano'].idxmax():%Y-%m-%d}", "MOST mentions")
    assert_wrong("01_listen.q2", f"{alerts[1]:%Y-%m-%d}", "not the FIRST")
    assert_wrong("01_listen.q2", f"{first:%d/%m/%Y}", "year-month-day")
    assert_wrong("01_listen.q2", f"{first.replace(year=2024):%Y-%m-%d}", "covers 2025")
    quiet_day = next(d for d in z.index[10:] if d not in alerts and d != daily["grano"].idxmax()
                     and d not in analytics.spikes(daily["lumiere"], exclude_current=True).query("alert").index)
    assert_wrong("01_listen.q2", f"{quiet_day:%Y-%m-%d}", "no alert on that day")


def test_q2_is_not_the_lessons_case_cafe_lumiere_whose_first_alert_the_dashboard_step_shows(daily, lesson_text):
    """Cold read: the lesson's Try this step showed Café Lumière's first fair alert, Q2's old answer; Q2 is Grano & Co's."""
    lumiere = analytics.spikes(daily["lumiere"], threshold=2, exclude_current=True)
    lumiere_first = lumiere.index[lumiere["alert"]][0]
    assert "With **Café Lumière** only" in lesson_text and "tick **Baseline = the 7 days before**" in lesson_text
    assert_wrong("01_listen.q2", f"{lumiere_first:%Y-%m-%d}", "Café Lumière's first alert", "tick Grano & Co only")
    grano = analytics.spikes(daily["grano"], threshold=2, exclude_current=True)
    assert lumiere_first != grano.index[grano["alert"]][0]
    notebook = json.loads(SOLUTIONS.read_text(encoding="utf-8"))
    (q2,) = ["".join(c["source"]) for c in notebook["cells"] if "### Q2" in "".join(c["source"])]
    assert "Tick **Grano & Co** only (untick *Café Lumière*)" in q2 and "*Months: Jan–Dec*" in q2
    answer = grano.index[grano["alert"]][0]
    room, _ = guide_parts("01_listen")
    for written in (f"{answer:%Y-%m-%d}", f"{answer.year}-{answer.month}-{answer.day}", f"{answer:%d/%m/%Y}"):
        assert written not in room and written not in lesson_text  # not even as a badly written example


# --------------------------------------------------------------------------- Q3 shareholders

def net_over(by_role, first, last, brand="lumiere", role="shareholder"):
    """Net sentiment over the months first–last, in plain pandas (None: any brand / any role)."""
    months = by_role["ts"].dt.month
    rows = by_role[(months >= first) & (months <= last)]
    if brand is not None:
        rows = rows[rows["brand"] == brand]
    if role is not None:
        rows = rows[rows["role"] == role]
    labels = rows["true_sentiment"].astype(str)
    return 100 * ((labels == "positive").sum() - (labels == "negative").sum()) / len(rows)


def test_q3_net_sentiment_among_shareholders_july_to_december(by_role):
    answer = net_over(by_role, 7, 12)
    assert_right("01_listen.q3", answer)
    assert_right("01_listen.q3", round(answer, 1))
    rows = by_role[(by_role["brand"] == "lumiere") & (by_role["role"] == "shareholder")
                   & (by_role["ts"].dt.month >= 7)]
    assert_right("01_listen.q3", analytics.net_sentiment(rows))  # the helper way
    assert_wrong("01_listen.q3", answer / 100, "100 times too small")


def test_q3_a_wrong_period_is_named(by_role):
    assert_wrong("01_listen.q3", net_over(by_role, 1, 12), "WHOLE year", "dt.month >= 7")
    assert_wrong("01_listen.q3", round(net_over(by_role, 1, 12), 1), "WHOLE year")
    assert_wrong("01_listen.q3", net_over(by_role, 1, 6), "FIRST half")
    assert_wrong("01_listen.q3", net_over(by_role, 8, 12), "starts in August", ">= 7")
    assert_wrong("01_listen.q3", net_over(by_role, 6, 12), "starts in June", ">= 7")
    assert_wrong("01_listen.q3", net_over(by_role, 12, 12), "December alone")
    assert_wrong("01_listen.q3", net_over(by_role, 7, 9), "July to September only", "dt.month >= 7")
    assert_wrong("01_listen.q3", round(net_over(by_role, 7, 9), 1), "July to September only")
    assert_wrong("01_listen.q3", net_over(by_role, 10, 12), "October to December only")


def test_q3_a_wrong_group_brand_or_sign_is_named(by_role):
    assert_wrong("01_listen.q3", net_over(by_role, 7, 12, role=None), "EVERYONE", "from July on")
    assert_wrong("01_listen.q3", net_over(by_role, 1, 12, role=None), "EVERYONE", "whole year")
    assert_wrong("01_listen.q3", net_over(by_role, 7, 12, brand=None), "all three brands")
    assert_wrong("01_listen.q3", -net_over(by_role, 7, 12), "sign is reversed")
    assert_wrong("01_listen.q3", net_over(by_role, 7, 12, brand="grano"), "Grano & Co's shareholders")
    assert_wrong("01_listen.q3", round(net_over(by_role, 7, 12, brand="grano"), 1), "Grano & Co's shareholders")
    assert_wrong("01_listen.q3", net_over(by_role, 7, 12, brand="maison"), "Maison Torréfaction's shareholders")
    assert_wrong("01_listen.q3", net_over(by_role, 1, 12, brand=None), "all three brands over the whole year")


def test_q3_a_plural_role_is_told_roles_are_singular(by_role):
    rows = by_role[(by_role["brand"] == "lumiere") & (by_role["role"] == "shareholders")
                   & (by_role["ts"].dt.month >= 7)]  # no rows
    typed = analytics.net_sentiment(rows)
    assert_wrong("01_listen.q3", typed, "no rows", "written in the singular", '"shareholder"')


def test_q3_net_sentiment_for_every_role_is_told_to_filter_first(by_role):
    rows = by_role[(by_role["brand"] == "lumiere") & (by_role["ts"].dt.month >= 7)]
    every_role = analytics.net_sentiment(rows, by="role")
    assert_wrong("01_listen.q3", every_role, 'role "shareholder"', "without by=")


def test_q3_right_answer_says_what_the_data_shows(by_role):
    """"Warmed up; the slightly negative whole year hides a sour first half": all true in the data."""
    result = verdict("01_listen.q3", net_over(by_role, 7, 12))
    assert result.status == "right" and "first half" in result.message and "slightly below zero" in result.message
    assert net_over(by_role, 1, 6) < net_over(by_role, 1, 12) < 0 < net_over(by_role, 7, 12)
    assert net_over(by_role, 1, 12) > -5  # "slightly"


# --------------------------------------------------------------------------- Q4 multiple choice

# --------------------------------------------------------------------------- Q5 rising topic

def topic_change(mentions, brand="lumiere", topic="sustainability", current=(10, 12), previous=(1, 3)):
    """A topic's change in share (points) among a brand's posts (None: all), in plain pandas."""
    rows = mentions if brand is None else mentions[mentions["brand"] == brand]
    months = rows["ts"].dt.month

    def share(first, last):
        period = rows[(months >= first) & (months <= last)]
        return 100 * (period["topic"] == topic).sum() / len(period)

    return share(*current) - share(*previous)


def lumiere_trends(mentions, **periods):
    """The helper way: analytics.rising_topics on Café Lumière's posts, Q4 against Q1 unless told."""
    dates = {"start": "2025-10-01", "end": "2025-12-31", "previous_start": "2025-01-01",
             "previous_end": "2025-03-31", **periods}
    return analytics.rising_topics(mentions[mentions["brand"] == "lumiere"], dates.pop("start"),
                                   dates.pop("end"), **dates)


def test_q5_sustainability_change_among_cafe_lumieres_posts(mentions):
    answer = topic_change(mentions)
    assert_right("01_listen.q5", answer)
    assert_right("01_listen.q5", round(answer, 1))
    trends = lumiere_trends(mentions)
    assert_right("01_listen.q5", trends.loc["sustainability", "change_pts"])  # the helper way
    assert_wrong("01_listen.q5", answer / 100, "100 times too small")
    assert_wrong("01_listen.q5", f"{answer:.1f}", "Remove the quotes")
    assert_wrong("01_listen.q5", trends, 'TABLE.loc["sustainability", "change_pts"]')
    assert_wrong("01_listen.q5", trends["change_pts"], 'TABLE.loc["sustainability", "change_pts"]')


def test_q5_typical_mistakes_are_named(mentions):
    answer = topic_change(mentions)
    trends = lumiere_trends(mentions)
    named = [
        (topic_change(mentions, brand=None), "WHOLE market"),
        (round(topic_change(mentions, brand=None), 1), "WHOLE market"),
        (topic_change(mentions, brand="grano"), "Grano & Co's posts"),
        (topic_change(mentions, brand="maison"), "Maison Torréfaction's posts"),
        (topic_change(mentions, topic="app_order"), "ordering through an app"),
        (-answer, "sign is reversed"),
        (trends.loc["sustainability", "share_current_pct"], "IN Q4 alone"),
        (trends.loc["sustainability", "share_previous_pct"], "in Q1 alone"),
        (trends.loc["sustainability", "lift"], "RATIO"),
        (float(trends.loc["sustainability", "mentions_current"] - trends.loc["sustainability", "mentions_previous"]),
         "NUMBER of posts"),
        (float(trends.loc["sustainability", "mentions_current"]), "NUMBER of posts about sustainability in Q4"),
        (topic_change(mentions, previous=(7, 9)), "quarter just before it"),
        (analytics.rising_topics(mentions[mentions["brand"] == "lumiere"], "2025-10-01", "2025-12-31")
         .loc["sustainability", "change_pts"], "previous_start="),  # the dates before left out
        (topic_change(mentions, previous=(4, 6)), "April to June"),
        (topic_change(mentions, current=(7, 9)), "stops at September"),
        (topic_change(mentions, current=(7, 12), previous=(1, 6)), "HALVES"),
    ]
    for value, fragment in named:
        assert_wrong("01_listen.q5", value, fragment)


def test_q5_right_answer_and_question_say_what_the_data_shows(mentions):
    """"Rose by 8.3 points in the market, even more around Café Lumière": both hold in the data."""
    answer, market = topic_change(mentions), topic_change(mentions, brand=None)
    result = verdict("01_listen.q5", answer)
    assert result.status == "right" and f"rose by {market:.1f} points" in result.message
    assert "rose even more" in result.message and answer > market > 0
    notebook = json.loads(SOLUTIONS.read_text(encoding="utf-8"))
    text = "\n".join("".join(c["source"]) for c in notebook["cells"] if c["cell_type"] == "markdown")
    assert f"grew by {market:.1f} points from the first quarter of 2025 to the last" in text
    trends = analytics.rising_topics(mentions, "2025-10-01", "2025-12-31",
                                     previous_start="2025-01-01", previous_end="2025-03-31")
    assert trends.index[0] == "sustainability"  # "the fastest-rising topic of the whole market"


@pytest.mark.parametrize(("question_id", "full_rows"), [
    ("01_listen.q3", 'mentions_by_role[(mentions_by_role["brand"] == "lumiere")'),
    ("01_listen.q5", 'mentions[mentions["brand"] == "lumiere"]'),
])
def test_hints_go_one_step_at_a_time(question_id, full_rows):
    """Cold read: hint 2 gave nearly the whole line. Now: 1 the move, 2 the pieces, the last the line."""
    question = next(q for q in checks.questions_of("01_listen") if q.id == question_id)
    first, second, last = question.hints
    assert "move 2 of module 00" in first
    assert '"lumiere"' not in first and "==" not in first  # the move, not yet its condition
    assert '"brand"' in second and '"lumiere"' in second  # the pieces…
    assert full_rows not in second and "[(" not in second  # …but not the line that keeps the rows
    assert full_rows in last


def test_q5_hints_stop_one_step_short():
    question = next(q for q in checks.questions_of("01_listen") if q.id == "01_listen.q5")
    assert 2 <= len(question.hints) <= 3
    assert not any('.loc["sustainability", "change_pts"]' in hint for hint in question.hints)
    assert 'mentions[mentions["brand"] == "lumiere"]' in question.hints[-1]


@pytest.mark.parametrize(("typed", "fragment"), [
    ("2025-1-15", "two digits each, separated by dashes"),
    ("2025/01/15", "two digits each, separated by dashes"),
    ("2025.01.15", "two digits each, separated by dashes"),
    ("2025-15-01", "there is no month 15: the month comes second"),
    ("15/01/2025", "write the year first"),
    ("15-01-2025", "write the year first"),
    ("2025-02-30", "not a day of the calendar"),
    ("January 15", "not a date written year-month-day"),
    (20250115, "not a date. Type it as text in quotes"),
])
def test_q2_a_date_written_another_way_is_told_how_to_write_it(typed, fragment):
    assert_wrong("01_listen.q2", typed, fragment, '"2025-09-30"')


def test_q2_right_answer_mentions_the_minimum_rise(daily):
    fair = analytics.spikes(daily["grano"], threshold=2, exclude_current=True)
    result = verdict("01_listen.q2", f"{fair.index[fair['alert']][0]:%Y-%m-%d}")
    assert result.status == "right" and "minimum rise" in result.message


# --------------------------------------------------------------------------- all questions

# --------------------------------------------------------------------------- the solutions notebook

# --------------------------------------------------------------------------- figures quoted in the lesson

LESSON = REPO / "course" / "01_listen" / "01_listen.ipynb"


@pytest.fixture(scope="module")
def lesson_text():
    notebook = json.loads(LESSON.read_text(encoding="utf-8"))
    return "\n".join("".join(c["source"]) for c in notebook["cells"] if c["cell_type"] == "markdown")


def test_the_lessons_alert_figures_are_the_datas(lesson_text, daily):
    """Every alert figure the lesson's text quotes is computed here from the data, so none goes stale."""
    counts = daily["lumiere"]
    own = analytics.spikes(counts, threshold=2)
    fair = analytics.spikes(counts, threshold=2, exclude_current=True)
    strict = analytics.spikes(counts, threshold=3, exclude_current=True)
    assert f"z only reached {own.at[pd.Timestamp('2025-04-07'), 'z']:.2f}" in lesson_text
    own_days = [f"{d:%Y-%m-%d}" for d in own.index[own["alert"]]]
    assert own_days == ["2025-04-07", "2025-07-25"] and "(The second red circle, 25 July, is an ordinary day" in lesson_text
    assert f"z even fell to {own.at[pd.Timestamp('2025-04-08'), 'z']:.2f}" in lesson_text
    assert f"{counts.loc['2025-04-07']} mentions against about {fair.at[pd.Timestamp('2025-04-07'), 'baseline_mean']:.0f} a day" in lesson_text
    assert f"{(7 - 1) / 7 ** 0.5:.2f}" in lesson_text
    assert f"({strict.at[pd.Timestamp('2025-04-07'), 'z']:.2f} on 7 April)" in lesson_text
    assert f"**{int(fair['alert'].sum())} alerts** in the year instead of {int(own['alert'].sum())}" in lesson_text
    assert f"leaves **{int(strict['alert'].sum())}**" in lesson_text
    alert_days = strict.index[strict["alert"]]
    ordinary = [d for d in alert_days if d.month != 4]
    assert len(ordinary) == 3 and "(7 May, 19 June, 25 July)" in lesson_text
    assert [f"{d:%d %m}" for d in ordinary] == ["07 05", "19 06", "25 07"]
    week_before = counts.loc["2025-07-18":"2025-07-24"]
    assert f"{counts.loc['2025-07-25']} mentions came after a week that stayed between {week_before.min()} and {week_before.max()}" in lesson_text
    assert strict.at[pd.Timestamp("2025-07-25"), "baseline_sd"] < 3 and "under 3 mentions" in lesson_text
    assert f"z reached {strict.at[pd.Timestamp('2025-07-25'), 'z']:.2f}" in lesson_text
    doubled = strict.index[strict["count"] >= 2 * strict["baseline_mean"]]
    assert [f"{d:%Y-%m-%d}" for d in doubled] == ["2025-04-07", "2025-04-08"]
    assert "only 7 and 8 April pass it" in lesson_text


def test_the_lessons_group_topic_and_rival_figures_are_the_datas(lesson_text, mentions, by_role):
    lumiere = by_role[by_role["brand"] == "lumiere"]
    journalists = lumiere[lumiere["role"] == "journalist"]
    april = journalists["ts"].dt.month == 4
    assert f"at {analytics.net_sentiment(journalists):.0f}".replace("-", "−") in lesson_text  # typeset minus
    assert (f"journalists wrote {int(april.sum())} posts about us, net "
            f"{analytics.net_sentiment(journalists[april]):.0f}").replace("-", "−") in lesson_text
    assert abs(analytics.net_sentiment(journalists[~april])) < 1 and "neutral (about 0)" in lesson_text
    per_day = analytics.daily_volume(by_role[by_role["role"] == "journalist"])["lumiere"]
    assert per_day.median() == 2 and f"on 8 April there were {per_day.loc['2025-04-08']}" in lesson_text
    leaders = by_role[by_role["role"] == "industry_leader"]
    nets = [analytics.net_sentiment(leaders[leaders["brand"] == b]) for b in ("lumiere", "grano", "maison")]
    assert f"about +{min(nets):.0f} to +{max(nets):.0f}" in lesson_text

    trends = analytics.rising_topics(mentions, "2025-10-01", "2025-12-31",
                                     previous_start="2025-01-01", previous_end="2025-03-31")
    change = trends["change_pts"]
    assert f"**Sustainability** (+{change['sustainability']:.1f} points)" in lesson_text
    assert f"**ordering through an app** (+{change['app_order']:.1f} points)" in lesson_text
    assert f"**coffee quality fell by {-change['coffee_quality']:.1f} points** (and service by {-change['service']:.1f})" in lesson_text
    quality = trends.loc["coffee_quality"]
    assert f"({int(quality['mentions_current']):,} in Q4 against {int(quality['mentions_previous']):,} in Q1)" in lesson_text

    recent = mentions[mentions["ts"] >= "2025-10-01"]
    sov = analytics.share_of_voice(recent[recent["topic"].isin(["sustainability", "app_order"])])
    assert f"Grano & Co gets {sov['grano']:.0f} % of the posts about sustainability and app ordering; we get {sov['lumiere']:.0f} %" in lesson_text


# --------------------------------------------------------------------------- answers that must be worked out

GUIDE = REPO / "facilitator" / "01_listen.md"
ANSWERS_HEADING = "### Answers (for you only: never project them or hand them out)"


def test_the_guides_answers_are_the_datas(mentions, by_role, daily):
    """The facilitator-only answers section quotes what the checks compute, so it cannot go stale."""
    _, answers = guide_parts("01_listen")
    sov = share_over(mentions, 4, 6)
    monthly = analytics.share_of_voice(mentions, freq="M")["lumiere"].loc["2025-04-01":"2025-06-01"]
    assert f"**Q1:** {sov:.1f} %" in answers and f"monthly shares gives {monthly.mean():.1f}" in answers
    assert f"January–March ({share_over(mentions, 1, 3):.1f} %)" in answers
    assert share_over(mentions, 5, 6) < share_over(mentions, 1, 3)  # "only because of the backlash"
    net = net_over(by_role, 7, 12)
    assert f"**Q3:** {net:+.1f}" in answers
    assert f"against {net_over(by_role, 1, 6):.1f} from January to June".replace("-", "−") in answers
    assert "whole-year figure (" + f"{net_over(by_role, 1, 12):.1f})".replace("-", "−") in answers
    fair = analytics.spikes(daily["grano"], exclude_current=True)
    first = fair.index[fair["alert"]][0]
    assert f"**Q2:** {first:%Y-%m-%d}" in answers
    assert (f"({daily['grano'].loc[first]} mentions\n  against about {fair.at[first, 'baseline_mean']:.0f} a day the "
            "week before)") in answers
    assert "**Q4:** B" in answers and checks.evaluate("01_listen.q4", "B").status == "right"
    change = topic_change(mentions)
    trends = analytics.rising_topics(mentions[mentions["brand"] == "lumiere"], "2025-10-01", "2025-12-31",
                                     previous_start="2025-01-01", previous_end="2025-03-31")
    shares = trends.loc["sustainability", ["share_previous_pct", "share_current_pct"]]
    assert f"**Q5:** {change:+.1f} points" in answers
    assert f"went from {shares.iloc[0]:.1f} %\n  in January–March to {shares.iloc[1]:.1f} % in October–December" in answers
    assert f"the whole market's +{topic_change(mentions, brand=None):.1f}" in answers


# --------------------------------------------------------------------------- the exercise notebook's text


def test_exercises_tell_how_to_ask_for_hints_and_that_run_all_carries_on():
    """Second review, items 2, 3 and 12: hints in a new cell; check cells tagged raises-exception; no 'your agency'."""
    notebook = json.loads(SOLUTIONS.read_text(encoding="utf-8"))
    text = "\n".join("".join(c["source"]) for c in notebook["cells"] if c["cell_type"] == "markdown")
    assert "Click **+** to add a new cell under the answer cell" in text
    assert "A question you leave unanswered simply scores 0" in text
    assert "your listening agency" not in text.lower() and "A listening agency pitching for your account" in text


def test_q4_option_b_is_not_copied_from_the_lesson(lesson_text):
    notebook = json.loads(SOLUTIONS.read_text(encoding="utf-8"))
    (q4,) = ["".join(c["source"]) for c in notebook["cells"] if "### Q4" in "".join(c["source"])]
    option_b = q4.split("- **B.**")[1].split("\n")[0]
    words = option_b.lower().replace(",", "").replace(".", "").split()
    phrases = {" ".join(words[i:i + 5]) for i in range(len(words) - 4)}
    lesson = lesson_text.lower().replace("*", "").replace(",", "")
    assert [p for p in phrases if p in lesson] == []  # no five words in a row taken from the lesson




def test_the_lessons_competitor_sentiment_and_story_figures_are_the_datas(lesson_text, mentions, by_role):
    """Figures added when the lesson was re-balanced (cold read, items 4, 8 and 12): each is the data's."""
    news = mentions[(mentions["brand"] == "grano") & (mentions["topic"] == "business_news")]
    opening = int(news["text"].str.contains("to open two more cafés|va ouvrir deux cafés").sum())  # both languages
    prices = int(news["text"].str.contains("raising coffee prices by 4%|augmente le prix du café de 4 %").sum())
    assert f"**opening cafés** ({opening} posts say so this year, in French and English" in lesson_text
    assert f"**raising its prices by 4 %** ({prices} posts)" in lesson_text

    from socialkit import sentiment

    sample = mentions.sample(3000, random_state=1).copy()
    sample["auto"] = sentiment.label_series(sample["text"], sample["lang"])
    negative = sample[sample["true_sentiment"] == "negative"]
    caught, flipped = (negative["auto"] == "negative").mean() * 100, (negative["auto"] == "positive").mean() * 100
    assert f"called only {caught:.0f} % negative — and {flipped:.0f} % *positive*" in lesson_text
    assert round((100 - caught) / 10) == 6 and "misses about 6 complaints in 10" in lesson_text

    lumiere = by_role[by_role["brand"] == "lumiere"]
    daily_net = analytics.net_sentiment(lumiere, freq="D")
    weekly = analytics.net_sentiment(lumiere, freq="W")
    assert f"from about +{weekly.loc['2025-03-31']:.0f} the week before" in lesson_text
    assert f"to {daily_net.loc['2025-04-08']:.0f} on 8 April".replace("-", "−") in lesson_text
    assert daily_net.idxmin() == pd.Timestamp("2025-04-08")
    back = daily_net.loc["2025-04-08":]
    assert back[back > 0].index[0] == pd.Timestamp("2025-04-12") and "back above zero by 12 April" in lesson_text
    assert weekly.loc["2025-04-14"] > 0.8 * weekly.loc["2025-03-31"]  # "at its usual level the week after"
    journalists = analytics.net_sentiment(lumiere[lumiere["role"] == "journalist"], freq="W")
    assert (journalists.loc["2025-04-14":"2025-05-12"] < 0).sum() >= 3 and journalists.loc["2025-05-19"] > 0
    assert "below zero in most weeks until mid-May" in lesson_text
    posts = data.load("brand_posts")
    apology = posts[(posts["author_role"] == "executive") & posts["text"].str.startswith("We got it wrong")]
    assert f"{apology['ts'].min():%d %B}".lstrip("0") == "8 April" and "the day the CEO apologised" in lesson_text


def test_the_try_this_steps_set_dates_in_whole_months(lesson_text):
    """Cold read: the 365-position Dates slider became a Months slider; every step names it, none the old one."""
    steps = [line for line in lesson_text.splitlines() if line.startswith(("> 1.", "> 2.", "> 3.", "> 4."))]
    assert len(steps) == 4
    assert "Dates" not in lesson_text
    assert all("**Months" in step for step in steps), "each step states every setting it needs"
    assert "drag both ends of **Months** to **Apr**" in steps[2]
    board = widgets.listen_dashboard(data.load("mentions"), data.load("accounts"))
    april = next(value for label, value in board.months.options if label == "Apr")
    board.months.value = (april, april)
    assert len(board.table) == 30 and "the chart now shows the 30 days of April" in steps[2]


def test_the_lesson_names_the_topic_charts_colours_as_drawn(lesson_text):
    """Cold read: rises and falls are blue and orange, not green and red, and the words say so."""
    import matplotlib.colors as mcolors

    ax = plots.rising_topics(pd.Series({"sustainability": 8.3, "coffee_quality": -5.5}))
    rise, fall = (bar.get_facecolor() for bar in ax.patches)
    assert mcolors.same_color(rise, plots.CHANGE_COLORS["rise"]) and mcolors.same_color(fall, plots.CHANGE_COLORS["fall"])
    assert "a blue bar is a topic whose share rose, an orange bar one whose share fell" in lesson_text
    assert "green" not in lesson_text.lower()
