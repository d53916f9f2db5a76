"""Instant feedback for learners: ``check`` an answer, ask for a ``hint``, see your ``progress``.

How it is used in an exercise notebook::

    from socialkit.checks import check, hint
    check("01_listen.q1", sov_march)   # prints one line: ✅ Right / ❌ Not yet / ⏳ Not attempted yet
    hint("01_listen.q1")               # prints the next hint, one per call

How a module's questions are written (in ``socialkit/questions/<topic>.py``)::

    from socialkit import checks
    checks.register(checks.Question(
        "01_listen.q1", "Share of voice of Café Lumière in March, in %",
        hints=["…", "…"], judge=checks.number(expected_sov, tolerance=0.1, unit="%"),
        section="section 2 of the lesson (Share of voice)"))

Judges give plain-words messages for typical slips (a whole column where one
number is asked, a decimal comma, a fraction for a percentage…). A question can
replace the generic advice with its own: ``number(..., reduce_advice="pick
Café Lumière's share: …", no_rows_advice="roles are written in the singular …")``
and ``decision(..., reduce_advice="…")``.

The package holds no solutions: a judge computes the expected value from the
data when the learner checks (``number``, ``names``, ``table``, ``decision``
take a function), or compares a multiple-choice letter with its sha256 digest
(``choice``). Grading is decided by the hidden tests of the solutions notebook.

Everything is printed to stdout; nothing is written to stderr and no warning
escapes, because nbgrader gives zero to a grade cell that writes to stderr.
"""

from __future__ import annotations

import hashlib
import math
import numbers
import warnings
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

__all__ = [
    "CheckFailed", "UnknownQuestion", "Verdict", "Question", "register", "check", "hint",
    "progress", "evaluate", "reset", "number", "choice", "names", "table", "decision",
    "digest", "normalise_choice", "canonical_id", "questions_of", "right", "wrong", "ExpectedValueError",
]

RIGHT, WRONG, MISSING = "right", "wrong", "missing"


# --------------------------------------------------------------------------- results and errors


class CheckFailed(AssertionError):
    """A learner's answer is not right yet: an AssertionError, so nbgrader marks the cell failed.

    In Jupyter it shows as one short line instead of a traceback (IPython calls
    ``_render_traceback_`` when an exception defines it).
    """

    def _render_traceback_(self) -> list[str]:
        """The single line Jupyter shows for this failure, in place of a traceback."""
        return [str(self)]


class UnknownQuestion(LookupError):
    """A question id that no module defines; the message lists the ids that do exist."""

    def __str__(self) -> str:
        """The plain message (LookupError would otherwise show it in quotes)."""
        return str(self.args[0]) if self.args else "unknown question"

    def _render_traceback_(self) -> list[str]:
        """Show the message as one short block in Jupyter, without a traceback."""
        return [f"UnknownQuestion: {self}"]


@dataclass(frozen=True)
class Verdict:
    """What a judge decided about one answer: ``right``, ``wrong`` or ``missing``, and why."""

    status: Literal["right", "wrong", "missing"]
    message: str

    @property
    def ok(self) -> bool:
        """True when the answer is right."""
        return self.status == RIGHT


def right(message: str) -> Verdict:
    """A right answer, with what the learner should take away from it."""
    return Verdict(RIGHT, message)


def wrong(message: str) -> Verdict:
    """A wrong answer, with a message that says what looks wrong and what to try."""
    return Verdict(WRONG, message)


Judge = Callable[[Any], Verdict]


# --------------------------------------------------------------------------- questions and registry


@dataclass
class Question:
    """One exercise question: its id (``"01_listen.q1"``), a short prompt, its hints and its judge.

    ``hints`` are shown one per ``hint()`` call; the last one stops one step short
    of the answer. ``section`` names the part of the lesson to re-read once the
    hints run out (e.g. ``"section 2 of the lesson (Share of voice)"``).
    """

    id: str
    prompt: str
    hints: Sequence[str]
    judge: Judge
    section: str = "the lesson"

    def __post_init__(self) -> None:
        """Refuse ids and hint lists that would confuse learners later."""
        module, _, name = self.id.partition(".")
        if not module or not name:
            raise ValueError(f"Question id {self.id!r} must look like '01_listen.q1' (module slug, dot, name).")
        if self.id != canonical_id(self.id):
            raise ValueError(f"Question id {self.id!r} must be in lower case without spaces: "
                             f"{canonical_id(self.id)!r}.")
        if len(self.hints) < 1:
            raise ValueError(f"Question {self.id} needs at least one hint.")
        self.hints = tuple(self.hints)

    @property
    def module(self) -> str:
        """The module slug the question belongs to, e.g. ``01_listen``."""
        return self.id.partition(".")[0]


