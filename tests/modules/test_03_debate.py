"""Module 03's own tests: the care metrics against plain pandas, the simulator, the reply rubric in English and
French, the checks' typical mistakes, both dashboards, the figures the lesson and guide quote, and Q5's
partial credit through the real grader."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from kit import ROOT as REPO
from kit import assert_right, assert_wrong, guide_parts, hidden_outcome, hidden_points, verdict
from socialkit import analytics, checks, data, widgets
from socialkit.analytics import care, replies
from socialkit.questions import debate
from socialkit.widgets.care import DAYS
from socialkit.widgets.replies import FIRST_DRAFT

SOLUTIONS = REPO / "solutions" / "03_debate" / "03_debate_exercises.ipynb"
LESSON = REPO / "course" / "03_debate" / "03_debate.ipynb"
PARIS = "Europe/Paris"
WEEK = ("2025-04-07", "2025-04-14")


@pytest.fixture(scope="module")
def threads():
    return data.load("threads")


def waits(threads):
    """Hours from each post to its first answer (NaN: never answered), in plain pandas."""
    return (threads["first_response_at"] - threads["opened_at"]).dt.total_seconds() / 3600


def within(threads, hours):
    """% of threads answered within ``hours`` (never answered = missed), in plain pandas."""
    return 100 * (waits(threads) <= hours).sum() / len(threads)


def half_life(values: pd.Series) -> float:
    """The half-life of a spike, written out in numpy (median of 28 days before the peak; linear crossing)."""
    x = values.to_numpy(dtype=float)
    peak = int(np.nanargmax(x))
    normal = np.nanmedian(x[max(0, peak - 28):peak])
    half = (x[peak] - normal) / 2
    t = next(t for t in range(peak + 1, len(x)) if x[t] - normal <= half)
    return t - 1 - peak + (x[t - 1] - normal - half) / (x[t - 1] - x[t])


# --------------------------------------------------------------------------- the care metrics against plain pandas


def test_response_rate_time_and_sla_are_the_plain_pandas_figures(threads):
    answered = threads["first_response_at"].notna()
    assert analytics.response_rate(threads) == pytest.approx(100 * answered.mean())
    speed = analytics.first_response_time(threads)
    assert speed["median_hours"] == pytest.approx(waits(threads).dropna().median())
    assert speed["p90_hours"] == pytest.approx(np.percentile(waits(threads).dropna(), 90))
    sla = analytics.sla_compliance(threads)
    assert sla["within_1h_pct"] == pytest.approx(within(threads, 1))
    assert sla["within_24h_pct"] == pytest.approx(within(threads, 24))
    assert analytics.private_share(threads) == pytest.approx(100 * threads.loc[answered, "moved_to_private"].mean())


def test_resolution_and_sentiment_are_the_plain_pandas_figures(threads):
    answered = threads[threads["first_response_at"].notna()]
    split = analytics.resolution_public_vs_private(threads)
    assert split["private"] == pytest.approx(100 * answered[answered["moved_to_private"]]["resolved"].mean())
    assert split["public"] == pytest.approx(100 * answered[~answered["moved_to_private"]]["resolved"].mean())
    change = analytics.sentiment_change(threads)
    assert change["change"] == pytest.approx((answered["sentiment_after"] - answered["sentiment_before"]).mean())


def test_outcomes_by_channel_are_the_plain_pandas_figures(threads):
    table = analytics.outcomes_by_channel(threads)
    assert list(table.index) == ["moved to private", "answered in public", "never answered"]
    answered = threads["first_response_at"].notna()
    groups = {"moved to private": threads[answered & threads["moved_to_private"]],
              "answered in public": threads[answered & ~threads["moved_to_private"]],
              "never answered": threads[~answered]}
    for name, rows in groups.items():
        assert table.at[name, "threads"] == len(rows)
        assert table.at[name, "resolved_pct"] == pytest.approx(100 * rows["resolved"].mean())
        assert table.at[name, "sentiment_change"] == pytest.approx(
            (rows["sentiment_after"] - rows["sentiment_before"]).mean())
        assert table.at[name, "public_replies"] == rows["public_replies"].median()
    solved = groups["moved to private"].dropna(subset=["resolved_at"])
    hours = (solved["resolved_at"] - solved["opened_at"]).dt.total_seconds() / 3600
    assert table.at["moved to private", "hours_to_resolution"] == pytest.approx(hours.median())


def test_sla_by_weekday_counts_the_day_the_customer_wrote_in_lyon(threads):
    table = analytics.sla_by_weekday(threads)
    local = threads["opened_at"].dt.tz_convert(PARIS)
    assert list(table.index) == ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
    for number, day in enumerate(table.index):
        rows = threads[local.dt.day_of_week == number]
        assert table.at[day, "within_1h_pct"] == pytest.approx(within(rows, 1))
        assert table.at[day, "within_24h_pct"] == pytest.approx(within(rows, 24))


def test_daily_threads_and_negative_share_are_counted_per_utc_day(threads, mentions):
    per_day = analytics.daily_threads(threads)
    day = threads["opened_at"].dt.tz_convert("UTC").dt.tz_localize(None).dt.floor("D")
    assert per_day.sum() == len(threads) and per_day.loc["2025-04-08"] == (day == "2025-04-08").sum()
    assert (per_day.index == pd.date_range(day.min(), day.max())).all()
    share = analytics.daily_negative_share(mentions)
    ours = mentions[(mentions["brand"] == "lumiere") & (mentions["ts"].dt.strftime("%Y-%m-%d") == "2025-04-08")]
    assert share.at[pd.Timestamp("2025-04-08"), "lumiere"] == pytest.approx(
        100 * (ours["true_sentiment"] == "negative").mean())
    assert list(share.columns) == ["lumiere", "grano", "maison"]


def test_half_lives_and_profile_are_the_numpy_formula(threads, mentions, daily):
    volume = daily["lumiere"]
    assert analytics.backlash_half_life(volume) == pytest.approx(half_life(volume))
    negative = analytics.daily_negative_share(mentions)["lumiere"]
    assert analytics.backlash_half_life(negative) == pytest.approx(half_life(negative))
    assert analytics.backlash_half_life(analytics.daily_threads(threads)) == pytest.approx(
        half_life(analytics.daily_threads(threads)))
    profile = analytics.backlash_profile(volume)
    assert profile["peak_day"] == volume.idxmax() and profile["peak"] == volume.max()
    assert profile["baseline"] == volume.loc[:"2025-04-07"].iloc[-28:].median()
    assert profile["half_level"] == pytest.approx((profile["peak"] + profile["baseline"]) / 2)


# --------------------------------------------------------------------------- the response simulator


def test_next_on_duty_follows_the_days_hours_and_the_clock_change():
    times = pd.Series(pd.to_datetime([
        "2025-03-05T10:00Z",  # Wednesday 11:00 in Lyon: on duty
        "2025-03-05T22:30Z",  # Wednesday 23:30: next morning 7:00
        "2025-03-08T09:00Z",  # Saturday: Monday 7:00
        "2025-03-07T04:00Z",  # Friday 5:00: same day 7:00
        "2025-03-29T23:30Z",  # Sunday 30 March 0:30, the night clocks go forward: Monday 7:00 CEST
    ]))
    weekdays = care.next_on_duty(times)
    assert [f"{t.tz_convert(PARIS):%a %H:%M}" for t in weekdays] == \
        ["Wed 11:00", "Thu 07:00", "Mon 07:00", "Fri 07:00", "Mon 07:00"]
    every_day = care.next_on_duty(times, days=care.DAY_NAMES, hours=(8, 20))
    assert [f"{t.tz_convert(PARIS):%a %H:%M}" for t in every_day] == \
        ["Wed 11:00", "Thu 08:00", "Sat 10:00", "Fri 08:00", "Sun 08:00"]
    assert (care.next_on_duty(times, days=care.DAY_NAMES, hours=(0, 24)) == times).all()


def test_the_simulator_with_2025s_schedule_gives_back_2025(threads):
    replayed = analytics.simulate_staffing(threads)
    same = replayed["first_response_at"].fillna(pd.Timestamp(0, tz="UTC")) == \
        threads["first_response_at"].fillna(pd.Timestamp(0, tz="UTC"))
    assert same.all()
    assert (replayed["handling_hours"].dropna() >= 0).all()
    model = analytics.sentiment_by_wait(threads)
    assert analytics.expected_sentiment_change(replayed, model=model) == pytest.approx(
        (threads["sentiment_after"] - threads["sentiment_before"]).mean())


def test_a_simulated_schedule_is_on_duty_time_plus_handling_written_out(threads):
    """Every day 8:00–20:00: the first reply = the first such moment after the post + 2025's handling time."""
    replayed = analytics.simulate_staffing(threads, days=care.DAY_NAMES, hours=(8, 20))
    local = threads["opened_at"].dt.tz_convert(PARIS).dt.tz_localize(None)
    hour = local.dt.hour + local.dt.minute / 60 + local.dt.second / 3600
    start = local.dt.normalize() + pd.to_timedelta(np.where(hour < 8, 8, np.where(hour >= 20, 32, hour)), unit="h")
    start = start.where((hour < 8) | (hour >= 20), local)
    on_duty = start.dt.tz_localize(PARIS).dt.tz_convert("UTC")
    first = threads["first_response_at"]
    office = local.dt.day_of_week < 5
    office_hour = (hour >= 7) & (hour < 23)
    # 2025's handling time, for posts that arrived while the 2025 team was on duty: first reply − post
    rows = office & office_hour & first.notna()
    expected = on_duty[rows] + (first[rows] - threads.loc[rows, "opened_at"])
    assert (replayed.loc[rows, "first_response_at"] == expected).all()
    answered_all = analytics.simulate_staffing(threads, answer_all=True)
    assert answered_all["first_response_at"].notna().all()


