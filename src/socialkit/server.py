"""``socialkit start``: serve the course in JupyterLab, print its address, stop cleanly on Ctrl-C.

Learners get a quiet screen: no news pop-up, none of nbgrader's grader tools, no server chatter
in the terminal, and plain words for pandas slips from a kernel's first cell. Trainers get
JupyterLab with every tool and its usual log with ``socialkit start --trainer``. Neither mode
touches the user's own Jupyter configuration: a mode's settings live in a temporary folder that
exists while the server runs.
"""

from __future__ import annotations

import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from socialkit.paths import kit_root

FIRST_NOTEBOOK = Path("course/00_start_here/00_start_here.ipynb")

# JupyterLab plugins a learner does not need: the news pop-up, and nbgrader's tools (the grader's
# formgrader, create-assignment and course-list panels, and the exchange-based assignment list and
# validate button, which need a course server; learners check answers with check() instead).
ANNOUNCEMENTS_PLUGIN = "@jupyterlab/apputils-extension:announcements"
NBGRADER_PLUGINS = (
    "@jupyter/nbgrader:formgrader",
    "@jupyter/nbgrader:create-assignment",
    "@jupyter/nbgrader:course-list",
    "@jupyter/nbgrader:assignment-list",
    "@jupyter/nbgrader:validate-assignment",
    "@jupyter/nbgrader:menu",
)
LEARNER_HIDDEN_PLUGINS = (ANNOUNCEMENTS_PLUGIN, *NBGRADER_PLUGINS)
# The server side of those tools (they also log "No nbgrader_config.py file found" in a learner's terminal).
NBGRADER_SERVER_EXTENSIONS = (
    "nbgrader.server_extensions.formgrader",
    "nbgrader.server_extensions.assignment_list",
    "nbgrader.server_extensions.course_list",
    "nbgrader.server_extensions.validate_assignment",
)
# jupyter_server pings kernel websockets every 30 s but waits 90 s for the answer, which tornado
# refuses with a warning on every connection; waiting as long as the interval is what tornado keeps.
WEBSOCKET_SETTINGS = {"ws_ping_interval": 30000, "ws_ping_timeout": 30000}


