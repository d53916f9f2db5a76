"""Tests of the learners' feedback engine: every judge, hints, progress, errors, and Jupyter rendering."""

from __future__ import annotations

import warnings

import nbformat
import numpy as np
import pandas as pd
import pytest

from socialkit import checks, judging
from socialkit.judging import judges, rules
from socialkit.checks import CheckFailed, Question, UnknownQuestion, check, hint, progress

MODULE = "90_checks_selftest"


def qid(name: str) -> str:
    """A question id in the test-only module."""
    return f"{MODULE}.{name}"


@pytest.fixture(autouse=True)
def fresh_session():
    """Each test starts with no hints shown, no results, and its own questions removed afterwards."""
    checks.reset()
    yield
    checks.reset()
    checks.unregister(MODULE)


def add(name: str, judge, hints=("first hint", "second hint", "third hint"), section="section 2 of the lesson"):
    """Register one test question and return its id."""
    checks.register(Question(qid(name), f"prompt of {name}", hints, judge, section=section))
    return qid(name)


def fails_with(capsys, question_id, value, expected_text, *, status="❌ Not yet"):
    """Assert that checking ``value`` prints one line starting with ``status`` and containing ``expected_text``."""
    with pytest.raises(CheckFailed):
        check(question_id, value)
    out, err = capsys.readouterr()
    assert err == ""
    assert out.count("\n") == 1, out
    assert out.startswith(status), out
    assert expected_text in out, out
    return out


def passes(capsys, question_id, value):
    """Assert that checking ``value`` prints one ✅ line and raises nothing."""
    assert check(question_id, value) is None
    out, err = capsys.readouterr()
    assert err == ""
    assert out.startswith("✅ Right:") and out.count("\n") == 1, out
    return out


# --------------------------------------------------------------------------- number


def test_number_accepts_the_reference_and_numpy_scalars(capsys):
    q = add("n", judges.number(lambda: 41.6667, tolerance=0.1, unit="%"))
    passes(capsys, q, 41.7)
    passes(capsys, q, np.float64(41.66))
    passes(capsys, q, 41.6667)


def test_number_expected_value_is_computed_lazily_and_once():
    calls = []

    def expected():
        calls.append(1)
        return 12

    judge = judges.number(expected)
    assert calls == []  # nothing computed at definition time
    assert judge(12).ok and judge(12.0).ok and not judge(13).ok
    assert calls == [1]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (0.4167, "looks like a fraction; multiply by 100"),
        ("41.7%", "without quotes or %"),
        ("41.7", "not a number. Remove the quotes"),
        (pd.Series([41.7, 3.0]), "that is a whole column of 2 numbers; the question asks for one number."),
        (pd.Series([41.7]), "take it out with .item()"),
        (pd.DataFrame({"a": [1, 2]}), "that is a whole table (2 rows and 1 column)"),
        (pd.DataFrame({"a": [41.7]}), "take it out with .iloc[0, 0]"),
        (True, "True/False"),
        ([41.7], "a list of 1 value in square brackets; the question asks for one number. Remove the square brackets."),
        ((41.7,), "one value followed by a comma; the question asks for one number. Remove the comma at the end."),
        ((41, 7), "Use a point for decimals: 41.7, not 41,7."),
        ((0, 417), "Use a point for decimals: 0.417, not 0,417."),
        ("41,7", "use a point for decimals (46.1, not 46,1)"),
        ((41, 7, 2), "3 values separated by commas"),
        (np.array([41.7, 3.0]), "a list of 2 values; the question asks for one number. Reduce it"),
        (len, "a function (len) that was not run: add round brackets after its name"),
        (float("nan"), "your answer has no value (it shows as NaN, \"not a number\"): your filter probably found no rows."),
        (4.167, "10 times too small"),
        (417.0, "not a percentage"),
        (42.0, "42 is rounded too much: give the answer to 1 decimal place, e.g. 12.3."),
        (41.9, "41.9 % is close, but not within 0.1 points"),
        (41.4, "41.4 % is close, but not within 0.1 points"),
        (41.2, "41.2 % is not what the data gives"),  # 0.47 off: too far to call "close"
        (58.3, "counted the other brands"),
        (12.0, "is not what the data gives"),
    ],
)
def test_number_rejects_typical_mistakes_with_a_specific_message(capsys, value, message):
    mistakes = [(lambda: 58.3333, "that is 100 minus the answer: you counted the other brands.")]
    q = add("n", judges.number(lambda: 41.6667, tolerance=0.1, unit="%", mistakes=mistakes))
    out = fails_with(capsys, q, value, message)
    assert f'(try hint("{q}"))' in out


