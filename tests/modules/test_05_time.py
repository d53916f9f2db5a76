"""Module 05 · Social doesn't mean wasting time: metrics against independent computations, the screening
dashboard, the checks against typical mistakes computed in plain pandas, and every figure the lesson and
the guide quote recomputed from the data."""

from __future__ import annotations

import itertools
import json
import math

import numpy as np
import pandas as pd
import pytest

import kit
from kit import ROOT as REPO
from kit import assert_right, assert_wrong, guide_parts, verdict
from socialkit import analytics, checks, data, plots, widgets

LESSON = REPO / "course" / "05_time" / "05_time.ipynb"
SOLUTIONS = REPO / "solutions" / "05_time" / "05_time_exercises.ipynb"
VALUABLE = ("customer", "partner", "supplier", "press", "hire")


# --------------------------------------------------------------------------- the data, and the formulas written out


@pytest.fixture(scope="module")
def requests() -> pd.DataFrame:
    """The 600 requests as the setup cells load them (with the screening score)."""
    table = data.load("meeting_candidates")
    table["score"] = analytics.screening_score(table)
    return table


@pytest.fixture(scope="module")
def meetings(requests) -> pd.DataFrame:
    """The meetings that took place."""
    return requests[requests["met"]]


def score_of(table: pd.DataFrame) -> pd.Series:
    """The points card in plain numpy: 6 × relevance + ½ per person in common (at most 4) − 3 per red flag, ≥ 0."""
    raw = (6 * table["relevance"].to_numpy() + np.minimum(0.5 * table["mutual_connections"].to_numpy(), 4)
           - 3 * table["red_flags"].to_numpy())
    return pd.Series(np.maximum(raw, 0), index=table.index)


def truth_of(table: pd.DataFrame) -> np.ndarray:
    """``valuable`` as plain True/False (the table must hold only known outcomes)."""
    assert table["valuable"].notna().all()
    return table["valuable"].to_numpy(dtype=bool)


def rule_counts(table: pd.DataFrame, threshold: float) -> dict:
    """The rule "meet when the score is at least threshold", counted by hand."""
    keep = score_of(table).to_numpy() >= threshold
    truth = truth_of(table)
    hours = table["meeting_hours"].to_numpy()
    return {"kept": int(keep.sum()), "valuable_kept": int((keep & truth).sum()),
            "missed": int((~keep & truth).sum()), "met_wasted": int((keep & ~truth).sum()),
            "skipped_wasted": int((~keep & ~truth).sum()), "saved": float(hours[~keep].sum()),
            "precision": 100 * (keep & truth).sum() / keep.sum() if keep.sum() else math.nan,
            "recall": 100 * (keep & truth).sum() / truth.sum()}


def pairs_ranked_right(values: np.ndarray, truth: np.ndarray) -> float:
    """Every (valuable, wasted) pair compared one by one: % where the valuable one scores higher, ties half."""
    good, bad = values[truth], values[~truth]
    wins = sum((g > b) + 0.5 * (g == b) for g, b in itertools.product(good, bad))
    return 100 * wins / (len(good) * len(bad))


# --------------------------------------------------------------------------- metrics


def test_wasted_hours_adds_the_hours_of_meetings_held_that_proved_not_valuable(requests, meetings):
    by_hand = requests.loc[requests["met"] & (requests["valuable"] == False), "meeting_hours"].sum()  # noqa: E712
    assert analytics.wasted_hours(requests) == pytest.approx(by_hand)
    assert analytics.wasted_hours(meetings) == pytest.approx(by_hand)
    tiny = pd.DataFrame({"met": [True, True, False, True], "meeting_hours": [1.0, 2.0, 4.0, 8.0],
                         "valuable": pd.array([False, True, pd.NA, False], dtype="boolean")})
    assert analytics.wasted_hours(tiny) == 9.0  # the unmet request (4 h) and the valuable one (2 h) are not wasted
    assert analytics.wasted_hours(tiny.drop(columns="met")) == 9.0


def test_meeting_outcomes_counts_meetings_and_hours_per_outcome(requests, meetings):
    table = analytics.meeting_outcomes(requests)
    assert list(table.index) == [*VALUABLE, "sales_pitch", "nothing"]
    for outcome, row in table.iterrows():
        rows = meetings[meetings["turned_out"] == outcome]
        assert row["meetings"] == len(rows) and row["hours"] == pytest.approx(rows["meeting_hours"].sum())
        assert row["valuable"] == (outcome in VALUABLE)
    assert table["meetings"].sum() == len(meetings)
    assert table["share_of_hours_pct"].sum() == pytest.approx(100)


def test_screening_score_is_the_points_card(requests):
    score = analytics.screening_score(requests)
    assert np.allclose(score.to_numpy(), score_of(requests).to_numpy())
    assert score.min() == 0 and score.max() <= 10
    tiny = pd.DataFrame({"relevance": [1.0, 0.5, 0.9], "mutual_connections": [20, 3, 0], "red_flags": [0, 0, 1]})
    assert list(analytics.screening_score(tiny)) == pytest.approx([10.0, 4.5, 2.4])
    assert list(analytics.screening_score(tiny, red_flag_penalty=0, mutual_cap=2)) == pytest.approx([8.0, 4.5, 5.4])


