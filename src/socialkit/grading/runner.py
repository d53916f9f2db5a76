"""Grade a cohort: parallel sandboxed kernels, one status per learner, nothing lost when killed.

One asyncio loop drives up to ``jobs`` kernels at once (each kernel is its own sandboxed process,
so the cores are used by learner code, not by the grader). Everything that touches shared state —
the gradebook, the status records — happens on the loop's single thread, one learner at a time,
so the SQLite gradebook never sees two writers. Each learner's result is committed to the
gradebook in one transaction and then recorded in an atomically written status file: a run killed
at any moment keeps every recorded grade, and the next run regrades only what is unrecorded.
"""

from __future__ import annotations

import asyncio
import contextlib
import difflib
import logging
import os
import re
import shutil
import tempfile
import time
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path

from socialkit.grading import integrity, written
from socialkit.grading.sandbox import UIDS_PER_RUN, Limits, sandbox_uid
from socialkit.grading.status import LearnerStatus, QuestionResult, read_status, write_status
from socialkit.grading.workspace import Workspace, file_sha256

OUTPUT_LIMIT = 1_000_000  # characters of output kept per cell
QUIET = logging.getLogger("socialkit.grading.quiet")
QUIET.addHandler(logging.NullHandler())
QUIET.propagate = False


@dataclass
class GradeOptions:
    """How to grade: parallelism, per-cell timeout, regrade everything or not, sandbox or not, here or on a cluster."""

    jobs: int = 0
    cell_timeout: int = 60
    force: bool = False
    sandbox: bool = True
    limits: Limits = field(default_factory=Limits)
    scheduler: str | None = None  # a Dask scheduler's address: run the notebooks on its workers
    tls: dict[str, str] | None = None  # the TLS files for that scheduler: ca, cert, key

    def worker_count(self) -> int:
        """``jobs`` if set, else the number of cores."""
        wanted = self.jobs if self.jobs and self.jobs > 0 else (os.cpu_count() or 1)
        return min(wanted, UIDS_PER_RUN)


@dataclass
class Prepared:
    """A submission that passed intake checks and is ready to run."""

    learner: str
    sha: str
    nb: object
    integrity: integrity.Integrity
    workdir: Path
    started: float
    elsewhere: dict[str, list[str]] = field(default_factory=dict)  # written answer -> text found in other cells
    stopped_at: int | None = None  # the cell that was running when the notebook was stopped


def _quiet(preprocessor):
    """Silence a preprocessor's log (its warnings are reported as statuses instead)."""
    preprocessor.log = QUIET
    return preprocessor


def _first_line(text: str, limit: int = 200) -> str:
    """The first non-empty line of ``text``, shortened."""
    for line in str(text).splitlines():
        if line.strip():
            return line.strip()[:limit]
    return ""


