"""Module 08's own tests: the policy and experiment metrics against plain pandas (and SciPy), the checks'
typical mistakes, the learner's own rule judged safely (also by the real grader), the two dashboards'
behaviour, the charts, and every figure the lesson and the guide quote, recomputed from the data."""

from __future__ import annotations

import json
import math
import re

import numpy as np
import pandas as pd
import pytest

from kit import ROOT as REPO
from kit import assert_right, assert_wrong, guide_parts, verdict
from socialkit import analytics, checks, data, widgets

LESSON = REPO / "course" / "08_trust" / "08_trust.ipynb"
SOLUTIONS = REPO / "solutions" / "08_trust" / "08_trust_exercises.ipynb"
AGENCY = list(widgets.AGENCY_WORDS)


@pytest.fixture(scope="module")
def employees():
    return data.load("employees")


@pytest.fixture(scope="module")
def employee_posts():
    return data.load("employee_posts")


@pytest.fixture(scope="module")
def posts(employee_posts, employees):
    """The posts with the author's team, joined here in plain pandas, codes as plain text."""
    joined = employee_posts.merge(employees[["employee_id", "team", "advocacy_opt_in"]], on="employee_id", how="left")
    for column in ("team", "platform", "lang", "policy_label"):
        joined[column] = joined[column].astype(str)
    joined["bad"] = joined["policy_label"] != "ok"
    return joined


@pytest.fixture(scope="module")
def experiment(posts):
    """The spring experiment's posts in plain pandas: members' posts from 17 March to 25 May 2025 (UTC days)."""
    day = posts["ts"].dt.tz_convert("UTC").dt.strftime("%Y-%m-%d")
    return posts[posts["advocacy_opt_in"].astype(bool) & (day >= "2025-03-17") & (day <= "2025-05-25")]


def rate(rows) -> float:
    """Violation rate in plain pandas."""
    return 100 * rows["bad"].mean()


def screen(texts: pd.Series, words, whole_words=True) -> pd.Series:
    """The word screen in plain Python: a listed word as a whole word (between non-letters) or anywhere."""
    lowered = texts.str.lower().str.replace("’", "'")
    if not whole_words:
        return lowered.apply(lambda t: any(w in t for w in words))

    def holds(text):
        for word in words:
            start = text.find(word)
            while start >= 0:
                before = text[start - 1] if start else " "
                after = text[start + len(word)] if start + len(word) < len(text) else " "
                if not (before.isalnum() or before == "_") and not (after.isalnum() or after == "_"):
                    return True
                start = text.find(word, start + 1)
        return False

    return lowered.apply(holds)


def pr(flagged, bad) -> tuple[float, float]:
    """Precision and recall in plain pandas."""
    both = (flagged & bad).sum()
    return 100 * both / flagged.sum(), 100 * both / bad.sum()


def z_test(yes_t, n_t, yes_c, n_c):
    """The pooled two-proportion z-test, written out independently: (uplift in points, z, two-sided p)."""
    from scipy.stats import chi2_contingency

    p1, p2 = yes_t / n_t, yes_c / n_c
    pooled = (yes_t + yes_c) / (n_t + n_c)
    z = (p1 - p2) / math.sqrt(pooled * (1 - pooled) * (1 / n_t + 1 / n_c))
    table = np.array([[yes_t, n_t - yes_t], [yes_c, n_c - yes_c]])
    p = chi2_contingency(table, correction=False).pvalue  # the chi-square test of a 2 × 2 table: z² = chi²
    return 100 * (p1 - p2), z, p


# --------------------------------------------------------------------------- metrics against plain pandas


def test_violation_rate_is_posts_against_the_policy_over_all_posts(posts):
    assert analytics.violation_rate(posts) == pytest.approx(rate(posts))
    by_team = analytics.violation_rate(posts, by="team")
    expected = posts.groupby("team")["bad"].mean() * 100
    assert by_team.to_dict() == pytest.approx(expected.to_dict())
    assert list(by_team) == sorted(by_team, reverse=True)
    insults = analytics.violation_rate(posts, kind="insult")
    assert insults == pytest.approx(100 * (posts["policy_label"] == "insult").mean())
    assert math.isnan(analytics.violation_rate(posts.iloc[:0]))


def test_violations_by_kind_splits_each_groups_rate(posts):
    table = analytics.violations_by_kind(posts, by="team")
    cafes = posts[posts["team"] == "cafes"]
    for kind in ("insult", "profanity", "confidential", "off_values"):
        assert table.loc["cafes", kind] == pytest.approx(100 * (cafes["policy_label"] == kind).mean())
    totals = table[["insult", "profanity", "confidential", "off_values"]].sum(axis=1)
    assert totals.to_dict() == pytest.approx(analytics.violation_rate(posts, by="team").to_dict())
    assert table.loc["cafes", "posts"] == len(cafes)