def test_number_factor_too_large_for_counts(capsys):
    q = add("count", judges.number(lambda: 250, unit="mentions"))
    fails_with(capsys, q, 25000, "100 times too large")
    passes(capsys, q, 250)
    passes(capsys, q, np.int64(250))
    fails_with(capsys, q, 251, "251 mentions is not what the data gives")


def test_number_thousands_separator_and_whole_number_wording(capsys):
    q = add("count", judges.number(lambda: 20115, unit="posts"))
    fails_with(capsys, q, (20, 115), "Write the number without commas or spaces: 20115, not 20,115.")
    fails_with(capsys, q, (1, 234, 567), "Write the number without commas or spaces: 1234567, not 1,234,567.")
    fails_with(capsys, q, (20, 1), "Use a point for decimals: 20.1, not 20,1.")
    fails_with(capsys, q, pd.Series([20115, 14778]), "that is a whole column of 2 numbers")


def test_number_rounding_and_closeness_depend_on_the_tolerance(capsys):
    q = add("two_decimals", judges.number(lambda: 3.14159, tolerance=0.01, unit="points"))
    fails_with(capsys, q, 3.1, "3.1 is rounded too much: give the answer to 2 decimal places, e.g. 12.34.")
    fails_with(capsys, q, 3.12, "3.12 points is close, but not within 0.01 points")
    fails_with(capsys, q, 3.0, "3 is rounded too much")
    fails_with(capsys, q, 3.2, "3.2 points is not what the data gives")
    passes(capsys, q, 3.14)
    loose = add("whole", judges.number(lambda: 46.14, tolerance=0.5))
    passes(capsys, loose, 46)  # a tolerance of 0.5 accepts a whole number: no "rounded too much"
    fails_with(capsys, loose, 47.2, "47.2 is close, but not within ±0.5")


@pytest.mark.parametrize(
    ("goal", "tolerance", "unit", "given", "message"),
    [
        (-4.3, 0.1, "points", 8.6093, "8.6 points is not what the data gives."),  # 8.6093 → 8.6
        (-4.3, 0.1, "points", -7.5234, "-7.5 points is not what the data gives."),
        (41.6667, 0.1, "%", 12.3456, "12.3 % is not what the data gives."),
        (3.14159, 0.01, "points", 3.2456, "3.25 points is not what the data gives."),  # 2 decimals asked
        (250, 0, "mentions", 250.04, "250.04 mentions is not what the data gives."),  # 250.0 would read as right
        (41.6667, 0.1, "%", 0.00004, "0.00004 % is not what the data gives."),  # never rounded to 0
        (41.6667, 0.1, "%", 41.9123, "41.9 % is close, but not within 0.1 points"),
        (41.6667, 0.1, "%", 41.5601, "41.56 % is close, but not within 0.1 points"),  # 41.6 would read as right
        (41.6667, 0.1, "%", 417.3456, "417.3 is not a percentage"),
        (41.6667, 0.1, "%", 100.04, "100.04 is not a percentage"),  # 100.0 would be one
    ],
)
def test_number_echoes_a_wrong_answer_rounded_but_never_to_a_right_one(capsys, goal, tolerance, unit, given,
                                                                       message):
    q = add("echo", judges.number(lambda: goal, tolerance=tolerance, unit=unit, factors=()))
    out = fails_with(capsys, q, given, message)
    assert out.startswith(f"❌ Not yet: {message}"), out


