"""Module 07's own tests: the team metrics against plain pandas, the checks' typical mistakes, the team social
map's behaviour, the charts, and every figure the lesson and the guide quote, recomputed from the data."""

from __future__ import annotations

import json
import re

import numpy as np
import pandas as pd
import pytest

from kit import ROOT as REPO
from kit import assert_quotes, assert_right, assert_wrong, guide_parts, verdict
from socialkit import analytics, checks, data, sentiment
from socialkit.schema import PLATFORMS

LESSON = REPO / "course" / "07_team" / "07_team.ipynb"
SOLUTIONS = REPO / "solutions" / "07_team" / "07_team_exercises.ipynb"
FLAGS = [f"active_{p}" for p in PLATFORMS]


@pytest.fixture(scope="module")
def employees():
    return data.load("employees")


@pytest.fixture(scope="module")
def employee_posts():
    return data.load("employee_posts")


@pytest.fixture(scope="module")
def brand_accounts(accounts):
    return accounts[accounts["role"].astype(str) == "brand"]


@pytest.fixture(scope="module")
def scored(employees, employee_posts):
    """Posts with the author's team and the software's label, joined and scored here in plain pandas."""
    posts = employee_posts.merge(employees[["employee_id", "team", "advocacy_opt_in"]], on="employee_id", how="left")
    posts["label"] = sentiment.label_series(posts["text"], posts["lang"]).astype(str)
    posts["team"] = posts["team"].astype(str)
    posts["topic"] = posts["topic"].astype(str)
    return posts


def rate(staff, posts, platform=None, about=False):
    """Participation in plain pandas: % of ``staff`` with at least one of ``posts`` (on a platform, about us)."""
    if about:
        posts = posts[posts["mentions_company"]]
    if platform is not None:
        posts = posts[posts["platform"].astype(str) == platform]
    return 100 * staff["employee_id"].isin(posts["employee_id"]).mean()


def reach(staff, posts):
    """Potential reach in plain pandas: followers of the staff with at least one post naming the company."""
    named = posts.loc[posts["mentions_company"], "employee_id"]
    return int(staff.loc[staff["employee_id"].isin(named), "followers"].sum())


def net(labels):
    """Net sentiment of a column of labels, in plain pandas."""
    return 100 * ((labels == "positive").sum() - (labels == "negative").sum()) / len(labels)


def months(posts, first, last):
    month = posts["ts"].dt.month
    return posts[(month >= first) & (month <= last)]


def team(staff, name):
    return staff[staff["team"].astype(str) == name]


# --------------------------------------------------------------------------- the metrics against plain pandas


def test_participation_rate_is_who_posted_over_the_headcount(employees, employee_posts):
    q4 = months(employee_posts, 10, 12)
    assert analytics.participation_rate(employees, q4) == pytest.approx(rate(employees, q4))
    assert analytics.participation_rate(employees, q4, about_company=True) == pytest.approx(rate(employees, q4, about=True))
    assert analytics.participation_rate(employees, q4, platform="tiktok", about_company=True) == \
        pytest.approx(rate(employees, q4, "tiktok", True))
    by_team = analytics.participation_rate(employees, q4, by="team")
    for name in employees["team"].astype(str).unique():
        assert by_team[name] == pytest.approx(rate(team(employees, name), q4))
    assert list(by_team.index[:3]) == ["cafes", "roastery", "customer_care"]  # front line first
    by_platform = analytics.participation_rate(employees, q4, by="platform")
    assert list(by_platform.index) == list(PLATFORMS)
    assert by_platform["linkedin"] == pytest.approx(rate(employees, q4, "linkedin"))
    grid = analytics.participation_rate(employees, q4, by=["team", "platform"], about_company=True)
    assert grid.loc["sales", "instagram"] == pytest.approx(rate(team(employees, "sales"), q4, "instagram", True))
    assert grid.shape == (9, 5)


def test_participation_counts_only_the_headcount_given_and_empty_is_no_value(employees, employee_posts):
    four = employees.head(4)
    assert analytics.participation_rate(four, employee_posts) in (0, 25, 50, 75, 100)
    nobody = employees[employees["team"] == "Cafes"]  # the team written with a capital: no rows
    assert np.isnan(analytics.participation_rate(nobody, employee_posts))
    silent = employees.assign(employee_id="E9999")  # nobody in the table ever posted
    assert analytics.participation_rate(silent, employee_posts) == 0


def test_platform_adoption_is_the_survey_flags_mean(employees):
    survey = analytics.platform_adoption(employees)
    cafes = team(employees, "cafes")
    assert survey.loc["cafes", "instagram"] == pytest.approx(100 * cafes["active_instagram"].mean())
    assert survey.loc["management", "any"] == pytest.approx(100 * team(employees, "management")[FLAGS].any(axis=1).mean())
    overall = analytics.platform_adoption(employees, by=None)
    assert overall["any"] == pytest.approx(100 * employees[FLAGS].any(axis=1).mean())
    assert list(overall.index) == [*PLATFORMS, "any"]