def test_precision_recall_and_the_confusion_table_count_the_four_boxes(meetings):
    for threshold in (0, 2.5, 5, 7.5, 10):
        rule = meetings["score"] >= threshold
        counts = rule_counts(meetings, threshold)
        scores = analytics.precision_recall(rule, meetings["valuable"])
        if counts["kept"]:
            assert scores["precision_pct"] == pytest.approx(counts["precision"])
        else:
            assert math.isnan(scores["precision_pct"])  # nothing kept: no precision, not 0
        assert scores["recall_pct"] == pytest.approx(counts["recall"])
        table = analytics.confusion_table(rule, meetings["valuable"])
        assert table.loc["meet", "valuable"] == counts["valuable_kept"]
        assert table.loc["meet", "wasted"] == counts["met_wasted"]
        assert table.loc["skip", "valuable"] == counts["missed"]
        assert table.loc["skip", "wasted"] == counts["skipped_wasted"]
        crosstab = pd.crosstab(rule, meetings["valuable"].astype(bool))
        assert table.to_numpy().sum() == crosstab.to_numpy().sum() == len(meetings)


def test_precision_recall_is_general_for_any_rule_and_truth():
    """Module 08 reuses it for a policy screen: any two columns of True/False, any words."""
    flagged = pd.Series([True, True, False, False, True])
    breaks = pd.Series([True, False, True, False, True])
    assert list(analytics.precision_recall(flagged, breaks)) == pytest.approx([200 / 3, 200 / 3])
    assert list(analytics.precision_recall(flagged.to_numpy(), breaks.to_numpy())) == pytest.approx([200 / 3, 200 / 3])
    table = analytics.confusion_table(flagged, breaks, decisions=("flag", "leave"), truths=("breaks", "fine"))
    assert table.loc["flag", "breaks"] == 2 and table.loc["leave", "fine"] == 1 and table.loc["leave", "breaks"] == 1
    assert math.isnan(analytics.precision_recall(pd.Series([False, False]), pd.Series([True, False]))["precision_pct"])


@pytest.mark.parametrize(("first", "fragment"), [
    (lambda m: m["score"], "not a column of numbers ('score'): write a condition"),
    (lambda m: m, "not a whole table (195 rows and"),
    (lambda m: 5, "not a whole number (5)"),
    (lambda m: m["turned_out"].astype(str), "not a column of text"),
])
def test_precision_recall_refuses_what_is_not_a_condition_in_plain_words(meetings, first, fragment):
    for function in (analytics.precision_recall, analytics.confusion_table):
        with pytest.raises(TypeError) as info:
            function(first(meetings), meetings["valuable"])
        message = str(info.value)
        assert fragment in message and 'e.g. meetings["score"] >= 5' in message, message
        assert info.value._render_traceback_() == [f"TypeError: {message}"]  # one line in Jupyter
        for word in ("Series", "DataFrame", "dtype", "ndarray"):
            assert word not in message


def test_a_rule_cannot_be_judged_where_the_outcome_is_unknown(requests, meetings):
    """Every request (met or not) has an empty outcome for those not met: the advice says keep the meetings."""
    for call in (lambda: analytics.precision_recall(requests["score"] >= 5, requests["valuable"]),
                 lambda: analytics.confusion_table(requests["score"] >= 5, requests["valuable"]),
                 lambda: analytics.screening_tradeoff(requests),
                 lambda: analytics.signal_information(requests),
                 lambda: analytics.valuable_share_by_level(requests)):
        with pytest.raises(TypeError) as info:
            call()
        unknown = int(requests["valuable"].isna().sum())
        assert f"got {unknown} row(s) whose outcome is unknown" in str(info.value)
        assert 'requests[requests["met"]]' in str(info.value)
    with pytest.raises(TypeError, match="the same rows; it got 195 and 600 rows"):
        analytics.precision_recall(meetings["score"] >= 5, requests["valuable"])
    with pytest.raises(TypeError, match="come from different tables"):
        analytics.precision_recall(meetings["score"] >= 5, requests["valuable"].iloc[:len(meetings)])


def test_screening_tradeoff_counts_each_threshold(meetings):
    curve = analytics.screening_tradeoff(meetings)
    assert list(curve.index) == [i / 2 for i in range(21)]
    for threshold, row in curve.iterrows():
        counts = rule_counts(meetings, threshold)
        assert row["meetings_kept"] == counts["kept"] and row["valuable_missed"] == counts["missed"]
        assert row["hours_saved"] == pytest.approx(counts["saved"])
        assert row["meetings_kept"] + row["meetings_skipped"] == len(meetings)
        assert row["recall_pct"] == pytest.approx(counts["recall"])
    assert curve.loc[0.0, "hours_saved"] == 0 and curve.loc[0.0, "valuable_missed"] == 0
    assert curve["hours_saved"].is_monotonic_increasing and curve["valuable_missed"].is_monotonic_increasing
    calls = analytics.screening_tradeoff(meetings, hours_per_meeting=1)
    assert (calls["hours_saved"] == calls["meetings_skipped"]).all()
    by_column = analytics.screening_tradeoff(meetings, [3.0], score="score")
    assert by_column.loc[3.0, "valuable_missed"] == rule_counts(meetings, 3.0)["missed"]