@pytest.mark.parametrize("whole_words", [True, False])
def test_flag_posts_and_precision_recall_against_plain_python(employee_posts, posts, whole_words):
    flagged = analytics.flag_posts(employee_posts, AGENCY, whole_words=whole_words)
    expected = screen(posts["text"], AGENCY, whole_words)
    assert (flagged["flagged"].to_numpy() == expected.to_numpy()).all()
    precision, recall = pr(expected, posts["bad"])
    got = analytics.precision_recall(flagged["flagged"], analytics.against_policy(employee_posts))
    assert got["precision_pct"] == pytest.approx(precision) and got["recall_pct"] == pytest.approx(recall)
    outcomes = analytics.screen_outcomes(flagged)
    assert outcomes.loc["ok", "flagged"] == (expected & ~posts["bad"]).sum()
    assert outcomes.loc["insult", "posts"] == (posts["policy_label"] == "insult").sum()


def test_the_screen_says_which_words_flagged_a_post(employee_posts):
    flagged = analytics.flag_posts(employee_posts, ["killer", "dead"])
    killer = flagged[flagged["text"].str.startswith("Killer crema")]
    assert len(killer) and (killer["flagged_by"] == "killer").all()
    assert (flagged.loc[~flagged["flagged"], "flagged_by"] == "").all()
    from socialkit.analytics.policy import words_found

    assert words_found("Dead tired, DEAD happy", ["dead", "happy"]) == ["dead", "happy"]


def test_word_rule_matches_whole_words_phrases_and_refuses_non_text():
    rule = analytics.word_rule(["con", "sales down", "Idiot"])
    assert rule("What an IDIOT") is True
    assert rule("Le déca contient de la caféine") is False           # "con" inside a word, whole words only
    assert analytics.word_rule(["con"], whole_words=False)("Le déca contient") is True
    assert rule("Q3: sales down 5%") is True and rule("sales are down") is False
    assert rule(None) is False and rule(42) is False
    assert analytics.word_rule([])("anything") is False
    assert rule.words == ("con", "sales down", "idiot")


def test_two_proportion_test_against_scipy(experiment):
    for outcome, column, least in (("shared", "shares", 1), ("complaint", "complaints", 1), ("liked_10", "likes", 10)):
        yes = experiment[column] >= least
        test = experiment["is_experiment"]
        uplift, z, p = z_test(yes[test].sum(), test.sum(), yes[~test].sum(), (~test).sum())
        result = analytics.experiment_uplift(experiment, outcome)
        assert result["uplift_points"] == pytest.approx(uplift)
        assert result["z"] == pytest.approx(z)
        assert result["p_value"] == pytest.approx(p, rel=1e-9, abs=1e-15)
        assert result["relative_uplift_pct"] == pytest.approx(100 * uplift / (100 * yes[~test].mean()))


def test_experiment_posts_are_the_members_posts_of_the_spring(employee_posts, employees, experiment):
    found = analytics.experiment_posts(employee_posts, employees)
    assert set(found["post_id"]) == set(experiment["post_id"])
    assert found["is_experiment"].sum() == employee_posts["is_experiment"].sum()  # every test post is inside


def test_experiment_by_week_ends_on_the_whole_result(experiment):
    weeks = analytics.experiment_by_week(experiment, "shared")
    whole = analytics.experiment_uplift(experiment, "shared")
    assert list(weeks.index) == list(range(1, len(weeks) + 1)) and len(weeks) == 10
    assert weeks.iloc[-1]["uplift_points"] == pytest.approx(whole["uplift_points"])
    assert (weeks["test_posts"].diff().dropna() >= 0).all()


def test_wrong_input_gets_plain_words(employee_posts, employees, experiment):
    with pytest.raises(TypeError, match=r"not a column of True/False.*employee_posts\[ condition \]"):
        analytics.violation_rate(employee_posts["lang"] == "en")
    with pytest.raises(TypeError, match="LIST of words in square brackets"):
        analytics.word_rule("idiot, merde")
    with pytest.raises(TypeError, match="every word goes in quotes"):
        analytics.flag_posts(employee_posts, ["idiot", 3])
    with pytest.raises(TypeError, match="kinds of breach are"):
        analytics.violation_rate(employee_posts, kind="rude")
    with pytest.raises(TypeError, match="the outcomes are 'shared', 'complaint', 'liked_10'"):
        analytics.experiment_uplift(experiment, "likes")
    with pytest.raises(TypeError, match="needs both groups"):
        analytics.experiment_uplift(experiment[experiment["is_experiment"]], "shared")
    with pytest.raises(TypeError, match="needs a table such as employee_posts"):
        analytics.experiment_posts(3, employees)
    with pytest.raises(TypeError, match="first, then the employees"):
        widgets.experiment_dashboard(employees, employee_posts)
    with pytest.raises(TypeError, match="lacks text, lang, policy_label"):
        widgets.policy_screen_dashboard(employees)