def test_advocacy_reach_adds_up_the_followers_of_those_who_posted_about_us(employees, employee_posts, brand_accounts,
                                                                           accounts):
    assert analytics.advocacy_reach(employees, employee_posts) == reach(employees, employee_posts)
    per_team = analytics.advocacy_reach(employees, employee_posts, by="team")
    assert per_team.sum() == reach(employees, employee_posts)
    assert per_team["marketing"] == reach(team(employees, "marketing"), employee_posts)
    tiktok = employee_posts[employee_posts["platform"].astype(str) == "tiktok"]
    assert analytics.advocacy_reach(employees, employee_posts, platform="tiktok") == reach(employees, tiktok)
    assert analytics.brand_reach(accounts) == brand_accounts["followers"].sum() == 80_800
    table = analytics.advocacy_vs_brand(employees, employee_posts, accounts)
    members = employees[employees["advocacy_opt_in"]]
    assert table["followers"].tolist() == [80_800, reach(employees, employee_posts), reach(members, employee_posts)]
    assert table["people"].tolist()[0] == len(brand_accounts)
    assert table["times_brand"].iloc[1] == pytest.approx(reach(employees, employee_posts) / 80_800)


def test_a_post_counted_twice_does_not_count_its_author_twice(employees, employee_posts):
    """Reach and participation count people: the same posts given twice change nothing."""
    doubled = pd.concat([employee_posts, employee_posts])
    assert analytics.advocacy_reach(employees, doubled) == analytics.advocacy_reach(employees, employee_posts)
    assert analytics.participation_rate(employees, doubled) == analytics.participation_rate(employees, employee_posts)


def test_topic_mix_and_mood_against_plain_pandas(employee_posts, scored):
    mix = analytics.topic_mix(employee_posts)
    plain = 100 * employee_posts["topic"].astype(str).value_counts(normalize=True)
    assert mix.sum() == pytest.approx(100)
    assert mix["work_life"] == pytest.approx(plain["work_life"])
    assert mix.index[0] == "coffee"
    split = analytics.topic_mix(employee_posts, by="mentions_company")
    assert split.sum().tolist() == pytest.approx([100, 100])
    mood = analytics.topic_mood(analytics.with_auto_sentiment(employee_posts))
    work = scored[scored["topic"] == "work_life"]
    assert mood.loc["work_life", "net_sentiment"] == pytest.approx(net(work["label"]))
    assert mood.loc["work_life", "posts"] == len(work)
    unscored = analytics.topic_mood(employee_posts.head(200))  # no auto_sentiment column: scored on the way
    assert unscored["posts"].sum() == 200


def test_posts_by_purpose_splits_the_archive_in_three(employees, employee_posts):
    table = analytics.posts_by_purpose(employee_posts, employees)
    members = set(employees.loc[employees["advocacy_opt_in"], "employee_id"])
    named = employee_posts["mentions_company"]
    by_member = employee_posts["employee_id"].isin(members)
    assert table["posts"].tolist() == [(named & by_member).sum(), (named & ~by_member).sum(), (~named).sum()]
    assert table["share_pct"].sum() == pytest.approx(100)


def test_with_employee_keeps_every_post(employees, employee_posts):
    joined = analytics.with_employee(employee_posts, employees)
    assert len(joined) == len(employee_posts) and joined.index.equals(employee_posts.index)
    assert (joined["team"].astype(str) == employee_posts["employee_id"].map(
        employees.set_index("employee_id")["team"]).astype(str)).all()


def test_wrong_input_gets_plain_words(employees, employee_posts):
    with pytest.raises(TypeError, match=r"needs rows of the table, not a column of True/False.*employees\[ condition \]"):
        analytics.participation_rate(employees["team"] == "cafes", employee_posts)
    with pytest.raises(TypeError, match=r"needs a table such as employee_posts"):
        analytics.participation_rate(employees, 10)
    with pytest.raises(TypeError, match=r"not one column of it \('ts'\).*employee_posts\[ condition \]"):
        analytics.advocacy_reach(employees, employee_posts["ts"])
    with pytest.raises(TypeError, match=r"there is no platform 'TikTok'; platforms are written 'x', 'linkedin'"):
        analytics.participation_rate(employees, employee_posts, platform="TikTok")
    with pytest.raises(KeyError, match=r"needs the column\(s\) followers"):
        analytics.advocacy_reach(employee_posts, employee_posts)  # the posts where the employees were meant
    with pytest.raises(TypeError, match=r"the two tables the wrong way round: give the employees first"):
        analytics.participation_rate(employee_posts[employee_posts["ts"].dt.month >= 10], employees)
    with pytest.raises(TypeError, match=r"advocacy_reach\(\) got the two tables the wrong way round"):
        analytics.advocacy_reach(employee_posts, employees)
    with pytest.raises(TypeError, match=r"by= takes one column of employees"):
        analytics.participation_rate(employees, employee_posts, by=["team", "age_band"])
    with pytest.raises(TypeError) as info:
        analytics.brand_reach(employees["followers"])
    assert info.value._render_traceback_() == [f"TypeError: {info.value}"]  # one line in Jupyter


# --------------------------------------------------------------------------- the charts