def canonical_id(question_id: str) -> str:
    """``" 01_Listen.Q1 "`` → ``"01_listen.q1"``: learners may type an id in any case, with spaces."""
    return "".join(question_id.split()).lower()


_REGISTRY: dict[str, Question] = {}
_HINTS_SHOWN: dict[str, int] = {}
_LAST_VERDICT: dict[str, Verdict] = {}


def register(*questions: Question) -> None:
    """Make questions known to ``check``/``hint``; registering an id again replaces it."""
    for question in questions:
        if not isinstance(question, Question):
            raise TypeError(f"register() takes Question objects, not {type(question).__name__}.")
        _REGISTRY[question.id] = question


def _load_module_questions(module: str) -> None:
    """Import the question file of a module slug (``01_listen`` → ``socialkit.questions.listen``)."""
    from socialkit.questions import import_questions

    import_questions(module)


def questions_of(module: str) -> list[Question]:
    """The questions of one module (e.g. ``"00_start_here"``), in the order they were registered."""
    _load_module_questions(module)
    return [q for q in _REGISTRY.values() if q.module == module]


def _find(question_id: Any) -> Question:
    """The registered question with this id, or an error that lists the ids that exist."""
    if not isinstance(question_id, str):
        raise UnknownQuestion(
            f"The question id must be text in quotes, like \"01_listen.q1\", not {type(question_id).__name__}."
        )
    question_id = canonical_id(question_id)
    if question_id in _REGISTRY:
        return _REGISTRY[question_id]
    module = question_id.partition(".")[0]
    known = [q.id for q in questions_of(module)]
    if question_id in _REGISTRY:  # its module's question file was just imported
        return _REGISTRY[question_id]
    if known:
        raise UnknownQuestion(f"There is no question {question_id!r}. Questions of {module}: {', '.join(known)}.")
    from socialkit.questions import available_modules

    raise UnknownQuestion(
        f"There is no question {question_id!r}: no module {module!r} has questions. "
        f"Modules with questions: {', '.join(available_modules())}."
    )


# --------------------------------------------------------------------------- what learners call


def _quietly(function):
    """Run ``function`` with every warning silenced: a warning would reach stderr and zero a grade cell."""
    import functools

    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return function(*args, **kwargs)

    return wrapper


NOT_ATTEMPTED = ("your answer still holds the three dots (...). Write your answer after the = sign and run the "
                 "answer cell, then this one. If that cell showed a red error, fix it first: a letter or a date "
                 "needs quotes, and the name must be spelt exactly as given.")


@_quietly
def evaluate(question_id: str, value: Any) -> Verdict:
    """Judge an answer without printing (for tools and tests) and record it for ``progress``."""
    question = _find(question_id)
    if value is ...:
        verdict = Verdict(MISSING, NOT_ATTEMPTED)
    elif value is None:
        verdict = Verdict(MISSING, "your answer is None (empty). Put your answer after the = sign in your answer "
                                   "cell, run that cell, then this one.")
    else:
        try:
            verdict = question.judge(value)
        except ExpectedValueError:
            raise
        except Exception as exc:  # a value the judge cannot handle is a wrong answer, not a crash
            verdict = wrong(f"your answer could not be compared ({type(exc).__name__}: {exc}).")
        if not isinstance(verdict, Verdict):
            raise TypeError(f"The judge of {question.id} returned {type(verdict).__name__}, not a Verdict.")
    _LAST_VERDICT[question.id] = verdict
    return verdict