def test_question_specific_advice_replaces_the_generic_one(capsys):
    advice = "Pick Café Lumière's share: add brand=\"lumiere\" inside the brackets."
    no_rows = "Roles are written in the singular: \"journalist\"."
    q = add("sov", judges.number(lambda: 46.1, tolerance=0.1, unit="%", reduce_advice=advice,
                                 no_rows_advice=no_rows))
    for many in (pd.Series([46.1, 45.4, 8.5]), pd.DataFrame({"a": [1, 2]}), [46.1, 45.4]):
        out = fails_with(capsys, q, many, advice)
        assert ".sum()" not in out
    out = fails_with(capsys, q, float("nan"), f"your filter probably found no rows. {no_rows}")
    assert "spelt exactly" not in out
    generic = add("generic", judges.number(lambda: 46.1, tolerance=0.1, unit="%"))
    fails_with(capsys, generic, pd.Series([46.1, 45.4]), "Reduce it to one number, e.g. with .sum()")
    fails_with(capsys, generic, float("nan"), "they must be spelt exactly as in the data")


PROGRAMMER_WORDS = ("DataFrame", "Series", "tuple", "ndarray", "a int", "a float", "dtype", "None")


@pytest.mark.parametrize(
    "value",
    [pd.Series([1.0, 2.0]), pd.Series([True, False]), pd.Series(["a", "b"]), pd.DataFrame({"a": [1, 2]}),
     (46, 1), (1, 2, 3), (4.5,), [1, 2], {1, 2}, {"a": 1}, np.array([1, 2]), 0, 2.5, np.int64(3),
     float("nan"), len, pd.Timestamp("2025-04-08"), object()],
)
def test_messages_use_plain_words_not_programmer_words(value):
    every = [judges.number(lambda: 41.7, tolerance=0.1, unit="%"), judges.decision(lambda: True),
              judges.choice("t.q", rules.choice_digest("t.q", "A"), {"A": "a", "B": "b"}),
              judges.table(reference_series), judges.table(lambda: reference_series().to_frame()),
              judges.names(["Lyon"])]
    for judge in every:
        try:
            message = judge(value).message
        except Exception:  # a judge may refuse an odd value; evaluate() turns that into "not yet"
            continue
        for word in PROGRAMMER_WORDS:
            assert word not in message, (value, message)


# --------------------------------------------------------------------------- choice


def choice_question():
    """A question whose right option is B, with an explanation for every option."""
    return add("mc", judges.choice(qid("mc"), rules.choice_digest(qid("mc"), "B"), {
        "A": "A ignores the negative spike.",
        "B": "B: the spike came from one post.",
        "C": "C confuses volume with sentiment.",
        "D": "D would need data we do not have.",
    }))


@pytest.mark.parametrize("answer", ["B", "b", " b ", "B)", "(b)", "B.", "[B]", " ( b ) ", "B .", "b)."])
def test_choice_accepts_the_right_letter_however_typed(capsys, answer):
    q = choice_question()
    out = passes(capsys, q, answer)
    assert "the spike came from one post" in out


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("A", "A ignores the negative spike."),
        ("c", "C confuses volume with sentiment."),
        ("E", "is not one of the options"),
        ("AB", "is not one of the options"),
        (2, "Type one letter in quotes"),
    ],
)
def test_choice_explains_why_a_wrong_option_is_wrong(capsys, value, message):
    fails_with(capsys, choice_question(), value, message)


CHOICE_SPELLINGS = ["B", "b", " B ", "B.", "b)", "(B)", "[b]", " ( B ) ", "B .", "B).", "((b))", "A", "(a)",
                    "", " ", ".", "()", "BB", "B,", "B, C", "B or C", "'B'", "\"B\"", "B!", "Bee", "option B", "b\n"]


@pytest.mark.parametrize("spelling", CHOICE_SPELLINGS)
def test_choice_normalisation_is_the_documented_one_liner(capsys, spelling):
    """What the check accepts is exactly what a hidden test written as one line of plain Python accepts."""
    one_liner = spelling.strip().strip("().[]").strip().upper()
    assert rules.normalise_choice(spelling) == one_liner
    accepted = checks.evaluate(choice_question(), spelling).ok
    assert accepted == (one_liner == "B")