def test_sentiment_by_wait_is_the_plain_pandas_band_mean(threads):
    model = analytics.sentiment_by_wait(threads)
    hours = waits(threads)
    change = threads["sentiment_after"] - threads["sentiment_before"]
    assert model.at["under 1 h", "change"] == pytest.approx(change[hours < 1].mean())
    assert model.at["4–24 h", "change"] == pytest.approx(change[(hours >= 4) & (hours < 24)].mean())
    assert model.at["never answered", "change"] == pytest.approx(change[hours.isna()].mean())
    assert model["threads"].sum() == len(threads)


def test_staffing_settings_refuse_wrong_input_in_plain_words():
    assert care.staffed_hours_per_week() == 80 and care.staffed_hours_per_week(care.DAY_NAMES, (9, 17)) == 56
    assert care.on_duty_days(("monday", "Sat", 6)) == (0, 5, 6)
    with pytest.raises(ValueError, match=r"'Funday' is not a day of the week: write days as names"):
        care.on_duty_days(("Mon", "Funday"))
    with pytest.raises(ValueError, match=r"from a start to a later end between 0 and 24, e.g. hours=\(7, 23\)"):
        care.on_duty_hours((23, 7))
    with pytest.raises(ValueError, match=r"two whole hours \(start, end\)"):
        care.on_duty_hours("7-23")