def check(question_id: str, value: Any) -> None:
    """Print one friendly line about the answer; raise ``CheckFailed`` unless it is right."""
    question_id = _find(question_id).id  # the id as registered, whatever the case and spaces typed
    verdict = evaluate(question_id, value)
    if verdict.status == RIGHT:
        print(f"✅ Right: {verdict.message}")
        return
    if verdict.status == MISSING:
        print(f"⏳ Not attempted yet: {verdict.message}")
        raise CheckFailed(f"{question_id}: not attempted yet.")
    print(f'❌ Not yet: {verdict.message} (try hint("{question_id}"))')
    raise CheckFailed(f"{question_id}: not right yet, see the message above.")


@_quietly
def hint(question_id: str) -> None:
    """Print the next hint for a question, one per call; after the last, say where to look."""
    question = _find(question_id)
    shown = _HINTS_SHOWN.get(question.id, 0)
    total = len(question.hints)
    if shown >= total:
        plural = "hint" if total == 1 else f"all {total} hints"
        print(f"💡 No more hints for {question.id}: you have seen {plural}. "
              f"Re-read {question.section}, or ask your facilitator.")
        return
    _HINTS_SHOWN[question.id] = shown + 1
    print(f"💡 Hint {shown + 1} of {total}: {question.hints[shown]}")


@_quietly
def progress(module: str) -> None:
    """Print which questions of a module you have got right so far in this session."""
    if not isinstance(module, str):
        raise UnknownQuestion(f"progress() needs the module name in quotes, like \"01_listen\", "
                              f"not {type(module).__name__}.")
    module = canonical_id(module)
    questions = questions_of(module)
    if not questions:
        from socialkit.questions import available_modules

        raise UnknownQuestion(
            f"No questions for module {module!r}. Modules with questions: {', '.join(available_modules())}."
        )
    symbols = {RIGHT: "✅ right", WRONG: "❌ not yet", MISSING: "⏳ not attempted"}
    print(f"Your progress in {module} (this session):")
    for q in questions:
        verdict = _LAST_VERDICT.get(q.id)
        state = symbols[verdict.status] if verdict else "·  not checked yet"
        print(f"  {state:<20} {q.id} · {q.prompt}")
    done = sum(1 for q in questions if q.id in _LAST_VERDICT and _LAST_VERDICT[q.id].ok)
    print(f"{done} of {len(questions)} right.")


def reset() -> None:
    """Forget this session's hints and results (a fresh start; also used by tests)."""
    _HINTS_SHOWN.clear()
    _LAST_VERDICT.clear()


# --------------------------------------------------------------------------- judges: helpers


class ExpectedValueError(RuntimeError):
    """The check could not compute the expected answer (missing data, a bug): not the learner's fault."""

    def _render_traceback_(self) -> list[str]:
        """One short message in Jupyter; the cause is named in it."""
        return [f"ExpectedValueError: {self}"]


class _Lazy:
    """A value computed from the data the first time a check needs it, then kept."""

    def __init__(self, source: Any):
        self._source = source
        self._done = not callable(source)
        self._value = None if callable(source) else source

    def get(self) -> Any:
        """The value, computing it once."""
        if not self._done:
            try:
                self._value = self._source()
            except Exception as exc:
                raise ExpectedValueError(
                    f"The check could not compute the expected answer from the data "
                    f"({type(exc).__name__}: {exc}). Tell your facilitator."
                ) from exc
            self._done = True
        return self._value


def _count(n: int, singular: str, plural: str | None = None) -> str:
    """``1 value`` / ``3 values``: a count with its noun in the right number."""
    return f"{n} {singular if n == 1 else (plural or singular + 's')}"