def test_choice_stores_a_salted_digest_not_the_letter():
    """The digest is of the question id and the normalised letter: the same letter differs between questions."""
    assert rules.choice_digest("t.q1", " b ") == rules.choice_digest("t.q1", "B") != "B"
    assert rules.choice_digest("t.q1", "B") != rules.choice_digest("t.q2", "B")
    assert len(rules.choice_digest("t.q1", "B")) == 64
    with pytest.raises(ValueError, match="matches none of the options"):
        judges.choice("t.q1", rules.choice_digest("t.q1", "Z"), {"A": "a", "B": "b"})
    assert rules.choice_digest("t.q1", "(b).") == rules.choice_digest("t.q1", "B")  # of the normalised letter


# --------------------------------------------------------------------------- names


def test_names_compares_as_a_set(capsys):
    q = add("names", judges.names(lambda: ["Lyon", "Paris", "London"], noun="cities"))
    passes(capsys, q, ["paris", "Lyon ", "London", "Paris"])
    passes(capsys, q, pd.Index(["London", "Paris", "Lyon"]))
    passes(capsys, q, {"LYON", "paris", "london"})


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (["Lyon", "Paris"], "1 of the 3 cities is missing"),
        (["Lyon", "Paris", "London", "Berlin"], "1 should not be there ('Berlin')"),
        (["Lyon"], "2 of the 3 cities are missing"),
        ("Lyon, Paris, London", "give a list of cities in square brackets"),
        (["Lyon", 3, "London"], "holds 3, which is not a name"),
        (pd.DataFrame({"city": ["Lyon"]}), "that is a whole table (1 row and 1 column)"),
        (42, "give a list of cities"),
    ],
)
def test_names_rejects_wrong_sets_without_revealing_the_missing_ones(capsys, value, message):
    q = add("names", judges.names(lambda: ["Lyon", "Paris", "London"], noun="cities"))
    out = fails_with(capsys, q, value, message)
    if isinstance(value, list) and "Lyon" in value and "Paris" in value and "London" not in value:
        assert "London" not in out  # the missing name is never shown


# --------------------------------------------------------------------------- table


def reference_series():
    """Mentions per brand, the kind of small table a question asks for."""
    return pd.Series({"lumiere": 0.5, "grano": 0.3, "maison": 0.2}, name="share")


def test_table_accepts_same_labels_in_any_order(capsys):
    q = add("series", judges.table(reference_series, tolerance=0.001))
    passes(capsys, q, reference_series())
    passes(capsys, q, reference_series().sort_values().rename("whatever"))


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (reference_series() * 100, "look like percentages"),
        (reference_series().drop("maison"), "1 expected row label(s) are missing"),
        (pd.concat([reference_series(), pd.Series({"other": 0.0})]), "should not be there: 'other'"),
        (reference_series().to_frame(), "select the column"),
        (pd.Series({"lumiere": 0.5, "grano": 0.2, "maison": 0.3}), "2 of the 3 values differ"),
        (0.5, "that is a decimal number (0.5); a table is asked: a column of values with a label on each row."),
    ],
)
def test_table_rejects_typical_mistakes(capsys, value, message):
    q = add("series", judges.table(reference_series, tolerance=0.001, noun="table"))
    fails_with(capsys, q, value, message)


def test_table_fraction_instead_of_percent(capsys):
    q = add("pct", judges.table(lambda: reference_series() * 100, tolerance=0.1))
    fails_with(capsys, q, reference_series(), "look like fractions; multiply by 100")


def test_table_dataframe_columns_and_values(capsys):
    goal = pd.DataFrame({"mentions": [10, 5], "negative": [2, 4]}, index=["lumiere", "grano"])
    q = add("frame", judges.table(lambda: goal))
    passes(capsys, q, goal.iloc[::-1].copy())
    fails_with(capsys, q, goal[["mentions"]], "missing column(s): 'negative'")
    fails_with(capsys, q, goal.assign(negative=[2, 5]), "column 'negative': 1 of the 2 values differ")
    fails_with(capsys, q, goal["mentions"], "that is a whole column of 2 numbers; a whole table with several "
                                            "columns is asked")
    fails_with(capsys, q, 3, "that is a whole number (3); a table is asked: a whole table with labelled rows")


