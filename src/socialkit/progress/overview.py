"""The learner's whole course at a glance: each module's state, the time left and the next step, in plain words.

Read from the learner's saved exercise notebooks, their answers re-checked (``recheck``), so it
is right after a restart, on another day or on another laptop. Every module of the course table
is listed; a module whose files are not in this copy of the kit yet is "not yet available".
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from pathlib import Path

from socialkit import course
from socialkit.progress import recheck as rechecking
from socialkit.progress.saved import SavedNotebook, display_path, find_all, reflection_words
from socialkit.progress.store import Cache

REFLECTION_WORDS = 25  # fewer words than this is not yet a written reflection (the shortest asks 5 sentences)
SYMBOLS = {"right": "✅ right", "partial": "🟡 partly right", "wrong": "❌ not yet", "missing": "⏳ not attempted",
           "unknown": "❔ not re-checked"}
MODULE_SYMBOLS = {"done": "✅ done", "in progress": "🟡 in progress", "not started": "⬜ not started",
                  "not yet available": "🚧 not yet available"}


@dataclass
class QuestionState:
    """One question as the saved notebook answers it, re-checked."""

    id: str
    name: str
    prompt: str
    status: str          # right, partial, wrong, missing, unknown
    message: str = ""
    check_ran: bool = False

    @property
    def number(self) -> str:
        """``3`` for ``q3``: how the notebook's heading names it (Q3)."""
        return self.name[1:] if re.fullmatch(r"q\d+", self.name) else self.name


@dataclass
class ModuleState:
    """One module of the course for this learner."""

    module: course.Module
    available: bool
    notebook: SavedNotebook | None = None
    copies: list[Path] = field(default_factory=list)   # other saved copies of the same module
    questions: list[QuestionState] = field(default_factory=list)
    problem: str | None = None

    @property
    def right(self) -> int:
        """Questions fully right."""
        return sum(q.status == "right" for q in self.questions)

    @property
    def has_reflection(self) -> bool:
        """True when the module's notebook has a written reflection to do."""
        return self.notebook is not None and self.notebook.reflection is not None

    @property
    def reflection_words(self) -> int:
        """Words written in the reflection."""
        return reflection_words(self.notebook.reflection) if self.notebook else 0

    @property
    def reflection_done(self) -> bool:
        """True when the reflection is written (or the module has none)."""
        return not self.has_reflection or self.reflection_words >= REFLECTION_WORDS

    @property
    def status(self) -> str:
        """``done``, ``in progress``, ``not started`` or ``not yet available``."""
        if not self.available or not self.questions:
            return "not yet available"
        if self.notebook is None:
            return "not started"
        if self.right == len(self.questions) and self.reflection_done:
            return "done"
        started = (self.notebook.attempted or any(q.check_ran for q in self.questions)
                   or self.reflection_words > 0)
        return "in progress" if started else "not started"

    @property
    def saved_on(self) -> str:
        """The day the notebook was last saved, ``2026-03-14``, or ``""``."""
        return time.strftime("%Y-%m-%d", time.localtime(self.notebook.saved_at)) if self.notebook else ""