def test_the_charts_draw_what_they_are_given(employee_posts, posts, experiment):
    import matplotlib

    matplotlib.use("Agg")
    from socialkit import plots

    ax = plots.violation_bars(analytics.violations_by_kind(posts, by="team"))
    assert len(ax.patches) == 4 * posts["team"].nunique() and "% of the group's posts" in ax.get_xlabel()
    ax = plots.screen_outcomes(analytics.screen_outcomes(analytics.flag_posts(employee_posts, AGENCY)))
    assert len(ax.patches) == 5 and ax.get_yticklabels()[0].get_text() == "within the policy"
    results = {"a": analytics.experiment_uplift(experiment, "shared"), "b": analytics.experiment_uplift(experiment)}
    ax = plots.experiment_bars(results)
    assert len(ax.patches) == 4
    ax = plots.experiment_weeks(analytics.experiment_by_week(experiment), current=3)
    assert ax.lines[0].get_ydata().shape == (10,)


# --------------------------------------------------------------------------- the dashboards


@pytest.fixture
def screen_board(employee_posts):
    return widgets.policy_screen_dashboard(employee_posts)


def test_the_policy_screen_opens_on_the_agencys_list_and_says_what_it_finds(screen_board, posts):
    flagged = screen(posts["text"], AGENCY)
    precision, recall = pr(flagged, posts["bad"])
    assert screen_board.precision == pytest.approx(precision) and screen_board.recall == pytest.approx(recall)
    assert f"<b>{flagged.sum()}</b> posts flagged" in screen_board.summary.value
    assert "False alarms" in screen_board.summary.value and "Dead tired" in screen_board.summary.value
    assert "Missed" in screen_board.summary.value
    assert set(screen_board.table.columns) == {"text", "posts", "flagged_by", "policy_label"}
    assert screen_board.table["posts"].sum() == flagged.sum()
    assert screen_board.table.iloc[0]["policy_label"] == "ok"  # false alarms first


def test_every_control_of_the_policy_screen_changes_what_it_shows_and_reset_puts_it_back(screen_board, posts):
    opening = screen_board.summary.value
    screen_board.words.value = "idiot, putain"
    assert screen_board.precision == pytest.approx(100.0)
    assert screen_board.recall == pytest.approx(pr(screen(posts["text"], ["idiot", "putain"]), posts["bad"])[1])
    screen_board.reset()
    screen_board.strictness.value = False
    assert screen_board.recall == pytest.approx(pr(screen(posts["text"], AGENCY, False), posts["bad"])[1])
    assert "consigne" in " ".join(screen_board.table["text"])
    screen_board.language.value = "en"
    english = posts[posts["lang"] == "en"]
    assert screen_board.recall == pytest.approx(pr(screen(english["text"], AGENCY, False), english["bad"])[1])
    screen_board.reset()
    assert screen_board.summary.value == opening


def test_an_empty_word_box_says_what_to_type(screen_board):
    screen_board.words.value = " , "
    assert "Type at least one word" in screen_board.summary.value
    assert screen_board.table.empty


@pytest.fixture
def experiment_board(employee_posts, employees):
    return widgets.experiment_dashboard(employee_posts, employees)


def test_the_experiment_calculator_reads_the_chosen_week_and_outcome(experiment_board, experiment):
    whole = analytics.experiment_uplift(experiment, "shared")
    assert experiment_board.result["uplift_points"] == pytest.approx(whole["uplift_points"])
    assert f"{whole['uplift_points']:+.1f} points" in experiment_board.summary.value
    assert "significant" in experiment_board.summary.value
    experiment_board.weeks.value = 1
    first = experiment[(experiment["ts"] - pd.Timestamp("2025-03-17", tz="UTC")).dt.days < 7]
    yes, test = first["shares"] >= 1, first["is_experiment"]
    uplift, _, p = z_test(yes[test].sum(), test.sum(), yes[~test].sum(), (~test).sum())
    assert experiment_board.result["uplift_points"] == pytest.approx(uplift)
    assert "not significant" in experiment_board.summary.value and p > 0.05
    experiment_board.outcome.value = "complaint"
    assert "drew a complaint" in experiment_board.summary.value
    experiment_board.reset()
    assert experiment_board.weeks.value == 10 and experiment_board.outcome.value == "shared"


# --------------------------------------------------------------------------- the questions' typical mistakes


def test_q1_right_and_typical_mistakes(posts):
    cafes = posts[posts["team"] == "cafes"]
    answer = rate(cafes[cafes["platform"] == "tiktok"])
    assert_right("08_trust.q1", answer)
    assert_right("08_trust.q1", round(answer, 1))
    assert_wrong("08_trust.q1", rate(cafes), "EVERY platform")
    assert_wrong("08_trust.q1", rate(posts[posts["platform"] == "tiktok"]), "EVERY team")
    assert_wrong("08_trust.q1", rate(posts), "every post of every team")
    tiktok = cafes[cafes["platform"] == "tiktok"]
    assert_wrong("08_trust.q1", 100 * (tiktok["policy_label"] == "insult").mean(), "insults only")
    assert_wrong("08_trust.q1", float(tiktok["bad"].sum()), "NUMBER of posts")


