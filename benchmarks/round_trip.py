"""Time the trainer's whole round trip on module 01 for a cohort, beside its anchor, the grading step.

    python benchmarks/round_trip.py [--learners 30]

Steps, each through the real command line or the real server:
  collect   file the inbox (every learner's notebook under the default download name or a messy file
            name, the name typed inside) with a roster — in-process, as `socialkit grade --from` does
  grade     `socialkit grade 01_listen` in the sandbox, default workers (the anchor)
  mark      `socialkit mark` started, every reflection marked through the formgrader's HTTP API, stopped
  report    `socialkit report 01_listen`
  send      `socialkit send --smtp` to an SMTP server (aiosmtpd) started here on 127.0.0.1
The table gives each step's wall time and its ratio to the grading step.
"""

from __future__ import annotations

import argparse
import copy
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

import nbformat  # noqa: E402

from grading_cohort import grade_id, solved  # noqa: E402
from trainer_cohort import ASSIGNMENT, NOTEBOOK, Formgrader, socialkit, typed, write_roster  # noqa: E402

NAMES = ["Alice Moreau", "Jules Fabre", "Bob Roux", "Anna Martin", "Élodie Durand", "Karim Benali", "Hugo Petit",
         "Omar Diallo", "Gina Lefèvre", "Paul Blanc", "Léa Garnier", "Zoé Petit", "Marc Dubois", "Inès Haddad",
         "Chloé Bernard", "Lucas Girard", "Sarah Cohen", "Yanis Mercier", "Emma Laurent", "Noah Simon",
         "Jade Michel", "Louis Lefebvre", "Lina Fontaine", "Hugo Chevalier", "Camille Robin", "Nathan Gauthier",
         "Manon Perrin", "Théo Morel", "Sofia Rossi", "Adam Nguyen", "Rose Faure", "Tom Andre"]


def inbox_for(kit: Path, inbox: Path, size: int) -> list[tuple[str, str, str]]:
    """Write ``size`` learners' notebooks (all with a reflection) under real-life file names; return the roster."""
    from socialkit.grading.names import slug

    release = nbformat.read(kit / "exercises" / ASSIGNMENT / NOTEBOOK, as_version=4)
    solutions = nbformat.read(kit / "solutions" / ASSIGNMENT / NOTEBOOK, as_version=4)
    codes = [grade_id(c) for c in release.cells if c.cell_type == "code" and (c.metadata.get("nbgrader") or {})
             .get("solution")]
    kinds = [solved(release, solutions), solved(release, solutions, [*codes[:3], "reflection"]),
             solved(release, solutions, ["reflection"])]
    roster = []
    inbox.mkdir(parents=True)
    for n in range(size):
        name = NAMES[n % len(NAMES)] + ("" if n < len(NAMES) else f" {n}")
        learner = slug(name).replace("-", ".", 1)
        roster.append((learner, name, f"{learner}@example.org"))
        nb = typed(copy.deepcopy(kinds[n % 3]), name)
        file_name = [f"01_listen_exercises ({n}).ipynb", f"{name} final.ipynb", f"{name.split()[0]}_v2.ipynb"][n % 3]
        folder = inbox / f"{n:02d}"  # one folder per e-mail, as a mail program saves attachments
        folder.mkdir()
        nbformat.write(nb, folder / file_name)
    return roster


def main() -> None:
    """Run the round trip once and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, default=30)
    args = parser.parse_args()
    os.environ["PATH"] = f"{Path(sys.executable).parent}:{os.environ['PATH']}"
    from aiosmtpd.controller import Controller

    from socialkit.grading.intake import intake
    from socialkit.grading.names import Roster
    from socialkit.grading.workspace import Workspace
    from socialkit.server import port_is_free

    times: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as scratch:
        base = Path(scratch)
        roster = inbox_for(ROOT, base / "inbox", args.learners)
        roster_file = write_roster(base / "roster.csv", roster)
        workspace = base / "cohort"
        start = time.perf_counter()
        result = intake(base / "inbox", Workspace(workspace, ASSIGNMENT), Roster.read(roster_file))
        times["collect"] = time.perf_counter() - start
        assert len(result.by("filed")) == args.learners, [line for line in result.lines if line.decision != "filed"]

        start = time.perf_counter()
        socialkit("grade", ASSIGNMENT, "--workspace", str(workspace))
        times["grade"] = time.perf_counter() - start

        start = time.perf_counter()
        marker = Formgrader(workspace, next(p for p in range(8960, 9060) if port_is_free(p)))
        try:
            marked = marker.mark({learner: (3.5, "R1 R2 R3 Clear figures.") for learner, _, _ in roster})
        finally:
            marker.stop()
        times["mark"] = time.perf_counter() - start
        assert marked == args.learners, marked

        start = time.perf_counter()
        socialkit("report", ASSIGNMENT, "--workspace", str(workspace))
        times["report"] = time.perf_counter() - start

        received = []

        class Collect:
            """The SMTP server's handler: count what arrives."""

            async def handle_DATA(self, server, session, envelope):
                """Accept every message."""
                received.append(envelope.rcpt_tos)
                return "250 OK"

        port = next(p for p in range(9360, 9460) if port_is_free(p))
        controller = Controller(Collect(), hostname="127.0.0.1", port=port, server_hostname="localhost")
        controller.start()
        try:
            start = time.perf_counter()
            socialkit("send", ASSIGNMENT, "--workspace", str(workspace), "--sender", "Trainer <trainer@example.org>",
                      "--smtp", f"127.0.0.1:{port}", "--security", "none")
            times["send"] = time.perf_counter() - start
        finally:
            controller.stop()
        assert len(received) == args.learners, len(received)

    total = sum(times.values())
    anchor = times["grade"]
    print(f"Round trip for {args.learners} learners (module 01), {os.cpu_count()} cores, "
          f"load average {os.getloadavg()[0]:.1f}:")
    print(f"{'step':<10}{'seconds':>9}{'÷ grade':>9}")
    for step, seconds in times.items():
        print(f"{step:<10}{seconds:>9.1f}{seconds / anchor:>9.2f}")
    print(f"{'total':<10}{total:>9.1f}{total / anchor:>9.2f}")
    print(f"Everything around grading adds {total - anchor:.1f} s ({(total - anchor) / anchor:.0%} of the grading step).")


if __name__ == "__main__":
    main()