def test_the_charts_draw_what_they_are_given(employees, employee_posts, accounts):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from socialkit import plots

    survey = analytics.platform_adoption(employees)
    ax = plots.adoption_heatmap(survey, highlight="cafes")
    labels = ax.collections[0]  # every cell's number as one collection of outlines
    assert len(labels.get_paths()) == survey.size
    assert [t.get_text() for t in ax.get_yticklabels()][:2] == ["café teams", "roastery"]
    assert ax.get_xticklabels()[-1].get_text() == "any platform" and len(ax.patches) == 1  # the framed row
    ax = plots.reach_bars(analytics.advocacy_vs_brand(employees, employee_posts, accounts))
    assert [round(p.get_width()) for p in ax.patches] == [80_800, 190_911, 69_805]
    assert "upper bound" in ax.get_xlabel()
    ax = plots.topic_mood(analytics.topic_mood(analytics.with_auto_sentiment(employee_posts)))
    assert ax.get_yticklabels()[0].get_text() == "coffee and drinks"
    assert len(ax.patches) == 8
    keys = [t.get_text() for t in ax.get_legend().get_texts()]  # what makes a bar green, grey or red
    assert keys == ["mostly positive (net above +10)", "mixed (net −10 to +10)", "mostly negative (net below −10)"]
    archive = analytics.posts_by_purpose(employee_posts, employees)
    ax = plots.archive_by_purpose(archive)
    assert [t.get_text() for t in ax.texts] == [f"{v:.1f} %" for v in archive["share_pct"]]  # 56.5 %, as the text
    with pytest.raises(TypeError, match="needs the rates per team"):
        plots.participation_bars(survey)
    with pytest.raises(TypeError, match="teams \\(rows\\) × platforms"):
        plots.adoption_heatmap(survey["x"])
    plt.close("all")


# --------------------------------------------------------------------------- the team social map


@pytest.fixture(scope="module")
def board(employees, employee_posts, accounts):
    import matplotlib

    matplotlib.use("Agg")
    from socialkit import widgets

    return widgets.team_map_dashboard(employees, employee_posts, accounts)


def test_the_map_opens_on_who_posted_about_us_over_the_year(board, employees, employee_posts):
    assert (board.active.value, board.who.value, board.team.value, board.months.value) == ("about", "everyone", "all",
                                                                                            (1, 12))
    for name in ("cafes", "finance"):
        assert board.table.loc[name, "tiktok"] == pytest.approx(rate(team(employees, name), employee_posts, "tiktok", True))
        assert board.table.loc[name, "any"] == pytest.approx(rate(team(employees, name), employee_posts, about=True))
    assert f"<b>{reach(employees, employee_posts):,} followers</b>" in board.summary.value
    assert "upper bound" in board.summary.value and board.chart.outputs


def test_every_control_changes_what_the_map_shows_and_reset_puts_it_back(board, employees, employee_posts):
    opening = (board.table.copy(), board.summary.value)
    board.team.value = "cafes"
    board.months.value = (10, 12)
    q4 = months(employee_posts, 10, 12)
    cafes = team(employees, "cafes")
    assert f"<b>{reach(cafes, q4):,} followers</b>" in board.summary.value
    assert board.numbers["headcount"] == len(cafes)
    assert board.table.loc["cafes", "instagram"] == pytest.approx(rate(cafes, q4, "instagram", True))
    board.who.value = "members"
    members = cafes[cafes["advocacy_opt_in"]]
    assert board.numbers["followers"] == reach(members, q4)
    assert board.table.loc["sales", "linkedin"] == pytest.approx(
        rate(team(employees, "sales")[team(employees, "sales")["advocacy_opt_in"]], q4, "linkedin", True))
    board.active.value = "posted"
    assert board.table.loc["cafes", "any"] == pytest.approx(rate(members, q4))
    board.active.value = "survey"
    assert board.months.disabled and "staff survey" in board.summary.value
    assert board.table.loc["cafes", "tiktok"] == pytest.approx(100 * members["active_tiktok"].mean())
    board.reset()
    assert not board.months.disabled
    pd.testing.assert_frame_equal(board.table, opening[0])
    assert board.summary.value == opening[1]


def test_a_team_with_fewer_than_five_chosen_people_shows_no_figure(board, employees, employee_posts):
    """Small-cell suppression: a % of one or two people describes a person, so the map and the reach stay blank."""
    from socialkit.widgets.team import SMALLEST_GROUP

    board.reset()
    board.who.value = "members"
    members = employees[employees["advocacy_opt_in"]]
    small = [t for t, n in members["team"].astype(str).value_counts().items() if n < SMALLEST_GROUP]
    assert sorted(small) == ["finance", "hr", "it"]  # as the guide says
    assert board.table.loc[small].isna().all().all() and board.table.drop(index=small).notna().all().all()
    assert "Blank rows: fewer than 5 such people" in board.summary.value
    board.team.value = "finance"  # one member
    assert "no figure is shown" in board.summary.value and "followers" not in board.summary.value
    shown = board.chart.outputs[0]["data"]["text/plain"]
    assert "finance" in shown
    texts = [t.get_text() for t in board.ax.texts]
    assert "posted about us: too few people to show" in texts and len(board.ax.patches) == 2  # brand bar + frame
    board.reset()
    assert "Blank rows" not in board.summary.value