def _describe(value: Any) -> str:
    """A plain-words name for the kind of value a learner gave (no programmer words such as DataFrame)."""
    import datetime as dt

    import numpy as np
    import pandas as pd

    if isinstance(value, pd.DataFrame):
        return (f"a whole table ({_count(value.shape[0], 'row')} and "
                f"{_count(value.shape[1], 'column')})")
    if isinstance(value, pd.Series):
        if pd.api.types.is_bool_dtype(value):
            kind = "True/False value"
        elif pd.api.types.is_numeric_dtype(value):
            kind = "number"
        else:
            kind = "value"
        return f"a whole column of {_count(len(value), kind)}"
    if isinstance(value, (bool, np.bool_)):
        return f"True/False ({bool(value)})"
    if isinstance(value, str):
        return f"text in quotes ({value!r})"
    if isinstance(value, tuple):
        if not value:
            return "empty round brackets ()"
        if len(value) == 1:
            return "one value followed by a comma"
        return f"{len(value)} values separated by commas"
    if isinstance(value, list):
        return f"a list of {_count(len(value), 'value')} in square brackets"
    if isinstance(value, (set, frozenset)):
        return f"a set of {_count(len(value), 'value')} in curly brackets"
    if isinstance(value, dict):
        return f"a dictionary of {_count(len(value), 'entry', 'entries')} in curly brackets"
    if isinstance(value, (np.ndarray, pd.Index)):
        return f"a list of {_count(len(value), 'value')}" if np.ndim(value) == 1 else "a grid of values"
    if isinstance(value, numbers.Integral):
        return f"a whole number ({int(value)})"
    if isinstance(value, numbers.Real):
        return "no value (NaN)" if math.isnan(value) else f"a decimal number ({_fmt(float(value))})"
    if isinstance(value, (dt.datetime, dt.date)):
        return f"a date ({value})"
    if callable(value):
        name = getattr(value, "__name__", "")
        return (f"a function{f' ({name})' if name else ''} that was not run: "
                f"add round brackets after its name, with what it needs inside")
    return f"a value of the kind Python calls {type(value).__name__}"


def _as_real(value: Any) -> float | None:
    """The value as a float if it is a plain or numpy number (not a bool), else None."""
    import numpy as np

    if isinstance(value, (bool, np.bool_)):
        return None
    if isinstance(value, np.ndarray) and value.ndim == 0:
        value = value.item()
    if isinstance(value, numbers.Real):
        return float(value)
    return None


def _fmt(x: float) -> str:
    """A number as a learner would write it: no trailing zeros, up to 4 decimals."""
    if float(x).is_integer():
        return str(int(x))
    return f"{x:.4f}".rstrip("0").rstrip(".")


def _echo(x: float, decimals: int, still_wrong: Callable[[float], bool]) -> str:
    """A wrong number rounded for a message (``8.6093`` → ``8.6``), never so much that it reads as right.

    Starts at ``decimals`` and adds one while the rounded value would pass
    (``still_wrong`` is False for it) or would read as 0 for a non-zero answer.
    """
    if float(x).is_integer():
        return str(int(x))
    for places in range(decimals, 10):
        rounded = round(x, places)
        if rounded != 0 and still_wrong(rounded):
            return f"{rounded:.{places}f}".rstrip("0").rstrip(".")
    import numpy as np

    return np.format_float_positional(x, precision=3, unique=False, fractional=False, trim="-")


# --------------------------------------------------------------------------- judge: a number


DEFAULT_REDUCE_ADVICE = "Reduce it to one number, e.g. with .sum(), .mean() or len(...), as the question asks."
DEFAULT_NO_ROWS_ADVICE = ("Check the values you filter on: they must be spelt exactly as in the data "
                          "(for example \"lumiere\", in lower case).")
CLOSE_FACTOR = 3  # "close" is said only within 3 × the tolerance: further off, the method is wrong, not the rounding


def _decimals(x: float) -> int:
    """How many decimals a learner's number has as typed (``46`` → 0, ``46.1`` → 1, ``46.15`` → 2)."""
    text = repr(float(x))
    if "e" in text or "." not in text:
        return 0
    decimals = text.split(".")[1].rstrip("0")
    return len(decimals)


def _decimals_needed(tolerance: float) -> int:
    """The fewest decimals whose rounding error (half a unit of the last place) stays within ``tolerance``."""
    return max(0, math.ceil(math.log10(0.5 / tolerance) - 1e-9))


def _within(tolerance: float, unit: str) -> str:
    """The tolerance in words: ``within 0.1 points`` for a percentage, ``within 0.5 posts`` otherwise."""
    if unit == "%":
        return f"within {_fmt(tolerance)} points"
    return f"within {_fmt(tolerance)} {unit}" if unit else f"within ±{_fmt(tolerance)}"


