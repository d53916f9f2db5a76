"""Instant feedback for learners: ``check`` an answer, ask for a ``hint``, see your ``progress``.

How it is used in an exercise notebook::

    from socialkit.checks import check, hint, progress
    check("01_listen.q1", sov_april_june)   # one line: ✅ Right / ❌ Not yet / ⏳ Not attempted yet
    hint("01_listen.q1")                    # the next hint, one per call

The questions of each module are declared in ``socialkit/questions/<file>.py`` (the file the
course table names) with the kinds of ``socialkit.judging``; this module only finds them, judges,
remembers the session's results and prints. Everything goes to stdout; nothing to stderr, no
warning escapes: nbgrader gives zero to a grade cell that writes to stderr.
"""

from __future__ import annotations

import functools
import warnings
from typing import Any

from socialkit.judging import (  # noqa: F401  (NOT_ATTEMPTED, NONE_GIVEN: the messages, importable from here)
    MISSING, NONE_GIVEN, NOT_ATTEMPTED, PARTIAL, RIGHT, ExpectedValueError, Question, QuestionSet, Verdict,
    judge_answer,
)
from socialkit.judging.core import canonical_id
import socialkit.room.link as link

__all__ = ["check", "hint", "progress", "evaluate", "reset", "register", "questions_of", "find",
           "join_room", "leave_room", "CheckFailed", "UnknownQuestion", "ExpectedValueError", "Question", "Verdict"]


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


# --------------------------------------------------------------------------- finding questions

_EXTRA: dict[str, QuestionSet] = {}  # sets added by hand (tests, an author trying a question), by module


def register(*questions: Question | QuestionSet) -> None:
    """Make extra questions known to ``check``/``hint`` (for tests and authors; modules need not call it)."""
    for item in questions:
        if isinstance(item, QuestionSet):
            for question in item:
                register(question)
            continue
        if not isinstance(item, Question):
            raise TypeError(f"register() takes Question objects, not {type(item).__name__}.")
        if "." not in item.id:
            raise ValueError(f"Question id {item.id!r} must look like '01_listen.q1' (module slug, dot, name).")
        extra = _EXTRA.setdefault(item.module, QuestionSet(item.module))
        extra._questions[item.id] = item  # registering an id again replaces it


def unregister(module: str) -> None:
    """Forget the extra questions of one module (tests clean up with it)."""
    _EXTRA.pop(canonical_id(module), None)


def _declared(module: str) -> QuestionSet | None:
    """The question set the course table names for ``module`` (imported once), or None."""
    from socialkit.questions import declared

    return declared(module)


def questions_of(module: str) -> list[Question]:
    """The questions of one module (e.g. ``"01_listen"``), in order."""
    module = canonical_id(module)
    found = list(_declared(module) or [])
    extra = _EXTRA.get(module)
    if extra:
        known = {q.id for q in found}
        found = [extra.get(q.id) or q for q in found] + [q for q in extra if q.id not in known]
    return found


def modules_with_questions() -> list[str]:
    """The module slugs of the course table that have questions, plus any added by hand."""
    from socialkit import course

    return [s for s in course.slugs() if _declared(s)] + sorted(m for m in _EXTRA if _declared(m) is None)


def find(question_id: Any) -> Question:
    """The question with this id (any case, spaces allowed), or an error that lists the ids that exist."""
    if not isinstance(question_id, str):
        raise UnknownQuestion(
            f"The question id must be text in quotes, like \"01_listen.q1\", not {type(question_id).__name__}.")
    question_id = canonical_id(question_id)
    module = question_id.partition(".")[0]
    questions = questions_of(module)
    for question in questions:
        if question.id == question_id:
            return question
    if questions:
        raise UnknownQuestion(f"There is no question {question_id!r}. Questions of {module}: "
                              f"{', '.join(q.id for q in questions)}.")
    raise UnknownQuestion(f"There is no question {question_id!r}: no module {module!r} has questions. "
                          f"Modules with questions: {', '.join(modules_with_questions())}.")


# --------------------------------------------------------------------------- the session

_HINTS_SHOWN: dict[str, int] = {}
_LAST_VERDICT: dict[str, Verdict] = {}


def _quietly(function):
    """Run ``function`` with every warning silenced: a warning would reach stderr and zero a grade cell."""
    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return function(*args, **kwargs)

    return wrapper


@_quietly
def evaluate(question_id: str, value: Any) -> Verdict:
    """Judge an answer without printing (for tools and tests) and record it for ``progress``."""
    question = find(question_id)
    verdict = judge_answer(question, value)
    _LAST_VERDICT[question.id] = verdict
    return verdict


def _points(question: Question, verdict: Verdict) -> str:
    """``(3 of 5 points)`` for a partly right answer to a question with points, else nothing."""
    if question.points is None:
        return f"({verdict.fraction:.0%} of the points)"
    earned = verdict.fraction * question.points
    return f"({earned:g} of {question.points:g} points)"