def test_table_text_column_with_missing_values_matches_itself(capsys):
    """A missing text value (NaN) in the right place is right: NaN == NaN is False, the judge must not care."""
    goal = pd.DataFrame({"mentions": [10, 5], "top_author": ["ana", None]}, index=["lumiere", "grano"])
    q = add("frame", judges.table(lambda: goal))
    passes(capsys, q, goal.iloc[::-1].copy())
    fails_with(capsys, q, goal.assign(top_author=["ana", "bo"]), "column 'top_author': some values differ")
    fails_with(capsys, q, goal.assign(top_author=[None, "bo"]), "column 'top_author': some values differ")


# --------------------------------------------------------------------------- decision


def test_decision_accepts_the_call_the_data_supports(capsys):
    q = add("yesno", judges.decision(lambda: 87.5 >= 90, right_message="below target: act.",
                                     wrong_message="87.5 % is below the 90 % target."))
    out = passes(capsys, q, False)
    assert "below target: act." in out
    passes(capsys, q, np.bool_(False))
    fails_with(capsys, q, True, "87.5 % is below the 90 % target.")
    fails_with(capsys, q, "False", "Type True or False, with a capital letter and no quotes")
    fails_with(capsys, q, 0, "0 is a number; type True or False, with a capital letter and no quotes.")
    fails_with(capsys, q, 1.0, "1 is a number; type True or False")
    fails_with(capsys, q, float("nan"), "no value (it shows as NaN): your filter probably found no rows")
    fails_with(capsys, q, pd.Series([True, False]), "that is a whole column of 2 True/False values. One True "
                                                   "or False is asked, not one per row: add .any()")
    fails_with(capsys, q, pd.Series([False]), "one True or False is asked. It holds a single value")


def test_decision_accepts_question_specific_advice_for_a_whole_column(capsys):
    advice = "Add .any() to the \"alert\" column: was there at least one alert?"
    q = add("yesno", judges.decision(lambda: False, reduce_advice=advice))
    out = fails_with(capsys, q, pd.Series([True, False, False]), advice)
    assert "not one per row" not in out


# --------------------------------------------------------------------------- not attempted, errors, warnings


@pytest.mark.parametrize("value", [..., None])
def test_missing_answer_reads_not_attempted_yet(capsys, value):
    q = add("n", judges.number(lambda: 1))
    with pytest.raises(CheckFailed, match="not attempted yet"):
        check(q, value)
    out, err = capsys.readouterr()
    assert out.startswith("⏳ Not attempted yet:") and out.count("\n") == 1
    assert err == ""


def test_the_three_dots_say_what_to_do_and_what_a_red_error_in_the_answer_cell_means(capsys):
    """After a failed answer cell (missing quotes, misspelt name) the variable still holds ..., so say why."""
    q = add("n", judges.number(lambda: 1))
    fails_with(capsys, q, ..., "⏳ Not attempted yet: your answer still holds the three dots (...). Write your "
                               "answer after the = sign and run the answer cell, then this one. If that cell "
                               "showed a red error, fix it first: a letter or a date needs quotes, and the name "
                               "must be spelt exactly as given.\n", status="⏳ Not attempted yet")


@pytest.mark.parametrize("typed", ["{id}", "{ID}", " {id} ", "{id}\n", "{Module}.Q1", " {ID}  "])
def test_question_ids_are_read_in_any_case_and_with_spaces(capsys, typed):
    q = add("q1", judges.number(lambda: 1), hints=("only hint",))
    typed = typed.format(id=q, ID=q.upper(), Module=MODULE.upper())
    hint(typed)
    assert capsys.readouterr().out == "💡 Hint 1 of 1: only hint\n"
    passes(capsys, typed, 1)
    out = fails_with(capsys, typed, 2, f'(try hint("{q}"))')  # the hint advice shows the id as registered
    assert typed == q or typed not in out
    progress(f" {MODULE.upper()} ")
    assert f"{q} · prompt of q1" in capsys.readouterr().out