def test_the_agencys_list_is_the_same_in_the_dashboard_the_questions_and_the_hidden_test():
    from socialkit.questions import trust

    assert trust.AGENCY_WORDS == widgets.AGENCY_WORDS
    hidden = SOLUTIONS.read_text(encoding="utf-8")
    assert json.dumps(list(widgets.AGENCY_WORDS), ensure_ascii=False).replace('"', '\\"') in hidden


def test_q2_right_and_typical_mistakes(posts):
    english = posts[posts["lang"] == "en"]
    precision, recall = pr(screen(english["text"], AGENCY, False), english["bad"])
    assert_right("08_trust.q2", recall)
    assert_wrong("08_trust.q2", pr(screen(english["text"], AGENCY, True), english["bad"])[1], "whole words only")
    assert_wrong("08_trust.q2", pr(screen(posts["text"], AGENCY, False), posts["bad"])[1], "ALL the posts")
    assert_wrong("08_trust.q2", precision, "PRECISION")
    assert_wrong("08_trust.q2", pr(screen(posts["text"], AGENCY, True), posts["bad"])[1], "as it opens")


def test_q3_right_and_typical_mistakes(experiment):
    liked, test = experiment["likes"] >= 10, experiment["is_experiment"]
    t, c = 100 * liked[test].mean(), 100 * liked[~test].mean()
    assert_right("08_trust.q3", 100 * (t - c) / c)
    assert_wrong("08_trust.q3", t - c, "percentage POINTS")
    assert_wrong("08_trust.q3", -100 * (t - c) / c, "sign is reversed")
    assert_wrong("08_trust.q3", t, "test group's rate alone")
    shared = experiment["shares"] >= 1
    relative = 100 * (shared[test].mean() - shared[~test].mean()) / shared[~test].mean()
    assert_wrong("08_trust.q3", relative, "SHARED")


def test_q4_accepts_the_right_letter_and_explains_the_others():
    assert_right("08_trust.q4", "b")
    for letter, fragment in (("A", "does not mean"), ("C", "does not veto"), ("D", "main metric")):
        assert_wrong("08_trust.q4", letter, fragment)


def test_q4_figures_in_the_question_are_the_datas(experiment):
    notebook = json.loads(SOLUTIONS.read_text(encoding="utf-8"))
    (text,) = ["".join(c["source"]) for c in notebook["cells"] if "### Q4" in "".join(c["source"])]
    shared = analytics.experiment_uplift(experiment, "shared")
    complaint = analytics.experiment_uplift(experiment, "complaint")
    assert f"by {shared['uplift_points']:.1f} points (p-value under 0.001)" in text and shared["p_value"] < 0.001
    assert (f"from {complaint['control_pct']:.1f} % (control) to {complaint['test_pct']:.1f} % (test): "
            f"+{complaint['uplift_points']:.1f} points, 95 % margin ± {complaint['margin_points']:.1f} points, "
            f"p-value {complaint['p_value']:.3f}") in text


# --------------------------------------------------------------------------- Q5: the learner's own rule


@pytest.fixture(scope="module")
def held_out():
    """The held-out posts, read from the solutions' hidden test (the only place they live)."""
    notebook = json.loads(SOLUTIONS.read_text(encoding="utf-8"))
    (cell,) = [c for c in notebook["cells"] if c["metadata"].get("nbgrader", {}).get("grade_id") == "q5_check"]
    source = "".join(cell["source"])
    block = source.split("_held_out = ")[1].split("\n_banded")[0]
    import ast

    return ast.literal_eval(block)  # the comment after the opening bracket is ignored by the parser


def test_the_held_out_posts_are_not_in_the_data_nor_in_the_package_or_release(held_out, employee_posts):
    from socialkit.questions.trust import visible_cases

    texts = set(employee_posts["text"]) | {text for text, _ in visible_cases()}  # with and without emojis
    assert len(held_out) == 32 and sum(bad for _, bad in held_out) == 16
    assert {"en", "fr"} <= {"fr" if re.search(r"[éèàç]| de | le | les ", t) else "en" for t, _ in held_out}
    assert not [t for t, _ in held_out if t in texts]
    release = (REPO / "exercises" / "08_trust" / "08_trust_exercises.ipynb").read_text(encoding="utf-8")
    package = "\n".join(p.read_text(encoding="utf-8") for p in (REPO / "src" / "socialkit").rglob("*.py"))
    for text, _ in held_out:
        assert text not in release and text not in package