def _comma_number_advice(value: tuple, goal_is_whole: bool) -> str | None:
    """Advice for a number typed with a comma, which Python reads as several values (``46,1`` → ``(46, 1)``).

    A whole number written with thousands separators (``20,115``) gets "no commas";
    otherwise the comma is taken as a decimal comma (``46,1`` → "use a point").
    """
    if len(value) < 2 or not all(isinstance(part, numbers.Integral) and not isinstance(part, bool)
                                 for part in value):
        return None
    typed = ",".join(str(int(part)) for part in value)
    groups_of_three = value[0] != 0 and all(100 <= int(part) <= 999 for part in value[1:])
    if groups_of_three and (goal_is_whole or len(value) > 2):
        plain = "".join(str(int(part)) for part in value)
        return f"Write the number without commas or spaces: {plain}, not {typed}."
    if len(value) == 2 and int(value[1]) >= 0:
        return f"Use a point for decimals: {int(value[0])}.{int(value[1])}, not {typed}."
    return None


def _single_value_advice(value: Any) -> str:
    """How to take the one value out of a one-value column, table, list or array."""
    import pandas as pd

    if isinstance(value, pd.DataFrame):
        return "It holds a single value: take it out with .iloc[0, 0] at the end."
    if isinstance(value, list):
        return "Remove the square brackets."
    if isinstance(value, tuple):
        return "Remove the comma at the end."
    if isinstance(value, (set, frozenset)):
        return "Remove the curly brackets."
    return "It holds a single value: take it out with .item() at the end."


def number(
    expected: Callable[[], float] | float,
    *,
    tolerance: float = 0.0,
    unit: str = "",
    mistakes: Iterable[tuple[Callable[[], float] | float, str]] = (),
    factors: Sequence[float] = (10, 100, 1000),
    right_message: str = "",
    reduce_advice: str = DEFAULT_REDUCE_ADVICE,
    no_rows_advice: str = DEFAULT_NO_ROWS_ADVICE,
) -> Judge:
    """A judge for one number: right within ``tolerance`` of the expected value.

    ``expected`` is usually a function that computes the value from the data (so
    no answer is stored). ``unit="%"`` means a percentage 0–100 is asked, and a
    fraction 0–1 gets "multiply by 100". ``mistakes`` pairs typical wrong values
    (or functions computing them) with the message to show for each. An answer
    off by one of ``factors`` (both ways) is told so.

    Question-specific advice (each replaces a generic sentence):
    ``reduce_advice`` is what a learner who gives many values (a whole column or
    table, a list) where one number is asked should do, e.g. "pick Café Lumière's
    share: add brand=\"lumiere\" inside the brackets"; ``no_rows_advice`` follows
    "your filter probably found no rows" when the answer has no value (NaN), e.g.
    "roles are written in the singular: \"journalist\"".
    """
    target = _Lazy(expected)
    known_mistakes = [(_Lazy(v), message) for v, message in mistakes]
    percent = unit.strip() == "%"
    unit_text = "%" if percent else (f" {unit}" if unit else "")
    within = _within(tolerance, "%" if percent else unit.strip())
    echo_decimals = max(1, _decimals_needed(tolerance)) if tolerance > 0 else 1

    def close(a: float, b: float, tol: float = tolerance) -> bool:
        if not (math.isfinite(a) and math.isfinite(b)):
            return a == b
        return abs(a - b) <= tol + 1e-9 * max(1.0, abs(b))

    def many_values(value: Any) -> Verdict:
        """An answer holding several values (or one value wrapped in a column, list or comma)."""
        import numpy as np

        size = int(np.size(value)) if not isinstance(value, (set, frozenset, dict)) else len(value)
        if size == 1:
            return wrong(f"that is {_describe(value)}; the question asks for one number. {_single_value_advice(value)}")
        return wrong(f"that is {_describe(value)}; the question asks for one number. {reduce_advice}")

    def judge(value: Any) -> Verdict:
        import numpy as np
        import pandas as pd

        if isinstance(value, str):
            if "%" in value:
                return wrong(f"you typed text with a % sign ({value!r}). Type just the number, without "
                             f"quotes or %: for 41.7 % write 41.7.")
            if "," in value and not value.strip().startswith(("[", "(")):
                return wrong(f"that is {_describe(value)}, not a number. Remove the quotes, and use a point "
                             f"for decimals (46.1, not 46,1) and no commas in big numbers (20115).")
            return wrong(f"that is {_describe(value)}, not a number. Remove the quotes.")
        if isinstance(value, tuple):
            goal_is_whole = tolerance < 0.5 and float(target.get()).is_integer()
            advice = _comma_number_advice(value, goal_is_whole)
            if advice:
                return wrong(advice)
        if isinstance(value, (pd.Series, pd.DataFrame, pd.Index, np.ndarray, list, tuple, set, frozenset, dict)) \
                and not (isinstance(value, np.ndarray) and value.ndim == 0):
            return many_values(value)
        given = _as_real(value)
        if given is None:
            return wrong(f"that is {_describe(value)}; the question asks for one number.")
        if math.isnan(given):
            return wrong(f"your answer has no value (it shows as NaN, \"not a number\"): your filter "
                         f"probably found no rows. {no_rows_advice}")
        goal = float(target.get())
        if close(given, goal):
            return right(right_message or f"{_fmt(given)}{unit_text}.")
        for mistake, message in known_mistakes:
            if close(given, float(mistake.get())):
                return wrong(message)
        def shown(x: float) -> str:
            """The learner's number rounded for the message, never to a value that would pass."""
            return _echo(x, echo_decimals, lambda rounded: not close(rounded, goal))

        if percent and not 0 <= given <= 100:
            shown_percent = _echo(given, 1, lambda rounded: not 0 <= rounded <= 100)
            return wrong(f"{shown_percent} is not a percentage: a percentage lies between 0 and 100.")
        if percent and 0 <= given <= 1 and close(given * 100, goal, tolerance + 0.05):
            return wrong(f"{_fmt(given)} looks like a fraction; multiply by 100 to get a percentage.")
        if goal != 0 and given != 0:
            for factor in factors:
                if close(given * factor, goal, max(tolerance * factor, 0.005 * abs(goal))):
                    return wrong(f"your answer is about {_fmt(factor)} times too small: check the units.")
                if close(given / factor, goal, max(tolerance, 0.005 * abs(goal))):
                    return wrong(f"your answer is about {_fmt(factor)} times too large: check the units.")
        if tolerance > 0:
            needed = _decimals_needed(tolerance)
            typed = _decimals(given)
            if typed < needed and close(given, round(goal, typed), 1e-9):
                example = "12." + "3456789"[:needed] if needed else "12"
                places = "decimal place" if needed == 1 else "decimal places"
                return wrong(f"{_fmt(given)} is rounded too much: give the answer to {needed} {places}, "
                             f"e.g. {example}.")
            if close(given, goal, CLOSE_FACTOR * tolerance):
                return wrong(f"{shown(given)}{unit_text} is close, but not {within}: check your calculation, "
                             f"and do not round in the middle of it.")
        return wrong(f"{shown(given)}{unit_text} is not what the data gives. Check which rows you used.")

    return judge