def test_a_question_is_registered_under_its_lower_case_id():
    with pytest.raises(ValueError, match="must be in lower case without spaces: '90_checks_selftest.q1'"):
        Question(f"{MODULE}.Q1", "prompt", ["hint"], judges.number(1))


def test_check_failed_is_an_assertion_error_with_a_one_line_rendering(capsys):
    q = add("n", judges.number(lambda: 1))
    with pytest.raises(AssertionError) as info:
        check(q, 2)
    rendered = info.value._render_traceback_()
    assert rendered == [f"{q}: not right yet, see the message above."]


def test_unknown_question_lists_the_ids_of_its_module(capsys):
    add("q1", judges.number(lambda: 1))
    add("q2", judges.number(lambda: 2))
    with pytest.raises(UnknownQuestion) as info:
        check(qid("q9"), 1)
    assert str(info.value) == f"There is no question '{qid('q9')}'. Questions of {MODULE}: {qid('q1')}, {qid('q2')}."
    with pytest.raises(UnknownQuestion, match="Questions of"):
        hint(qid("q3"))
    assert capsys.readouterr() == ("", "")


def test_unknown_module_lists_modules_that_have_questions():
    with pytest.raises(UnknownQuestion, match=r"no module '77_nowhere' has questions\. Modules with questions: .*00_start_here"):
        check("77_nowhere.q1", 1)
    with pytest.raises(UnknownQuestion, match="text in quotes"):
        check(1, 1)
    with pytest.raises(UnknownQuestion, match="No questions for module '77_nowhere'"):
        progress("77_nowhere")


def test_a_judge_that_chokes_on_a_value_reports_it_as_not_yet(capsys):
    q = add("picky", lambda value: judging.right("fine") if value + 1 else judging.wrong("no"))
    fails_with(capsys, q, object(), "could not be compared (TypeError")


def test_data_problem_is_not_blamed_on_the_learner():
    q = add("broken", judges.number(lambda: 1 / 0))
    with pytest.raises(checks.ExpectedValueError, match="could not compute the expected answer") as info:
        check(q, 1)
    assert info.value._render_traceback_() == [f"ExpectedValueError: {info.value}"]
    assert "ZeroDivisionError" in str(info.value) and "Tell your facilitator" in str(info.value)


def test_a_judge_that_returns_no_verdict_is_an_authoring_error():
    q = add("sloppy", lambda value: value == 1)
    with pytest.raises(TypeError, match="returned bool, not a Verdict"):
        check(q, 1)


def test_no_warning_escapes_from_a_check(capsys):
    def noisy_expected():
        warnings.warn("deprecated thing", FutureWarning)
        np.log(np.float64(0.0))  # a RuntimeWarning from numpy too
        return 2.0

    q = add("noisy", judges.number(noisy_expected))
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # any escaping warning would fail the test
        with pytest.raises(CheckFailed):
            check(q, 1.0)
    assert capsys.readouterr().err == ""


# --------------------------------------------------------------------------- hints and progress


def test_hints_come_one_at_a_time_then_point_to_the_lesson(capsys):
    q = add("h", judges.number(lambda: 1), hints=["look at the brand column", "count the rows"],
            section="section 3 of the lesson (Counting)")
    hint(q)
    hint(q)
    hint(q)
    hint(q)
    lines = capsys.readouterr().out.splitlines()
    assert lines == [
        "💡 Hint 1 of 2: look at the brand column",
        "💡 Hint 2 of 2: count the rows",
        f"💡 No more hints for {q}: you have seen all 2 hints. "
        "Re-read section 3 of the lesson (Counting), or ask your facilitator.",
        f"💡 No more hints for {q}: you have seen all 2 hints. "
        "Re-read section 3 of the lesson (Counting), or ask your facilitator.",
    ]


def test_hint_ladders_are_separate_per_question(capsys):
    a = add("a", judges.number(lambda: 1), hints=["a1", "a2"])
    b = add("b", judges.number(lambda: 1), hints=["b1", "b2"])
    hint(a)
    hint(b)
    hint(a)
    assert capsys.readouterr().out.splitlines() == ["💡 Hint 1 of 2: a1", "💡 Hint 1 of 2: b1", "💡 Hint 2 of 2: a2"]