def test_q5_the_solutions_rule_is_right_on_both_sets_and_the_agencys_list_is_not(held_out):
    from socialkit.judging.rules import banded_points, function_accuracy

    namespace = {"analytics": analytics}
    notebook = json.loads(SOLUTIONS.read_text(encoding="utf-8"))
    (cell,) = [c for c in notebook["cells"] if c["metadata"].get("nbgrader", {}).get("grade_id") == "q5"]
    exec("".join(cell["source"]).split("### BEGIN SOLUTION")[1], namespace)
    rule = namespace["violates_policy"]
    assert function_accuracy(rule, held_out) == 1.0
    assert verdict("08_trust.q5", rule).status == "right"
    agency = analytics.word_rule(AGENCY)
    assert banded_points(function_accuracy(agency, held_out), ((0.9, 1.0), (0.75, 0.5)), 2) == 0
    result = verdict("08_trust.q5", agency)
    assert result.status == "wrong" and "Misses:" in result.message


def test_q5_a_rule_that_raises_loops_prints_or_says_yes_gets_one_plain_line(capsys):
    import time

    def raises(text):
        raise ValueError("oops")

    def loops(text):
        while True:
            pass

    def chatty(text):
        print("reading", text)
        import sys

        print("to stderr", file=sys.stderr)
        return "idiot" in text.lower()

    def says_yes(text):
        return "yes"

    for rule, fragment in ((raises, "error: ValueError: oops"), (says_yes, "True or False is needed")):
        result = verdict("08_trust.q5", rule)
        assert result.status == "wrong" and fragment in result.message and "\n" not in result.message
    started = time.perf_counter()
    result = verdict("08_trust.q5", loops)
    assert "took too long" in result.message and time.perf_counter() - started < 60
    result = verdict("08_trust.q5", chatty)
    assert result.status in ("wrong", "partial") and "right on" in result.message
    captured = capsys.readouterr()
    assert captured.err == "" and "reading" not in captured.out
    with pytest.raises(checks.CheckFailed):
        checks.check("08_trust.q5", "violates_policy")
    assert "a function is asked" in capsys.readouterr().out


@pytest.mark.slow
def test_q5_the_real_grader_scores_a_rule_that_loops_raises_or_prints_safely(tmp_path):
    """Real nbgrader through the kit's grader: no stderr in the grade cell, the right points for each rule."""
    import nbformat

    from grading_cohort import solved, with_code
    from socialkit.grading.runner import GradeOptions, grade_cohort
    from socialkit.grading.workspace import Workspace

    ws = Workspace(tmp_path / "08_trust", "08_trust")
    release = nbformat.read(str(REPO / "exercises" / "08_trust" / "08_trust_exercises.ipynb"), as_version=4)
    solutions = nbformat.read(str(SOLUTIONS), as_version=4)
    perfect = solved(release, solutions)
    answer = next(c.source for c in perfect.cells if c.get("metadata", {}).get("nbgrader", {}).get("grade_id") == "q5")
    words = answer.split("word_rule(")[1].rsplit(")", 1)[0]
    rules = {
        "loops": "def violates_policy(post_text):\n    while True:\n        pass",
        "raises": "def violates_policy(post_text):\n    raise ValueError('oops')",
        "prints": ("import sys\n_rule = analytics.word_rule(" + words + ")\n"
                   "def violates_policy(post_text):\n    print('reading', post_text)\n"
                   "    print('warning', file=sys.stderr)\n    return _rule(post_text)"),
    }
    for learner, code in rules.items():
        target = ws.submitted_notebook(learner)
        target.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(with_code(perfect, "q5", code, replace=True), str(target))
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("MPLBACKEND", "Agg")
        records = {r.learner: r for r in grade_cohort(ws, GradeOptions(jobs=2, sandbox=False, cell_timeout=60))}
    expected = {"loops": 0.0, "raises": 0.0, "prints": 2.0}
    for learner, points in expected.items():
        record = records[learner]
        assert record.status == "graded", (learner, record.reason)
        scores = {q.grade_id: q.auto_score for q in record.questions if not q.manual}
        assert scores["q5_check"] == points, (learner, scores)
        assert all(scores[f"q{n}_check"] == 2 for n in range(1, 5)), (learner, scores)
        executed = nbformat.read(str(ws.autograded_dir(learner) / "08_trust_exercises.ipynb"), as_version=4)
        cell = next(c for c in executed.cells if c.get("metadata", {}).get("nbgrader", {}).get("grade_id") == "q5_check")
        assert [o for o in cell.outputs if o.get("name") == "stderr"] == [], learner
        printed = "".join(o.get("text", "") for o in cell.outputs if o.get("name") == "stdout")
        assert printed.count("\n") == 1, (learner, printed)  # one plain line from check
        print(f"\n{learner}: q5 {points:g}/2 — {printed.strip()[:160]}")


# --------------------------------------------------------------------------- figures quoted in the lesson and the guide


@pytest.fixture(scope="module")
def lesson_text():
    notebook = json.loads(LESSON.read_text(encoding="utf-8"))
    return "\n".join("".join(c["source"]) for c in notebook["cells"] if c["cell_type"] == "markdown")


