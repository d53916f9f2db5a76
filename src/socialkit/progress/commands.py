"""``socialkit progress`` and ``socialkit certificate``: the learner's course view and record in a terminal."""

from __future__ import annotations

import time
from pathlib import Path

from socialkit.progress.store import home


def _course(args):
    """The learner's course progress, reading the extra folders given with ``--notebooks``."""
    from socialkit.progress.overview import course_progress

    extra = [Path(p) for p in (getattr(args, "notebooks", None) or [])]
    missing = [str(p) for p in extra if not p.is_dir()]
    if missing:
        raise ValueError(f"There is no folder {missing[0]}: give a folder that holds your exercise notebooks.")
    return course_progress(extra=extra)


def progress_command(args) -> int:
    """Print every module's state, the time left and the next step."""
    print(_course(args).text())
    return 0


def certificate_command(args) -> int:
    """Write the self-assessed record (HTML, and PDF when a browser can print it); say where it is."""
    from socialkit.progress import certificate

    out = Path(args.out) if args.out else home() / f"course-record-{time.strftime('%Y-%m-%d')}.html"
    page, pdf, why = certificate.write(_course(args), args.name, out, pdf=not args.no_pdf)
    print(f"Your self-assessed course record: {page}")
    if pdf is not None:
        print(f"The same as PDF: {pdf}")
    elif not args.no_pdf:
        print(f"No PDF written ({why}): open the page in your browser and print it to PDF.")
    return 0