# --------------------------------------------------------------------------- judge: one option A–D


def normalise_choice(text: str) -> str:
    """``" (b). "`` → ``"B"``: the letter a multiple-choice answer is judged on.

    The whole rule, which hidden tests repeat in plain Python so that a ✅ from
    ``check`` always scores: ``text.strip().strip("().[]").strip().upper()`` —
    the case of the letter and any spaces, round or square brackets and dots
    around it do not matter; anything else (commas, quotes, words, a second
    letter) is kept, and so is not an option.
    """
    return text.strip().strip("().[]").strip().upper()


def digest(letter: str) -> str:
    """The sha256 digest stored for a multiple-choice answer (of the letter after ``normalise_choice``)."""
    return hashlib.sha256(normalise_choice(letter).encode("utf-8")).hexdigest()


def choice(answer_sha256: str, explanations: dict[str, str]) -> Judge:
    """A judge for one option: right when the letter's sha256 matches ``answer_sha256``.

    ``explanations`` gives, for EVERY option, the message shown when it is chosen:
    why a wrong option is wrong, and what the right one teaches. The answer is
    read with ``normalise_choice`` ("b", " B ", "B.", "b)", "(B)", "[B]" all mean B);
    the hidden test must read it the same way.
    """
    letters = sorted(k.upper() for k in explanations)
    messages = {k.upper(): v for k, v in explanations.items()}
    if not any(digest(letter) == answer_sha256 for letter in letters):
        raise ValueError("choice(): the answer digest matches none of the options; compute it with digest('B').")
    listing = ", ".join(f'"{letter}"' for letter in letters)

    def judge(value: Any) -> Verdict:
        if not isinstance(value, str):
            return wrong(f"that is {_describe(value)}. Type one letter in quotes, e.g. \"A\". Options: {listing}.")
        letter = normalise_choice(value)
        if letter not in messages:
            return wrong(f"{value!r} is not one of the options. Type one letter in quotes: {listing}.")
        if digest(letter) == answer_sha256:
            return right(messages[letter])
        return wrong(messages[letter])

    return judge