def test_the_lessons_violation_figures_are_the_datas(lesson_text, posts):
    counts = posts["policy_label"].value_counts()
    assert f"Most posts are fine: {counts['ok']:,} of {len(posts):,}" in lesson_text
    assert f"**{rate(posts):.1f} %** for the whole company" in lesson_text
    by_team = posts.groupby("team")["bad"].mean() * 100
    order = by_team.sort_values(ascending=False)
    assert list(order.index[:2]) == ["cafes", "finance"] and order.index[-1] == "hr"
    assert f"highest rate (**{by_team['cafes']:.1f} %**)" in lesson_text
    assert f"comes second (**{by_team['finance']:.1f} %**)" in lesson_text
    finance = posts[posts["team"] == "finance"]
    assert f"confidential information ({100 * (finance['policy_label'] == 'confidential').mean():.1f} % of its posts)" \
        in lesson_text
    assert f"the lowest rate ({by_team['hr']:.1f} %)" in lesson_text
    assert "About 6 posts in 100" in lesson_text and round(rate(posts)) == 6


def test_the_lessons_screen_figures_are_the_datas(lesson_text, posts):
    flagged = screen(posts["text"], AGENCY)
    precision, recall = pr(flagged, posts["bad"])
    assert f"The tool flags **{flagged.sum():,} posts**, and only **{precision:.1f} %**" in lesson_text
    assert f"it finds only **{recall:.1f} %**" in lesson_text
    assert f"its precision of {precision:.1f} %" in lesson_text
    found = posts.loc[flagged, "policy_label"].value_counts()
    assert "confidential" not in found and "off_values" not in found  # "finds none of the confidential posts"
    four = screen(posts["text"], ["idiot", "putain", "sales down", "over 50"])
    assert pr(four, posts["bad"])[0] == 100.0  # "every post they flag is truly against the policy"
    assert pr(four, posts["bad"])[1] < recall  # "but they find few posts"


def test_the_lessons_experiment_figures_are_the_datas(lesson_text, experiment):
    test = experiment["is_experiment"]
    shared = analytics.experiment_uplift(experiment, "shared")
    assert f"Of the **{test.sum()} posts** in the new format, **{shared['test_pct']:.1f} %**" in lesson_text
    assert f"against **{shared['control_pct']:.1f} %** of the **{(~test).sum()}** control posts" in lesson_text
    assert f"**+{shared['uplift_points']:.1f} percentage points**, with a margin of **± {shared['margin_points']:.1f}" \
        in lesson_text
    assert shared["p_value"] < 0.001
    complaints = experiment["complaints"] >= 1
    c = analytics.experiment_uplift(experiment, "complaint")
    assert (f"**{complaints[test].sum()} of {test.sum()}** posts drew a complaint, against "
            f"**{complaints[~test].sum()} of {(~test).sum()}**") in lesson_text
    assert f"**+{c['uplift_points']:.1f} points**, with a p-value of **{c['p_value']:.3f}**" in lesson_text
    assert f"± {c['margin_points']:.1f} points" in lesson_text
    assert f"Complaints rose by {c['uplift_points']:.1f} points" in lesson_text


def test_the_guides_figures_are_the_datas(posts, experiment, employee_posts, employees):
    room, answers = (" ".join(part.split()) for part in guide_parts("08_trust"))  # lines wrapped as one text
    board = widgets.policy_screen_dashboard(employee_posts)
    assert (f"{int(board.outcomes['flagged'].sum()):,} posts flagged, {board.precision:.1f} % of them truly against the "
            f"policy; {int(board.outcomes.loc[['insult', 'profanity', 'confidential', 'off_values'], 'flagged'].sum())}"
            f" of the {(posts['bad']).sum()} posts") in room
    board.words.value = ", ".join(w for w in AGENCY if w not in ("killer", "insane", "dead", "tuerie", "malade"))
    assert f"precision {board.precision:.1f} %" in room
    board.reset()
    board.strictness.value = False
    assert f"{int(board.outcomes['flagged'].sum()):,} posts flagged, precision {board.precision:.1f} %, recall " \
           f"{board.recall:.1f} %" in room
    board.reset()
    board.words.value += ", sales down, chiffres, budget, prix d'achat, over 50, plus de 50 ans"
    assert f"recall rises to {board.recall:.1f} %" in room
    weeks = analytics.experiment_by_week(experiment, "shared")
    assert (f"+{weeks.loc[1, 'uplift_points']:.1f} points but ± {weeks.loc[1, 'margin_points']:.1f}, p-value "
            f"{weeks.loc[1, 'p_value']:.3f}") in room
    complaint = analytics.experiment_by_week(experiment, "complaint")
    assert (complaint["p_value"] >= 0.05).all()
    assert f"its lowest is {complaint['p_value'].min():.3f}, in week {complaint['p_value'].idxmin()}" in room
    cafes = posts[(posts["team"] == "cafes") & (posts["platform"] == "tiktok")]
    assert f"{cafes['bad'].sum()} of the café teams' {len(cafes)} TikTok posts" in answers
    assert f"**Q1:** {rate(cafes):.1f} %" in answers
    english = posts[posts["lang"] == "en"]
    precision, recall = pr(screen(english["text"], AGENCY, False), english["bad"])
    assert f"**Q2:** {recall:.1f} %" in answers and f"its precision there is {precision:.1f} %" in answers
    assert f"With whole words only: {pr(screen(english['text'], AGENCY), english['bad'])[1]:.1f} %" in answers
    liked = analytics.experiment_uplift(experiment, "liked_10")
    assert (f"**Q3:** {liked['relative_uplift_pct']:.1f} % — {liked['test_pct']:.1f} % of the test posts were liked 10 "
            f"times or more against {liked['control_pct']:.1f} %") in answers
    assert f"+{liked['uplift_points']:.1f} percentage points" in answers and f"(p-value {liked['p_value']:.3f})" in answers