# --------------------------------------------------------------------------- the reply rubric, English and French

GOOD_REPLIES = [
    "So sorry we forgot your order again, that is not OK. Please send us a DM with your order number and we will fix it today.",
    "You're right, and we apologise: a forgotten order is not the service we want. Could you message us privately?",
    "Désolés d'avoir oublié votre commande, vous avez raison. Envoyez-nous un message privé avec votre numéro, on s'en occupe.",
    "Toutes nos excuses, ce n'est pas normal. Écrivez-nous en MP et nous réglons cela aujourd'hui.",
    "Sorry about the wait, that's frustrating. Please email us at care@cafelumiere.com and we'll sort it out.",
]

# (reply, the one rule it must fail)
BAD_REPLIES = [
    ("We're sorry you feel that way. Please DM us so we can look into the wait.", "apologises"),
    ("Sorry if you were upset by the wait. DM us.", "apologises"),
    ("Nous sommes désolés que vous le preniez ainsi. Écrivez-nous en privé au sujet de l'attente.", "apologises"),
    ("Sorry we forgot your order, that should not have happened. Come back tomorrow!", "private"),
    ("Désolés pour cet oubli, vous avez raison. Repassez demain !", "private"),
    ("Sorry we forgot your order! DM us, and use code SORRY20 for 20% off your next latte.", "no_pitch"),
    ("Désolés pour l'attente ! Écrivez-nous en privé, et profitez de -20 % sur votre prochain café.", "no_pitch"),
    ("Sorry for the wait, but calm down, it was one coffee. DM us.", "no_abuse"),
    ("Désolés pour l'attente, mais c'est n'importe quoi. Écrivez-nous en privé.", "no_abuse"),
    ("Sorry, the wait was our fault, please DM us. " * 7, "short"),
    ("Sorry. Please DM us.", "acknowledges"),
]


@pytest.mark.parametrize("text", GOOD_REPLIES)
def test_a_good_reply_meets_every_rule_in_either_language(text):
    table = replies.score_reply(text)
    assert table["met"].all(), table.loc[~table["met"], "label"].tolist()
    assert verdict("03_debate.q5", text).status == "right"


@pytest.mark.parametrize(("text", "failing"), BAD_REPLIES)
def test_a_flawed_reply_fails_exactly_its_rule(text, failing):
    table = replies.score_reply(text)
    assert table.index[~table["met"]].tolist() == [failing], table[["met"]].T


def test_the_rubric_ignores_case_accents_and_curly_apostrophes():
    assert replies.apologises("DÉSOLÉS") and replies.apologises("desoles")
    assert replies.acknowledges("Merci de nous l’avoir signalé") and replies.offers_private_channel("ECRIVEZ-NOUS")
    assert replies.abusive_words("Calm DOWN") == ["calm down"]


def test_no_apology_is_due_for_a_question():
    reply = "Hi! We open at 8:00 on Saturday. Thanks for your question, and DM us if you need anything else."
    assert replies.score_reply(reply, apology_due=False)["met"].all()
    assert not replies.score_reply(reply, apology_due=True).loc["apologises", "met"]


def test_a_plain_answer_to_a_question_scores_full_marks():
    """Cold read: "Thanks for asking! We open at 8:00 on Saturday." was marked down for no private channel."""
    reply = "Thanks for asking! We open at 8:00 on Saturday. See you soon!"
    assert replies.score_reply(reply, apology_due=False)["met"].all()
    complaint = replies.score_reply(reply, apology_due=True)  # to a complaint, the same reply falls short
    assert not complaint.loc["private", "met"] and not complaint.loc["apologises", "met"]


def test_the_question_and_the_coach_use_the_same_rules(mentions):
    """The check's Criterion objects are the coach's rules: same labels, points and verdicts on every reply."""
    rules = replies.reply_rules(apology_due=True)
    assert [(c.label, c.points, c.advice) for c in debate.REPLY_RUBRIC] == [(r.label, r.points, r.advice)
                                                                           for r in rules]
    coach = widgets.reply_coach_dashboard(mentions)
    assert coach.apology_due  # it opens on the forgotten-order complaint, Q5's post
    for text in GOOD_REPLIES + [t for t, _ in BAD_REPLIES] + ["Thank you.", "Calm down."]:
        coach.draft.value = text
        share = coach.table["earned"].sum() / coach.table["points"].sum()
        assert verdict("03_debate.q5", text).fraction == pytest.approx(share)


# --------------------------------------------------------------------------- the questions: typical mistakes in plain pandas


def opened(threads, start, end, inclusive=False):
    at = threads["opened_at"]
    return threads[(at >= start) & ((at <= end) if inclusive else (at < end))]