@dataclass
class CourseProgress:
    """Every module's state, plus the files that could not be read."""

    root: Path
    modules: list[ModuleState]
    problems: list[str]
    seconds: float = 0.0
    rechecked: int = 0  # notebooks re-checked now (the others came from the cache)

    def module(self, slug: str) -> ModuleState:
        """The state of one module."""
        return next(m for m in self.modules if m.module.slug == slug)

    def where(self, state: ModuleState) -> str:
        """Where the learner's notebook of ``state`` is, as they would type it."""
        path = state.notebook.path if state.notebook else state.module.exercises(self.root)
        return display_path(path, self.root)

    @property
    def open_modules(self) -> list[ModuleState]:
        """The available modules not done yet, in course order."""
        return [m for m in self.modules if m.status in ("in progress", "not started")]

    def next_step(self) -> str:
        """The one thing to do next, naming the file and the question."""
        for state in self.open_modules:
            where = self.where(state)
            if state.problem:
                return f"open {where} and run it from the top (Run → Run All Cells), then save it: {state.problem}."
            if state.status == "not started":
                lesson = display_path(state.module.lesson(self.root), self.root)
                return f"read the lesson {lesson}, then open {where}, question 1."
            for question in state.questions:
                if question.status != "right":
                    return f"open {where}, question {question.number}."
            return f"open {where} and write the reflection at the end (a few sentences, then save)."
        return ('every module is done. `socialkit certificate --name "Your Name"` writes a record of it '
                "for your training department.")

    def time_left(self) -> str:
        """The time the modules not done take, from the lessons' stated times, in words."""
        open_modules = self.open_modules
        if not open_modules:
            return "none"
        minutes = sum(m.module.minutes or 0 for m in open_modules)
        unknown = [m.module for m in self.modules if m.status != "done" and not m.module.minutes]
        text = course.time_text(minutes) if minutes else "not stated"
        text += f" for the {len(open_modules)} module{'s' if len(open_modules) > 1 else ''} not finished"
        if unknown:
            names = " and ".join(f"module {m.number}" for m in unknown)
            text += f" (plus {names}, not yet available, time not stated yet)"
        return text

    def lines(self) -> list[str]:
        """The whole view as plain text lines (what ``progress()`` and ``socialkit progress`` print)."""
        out = [f"Your course in {self.root}, re-checked from your saved exercise notebooks (save them first with "
               "Ctrl + S; nothing is sent anywhere):"]
        for state in self.modules:
            line = f"  {MODULE_SYMBOLS[state.status]:<24} {state.module.heading}"
            if state.status in ("in progress", "done"):
                line += f" · {state.right} of {len(state.questions)} right"
                if state.has_reflection:
                    line += " · reflection written" if state.reflection_done else " · reflection not written yet"
            if state.problem:
                line += f" · ⚠️ warning: {state.problem}"
            out.append(line)
        available = [m for m in self.modules if m.status != "not yet available"]
        done = sum(m.status == "done" for m in available)
        out.append(f"Done: {done} of {len(available)} modules. Time left: {self.time_left()}.")
        out.append(f"Next step: {self.next_step()}")
        for problem in self.problems:
            out.append(f"⚠️ Warning: {problem}")
        return out

    def text(self) -> str:
        """``lines()`` joined."""
        return "\n".join(self.lines())


def course_progress(root: Path | None = None, extra: list[Path] | None = None,
                    cache: Cache | None = None, only: str | None = None) -> CourseProgress:
    """Every module's state for the learner whose notebooks are under ``root`` (default: this kit).

    ``only``: re-check the notebook of this one module only (the others are listed as not started).
    """
    if root is None:
        from socialkit.paths import kit_root

        root = kit_root()
    root = Path(root)
    started = time.perf_counter()
    cache = cache if cache is not None else Cache()
    by_module, problems = find_all(root, extra)
    if only is not None:
        by_module = {slug: copies for slug, copies in by_module.items() if slug == only}
    best = [copies[0] for copies in by_module.values()]
    results = rechecking.recheck(best, root, cache)
    states = []
    for module in course.MODULES:
        if only is not None and module.slug != only:
            continue
        available = module.is_available(root)
        questions = rechecking.question_list(module.slug, cache) if available else []
        state = ModuleState(module, available and bool(questions))
        copies = by_module.get(module.slug, [])
        if copies and state.available:
            state.notebook = copies[0]
            state.copies = [c.path for c in copies[1:]]
            result = results.get(copies[0].path, {})
            state.problem = result.get("problem")
            verdicts = result.get("verdicts", {})
            for q in questions:
                verdict = verdicts.get(q["id"], {"status": "unknown" if state.problem else "missing",
                                                 "message": "no answer cell for this question in your notebook."})
                answer = copies[0].answers.get(q["name"])
                state.questions.append(QuestionState(q["id"], q["name"], q["prompt"], verdict["status"],
                                                     verdict.get("message", ""), bool(answer and answer.check_ran)))
        elif state.available:
            state.questions = [QuestionState(q["id"], q["name"], q["prompt"], "missing") for q in questions]
        states.append(state)
    cache.save()
    report = CourseProgress(root, states, problems, time.perf_counter() - started,
                            sum(not r.get("cached") for r in results.values()))
    return report
