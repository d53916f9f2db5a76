"""``socialkit start``: serve the course in JupyterLab, print its address, stop cleanly on Ctrl-C."""

from __future__ import annotations

import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from socialkit.paths import kit_root

FIRST_NOTEBOOK = Path("course/00_start_here/00_start_here.ipynb")


def port_is_free(port: int, host: str = "127.0.0.1") -> bool:
    """True when nothing listens on ``host:port`` yet."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError:
            return False
    return True


def lab_command(root: Path, port: int, token: str, open_browser: bool) -> list[str]:
    """The ``jupyter lab`` command line for the course at ``root``."""
    cmd = [
        sys.executable, "-m", "jupyterlab",
        f"--ServerApp.root_dir={root}",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}",
    ]
    if not open_browser:
        cmd.append("--no-browser")
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        cmd.append("--allow-root")
    if (root / FIRST_NOTEBOOK).is_file():
        cmd.append(f"--LabApp.default_url=/lab/tree/{FIRST_NOTEBOOK.as_posix()}")
    return cmd


def learner_environment() -> dict[str, str]:
    """Our environment minus ``MPLBACKEND``: a test setting like ``Agg`` would leave every chart blank."""
    return {name: value for name, value in os.environ.items() if name != "MPLBACKEND"}


def wait_until_answers(request: str | urllib.request.Request, process: subprocess.Popen, seconds: float) -> bool:
    """Poll a local server started as ``process`` until ``request`` gets a 200; False if it died or timed out."""
    deadline = time.monotonic() + seconds
    direct = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # never via an http_proxy
    while time.monotonic() < deadline:
        if process.poll() is not None:
            return False
        try:
            with direct.open(request, timeout=2) as response:
                if response.status == 200:
                    return True
        except OSError:  # URLError and refused connections are OSErrors
            time.sleep(0.3)
    return False


def wait_until_ready(base_url: str, token: str, process: subprocess.Popen, seconds: float = 60) -> bool:
    """Poll JupyterLab's ``/api/status`` until it answers; False if it died or did not answer in time."""
    request = urllib.request.Request(f"{base_url}/api/status", headers={"Authorization": f"token {token}"})
    return wait_until_answers(request, process, seconds)


def stop(process: subprocess.Popen, grace: float = 10) -> None:
    """Ask JupyterLab to shut down (SIGTERM), and kill it if it has not stopped after ``grace`` seconds."""
    if process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(grace)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def start_command(args) -> int:
    """Launch JupyterLab on the kit, print the address, and wait until Ctrl-C (or SIGTERM)."""
    root = kit_root()
    if not port_is_free(args.port):
        raise RuntimeError(
            f"port {args.port} is already in use (another Jupyter?). "
            f"Stop it, or choose another port: socialkit start --port {args.port + 1} "
            f"(or make start PORT={args.port + 1})"
        )
    token = secrets.token_hex(16)
    base_url = f"http://127.0.0.1:{args.port}"
    if os.geteuid() == 0:
        print("Running as root: starting JupyterLab with --allow-root.")
    print(f"Starting JupyterLab on the course in {root} …", flush=True)
    process = subprocess.Popen(
        lab_command(root, args.port, token, open_browser=not args.no_browser),
        cwd=root,
        env=learner_environment(),
        start_new_session=True,  # Ctrl-C reaches us only; we shut Jupyter down ourselves
    )
    # Ctrl-C stops Jupyter even when a script started us in the background (which ignores SIGINT),
    # and a SIGTERM (e.g. from a service manager) stops it the same way.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt))
    try:
        if not wait_until_ready(base_url, token, process):
            stop(process)
            raise RuntimeError(
                "JupyterLab did not start (see its messages above). "
                "Try `make start` again, or reinstall with `pip install -e .`."
            )
        start_page = FIRST_NOTEBOOK.as_posix() if (root / FIRST_NOTEBOOK).is_file() else ""
        print(f"\nThe course is ready. Open this address in your browser:\n\n    {base_url}/lab/tree/{start_page}?token={token}\n")
        print("Press Ctrl-C here to stop.", flush=True)
        process.wait()
        if process.returncode not in (0, -signal.SIGTERM):
            print(f"JupyterLab stopped unexpectedly (exit code {process.returncode}).")
            return 1
        return 0
    except KeyboardInterrupt:
        print("\nStopping JupyterLab …", flush=True)
        stop(process)
        print("Stopped. Your notebooks are saved where you left them.")
        return 0