def test_q1_within_the_hour_in_the_backlash_week(threads):
    week = opened(threads, *WEEK)
    answer = within(week, 1)
    assert_right("03_debate.q1", answer)
    assert_right("03_debate.q1", round(answer, 1))
    assert_right("03_debate.q1", analytics.sla_compliance(week)["within_1h_pct"])  # the helper way (a numpy float)
    assert_wrong("03_debate.q1", within(threads, 1), "WHOLE year")
    assert_wrong("03_debate.q1", round(within(threads, 1), 1), "WHOLE year")
    answered = week[week["first_response_at"].notna()]
    assert_wrong("03_debate.q1", 100 * (waits(answered) <= 1).mean(), "leaves out the threads nobody answered")
    assert_wrong("03_debate.q1", within(week, 24), "within 24 HOURS")
    assert_wrong("03_debate.q1", within(opened(threads, "2025-04-07", "2025-04-13", inclusive=True), 1),
                 'midnight when Sunday 13 April BEGINS', '< "2025-04-14"')
    assert_wrong("03_debate.q1", within(opened(threads, "2025-04-07", "2025-04-15"), 1), "includes Monday 14 April")
    assert_wrong("03_debate.q1", within(week[week["is_complaint"]], 1), "complaints only")
    assert_wrong("03_debate.q1", analytics.sla_compliance(week), 'RESULT["within_1h_pct"]')
    assert_wrong("03_debate.q1", answer / 100, "fraction")


def resolution(rows):
    answered = rows[rows["first_response_at"].notna()]
    return (100 * answered[answered["moved_to_private"]]["resolved"].mean(),
            100 * answered[~answered["moved_to_private"]]["resolved"].mean())


def test_q2_private_minus_public_among_complaints(threads):
    complaints = threads[threads["is_complaint"]]
    private, public = resolution(complaints)
    assert_right("03_debate.q2", private - public)
    assert_right("03_debate.q2", round(private - public, 1))
    assert_wrong("03_debate.q2", public - private, "sign is reversed")
    assert_wrong("03_debate.q2", private, "private rate alone")
    assert_wrong("03_debate.q2", public, "public rate alone")
    every_private, every_public = resolution(threads)
    assert_wrong("03_debate.q2", every_private - every_public, "EVERY thread")
    assert_wrong("03_debate.q2", every_private, "private rate of EVERY thread")
    kept_public = complaints[~complaints["moved_to_private"]]
    assert_wrong("03_debate.q2", private - 100 * kept_public["resolved"].mean(), "nobody answered as \"public\"")
    assert_wrong("03_debate.q2", analytics.resolution_public_vs_private(complaints), 'RESULT["private"] - RESULT["public"]')


def test_q3_half_life_of_the_negative_share(mentions, daily, threads):
    lumiere = mentions[mentions["brand"] == "lumiere"]
    day = lumiere["ts"].dt.strftime("%Y-%m-%d")
    share = (100 * (lumiere["true_sentiment"] == "negative")).groupby(day).mean()
    share.index = pd.to_datetime(share.index)
    answer = half_life(share)
    assert_right("03_debate.q3", answer)
    assert_right("03_debate.q3", round(answer, 1))
    assert_wrong("03_debate.q3", half_life(daily["lumiere"]), "NUMBER of posts")
    assert_wrong("03_debate.q3", round(half_life(daily["lumiere"]), 1), "NUMBER of posts")
    assert_wrong("03_debate.q3", half_life(analytics.daily_threads(threads)), "new threads")
    assert_wrong("03_debate.q3", half_life(analytics.daily_negative_share(mentions)["grano"]), "Grano & Co's column")
    assert_wrong("03_debate.q3", 24 * answer, "in hours")
    assert_wrong("03_debate.q3", analytics.daily_negative_share(mentions), 'daily_negative_share(mentions)["lumiere"]')


def test_q4_the_cheapest_24_hour_promise_is_every_day_9_to_17(threads):
    """Recomputed from the simulator: only C and B and D keep 95 % within 24 hours, and C needs fewest hours."""
    options = {"A": (care.DAY_NAMES[:5], (0, 24)), "B": (care.DAY_NAMES[:6], (7, 23)),
               "C": (care.DAY_NAMES, (9, 17)), "D": (care.DAY_NAMES, (7, 23))}
    kept = {}
    for letter, (days, hours) in options.items():
        simulated = analytics.simulate_staffing(threads, days=days, hours=hours, answer_all=True)
        if within(simulated, 24) >= 95:
            kept[letter] = care.staffed_hours_per_week(days, hours)
    assert sorted(kept) == ["B", "C", "D"] and min(kept, key=kept.get) == "C"
    assert_right("03_debate.q4", "C")
    assert_wrong("03_debate.q4", "A", "weekend empty")
    assert_wrong("03_debate.q4", "D", "twice what it needs")


def test_q5_a_partial_reply_is_partly_right_and_the_check_does_not_raise(capsys):
    text = "Sorry we forgot your order, that is not OK. We will do better next time."  # no private channel
    result = verdict("03_debate.q5", text)
    assert result.status == "partial" and result.fraction == pytest.approx(7 / 9)
    assert "✗ Offers a private channel — not yet" in result.message
    checks.check("03_debate.q5", text)  # prints, does not raise: nbgrader then takes the hidden test's points
    out = capsys.readouterr()
    assert out.out.startswith("🟡 Partly right (2.33333 of 3 points)") and out.err == ""
    assert_wrong("03_debate.q5", "", "empty")
    assert_wrong("03_debate.q5", ["Sorry, DM us"], "between quotes")