class CohortGrader:
    """Grades every learner of one assignment in a workspace."""

    def __init__(self, ws: Workspace, source_sha: str, options: GradeOptions, progress=None):
        """Load the release and nbgrader's sanitising steps once for the whole cohort."""
        import nbformat
        from nbgrader.api import Gradebook
        from nbgrader.preprocessors import (CheckCellMetadata, ClearOutput, DeduplicateIds, OverwriteCells,
                                            OverwriteKernelspec)

        self.ws = ws
        self.source_sha = source_sha
        self.options = options
        self.progress = progress
        self.release = nbformat.read(ws.release_notebook(), as_version=4)
        self.titles = integrity.question_titles(self.release)
        self.sanitizers = [_quiet(p) for p in (ClearOutput(), DeduplicateIds(), OverwriteKernelspec(),
                                                OverwriteCells(add_missing_cells=False), CheckCellMetadata())]
        self.rubrics = {integrity.grade_id(c): written.solution_text(c)
                        for c in nbformat.read(ws.source_notebook(), as_version=4).cells
                        if written.is_written_answer(c)}
        from socialkit.grading.names import Roster

        self.roster = Roster.read(ws.roster_file()) if ws.roster_file().is_file() else Roster()
        self.gradebook = Gradebook(ws.db_url)
        with self.gradebook as gb:
            notebook = gb.find_notebook(ws.notebook_name, ws.assignment)
            self.max_score = float(notebook.max_score)
            deadline = read_deadline(ws)
            gb.update_or_create_assignment(ws.assignment, duedate=_utc_naive(deadline) if deadline else None)
        code_cells = sum(1 for c in self.release.cells if c.cell_type == "code")
        budget = options.cell_timeout * (code_cells + 2) + 60
        self.limits = replace(options.limits, wall_seconds=budget, cpu_seconds=min(options.limits.cpu_seconds, budget))
        self.font_cache = None
        if options.sandbox:
            from socialkit.grading.sandbox import build_font_cache, remove_stale_runtime_dirs

            remove_stale_runtime_dirs()
            self.font_cache = build_font_cache(ws.root / "status" / ".matplotlib")
        self.cluster = None  # a grading.cluster.Cluster when the notebooks run on a Dask cluster
        self.setup = RunSetup(options.cell_timeout, options.sandbox, self.limits, self.titles,
                              str(self.font_cache) if self.font_cache else None)

    # ---- deciding who needs grading -------------------------------------------------------
    def needs_grading(self, learner: str) -> bool:
        """True unless a status record shows this exact submission already graded with this source."""
        if self.options.force:
            return True
        record = read_status(self.ws.status_file(learner))
        path = self.ws.submitted_notebook(learner)
        if record is None or record.status == "error" or record.source_sha256 != self.source_sha:
            return True
        if not path.is_file():
            return record.status != "missing_notebook"
        return record.submission_sha256 != file_sha256(path)

    # ---- one learner, step by step ----------------------------------------------------------
    def prepare(self, learner: str) -> Prepared | LearnerStatus:
        """Read, check and sanitise the submission; return a status instead when it cannot run."""
        started = time.monotonic()
        path = self.ws.submitted_notebook(learner)
        if not path.is_file():
            folder = self.ws.submitted_dir(learner)
            found = sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []
            where = f"submitted/{learner}/{self.ws.assignment}/"
            seen = f" (it holds: {', '.join(found)})" if found else " (it is empty or missing)"
            return self._status(learner, "missing_notebook",
                                f"No {path.name} in {where}{seen}. Ask the learner to send their notebook.")
        sha = file_sha256(path)
        try:
            nb = integrity.read_submission(path)
            integrity.check_assignment(nb, self.release, self.ws.assignment)
        except integrity.UnreadableNotebook as problem:
            return self._status(learner, "invalid_notebook", str(problem), sha=sha)
        found = integrity.restore_locked_cells(nb, self.release)
        elsewhere = written.text_elsewhere(nb, self.release)
        resources = self._resources(learner)
        try:
            for step in self.sanitizers:
                nb, resources = step.preprocess(nb, resources)
        except Exception as exc:  # nbgrader's metadata checks raise plain exceptions
            return self._status(learner, "invalid_notebook",
                                f"The notebook's exercise cells are inconsistent ({_first_line(exc)}).", sha=sha)
        workdir = self._fresh_workdir(learner)
        return Prepared(learner, sha, nb, found, workdir, started, elsewhere)

    def _resources(self, learner: str) -> dict:
        """The resources dict nbgrader's preprocessors read."""
        return {"nbgrader": {"db_url": self.ws.db_url, "assignment": self.ws.assignment,
                             "notebook": self.ws.notebook_name, "student": learner}}

    def _fresh_workdir(self, learner: str) -> Path:
        """Recreate ``autograded/<learner>/<assignment>/`` from the submission and the source's data files."""
        workdir = self.ws.autograded_dir(learner)
        if workdir.exists():
            shutil.rmtree(workdir)
        shutil.copytree(self.ws.submitted_dir(learner), workdir, ignore=_links_and_checkpoints)
        source_dir = self.ws.source_notebook().parent
        for item in source_dir.rglob("*"):
            if (item.is_file() and not item.is_symlink() and item.suffix != ".ipynb"
                    and ".ipynb_checkpoints" not in item.parts):
                target = workdir / item.relative_to(source_dir)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(item, target)
        return workdir

    async def execute(self, job: Prepared, slot: int) -> tuple[str, str, list[str]]:
        """Run the notebook here, in a (sandboxed) kernel on worker ``slot``; return (status, reason, notes)."""
        result = await run_notebook(job.nb, job.workdir, slot, self.setup)
        job.stopped_at = result.stopped_at
        return result.status, result.reason, result.notes

    async def execute_on_cluster(self, job: Prepared) -> tuple[str, str, list[str]]:
        """Run the notebook on a cluster worker (a copy of its folder travels with it); return (status, reason, notes)."""
        result, job.nb = await self.cluster.run(job.nb, job.workdir, self.setup)
        job.stopped_at = result.stopped_at
        return result.status, result.reason, result.notes

    def finish(self, job: Prepared, status: str, reason: str, notes: list[str]) -> LearnerStatus:
        """Save the grades (one gradebook transaction), the executed notebook for the marker, then the status record."""
        import nbformat

        if status in ("kernel_died", "timeout"):
            _mark_not_run(job.nb, job.stopped_at)
        previous = read_status(self.ws.status_file(job.learner))
        questions, cleared = self._record_grades(job, previous)
        self._add_marker_notes(job, questions)
        # The learner's code could have planted symlinks in its folder: create the temporary file
        # exclusively (mkstemp never follows a link) and rename over the link rather than through it.
        notebook_path = job.workdir / f"{self.ws.notebook_name}.ipynb"
        handle, tmp = tempfile.mkstemp(dir=job.workdir, prefix=".graded-", suffix=".ipynb")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            nbformat.write(job.nb, out)
        os.chmod(tmp, 0o644)
        os.replace(tmp, notebook_path)
        if status == "graded" and job.integrity.tampered:
            status = "tampered"
        reasons = [reason] if reason else []
        if job.integrity.restored:
            reasons.append(job.integrity.reason(self.titles))
        reasons += notes
        auto = sum(q.auto_score or 0 for q in questions if not q.manual)
        kept = [m for m in (previous.earlier_marks if previous else []) if m["grade_id"] not in {c["grade_id"] for c in cleared}]
        record = LearnerStatus(
            learner=job.learner, assignment=self.ws.assignment, status=status, reason=" ".join(reasons),
            submission_sha256=job.sha, source_sha256=self.source_sha, max_score=self.max_score,
            auto_score=auto, questions=questions, notes=notes, seconds=round(time.monotonic() - job.started, 2),
            earlier_marks=cleared + kept)
        return self._save(record)

    def _add_marker_notes(self, job: Prepared, questions: list[QuestionResult]) -> None:
        """Put a marker-only cell under each hand-graded answer: the rubric and any text written elsewhere."""
        from socialkit.grading.written import marker_notes, rubric_lines

        flags = {q.grade_id: q.flag for q in questions}
        for index in reversed(range(len(job.nb.cells))):
            cell = job.nb.cells[index]
            gid = integrity.grade_id(cell)
            if gid and written.is_written_answer(cell):
                rubric = self.rubrics.get(gid, "")
                notes = marker_notes(job.elsewhere.get(gid, []), flags.get(gid) in ("blank", "elsewhere"), rubric,
                                     rubric_lines(rubric))
                job.nb.cells.insert(index + 1, notes)

    def _record_grades(self, job: Prepared, previous: LearnerStatus | None) -> tuple[list[QuestionResult], list[dict]]:
        """Write every grade cell's auto score in the gradebook (one commit); return them, and the hand marks cleared.

        A hand-graded answer left as handed out scores 0 by itself ("blank") unless text was found in
        other cells ("elsewhere": then it waits for the marker). A hand mark stays only while what it
        marked is unchanged; otherwise it is cleared (and kept in the record) and the answer returns
        to the marker's to-do list.
        """
        from nbgrader import utils

        learner, nb = job.learner, job.nb
        before = {q.grade_id: q for q in previous.questions} if previous else {}
        known_names = set().union(*(integrity.names_defined(c.source) for c in nb.cells
                                    if c.cell_type == "code" and not integrity.is_locked(c)))
        questions, cleared = [], []
        with self.gradebook as gb:
            self._register(gb, learner)
            for cell in nb.cells:
                gid = integrity.grade_id(cell)
                if not gid or not (utils.is_grade(cell) or utils.is_solution(cell)):
                    continue
                unchanged = cell.metadata.nbgrader.get("checksum") == utils.compute_checksum(cell)
                elsewhere = job.elsewhere.get(gid, [])
                if utils.is_solution(cell):
                    comment = gb.find_comment(gid, self.ws.notebook_name, self.ws.assignment, learner)
                    comment.auto_comment = ("The answer cell was left as handed out; text written in other cells "
                                            "is shown under it." if unchanged and elsewhere
                                            else "No response." if unchanged else None)
                if not utils.is_grade(cell):
                    continue
                auto, max_points = utils.determine_grade(cell, QUIET)
                hand = written.is_written_answer(cell)
                flag, digest = "", f"auto:{auto}"
                if hand:
                    if unchanged and elsewhere:
                        auto, flag = None, "elsewhere"
                    elif unchanged:
                        flag = "blank"
                    digest = written.answer_digest(cell.source, unchanged, elsewhere)
                grade = gb.find_grade(gid, self.ws.notebook_name, self.ws.assignment, learner)
                old = before.get(gid)
                if grade.manual_score is not None and old is not None and old.answer_sha and old.answer_sha != digest:
                    comment = gb.find_comment(gid, self.ws.notebook_name, self.ws.assignment, learner) if hand else None
                    cleared.append({"grade_id": gid, "title": self.titles.get(gid, gid), "score": grade.manual_score,
                                    "max_score": max_points, "comment": comment.manual_comment if comment else None})
                    grade.manual_score = None
                    if comment is not None:
                        comment.manual_comment = None
                grade.auto_score = auto
                grade.needs_manual_grade = grade.manual_score is None and auto is None
                questions.append(QuestionResult(gid, self.titles.get(gid, gid), max_points, auto, manual=hand,
                                                messages=_messages(cell, known_names), flag=flag, answer_sha=digest))
            gb.db.commit()
        return questions, cleared

    def _register(self, gb, learner: str) -> None:
        """Create or update the learner and their submission in the gradebook: name, e-mail, submission time."""
        from socialkit.grading.intake import read_record

        person = self.roster.get(learner)
        known = {}
        if person:
            first, last = person.first_last
            known = {key: value for key, value in (("first_name", first), ("last_name", last),
                                                   ("email", person.email)) if value}
        gb.update_or_create_student(learner, **known)
        record = read_record(self.ws, learner)
        saved = _utc_naive(datetime.fromisoformat(record.saved_at)) if record else None
        gb.update_or_create_submission(self.ws.assignment, learner, timestamp=saved)

    def _status(self, learner: str, status: str, reason: str, sha: str = "") -> LearnerStatus:
        """Record a submission that could not be graded; its old grades leave the gradebook, its hand marks go to the record."""
        from nbgrader.api import MissingEntry

        earlier: list[dict] = []
        with self.gradebook as gb:
            with contextlib.suppress(MissingEntry):
                submission = gb.find_submission_notebook(self.ws.notebook_name, self.ws.assignment, learner)
                comments = {c.name: c.manual_comment for c in submission.comments}
                earlier = [{"grade_id": g.name, "title": self.titles.get(g.name, g.name), "score": g.manual_score,
                            "max_score": g.max_score, "comment": comments.get(g.name)}
                           for g in submission.grades if g.manual_score is not None]
            with contextlib.suppress(MissingEntry):
                gb.remove_submission(self.ws.assignment, learner)
        previous = read_status(self.ws.status_file(learner))
        kept = [m for m in (previous.earlier_marks if previous else []) if m["grade_id"] not in {e["grade_id"] for e in earlier}]
        record = LearnerStatus(learner=learner, assignment=self.ws.assignment, status=status, reason=reason,
                               submission_sha256=sha, source_sha256=self.source_sha, max_score=self.max_score,
                               earlier_marks=earlier + kept)
        return self._save(record)

    def _save(self, record: LearnerStatus) -> LearnerStatus:
        """Write the status record, which marks the learner done (pages are written by the export that follows)."""
        write_status(self.ws.status_file(record.learner), record)
        if self.progress:
            self.progress.done(record)
        return record

    def crashed(self, learner: str, exc: BaseException, sha: str = "") -> LearnerStatus:
        """The record for a learner whose grading raised an unexpected error (the run goes on)."""
        return self._status(learner, "error",
                            f"Grading failed unexpectedly ({type(exc).__name__}: {_first_line(exc)}). "
                            "Run the same command again to retry this learner.", sha=sha)

    # ---- the whole cohort -------------------------------------------------------------------
    async def run(self, learners: list[str]) -> list[LearnerStatus]:
        """Grade ``learners`` with at most ``jobs`` kernels at a time here, or on the cluster's workers."""
        slots: asyncio.Queue[int] = asyncio.Queue()
        for slot in range(self.options.worker_count()):
            slots.put_nowait(slot)

        async def one(learner: str) -> LearnerStatus:
            """Prepare, run (here holding a worker slot, or on the cluster) and record one learner; never raises."""
            try:
                job = self.prepare(learner)
            except Exception as exc:
                return self.crashed(learner, exc)
            if isinstance(job, LearnerStatus):
                return job
            try:
                if self.cluster is None:
                    slot = await slots.get()
                    try:
                        status, reason, notes = await self.execute(job, slot)
                    finally:
                        slots.put_nowait(slot)
                else:
                    status, reason, notes = await self.execute_on_cluster(job)
                if status == "error":
                    return self._status(learner, "error", reason + " Run the same command again to retry.",
                                        sha=job.sha)
                return self.finish(job, status, reason, notes)
            except Exception as exc:
                return self.crashed(learner, exc)

        return list(await asyncio.gather(*(one(learner) for learner in learners)))


