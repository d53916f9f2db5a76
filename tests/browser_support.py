"""Helpers for the end-to-end tests: free ports, isolated Jupyter folders, servers started and stopped."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from socialkit.server import port_is_free  # noqa: F401  (re-exported for the tests)

VENV_BIN = Path(sys.executable).parent
CHROMIUM = "/usr/bin/chromium"
# The launch arguments measured to work on these machines (see FACTS.md, "Browser").
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
ANNOUNCEMENTS_PLUGIN = "@jupyterlab/apputils-extension:announcements"


def free_port() -> int:
    """A TCP port on 127.0.0.1 that the OS says is free right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def isolated_jupyter_env(base: Path, **extra: str) -> dict[str, str]:
    """Environment variables giving Jupyter its own config, data, runtime and IPython folders under ``base``.

    The JupyterLab news pop-up is disabled so that it never covers a screenshot.
    """
    env = dict(os.environ)
    env.update({
        "JUPYTER_CONFIG_DIR": str(base / "jupyter-config"),
        "JUPYTER_DATA_DIR": str(base / "jupyter-data"),
        "JUPYTER_RUNTIME_DIR": str(base / "jupyter-runtime"),
        "IPYTHONDIR": str(base / "ipython"),
        "PATH": f"{VENV_BIN}{os.pathsep}{env.get('PATH', '')}",
    })
    env.pop("MPLBACKEND", None)  # charts must render inline in the browser
    env.update(extra)
    for key in ("JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR", "JUPYTER_RUNTIME_DIR", "IPYTHONDIR"):
        Path(env[key]).mkdir(parents=True, exist_ok=True)
    labconfig = Path(env["JUPYTER_CONFIG_DIR"]) / "labconfig"
    labconfig.mkdir(exist_ok=True)
    (labconfig / "page_config.json").write_text(
        '{"disabledExtensions": {"%s": true}}\n' % ANNOUNCEMENTS_PLUGIN)
    return env