# --------------------------------------------------------------------------- fixes after a manager's cold read


def _labels_inside_the_figure(figure, ax) -> list[str]:
    """The tick labels of ``ax`` whose box sticks out of the figure (drawn as the PNG is)."""
    figure.canvas.draw()
    box = figure.bbox
    low, high = ax.get_xlim()
    shown = [*ax.get_yticklabels(), *[t for t in ax.get_xticklabels() if low <= t.get_position()[0] <= high]]
    return [label.get_text() for label in shown if label.get_text()
            and not (box.x0 <= label.get_window_extent().x0 and label.get_window_extent().x1 <= box.x1)]


@pytest.mark.parametrize("projector", [False, True])
def test_the_policy_screens_chart_shows_every_kind_of_post_whole(employee_posts, projector, monkeypatch):
    """The dashboard's bar labels ("against the company's values" …) lie inside the figure (screen and projector)."""
    monkeypatch.setenv("SOCIALKIT_PROJECTOR", "1" if projector else "0")
    board = widgets.policy_screen_dashboard(employee_posts)
    figure = board._chart.figure
    assert _labels_inside_the_figure(figure, board.ax) == []
    names = [t.get_text().replace("\n", " ") for t in board.ax.get_yticklabels()]
    assert "against the company's values" in names and "insults a customer or colleague" in names
    board.language.value = "fr"  # a redraw keeps them whole
    assert _labels_inside_the_figure(figure, board.ax) == []


def test_a_chart_with_labels_cut_off_is_caught(employee_posts):
    """The check above rejects a chart whose labels stick out (the dashboard's old margins)."""
    from socialkit.widgets._base import Chart

    chart = Chart((9.0, 3.6))  # the default left margin, too narrow for the policy labels
    board = widgets.policy_screen_dashboard(employee_posts)
    chart.render(board.draw, keep_axes=True)
    assert _labels_inside_the_figure(chart.figure, chart.ax) != []


def test_the_experiments_result_is_shown_in_plain_words(experiment):
    from socialkit import plots

    shared = plots.experiment_result(analytics.experiment_uplift(experiment, "shared"), "shared at least once")
    complaint = plots.experiment_result(analytics.experiment_uplift(experiment, "complaint"), "drew a complaint")
    for table in (shared, complaint):
        text = table.to_string()
        for code in ("test_pct", "uplift_points", "relative_uplift_pct", "p_value", "test_posts", ".000"):
            assert code not in text
    test, complaints = experiment["is_experiment"], experiment["complaints"] >= 1
    assert complaint.loc["test group (new format): posts with the outcome", "drew a complaint"] == \
        f"{complaints[test].sum()} of {test.sum()}"
    assert complaint.loc["control group (as before): posts with the outcome", "drew a complaint"] == \
        f"{complaints[~test].sum()} of {(~test).sum()}"
    assert complaint.loc["p-value", "drew a complaint"] == "0.075"
    assert shared.loc["p-value", "shared at least once"] == "under 0.001"
    assert plots.p_value_text(0.0009) == "under 0.001" and plots.p_value_text(0.001) == "0.001"


def test_the_experiment_calculator_writes_a_tiny_p_value_in_words(experiment_board):
    assert "p-value under 0.001" in experiment_board.summary.value and "0.000" not in experiment_board.summary.value


def test_the_experiment_bars_labels_stand_clear_of_the_margins_cap(experiment):
    import matplotlib

    matplotlib.use("Agg")
    from socialkit import plots

    results = {"shared at least once": analytics.experiment_uplift(experiment, "shared"),
               "drew a complaint": analytics.experiment_uplift(experiment, "complaint")}
    ax = plots.experiment_bars(results)
    ax.figure.canvas.draw()
    caps = [(x, y) for line in ax.lines if line.get_marker() == "_" for x, y in zip(*line.get_data())]
    assert len(ax.texts) == 4 and len(caps) == 8  # a label per bar; a cap at each end of each margin
    for label in ax.texts:
        top = max(y for x, y in caps if x == pytest.approx(label.xy[0]))
        assert label.get_window_extent().y0 > ax.transData.transform((0, top))[1] + 5, label.get_text()  # pixels
    assert "margin of each group's rate" in ax.get_title()