@dataclass(frozen=True)
class RunSetup:
    """Everything a notebook run needs besides the notebook: plain values, so a cluster worker can receive it."""

    cell_timeout: int
    sandbox: bool
    limits: Limits
    titles: dict[str, str]
    font_cache: str | None = None  # a folder on the machine that runs the kernel


@dataclass
class RunResult:
    """How a notebook run ended: status, the learner-facing reason, notes, and the cell running when stopped."""

    status: str
    reason: str
    notes: list[str]
    stopped_at: int | None = None


async def run_notebook(nb, workdir: Path, slot: int, setup: RunSetup) -> RunResult:
    """Run ``nb`` in place (its outputs filled in) in a kernel working in ``workdir``: the grader's one pure step.

    It touches no gradebook and no status record, so it can run here or on a cluster worker.
    """
    from nbclient.exceptions import CellTimeoutError, DeadKernelError

    client, km = _client(nb, workdir, slot, setup)
    status, reason, stopped_at = "graded", "", None
    try:
        await client.async_execute(cwd=str(workdir))
    except DeadKernelError:
        stopped_at = client.running_index
        where = client.describe(client.running_index)
        if client.hard_timeout:
            status, reason = "timeout", (f"{where} kept running after being interrupted, so the notebook "
                                         "was stopped; cells after it score 0.")
        else:
            status, reason = "kernel_died", (
                f"The notebook's Python process stopped while running {where} (the code exited, crashed, "
                "or used up its memory or CPU allowance). Cells before it were graded; cells after it score 0.")
    except CellTimeoutError:
        stopped_at = client.running_index
        status, reason = "timeout", (f"{client.describe(client.running_index)} kept running after being "
                                     "interrupted, so the notebook was stopped; cells after it score 0.")
    except Exception as exc:  # kernel failed to start, protocol trouble
        status, reason = "error", f"The notebook could not be run ({type(exc).__name__}: {_first_line(exc)})."
    finally:
        with contextlib.suppress(Exception):
            await km.shutdown_kernel(now=True)
        if hasattr(km, "cleanup_runtime"):
            km.cleanup_runtime()
    if status == "graded" and client.timed_out:
        where = ", ".join(client.describe(i) for i in client.timed_out)
        status, reason = "timeout", (f"{where} ran longer than {setup.cell_timeout} s and was stopped "
                                     "(an endless loop?). The other cells were graded.")
    notes = _notes(nb, setup.limits)
    if client.cut_cells:
        where = ", ".join(client.describe(i) for i in sorted(client.cut_cells))
        notes.append(f"The output of {where} was too long and was cut.")
    return RunResult(status, reason, notes, stopped_at)