def test_q5_hidden_test_gives_the_checks_points_and_nothing_to_weakened_rules(monkeypatch):
    notebook = json.loads(SOLUTIONS.read_text(encoding="utf-8"))
    cell = next(c for c in notebook["cells"] if c["metadata"].get("nbgrader", {}).get("grade_id") == "q5_check")
    for text, points in [(GOOD_REPLIES[2], 3.0), ("Thank you.", 1.0), (BAD_REPLIES[5][0], 3 * 8 / 9)]:
        assert hidden_points(cell, {"reply": text}) == pytest.approx(points)
        assert verdict("03_debate.q5", text).fraction * 3 == pytest.approx(points)
    # A learner who makes the sales-pitch rule always pass (in the notebook's session) gets nothing.
    monkeypatch.setattr(replies, "sales_pitch", lambda text: False)
    passed, _ = hidden_outcome(cell, {"reply": GOOD_REPLIES[0]})
    assert not passed


# --------------------------------------------------------------------------- the dashboards


def test_the_simulator_opens_on_2025_and_its_table_is_the_analytics(threads):
    board = widgets.response_simulator_dashboard(threads)
    table = board.table
    assert table.loc["your setting"].equals(table.loc["2025, as it happened"])
    assert table.at["your setting", "within target (%)"] == pytest.approx(within(threads, 1))
    settings = [("every_day", (7, 23), True, 24), ("weekdays", (0, 24), False, 1), ("mon_sat", (9, 17), True, 4)]
    model = analytics.sentiment_by_wait(threads)
    for days, hours, answer_all, target in settings:
        board.days.value, board.hours.value = days, hours
        board.answer_all.value, board.target.value = answer_all, target
        simulated = analytics.simulate_staffing(threads, days=DAYS[days], hours=hours, answer_all=answer_all)
        mine = board.table.loc["your setting"]
        assert mine["within target (%)"] == pytest.approx(within(simulated, target))
        assert mine["within 24 hours (%)"] == pytest.approx(within(simulated, 24))
        assert mine["expected change in mood"] == pytest.approx(
            analytics.expected_sentiment_change(simulated, model=model))
        assert f"{mine['within target (%)']:.1f} %" in board.summary.value
        also = "1 hour" if target == 24 else "24 hours"  # the target's figure is not repeated as the second one
        assert f"within {also}: {mine[f'within {also} (%)']:.1f} %" in board.summary.value
        assert board.summary.value.count("within 24 hours") == 1  # once: as the target, or as the second figure


def test_the_simulator_resets_and_explains_itself(threads):
    board = widgets.response_simulator_dashboard(threads)
    opening = board.summary.value
    assert "How it works: a replay of the 2,640 threads of 2025" in opening
    board.answer_all.value = True
    assert board.summary.value != opening and "every thread gets an answer" in board.summary.value
    board.hours.value = (9, 9)
    assert board.table.empty and "No hour on duty" in board.summary.value
    board.reset()
    assert board.summary.value == opening and board.answer_all.value is False and board.hours.value == (7, 23)


def test_the_dashboards_refuse_the_wrong_table_in_plain_words(threads, mentions):
    with pytest.raises(TypeError, match=r"needs rows of the table, not a column of True/False\. .*threads\[ condition \]"):
        widgets.response_simulator_dashboard(threads["is_complaint"])
    with pytest.raises(KeyError, match=r"needs the threads table .* Use data.load\('threads'\)"):
        widgets.response_simulator_dashboard(mentions)
    with pytest.raises(ValueError, match=r"empty threads table"):
        widgets.response_simulator_dashboard(threads.iloc[0:0])
    with pytest.raises(KeyError, match=r"coach_posts needs the column\(s\) ts, brand, text, lang"):
        widgets.reply_coach_dashboard(threads)
    with pytest.raises(ValueError, match=r"None of the reply coach's posts is in this table"):
        widgets.reply_coach_dashboard(mentions[mentions["brand"] == "grano"])
    with pytest.raises(TypeError, match=r"draft must be text between quotes, not int"):
        widgets.reply_coach_dashboard(mentions, draft=5)


def test_the_coach_judges_live_switches_posts_and_resets(mentions):
    coach = widgets.reply_coach_dashboard(mentions)
    assert "2 of 9 points" in coach.summary.value  # the weak first draft
    assert coach.table.index[~coach.table["met"]].tolist() == ["acknowledges", "apologises", "private", "no_pitch"]
    from matplotlib.colors import to_hex

    red = [to_hex(bar.get_facecolor()) for bar in coach.ax.patches]
    assert red.count("#1a9850") == 2 and "Oh good, Café Lumière forgot my order" in coach.ax.get_title()
    coach.draft.value = GOOD_REPLIES[0]
    assert "9 of 9 points" in coach.summary.value and coach.table["met"].all()
    assert {to_hex(bar.get_facecolor()) for bar in coach.ax.patches} == {"#1a9850"}  # every bar green
    assert coach.ax.get_title().startswith("9 of 9 rubric points")
    coach.draft.value = "   "
    assert coach.table.empty and "Type your reply" in coach.summary.value
    question = next(i for i, (label, _) in enumerate(coach.post.options) if "what time do you open" in label)
    coach.post.value = question
    coach.draft.value = "Hello! We open at 8:00 on Saturday. Thanks for your question; DM us for anything else."
    assert not coach.apology_due and coach.table.loc["apologises", "met"] and "no apology is due" in \
        coach.shown_post.value
    coach.reset()
    assert coach.post.value == 0 and coach.draft.value == FIRST_DRAFT and "2 of 9 points" in coach.summary.value
    langs = {label[:4] for label, _ in coach.post.options}
    assert langs == {"[EN]", "[FR]"}  # posts in English and in French


