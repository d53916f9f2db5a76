"""Plain words for beginners' pandas slips, in a real kernel: one line, still an error, nothing on stderr.

Every cell below runs in one real python3 kernel (nbclient) after an exercise-like setup cell. For
each slip the test checks the single line shown, that the cell still ends with an ``error`` output
of the original kind (so nbgrader scores a grade cell 0 and Run All stops), and that nothing went
to stderr. Errors that are not slips, and the authors' switch, keep the full traceback.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

pytestmark = pytest.mark.slow

SETUP = """\
from socialkit import analytics, data, widgets
from socialkit.checks import check, hint, progress

mentions = data.load("mentions")
accounts = data.load("accounts")
mentions_by_role = analytics.with_author_role(mentions, accounts)
counts = mentions["brand"].value_counts()
topics = mentions.groupby("topic", observed=True)[["likes"]].sum()
daily = analytics.daily_volume(mentions)
"""

# name -> the code a learner typed; run in this order, after `import socialkit` and SETUP.
SLIPS = {
    "setup_skipped": 'check("01_listen.q1", 55.0)',
    "setup_name_misspelt": 'mention.head()',
    "percent_tb": '%tb',
    "setup": SETUP,
    "and_without_brackets_text": (
        'net_shareholders_h2 = analytics.net_sentiment(mentions_by_role[mentions_by_role["brand"] == "lumiere" '
        '& mentions_by_role["role"] == "shareholder" & mentions_by_role["ts"].dt.month >= 7])'),
    "and_without_brackets_numbers": 'mentions[mentions["likes"] >= 7 & mentions["shares"] >= 2]',
    "or_without_brackets_text_column": 'mentions[mentions["lang"] == "fr" | mentions["text"] == "Bonjour"]',
    "word_and": 'mentions[mentions["brand"] == "lumiere" and mentions["lang"] == "fr"]',
    "word_not": 'mentions[not mentions["is_question"]]',
    "in_a_list": 'mentions[mentions["brand"] in ["lumiere", "grano"]]',
    "column_in_another_table": 'mentions[mentions["role"] == "shareholder"]',
    "misspelt_column": 'mentions["Brand"].value_counts()',
    "column_as_attribute": 'mentions.role',
    "misspelt_method": 'mentions["brand"].value_count()',
    "misspelt_row": 'counts["lumire"]',
    "misspelt_row_in_loc": 'topics.loc["sustainabilty", "likes"]',
    "misspelt_column_in_loc": 'topics.loc["sustainability", "like"]',
    "date_without_quotes_answer": 'first_alert = 2025-01-15  # your answer: a date in quotes, "YYYY-MM-DD"',
    "date_without_quotes_condition": 'recent = mentions[mentions["ts"] >= 2025-12-31]',
    "number_in_quotes": 'mentions[mentions["likes"] >= "100"]',
    "number_in_quotes_one_value": 'mentions["likes"].mean() > "10"',
    "date_row_that_does_not_exist": 'daily.loc["2025-13-01", "lumiere"]',
    "impossible_date_text": 'mentions[mentions["ts"] >= "2025-13-01"]',
    "greater_than_on_text": 'mentions[mentions["lang"] > 3]',
    "single_equals_in_condition": 'lumiere = mentions[mentions["brand"] = "lumiere"]',
    "single_equals_in_if": 'if len(mentions) = 20115:\n    print("all there")',
    "answer_cell_not_run": 'check("01_listen.q1", sov_april_june)',
    "answer_under_another_name": 'sov_april_jun = 56.2\ncheck("01_listen.q1", sov_april_june)',
    "misspelt_name": 'mention.head()',
    "text_without_quotes": 'why_modest = B',
    "apostrophe_in_single_quotes": "reply = 'We're sorry about your order.'",
    "curly_quotes": 'reply = “Thanks for asking!”',
    "text_not_closed": 'reply = "Thanks for asking!',
    "loc_with_round_brackets": 'topics.loc("sustainability", "likes")',
    "loc_with_round_brackets_one_label": 'topics.loc("sustainability")',
    "loc_swapped": 'topics.loc["likes", "sustainability"]',
    "loc_two_labels_on_one_column": 'counts.loc["lumiere", "brand"]',
    "mean_of_a_whole_table": 'mentions[mentions["likes"] > 10].mean()',
    "bracket_never_closed": 'mentions[mentions["likes"] > 10',
    "brackets_wrong_order": 'mentions[(mentions["likes"] > 10]',
    "one_bracket_too_many": 'len(mentions))',
    "question_without_quotes": 'hint(01_listen.q1)',
    "number_with_a_space": 'lumiere_posts = 20 115',
    # not slips: their usual display must stay
    "division_by_zero": 'share = 10 / 0',
    "plain_dict_key": '{"a": 1}["b"]',
    "error_inside_the_kit": 'analytics.net_sentiment(accounts)',
    "friendly_check": 'check("01_listen.q4", "A")',
    "friendly_kit_error": 'analytics.share_of_voice(mentions["ts"].dt.quarter == 2, brand="lumiere")',
    "own_export_refused": 'from socialkit import exports\nexports.read("my_export_that_is_not_here.csv")',
    "broken_syntax": 'def f(:\n    pass',
    "installed_once": (
        'import socialkit, socialkit.slips\n'
        'print(socialkit.slips.install(), get_ipython().custom_exceptions == socialkit.slips._slip_types())'),
    # the author's switch, then back to plain words
    "switch_on": 'import socialkit.slips\nsocialkit.slips.show_tracebacks()\nmentions[mentions["likes"] >= 7 & mentions["shares"] >= 2]',
    "switch_off": 'socialkit.slips.show_tracebacks(False)\nmentions[mentions["likes"] >= 7 & mentions["shares"] >= 2]',
}


def run_cells(sources: list[str], *, allow_errors: bool = True, env: dict | None = None):
    """Run ``sources`` as the cells of one notebook in a fresh python3 kernel; return the executed notebook."""
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(source) for source in sources])
    client = NotebookClient(nb, kernel_name="python3", timeout=120, allow_errors=allow_errors)
    client.execute(env={**os.environ, "MPLBACKEND": "Agg", **(env or {})})
    return nb


@pytest.fixture(scope="module")
def ran() -> dict:
    """Every cell of SLIPS run in one kernel, the first one after a bare ``import socialkit``; name -> cell."""
    nb = run_cells(["import socialkit", *SLIPS.values()])
    return dict(zip(SLIPS, nb.cells[1:]))


def errors_of(cell) -> list:
    return [o for o in cell.outputs if o.output_type == "error"]


def stderr_of(cell) -> str:
    return "".join(o.get("text", "") for o in cell.outputs if o.output_type == "stream" and o.name == "stderr")


def plain_line(cell, ename: str) -> str:
    """The one line a slip shows, after checking it is still an error of kind ``ename`` with nothing on stderr."""
    errors = errors_of(cell)
    assert len(errors) == 1, cell.outputs
    assert errors[0].ename == ename
    assert stderr_of(cell) == ""
    (line,) = errors[0].traceback
    assert "\n" not in line and "\x1b" not in line and "Traceback" not in line, line
    return line


def full_traceback(cell, ename: str) -> str:
    """The text of a cell's error display (colours removed), checking it is IPython's usual multi-line one."""
    (error,) = errors_of(cell)
    assert error.ename == ename
    text = re.sub(r"\x1b\[[0-9;]*m", "", "\n".join(error.traceback))
    assert len(text.splitlines()) > 2, text
    assert stderr_of(cell) == ""
    return text


# --------------------------------------------------------------------------- conditions


def test_conditions_joined_with_and_without_brackets_on_text_columns(ran):
    # pandas says: TypeError: unsupported operand type(s) for &: 'str' and 'Categorical'
    line = plain_line(ran["and_without_brackets_text"], "TypeError")
    assert line == (
        'Put each condition in its own round brackets when you join them with & or |: '
        'net_shareholders_h2 = analytics.net_sentiment(mentions_by_role[(mentions_by_role["brand"] == "lumiere") '
        '& (mentions_by_role["role"] == "shareholder") & (mentions_by_role["ts"].dt.month >= 7)]) '
        '(see move 2 · keep rows in module 00)')


def test_conditions_joined_with_and_without_brackets_on_number_columns(ran):
    # pandas says: ValueError: The truth value of a Series is ambiguous…
    line = plain_line(ran["and_without_brackets_numbers"], "ValueError")
    assert 'mentions[(mentions["likes"] >= 7) & (mentions["shares"] >= 2)]' in line
    assert line.startswith("Put each condition in its own round brackets")


def test_conditions_joined_with_or_without_brackets_on_a_text_column(ran):
    # pandas says: TypeError: unsupported operand type(s) for |: 'str' and 'StringArray'
    line = plain_line(ran["or_without_brackets_text_column"], "TypeError")
    assert 'mentions[(mentions["lang"] == "fr") | (mentions["text"] == "Bonjour")]' in line


def test_the_word_and_between_conditions(ran):
    line = plain_line(ran["word_and"], "ValueError")
    assert line.startswith("Join conditions with & (and) or | (or), not with the words and / or / not")
    assert 'mentions[(mentions["brand"] == "lumiere") & (mentions["lang"] == "fr")]' in line


def test_the_word_not_before_a_column(ran):
    line = plain_line(ran["word_not"], "ValueError")
    assert 'mentions[~mentions["is_question"]]' in line


def test_in_a_list_suggests_isin(ran):
    line = plain_line(ran["in_a_list"], "ValueError")
    assert line.startswith("To keep the rows whose value is one of several, use .isin([...])")
    assert 'mentions[mentions["brand"].isin(["lumiere", "grano"])]' in line


# --------------------------------------------------------------------------- columns and rows


def test_a_column_that_is_in_another_table_names_that_table(ran):
    line = plain_line(ran["column_in_another_table"], "KeyError")
    assert line.startswith('mentions has no column "role": "role" is in mentions_by_role, not in mentions, '
                           'so use mentions_by_role here')
    assert "Columns of mentions: post_id, ts, platform" in line


def test_a_misspelt_column_gets_the_closest_name(ran):
    line = plain_line(ran["misspelt_column"], "KeyError")
    assert line.startswith('mentions has no column "Brand": did you mean "brand"?')


def test_a_column_written_as_an_attribute(ran):
    line = plain_line(ran["column_as_attribute"], "AttributeError")
    assert '"role" is in mentions_by_role, not in mentions' in line


def test_a_misspelt_method(ran):
    line = plain_line(ran["misspelt_method"], "AttributeError")
    assert "did you mean .value_counts?" in line


def test_a_misspelt_row_label_lists_the_rows(ran):
    line = plain_line(ran["misspelt_row"], "KeyError")
    assert line == ('counts has no row "lumire": did you mean "lumiere"? Its rows are: lumiere, grano, maison. '
                    'Copy the label exactly, in quotes (see move 3 · read one cell in module 00).')


def test_a_misspelt_row_in_loc(ran):
    line = plain_line(ran["misspelt_row_in_loc"], "KeyError")
    assert line.startswith('topics has no row "sustainabilty": did you mean "sustainability"?')


def test_a_misspelt_column_in_loc(ran):
    line = plain_line(ran["misspelt_column_in_loc"], "KeyError")
    assert line.startswith('topics has no column "like": did you mean "likes"?')


# --------------------------------------------------------------------------- values of the wrong kind


def test_a_date_without_quotes_in_an_answer(ran):
    # Python says: SyntaxError: leading zeros in decimal integer literals are not permitted…
    line = plain_line(ran["date_without_quotes_answer"], "SyntaxError")
    assert line == 'A date needs quotes: write "2025-01-15" (year-month-day, in quotes).'


def test_a_date_without_quotes_in_a_condition(ran):
    # pandas says: TypeError: Invalid comparison between dtype=datetime64[us, UTC] and int
    line = plain_line(ran["date_without_quotes_condition"], "TypeError")
    assert line.startswith('A date needs quotes: write "2025-12-31", not 2025-12-31')


def test_a_number_in_quotes(ran):
    line = plain_line(ran["number_in_quotes"], "TypeError")
    assert line == 'This column holds numbers, so write the number without quotes: write 100, not "100".'


def test_a_number_in_quotes_against_one_value(ran):
    # numpy says: UFuncTypeError: ufunc 'greater' did not contain a loop with signature matching types …
    line = plain_line(ran["number_in_quotes_one_value"], "UFuncTypeError")
    assert line == 'Numbers go without quotes: write 10, not "10".'


def test_a_row_date_that_does_not_exist(ran):
    line = plain_line(ran["date_row_that_does_not_exist"], "KeyError")
    assert line.startswith('daily has no row "2025-13-01": its rows are dates from 2025-01-01 to 2025-12-31')


def test_text_that_is_not_a_date(ran):
    line = plain_line(ran["impossible_date_text"], "TypeError")
    assert line.startswith('"2025-13-01" is not a date pandas can read')


def test_greater_than_on_a_text_column(ran):
    # pandas says: TypeError: Unordered Categoricals can only compare equality or not
    line = plain_line(ran["greater_than_on_text"], "TypeError")
    assert line.startswith("This column holds categories (text), so > and < do not work on it")


# --------------------------------------------------------------------------- = for ==


def test_a_single_equals_sign_in_a_condition(ran):
    # Python says: SyntaxError: cannot assign to subscript here. Maybe you meant '==' instead of '='?
    line = plain_line(ran["single_equals_in_condition"], "SyntaxError")
    assert line == ('To compare, write == (two equals signs); a single = stores a value: '
                    'lumiere = mentions[mentions["brand"] == "lumiere"] (see move 2 · keep rows in module 00)')


def test_a_single_equals_sign_in_an_if(ran):
    line = plain_line(ran["single_equals_in_if"], "SyntaxError")
    assert "if len(mentions) == 20115:" in line


def test_an_apostrophe_inside_single_quotes_says_use_double_quotes(ran):
    # Python says: SyntaxError: unterminated string literal (detected at line 1)
    line = plain_line(ran["apostrophe_in_single_quotes"], "SyntaxError")
    assert "apostrophe" in line and "double quotes" in line


def test_curly_quotes_pasted_from_word_say_type_them(ran):
    # Python says: SyntaxError: invalid character '“' (U+201C)
    line = plain_line(ran["curly_quotes"], "SyntaxError")
    assert "curly quotes" in line and "keyboard" in line


def test_a_text_never_closed_says_close_it(ran):
    line = plain_line(ran["text_not_closed"], "SyntaxError")
    assert "never closed" in line and "apostrophe" not in line


def test_loc_with_round_brackets_says_square_ones(ran):
    # pandas says: TypeError: _LocIndexer.__call__() takes from 1 to 2 positional arguments but 3 were given
    line = plain_line(ran["loc_with_round_brackets"], "TypeError")
    assert line.startswith(".loc takes square brackets") and 'topics.loc["sustainability", "likes"]' in line


def test_loc_with_round_brackets_and_one_label_says_square_ones(ran):
    # pandas says: ValueError: No axis named sustainability for object type DataFrame
    line = plain_line(ran["loc_with_round_brackets_one_label"], "ValueError")
    assert line.startswith(".loc takes square brackets") and 'topics.loc["sustainability"]' in line


def test_two_labels_on_a_one_column_table_says_give_only_the_row(ran):
    # pandas says: IndexingError: Too many indexers (after 40 lines)
    line = plain_line(ran["loc_two_labels_on_one_column"], "IndexingError")
    assert line.startswith("This table has only one column") and 'counts.loc["lumiere"]' in line


def test_the_mean_of_a_whole_table_says_choose_the_column_first(ran):
    # pandas says: TypeError: 'Categorical' with dtype category does not support operation 'mean'
    line = plain_line(ran["mean_of_a_whole_table"], "TypeError")
    assert line.startswith("Choose the column first, then take the mean")


def test_loc_with_row_and_column_swapped_says_row_first(ran):
    line = plain_line(ran["loc_swapped"], "KeyError")
    assert line.startswith('Row first, then column: topics.loc["sustainability", "likes"]'), line


@pytest.mark.parametrize("slip, words", [
    ("bracket_never_closed", "never closed"),
    ("brackets_wrong_order", "wrong order"),
    ("one_bracket_too_many", "one ) too many"),
    ("question_without_quotes", 'write "01_listen.q1"'),
    ("number_with_a_space", "20115, not 20 115"),
])
def test_brackets_question_names_and_spaced_numbers_get_one_plain_line(ran, slip, words):
    # Python says: '[' was never closed / closing parenthesis ']' does not match … / unmatched ')' /
    # invalid decimal literal / invalid syntax
    assert words in plain_line(ran[slip], "SyntaxError")


# --------------------------------------------------------------------------- names not defined


def test_a_skipped_setup_cell_names_the_setup_cell(ran):
    """``import socialkit`` alone installs the handler; ``check`` is then undefined because setup was skipped."""
    line = plain_line(ran["setup_skipped"], "NameError")
    assert line.startswith("check is not defined yet: run the setup cell at the top of the notebook first")


def test_a_misspelt_setup_name_before_the_setup_cell(ran):
    line = plain_line(ran["setup_name_misspelt"], "NameError")
    assert line.startswith("mention is not defined: did you mean mentions? It comes from the setup cell")


def test_percent_tb_shows_the_full_traceback_of_the_last_slip(ran):
    text = full_traceback(ran["percent_tb"], "NameError")
    assert "mention.head()" in text and text.rstrip().endswith("NameError: name 'mention' is not defined")


def test_an_answer_cell_not_run_names_the_answer_cell(ran):
    line = plain_line(ran["answer_cell_not_run"], "NameError")
    assert line.startswith('sov_april_june has no value yet: run your answer cell above first '
                           '(the one that starts "sov_april_june =")')


def test_an_answer_stored_under_another_name(ran):
    line = plain_line(ran["answer_under_another_name"], "NameError")
    assert line.startswith("The check needs the name sov_april_june, but your answer cell stored sov_april_jun")


def test_a_misspelt_name(ran):
    line = plain_line(ran["misspelt_name"], "NameError")
    assert line == "mention is not defined: did you mean mentions? Names must be spelt exactly, letter for letter."


def test_text_without_quotes(ran):
    line = plain_line(ran["text_without_quotes"], "NameError")
    assert line == 'B is not defined: text needs quotes, so write "B".'


# --------------------------------------------------------------------------- what keeps its usual display


def test_an_error_that_is_not_a_slip_keeps_its_traceback(ran):
    text = full_traceback(ran["division_by_zero"], "ZeroDivisionError")
    assert "Traceback (most recent call last)" in text and "share = 10 / 0" in text
    assert "Traceback (most recent call last)" in full_traceback(ran["plain_dict_key"], "KeyError")


def test_an_error_inside_the_kits_code_keeps_its_traceback(ran):
    """A KeyError raised by the kit's own function is a bug to see, not a learner's slip."""
    assert "socialkit/analytics/" in full_traceback(ran["error_inside_the_kit"], "KeyError")


def test_the_kits_own_one_line_errors_are_unchanged(ran):
    (check_error,) = errors_of(ran["friendly_check"])
    assert check_error.ename == "CheckFailed" and len(check_error.traceback) == 1
    (kit_error,) = errors_of(ran["friendly_kit_error"])
    assert kit_error.ename == "WrongInput"
    assert kit_error.traceback[0].startswith("TypeError: share_of_voice() needs rows of the table")
    (export_error,) = errors_of(ran["own_export_refused"])  # reading one's own export, outside its panel
    assert export_error.ename == "ExportError" and len(export_error.traceback) == 1
    assert export_error.traceback[0].startswith("ValueError: ") and "my_export_that_is_not_here.csv" in \
        export_error.traceback[0]


def test_a_syntax_error_that_is_not_a_slip_keeps_ipythons_display(ran):
    text = full_traceback(ran["broken_syntax"], "SyntaxError")
    assert "def f(:" in text and "^" in text and "SyntaxError: invalid syntax" in text


def test_installing_again_changes_nothing(ran):
    said = "".join(o.get("text", "") for o in ran["installed_once"].outputs if o.output_type == "stream")
    assert said.strip() == "True True"


def test_the_authors_switch_shows_the_full_traceback_and_back(ran):
    text = full_traceback(ran["switch_on"], "ValueError")
    assert "Traceback (most recent call last)" in text
    assert text.rstrip().endswith("ValueError: The truth value of a Series is ambiguous. "
                                  "Use a.empty, a.item(), a.any() or a.all().")
    assert plain_line(ran["switch_off"], "ValueError").startswith("Put each condition in its own round brackets")


def test_the_environment_variable_shows_the_full_traceback():
    nb = run_cells([SETUP, 'mentions[mentions["role"] == "shareholder"]'], env={"SOCIALKIT_TRACEBACKS": "1"})
    text = full_traceback(nb.cells[1], "KeyError")
    assert "Traceback (most recent call last)" in text and text.rstrip().endswith("KeyError: 'role'")


def test_a_slip_still_stops_run_all():
    """Like any error, a slip ends the run: the cells below it do not run."""
    from nbclient.exceptions import CellExecutionError

    with pytest.raises(CellExecutionError) as raised:
        run_cells(["import socialkit", "first_alert = 2025-01-15", "after = 1"], allow_errors=False)
    assert raised.value.ename == "SyntaxError"
    assert 'write "2025-01-15"' in str(raised.value)


def test_import_socialkit_outside_ipython_installs_nothing():
    code = ("import IPython, socialkit, sys; "
            "print('socialkit.slips' in sys.modules, IPython.get_ipython() is None)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "True"]