def wait_for_http(url: str, process: subprocess.Popen, timeout: float = 60) -> None:
    """Block until ``url`` answers (any HTTP status), failing early if ``process`` exits."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with code {process.returncode} before answering {url}")
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except urllib.error.HTTPError:
            return
        except (urllib.error.URLError, OSError):
            time.sleep(0.3)
    raise RuntimeError(f"no answer from {url} within {timeout} s")


def stop_process(process: subprocess.Popen, sig: int = signal.SIGTERM, timeout: float = 20) -> int:
    """Send ``sig`` to ``process`` (only that one), wait, and kill it if it has not stopped; returns its exit code."""
    if process.poll() is None:
        process.send_signal(sig)
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    return process.returncode


@contextlib.contextmanager
def jupyter_lab(root_dir: Path, base: Path, env_extra: dict[str, str] | None = None):
    """Run JupyterLab on ``root_dir`` (as root, no browser, 127.0.0.1, a token) and yield (base_url, token)."""
    port, token = free_port(), "socialkit-test-token"
    env = isolated_jupyter_env(base, **(env_extra or {}))
    log = open(base / "jupyterlab.log", "wb")
    process = subprocess.Popen(
        [str(VENV_BIN / "jupyter"), "lab", "--allow-root", "--no-browser", "--ip", "127.0.0.1",
         "--port", str(port), f"--ServerApp.token={token}", f"--ServerApp.root_dir={root_dir}",
         "--ServerApp.port_retries=0", "--LabApp.expose_app_in_browser=True"],  # window.jupyterapp: open_in_app
        env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}/"
    try:
        wait_for_http(url + f"api/status?token={token}", process, timeout=90)
        yield url, token
    finally:
        stop_process(process)
        log.close()


@contextlib.contextmanager
def chromium_browser():
    """Debian's headless Chromium driven by Playwright (never `playwright install`), closed afterwards.

    While it is open, Playwright's sync API keeps an event loop running in the thread: code that runs
    asyncio itself (the grader) must not run until it is closed.
    """
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@contextlib.contextmanager
def chromium_page(viewport=(1400, 1000)):
    """A page of its own in a headless Chromium started for it."""
    with chromium_browser() as browser:
        yield browser.new_page(viewport={"width": viewport[0], "height": viewport[1]})


def load_lab(page, url: str, token: str, path: str = "") -> None:
    """Load JupyterLab in ``page`` (at ``path``, if given) in a workspace of its own.

    A workspace of its own: one JupyterLab serves many tests, and must not reopen another test's tabs.
    """
    import uuid

    tree = f"/tree/{path}" if path else ""
    page.goto(f"{url}lab/workspaces/t{uuid.uuid4().hex[:12]}{tree}?token={token}")


def open_in_app(page, path: str) -> None:
    """Open a notebook in the JupyterLab already loaded in ``page``, without reloading the page (about 5 s saved).

    Needs ``window.jupyterapp`` (``--LabApp.expose_app_in_browser``, as ``jupyter_lab`` starts it).
    """
    page.wait_for_function("() => window.jupyterapp && window.jupyterapp.restored", timeout=120_000)
    page.evaluate("async path => { await window.jupyterapp.restored;"
                  " await window.jupyterapp.commands.execute('docmanager:open', {path, factory: 'Notebook'}); }", path)
    page.wait_for_function("path => window.jupyterapp.shell.currentWidget?.context?.path === path", arg=path,
                           timeout=60_000)


def run_tagged_cells(page, tags: tuple[str, ...]) -> int:
    """Run, in order, the code cells of the notebook in front that carry one of ``tags`` (each waited for), as a
    learner running those cells with Shift+Enter would; the number of cells run."""
    return page.evaluate("""async tags => {
        const app = window.jupyterapp, notebook = app.shell.currentWidget.content;
        const chosen = notebook.widgets.map((cell, index) => [cell, index]).filter(([cell]) =>
            cell.model.type === 'code' && (cell.model.getMetadata('tags') || []).some(tag => tags.includes(tag)));
        for (const [, index] of chosen) {
            notebook.activeCellIndex = index;
            await app.commands.execute('notebook:run-cell');
        }
        return chosen.length;
    }""", list(tags))


def close_in_app(page) -> None:
    """Close the notebook in front, unsaved, and shut its kernel down (the next test opens its own)."""
    page.evaluate("""async () => {
        const widget = window.jupyterapp.shell.currentWidget;
        if (!widget?.sessionContext) return;  // no notebook opened (the test failed before)
        widget.context.model.dirty = false;
        await widget.sessionContext.shutdown();
        widget.dispose();
    }""")


def open_and_run_all(page, url: str, token: str, path: str, loaded: bool = False, only: tuple[str, ...] = ()) -> None:
    """Open a notebook in JupyterLab (``loaded``: in the JupyterLab already in the page), wait until its kernel is
    really idle, then Run → Run All Cells (``only``: run just the cells with these tags instead).

    Waiting for the status bar text matters: Run All before the kernel's websocket is open
    silently skips every cell (see shared/FACTS.md).
    """
    import re

    if loaded:
        open_in_app(page, path)
    else:
        load_lab(page, url, token, path)
    select = page.locator(".jp-Dialog button", has_text="Select")
    idle = page.locator(".jp-StatusBar-TextItem", has_text="Python 3 (ipykernel) | Idle").first
    idle.or_(select).first.wait_for(timeout=120_000)
    if select.count():  # "Select Kernel" when JupyterLab cannot decide alone: the notebook's own kernel
        select.first.click()
    idle.wait_for(timeout=120_000)
    if loaded:  # the status bar may still show the closed notebook's kernel for a moment: ask this one's
        page.wait_for_function("""() => { const kernel = window.jupyterapp.shell.currentWidget.sessionContext
            .session?.kernel; return kernel?.connectionStatus === 'connected' && kernel.status === 'idle'; }""",
                               timeout=120_000)
    if only:
        assert run_tagged_cells(page, only), f"no cell tagged {only} in {path}"
        return
    page.locator(".lm-MenuBar-itemLabel").filter(has_text=re.compile(r"^Run$")).click()
    page.locator(".lm-Menu-itemLabel").filter(has_text=re.compile(r"^Run All Cells$")).click()


def wait_for_new_chart(page, scope, before: str, timeout: int = 30_000) -> str:
    """Wait until the first chart image inside ``scope`` (a CSS selector) differs from ``before``; return it."""
    page.wait_for_function(
        "([scope, before]) => { const img = document.querySelector(scope + ' .widget-output img');"
        " return img && img.getAttribute('src') !== before; }",
        arg=[scope, before], timeout=timeout)
    return page.locator(f"{scope} .widget-output img").first.get_attribute("src")