def _client(nb, workdir: Path, slot: int, setup: RunSetup):
    """A notebook client on a sandboxed kernel (or a plain one with ``--no-sandbox``)."""
    if setup.sandbox:
        from socialkit.grading.sandbox import SandboxedKernelManager

        font_cache = Path(setup.font_cache) if setup.font_cache else None
        km = SandboxedKernelManager(workdir, sandbox_uid(slot), setup.limits, font_cache)
    else:
        from socialkit.grading.sandbox import QuietKernelManager

        km = QuietKernelManager(kernel_name="python3")
    client = GradingClient(nb, km=km, timeout=setup.cell_timeout, allow_errors=True,
                           interrupt_on_timeout=True, record_timing=False, startup_timeout=60,
                           iopub_timeout=5, log=QUIET)
    client.titles = setup.titles
    return client, km


def _links_and_checkpoints(folder: str, names: list[str]) -> set[str]:
    """Names not to copy into a learner's folder: symlinks (they could point at the grader's files), nbgrader's timestamp."""
    return {n for n in names if n in (".ipynb_checkpoints", "timestamp.txt") or os.path.islink(os.path.join(folder, n))}


def read_deadline(ws: Workspace) -> datetime | None:
    """The deadline set with ``--deadline`` on an earlier run, if any."""
    import json

    try:
        value = json.loads(ws.settings_file().read_text(encoding="utf-8")).get("deadline")
    except (OSError, ValueError):
        return None
    return datetime.fromisoformat(value) if value else None