# --------------------------------------------------------------------------- judge: a set of names


def names(
    expected: Callable[[], Iterable[str]] | Iterable[str],
    *,
    noun: str = "names",
    case_sensitive: bool = False,
    right_message: str = "",
) -> Judge:
    """A judge for a list or set of names, compared as a set (order and repeats do not matter)."""
    target = _Lazy(expected)

    def key(name: Any) -> str:
        text = str(name).strip()
        return text if case_sensitive else text.casefold()

    def judge(value: Any) -> Verdict:
        import numpy as np
        import pandas as pd

        if isinstance(value, str):
            return wrong(f"that is one piece of text; give a list of {noun} in square brackets, "
                         f"e.g. [\"first\", \"second\"].")
        if isinstance(value, pd.DataFrame):
            return wrong(f"that is {_describe(value)}; give a list of {noun} (one column, e.g. .index or "
                         f"a column's values, then list(...)).")
        if not isinstance(value, (list, tuple, set, frozenset, pd.Series, pd.Index, np.ndarray)):
            return wrong(f"that is {_describe(value)}; give a list of {noun} in square brackets.")
        items = list(value)
        if any(not isinstance(item, str) for item in items):
            odd = next(item for item in items if not isinstance(item, str))
            return wrong(f"your list holds {odd!r}, which is not a name: a list of {noun} (text) is asked.")
        given = {key(item) for item in items}
        goal = {key(item) for item in target.get()}
        if given == goal:
            return right(right_message or f"those are the {len(goal)} {noun}.")
        extra = sorted(item for item in items if key(item) not in goal)
        missing = len(goal - given)
        parts = []
        if missing:
            parts.append(f"{missing} of the {len(goal)} {noun} {'is' if missing == 1 else 'are'} missing")
        if extra:
            shown = ", ".join(repr(x) for x in extra[:5]) + (" …" if len(extra) > 5 else "")
            parts.append(f"{len(extra)} should not be there ({shown})")
        return wrong("; ".join(parts) + ".")

    return judge


# --------------------------------------------------------------------------- judge: a table


