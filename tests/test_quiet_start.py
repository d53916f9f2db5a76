"""`socialkit start` for real: a quiet screen for learners, every tool for trainers (``--trainer``).

Each test starts the real command on 127.0.0.1 with isolated Jupyter folders, reads the page
config JupyterLab sends to the browser, starts a kernel through the REST API, runs code in it over
the kernel's websocket, and reads everything the command printed in the terminal.
"""

from __future__ import annotations

import contextlib
import json
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import pytest

from browser_support import free_port, isolated_jupyter_env, stop_process
from socialkit import server

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
# Lines the cold read found in the learner's terminal (and their kin), none of which a learner should see.
NOISE = (
    "without encryption", "eavesdropping", "DeprecationWarning", "ServerApp.token",
    "websocket_ping_timeout", "No nbgrader_config.py", "Traceback", "[W ", "[E ", "[C ",
)
DIRECT = urllib.request.build_opener(urllib.request.ProxyHandler({}))


class Lab:
    """A running ``socialkit start``: its address, token, and what it printed so far."""

    def __init__(self, process: subprocess.Popen, port: int):
        self.process, self.port = process, port
        self.lines: list[str] = []
        self.token = ""
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.process.stdout:
            self.lines.append(line)

    @property
    def printed(self) -> str:
        return "".join(self.lines)

    def wait_for_address(self, seconds: float = 120) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline and self.process.poll() is None:
            match = re.search(rf"http://127\.0\.0\.1:{self.port}/lab/tree/\S*\?token=(\w+)", self.printed)
            if match:
                self.token = match.group(1)
                return
            time.sleep(0.2)
        raise AssertionError("no address printed:\n" + self.printed)

    def request(self, path: str, data: dict | None = None, method: str | None = None):
        body = json.dumps(data).encode() if data is not None else None
        request = urllib.request.Request(f"http://127.0.0.1:{self.port}{path}", data=body, method=method,
                                         headers={"Authorization": f"token {self.token}"})
        return DIRECT.open(request, timeout=30)

    def page_config(self) -> dict:
        """The settings JupyterLab's page hands to the browser (the ``jupyter-config-data`` script)."""
        html = self.request("/lab").read().decode()
        found = re.search(r'<script id="jupyter-config-data" type="application/json">(.*?)</script>', html, re.S)
        return json.loads(found.group(1))

    def status_of(self, path: str) -> int:
        try:
            return self.request(path).status
        except urllib.error.HTTPError as error:
            return error.code

    def run_in_new_kernel(self, *codes: str) -> list[dict]:
        """Start a python3 kernel over REST, run each code over its websocket; the error (or None) of each."""
        import websocket

        kernel = json.load(self.request("/api/kernels", data={"name": "python3"}, method="POST"))
        channel = websocket.create_connection(
            f"ws://127.0.0.1:{self.port}/api/kernels/{kernel['id']}/channels?session_id={uuid.uuid4().hex}"
            f"&token={self.token}", timeout=60, http_proxy_host=None)
        results = []
        try:
            for code in codes:
                msg_id = uuid.uuid4().hex
                channel.send(json.dumps({
                    "header": {"msg_id": msg_id, "msg_type": "execute_request", "session": uuid.uuid4().hex,
                               "username": "learner", "version": "5.3", "date": ""},
                    "parent_header": {}, "metadata": {}, "channel": "shell",
                    "content": {"code": code, "silent": False, "store_history": True, "user_expressions": {},
                                "allow_stdin": False},
                }))
                error, stderr, replied, idle = None, "", False, False
                # The reply (shell channel) may overtake the outputs (iopub): wait for both the reply
                # and the kernel's "idle" after this request, which comes after all its outputs.
                while not (replied and idle):
                    message = json.loads(channel.recv())
                    if message.get("parent_header", {}).get("msg_id") != msg_id:
                        continue
                    if message["msg_type"] == "error":
                        error = message["content"]
                    if message["msg_type"] == "stream" and message["content"]["name"] == "stderr":
                        stderr += message["content"]["text"]
                    replied = replied or message["msg_type"] == "execute_reply"
                    idle = idle or (message["msg_type"] == "status"
                                    and message["content"]["execution_state"] == "idle")
                results.append({"error": error, "stderr": stderr})
        finally:
            channel.close()
            self.request(f"/api/kernels/{kernel['id']}", method="DELETE")
        return results


@contextlib.contextmanager
def socialkit_start(tmp_path: Path, *options: str):
    """``socialkit start --no-browser`` on a copy of module 00's lesson, with isolated Jupyter folders."""
    kit = tmp_path / "kit"
    lesson = kit / server.FIRST_NOTEBOOK
    lesson.parent.mkdir(parents=True)
    shutil.copy2(ROOT / server.FIRST_NOTEBOOK, lesson)
    env = isolated_jupyter_env(tmp_path / "jupyter", SOCIALKIT_ROOT=str(kit))
    (Path(env["JUPYTER_CONFIG_DIR"]) / "labconfig" / "page_config.json").unlink()  # the user's folder, empty
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "socialkit.cli", "start", "--no-browser", "--port", str(port), *options],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env, cwd=kit,
    )
    lab = Lab(process, port)
    try:
        lab.wait_for_address()
        yield lab, Path(env["JUPYTER_CONFIG_DIR"])
    finally:
        stop_process(process, signal.SIGINT, timeout=30)
        deadline = time.monotonic() + 5
        while "Stopped." not in lab.printed and time.monotonic() < deadline:
            time.sleep(0.1)


