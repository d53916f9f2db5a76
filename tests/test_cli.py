"""The `socialkit` command line: help, version, clear errors, and `start` really serving JupyterLab."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

import socialkit

ROOT = Path(__file__).resolve().parents[1]
SOCIALKIT = [sys.executable, "-m", "socialkit.cli"]


def run(*args: str, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([*SOCIALKIT, *args], capture_output=True, text=True, timeout=120, **kw)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def isolated_jupyter_env(tmp_path: Path) -> dict[str, str]:
    env = dict(os.environ, MPLBACKEND="Agg")  # as under `make test`; JupyterLab must not inherit it
    for name in ("JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR", "JUPYTER_RUNTIME_DIR", "IPYTHONDIR"):
        folder = tmp_path / name.lower()
        folder.mkdir()
        env[name] = str(folder)
    return env


def test_help_lists_every_subcommand():
    result = run("--help")
    assert result.returncode == 0
    for command in ("start", "data", "build", "bundle", "present", "grade", "report"):
        assert command in result.stdout


def test_version():
    result = run("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"socialkit {socialkit.__version__}"


def test_unknown_module_is_refused_with_the_list():
    result = run("present", "99_nothing")
    assert result.returncode == 2
    assert "01_listen" in result.stderr


def test_an_unusable_folder_is_one_plain_sentence_not_a_traceback(tmp_path):
    a_file = tmp_path / "notes.txt"
    a_file.write_text("not a folder")
    result = run("grade", "01_listen", "--workspace", str(a_file / "cohort"), "--no-sandbox")
    assert result.returncode == 2
    assert result.stderr.startswith("socialkit grade: ") and "Traceback" not in result.stderr
    assert "notes.txt" in result.stderr


def test_start_refuses_a_busy_port_and_says_what_to_do():
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = run("start", "--no-browser", "--port", str(port))
    assert result.returncode == 2
    assert f"port {port} is already in use" in result.stderr
    assert f"--port {port + 1}" in result.stderr
    assert f"make start PORT={port + 1}" in result.stderr


@pytest.mark.slow
def test_start_serves_jupyterlab_and_stops_on_ctrl_c(tmp_path):
    port = free_port()
    process = subprocess.Popen(
        [*SOCIALKIT, "start", "--no-browser", "--port", str(port)],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        env=isolated_jupyter_env(tmp_path), cwd=ROOT,
        # started the way a script's `make start &` starts it: with Ctrl-C (SIGINT) ignored
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_IGN),
    )
    try:
        lines = []
        deadline = time.monotonic() + 90
        url = None
        while time.monotonic() < deadline and url is None:
            line = process.stdout.readline()
            if not line:
                break
            lines.append(line)
            match = re.search(rf"(http://127\.0\.0\.1:{port}/lab/tree/\S*\?token=(\w+))", line)
            if match:
                url, token = match.groups()
        assert url, "no address printed:\n" + "".join(lines)
        if os.geteuid() == 0:
            assert any("--allow-root" in line for line in lines)
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}/api/status", headers={"Authorization": f"token {token}"}
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            status = json.load(response)
        assert "started" in status
        with urllib.request.urlopen(url, timeout=10) as response:
            assert "JupyterLab" in response.read().decode()
        # Charts in the lessons would be blank if the kernel inherited a non-interactive backend.
        children = Path(f"/proc/{process.pid}/task/{process.pid}/children").read_text().split()
        assert children, "socialkit start has no JupyterLab child process"
        lab_env = Path(f"/proc/{children[0]}/environ").read_bytes().split(b"\0")
        assert not any(item.startswith(b"MPLBACKEND=") for item in lab_env)

        process.send_signal(signal.SIGINT)
        rest, _ = process.communicate(timeout=30)
        assert process.returncode == 0, rest
        assert "Stopped." in rest
        with pytest.raises(OSError):
            urllib.request.urlopen(f"http://127.0.0.1:{port}/api/status", timeout=3)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def test_waiting_for_jupyterlab_asks_127_0_0_1_directly_not_through_an_http_proxy(monkeypatch):
    """Behind a company proxy (http_proxy set, no no_proxy) the readiness poll, and its token, must not go to it."""
    import http.server
    import threading

    from socialkit.server import wait_until_ready

    class Status(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - the name http.server calls
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Status)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    for name in ("no_proxy", "NO_PROXY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("http_proxy", "http://127.0.0.1:9")  # nothing listens there
    try:
        assert wait_until_ready(f"http://127.0.0.1:{server.server_port}", "secret", child, seconds=5)
    finally:
        child.kill()
        child.wait()
        server.shutdown()
        server.server_close()