def test_a_group_with_nobody_says_so_in_words(employees, employee_posts, accounts):
    from socialkit import widgets

    managers = employees[employees["team"].astype(str) == "management"]
    tiny = widgets.team_map_dashboard(managers.assign(advocacy_opt_in=False), employee_posts, accounts)
    tiny.who.value = "members"
    assert "<b>Nobody</b> is among the advocacy programme members" in tiny.summary.value


def test_the_map_refuses_the_wrong_tables_in_plain_words(employees, employee_posts, accounts):
    from socialkit import widgets

    with pytest.raises(KeyError, match=r"needs the employees table .* lacks .*team.*Use data.load\(\"employees\"\)"):
        widgets.team_map_dashboard(employee_posts, employee_posts, accounts)
    with pytest.raises(TypeError, match=r"needs the employee_posts table here, e.g. data.load\(\"employee_posts\"\)"):
        widgets.team_map_dashboard(employees, employee_posts["text"], accounts)
    with pytest.raises(ValueError, match="empty employees table"):
        widgets.team_map_dashboard(employees.head(0), employee_posts, accounts)


# --------------------------------------------------------------------------- Q1: the youngest staff on TikTok


@pytest.fixture(scope="module")
def young(employees):
    return employees[employees["age_band"].astype(str) == "18-24"]


def test_q1_the_pandas_way_and_the_helper_way_are_right(young, employees, employee_posts):
    q4 = months(employee_posts, 10, 12)
    answer = rate(young, q4, "tiktok", True)
    assert_right("07_team.q1", answer)
    assert_right("07_team.q1", round(answer, 1))
    assert_right("07_team.q1", analytics.participation_rate(
        employees[employees["age_band"] == "18-24"], employee_posts[employee_posts["ts"].dt.month >= 10],
        platform="tiktok", about_company=True))
    assert_wrong("07_team.q1", answer / 100, "fraction", "multiply by 100")
    assert_wrong("07_team.q1", f"{answer:.1f}%", "% sign")


def test_q1_typical_mistakes_are_named(young, employees, employee_posts):
    q4 = months(employee_posts, 10, 12)
    named = [
        (rate(young, q4, "tiktok"), "about ANYTHING", "about_company=True"),
        (rate(young, employee_posts, "tiktok", True), "WHOLE year"),
        (rate(young, months(employee_posts, 7, 9), "tiktok", True), "July to September"),
        (rate(young, months(employee_posts, 7, 12), "tiktok", True), "July to December"),
        (rate(young, months(employee_posts, 12, 12), "tiktok", True), "December alone"),
        (rate(employees, q4, "tiktok", True), "EVERY employee, all ages"),
        (rate(employees[employees["age_band"].astype(str) == "25-34"], q4, "tiktok", True), "aged 25–34"),
        (rate(employees, employee_posts, "tiktok", True), "every employee over the whole year"),
        (rate(young, q4, None, True), "ANY platform"),
        (rate(young, q4, "instagram", True), "Instagram"),
        (100 * young["active_tiktok"].mean(), "SAY they are on TikTok"),
        (float(young["employee_id"].isin(q4.loc[q4["mentions_company"] & (q4["platform"].astype(str) == "tiktok"),
                                               "employee_id"]).sum()), "NUMBER of people"),
    ]
    for value, *fragments in named:
        assert_wrong("07_team.q1", value, *fragments)
        assert_wrong("07_team.q1", round(value, 1), *fragments)


def test_q1_an_age_band_written_otherwise_is_told_how_it_is_written(employees, employee_posts):
    typed = analytics.participation_rate(employees[employees["age_band"] == "18–24"],  # an en dash: no rows
                                         employee_posts[employee_posts["ts"].dt.month >= 10], platform="tiktok",
                                         about_company=True)
    assert_wrong("07_team.q1", typed, "no rows", '"18-24"')


def test_q1_right_answer_says_what_the_data_shows(young, employees, employee_posts):
    q4 = months(employee_posts, 10, 12)
    result = verdict("07_team.q1", rate(young, q4, "tiktok", True))
    survey = 100 * young["active_tiktok"].mean()
    management = 100 * team(employees, "management")["active_tiktok"].mean()
    assert result.status == "right"
    assert f"while {survey:.0f} % of them say they are on TikTok" in result.message
    assert f"only {management:.0f} % of the management team is there" in result.message
    assert rate(young, q4, "tiktok", True) < survey  # saying is more than posting


# --------------------------------------------------------------------------- Q2: the café teams' reach, off the dashboard


