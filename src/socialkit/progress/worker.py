"""Re-run saved notebooks' code in a fresh process and judge their answers: ``python -m socialkit.progress.worker``.

Started by ``socialkit.progress.recheck`` for notebooks whose answers are computed (``len(...)``,
``analytics.…``), never in the learner's own kernel: the code runs as it would after a restart and
Run All — the setup cell, then the learner's cells in order — with each check cell replaced by a
quiet judgement of the variable it checks. Each notebook gets its own names and its own folder;
each cell has a time limit. One JSON line per notebook is appended to the results file as soon as
it is judged, so a notebook that hangs costs only its own result.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import signal
import sys
import warnings

from socialkit.judging import MISSING, WRONG, ExpectedValueError, judge_answer
from socialkit.questions import declared

CELL_SECONDS = int(os.environ.get("SOCIALKIT_RECHECK_CELL_SECONDS", "30"))


class CellTimeout(Exception):
    """A cell ran longer than ``CELL_SECONDS``."""


class _NoIPython:
    """What ``get_ipython()`` gives outside Jupyter: magics (``%matplotlib inline``) do nothing."""

    def __getattr__(self, name):
        return lambda *args, **kwargs: None


def _on_alarm(signum, frame):
    raise CellTimeout(f"a cell took longer than {CELL_SECONDS} seconds")


def _compile(source: str):
    """The cell compiled; IPython's magics and ``!commands`` are turned into calls that do nothing."""
    try:
        return compile(source, "<cell>", "exec")
    except SyntaxError:
        from IPython.core.inputtransformer2 import TransformerManager

        return compile(TransformerManager().transform_cell(source), "<cell>", "exec")


def _error_text(exc: BaseException) -> str:
    """``NameError: name 'x' is not defined``: the line Jupyter would show in red."""
    return f"{type(exc).__name__}: {exc}".strip().rstrip(":")


def run_job(job: dict) -> dict:
    """Run one notebook's steps and judge each checked variable; returns ``{question id: verdict}``."""
    questions = declared(job["module"])
    names: dict = {"__name__": "__main__", "display": lambda *a, **k: None, "get_ipython": _NoIPython}
    answer_errors: dict[str, str] = {}
    verdicts: dict[str, dict] = {}
    cacheable = True
    folder = job.get("folder")
    if folder and os.path.isdir(folder):
        os.chdir(folder)
    for step in job["steps"]:
        if "run" in step:
            signal.alarm(CELL_SECONDS)
            try:
                with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
                    exec(_compile(step["run"]), names)
                if "answer" in step:
                    answer_errors.pop(step["answer"], None)
            except BaseException as exc:  # the learner's code may raise anything, even SystemExit
                if isinstance(exc, KeyboardInterrupt):
                    raise
                if "answer" in step:
                    answer_errors[step["answer"]] = _error_text(exc)
            finally:
                signal.alarm(0)
            continue
        question_id = step["check"]
        question = questions.get(question_id) if questions is not None else None
        if question is None:
            continue
        if question_id in answer_errors:
            verdicts[question_id] = {"status": WRONG, "message": f"the answer cell stops with an error "
                                     f"({answer_errors[question_id]}); fix it and run it again.", "score": 0.0}
            continue
        if step.get("var") not in names:
            verdicts[question_id] = {"status": MISSING, "message": "the answer cell was deleted or stores "
                                     "nothing under the name the check expects.", "score": 0.0}
            continue
        signal.alarm(CELL_SECONDS)
        try:
            with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
                verdict = judge_answer(question, names[step["var"]])
            verdicts[question_id] = {"status": verdict.status, "message": verdict.message, "score": verdict.fraction}
        except ExpectedValueError as exc:
            cacheable = False
            verdicts[question_id] = {"status": "unknown", "message": str(exc), "score": 0.0}
        except CellTimeout as exc:
            verdicts[question_id] = {"status": WRONG, "message": f"judging your answer took too long ({exc}).",
                                     "score": 0.0}
        finally:
            signal.alarm(0)
    return {"key": job["key"], "verdicts": verdicts, "cacheable": cacheable}


def main(jobs_file: str, results_file: str) -> int:
    """Judge every job of ``jobs_file``; append one JSON line per notebook to ``results_file``."""
    warnings.simplefilter("ignore")
    os.environ.setdefault("MPLBACKEND", "Agg")
    signal.signal(signal.SIGALRM, _on_alarm)
    with open(jobs_file, encoding="utf-8") as handle:
        jobs = json.load(handle)
    start = os.getcwd()
    for job in jobs:
        try:
            result = run_job(job)
        except Exception as exc:  # a broken question file: say so for this notebook, go on with the others
            result = {"key": job["key"], "verdicts": {}, "cacheable": False, "error": _error_text(exc)}
        finally:
            os.chdir(start)
        with open(results_file, "a", encoding="utf-8") as handle:
            handle.write(json.dumps(result) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
