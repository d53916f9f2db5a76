"""The ``socialkit`` command: one subcommand per job, each handled by the module that owns it."""

from __future__ import annotations

import argparse
import sys
from importlib import import_module

from socialkit import __version__, course

# subcommand -> "module:function"; each function takes the parsed args and returns an exit code.
HANDLERS = {
    "start": "socialkit.server:start_command",
    "data generate": "socialkit.datagen:generate_command",
    "data check": "socialkit.data:check_command",
    "build": "socialkit.release:build_command",
    "bundle": "socialkit.release:bundle_command",
    "present": "socialkit.present:present_command",
    "board": "socialkit.room.board:board_command",
    "join": "socialkit.room.board:join_command",
    "agenda": "socialkit.workshop.agenda:agenda_command",
    "grade": "socialkit.grading:grade_command",
    "report": "socialkit.grading:report_command",
    "mark": "socialkit.grading.marking:mark_command",
    "send": "socialkit.grading.send:send_command",
    "progress": "socialkit.progress.commands:progress_command",
    "certificate": "socialkit.progress.commands:certificate_command",
}


def build_parser() -> argparse.ArgumentParser:
    """All subcommands and their options, in the order a newcomer meets them."""
    parser = argparse.ArgumentParser(
        prog="socialkit",
        description="Social Media for Managers — the course kit's command line.",
    )
    parser.add_argument("--version", action="version", version=f"socialkit {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    slugs = course.slugs()

    p = sub.add_parser("start", help="open the course in JupyterLab")
    p.add_argument("--port", type=int, default=8888, help="port to serve on (default 8888)")
    p.add_argument("--ip", default="127.0.0.1",
                   help="address to listen on (default 127.0.0.1: this computer only; 0.0.0.0: serve the room's network)")
    p.add_argument("--no-browser", action="store_true", help="print the address instead of opening a browser")
    p.add_argument("--trainer", action="store_true",
                   help="JupyterLab with every tool (nbgrader's formgrader, create assignment…) and its full log")

    p = sub.add_parser("data", help="make or check the sample data")
    data_sub = p.add_subparsers(dest="data_command", metavar="ACTION")
    g = data_sub.add_parser("generate", help="write every sample table as CSV")
    g.add_argument("--seed", type=int, default=2025, help="random seed (default 2025, the committed data)")
    g.add_argument("--scale", type=float, default=1, help="multiply row counts by this (default 1)")
    g.add_argument("--out", default="datasets", help="folder to write to (default: datasets)")
    c = data_sub.add_parser("check", help="verify datasets/ against its manifest")
    c.add_argument("--dir", default=None, help="folder to check (default: the kit's datasets/)")

    p = sub.add_parser("build", help="regenerate exercises/ from solutions/")
    p.add_argument("module", nargs="?", choices=slugs, help="one module (default: all)")
    p.add_argument("--check", action="store_true", help="only report whether exercises/ is up to date")

    p = sub.add_parser("bundle", help="zip the learner bundle (no solutions, no hidden tests)")
    p.add_argument("--out", required=True, help="the .zip file to write")
    p.add_argument("--offline", action="store_true",
                   help="add wheels/ with every package the kit needs, to install with no network (USB stick)")
    p.add_argument("--platform", action="append", metavar="TAG",
                   help="with --offline: also wheels for another system, e.g. win_amd64, macosx_11_0_arm64 (repeatable)")
    p.add_argument("--python-version", metavar="X.Y", help="with --platform: the learners' Python (default: this one)")
    p.add_argument("--wheel-cache", metavar="DIR",
                   help="with --offline: wheels kept between bundles (default ~/.cache/socialkit/wheels)")

    p = sub.add_parser("present", help="show a module's dashboards on a projector, or its lesson as slides (code hidden)")
    p.add_argument("module", choices=slugs)
    p.add_argument("--slides", action="store_true",
                   help="the whole lesson as slides, charts large and dashboards live (default: the dashboards only)")
    p.add_argument("--port", type=int, default=8866, help="port to serve on (default 8866)")
    p.add_argument("--no-browser", action="store_true", help="print the address instead of opening a browser")

    p = sub.add_parser("board", help="the room board: live, per question, how many learners are right, wrong, not yet")
    p.add_argument("modules", nargs="+", choices=slugs, metavar="MODULE", help="the modules of the exercise slot")
    p.add_argument("--port", type=int, default=8765, help="port to serve on (default 8765)")
    p.add_argument("--ip", default="127.0.0.1",
                   help="address to listen on (default 127.0.0.1: this computer only; 0.0.0.0: the room's network)")
    p.add_argument("--token", help="the room's token (default: a new one, printed)")
    p.add_argument("--no-browser", action="store_true", help="print the address instead of opening a browser")

    p = sub.add_parser("join", help="tell a trainer's room board how your checks go (never your answers)")
    p.add_argument("url", nargs="?", help="the board's address, e.g. http://192.168.1.20:8765")
    p.add_argument("token", nargs="?", help="the room's token, shown on the board")
    p.add_argument("--name", help="your name, as the trainer knows you")
    p.add_argument("--leave", action="store_true", help="stop telling the board (forget the saved room)")

    p = sub.add_parser("agenda", help="print a workshop's agenda (timings, checklist, hand-in steps) and learners' handouts")
    p.add_argument("modules", nargs="+", metavar="MODULE", help=f"modules in the order of the day ({slugs[0]} … {slugs[-1]})")
    p.add_argument("--start", default="09:00", help="when the first module starts, e.g. 09:00 (default)")
    p.add_argument("--break", dest="break_minutes", type=int, default=15,
                   help="minutes of break between modules (default 15)")
    p.add_argument("--out", default="agenda", help="folder to write to (default: agenda)")
    p.add_argument("--no-pdf", action="store_true", help="HTML only (PDF files need Chromium, Chrome or Edge)")

    p = sub.add_parser("grade", help="grade a cohort's submissions safely")
    p.add_argument("assignment", choices=slugs)
    p.add_argument("--workspace", required=True, help="the grading folder (created if missing)")
    p.add_argument("--from", dest="inbox", help="a folder of notebooks or zips as learners sent them")
    p.add_argument("--jobs", type=int, default=None, help="parallel workers (default: number of cores)")
    p.add_argument("--timeout", type=int, default=60, help="seconds allowed per cell (default 60)")
    p.add_argument("--force", action="store_true", help="regrade everyone, not only new or changed submissions")
    p.add_argument("--no-sandbox", action="store_true", help="run learner code unsandboxed (only if you trust it)")
    p.add_argument("--roster", help="a CSV of learner_id,name,email to match learners' names to")
    p.add_argument("--deadline", help="e.g. '2025-05-01 18:00': work saved after it is marked late")
    p.add_argument("--database", help="keep the gradebook in this PostgreSQL database, e.g. "
                   "postgresql+psycopg2://USER:PASSWORD@HOST/DB (remembered; default: gradebook.db in the workspace)")
    p.add_argument("--scheduler", help="run the notebooks on this Dask cluster's workers, e.g. tcp://10.0.0.5:8786")
    p.add_argument("--tls-ca", help="with a tls:// scheduler: the certificate authority file")
    p.add_argument("--tls-cert", help="with a tls:// scheduler: this machine's certificate file")
    p.add_argument("--tls-key", help="with a tls:// scheduler: this machine's private key file")

    p = sub.add_parser("mark", help="mark written answers by hand in nbgrader's formgrader (rubric shown)")
    p.add_argument("assignment", choices=slugs)
    p.add_argument("--workspace", required=True, help="the grading folder")
    p.add_argument("--port", type=int, default=8899, help="port to serve on (default 8899)")
    p.add_argument("--no-browser", action="store_true", help="print the address instead of opening a browser")

    p = sub.add_parser("report", help="re-export grades and the class report (after hand grading)")
    p.add_argument("assignment", choices=slugs)
    p.add_argument("--workspace", required=True, help="the grading folder")

    p = sub.add_parser("send", help="e-mail each learner their feedback page (.eml drafts, or through SMTP)")
    p.add_argument("assignment", choices=slugs)
    p.add_argument("--workspace", required=True, help="the grading folder")
    p.add_argument("--sender", required=True, help="your address, e.g. 'Claire Dupont <claire@example.org>'")
    p.add_argument("--roster", help="a CSV of learner_id,name,email (default: the workspace's roster.csv)")
    p.add_argument("--smtp", help="send through this mail server, HOST or HOST:PORT (default: write drafts only)")
    p.add_argument("--smtp-user", help="log in to the mail server as this user (password: $SOCIALKIT_SMTP_PASSWORD)")
    p.add_argument("--security", choices=("starttls", "ssl", "none"), default="starttls",
                   help="how to protect the connection (default starttls)")
    p.add_argument("--include-unmarked", action="store_true",
                   help="also send to learners whose written answers are not marked yet")

    p = sub.add_parser("progress", help="where you stand in the whole course, re-checked from your saved notebooks")
    p.add_argument("--notebooks", action="append", metavar="FOLDER",
                   help="also look for your exercise notebooks in this folder (may be given again)")

    p = sub.add_parser("certificate", help="write a one-page, self-assessed record of the completed course")
    p.add_argument("--name", required=True, help='your name as it should appear, e.g. "Anna Martin"')
    p.add_argument("--out", help="the .html file to write (default: ~/.socialkit/course-record-DATE.html); "
                                 "a PDF is written beside it")
    p.add_argument("--notebooks", action="append", metavar="FOLDER",
                   help="also look for your exercise notebooks in this folder (may be given again)")
    p.add_argument("--no-pdf", action="store_true", help="write the HTML page only")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Parse the command line and run the chosen subcommand; errors print one plain sentence."""
    parser = build_parser()
    args = parser.parse_args(argv)
    key = args.command
    if key == "data":
        if not args.data_command:
            parser.parse_args(["data", "--help"])
        key = f"data {args.data_command}"
    if key is None:
        parser.print_help()
        return 0
    module_name, func_name = HANDLERS[key].split(":")
    handler = getattr(import_module(module_name), func_name)
    try:
        return int(handler(args) or 0)
    except KeyboardInterrupt:
        print("Stopped.", file=sys.stderr)
        return 130
    except (OSError, ValueError, KeyError, RuntimeError) as exc:  # OSError: missing, unwritable, not a folder
        message = exc.args[0] if isinstance(exc, KeyError) and exc.args else exc
        print(f"socialkit {key}: {message}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
