"""`socialkit present MODULE`: a module's dashboards in Voilà, code hidden, for a facilitator in front of a room.

The presentation notebook is made from the lesson's title cell and its cells tagged ``setup`` and
``dashboard``, written to a temporary folder that is removed when the facilitator presses Ctrl-C.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import webbrowser
from pathlib import Path

from socialkit.notebooks import cells_tagged, read_notebook
from socialkit.server import port_is_free, stop, wait_until_answers

# Idle kernels (a closed tab) are shut down after this many seconds, checked every CULL_INTERVAL.
CULL_IDLE_SECONDS = 600
CULL_INTERVAL_SECONDS = 60
STARTUP_TIMEOUT_SECONDS = 60


def presentation_notebook(lesson):
    """A new notebook holding the lesson's title cell, then its ``setup`` and ``dashboard`` cells.

    Raises ValueError if the lesson has no cell tagged ``dashboard``.
    """
    import nbformat

    wanted = {id(cell) for cell in cells_tagged(lesson, "setup") + cells_tagged(lesson, "dashboard")}
    if not cells_tagged(lesson, "dashboard"):
        raise ValueError("has no dashboard yet (no cell tagged 'dashboard')")
    title = next((cell for cell in lesson.cells if cell.cell_type == "markdown"), None)
    deck = nbformat.v4.new_notebook()
    deck.metadata.kernelspec = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
    if title is not None and id(title) not in wanted:
        deck.cells.append(nbformat.v4.new_markdown_cell(title.source))
    for cell in lesson.cells:
        if id(cell) in wanted:
            if cell.cell_type == "code":
                deck.cells.append(nbformat.v4.new_code_cell(cell.source))
            else:
                deck.cells.append(nbformat.v4.new_markdown_cell(cell.source))
    return deck


def voila_command(notebook: Path, port: int) -> list[str]:
    """The Voilà command line: localhost only, the given port or fail, code stripped, idle kernels culled."""
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
    """`socialkit present MODULE [--port P] [--no-browser]`: serve the module's dashboards until Ctrl-C."""
    from socialkit import course
    from socialkit.paths import kit_root

    root = kit_root()
    lesson_file = course.get(args.module).lesson(root)
    if not lesson_file.is_file():
        raise FileNotFoundError(f"Module {args.module} has no lesson yet: {lesson_file} does not exist.")
    try:
        deck = presentation_notebook(read_notebook(lesson_file))
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
        # Without MPLBACKEND the kernel draws charts inline (a test run may have set it to Agg).
        env = {key: value for key, value in os.environ.items() if key != "MPLBACKEND"}
        env["SOCIALKIT_ROOT"] = str(root)
        url = f"http://127.0.0.1:{args.port}/"
        child = subprocess.Popen(voila_command(notebook, args.port), cwd=tmp, env=env, start_new_session=True)
        try:
            _wait_until_serving(url, child, STARTUP_TIMEOUT_SECONDS)
            print(f"Presenting {args.module} at {url}  (code hidden; press Ctrl-C to stop)", flush=True)
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