def test_one_value_in_curly_brackets_is_told_to_remove_them_not_to_use_item(capsys):
    """A set has no .item(): the advice must be one that works."""
    q = add("curly", judges.number(lambda: 41.7, tolerance=0.1))
    fails_with(capsys, q, {41.7}, "Remove the curly brackets.")
    with pytest.raises(CheckFailed):
        check(q, {41.7})
    assert ".item()" not in capsys.readouterr().out


def test_progress_explains_a_module_that_is_not_text(capsys):
    with pytest.raises(UnknownQuestion, match=r"module name in quotes, like \"01_listen\""):
        progress(1)
    assert capsys.readouterr().err == ""


def test_progress_shows_the_learners_results_so_far(capsys):
    q1 = add("q1", judges.number(lambda: 1))
    q2 = add("q2", judges.number(lambda: 2))
    q3 = add("q3", judges.number(lambda: 3))
    add("q4", judges.number(lambda: 4))
    check(q1, 1)
    with pytest.raises(CheckFailed):
        check(q2, 5)
    with pytest.raises(CheckFailed):
        check(q3, ...)
    capsys.readouterr()
    progress(MODULE)
    out, err = capsys.readouterr()
    lines = out.splitlines()
    assert err == ""
    assert lines[0] == f"Your progress in {MODULE} (this session):"
    assert lines[1].split()[:2] == ["✅", "right"] and q1 in lines[1]
    assert "❌ not yet" in lines[2] and q2 in lines[2]
    assert "⏳ not attempted" in lines[3]
    assert "not checked yet" in lines[4]
    assert lines[5] == "1 of 4 right."
    check(q2, 2)  # fixing an answer updates the view
    capsys.readouterr()
    progress(MODULE)
    assert capsys.readouterr().out.splitlines()[-1] == "2 of 4 right."


def test_question_definitions_are_validated():
    with pytest.raises(ValueError, match="must look like '01_listen.q1'"):
        checks.register(Question("q1", "p", ["h"], judges.number(1)))  # a short name only inside a QuestionSet
    with pytest.raises(ValueError, match="lower case without spaces"):
        Question("90_x.Q1", "p", ["h"], judges.number(1))
    with pytest.raises(ValueError, match="at least one hint"):
        Question(qid("x"), "p", [], judges.number(1))
    with pytest.raises(TypeError, match="Question objects"):
        checks.register("00_start_here.q1")


# --------------------------------------------------------------------------- in a real Jupyter kernel


@pytest.mark.slow
def test_check_failed_renders_as_one_line_in_a_real_kernel(tmp_path):
    """In IPython, a failed check shows its one friendly line and a one-line error, no traceback."""
    setup = (
        "from socialkit import checks\n"
        "from socialkit.checks import check, hint\n"
        "from socialkit.judging import judges as checks_judges\n"
        f"checks.register(checks.Question('{qid('k')}', 'p', ['h1', 'h2'], checks_judges.number(lambda: 41.7, tolerance=0.1, unit='%')))"
    )
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [
        nbformat.v4.new_code_cell(setup),
        nbformat.v4.new_code_cell(f"check('{qid('k')}', 0.417)"),
        nbformat.v4.new_code_cell(f"check('{qid('k')}', ...)"),
        nbformat.v4.new_code_cell(f"check('{qid('k')}', 41.7)"),
        nbformat.v4.new_code_cell(f"hint('{qid('k')}')"),
    ]
    from nbclient import NotebookClient

    client = NotebookClient(nb, timeout=60, kernel_name="python3", allow_errors=True,
                            resources={"metadata": {"path": str(tmp_path)}})
    client.execute()
    outputs = [cell.outputs for cell in nb.cells]
    assert outputs[0] == []
    wrong_stream, wrong_error = outputs[1]
    assert wrong_stream["name"] == "stdout"
    assert wrong_stream["text"].startswith("❌ Not yet: 0.417 looks like a fraction")
    assert wrong_error["output_type"] == "error" and wrong_error["ename"] == "CheckFailed"
    assert wrong_error["traceback"] == [f"{qid('k')}: not right yet, see the message above."]
    missing_stream, missing_error = outputs[2]
    assert missing_stream["text"].startswith("⏳ Not attempted yet")
    assert missing_error["traceback"] == [f"{qid('k')}: not attempted yet."]
    assert [o["text"] for o in outputs[3]] == ["✅ Right: 41.7 %.\n"]
    assert [o["text"] for o in outputs[4]] == ["💡 Hint 1 of 2: h1\n"]
    every = [o for cell_outputs in outputs for o in cell_outputs]
    assert not any(o.get("name") == "stderr" for o in every)