def check(question_id: str, value: Any) -> None:
    """Print one friendly line about the answer; raise ``CheckFailed`` unless it is right (or partly right)."""
    question = find(question_id)
    verdict = evaluate(question.id, value)
    link.tell(question.id, verdict.status, verdict.message)  # only if you joined a room board; never waits
    if verdict.status == RIGHT:
        print(f"✅ Right: {verdict.message}")
        return
    if verdict.status == PARTIAL:
        print(f"🟡 Partly right {_points(question, verdict)}: {verdict.message} "
              f"(improve it and check again, or try hint(\"{question.id}\"))")
        return
    if verdict.status == MISSING:
        print(f"⏳ Not attempted yet: {verdict.message}")
        raise CheckFailed(f"{question.id}: not attempted yet.")
    print(f'❌ Not yet: {verdict.message} (try hint("{question.id}"))')
    raise CheckFailed(f"{question.id}: not right yet, see the message above.")


@_quietly
def hint(question_id: str) -> None:
    """Print the next hint for a question, one per call; after the last, say where to look."""
    question = find(question_id)
    shown = _HINTS_SHOWN.get(question.id, 0)
    total = len(question.hints)
    if shown >= total:
        plural = "hint" if total == 1 else f"all {total} hints"
        print(f"💡 No more hints for {question.id}: you have seen {plural}. "
              f"Re-read {question.section}, or ask your facilitator.")
        return
    _HINTS_SHOWN[question.id] = shown + 1
    print(f"💡 Hint {shown + 1} of {total}: {question.hints[shown]}")


STATES = {RIGHT: "✅ right", PARTIAL: "🟡 partly right", "wrong": "❌ not yet", MISSING: "⏳ not attempted"}


def _saved_state(module: str):
    """The module's state read from the learner's saved notebook (re-checked), or None if there is none."""
    from socialkit import course

    if module not in course.slugs():
        return None
    try:
        from socialkit.progress.overview import course_progress

        state = course_progress(only=module).module(module)
    except Exception:  # a kit without its folders (a grading sandbox), an unreadable cache: the session only
        return None
    return state if state.notebook is not None else None


@_quietly
def progress(module: str | None = None) -> None:
    """Print your progress: with no module, the whole course from your saved notebooks; with a module
    (``"01_listen"``), each question as checked in this session, else as your saved notebook answers it."""
    if module is None:
        from socialkit.progress.overview import course_progress

        try:
            print(course_progress().text())
        except Exception as exc:  # never a traceback for a progress view
            print(f"⚠️ Warning: your course view could not be made ({type(exc).__name__}: {exc}).")
        return
    if not isinstance(module, str):
        raise UnknownQuestion(f"progress() needs the module name in quotes, like \"01_listen\", "
                              f"or nothing between the brackets for the whole course, not {type(module).__name__}.")
    module = canonical_id(module)
    questions = questions_of(module)
    if not questions:
        raise UnknownQuestion(f"No questions for module {module!r}. Modules with questions: "
                              f"{', '.join(modules_with_questions())}.")
    unchecked = [q for q in questions if q.id not in _LAST_VERDICT]
    saved = _saved_state(module) if unchecked else None  # every question checked here: the session says it all
    saved_verdicts = {q.id: q for q in saved.questions} if saved else {}
    if saved is None:
        print(f"Your progress in {module} (this session):")
    else:
        where = saved.notebook.path.name
        print(f"Your progress in {module} (this session, else your saved notebook {where}, "
              f"saved {saved.saved_on}):")
    right_count = 0
    never_run = []
    for q in questions:
        verdict = _LAST_VERDICT.get(q.id)
        from_file = saved_verdicts.get(q.id) if verdict is None else None
        if verdict is not None:
            state = STATES[verdict.status]
            right_count += verdict.ok
        elif from_file is not None and from_file.status in STATES:
            state = STATES[from_file.status]
            right_count += from_file.status == RIGHT
        else:
            state = "·  not checked yet"
        note = " (saved notebook)" if from_file is not None and from_file.status in STATES else ""
        print(f"  {state:<20} {q.id} · {q.prompt}{note}")
        if verdict is None and from_file is not None and not from_file.check_ran:
            never_run.append(q.id)
    print(f"{right_count} of {len(questions)} right.")
    if never_run:
        print(f"Never run in your saved notebook: {', '.join(never_run)}. Run their answer and check cells "
              f"(Shift + Enter), then save (Ctrl + S).")


def join_room(url: str, token: str, name: str) -> None:
    """Tell the trainer's room board how your checks go, for this session (name, question, verdict only).

    ``join_room("http://192.168.1.20:8765", "K7M2Q9XD", "Anna Martin")``: the address and token are
    the ones the trainer's board shows. Your answers never leave your computer.
    """
    try:
        joined = link.join_session(url, token, name)
    except ValueError as exc:
        print(f"⚠️ {exc}")
        return
    try:
        status, answer = link.ask(joined["url"], joined["token"])
    except OSError:
        print(f"⚠️ Joined, but no board answers at {joined['url']} yet: check the address with your trainer. "
              f"Your checks work as usual either way.")
        return
    if status == 403:
        link.leave_session()
        print("⚠️ The board refused this room token: copy it again from the trainer's screen.")
        return
    print(f"✅ You joined the room board {answer.get('room', '')} as {joined['name']}: it sees whether your "
          f"checks are right, never your answers. leave_room() stops it.")


def leave_room() -> None:
    """Stop telling any room board about your checks in this session."""
    link.leave_session()
    print("You left the room board: your checks stay on your computer.")


def reset() -> None:
    """Forget this session's hints and results (a fresh start; also used by tests)."""
    _HINTS_SHOWN.clear()
    _LAST_VERDICT.clear()