# --------------------------------------------------------------------------- figures the lesson and the guide quote


@pytest.fixture(scope="module")
def lesson_text():
    notebook = json.loads(LESSON.read_text(encoding="utf-8"))
    return "\n".join("".join(c["source"]) for c in notebook["cells"] if c["cell_type"] == "markdown")


def test_the_lessons_answering_figures_are_the_datas(lesson_text, threads):
    complaints = threads[threads["is_complaint"]]
    assert f"answered **{analytics.response_rate(threads):.1f} %**" in lesson_text
    assert f"only **{analytics.response_rate(complaints):.1f} % of the complaints**" in lesson_text
    assert f"In **{threads['first_response_at'].isna().sum()} threads** the customer never got an answer" in lesson_text
    speed = analytics.first_response_time(threads)
    assert f"less than **{speed['median_hours']:.1f} hours**" in lesson_text
    assert f"more than **{speed['p90_hours']:.1f} hours**, a day and a half" in lesson_text
    assert 34 < speed["p90_hours"] < 40
    assert f"**{within(threads, 1):.1f} %** of threads were answered within 1 hour and " \
           f"**{within(threads, 24):.1f} %** within 24 hours" in lesson_text
    by_day = analytics.sla_by_weekday(threads)
    weekdays = by_day.loc["Monday":"Friday", "within_1h_pct"]
    assert weekdays.min() > 100 / 3 - 1 and weekdays.max() < 42  # "between a third and two fifths"
    assert by_day.at["Saturday", "within_24h_pct"] == 0 and by_day.at["Sunday", "within_1h_pct"] == 0
    assert "nobody who wrote on a Saturday got an answer within 24 hours" in lesson_text
    local = threads["opened_at"].dt.tz_convert(PARIS)
    sunday = threads[local.dt.day_of_week == 6]
    answered = sunday["first_response_at"].dropna().dt.tz_convert(PARIS)
    monday = answered[answered.dt.day_of_week == 0]
    assert (answered.dt.day_of_week != 6).all() and (monday.dt.hour >= 7).all()  # "at least until Monday 7:00"


def test_the_lessons_channel_and_backlash_figures_are_the_datas(lesson_text, threads, mentions, daily):
    table = analytics.outcomes_by_channel(threads)
    private, public, never = (table.loc[n] for n in table.index)
    assert f"**{private['resolved_pct']:.1f} %** of these problems were solved, usually within about " \
           f"{private['hours_to_resolution']:.0f} hours, after a median of {private['public_replies']:.0f} public reply" \
           in lesson_text
    assert f"rose by **{private['sentiment_change']:+.2f}**" in lesson_text
    assert f"**{public['resolved_pct']:.1f} %** solved" in lesson_text
    assert f"(a median of {public['public_replies']:.0f} public replies), and the solved ones took about " \
           f"{public['hours_to_resolution']:.0f} hours" in lesson_text
    assert f"by **{public['sentiment_change']:+.2f}**" in lesson_text
    assert f"by **{never['sentiment_change']:.2f}**".replace("-", "−") in lesson_text and never["resolved_pct"] == 0
    assert 1.7 < private["resolved_pct"] / public["resolved_pct"] < 2  # "nearly twice as often"
    assert "nearly twice as often" in lesson_text
    assert f"**{analytics.private_share(threads):.1f} %** of the answered threads" in lesson_text
    change = analytics.sentiment_change(threads)
    assert f"from **{change['before']:.2f}** before the answer to **{change['after']:+.2f}**".replace("-", "−") \
        in lesson_text

    volume = analytics.backlash_profile(daily["lumiere"])
    assert f"peaked on **{volume['peak_day']:%-d %B}** with **{volume['peak']:.0f}** posts, against a normal level " \
           f"of about **{volume['baseline']:.0f}**" in lesson_text
    assert f"halfway back in **{volume['half_life_days']:.1f} days**" in lesson_text
    care_load = analytics.backlash_profile(analytics.daily_threads(threads))
    assert f"peaked at **{care_load['peak']:.0f}** on 8 April against about **{care_load['baseline']:.0f}** " \
           f"normally, with a half-life of **{care_load['half_life_days']:.1f} days**" in lesson_text
    assert f"**{(threads['category'] == 'brand_post').sum()}** of the year's threads were about the post" in lesson_text
    week = opened(threads, *WEEK)
    assert f"from {analytics.first_response_time(threads)['median_hours']:.1f} hours over the year to " \
           f"**{analytics.first_response_time(week)['median_hours']:.1f} hours**" in lesson_text
    mood = analytics.backlash_half_life(analytics.daily_negative_share(mentions)["lumiere"])
    assert mood > 2 * volume["half_life_days"]  # "stayed high for several days after the number of posts had dropped"