def test_q2_the_dashboard_figure_is_right_and_the_slips_are_named(employees, employee_posts, accounts, board):
    q4 = months(employee_posts, 10, 12)
    cafes = team(employees, "cafes")
    answer = reach(cafes, q4)
    board.reset()
    board.team.value, board.months.value = "cafes", (10, 12)
    assert f"<b>{answer:,} followers</b>" in board.summary.value  # what the learner reads
    assert_right("07_team.q2", answer)
    assert_right("07_team.q2", float(answer))
    assert_wrong("07_team.q2", (answer // 1000, answer % 1000), "without commas")  # typed 43,939
    assert_wrong("07_team.q2", f"{answer:,}", "Remove the quotes")
    named = [
        (reach(cafes, employee_posts), "WHOLE year"),
        (reach(cafes, months(employee_posts, 7, 9)), "July to September"),
        (reach(cafes, months(employee_posts, 12, 12)), "December alone"),
        (reach(employees, q4), "ALL teams"),
        (reach(team(employees, "marketing"), q4), "marketing"),
        (reach(cafes[cafes["advocacy_opt_in"]], q4), "programme members only"),
        (reach(cafes[~cafes["advocacy_opt_in"]], q4), "outside the programme"),
        (80_800, "brand's OWN followers"),
    ]
    for value, fragment in named:
        assert_wrong("07_team.q2", value, fragment)
    result = verdict("07_team.q2", answer)
    assert f"{100 * answer / 80_800:.0f} % of the 80,800 followers" in result.message and "upper bound" in result.message
    assert result.message.startswith(f"{answer:,} followers — ")  # separators as in the 80,800 it is set against
    board.reset()


# --------------------------------------------------------------------------- Q3: the software's reading of the café teams' posts about work


def test_q3_the_net_sentiment_and_its_slips(scored):
    cafes = scored[scored["team"] == "cafes"]
    work = cafes[cafes["topic"] == "work_life"]
    answer = net(work["label"])
    assert_right("07_team.q3", answer)
    assert_right("07_team.q3", round(answer, 1))
    named = [
        (net(scored.loc[scored["topic"] == "work_life", "label"]), "EVERY team's posts"),
        (net(scored.loc[(scored["team"] == "roastery") & (scored["topic"] == "work_life"), "label"]), "roastery"),
        (net(cafes.loc[cafes["topic"] == "personal", "label"]), "private life"),
        (net(cafes.loc[cafes["topic"] == "customer_story", "label"]), "customer_story"),
        (100 * len(work) / len(cafes), "SHARE of the café teams' posts"),
        (float(len(work)), "NUMBER of posts"),
        (net(cafes["label"]), "ALL topics together"),
        (-answer, "sign is reversed"),
    ]
    for value, fragment in named:
        assert_wrong("07_team.q3", value, fragment)
        assert_wrong("07_team.q3", round(value, 1), fragment)


def test_q3_a_whole_table_or_no_rows_get_their_own_advice(scored, employees, employee_posts):
    posts_by_team = analytics.with_auto_sentiment(analytics.with_employee(employee_posts, employees))
    table = analytics.topic_mood(posts_by_team[posts_by_team["team"] == "cafes"])
    assert_wrong("07_team.q3", table, 'TABLE.loc["work_life", "net_sentiment"]')
    assert_wrong("07_team.q3", table["net_sentiment"], 'TABLE.loc["work_life", "net_sentiment"]')
    assert_wrong("07_team.q3", float("nan"), "no rows", '"cafes"')


def test_q3_right_answer_says_what_the_posts_say(scored):
    work = scored[(scored["team"] == "cafes") & (scored["topic"] == "work_life")]
    result = verdict("07_team.q3", net(work["label"]))
    assert result.status == "right" and "Dead tired after the Saturday rush but what a team" in result.message
    proud = work["text"].str.startswith(("Dead tired after the Saturday rush", "Crevé après le rush du samedi"))
    assert proud.mean() > 0.5  # "most are one proud line"
    assert work.loc[~proud, "text"].str.contains("débiles|dumbest|merde|shit|Bloody").any()  # "a few cross a line"


# --------------------------------------------------------------------------- Q4 and Q5: the choices


def test_q4_and_q5_accept_the_right_letter_and_explain_the_others():
    assert_right("07_team.q4", "b")
    assert_wrong("07_team.q4", "A", "not a count of people")
    assert_wrong("07_team.q4", "C", "impressions")
    assert_right("07_team.q5", " C ")
    assert_wrong("07_team.q5", "A", "Opinion 2/2017")
    assert_wrong("07_team.q5", "B", "should not be required")
    assert_wrong("07_team.q5", "D", "appraisals")


def test_q4_total_on_the_slide_is_the_datas(employees, employee_posts):
    notebook = json.loads(SOLUTIONS.read_text(encoding="utf-8"))
    (q4,) = ["".join(c["source"]) for c in notebook["cells"] if "### Q4" in "".join(c["source"])]
    total = reach(employees, employee_posts)
    sharers = employee_posts.loc[employee_posts["mentions_company"], "employee_id"].nunique()
    assert f"{sharers} employees posted about Café Lumière. Together they reach {total:,} people — " \
           f"{total / 80_800:.1f} times our brand accounts' 80,800 followers. Total audience: {total + 80_800:,}" in q4


def test_the_right_options_are_not_copied_from_the_lesson(lesson_text):
    notebook = json.loads(SOLUTIONS.read_text(encoding="utf-8"))
    lesson = re.sub(r"[*,.()\"“”]", "", lesson_text.lower())
    for heading, letter in (("### Q4", "B"), ("### Q5", "C")):
        (cell,) = ["".join(c["source"]) for c in notebook["cells"] if heading in "".join(c["source"])]
        option = cell.split(f"- **{letter}.**")[1].split("\n")[0]
        words = re.sub(r"[*,.()\"“”]", "", option.lower()).split()
        phrases = {" ".join(words[i:i + 6]) for i in range(len(words) - 5)}
        assert [p for p in phrases if p in lesson] == [], heading  # no six words in a row from the lesson


# --------------------------------------------------------------------------- figures quoted in the lesson


@pytest.fixture(scope="module")
def lesson_text():
    notebook = json.loads(LESSON.read_text(encoding="utf-8"))
    return "\n".join("".join(c["source"]) for c in notebook["cells"] if c["cell_type"] == "markdown")


@pytest.fixture(scope="module")
def lesson_code():
    notebook = json.loads(LESSON.read_text(encoding="utf-8"))
    return "\n".join("".join(c["source"]) for c in notebook["cells"] if c["cell_type"] == "code")


def test_the_lessons_survey_and_participation_figures_are_the_datas(lesson_text, employees, employee_posts):
    survey = analytics.platform_adoption(employees)
    everyone = analytics.platform_adoption(employees, by=None)
    cafes, management = survey.loc["cafes"], survey.loc["management"]
    assert f"**{everyone['any']:.1f} %** of the staff are active on at least one platform" in lesson_text
    assert (f"**Instagram ({cafes['instagram']:.1f} %)** and **TikTok ({cafes['tiktok']:.1f} %)**; only "
            f"{cafes['linkedin']:.1f} % of them are on LinkedIn") in lesson_text
    assert (f"**LinkedIn ({management['linkedin']:.1f} %)**, and only {management['tiktok']:.1f} % of it is on "
            f"TikTok") in lesson_text
    headcount = employees["team"].astype(str).value_counts()
    assert f"works in the cafés ({headcount['cafes']} of the {len(employees)} people)" in lesson_text
    assert headcount["cafes"] > len(employees) / 2  # "more than half"
    q4 = months(employee_posts, 10, 12)
    assert f"**{rate(employees, q4):.1f} %** of the staff posted at least once" in lesson_text
    assert f"**{rate(employees, q4, about=True):.1f} %** posted something that names or tags" in lesson_text
    about = analytics.participation_rate(employees, q4, by="team", about_company=True)
    assert about.idxmax() == "management" and f"Management talks about the company most ({about.max():.1f} %)" in lesson_text
    assert set(about.nsmallest(2).index) == {"finance", "roastery"} and about.nsmallest(2).between(45, 55).all()
    members, others = employees[employees["advocacy_opt_in"]], employees[~employees["advocacy_opt_in"]]
    assert (f"{rate(members, q4, about=True):.1f} % of the members against {rate(others, q4, about=True):.1f} % of "
            f"the others") in lesson_text
    named = employee_posts[employee_posts["mentions_company"]]
    by_members = named["employee_id"].isin(members["employee_id"])
    assert f"{len(members)} of them joined the **advocacy programme**" in lesson_text
    assert f"the members — {100 * len(members) / len(employees):.0f} % of the staff — wrote" in lesson_text
    assert (f"**{100 * by_members.mean():.1f} % of all the posts that name Café Lumière** ({by_members.sum():,} of "
            f"{len(named):,}") in lesson_text


def test_the_lessons_reach_figures_are_the_datas(lesson_text, employees, employee_posts):
    named = employee_posts.loc[employee_posts["mentions_company"], "employee_id"]
    sharers = employees[employees["employee_id"].isin(named)]
    total, members = sharers["followers"].sum(), sharers[sharers["advocacy_opt_in"]]
    assert f"**{len(sharers)} employees** posted about Café Lumière" in lesson_text
    assert f"add up to **{total:,}** — about **{total / 80_800:.1f} times** the 80,800 followers" in lesson_text
    assert (f"The {len(members)} programme members among them add up to {members['followers'].sum():,} "
            f"({members['followers'].sum() / 80_800:.2f} times") in lesson_text
    per_team = sharers.groupby(sharers["team"].astype(str))["followers"].sum()
    assert per_team.idxmax() == "cafes" and f"café teams hold the largest sum ({per_team['cafes']:,} followers)" in lesson_text
    marketing = (employees["team"].astype(str) == "marketing").sum()
    assert f"the {marketing} people of marketing hold {per_team['marketing']:,}" in lesson_text
    assert "five accounts" in lesson_text and (data.load("accounts")["role"].astype(str) == "brand").sum() == 5
    assert f"{100 * len(sharers) / len(employees):.1f} % of them posted about it in 2025" in lesson_text


def test_the_lessons_topic_and_archive_figures_are_the_datas(lesson_text, lesson_code, scored, employees,
                                                              employee_posts):
    share = 100 * scored["topic"].value_counts(normalize=True)
    mood = {t: net(g["label"]) for t, g in scored.groupby("topic")}
    assert f"Coffee and drinks come first ({share['coffee']:.1f} % of the posts)" in lesson_text
    assert share.idxmax() == "coffee"
    assert (f"**A day at work** ({share['work_life']:.1f} %) is the only topic the software reads as clearly "
            f"negative: net {mood['work_life']:.1f}").replace("-", "−") in lesson_text
    assert [t for t, m in mood.items() if m < -10] == ["work_life"]
    assert f"Company news is almost all positive (+{mood['company_news']:.1f})" in lesson_text
    assert f"and {share['personal']:.1f} % of the posts are about private life" in lesson_text
    work = scored[scored["topic"] == "work_life"]
    negative = work[work["label"] == "negative"]
    proud = negative["text"].str.startswith("Dead tired after the Saturday rush but what a team")
    assert f"Of the {len(negative)} posts about a day at work that the software reads as negative, {proud.sum()} are" \
           in lesson_text
    same = negative.loc[proud, "text"].value_counts()  # one sentence, six emoji: six rows of the lesson's table
    top_ten = negative["text"].value_counts().head(10)
    assert len(same) == 6 and same.index.isin(top_ten.index).all()
    assert_quotes(lesson_text, "each copy ends with a different emoji, cut off in the table: {} = {}.",
                  " + ".join(str(n) for n in same), proud.sum())
    assert 'print(f"{len(at_work)} posts kept' in lesson_code  # the 273 is printed above the table
    both = work["text"].str.startswith(("Dead tired after the Saturday rush", "Crevé après le rush du samedi"))
    assert f"{both.sum()} of the {len(work)} posts about a day at work are this proud line" in lesson_text
    texts = negative["text"]
    assert texts.str.contains("machine").any() and texts.str.contains("débiles|dumbest").any()  # swearing, insults
    assert work["text"].str.contains("over 50|plus de 50").any()  # "people over 50 are too slow"
    assert f"a minority even among the posts about a day at work ({(~both).sum()} of {len(work)})" in lesson_text
    assert (work.loc[~both, "text"].isin(employee_posts.loc[employee_posts["policy_label"].astype(str) != "ok", "text"])
            ).all()  # every one of them is a post the policy review flagged
    archive = analytics.posts_by_purpose(employee_posts, employees)
    assert (f"**{archive['share_pct'].iloc[2]:.1f} %**, {archive['posts'].iloc[2]:,} posts — does not name Café "
            f"Lumière") in lesson_text
    assert f"Another {archive['share_pct'].iloc[1]:.1f} % names the company" in lesson_text
    unnamed = employee_posts.loc[~employee_posts["mentions_company"], "topic"].astype(str).value_counts(normalize=True)
    assert list(unnamed.index[:3]) == ["coffee", "work_life", "customer_story"] and round(1 / unnamed["personal"]) == 9
    assert "(only about one in nine of them is about private life)" in lesson_text
    assert f"Only **{archive['share_pct'].iloc[0]:.1f} %** ({archive['posts'].iloc[0]:,} posts)" in lesson_text


def test_the_lessons_try_this_step_1_answer_is_the_opening_map(lesson_text, board, employees, employee_posts):
    """Step 1 names its months (the whole year, not section 1's quarter) and its answer is what the map shows."""
    board.reset()
    year = board.table
    leader = year["any"].idxmax()
    platform = year.drop(columns="any").loc[leader].idxmax()
    assert (leader, platform) == ("customer_care", "facebook") and year["any"].nlargest(2).index[1] == "management"
    assert year.loc[leader, "any"] == pytest.approx(rate(team(employees, leader), employee_posts, about=True))
    assert_quotes(lesson_text, "over the whole year, customer care leads ({:.0f} %), most on Facebook ({:.0f} %), just "
                  "ahead of management ({:.0f} %); in October–December alone (section 1), management led.",
                  year.loc[leader, "any"], year.loc[leader, platform], year.loc["management", "any"])
    quarter = months(employee_posts, 10, 12)
    by_team = {t: rate(team(employees, t), quarter, about=True) for t in year.index}
    assert max(by_team, key=by_team.get) == "management"  # section 1's leader, October–December
    assert "**Months: Jan–Dec**: the whole year, while section 1 looked at October–December only" in lesson_text
    board.active.value = "survey"  # step 2: the map is the survey's, the reach still comes from posts
    assert f"<b>{reach(employees, employee_posts):,} followers</b>" in board.summary.value
    assert "reach always comes from posts, never from the survey" in lesson_text
    board.reset()


def test_the_lessons_try_this_marketing_step_matches_the_dashboard(lesson_text, board, employees, employee_posts):
    """The guide quotes the four moves; the numbers are what the dashboard shows."""
    room, _ = guide_parts("07_team")
    board.reset()
    everyone = rate(employees, employee_posts, about=True)
    assert f"{everyone:.0f} % of the 400 employees posted about\n     the company in 2025" in room
    opening = board.table["any"]
    assert f"customer care ({opening['customer_care']:.0f} %) and management ({opening['management']:.0f} %) lead" \
        in room and list(opening.nlargest(2).index) == ["customer_care", "management"]
    survey = analytics.platform_adoption(employees)
    assert (f"Instagram ({survey.loc['cafes', 'instagram']:.0f} %) and TikTok ({survey.loc['cafes', 'tiktok']:.0f} %), "
            f"pale on\n     LinkedIn ({survey.loc['cafes', 'linkedin']:.0f} %)") in room
    members, others = employees[employees["advocacy_opt_in"]], employees[~employees["advocacy_opt_in"]]
    assert (f"{rate(members, employee_posts, about=True):.0f} % of the {len(members)} members posted about the\n"
            f"     company against {rate(others, employee_posts, about=True):.0f} % of the {len(others)} others") in room
    assert f"({reach(others, employee_posts):,} against\n     {reach(members, employee_posts):,})" in room
    q4 = months(employee_posts, 10, 12)
    marketing = team(employees, "marketing")
    posted = marketing["employee_id"].isin(q4.loc[q4["mentions_company"], "employee_id"]).sum()
    assert f"{posted} of the {len(marketing)} marketers posted about the company" in room
    assert f"add up to {reach(marketing, q4):,}, {reach(marketing, q4) / 80_800:.2f} times" in room
    board.active.value = "about"
    board.team.value, board.months.value = "marketing", (10, 12)
    assert "most on LinkedIn" in board.summary.value
    board.reset()


# --------------------------------------------------------------------------- the guide's answers


def test_the_guides_answers_are_the_datas(young, employees, employee_posts, scored):
    _, answers = guide_parts("07_team")
    q4 = months(employee_posts, 10, 12)
    posted = young["employee_id"].isin(q4.loc[q4["mentions_company"] & (q4["platform"].astype(str) == "tiktok"),
                                              "employee_id"])
    assert f"**Q1:** {rate(young, q4, 'tiktok', True):.1f} % — {posted.sum()} of the {len(young)} employees aged 18–24" \
        in answers
    assert f"while {100 * young['active_tiktok'].mean():.0f} % of them say they are on TikTok" in answers
    assert f"the\n  rate is {rate(young, q4, 'tiktok'):.1f} %; over the whole year {rate(young, employee_posts, 'tiktok', True):.1f} %" in answers
    cafes = team(employees, "cafes")
    answer = reach(cafes, q4)
    sharers = cafes["employee_id"].isin(q4.loc[q4["mentions_company"], "employee_id"]).sum()
    assert f"**Q2:** {answer} followers ({answer:,}) — the {sharers} café-team employees" in answers
    assert f"about {100 * answer / 80_800:.0f} % of the brand's own 80,800" in answers
    work = scored[(scored["team"] == "cafes") & (scored["topic"] == "work_life")]
    every = scored[scored["topic"] == "work_life"]
    assert (f"**Q3:** {net(work['label']):.1f} — the software's net sentiment of the café teams' {len(work)} posts about "
            f"a day at work (every team\n  together: {net(every['label']):.1f})").replace("-", "−") in answers
    assert "**Q4:** B" in answers and checks.evaluate("07_team.q4", "B").status == "right"
    assert "**Q5:** C" in answers and checks.evaluate("07_team.q5", "C").status == "right"


# --------------------------------------------------------------------------- the map's texts fit, on a screen and a projector


def _texts_outside(figure) -> list[str]:
    """Every visible text of ``figure`` whose box sticks out of the figure, drawn as the PNG is."""
    from matplotlib.text import Text

    figure.canvas.draw()
    renderer, box = figure.canvas.get_renderer(), figure.bbox
    outside = []
    for text in figure.findobj(Text):
        if not (text.get_visible() and text.get_text()):
            continue
        edge = text.get_window_extent(renderer)
        if edge.x0 < box.x0 - 0.5 or edge.x1 > box.x1 + 0.5 or edge.y0 < box.y0 - 0.5 or edge.y1 > box.y1 + 0.5:
            outside.append(text.get_text())
    return outside


@pytest.mark.parametrize("projector", [False, True])
def test_every_text_of_the_team_map_lies_inside_the_figure(employees, employee_posts, accounts, projector, monkeypatch):
    """The longest team names (left), the reach lines (right) and the title stay whole, whatever the controls."""
    from socialkit import widgets

    monkeypatch.setenv("SOCIALKIT_PROJECTOR", "1" if projector else "0")
    board = widgets.team_map_dashboard(employees, employee_posts, accounts)
    figure = board._chart.figure
    assert _texts_outside(figure) == []
    names = [t.get_text() for t in board.ax.get_yticklabels()]
    assert "customer care" in names and "management" in names
    for control, value in ((board.team, "customer_care"), (board.who, "members"), (board.months, (10, 12)),
                           (board.active, "posted"), (board.team, "finance"), (board.active, "survey")):
        control.value = value
        assert _texts_outside(figure) == [], (control.description, value)
    assert any(t.get_text().startswith("posted about us") for t in board.ax.texts)


def test_a_team_map_at_its_old_fixed_place_is_caught(employees, employee_posts, accounts, monkeypatch):
    """The check above rejects the map as it was placed before (a fixed place): names cut at the left in projector mode."""
    from socialkit import widgets
    from socialkit.widgets._base import Chart

    monkeypatch.setenv("SOCIALKIT_PROJECTOR", "1")
    board = widgets.team_map_dashboard(employees, employee_posts, accounts)
    chart = Chart(board.figsize)

    def old_place(ax):
        board.draw(ax)
        ax.set_position([0.12, 0.1, 0.5, 0.78])

    chart.render(old_place, keep_axes=True)
    outside = _texts_outside(chart.figure)
    assert "customer care" in outside and any(t.startswith("posted about us") for t in outside)