def test_signal_information_is_the_share_of_pairs_ranked_right(meetings):
    truth = truth_of(meetings)
    info = analytics.signal_information(meetings)
    for signal, direction in (("relevance", 1), ("mutual_connections", 1), ("posts_90d", 1), ("red_flags", -1)):
        expected = pairs_ranked_right(direction * meetings[signal].to_numpy(dtype=float), truth)
        assert info[signal] == pytest.approx(expected)
    perfect = pd.DataFrame({"relevance": [0.9, 0.8, 0.1], "valuable": [True, True, False]})
    assert analytics.signal_information(perfect, signals="relevance")["relevance"] == 100


def test_valuable_share_by_level_counts_each_level(meetings):
    levels = analytics.valuable_share_by_level(meetings)
    relevance = levels.loc["relevance"]
    edges = [0, 0.2, 0.4, 0.6, 0.8, 2]
    for (low, high), (_, row) in zip(zip(edges, edges[1:]), relevance.iterrows()):
        rows = meetings[(meetings["relevance"] >= low) & (meetings["relevance"] < high)]
        assert row["meetings"] == len(rows)
        assert row["valuable_pct"] == pytest.approx(100 * rows["valuable"].astype(bool).mean())
    flags = levels.loc["red_flags"]
    assert list(flags.index) == ["none", "1", "2 or more"]
    assert flags.loc["2 or more", "meetings"] == (meetings["red_flags"] >= 2).sum()
    assert levels.groupby(level="signal", sort=False)["meetings"].sum().eq(len(meetings)).all()
    with pytest.raises(ValueError, match="Unknown signal"):
        analytics.valuable_share_by_level(meetings, signals="followers")


def test_a_column_instead_of_the_requests_table_gets_the_plain_words_advice(requests):
    with pytest.raises(TypeError, match=r"wasted_hours\(\) needs rows of the table, not a column of True/False\. "
                                        r"To keep the rows where a condition is True, write meetings\[ condition \]\."):
        analytics.wasted_hours(requests["red_flags"] >= 1)  # Q1's slip: the condition, not the meetings it keeps
    with pytest.raises(TypeError, match=r"screening_tradeoff\(\) needs rows of the table, not one column of it "
                                        r"\('score'\)"):
        analytics.screening_tradeoff(requests["score"])


# --------------------------------------------------------------------------- charts


def test_a_table_of_thresholds_in_words_keeps_its_row_title(meetings):
    shown = plots.in_words(analytics.screening_tradeoff(meetings).loc[[2, 4, 7], ["hours_saved"]])
    assert shown.index.name == "threshold" and list(shown.index) == [2, 4, 7]
    assert plots.in_words(pd.DataFrame({"x": [1]}, index=pd.Index(["lumiere"], name="brand"))).index.name is None


def test_the_charts_draw_what_they_are_given(requests, meetings):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    ax = plots.meeting_outcomes(analytics.meeting_outcomes(requests))
    assert len(ax.patches) == 7 and "a sales pitch" in [t.get_text() for t in ax.get_yticklabels()]
    assert "300.5 h led nowhere (orange)" in ax.get_title()  # the lesson's 300.5, in the bars' colour
    hire = analytics.meeting_outcomes(requests).loc["hire", "hours"]
    assert not float(hire).is_integer() and f"{hire:g} h" in [t.get_text().split(", ")[-1] for t in ax.texts]
    ax = plots.valuable_share_by_level(analytics.valuable_share_by_level(meetings), overall=35.4)
    assert len(ax.patches) == 5 + 5 + 4 + 3 and ax.get_xlabel() == "meetings that proved valuable (%)"
    table = analytics.confusion_table(meetings["score"] >= 5, meetings["valuable"])
    ax = plots.confusion_table(table)
    texts = [t.get_text() for t in ax.texts]
    assert "met and valuable" in texts and "skipped and wasted" in texts and str(table.loc["skip", "valuable"]) in texts
    ax = plots.screening_tradeoff(analytics.screening_tradeoff(meetings), current=4)
    assert ax.get_ylabel() == "hours saved" and any("threshold 4: 254 h saved" in t.get_text() for t in ax.texts)
    labels = {t.get_text() for t in ax.texts}
    assert {f"{t}" for t in range(11)} <= labels  # every whole threshold, the odd ones (Q4's 3) too
    ax = plots.screening_tradeoff(analytics.screening_tradeoff(meetings), current=0)  # the dashboard's opening view
    note = next(t for t in ax.texts if t.get_text().startswith("threshold 0"))
    assert note.xy[1] == 0 and note.xyann[1] > 0 and note.get_va() == "bottom"  # written above, inside
    assert ax.get_ylim()[0] < 0 and ax.get_xlim()[0] < 0  # the marker on the corner is drawn whole
    plt.close("all")
    for chart in (plots.meeting_outcomes, plots.valuable_share_by_level, plots.confusion_table,
                  plots.screening_tradeoff):
        with pytest.raises(TypeError, match="needs the"):
            chart(meetings)


# --------------------------------------------------------------------------- the dashboard