# --------------------------------------------------------------------------- interval


def test_an_interval_typed_high_first_names_the_real_low_end():
    """Cold read of 04 and 09: "(9.0, 7.3)" was told "the low end (9) comes first"."""
    judge = judges.interval(lambda: (7.3, 9.0), tolerance=0.05)
    verdict = judge((9.0, 7.3))
    assert not verdict.ok and "the low end (7.3) comes first: write (7.3, 9)" in verdict.message, verdict.message
    assert judge((7.3, 9.0)).ok


def test_an_interval_rounded_to_whole_numbers_is_told_so_before_any_typical_mistake():
    """Cold read of 04: "(4, 17)" for (3.8, 16.8) was told "that is the Wald interval"."""
    judge = judges.interval(lambda: (3.774, 16.766), tolerance=0.1, mistakes=[((3.95, 17.05), "that is Wald's")])
    verdict = judge((4, 17))
    assert not verdict.ok and verdict.message.endswith("rounded too much: give each end to one decimal place.")
    assert judge((3.8, 16.8)).ok and judge((3.95, 17.05)).message.endswith("that is Wald's")


def test_number_with_thousands_separators_when_a_whole_number_is_asked(capsys):
    """A whole number asked (tolerance ≥ 0.5) and typed 1,549: no commas, even if the exact answer has decimals."""
    q = add("whole_asked", judges.number(lambda: 1549.18, tolerance=1, unit="engagements a week"))
    fails_with(capsys, q, (1, 549), "Write the number without commas or spaces: 1549, not 1,549.")
    fails_with(capsys, q, (15, 4), "Use a point for decimals: 15.4, not 15,4.")


# --------------------------------------------------------------------------- a function that takes too long


def test_a_function_judge_stops_once_too_many_calls_took_too_long_and_not_before():
    """100 cases, lowest band 75 %: after 26 calls that took too long no band is in reach, so it stops there;
    with 25 the rest still decide the points and every case runs."""
    import time

    cases = [(f"post {i}", i % 2 == 0) for i in range(100)]
    judge = judges.function(cases, bands=((0.9, 1.0), (0.75, 0.5)), seconds=0.05)
    calls = []

    def loops_on_the_first(limit):
        def rule(text):
            calls.append(text)
            if len(calls) <= limit:
                while True:
                    time.sleep(0.01)
            return int(text.split()[1]) % 2 == 0
        return rule

    stopped = judge(loops_on_the_first(10**6))  # loops on every post
    assert len(calls) == 26 and stopped.score == 0
    assert "took too long" in stopped.message and "right on 0 of 100 posts" in stopped.message
    calls.clear()
    in_reach = judge(loops_on_the_first(25))  # 75 of 100 right: half the points
    assert len(calls) == 100 and in_reach.score == 0.5 and "right on 75 of 100 posts" in in_reach.message
    calls.clear()
    out_of_reach = judge(loops_on_the_first(26))
    assert len(calls) == 26 and out_of_reach.score == 0


def test_function_results_marks_the_cases_it_did_not_run():
    results = rules.function_results(lambda text: time_out(), [("a", True), ("b", False), ("c", True)],
                                     seconds=0.05, give_up_after=2)
    assert [r[2] for r in results] == ["took too long", "took too long",
                                       "not run: your function took too long on earlier ones"]


def time_out():
    import time

    while True:
        time.sleep(0.01)