def save_deadline(ws: Workspace, deadline: datetime | None) -> None:
    """Remember the deadline for later runs and reports."""
    import json

    from socialkit.grading.status import atomic_write_text

    atomic_write_text(ws.settings_file(), json.dumps({"deadline": deadline.isoformat() if deadline else None}))


def _utc_naive(moment: datetime) -> datetime:
    """An aware time as naive UTC, the way nbgrader's gradebook stores times."""
    return moment.astimezone(timezone.utc).replace(tzinfo=None)


def _notes(nb, limits: Limits) -> list[str]:
    """Plain sentences about resource limits the learner's code ran into (memory, processes, file size)."""
    notes = []
    for index, cell in enumerate(nb.cells):
        for output in cell.get("outputs", []):
            if output.get("output_type") != "error":
                continue
            ename, evalue = output.get("ename", ""), output.get("evalue", "")
            label = integrity.grade_id(cell) or f"cell {index + 1}"
            if ename == "MemoryError":
                notes.append(f"Code in {label} ran out of memory (limit {limits.memory_bytes // 1024**2} MB).")
            elif ename == "BlockingIOError" or "Resource temporarily unavailable" in evalue:
                notes.append(f"Code in {label} tried to start too many processes and was refused.")
            elif "File too large" in evalue or "No space left" in evalue:
                notes.append(f"Code in {label} tried to write more data than allowed.")
    return notes