def test_the_lesson_closes_the_peeking_step_with_the_datas_figures(experiment):
    notebook = json.loads(LESSON.read_text(encoding="utf-8"))
    cells = {c["id"]: "".join(c["source"]) for c in notebook["cells"]}
    weeks = analytics.experiment_by_week(experiment, "complaint")
    text = cells["trust-30a"]
    assert (weeks["p_value"] >= 0.05).all()
    assert f"its lowest is **{weeks['p_value'].min():.3f}**, in week **{weeks['p_value'].idxmin()}**" in text
    second = weeks.loc[2]
    assert second["uplift_points"] < 0
    assert f"**−{-second['uplift_points']:.1f} points**" in text and f"p-value **{second['p_value']:.3f}**" in text
    assert f"rise of **+{weeks.loc[10, 'uplift_points']:.1f} points**" in text
    ids = [c["id"] for c in notebook["cells"]]
    assert ids.index("trust-30a") == ids.index("trust-30") + 1  # right after the calculator


def test_the_lesson_explains_the_relative_uplift_and_prints_what_it_quotes(lesson_text, experiment, posts):
    shared = analytics.experiment_uplift(experiment, "shared")
    assert (f"({shared['uplift_points']:.1f} ÷ {shared['control_pct']:.1f} × 100 = "
            f"**{shared['relative_uplift_pct']:.1f} %**)") in lesson_text
    assert f"\"shares up {shared['relative_uplift_pct']:.0f} %\"" in lesson_text
    notebook = json.loads(LESSON.read_text(encoding="utf-8"))
    code = {c["id"]: "".join(c["source"]) for c in notebook["cells"]}
    assert "print(f\"{screened['flagged'].sum():,} posts flagged\")" in code["trust-10"]
    assert "experiment_result(shared" in code["trust-23"] and "experiment_result(complaints" in code["trust-27"]


def test_the_team_rates_the_lesson_quotes_are_a_column_of_the_table(lesson_text, posts):
    table = analytics.violations_by_kind(posts, by="team")
    assert table["all_breaches"].to_dict() == pytest.approx((posts.groupby("team")["bad"].mean() * 100).to_dict())
    for team in ("cafes", "finance", "hr"):
        assert f"{table.loc[team, 'all_breaches']:.1f} %" in lesson_text
    from socialkit import plots

    assert "all breaches (%)" in plots.in_words(table).columns and "column **all breaches (%)**" in lesson_text


def test_a_rule_just_under_a_band_is_told_why_it_has_no_points():
    """106 of 142 is 74.6 %: never shown as "75 %", and the message says the band it misses."""
    from socialkit.judging import judges

    judge = judges.function([(i, True) for i in range(142)], noun="sentences")
    result = judge(lambda i: i < 106)
    assert result.status == "wrong" and "(74.6 %)" in result.message and "75%" not in result.message
    assert "under 75 %, so 0 points for now" in result.message and "posts you have not seen" in result.message
    result = judge(lambda i: i < 110)
    assert result.status == "partial" and "at least 75 %, so half the points for now" in result.message
    assert judge(lambda i: True).status == "right"


def test_q1s_first_hint_names_the_move_not_the_answer():
    from socialkit.questions.trust import QUESTIONS

    q1 = QUESTIONS.get("08_trust.q1")
    first, last = q1.hints[0], q1.hints[-1]
    assert "move 2 of module 00" in first and "violation_rate" in first
    assert "\"tiktok\"" not in first and "\"cafes\"" not in first
    assert "\"tiktok\"" in last and "\"cafes\"" in last


# Idioms a second-language reader trips on (a manager's cold read), with the plain words used instead.
IDIOMS = r"\b(cross(es|ed|ing)? the (line|limits?)|limits are crossed|give or take|dip(s|ped|ping)? (under|below)|" \
         r"roll(s|ed|ing)? (it |them |the format )?out|rollout|safety net|rule out|jump around)\b"


def test_the_module_speaks_plain_english_without_the_idioms_the_cold_read_found():
    """Lesson, exercises (both notebooks), guide and question file: "use it in every programme post", not "roll it out"."""
    files = [REPO / "course" / "08_trust" / "08_trust.ipynb", REPO / "solutions" / "08_trust" / "08_trust_exercises.ipynb",
             REPO / "exercises" / "08_trust" / "08_trust_exercises.ipynb", REPO / "facilitator" / "08_trust.md",
             REPO / "src" / "socialkit" / "questions" / "trust.py"]
    found = {path.name: [m.group(0) for m in re.finditer(IDIOMS, path.read_text(encoding="utf-8"), re.IGNORECASE)]
             for path in files}
    assert found == {path.name: [] for path in files}
    assert re.search(IDIOMS, "Roll it out, but keep the guardrail", re.IGNORECASE)  # the old Q4 text is caught
    assert re.search(IDIOMS, "the data cannot rule out a real rise", re.IGNORECASE)