def test_the_dashboard_opens_on_2025_as_it_was(requests, meetings):
    board = widgets.screening_dashboard(requests)
    truth = truth_of(meetings)
    assert board.table.loc["meet", "valuable"] == truth.sum() and board.table.loc["meet", "wasted"] == (~truth).sum()
    assert board.table.loc["skip"].sum() == 0
    assert "<b>Hours saved: 0</b>" in board.summary.value and f"0 of {truth.sum()}" in board.summary.value
    assert board.chart.outputs and board.chart.outputs[0]["data"]["image/png"]


def test_a_control_change_changes_the_table_the_summary_and_the_chart_and_reset_restores(requests, meetings):
    board = widgets.screening_dashboard(requests)
    opened = (board.table.copy(), board.summary.value, board.chart.outputs[0]["data"]["image/png"])
    board.threshold.value = 4.0
    counts = rule_counts(meetings, 4.0)
    assert f"(about {counts['saved'] / 52:.1f} hours a week)" in board.summary.value
    assert board.table.loc["skip", "valuable"] == counts["missed"] == 12
    assert board.table.loc["meet", "valuable"] == counts["valuable_kept"]
    assert f"<b>Hours saved: {counts['saved']:,.0f}</b>" in board.summary.value
    assert f"Valuable contacts missed: {counts['missed']} of" in board.summary.value
    assert f"<b>{counts['precision']:.1f} %</b> proved valuable" in board.summary.value
    assert board.chart.outputs[0]["data"]["image/png"] != opened[2]
    board.length.value = 1.0
    assert f"<b>Hours saved: {len(meetings) - counts['kept']}</b>, counting 1 h per meeting" in board.summary.value
    assert board.table.loc["skip", "valuable"] == 12  # the contacts missed do not depend on the meeting length
    board.threshold.value = 3.7  # typed between two steps: computed, not looked up
    assert board.point["valuable_missed"] == rule_counts(meetings, 3.7)["missed"]
    board.reset()
    assert board.threshold.value == 0 and board.length.value == "diary"
    assert board.table.equals(opened[0]) and board.summary.value == opened[1]


def test_the_dashboard_works_on_the_meetings_alone_and_refuses_wrong_input_in_plain_words(requests, meetings):
    assert widgets.screening_dashboard(meetings).table.to_numpy().sum() == len(meetings)
    for value, fragment in ((requests["met"], "not a column of True/False. To keep the rows where a condition is "
                                              "True, write requests[ condition ]."),
                            (requests[["relevance", "met"]], "this table lacks mutual_connections, red_flags, "
                                                             "meeting_hours, valuable"),
                            (requests[~requests["met"]], "found no meeting whose outcome is known"),
                            (3, "needs a table such as requests, not a whole number (3)")):
        with pytest.raises(TypeError) as info:
            widgets.screening_dashboard(value)
        assert fragment in str(info.value)
        assert info.value._render_traceback_() == [f"TypeError: {info.value}"]


# --------------------------------------------------------------------------- Q1 hours with a red flag


def red_flag_hours_by_hand(table, min_flags=1, outcome="wasted"):
    """Hours of meetings held with at least min_flags red flags, of one outcome, in plain pandas."""
    rows = table[table["met"] & (table["red_flags"] >= min_flags)]
    if outcome != "any":
        rows = rows[rows["valuable"].astype(bool) == (outcome == "valuable")]
    return float(rows["meeting_hours"].sum())


def test_q1_hours_of_wasted_meetings_despite_a_red_flag(requests, meetings):
    answer = red_flag_hours_by_hand(requests)
    assert_right("05_time.q1", answer)
    assert_right("05_time.q1", analytics.wasted_hours(meetings[meetings["red_flags"] >= 1]))  # the helper way
    assert_right("05_time.q1", analytics.wasted_hours(requests[requests["red_flags"] >= 1]))  # unmet count nothing
    named = [
        (analytics.wasted_hours(meetings), "EVERY wasted meeting"),
        (red_flag_hours_by_hand(requests, min_flags=2), "TWO or more red flags"),
        (red_flag_hours_by_hand(requests, outcome="any"), "the valuable ones too"),
        (red_flag_hours_by_hand(requests, outcome="valuable"), "proved VALUABLE"),
        (float(requests.loc[requests["red_flags"] >= 1, "meeting_hours"].sum()), "never met"),
        (float(((meetings["red_flags"] >= 1) & (meetings["valuable"] == False)).sum()), "NUMBER of meetings"),  # noqa: E712
    ]
    for value, fragment in named:
        assert_wrong("05_time.q1", value, fragment)
    assert_wrong("05_time.q1", f"{answer}", "Remove the quotes")
    assert not float(answer).is_integer()
    for dropped in (math.floor(answer), float(math.floor(answer)), int(answer)):  # the decimals left out
        assert_wrong("05_time.q1", dropped, "only the whole-number part of the answer: keep the decimals")
    if round(answer) != math.floor(answer):  # rounded up: the generic advice still applies
        assert_wrong("05_time.q1", round(answer), "rounded too much")
    assert_wrong("05_time.q1", meetings[meetings["red_flags"] >= 1], "analytics.wasted_hours(TABLE)")