def _mark_not_run(nb, stopped_at: int | None = None) -> None:
    """Give every code cell that never ran an error output, so it scores 0 instead of full marks.

    (nbgrader gives full points to a test cell with no error output.) The cell at ``stopped_at``, which
    was running when the notebook was stopped, gets one too: it never finished.
    """
    from nbformat.v4 import new_output

    if stopped_at is not None and 0 <= stopped_at < len(nb.cells):
        cell = nb.cells[stopped_at]
        if cell.cell_type == "code" and not any(o.get("output_type") == "error" for o in cell.get("outputs", [])):
            cell.outputs = [*cell.get("outputs", []), new_output(
                "error", ename="NotRun", traceback=[],
                evalue="This cell did not finish: the notebook stopped while it was running.")]
    for cell in nb.cells:
        if cell.cell_type == "code" and cell.get("execution_count") is None and cell.source.strip():
            cell.outputs = [new_output("error", ename="NotRun", traceback=[],
                                       evalue="This cell did not run because the notebook stopped earlier.")]


def _messages(cell, known_names: set[str] | frozenset = frozenset()) -> list[str]:
    """The learner-facing messages of a graded cell: the checks' printed lines, never hidden-test details.

    ``known_names`` are the names the learner's own cells set: a misspelt answer name is pointed out.
    """
    messages = []
    for output in cell.get("outputs", []):
        kind = output.get("output_type")
        if kind == "stream" and output.get("name") == "stdout":
            messages += [line.rstrip() for line in output.get("text", "").splitlines() if line.strip()]
        elif kind == "error":
            ename = output.get("ename", "")
            if ename == "CheckFailed":
                if not messages:
                    messages.append(_first_line(output.get("evalue", "")) or "Not yet right.")
            elif ename == "AssertionError":
                messages.append("A hidden test did not pass: check your answer against the question.")
            elif ename == "KeyboardInterrupt":
                messages.append("This cell was stopped because it ran too long.")
            elif ename == "NotRun":
                messages.append(output.get("evalue", ""))
            elif ename == "NameError" and re.match(r"name '(\w+)' is not defined", output.get("evalue", "")):
                name = re.match(r"name '(\w+)' is not defined", output["evalue"])[1]
                close = difflib.get_close_matches(name, sorted(set(known_names) - {name}), n=1, cutoff=0.75)
                tip = (f"your notebook sets `{close[0]}` instead: the name must be exactly `{name}`." if close else
                       "check that the answer cell above sets it, with exactly this name, and that it was run.")
                messages.append(f"Your answer `{name}` was not found: {tip}")
            else:
                messages.append(f"Error: {ename}: {_first_line(output.get('evalue', ''), 160)}".rstrip(": "))
        elif kind == "stream" and output.get("name") == "stderr":
            messages.append("This cell wrote an error message, which counts as a failed test.")
    return messages


