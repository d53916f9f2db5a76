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
    from socialkit.grading.intake import intake, parse_deadline
    from socialkit.grading.names import Roster
    from socialkit.grading.report import export
    from socialkit.grading.runner import GradeOptions, grade_cohort, save_deadline
    from socialkit.grading.sandbox import INSTALL_HINT, Limits, preflight, sandbox_tools_missing
    from socialkit.grading.workspace import Workspace

    _quiet_warnings()
    sandbox = not args.no_sandbox
    if sandbox and not sys.platform.startswith("linux"):
        raise RuntimeError("The grading sandbox needs Linux (bubblewrap). On this system, grade with "
                           "--no-sandbox only if you trust every submission.")
    here = sandbox and not getattr(args, "scheduler", None)  # on a cluster, the workers' sandboxes are checked
    missing = sandbox_tools_missing() if here else []
    if missing:
        raise RuntimeError(f"{INSTALL_HINT} (missing: {', '.join(missing)})")
    if here:
        preflight(Limits())
    if args.jobs is not None and args.jobs < 1:
        raise ValueError("--jobs must be at least 1.")
    if args.timeout < 1:
        raise ValueError("--timeout must be at least 1 second.")
    roster = Roster.read(Path(args.roster)) if getattr(args, "roster", None) else None
    deadline = parse_deadline(args.deadline) if getattr(args, "deadline", None) else None
    ws = Workspace(Path(args.workspace).resolve(), args.assignment)
    ws.root.mkdir(parents=True, exist_ok=True)
    if getattr(args, "database", None):
        from socialkit.grading.gradebook import remember

        remember(ws.root, args.database)
    if deadline:
        save_deadline(ws, deadline)
    if args.inbox:
        _print_intake(intake(Path(args.inbox), ws, roster, deadline), args.inbox, ws)
    elif roster:
        known = Roster.read(ws.roster_file()) if ws.roster_file().is_file() else Roster()
        known.merge(roster)
        known.write(ws.roster_file())
    if not sandbox:
        print("WARNING: --no-sandbox: learner code runs with your own permissions.", file=sys.stderr)
    tls = {name: getattr(args, f"tls_{name}", None) for name in ("ca", "cert", "key")}
    options = GradeOptions(jobs=args.jobs or 0, cell_timeout=args.timeout, force=args.force, sandbox=sandbox,
                           scheduler=getattr(args, "scheduler", None),
                           tls={k: v for k, v in tls.items() if v} or None)
    records = grade_cohort(ws, options, progress=Progress())
    if not records:
        print(f"No submissions found under {ws.root / 'submitted'}. Use --from INBOX to file the notebooks "
              "learners sent, or copy them to submitted/<learner>/" f"{args.assignment}/.")
    rows, csv_path, html_path = export(ws)
    _summary(rows, ws)
    print(f"Grades: {csv_path}\nClass report: {html_path}\nFeedback pages: {ws.root / 'feedback'}")
    return 0


def _print_intake(result, inbox, ws) -> None:
    """Say what the inbox held: how many filed, and every file left out with its reason."""
    filed, unchanged, ignored = result.by("filed"), result.by("unchanged"), result.by("ignored")
    print(f"Inbox {inbox}: {len(filed)} notebook(s) filed, {len(unchanged)} unchanged, {len(ignored)} left out.")
    for line in filed + unchanged:
        if line.reason:
            print(f"  {line.origin} → {line.learner}: {line.reason}")
    shown = [line for line in ignored if line.reason != "a system file, not a submission"]
    for line in shown:
        print(f"  left out: {line.origin} — {line.reason}")
    if ignored:
        print(f"  (every inbox file and what was done with it: {ws.reports_dir() / (ws.assignment + '-inbox.csv')})")


def _summary(rows, ws) -> None:
    """Print the submissions that need the grader's attention and the written answers waiting to be marked."""
    from socialkit.grading.report import to_mark

    attention = [r for r in rows if r.record.status != "graded"]
    if attention:
        print(f"{len(attention)} submission(s) need attention:")
        for r in attention:
            print(f"  {r.name}: {r.record.status} — {r.record.reason}")
    waiting = to_mark([r for r in rows if r.record.has_grade])
    if waiting:
        again = sum(1 for _, _, why in waiting if why.startswith("resubmitted"))
        extra = f", {again} of them resubmitted after your mark" if again else ""
        print(f"{len(waiting)} written answer(s) to mark{extra}: run `socialkit mark {ws.assignment} "
              f"--workspace {ws.root}`, then `socialkit report {ws.assignment} --workspace {ws.root}`.")
    blank = sum(1 for r in rows for q in r.record.questions
                if q.manual and q.flag == "blank" and q.grade_id not in r.manual_scores)
    if blank:
        print(f"{blank} written answer(s) left blank (0 unless you mark them): see the class report.")


def report_command(args) -> int:
    """``socialkit report``: re-export the CSV, class report and feedback from the gradebook (after hand grading)."""
    from socialkit.grading.report import export
    from socialkit.grading.workspace import Workspace

    _quiet_warnings()
    ws = Workspace(Path(args.workspace).resolve(), args.assignment)
    if not ws.has_gradebook():
        raise FileNotFoundError(f"{ws.root} is not a grading workspace (no gradebook yet). "
                                f"Run `socialkit grade {args.assignment} --workspace {args.workspace}` first.")
    rows, csv_path, html_path = export(ws)
    if not rows:
        raise FileNotFoundError(f"No graded submissions for {args.assignment} in {ws.root}. "
                                f"Run `socialkit grade {args.assignment} --workspace {args.workspace}` first.")
    _summary(rows, ws)
    print(f"Grades: {csv_path}\nClass report: {html_path}\nFeedback pages: {ws.root / 'feedback'}\n"
          f"For Moodle and Canvas: {ws.reports_dir() / (ws.assignment + '-moodle.csv')}, "
          f"{ws.reports_dir() / (ws.assignment + '-canvas.csv')}")
    return 0