def port_is_free(port: int, host: str = "127.0.0.1") -> bool:
    """True when nothing listens on ``host:port`` yet."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError:
            return False
    return True


def lab_command(root: Path, port: int, token: str, open_browser: bool, trainer: bool = False,
                ip: str = "127.0.0.1") -> list[str]:
    """The ``jupyter lab`` command line for the course at ``root`` (its settings: ``write_lab_config``).

    For learners the server runs through ``run_quiet_lab``, without Python's deprecation warnings
    (jupyter_server warns about its own ``ServerApp.token`` on every start); kernels are unaffected.
    """
    cmd = [
        sys.executable, "-m", "jupyterlab" if trainer else "socialkit.server",
        f"--ServerApp.root_dir={root}",
        f"--ServerApp.ip={ip}",
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


def run_quiet_lab(options: list[str]) -> None:
    """Run JupyterLab with ``options``, without deprecation warnings (``python -m socialkit.server OPTIONS``).

    ``python -W ignore`` is not enough: importing voilà (a server extension) turns traitlets'
    deprecation warnings back on, so the filter is set again after that import.
    """
    import warnings

    try:
        import voila  # noqa: F401  (see above)
    except ImportError:
        pass
    warnings.filterwarnings("ignore", category=DeprecationWarning)
    from jupyterlab.labapp import main

    sys.argv = ["jupyter-lab", *options]
    sys.exit(main())


def lab_config(trainer: bool) -> dict:
    """The JupyterLab server settings of a mode: quiet for learners, every tool and the full log for trainers.

    Both modes encrypt the traffic between the server and its kernels (CurveZMQ, which the python3
    kernel declares it supports), so no kernel warns that it is "susceptible to eavesdropping".
    """
    config = {"ServerApp": {"tornado_settings": dict(WEBSOCKET_SETTINGS)}}
    if _kernels_can_be_encrypted():
        config["KernelManager"] = {"transport_encryption": "auto"}
    if not trainer:
        config["LabApp"] = {"log_level": "WARN"}
        config["ServerApp"].update({
            "log_level": "WARN",
            "jpserver_extensions": dict.fromkeys(NBGRADER_SERVER_EXTENSIONS, False),
            "kernel_spec_manager_class": "socialkit.kernelspecs.LearnerKernelSpecManager",
        })
    return config


def _kernels_can_be_encrypted() -> bool:
    """True when the installed jupyter_client can give kernels CurveZMQ keys (``transport_encryption``)."""
    from jupyter_client.manager import KernelManager

    return KernelManager.class_traits().get("transport_encryption") is not None


def write_lab_config(folder: Path, trainer: bool) -> Path:
    """Write a mode's settings in ``folder`` (server settings; for learners, the hidden plugins); return it.

    The folder goes first on ``JUPYTER_CONFIG_PATH``, which Jupyter reads besides the user's own
    config folder (whose settings keep priority): nothing of the user's is changed.
    """
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "jupyter_server_config.json").write_text(json.dumps(lab_config(trainer), indent=2) + "\n",
                                                      encoding="utf-8")
    if not trainer:
        labconfig = folder / "labconfig"
        labconfig.mkdir(exist_ok=True)
        page_config = {"disabledExtensions": dict.fromkeys(LEARNER_HIDDEN_PLUGINS, True)}
        (labconfig / "page_config.json").write_text(json.dumps(page_config, indent=2) + "\n", encoding="utf-8")
    return folder


def learner_environment(config_folder: Path | None = None) -> dict[str, str]:
    """Our environment minus ``MPLBACKEND`` (a test setting like ``Agg`` would leave every chart blank).

    This Python's ``bin/`` folder goes first on ``PATH`` (nbgrader's formgrader runs ``alembic`` by
    name), and ``config_folder``, if given, first on ``JUPYTER_CONFIG_PATH``.
    """
    env = {name: value for name, value in os.environ.items() if name != "MPLBACKEND"}
    env["PATH"] = os.pathsep.join(filter(None, [str(Path(sys.executable).parent), env.get("PATH")]))
    if config_folder is not None:
        env["JUPYTER_CONFIG_PATH"] = os.pathsep.join(filter(None, [str(config_folder), env.get("JUPYTER_CONFIG_PATH")]))
    return env


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


def shut_down(base_url: str, token: str, process: subprocess.Popen, grace: float = 10) -> None:
    """Ask JupyterLab to shut down through its API (quietly, kernels first); if it does not, ``stop`` it."""
    request = urllib.request.Request(f"{base_url}/api/shutdown", data=b"", method="POST",
                                     headers={"Authorization": f"token {token}"})
    try:
        urllib.request.build_opener(urllib.request.ProxyHandler({})).open(request, timeout=5).close()
        process.wait(grace)
    except (OSError, subprocess.TimeoutExpired):
        pass
    stop(process)


def start_command(args) -> int:
    """Launch JupyterLab on the kit (quiet for learners, complete with ``--trainer``) and wait until Ctrl-C."""
    trainer = bool(getattr(args, "trainer", False))
    with tempfile.TemporaryDirectory(prefix="socialkit-lab-") as folder:
        return _serve(args, trainer, write_lab_config(Path(folder), trainer))


def _serve(args, trainer: bool, config_folder: Path) -> int:
    """Start JupyterLab, print its address, and wait until it stops or Ctrl-C (or SIGTERM) stops it."""
    from socialkit.lan import ALL_INTERFACES, shown_host

    root = kit_root()
    ip = getattr(args, "ip", None) or "127.0.0.1"
    if not port_is_free(args.port, "0.0.0.0" if ip in ALL_INTERFACES else ip):
        raise RuntimeError(
            f"port {args.port} is already in use (another Jupyter?). "
            f"Stop it, or choose another port: socialkit start --port {args.port + 1} "
            f"(or make start PORT={args.port + 1})"
        )
    token = secrets.token_hex(16)
    base_url = f"http://{'127.0.0.1' if ip in ALL_INTERFACES else ip}:{args.port}"
    shown_url = f"http://{shown_host(ip)}:{args.port}"
    if os.geteuid() == 0:
        print("Running as root: starting JupyterLab with --allow-root.")
    mode = "for a trainer, with every tool" if trainer else "on the course"
    print(f"Starting JupyterLab {mode} in {root} …", flush=True)
    process = subprocess.Popen(
        lab_command(root, args.port, token, open_browser=not args.no_browser, trainer=trainer, ip=ip),
        cwd=root,
        env=learner_environment(config_folder),
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
        print(f"\nThe course is ready. Open this address in your browser:\n\n    {shown_url}/lab/tree/{start_page}?token={token}\n")
        if ip not in ("127.0.0.1", "localhost"):
            print("Anyone on the network with this address can open the course and run code on this computer: "
                  "share it with the room only. Everyone works in the same folders, so each learner saves the "
                  "exercise under their own name first (File › Save Notebook As…, e.g. 01_listen_anna.ipynb).\n")
        print("Press Ctrl-C here to stop.", flush=True)
        process.wait()
        if process.returncode not in (0, -signal.SIGTERM):
            print(f"JupyterLab stopped unexpectedly (exit code {process.returncode}).")
            return 1
        return 0
    except KeyboardInterrupt:
        print("\nStopping JupyterLab …", flush=True)
        shut_down(base_url, token, process)
        print("Stopped. Your notebooks are saved where you left them.")
        return 0


if __name__ == "__main__":
    run_quiet_lab(sys.argv[1:])
