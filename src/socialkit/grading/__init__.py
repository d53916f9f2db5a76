"""Cohort grading around nbgrader: sandboxed kernels, parallel workers, a status per learner, reports.

``socialkit grade`` and ``socialkit report`` land here (see ``socialkit.cli.HANDLERS``).
"""

from __future__ import annotations

import shutil
import sys
import time
from pathlib import Path


class Progress:
    """A progress display: one line redrawn in a terminal, one line per learner otherwise."""

    def __init__(self, stream=None):
        """Write to ``stream`` (default stdout); redraw in place only when it is a terminal."""
        self.stream = stream or sys.stdout
        self.tty = self.stream.isatty()
        self.total = self.todo = self.count = 0
        self.attention = 0
        self.started = time.monotonic()

    def say(self, text: str) -> None:
        """Print one line of news (e.g. a slow setup step starting)."""
        print(text, file=self.stream, flush=True)

    def start(self, total: int, todo: int) -> None:
        """Announce the run: how many learners, how many need grading."""
        self.total, self.todo = total, todo
        skipped = total - todo
        extra = f" ({skipped} unchanged since the last run, kept)" if skipped else ""
        print(f"Grading {todo} of {total} submissions{extra}.", file=self.stream, flush=True)

    def done(self, record) -> None:
        """One learner finished: update the bar (or print their line)."""
        self.count += 1
        if record.status != "graded":
            self.attention += 1
        score = f"{record.auto_score:g}/{record.max_score:g}" if record.auto_score is not None else "no score"
        if self.tty:
            filled = int(24 * self.count / max(self.todo, 1))
            line = (f"\r[{'#' * filled}{'.' * (24 - filled)}] {self.count}/{self.todo} "
                    f"· {self.attention} need attention · last: {record.learner} {record.status}")
            width = max(40, shutil.get_terminal_size((100, 24)).columns - 1)
            print(line[:width].ljust(width), end="", file=self.stream, flush=True)
        else:
            print(f"[{self.count}/{self.todo}] {record.learner}: {record.status} ({score})", file=self.stream,
                  flush=True)

    def finish(self) -> None:
        """End the bar's line and say how long it took."""
        if self.tty and self.count:
            print(file=self.stream)
        print(f"Done in {time.monotonic() - self.started:.1f} s.", file=self.stream, flush=True)


def _quiet_warnings() -> None:
    """Hide library warnings nbgrader triggers on every run (SQLAlchemy, checksums): statuses say what matters."""
    import logging
    import warnings

    warnings.filterwarnings("ignore", module="nbgrader")
    warnings.filterwarnings("ignore", message=".*not in session.*")
    logging.getLogger("traitlets").setLevel(logging.ERROR)


def grade_command(args) -> int:
    """``socialkit grade``: intake, grade everyone who needs it, write feedback, CSV and class report."""
    from socialkit.grading.intake import intake
    from socialkit.grading.report import export
    from socialkit.grading.runner import GradeOptions, grade_cohort
    from socialkit.grading.sandbox import INSTALL_HINT, Limits, preflight, sandbox_tools_missing
    from socialkit.grading.workspace import Workspace

    _quiet_warnings()
    sandbox = not args.no_sandbox
    if sandbox and not sys.platform.startswith("linux"):
        raise RuntimeError("The grading sandbox needs Linux (bubblewrap). On this system, grade with "
                           "--no-sandbox only if you trust every submission.")
    missing = sandbox_tools_missing() if sandbox else []
    if missing:
        raise RuntimeError(f"{INSTALL_HINT} (missing: {', '.join(missing)})")
    if sandbox:
        preflight(Limits())
    if args.jobs is not None and args.jobs < 1:
        raise ValueError("--jobs must be at least 1.")
    if args.timeout < 1:
        raise ValueError("--timeout must be at least 1 second.")
    ws = Workspace(Path(args.workspace).resolve(), args.assignment)
    ws.root.mkdir(parents=True, exist_ok=True)
    if args.inbox:
        filed = intake(Path(args.inbox), ws)
        print(f"Filed {len(filed)} submission(s) from {args.inbox}.")
    if not sandbox:
        print("WARNING: --no-sandbox: learner code runs with your own permissions.", file=sys.stderr)
    options = GradeOptions(jobs=args.jobs or 0, cell_timeout=args.timeout, force=args.force, sandbox=sandbox)
    records = grade_cohort(ws, options, progress=Progress())
    if not records:
        print(f"No submissions found under {ws.root / 'submitted'}. Use --from INBOX to file the notebooks "
              "learners sent, or copy them to submitted/<learner>/" f"{args.assignment}/.")
    rows, csv_path, html_path = export(ws)
    _summary(rows)
    print(f"Grades: {csv_path}\nClass report: {html_path}\nFeedback pages: {ws.root / 'feedback'}")
    return 0


def _summary(rows) -> None:
    """Print one line per submission that needs the grader's attention."""
    attention = [r for r in rows if r.record.status != "graded"]
    if attention:
        print(f"{len(attention)} submission(s) need attention:")
        for r in attention:
            print(f"  {r.record.learner}: {r.record.status} — {r.record.reason}")


def report_command(args) -> int:
    """``socialkit report``: re-export the CSV, class report and feedback from the gradebook (after hand grading)."""
    from socialkit.grading.report import export
    from socialkit.grading.workspace import Workspace

    _quiet_warnings()
    ws = Workspace(Path(args.workspace).resolve(), args.assignment)
    if not (ws.root / "gradebook.db").is_file():
        raise FileNotFoundError(f"{ws.root} is not a grading workspace (no gradebook.db). "
                                f"Run `socialkit grade {args.assignment} --workspace {args.workspace}` first.")
    rows, csv_path, html_path = export(ws)
    if not rows:
        raise FileNotFoundError(f"No graded submissions for {args.assignment} in {ws.root}. "
                                f"Run `socialkit grade {args.assignment} --workspace {args.workspace}` first.")
    _summary(rows)
    print(f"Grades: {csv_path}\nClass report: {html_path}")
    return 0
