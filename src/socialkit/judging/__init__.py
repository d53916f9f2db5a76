"""Judging answers: the question model, the judges, the shared rules, and plain words.

The low floor of the feedback engine (it knows no module): ``socialkit.questions`` declares each
module's questions with these kinds, and ``socialkit.checks`` — the learner's face — judges with them.
"""

from socialkit.judging.core import (  # noqa: F401
    MISSING, NONE_GIVEN, NOT_ATTEMPTED, PARTIAL, RIGHT, WRONG, ExpectedValueError, Judge, Lazy, Negated, Other, Question, QuestionSet, Vary,
    Verdict, canonical_id, judge_answer, missing, partial, right, text_of, wrong,
)
from socialkit.judging.judges import Criterion  # noqa: F401
from socialkit.judging.kinds import (  # noqa: F401
    Choice, Date, Decision, Function, Interval, Names, Number, Rubric, Table,
)