def _grading_client_class():
    """Build the nbclient subclass lazily (nbclient is a heavy import)."""
    from nbclient import NotebookClient
    from nbclient.exceptions import CellTimeoutError

    class GradingClient(NotebookClient):
        """nbclient that remembers which cell timed out, interrupts once, then gives up on that cell."""

        def __init__(self, *args, **kwargs):
            """A notebook client with empty timeout and output bookkeeping."""
            super().__init__(*args, **kwargs)
            self.timed_out: list[int] = []
            self.running_index: int | None = None
            self.hard_timeout = False
            self.titles: dict[str, str] = {}
            self.output_sizes: dict[int, int] = {}
            self.cut_cells: set[int] = set()

        def describe(self, index: int | None) -> str:
            """``cell 7 (q2, Q2 · ...)``: how a learner recognises the cell."""
            if index is None:
                return "the notebook"
            gid = integrity.grade_id(self.nb.cells[index])
            title = self.titles.get(gid) if gid else None
            return f"cell {index + 1} ({title})" if title else f"cell {index + 1}"

        def output(self, outs, msg, display_id, cell_index):
            """Keep at most OUTPUT_LIMIT characters of output per cell (a print loop must not fill the grader's memory).

            Errors are always kept, and so is the fact that a cell wrote to stderr (it decides the grade).
            """
            content = msg.get("content", {})
            size = len(content.get("text", "")) + sum(len(str(v)) for v in content.get("data", {}).values())
            self.output_sizes[cell_index] = self.output_sizes.get(cell_index, 0) + size
            if self.output_sizes[cell_index] > OUTPUT_LIMIT and msg.get("msg_type") != "error":
                self.cut_cells.add(cell_index)
                name = content.get("name")
                seen = any(o.get("output_type") == "stream" and o.get("name") == name for o in outs)
                if msg.get("msg_type") != "stream" or seen:
                    return None
                msg = {**msg, "content": {**content, "text": "[output cut: it was too long]\n"}}
            return super().output(outs, msg, display_id, cell_index)

        async def async_execute_cell(self, cell, cell_index, execution_count=None, store_history=True):
            """Remember which cell is running (to name it if the kernel dies)."""
            self.running_index = cell_index
            return await super().async_execute_cell(cell, cell_index, execution_count, store_history)

        async def _async_handle_timeout(self, timeout, cell=None):
            """First timeout of a cell: interrupt it and go on; a second one: stop the notebook."""
            if self.running_index in self.timed_out:
                self.hard_timeout = True
                raise CellTimeoutError.error_from_timeout_and_cell("Cell execution timed out", timeout, cell)
            self.timed_out.append(self.running_index)
            return await super()._async_handle_timeout(timeout, cell)

        @contextlib.asynccontextmanager
        async def async_setup_kernel(self, **kwargs):
            """Start the kernel and client without nbclient's own SIGINT handling (Ctrl-C must stop the run)."""
            kwargs.pop("cleanup_kc", None)
            if not self.km.has_kernel:
                await self.async_start_new_kernel(**kwargs)
            if self.kc is None:
                await self.async_start_new_kernel_client()
            try:
                yield
            finally:
                if self.kc is not None:
                    self.kc.stop_channels()
                    self.kc = None

    return GradingClient


