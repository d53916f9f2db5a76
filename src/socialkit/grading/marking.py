"""``socialkit mark``: nbgrader's formgrader on a grading workspace, opened on the answers to mark.

The formgrader runs inside a Jupyter server started in the workspace (it reads the workspace's
``nbgrader_config.py`` from the folder it starts in). Each answer to mark shows, under it, a
marker-only cell with the rubric and any text the learner wrote in other cells (see ``written``).
"""

from __future__ import annotations

import os
import secrets
import signal
import subprocess
import sys
import urllib.parse
import urllib.request
import webbrowser
from pathlib import Path

from socialkit.grading.workspace import Workspace


def formgrader_path(ws: Workspace) -> str:
    """The formgrader page listing every submission of the assignment, answers to mark flagged."""
    return f"/formgrader/gradebook/{ws.assignment}/{ws.notebook_name}"


def server_command(ws: Workspace, port: int, token: str) -> list[str]:
    """The Jupyter server command line: on 127.0.0.1, the workspace as root folder, quiet, no browser of its own."""
    cmd = [sys.executable, "-m", "jupyterlab", f"--ServerApp.root_dir={ws.root}", "--ServerApp.ip=127.0.0.1",
           f"--ServerApp.port={port}", "--ServerApp.port_retries=0", f"--IdentityProvider.token={token}",
           f"--LabApp.default_url={formgrader_path(ws)}", "--ServerApp.log_level=WARN", "--no-browser"]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        cmd.append("--allow-root")
    return cmd


def start_address(base_url: str, ws: Workspace, token: str) -> str:
    """The address to open: through Jupyter's login page, which leaves the sign-in cookie for the whole site.

    Opening a formgrader page with ``?token=`` directly signs in that page only (nbgrader's pages set
    the cookie for their own folder), and the lists then stay "Loading, please wait..." forever.
    """
    return f"{base_url}/login?next={urllib.parse.quote(formgrader_path(ws), safe='')}&token={token}"


def mark_command(args) -> int:
    """Start the formgrader on the workspace, print its address, wait for Ctrl-C, then say what to run next."""
    from socialkit.grading import _quiet_warnings
    from socialkit.grading.report import collect, to_mark
    from socialkit.grading.workspace import write_config
    from socialkit.server import port_is_free, stop, wait_until_answers

    _quiet_warnings()
    ws = Workspace(Path(args.workspace).resolve(), args.assignment)
    if not ws.source_notebook().is_file() or not ws.has_gradebook():
        raise FileNotFoundError(f"{ws.root} is not a grading workspace for {args.assignment}. Run `socialkit grade "
                                f"{args.assignment} --workspace {args.workspace} --from INBOX` first.")
    if not port_is_free(args.port):
        raise RuntimeError(f"port {args.port} is already in use (another formgrader?). Stop it, or choose another "
                           f"port: socialkit mark {args.assignment} --workspace {args.workspace} --port {args.port + 1}")
    write_config(ws)
    waiting = to_mark([r for r in collect(ws) if r.record.has_grade])
    token = secrets.token_hex(16)
    base_url = f"http://127.0.0.1:{args.port}"
    env = {k: v for k, v in os.environ.items() if k != "MPLBACKEND"}
    env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
    print(f"Starting nbgrader's formgrader on {ws.root} …", flush=True)
    process = subprocess.Popen(server_command(ws, args.port, token), cwd=ws.root, env=env, start_new_session=True)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt))
    try:
        status = urllib.request.Request(f"{base_url}/formgrader/api/status",
                                        headers={"Authorization": f"token {token}"})
        if not wait_until_answers(status, process, 90):
            stop(process)
            raise RuntimeError("The formgrader did not start (see its messages above).")
        address = start_address(base_url, ws, token)
        print(f"\nThe formgrader is ready. Open this address in your browser:\n\n    {address}\n")
        if not args.no_browser:
            webbrowser.open(address)
        print(f"{len(waiting)} written answer(s) to mark (click a learner's name; the rubric is under each answer; "
              "type the score, and the rubric lines met as R1 R3… at the start of your comment).")
        for row, question, why in waiting:
            print(f"  {row.name} — {question.title}" + (f": {why}" if why else ""))
        print("Press Ctrl-C here when you have finished marking.", flush=True)
        process.wait()
        return 0
    except KeyboardInterrupt:
        print("\nStopping the formgrader …", flush=True)
        stop(process)
        print(f"Stopped. Your marks are saved. Now run: socialkit report {ws.assignment} --workspace {args.workspace}")
        return 0