def table(
    expected: Callable[[], Any] | Any,
    *,
    tolerance: float = 1e-6,
    noun: str = "table",
    right_message: str = "",
) -> Judge:
    """A judge for a Series or DataFrame: same row labels (any order), same columns, values within ``tolerance``."""
    target = _Lazy(expected)

    def labels(index: Any) -> str:
        return ", ".join(repr(x) for x in list(index)[:5]) + (" …" if len(index) > 5 else "")

    def compare_values(given: Any, goal: Any) -> Verdict | None:
        import numpy as np
        import pandas as pd

        given_num = pd.api.types.is_numeric_dtype(given) and not pd.api.types.is_bool_dtype(given)
        goal_num = pd.api.types.is_numeric_dtype(goal) and not pd.api.types.is_bool_dtype(goal)
        if goal_num and given_num:
            a = given.to_numpy(dtype=float)
            b = goal.to_numpy(dtype=float)
            if np.allclose(a, b, rtol=0, atol=tolerance, equal_nan=True):
                return None
            if np.allclose(a * 100, b, rtol=0, atol=max(tolerance, 0.05), equal_nan=True):
                return wrong("the values look like fractions; multiply by 100 to get percentages.")
            if np.allclose(a / 100, b, rtol=0, atol=max(tolerance, 0.0005), equal_nan=True):
                return wrong("the values look like percentages; a fraction between 0 and 1 is asked (divide by 100).")
            bad = int((~np.isclose(a, b, rtol=0, atol=tolerance, equal_nan=True)).sum())
            return wrong(f"{bad} of the {len(a)} values differ from the data. Check the calculation.")
        if goal_num != given_num:
            kind = "numbers" if goal_num else "text or True/False"
            return wrong(f"the values should be {kind}.")
        a, b = given.astype(object).to_numpy(), goal.astype(object).to_numpy()
        a_missing, b_missing = pd.isna(a), pd.isna(b)  # NaN == NaN is False: compare missing cells apart
        if (a_missing == b_missing).all() and (a[~a_missing] == b[~b_missing]).all():
            return None
        return wrong("some values differ from the data. Check the calculation.")

    def judge(value: Any) -> Verdict:
        import pandas as pd

        goal = target.get()
        is_series = isinstance(goal, pd.Series)
        if is_series and isinstance(value, pd.DataFrame):
            if value.shape[1] == 1:
                return wrong("that is a whole table with one column; one column is asked: select the column "
                             "by its name, e.g. table[\"name\"].")
            return wrong(f"that is {_describe(value)}; one column of values is asked, not a whole table.")
        if not isinstance(value, (pd.Series, pd.DataFrame)):
            shape = ("a column of values with a label on each row" if is_series
                     else "a whole table with labelled rows and columns")
            return wrong(f"that is {_describe(value)}; a {noun} is asked: {shape}.")
        if not is_series and isinstance(value, pd.Series):
            return wrong(f"that is {_describe(value)}; a whole table with several columns is asked.")
        missing = goal.index.difference(value.index)
        extra = value.index.difference(goal.index)
        if len(missing) or len(extra):
            parts = []
            if len(missing):
                parts.append(f"{len(missing)} expected row label(s) are missing")
            if len(extra):
                parts.append(f"rows that should not be there: {labels(extra)}")
            return wrong("; ".join(parts) + ".")
        if value.index.has_duplicates:
            return wrong("some row labels appear twice; each should appear once (group or count first).")
        value = value.loc[goal.index]
        if is_series:
            verdict = compare_values(value, goal)
        else:
            missing_cols = [c for c in goal.columns if c not in value.columns]
            if missing_cols:
                return wrong(f"missing column(s): {', '.join(map(repr, missing_cols))}.")
            verdict = None
            for column in goal.columns:
                verdict = compare_values(value[column], goal[column])
                if verdict is not None:
                    verdict = wrong(f"column {column!r}: {verdict.message}")
                    break
        return verdict or right(right_message or f"the {noun} matches the data ({len(goal)} rows).")

    return judge


# --------------------------------------------------------------------------- judge: a yes/no decision


DEFAULT_DECISION_REDUCE_ADVICE = ("One True or False is asked, not one per row: add .any() at the end to ask "
                                  "\"is at least one True?\", or .all() for \"are they all True?\".")


def decision(
    expected: Callable[[], bool] | bool,
    *,
    right_message: str = "",
    wrong_message: str = "",
    reduce_advice: str = DEFAULT_DECISION_REDUCE_ADVICE,
) -> Judge:
    """A judge for a True/False decision, where ``expected`` derives the right call from the data.

    ``reduce_advice`` replaces the generic advice given when the answer holds many
    True/False values (a whole column) instead of one.
    """
    target = _Lazy(expected)

    def judge(value: Any) -> Verdict:
        import numpy as np
        import pandas as pd

        if isinstance(value, str):
            return wrong(f"that is text ({value!r}). Type True or False, with a capital letter and no quotes.")
        if isinstance(value, (pd.Series, pd.DataFrame, pd.Index, np.ndarray, list, tuple)) and np.ndim(value) > 0:
            if np.size(value) == 1:
                return wrong(f"that is {_describe(value)}; one True or False is asked. {_single_value_advice(value)}")
            return wrong(f"that is {_describe(value)}. {reduce_advice}")
        number_given = None if isinstance(value, (bool, np.bool_)) else _as_real(value)
        if number_given is not None and math.isnan(number_given):
            return wrong("your answer has no value (it shows as NaN): your filter probably found no rows. "
                         "Type True or False.")
        if number_given is not None:
            return wrong(f"{_fmt(number_given)} is a number; type True or False, with a capital letter and "
                         f"no quotes.")
        if not isinstance(value, (bool, np.bool_)):
            return wrong(f"that is {_describe(value)}. Type True or False (a comparison such as x > 5 also gives one).")
        if bool(value) == bool(target.get()):
            return right(right_message or f"{bool(value)}.")
        return wrong(wrong_message or f"{bool(value)} is not what the data supports. Compare the figure with the threshold again.")

    return judge