def nbgrader_plugin_ids() -> set[str]:
    """Every plugin id the installed nbgrader JupyterLab extension declares."""
    folder = Path(sys.prefix) / "share" / "jupyter" / "labextensions" / "@jupyter" / "nbgrader" / "static"
    ids = set()
    for script in folder.glob("*.js"):
        ids.update(re.findall(r'"(@jupyter/nbgrader:[a-z-]+)"', script.read_text(errors="ignore")))
    return ids


def test_learners_get_a_quiet_screen(tmp_path):
    with socialkit_start(tmp_path) as (lab, user_config):
        disabled = set(lab.page_config()["disabledExtensions"])
        assert server.ANNOUNCEMENTS_PLUGIN in disabled
        assert nbgrader_plugin_ids() and nbgrader_plugin_ids() <= disabled
        assert lab.status_of("/formgrader") == 404  # nbgrader's server side is off too
        skipped_setup, real_bug = lab.run_in_new_kernel('check("01_listen.q1", 55.0)', "share = 10 / 0")
    printed = lab.printed
    # the slips handler is there before any setup cell: one plain line, still an error, nothing on stderr
    assert skipped_setup["error"]["ename"] == "NameError"
    assert skipped_setup["error"]["traceback"] == [server_line := skipped_setup["error"]["traceback"][0]]
    assert server_line.startswith("check is not defined yet: run the setup cell at the top of the notebook first")
    assert skipped_setup["stderr"] == ""
    assert len(real_bug["error"]["traceback"]) > 1  # anything else keeps its traceback
    # the terminal: our own sentences only
    assert "The course is ready" in printed and "Stopped. Your notebooks are saved" in printed
    ours = "".join(line for line in lab.lines if "GET /formgrader" not in line)  # the 404 this test asked for
    assert [noise for noise in NOISE if noise in ours] == [], printed
    assert "[I " not in printed, printed
    # and nothing of ours was written to the user's own Jupyter config folder (Jupyter marks it "migrated")
    assert [p.name for p in user_config.rglob("*") if p.is_file() and p.name != "migrated"] == []


def test_trainers_get_every_tool_and_the_full_log(tmp_path):
    with socialkit_start(tmp_path, "--trainer") as (lab, _):
        disabled = set(lab.page_config()["disabledExtensions"])
        assert not (nbgrader_plugin_ids() | {server.ANNOUNCEMENTS_PLUGIN}) & disabled
        assert lab.status_of("/formgrader") == 200
        (skipped_setup,) = lab.run_in_new_kernel('check("01_listen.q1", 55.0)')
    printed = lab.printed
    assert "for a trainer, with every tool" in printed
    assert "Jupyter Server" in printed and "[I " in printed  # the server's usual log
    assert len(skipped_setup["error"]["traceback"]) > 1  # no plain words before the setup cell
    # kernel traffic is encrypted and the websocket settings agree in both modes
    assert "without encryption" not in printed and "websocket_ping_timeout" not in printed, printed


SCREENSHOTS = ROOT / "test-output" / "browser"


def open_lab(page, lab: Lab) -> None:
    """Open the printed address in Chromium and wait until module 00's kernel is idle."""
    page.goto(f"http://127.0.0.1:{lab.port}/lab/tree/{server.FIRST_NOTEBOOK.as_posix()}?token={lab.token}")
    page.locator(".jp-StatusBar-TextItem", has_text="Python 3 (ipykernel) | Idle").first.wait_for(timeout=120_000)


def menu_labels(page) -> list[str]:
    return [label.strip() for label in page.locator(".lm-MenuBar-itemLabel").all_inner_texts()]


@pytest.mark.browser
def test_the_learners_screen_in_chromium(tmp_path):
    """No Nbgrader menu, no news pop-up, and a slip typed in a new cell answers in one red line."""
    from browser_support import chromium_page

    if not Path("/usr/bin/chromium").exists():
        pytest.fail("/usr/bin/chromium is missing: run `make system-deps` (apt-get install chromium).")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    shot = SCREENSHOTS / "learner-start.png"
    with socialkit_start(tmp_path / "learner") as (lab, _), chromium_page(viewport=(1280, 800)) as page:
        open_lab(page, lab)
        assert "Run" in menu_labels(page) and "Nbgrader" not in menu_labels(page)
        assert page.get_by_text("official Jupyter news").count() == 0
        page.locator(".jp-Notebook .jp-Cell").first.click()
        page.keyboard.press("Escape")
        page.keyboard.press("b")  # a new cell under the first one, as the lesson teaches
        page.keyboard.press("Enter")
        page.keyboard.type('mentions["brand"].value_counts()')
        page.keyboard.press("Shift+Enter")
        red = page.locator('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]')
        red.first.wait_for(timeout=60_000)
        assert red.first.inner_text().strip().startswith("mentions is not defined yet: run the setup cell")
        page.wait_for_timeout(1500)  # let a pop-up, if any, appear before the picture
        assert page.get_by_text("official Jupyter news").count() == 0
        page.screenshot(path=str(shot))
    assert shot.stat().st_size > 20_000  # a real rendered page, not a blank one
    assert shot.read_bytes()[16:24] == (1280).to_bytes(4, "big") + (800).to_bytes(4, "big")  # PNG width, height


@pytest.mark.browser
def test_the_trainers_screen_has_the_nbgrader_menu(tmp_path):
    from browser_support import chromium_page

    with socialkit_start(tmp_path / "trainer", "--trainer") as (lab, _), chromium_page() as page:
        open_lab(page, lab)
        page.locator(".lm-MenuBar-itemLabel", has_text="Nbgrader").first.wait_for(timeout=30_000)