class _LazyClient:
    """Calls through to the GradingClient class, built on first use."""

    cls = None

    def __call__(self, *args, **kwargs):
        """Create a GradingClient."""
        if _LazyClient.cls is None:
            _LazyClient.cls = _grading_client_class()
        return _LazyClient.cls(*args, **kwargs)


GradingClient = _LazyClient()


def grade_cohort(ws: Workspace, options: GradeOptions, source_folder: Path | None = None,
                 progress=None) -> list[LearnerStatus]:
    """Grade every learner in the workspace that needs it; return every learner's current status."""
    from socialkit.grading.workspace import prepare_workspace

    with contextlib.ExitStack() as stack:
        cluster = None
        if options.scheduler:  # connect and check the workers before anything is written
            from socialkit.grading.cluster import Cluster

            cluster = stack.enter_context(Cluster.connect(options.scheduler, options.tls, sandbox=options.sandbox))
            if progress:
                progress.say(f"Grading on the Dask cluster at {options.scheduler}: {cluster.describe()}.")
        source_sha = prepare_workspace(ws, source_folder, say=progress.say if progress else None)
        grader = CohortGrader(ws, source_sha, options, progress)
        grader.cluster = cluster
        learners = ws.learners()
        todo = [learner for learner in learners if grader.needs_grading(learner)]
        if progress:
            progress.start(total=len(learners), todo=len(todo))
        if todo:
            asyncio.run(grader.run(todo))
    if progress:
        progress.finish()
    return [r for r in (read_status(ws.status_file(learner)) for learner in learners) if r is not None]