def test_q1_right_answer_says_what_the_data_shows(meetings):
    flagged = meetings[(meetings["red_flags"] >= 1) & (meetings["valuable"] == False)]  # noqa: E712
    pitches = int((flagged["turned_out"] == "sales_pitch").sum())
    message = verdict("05_time.q1", float(flagged["meeting_hours"].sum())).message
    assert f"{pitches} of those {len(flagged)} meetings were sales pitches" in message and pitches > len(flagged) / 2
    assert f"about {flagged['meeting_hours'].sum() / 52:.1f} hours a week" in message


# --------------------------------------------------------------------------- Q2 and Q5 multiple choice


def test_q2_the_bonus_for_busy_posters_is_refused_for_the_reason_the_data_gives(meetings):
    assert_right("05_time.q2", "C")
    assert_right("05_time.q2", " c. ")
    for letter, fragment in (("A", "LESS often"), ("B", "only if it separates"), ("D", "too strong")):
        assert_wrong("05_time.q2", letter, fragment)
    busy = meetings["posts_90d"] > 20
    share = meetings.groupby(busy)["valuable"].mean()
    assert share[True] < meetings["valuable"].mean() < share[False]  # option C and A's message
    assert 0 < meetings.loc[busy, "valuable"].sum()  # "never" (D) is false
    pitches = meetings["turned_out"] == "sales_pitch"
    assert pitches[busy].mean() > 2 * pitches[~busy].mean()  # "many were selling something"
    with_bonus = meetings["score"] + 2 * busy
    truth = truth_of(meetings)
    assert pairs_ranked_right(with_bonus.to_numpy(), truth) < pairs_ranked_right(meetings["score"].to_numpy(), truth)


def test_q5_only_the_meetings_held_have_a_known_outcome(requests):
    assert_right("05_time.q5", "B")
    for letter in "ACD":
        assert_wrong("05_time.q5", letter, "NOT known")
    not_met = requests[~requests["met"]]
    assert not_met["valuable"].isna().all() and not_met["turned_out"].isna().all()  # B
    assert requests[["relevance", "posts_90d", "mutual_connections", "red_flags"]].notna().all().all()  # not C


# --------------------------------------------------------------------------- Q3 precision of a strict rule


def test_q3_precision_of_the_rule_score_at_least_6(meetings):
    counts = rule_counts(meetings, 6)
    assert_right("05_time.q3", counts["precision"])
    assert_right("05_time.q3", round(counts["precision"], 1))
    scores = analytics.precision_recall(meetings["score"] >= 6, meetings["valuable"])
    assert_right("05_time.q3", scores["precision_pct"])  # the helper way
    named = [
        (counts["recall"], "RECALL"),
        (rule_counts(meetings, 5)["precision"], "the lesson's rule"),
        (100 * truth_of(meetings).mean(), "ALL meetings that proved valuable"),
        (100 * counts["kept"] / len(meetings), "the share of meetings the rule KEEPS"),
    ]
    for value, fragment in named:
        assert_wrong("05_time.q3", value, fragment)
        assert_wrong("05_time.q3", round(value, 1), fragment)
    assert_wrong("05_time.q3", counts["precision"] / 100, "looks like a fraction")
    assert_wrong("05_time.q3", scores, 'RESULT["precision_pct"]')


def test_q3_right_answer_says_what_the_rule_costs(meetings):
    counts = rule_counts(meetings, 6)
    message = verdict("05_time.q3", counts["precision"]).message
    assert f"the recall is only {counts['recall']:.1f} %" in message
    assert f"skipped {counts['missed']} of the {truth_of(meetings).sum()} valuable contacts" in message
    assert counts["precision"] > 1.9 * 100 * truth_of(meetings).mean()  # "about twice as good"


# --------------------------------------------------------------------------- Q4 a threshold within two limits


def meets_both_limits(meetings, threshold) -> bool:
    """The chair's and Inès's limits, checked by hand: at least 200 hours saved, at most 8 contacts missed."""
    counts = rule_counts(meetings, threshold)
    return counts["saved"] >= 200 and counts["missed"] <= 8


def test_q4_any_threshold_within_the_limits_is_right_and_any_other_is_told_which_way_to_move(meetings):
    nb = kit.notebook(SOLUTIONS)
    cell = kit.grade_cell(nb, "q4_check")
    right_ones = []
    for threshold in np.round(np.arange(-1, 11.01, 0.05), 2):
        ok = meets_both_limits(meetings, threshold)
        result = verdict("05_time.q4", float(threshold))
        assert (result.status == "right") == ok, (threshold, result.message)
        assert kit.hidden_points(cell, {"chosen_threshold": float(threshold)}) == (2.0 if ok else 0.0), threshold
        counts = rule_counts(meetings, threshold)
        if ok:
            right_ones.append(threshold)
        elif counts["saved"] < 200:
            assert "fewer than the 200 hours" in result.message and "HIGHER" in result.message
        else:
            assert f"misses {counts['missed']} valuable" in result.message and "LOWER" in result.message
    assert right_ones and min(right_ones) > 2.85 and max(right_ones) < 3.35
    assert [t for t in np.arange(0, 10.01, 0.5) if meets_both_limits(meetings, t)] == [3.0]  # one dashboard step
    assert_wrong("05_time.q4", 4, "misses 12 valuable contacts", "LOWER")  # the board's threshold
    assert_wrong("05_time.q4", "3", "Remove the quotes")
    assert_wrong("05_time.q4", [3], "one threshold")
    assert_wrong("05_time.q4", 212.25, "The score runs from 0 to 10")  # the hours typed instead