def test_the_lessons_simulator_and_decision_figures_are_the_datas(lesson_text, threads):
    assert f"**replays the {len(threads):,} threads of 2025**" in lesson_text
    assert f"the {threads['first_response_at'].isna().sum()} threads it left unanswered" in lesson_text
    handling = analytics.simulate_staffing(threads)["handling_hours"].median()
    assert 0.8 < handling < 1 and "(a little under 1 hour)" in lesson_text
    model = analytics.sentiment_by_wait(threads)

    def run(**settings):
        simulated = analytics.simulate_staffing(threads, **settings)
        return simulated, analytics.expected_sentiment_change(simulated, model=model)

    _, base = run()
    _, everyone = run(answer_all=True)
    _, weekends = run(days=care.DAY_NAMES)
    _, nights = run(hours=(0, 24))
    assert everyone - base > 3 * max(weekends - base, nights - base)  # "more than adding hours does"
    plan, mood = run(days=care.DAY_NAMES, answer_all=True)
    assert f"answers **{within(plan, 24):.1f} %** of threads within 24 hours (against {within(threads, 24):.1f} %) " \
           f"and **{within(plan, 1):.1f} %** within the hour (against {within(threads, 1):.1f} %)" in lesson_text
    assert f"from **{base:+.2f}** to **{mood:+.2f}** per thread" in lesson_text
    table = analytics.outcomes_by_channel(threads)
    assert f"(mood {table.at['never answered', 'sentiment_change']:.2f})".replace("-", "−") in lesson_text
    assert f"({table.at['answered in public', 'sentiment_change']:+.2f})" in lesson_text
    assert f"({table.at['moved to private', 'sentiment_change']:+.2f}, with " \
           f"{table.at['moved to private', 'resolved_pct']:.1f} % of their problems solved)" in lesson_text


def test_the_guides_figures_are_the_datas(threads, mentions, daily):
    guide = (REPO / "facilitator" / "03_debate.md").read_text(encoding="utf-8")
    room, answers = guide_parts("03_debate")
    assert f"`threads` ({len(threads):,} conversations" in guide and f"`mentions` ({len(mentions):,} posts" in guide
    model = analytics.sentiment_by_wait(threads)

    def run(days=care.TEAM_2025_DAYS, hours=(7, 23), answer_all=False):
        simulated = analytics.simulate_staffing(threads, days=days, hours=hours, answer_all=answer_all)
        return (within(simulated, 1), within(simulated, 24),
                analytics.expected_sentiment_change(simulated, model=model))

    one, day, mood = run()
    assert f"{one:.1f} % answered within 1 hour, {day:.1f} % within\n24 hours, expected change in mood {mood:+.2f}" \
        in room
    one, day, mood = run(days=care.DAY_NAMES)
    assert f"{day:.1f} % answered within 24 hours" in room and f"({mood:+.2f})" in room
    one, day, mood = run(hours=(0, 24))
    assert f"120 hours a week, yet only {one:.1f} %" in room
    assert f"jumps to {run(answer_all=True)[2]:+.2f}" in room
    one, day, mood = run(days=care.DAY_NAMES, answer_all=True)
    assert f"gives {one:.1f} % within 1 hour and\n   {day:.1f} % within 24 hours (mood {mood:+.2f})" in room

    week = opened(threads, *WEEK)
    assert f"**Q1:** {within(week, 1):.1f} %" in answers and f"of the {len(week)} threads" in answers
    for value in (within(opened(threads, "2025-04-07", "2025-04-13", True), 1),
                  within(opened(threads, "2025-04-07", "2025-04-15"), 1), within(week[week["is_complaint"]], 1),
                  within(week, 24)):
        assert f"{value:.1f}" in answers
    private, public = resolution(threads[threads["is_complaint"]])
    every_private, every_public = resolution(threads)
    assert f"**Q2:** +{private - public:.1f} points" in answers
    assert f"{private:.1f} %" in answers and f"{public:.1f} %" in answers
    assert f"the gap is {every_private - every_public:.1f} points" in answers
    negative = analytics.backlash_profile(analytics.daily_negative_share(mentions)["lumiere"])
    volume = analytics.backlash_half_life(daily["lumiere"])
    assert f"**Q3:** {negative['half_life_days']:.1f} days" in answers
    assert f"({negative['peak']:.1f} % of the day's\n  posts, against a normal level of about {negative['baseline']:.1f} %)" \
        in answers
    assert round(negative["half_life_days"] / volume) == 3 and f"({volume:.1f} days)" in answers
    for days, hours, hours_a_week in ((care.DAY_NAMES[:5], (0, 24), None), (care.DAY_NAMES[:6], (7, 23), 96),
                                      (care.DAY_NAMES, (9, 17), 56), (care.DAY_NAMES, (7, 23), 112)):
        assert f"{run(days, hours, True)[1]:.1f} %" in answers
        if hours_a_week:
            assert care.staffed_hours_per_week(days, hours) == hours_a_week
    assert "earns 0.67 of 3" in answers and verdict("03_debate.q5", FIRST_DRAFT).fraction * 3 == \
        pytest.approx(2 / 3)
    assert "earns 1 of 3" in answers and verdict("03_debate.q5", "Thank you.").fraction * 3 == pytest.approx(1)


def test_the_exercises_say_how_partial_credit_works():
    notebook = json.loads(SOLUTIONS.read_text(encoding="utf-8"))
    text = "\n".join("".join(c["source"]) for c in notebook["cells"] if c["cell_type"] == "markdown")
    assert "🟡 *Partly right*" in text and "each rubric point is worth a third of a point" in text
    assert "(it is in the course data, on X, 28 January 2025)" in text
    posts = replies.coach_posts(data.load("mentions"))
    forgotten = posts[posts["text"].str.startswith("Oh good, Café Lumière forgot my order.")].iloc[0]
    assert f"{forgotten['ts']:%-d %B %Y}" == "28 January 2025" and forgotten["platform"] == "x"
    assert forgotten["text"] in text


