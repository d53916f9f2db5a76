"""`socialkit present MODULE [--slides]`: a module in Voilà, code hidden, for a facilitator in front of a room.

Without ``--slides``: the module's dashboards sized for a 1280×720 projector; with it: the whole
lesson as slides (reveal.js) with the dashboards live. Both decks are made from the lesson notebook
(``socialkit.workshop.decks``) and written to a temporary folder removed when the facilitator
presses Ctrl-C. Nothing is fetched from outside the machine.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import tempfile
import webbrowser
from pathlib import Path

from socialkit.notebooks import read_notebook
from socialkit.server import port_is_free, stop, wait_until_answers
from socialkit.workshop import decks

# Idle kernels (a closed tab) are shut down after this many seconds, checked every CULL_INTERVAL.
CULL_IDLE_SECONDS = 600
CULL_INTERVAL_SECONDS = 60
STARTUP_TIMEOUT_SECONDS = 60


def voila_command(notebook: Path, port: int, slides: bool = False) -> list[str]:
    """The Voilà command line: localhost only, the given port or fail, code stripped, idle kernels culled.

    ``notebook`` may also be a folder of decks (Voilà then serves each at ``/voila/render/<name>``).
    """
    return [
        sys.executable, "-m", "voila", str(notebook),
        "--no-browser",
        f"--port={port}",
        "--Voila.ip=127.0.0.1",
        "--Voila.port_retries=0",
        "--VoilaConfiguration.strip_sources=True",
        "--VoilaConfiguration.show_tracebacks=False",
        f"--MappingKernelManager.cull_idle_timeout={CULL_IDLE_SECONDS}",
        f"--MappingKernelManager.cull_interval={CULL_INTERVAL_SECONDS}",
        *decks.voila_template_options(slides),
    ]


def _wait_until_serving(url: str, child: subprocess.Popen, timeout: float) -> None:
    """Block until ``url`` answers, or raise RuntimeError if Voilà exits or takes longer than ``timeout``."""
    if wait_until_answers(url, child, timeout):
        return
    if child.poll() is not None:
        raise RuntimeError(f"Voilà stopped before serving (exit code {child.returncode}); see its messages above.")
    raise RuntimeError(f"Voilà did not answer at {url} within {timeout:.0f} s.")


def _raise_keyboard_interrupt(signum, frame):
    """Treat SIGTERM like Ctrl-C so the same clean-up runs."""
    raise KeyboardInterrupt


def present_command(args) -> int:
    """`socialkit present MODULE [--slides] [--port P] [--no-browser]`: serve the module's deck until Ctrl-C."""
    from socialkit import course
    from socialkit.paths import kit_root

    root = kit_root()
    lesson_file = course.get(args.module).lesson(root)
    if not lesson_file.is_file():
        raise FileNotFoundError(f"Module {args.module} has no lesson yet: {lesson_file} does not exist.")
    slides = bool(getattr(args, "slides", False))
    try:
        lesson = read_notebook(lesson_file)
        deck = decks.slide_deck(lesson) if slides else decks.dashboard_deck(lesson)
    except ValueError as exc:
        raise ValueError(f"Module {args.module} {exc}: nothing to present. "
                         f"Tag the lesson's dashboard cells 'dashboard' in {lesson_file}.") from None
    if not port_is_free(args.port):
        raise RuntimeError(f"Port {args.port} is already in use; choose another with --port.")

    import nbformat

    previous_handler = signal.signal(signal.SIGTERM, _raise_keyboard_interrupt)
    with tempfile.TemporaryDirectory(prefix="socialkit-present-") as tmp:
        notebook = Path(tmp) / f"{args.module}.ipynb"
        nbformat.write(deck, str(notebook))
        env = decks.voila_env()
        env["SOCIALKIT_ROOT"] = str(root)
        url = f"http://127.0.0.1:{args.port}/"
        child = subprocess.Popen(voila_command(notebook, args.port, slides), cwd=tmp, env=env, start_new_session=True)
        try:
            _wait_until_serving(url + decks.READY_PATH, child, STARTUP_TIMEOUT_SECONDS)
            what = "the lesson as slides (arrow keys move; Esc shows them all)" if slides else "the dashboards"
            print(f"Presenting {args.module} at {url}  ({what}, code hidden; press Ctrl-C to stop)", flush=True)
            if not args.no_browser:
                webbrowser.open(url)
            child.wait()
            print(f"Voilà stopped (exit code {child.returncode}).")
            return child.returncode or 0
        except KeyboardInterrupt:
            print("Stopping the presentation…", flush=True)
            return 0
        finally:
            stop(child, grace=15)  # Voilà shuts its kernels down on SIGTERM
            signal.signal(signal.SIGTERM, previous_handler)
