"""Module 01's checks: each accepts the answer a learner would compute and rejects typical mistakes."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pandas as pd
import pytest

from socialkit import analytics, checks, data
from socialkit.questions import listen

REPO = Path(__file__).resolve().parents[1]
SOLUTIONS = REPO / "solutions" / "01_listen" / "01_listen_exercises.ipynb"


@pytest.fixture(scope="module")
def mentions():
    return data.load("mentions")


@pytest.fixture(scope="module")
def by_role(mentions):
    return analytics.with_author_role(mentions, data.load("accounts"))


@pytest.fixture(scope="module")
def daily(mentions):
    return analytics.daily_volume(mentions)


@pytest.fixture(autouse=True)
def _fresh_session():
    checks.reset()
    yield
    checks.reset()


def verdict(qid, value):
    return checks.evaluate(qid, value)


def assert_right(qid, value):
    result = verdict(qid, value)
    assert result.status == "right", result.message


def assert_wrong(qid, value, *fragments):
    result = verdict(qid, value)
    assert result.status == "wrong", f"{value!r} was accepted: {result.message}"
    for fragment in fragments:
        assert fragment in result.message, result.message


# --------------------------------------------------------------------------- Q1 share of voice

def test_q1_share_of_voice_in_december(mentions):
    december = mentions[mentions["ts"].dt.month == 12]
    answer = 100 * (december["brand"] == "lumiere").mean()  # the pandas way
    assert_right("01_listen.q1", answer)
    assert_right("01_listen.q1", analytics.share_of_voice(december, brand="lumiere"))  # the helper way

    assert_wrong("01_listen.q1", answer / 100, "looks like a fraction", "multiply by 100")
    assert_wrong("01_listen.q1", 100 * (mentions["brand"] == "lumiere").mean(), "WHOLE year")
    november = mentions[mentions["ts"].dt.month == 11]
    assert_wrong("01_listen.q1", 100 * (november["brand"] == "lumiere").mean(), "November")
    assert_wrong("01_listen.q1", 100 * (december["brand"] == "grano").mean())
    assert_wrong("01_listen.q1", float((december["brand"] == "lumiere").sum()), "NUMBER of mentions")
    assert_wrong("01_listen.q1", f"{answer:.1f}%", "% sign")
    assert_wrong("01_listen.q1", december["brand"] == "lumiere", "one number")


def test_q1_names_the_brand_or_month_a_typed_answer_comes_from(mentions):
    """Grano & Co's December (45.38) and Lumière's November (45.28) are 0.1 apart: each is still named."""
    def share(month, brand):
        rows = mentions[mentions["ts"].dt.month == month]
        return 100 * (rows["brand"] == brand).mean()

    for typed in (share(12, "grano"), round(share(12, "grano"), 1), round(share(12, "grano"), 2)):
        assert_wrong("01_listen.q1", typed, "Grano & Co's share", 'brand="lumiere"')
    for typed in (share(11, "lumiere"), round(share(11, "lumiere"), 1)):
        assert_wrong("01_listen.q1", typed, "November")
    assert_wrong("01_listen.q1", round(share(12, "maison"), 1), "Maison Torréfaction's share")
    assert_wrong("01_listen.q1", round(100 * (mentions["brand"] == "lumiere").mean(), 1), "WHOLE year")


def test_q1_typical_mistakes_are_far_enough_apart_to_be_told_apart():
    """The question is well posed: each typical mistake, typed in full or rounded, gets its own message."""
    answer = listen._sov_december()
    for value, message in listen._sov_mistakes():
        assert abs(value - answer) > listen.SOV_TOLERANCE + listen.SOV_MISTAKE_TOLERANCE
        for typed in (value, round(value, 2), round(value, 1)):
            assert verdict("01_listen.q1", typed).message == message, (typed, message)


def test_q1_a_brand_written_as_its_display_name_is_told_how_brands_are_coded(mentions):
    december = mentions[mentions["ts"].dt.month == 12]
    typed = analytics.share_of_voice(december, brand="Café Lumière")  # no row has that brand: 0
    assert_wrong("01_listen.q1", typed, "brands are written lumiere, grano and maison")


def test_q1_every_brands_share_is_told_to_pick_cafe_lumiere(mentions):
    december = mentions[mentions["ts"].dt.month == 12]
    every_brand = analytics.share_of_voice(december)  # lumiere, grano, maison
    assert_wrong("01_listen.q1", every_brand, 'add brand="lumiere" inside the round brackets')
    assert "Reduce it to one number" not in verdict("01_listen.q1", every_brand).message


def test_q1_accepts_one_decimal_and_explains_a_whole_number(mentions):
    december = mentions[mentions["ts"].dt.month == 12]
    answer = analytics.share_of_voice(december, brand="lumiere")
    assert_right("01_listen.q1", round(answer, 1))
    assert_wrong("01_listen.q1", float(round(answer)), "decimal place")
    assert_wrong("01_listen.q1", round(answer), "decimal place")
    grano = round(analytics.share_of_voice(december, brand="grano"), 1)
    assert "close" not in verdict("01_listen.q1", grano).message  # 0.7 off is not "close"


# --------------------------------------------------------------------------- Q2 first alert

def test_q2_first_alert_date_with_a_fair_baseline(daily):
    x = daily["lumiere"].astype(float)
    before = x.shift(1).rolling(7)  # the 7 days before each day
    z = (x - before.mean()) / before.std()
    alerts = z.index[(z >= 2).to_numpy()]
    first = alerts[0]
    assert_right("01_listen.q2", f"{first:%Y-%m-%d}")
    assert_right("01_listen.q2", first)  # a Timestamp is fine too
    assert_right("01_listen.q2", f" {first:%Y-%m-%d} ")

    default = analytics.spikes(daily["lumiere"], threshold=2)
    assert_wrong("01_listen.q2", f"{default.index[default['alert']][0]:%Y-%m-%d}", "box UNTICKED")
    assert_wrong("01_listen.q2", f"{daily['lumiere'].idxmax():%Y-%m-%d}", "MOST mentions")
    assert_wrong("01_listen.q2", f"{alerts[1]:%Y-%m-%d}", "not the FIRST")
    assert_wrong("01_listen.q2", f"{first:%d/%m/%Y}", "year-month-day")
    assert_wrong("01_listen.q2", f"{first.replace(year=2024):%Y-%m-%d}", "covers 2025")
    quiet_day = next(d for d in z.index[10:] if d not in alerts and d != daily["lumiere"].idxmax())
    assert_wrong("01_listen.q2", f"{quiet_day:%Y-%m-%d}", "no alert on that day")


# --------------------------------------------------------------------------- Q3 journalists

def test_q3_net_sentiment_among_journalists(by_role):
    rows = by_role[(by_role["brand"] == "lumiere") & (by_role["role"] == "journalist")]
    labels = rows["true_sentiment"].astype(str)
    answer = 100 * ((labels == "positive").mean() - (labels == "negative").mean())
    assert_right("01_listen.q3", answer)
    assert_right("01_listen.q3", round(answer, 1))

    lumiere = by_role[by_role["brand"] == "lumiere"]["true_sentiment"].astype(str)
    everyone = 100 * ((lumiere == "positive").mean() - (lumiere == "negative").mean())
    assert_wrong("01_listen.q3", everyone, "EVERYONE")
    assert_wrong("01_listen.q3", analytics.net_sentiment(by_role[by_role["role"] == "journalist"]),
                 "all three brands")
    assert_wrong("01_listen.q3", -answer, "sign is reversed")
    assert_wrong("01_listen.q3", answer / 100, "100 times too small")


def test_q3_a_plural_role_is_told_roles_are_singular(by_role):
    rows = by_role[(by_role["brand"] == "lumiere") & (by_role["role"] == "journalists")]  # no rows
    typed = analytics.net_sentiment(rows)
    assert_wrong("01_listen.q3", typed, "no rows", 'written in the singular', '"journalist"')


def test_q3_net_sentiment_for_every_role_is_told_to_filter_first(by_role):
    every_role = analytics.net_sentiment(by_role[by_role["brand"] == "lumiere"], by="role")
    assert_wrong("01_listen.q3", every_role, 'role "journalist" first', "without by=")


def test_q3_right_answer_points_to_april(by_role):
    rows = by_role[(by_role["brand"] == "lumiere") & (by_role["role"] == "journalist")]
    result = verdict("01_listen.q3", analytics.net_sentiment(rows))
    assert result.status == "right" and "April" in result.message


# --------------------------------------------------------------------------- Q4 multiple choice

def test_q4_accepts_the_contamination_explanation_in_any_spelling():
    for spelling in ("B", "b", " B ", "B)", "(b)"):
        assert_right("01_listen.q4", spelling)
    assert_wrong("01_listen.q4", "A", "inside the baseline")
    assert_wrong("01_listen.q4", "C", "not small")
    assert_wrong("01_listen.q4", "E", "not one of the options")
    assert_wrong("01_listen.q4", 2, "one letter in quotes")


# --------------------------------------------------------------------------- Q5 decision

def test_q5_the_z3_rule_never_fires(daily):
    x = daily["lumiere"].astype(float)
    z = (x - x.rolling(7).mean()) / x.rolling(7).std()
    answer = bool((z >= 3).any())
    assert_right("01_listen.q5", answer)
    assert_right("01_listen.q5", analytics.spikes(daily["lumiere"], threshold=3)["alert"].any())
    assert_wrong("01_listen.q5", not answer, "look at the data again")
    assert_wrong("01_listen.q5", "False", "Type True or False")


def test_q5_first_hint_offers_the_no_code_route():
    question = next(q for q in checks.questions_of("01_listen") if q.id == "01_listen.q5")
    first = question.hints[0]
    assert "section 1" in first and "slider" in first and "3.0" in first
    assert "analytics" not in first  # code comes only in the later hints


def test_q2_right_answer_mentions_the_minimum_rise(daily):
    fair = analytics.spikes(daily["lumiere"], threshold=2, exclude_current=True)
    result = verdict("01_listen.q2", f"{fair.index[fair['alert']][0]:%Y-%m-%d}")
    assert result.status == "right" and "minimum rise" in result.message


# --------------------------------------------------------------------------- all questions

QUESTIONS = ["01_listen.q1", "01_listen.q2", "01_listen.q3", "01_listen.q4", "01_listen.q5"]


@pytest.mark.parametrize("qid", QUESTIONS)
def test_a_missing_answer_reads_not_attempted_yet(qid, capsys):
    with pytest.raises(checks.CheckFailed):
        checks.check(qid, ...)
    printed = capsys.readouterr()
    assert printed.out.startswith("⏳ Not attempted yet")
    assert printed.err == ""


@pytest.mark.parametrize("qid", QUESTIONS)
def test_hints_come_one_at_a_time_and_there_are_at_least_two(qid, capsys):
    question = next(q for q in checks.questions_of("01_listen") if q.id == qid)
    assert len(question.hints) >= 2
    checks.hint(qid)
    checks.hint(qid)
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith(f"💡 Hint 1 of {len(question.hints)}")
    assert out[1].startswith(f"💡 Hint 2 of {len(question.hints)}")


def test_a_wrong_answer_prints_one_line_pointing_to_the_hint(mentions, capsys):
    with pytest.raises(checks.CheckFailed):
        checks.check("01_listen.q1", 0.5)
    printed = capsys.readouterr()
    assert printed.out.count("\n") == 1
    assert printed.out.startswith("❌ Not yet:") and 'hint("01_listen.q1")' in printed.out
    assert printed.err == ""


def test_the_question_file_stores_no_answer(mentions, daily):
    source = (Path(checks.__file__).parent / "questions" / "listen.py").read_text(encoding="utf-8")
    december = mentions[mentions["ts"].dt.month == 12]
    sov = 100 * (december["brand"] == "lumiere").mean()
    fair = analytics.spikes(daily["lumiere"], exclude_current=True)
    first_day = fair.index[fair["alert"]][0]
    assert f"{sov:.1f}" not in source and f"{sov:.2f}" not in source
    assert f"{first_day:%Y-%m-%d}" not in source
    assert checks.digest("B") in source  # the right letter is stored only as its sha256 digest
    assert pd.Timestamp(first_day).year == 2025


# --------------------------------------------------------------------------- the solutions notebook

def _solution_cells():
    """The setup, answer and check cells of the solutions notebook, in order (not the dashboard)."""
    notebook = json.loads(SOLUTIONS.read_text(encoding="utf-8"))
    cells = []
    for cell in notebook["cells"]:
        meta = cell.get("metadata", {}).get("nbgrader", {})
        if cell["cell_type"] == "code" and (meta.get("grade_id") == "setup" or meta.get("solution")
                                            or meta.get("grade")):
            cells.append((meta.get("grade_id"), "".join(cell["source"])))
    return cells


def _checked_names(source):
    """(question id, variable name) of every check("…", name) call in a cell."""
    calls = [node for node in ast.walk(ast.parse(source))
             if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "check"]
    return [(call.args[0].value, call.args[1].id) for call in calls]


def test_every_check_passes_on_the_value_the_solutions_notebook_computes(capsys):
    """Run the solutions' setup, answers and check cells (hidden tests too) against this src/.

    Catches a notebook whose text or answer drifted from its checker (e.g. "box unticked" in the
    text while the checker wants it ticked). The same cells also run in a real kernel in
    tests/test_notebooks_execute.py and through nbgrader in tests/test_autograde.py.
    """
    namespace: dict = {}
    checked = []
    for grade_id, source in _solution_cells():
        for qid, name in _checked_names(source):
            assert name in namespace, f"{grade_id}: check({qid!r}, {name}) before {name} is assigned"
            checked.append(qid)
            assert checks.evaluate(qid, namespace[name]).status == "right", (qid, namespace[name])
        exec(compile(source, f"<solutions {grade_id}>", "exec"), namespace)  # noqa: S102
    assert sorted(checked) == QUESTIONS
    assert capsys.readouterr().out.count("✅ Right") == len(QUESTIONS)


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