# --------------------------------------------------------------------------- Q5 through the real grader


@pytest.mark.slow
def test_the_real_grader_gives_q5_the_checks_partial_points(tmp_path):
    """Real nbgrader (no sandbox): a partial reply earns the check's share of 3 points, a full French reply 3."""
    import nbformat

    from grading_cohort import solved, with_code
    from socialkit import course
    from socialkit.grading.runner import GradeOptions, grade_cohort
    from socialkit.grading.workspace import Workspace

    module = course.get("03_debate")
    release = nbformat.read(str(module.exercises(REPO)), as_version=4)
    answers = solved(release, nbformat.read(str(module.solutions(REPO)), as_version=4))
    learners = {"partial": "Sorry we forgot your order, that is not OK. We will do better next time.",
                "pitch": "We're sorry you feel that way. Try our new seasonal latte, 20% off this week!",
                "french": GOOD_REPLIES[2]}
    ws = Workspace(tmp_path / "grading", "03_debate")
    for learner, text in learners.items():
        target = ws.submitted_notebook(learner)
        target.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(with_code(answers, "q5", f"reply = {text!r}", replace=True), str(target))
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("MPLBACKEND", "Agg")
        records = {r.learner: r for r in grade_cohort(ws, GradeOptions(jobs=2, sandbox=False))}
    for learner, text in learners.items():
        record = records[learner]
        assert record.status == "graded", record.reason
        q5 = next(q for q in record.questions if q.grade_id == "q5_check")
        assert q5.auto_score == pytest.approx(verdict("03_debate.q5", text).fraction * 3)
        others = [q for q in record.questions if not q.manual and q.grade_id != "q5_check"]
        assert all(q.auto_score == q.max_score for q in others)
    assert records["partial"].questions and records["french"].auto_score == pytest.approx(10)


# --------------------------------------------------------------------------- the charts


def test_the_care_charts_draw_what_they_are_given(threads, daily):
    import matplotlib.pyplot as plt

    from socialkit import plots

    fig, axes = plt.subplots(5, 1)
    try:
        ax = plots.response_time_curve({"2025": waits(threads)}, ax=axes[0], target=24)
        assert ax is axes[0] and "%" in ax.get_ylabel() and ax.get_xscale() == "log"
        assert [t.get_text() for t in ax.texts] == [f"{within(threads, 24):.1f} %"]  # the compliance, marked
        ax = plots.compliance_by_weekday(analytics.sla_by_weekday(threads), ax=axes[1])
        heights = [bar.get_height() for bar in ax.patches]
        assert heights[:7] == pytest.approx(analytics.sla_by_weekday(threads)["within_1h_pct"].tolist())
        table = analytics.outcomes_by_channel(threads)
        ax = plots.outcomes_by_channel(table, ax=axes[2])
        assert [bar.get_width() for bar in ax.patches] == pytest.approx(table["resolved_pct"].tolist())
        assert "−0.13" in ax.texts[2].get_text()  # a typographic minus
        profile = analytics.backlash_profile(daily["lumiere"])
        ax = plots.backlash_decay(daily["lumiere"].loc["2025-03-24":"2025-04-27"], profile, ax=axes[3])
        assert [line.get_ydata()[0] for line in ax.lines[1:]] == [profile["baseline"], profile["half_level"]]
        assert ax.texts[0].get_text() == f"half-life {profile['half_life_days']:.1f} days"
        ax = plots.rubric_bars(replies.score_reply("Calm down."), ax=axes[4])
        assert [bar.get_width() for bar in ax.patches] == [2, 2, 2, 1, 1, 1]
        assert ax.get_title() == "Your reply: 2 of 9 rubric points"
    finally:
        plt.close(fig)


# --------------------------------------------------------------------------- fixes after a manager's cold read


def test_the_never_answered_rows_public_replies_are_said_to_be_other_peoples(lesson_text, threads):
    """A manager read "never answered" next to 4 public replies: the lesson, the table and the chart say whose."""
    import matplotlib.pyplot as plt

    from socialkit import plots

    table = analytics.outcomes_by_channel(threads)
    never = threads[threads["first_response_at"].isna()]
    replies = never["public_replies"].median()
    assert replies == table.at["never answered", "public_replies"] and replies > 0  # the puzzle is in the data
    bullet = next(line for line in lesson_text.splitlines() if line.startswith("- **Never answered:**"))
    assert (f"The table still shows a median of **{replies:.0f}** public replies in this row: the customer and other "
            "people wrote them under the post, and nobody from Café Lumière's team did.") in bullet
    assert "how many replies were written in public, by anyone: the customer, other people who joined in, and the " \
           "team" in lesson_text
    assert "public replies, by anyone (median)" in plots.in_words(table.round(2)).columns
    room, _ = guide_parts("03_debate")
    assert (f"why the never-answered row still shows {replies:.0f} public replies (median): the customer and other "
            "people wrote them, nobody from the team.") in room
    ax = plots.outcomes_by_channel(table)
    try:
        assert ax.texts[2].get_text().endswith(f"{replies:.0f} public replies (median), none by the team")
        assert table.at["moved to private", "public_replies"] == 1  # one reply: the singular
        assert ax.texts[0].get_text().endswith("1 public reply (median), by anyone")
    finally:
        plt.close(ax.figure)