def test_q4_right_answer_compares_with_the_boards_rule(meetings):
    mine, board = rule_counts(meetings, 3), rule_counts(meetings, 4)
    message = verdict("05_time.q4", 3).message
    assert message.startswith(f"3 — with a threshold of 3, the rule saves {mine['saved']:g} hours and misses "
                              f"{mine['missed']} valuable contacts.")
    assert f"{board['missed'] - mine['missed']} more valuable contacts kept" in message
    assert f"which saves {board['saved'] - mine['saved']:g} hours more" in message


# --------------------------------------------------------------------------- hints


def test_hints_stop_one_step_short_and_never_give_the_answer(meetings):
    questions = {q.name: q for q in checks.questions_of("05_time")}
    assert not any("precision_at_6 =" in h for h in questions["q3"].hints)
    assert not any("chosen_threshold = 3" in h for h in questions["q4"].hints)
    assert "chosen_threshold = 9.5" in questions["q4"].hints[-1] and not meets_both_limits(meetings, 9.5)
    assert not any("wasted_hours(meetings[meetings" in h for h in questions["q1"].hints)


# --------------------------------------------------------------------------- figures quoted in the lesson


@pytest.fixture(scope="module")
def lesson_text():
    notebook = json.loads(LESSON.read_text(encoding="utf-8"))
    return "\n".join("".join(c["source"]) for c in notebook["cells"] if c["cell_type"] == "markdown")


