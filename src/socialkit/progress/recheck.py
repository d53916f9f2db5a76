"""Re-check the answers of saved notebooks, never trusting the outputs saved with them.

Two honest ways, chosen per notebook by what its learner cells hold (``saved.SavedNotebook.simple``):

- **plain values** (``first_alert = "2025-01-15"``): read without running anything and judged here
  with the same judge as ``check``;
- **computed answers** (``len(mentions[…])``): the notebook's code is run again in one fresh
  Python process (``socialkit.progress.worker``) — as after a restart and Run All, dashboards and
  check cells left out — and its variables are judged there.

Verdicts are cached in the learner's own folder by the notebook's content key and a stamp of the
judges (``store.Cache``), so only new or changed notebooks are re-checked.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import subprocess
import sys
import tempfile
import warnings
from pathlib import Path

from socialkit import __version__
from socialkit.progress.saved import SavedNotebook, plain_namespace
from socialkit.progress.store import Cache
from socialkit.questions import declared, source_file

WORKER_SECONDS = 120  # the whole fresh process, whatever the number of notebooks, per notebook re-run
UNKNOWN = "unknown"   # a verdict that could not be reached (the process failed, the expected value is missing)


def stamp(module: str) -> str:
    """What judges a module's answers, as a short hash: the kit's version and its question file's text."""
    digest = hashlib.sha256(__version__.encode())
    path = source_file(module)
    if path:
        try:
            digest.update(Path(path).read_bytes())
        except OSError:
            pass
    return digest.hexdigest()[:16]


def question_list(module: str, cache: Cache) -> list[dict]:
    """The module's questions as ``{id, name, prompt, points}``, from the cache or the question file."""
    key = f"questions:{module}:{stamp(module)}"
    cached = cache.get(key)
    if cached is not None:
        return cached["questions"]
    questions = declared(module)
    listed = [{"id": q.id, "name": q.name, "prompt": q.prompt, "points": q.points} for q in questions or ()]
    cache.put(key, {"questions": listed})
    return listed


def _judge_plain(saved: SavedNotebook) -> dict:
    """Verdicts of a notebook whose answers are plain values, judged in this process."""
    from socialkit.judging import ExpectedValueError, judge_answer  # only when something is judged

    questions = declared(saved.module)
    names = plain_namespace(saved.steps)
    verdicts, cacheable = {}, True
    for step in saved.steps:
        question = questions.get(step["check"]) if "check" in step and questions is not None else None
        if question is None:
            continue
        if step.get("var") not in names:
            verdicts[question.id] = {"status": "missing", "score": 0.0, "message": "the answer cell was deleted "
                                     "or stores nothing under the name the check expects."}
            continue
        try:
            with warnings.catch_warnings(), contextlib.redirect_stderr(io.StringIO()):
                warnings.simplefilter("ignore")
                verdict = judge_answer(question, names[step["var"]])
            verdicts[question.id] = {"status": verdict.status, "message": verdict.message, "score": verdict.fraction}
        except ExpectedValueError as exc:
            cacheable = False
            verdicts[question.id] = {"status": UNKNOWN, "message": str(exc), "score": 0.0}
    return {"verdicts": verdicts, "cacheable": cacheable}


def _workers(jobs: int) -> int:
    """How many fresh processes share the notebooks: one, unless ``$SOCIALKIT_RECHECK_WORKERS`` asks for more
    (at most one per notebook, at most 4). One was faster on a busy 2-core machine (benchmarks/progress_overview.py):
    each process pays the imports and data loading again."""
    wanted = os.environ.get("SOCIALKIT_RECHECK_WORKERS", "")
    asked = int(wanted) if wanted.isdigit() and int(wanted) > 0 else 1
    return max(1, min(jobs, asked, 4))


def _run_in_fresh_process(jobs: list[dict], root: Path) -> dict[str, dict]:
    """Run the worker on ``jobs`` (split over a few fresh processes); the results by key.

    A notebook a worker could not finish (it hung past the time limit, the process died) has no result.
    """
    if not jobs:
        return {}
    env = {**os.environ, "SOCIALKIT_ROOT": str(root), "MPLBACKEND": "Agg", "PYTHONWARNINGS": "ignore"}
    count = _workers(len(jobs))
    with tempfile.TemporaryDirectory(prefix="socialkit-recheck-") as folder:
        running = []
        for n in range(count):
            jobs_file, results_file = Path(folder, f"jobs-{n}.json"), Path(folder, f"results-{n}.jsonl")
            jobs_file.write_text(json.dumps(jobs[n::count]), encoding="utf-8")
            process = subprocess.Popen([sys.executable, "-m", "socialkit.progress.worker", str(jobs_file),
                                        str(results_file)], env=env, stdin=subprocess.DEVNULL,
                                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            running.append((process, results_file, len(jobs[n::count])))
        results = {}
        for process, results_file, size in running:
            try:
                process.wait(timeout=WORKER_SECONDS * size)
            except subprocess.TimeoutExpired:
                process.kill()  # the results written so far still count
                process.wait()
            if results_file.exists():
                for line in results_file.read_text(encoding="utf-8").splitlines():
                    try:
                        result = json.loads(line)
                    except ValueError:
                        continue
                    results[result["key"]] = result
        return results


def recheck(notebooks: list[SavedNotebook], root: Path, cache: Cache) -> dict[Path, dict]:
    """Verdicts (``{question id: {status, message, score}}``) for each notebook, re-checked or from the cache.

    Also returns, under each path, whether it came from the cache (``"cached"``) and any problem.
    """
    found: dict[Path, dict] = {}
    jobs, job_paths = [], {}
    for saved in notebooks:
        key = f"verdicts:{saved.key}:{stamp(saved.module)}"
        cached = cache.get(key)
        if cached is not None:
            found[saved.path] = {"verdicts": cached["verdicts"], "cached": True}
        elif saved.simple:
            result = _judge_plain(saved)
            if result["cacheable"]:
                cache.put(key, {"verdicts": result["verdicts"]})
            found[saved.path] = {"verdicts": result["verdicts"], "cached": False}
        else:
            jobs.append({"key": key, "module": saved.module, "folder": str(saved.path.parent),
                         "steps": saved.steps})
            job_paths[key] = saved.path
    results = _run_in_fresh_process(jobs, root)
    for key, path in job_paths.items():
        result = results.get(key)
        if result is None or result.get("error"):
            found[path] = {"verdicts": {}, "cached": False,
                           "problem": "its answers could not be re-checked (the notebook's code did not finish)"}
            continue
        if result.get("cacheable"):
            cache.put(key, {"verdicts": result["verdicts"]})
        found[path] = {"verdicts": result["verdicts"], "cached": False}
    return found