def test_the_lessons_cost_figures_are_the_datas(lesson_text, requests, meetings):
    truth = truth_of(meetings)
    hours = meetings["meeting_hours"].sum()
    wasted = meetings.loc[~truth, "meeting_hours"].sum()
    kit.assert_quotes(lesson_text, "{} people asked for a meeting in 2025: **about {:.0f} a week**",
                      len(requests), len(requests) / 52)
    kit.assert_quotes(lesson_text, "Your predecessor met **{}** of them", len(meetings))
    assert 0.3 < len(meetings) / len(requests) < 0.36 and "about one in three" in lesson_text
    kit.assert_quotes(lesson_text, "Those meetings took **{:.0f} hours**", hours)
    assert 8.5 < hours / 52 < 9 and "almost **9 hours a week**" in lesson_text
    kit.assert_quotes(lesson_text, "Only **{} of the {} meetings ({:.0f} %)**", truth.sum(), len(meetings),
                      100 * truth.mean())
    kit.assert_quotes(lesson_text, "The other **{} led nowhere**, and they took **{:g} hours — two thirds ({:.0f} %)",
                      (~truth).sum(), wasted, 100 * wasted / hours)
    assert round(wasted / 40, 1) == 7.5 and "about **7 and a half working weeks**" in lesson_text
    outcomes = analytics.meeting_outcomes(requests)
    kit.assert_quotes(lesson_text, "**{}** of those meetings were sales pitches ({:.0f} hours); **{}** produced nothing "
                      "concrete ({:.0f} hours)", outcomes.loc["sales_pitch", "meetings"], outcomes.loc["sales_pitch", "hours"],
                      outcomes.loc["nothing", "meetings"], outcomes.loc["nothing", "hours"])
    everyone = requests["meeting_hours"].sum()
    kit.assert_quotes(lesson_text, "A yes to all {} would have cost **{:,g} hours**: more than {:.0f} working weeks",
                      len(requests), everyone, everyone // 40)
    assert (~requests["met"]).mean() > 0.6 and "said no to two requests in three" in lesson_text


def test_the_lessons_signal_figures_are_the_datas(lesson_text, meetings):
    levels = analytics.valuable_share_by_level(meetings)

    def level(signal, name):
        row = levels.loc[(signal, name)]
        return {"meetings": int(row["meetings"]), "valuable": int(row["valuable"]), "valuable_pct": row["valuable_pct"]}

    low, high = level("relevance", "under 0.2"), level("relevance", "0.8 or more")
    kit.assert_quotes(lesson_text, "**{} in {}** proved valuable; of those closest to it (0.8 or more), **{} of {}**",
                      low["valuable"], low["meetings"], high["valuable"], high["meetings"])
    top = level("mutual_connections", "11 or more")
    kit.assert_quotes(lesson_text, "up to **{} of {}** for those with 11 or more", top["valuable"], top["meetings"])
    rising = [level("mutual_connections", n)["valuable_pct"] for n in ("3 to 5", "6 to 10", "11 or more")]
    assert rising == sorted(rising)  # "from 3 people in common upwards, the share climbs steadily"
    kit.assert_quotes(lesson_text, "The {} people with nobody in common", level("mutual_connections", "none")["meetings"])
    none, one, more = (level("red_flags", n) for n in ("none", "1", "2 or more"))
    kit.assert_quotes(lesson_text, "most people ({} of {}) had none, and {:.0f} % of them proved valuable",
                      none["meetings"], len(meetings), none["valuable_pct"])
    kit.assert_quotes(lesson_text, "With one red flag, only **{:.0f} %** did; with two or more, **{} in {}**",
                      one["valuable_pct"], more["valuable"], more["meetings"])
    busy = level("posts_90d", "more than 20")
    kit.assert_quotes(lesson_text, "proved valuable *least* often: **{:.0f} %**", busy["valuable_pct"])
    assert busy["valuable_pct"] == levels.loc["posts_90d", "valuable_pct"].min()
    info = analytics.signal_information(meetings)
    kit.assert_quotes(lesson_text, "Relevance ranks the valuable contact higher in **{:.0f} %** of the pairs, people in "
                      "common in **{:.0f} %**. Red flags reach only **{:.0f} %**", info["relevance"],
                      info["mutual_connections"], info["red_flags"])
    kit.assert_quotes(lesson_text, "Posts score **{:.0f} %**: a coin toss", info["posts_90d"])
    card = analytics.signal_information(meetings, signals=["score"])["score"]
    kit.assert_quotes(lesson_text, "ranks the valuable contact higher in **{:.0f} %** of the pairs, better than any "
                      "single signal", card)
    assert card > info.max()


def test_the_lessons_rule_and_tradeoff_figures_are_the_datas(lesson_text, meetings):
    five = rule_counts(meetings, 5)
    for box, count in (("Met and valuable", five["valuable_kept"]), ("Met and wasted", five["met_wasted"]),
                       ("Skipped and valuable", five["missed"]), ("Skipped and wasted", five["skipped_wasted"])):
        kit.assert_quotes(lesson_text, "**{} ({}):**", box, count)
    kit.assert_quotes(lesson_text, "The [precision](../glossary.md#precision) is **{:.1f} %**", five["precision"])
    kit.assert_quotes(lesson_text, "The [recall](../glossary.md#recall) is **{:.1f} %**: of the {} valuable contacts",
                      five["recall"], truth_of(meetings).sum())
    kit.assert_quotes(lesson_text, "It misses the other {}.", five["missed"])
    pitches = meetings["turned_out"] == "sales_pitch"
    stopped = int((pitches & (meetings["score"] < 5)).sum())
    kit.assert_quotes(lesson_text, "This rule would have freed **{:.0f} hours**, and it would have stopped **{} of the "
                      "{} sales pitches**", five["saved"], stopped, pitches.sum())
    kit.assert_quotes(lesson_text, "(312 hours saved, {} valuable contacts missed)", five["missed"])
    assert f"{five['saved']:.0f}" == "312"
    for threshold in (2, 4, 7):
        counts = rule_counts(meetings, threshold)
        assert f"At threshold **{threshold}**, " in lesson_text
        kit.assert_quotes(lesson_text, "**{:.0f} hours**", counts["saved"])
        assert f"misses **{counts['missed']}**" in lesson_text
    four, seven = rule_counts(meetings, 4), rule_counts(meetings, 7)
    kit.assert_quotes(lesson_text, "each valuable contact missed buys about **{:.0f} hours**", four["saved"] / four["missed"])
    kit.assert_quotes(lesson_text, "each further contact missed buys only about **{:.0f} hours**",
                      (seven["saved"] - four["saved"]) / (seven["missed"] - four["missed"]))
    assert seven["missed"] > truth_of(meetings).sum() / 2 and "more than half of the 69" in lesson_text


def test_the_lessons_decision_is_the_data(lesson_text, meetings):
    """The board's limits (≥ 250 hours, at most 13 missed) pick threshold 4 alone among the half steps."""
    steps = [t for t in np.arange(0, 10.01, 0.5)
             if rule_counts(meetings, t)["saved"] >= 250 and rule_counts(meetings, t)["missed"] <= 13]
    assert steps == [4.0] and "Threshold **4** is the one that meets both" in lesson_text
    assert 13 <= 0.2 * truth_of(meetings).sum() < 14  # "keep at least 4 in 5 (miss at most 13 of the 69)"
    four = rule_counts(meetings, 4)
    pitches = meetings["turned_out"] == "sales_pitch"
    kit.assert_quotes(lesson_text, "that rule would have freed **{:.0f} hours** (about {:.0f} hours a week), turned **{}** "
                      "coffees into online replies, stopped **{} of the {} sales pitches**, and still met **{} of the "
                      "{}** valuable contacts in person; the other {}", four["saved"], four["saved"] / 52,
                      len(meetings) - four["kept"], int((pitches & (meetings["score"] < 4)).sum()), pitches.sum(),
                      four["valuable_kept"], truth_of(meetings).sum(), four["missed"])


def test_the_dashboard_steps_quote_the_dashboard(lesson_text, requests, meetings):
    board = widgets.screening_dashboard(requests)
    assert "Hours saved: 0" in board.summary.value and "35.4 %" in board.summary.value
    board.threshold.value = 2.5  # step 4: the lowest threshold that saves at least 150 hours
    assert rule_counts(meetings, 2.5)["saved"] >= 150 > rule_counts(meetings, 2.0)["saved"]
    assert "find the **lowest threshold that saves at least 150 hours**" in lesson_text


# --------------------------------------------------------------------------- the guide's figures


def test_the_guides_figures_and_answers_are_the_datas(meetings):
    room, answers = guide_parts("05_time")
    truth = truth_of(meetings)
    flagged = meetings[(meetings["red_flags"] >= 1) & ~meetings["valuable"].astype(bool)]
    kit.assert_quotes(answers, "**Q1:** {:g} hours — spent in {} meetings", flagged["meeting_hours"].sum(), len(flagged))
    kit.assert_quotes(answers, "{} of those meetings were sales pitches", int((flagged["turned_out"] == "sales_pitch").sum()))
    busy = meetings["posts_90d"] > 20
    kit.assert_quotes(answers, "**Q2:** C — the people with more than 20 posts proved valuable in {:.0f} % of the "
                      "meetings, against {:.0f} %", 100 * truth[busy.to_numpy()].mean(), 100 * truth.mean())
    six = rule_counts(meetings, 6)
    kit.assert_quotes(answers, "**Q3:** {:.1f} % — the rule keeps {} meetings, {} of them valuable", six["precision"],
                      six["kept"], six["valuable_kept"])
    kit.assert_quotes(answers, "a recall of only {:.1f} % ({} of the {} valuable contacts skipped)", six["recall"],
                      six["missed"], truth.sum())
    three = rule_counts(meetings, 3)
    kit.assert_quotes(answers, "only **3**\n  ({:g} hours saved, {} valuable contacts missed). 2.5 saves too few hours "
                      "({:g}); 3.5 misses {}.", three["saved"], three["missed"], rule_counts(meetings, 2.5)["saved"],
                      rule_counts(meetings, 3.5)["missed"])
    scores = np.sort(meetings["score"].unique())
    feasible = [s for s in np.r_[scores, scores + 1e-9] if meets_both_limits(meetings, s)]
    assert not meets_both_limits(meetings, 2.87) and meets_both_limits(meetings, 2.8701)
    assert meets_both_limits(meetings, 3.334) and not meets_both_limits(meetings, 3.3341)
    assert "above 2.87 and up to 3.334" in answers and 2.87 < min(feasible)
    assert "**Q5:** B." in answers and checks.evaluate("05_time.q5", "B").status == "right"
    # the room's part quotes the dashboard's moves, computed here
    five, four = rule_counts(meetings, 5), rule_counts(meetings, 4)
    kit.assert_quotes(room, "Threshold **5**: {:.0f} hours saved, {} valuable contacts missed, precision {:.1f} %",
                      five["saved"], five["missed"], five["precision"])
    kit.assert_quotes(room, "the same rule now saves only\n     {} hours", len(meetings) - four["kept"])
    kit.assert_quotes(room, "only {:.1f} %\n     of the meetings proved valuable", 100 * truth.mean())
    kit.assert_quotes(room, "two thirds of the coffee time ({:g} of {:.0f} hours)",
                      meetings.loc[~truth, "meeting_hours"].sum(), meetings["meeting_hours"].sum())
    # the rubric (copied into the guide from the solutions notebook) quotes the data too
    hours, wasted = meetings["meeting_hours"].sum(), meetings.loc[~truth, "meeting_hours"].sum()
    kit.assert_quotes(room, "{} meetings, {:.0f} hours (almost {:.0f} a week), of which {:g} hours ({:.0f} %) led nowhere",
                      len(meetings), hours, hours / 52, wasted, 100 * wasted / hours)
    kit.assert_quotes(room, "the board's threshold 4: {:.0f} hours saved, {} of {} valuable contacts missed",
                      four["saved"], four["missed"], truth.sum())


# --------------------------------------------------------------------------- the real-world fact and the exercise text


def test_the_real_world_fact_names_its_publication(lesson_text):
    fact = lesson_text.split("**A real-world fact.**")[1].split("\n\n")[0]
    assert "70 % said they use social networking sites to research job candidates" in fact
    assert "CareerBuilder" in fact and "The Harris Poll" in fact and "9 August 2018" in fact and "https://" in fact
    guide = (REPO / "facilitator" / "05_time.md").read_text(encoding="utf-8")
    for source in ("CareerBuilder", "Hanley & McNeil", "HubSpot", "scikit-learn", "Perlow, Hadley & Eun"):
        assert source in guide and source in lesson_text


def test_the_exercises_explain_how_they_work_and_name_no_answer_in_their_text():
    notebook = json.loads(SOLUTIONS.read_text(encoding="utf-8"))
    text = "\n".join("".join(c["source"]) for c in notebook["cells"] if c["cell_type"] == "markdown")
    assert "Click **+** to add a new cell under the answer cell" in text
    assert "A question you leave unanswered simply scores 0" in text
    assert "at least 200 hours" in text and "at most 8" in text


@pytest.mark.parametrize(("question", "letter"), [("Q2", "C"), ("Q5", "B")])
def test_the_right_options_are_not_copied_from_the_lesson(lesson_text, question, letter):
    """A learner must understand the lesson to pick the option, not spot five words copied from it."""
    notebook = json.loads(SOLUTIONS.read_text(encoding="utf-8"))
    (cell,) = ["".join(c["source"]) for c in notebook["cells"] if f"### {question} ·" in "".join(c["source"])]
    option = cell.split(f"- **{letter}.**")[1].split("\n")[0]
    words = option.lower().replace(",", "").replace(".", "").split()
    phrases = {" ".join(words[i:i + 5]) for i in range(len(words) - 4)}
    lesson = lesson_text.lower().replace("*", "").replace(",", "")
    assert [p for p in phrases if p in lesson] == []
