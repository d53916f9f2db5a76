"""End to end in headless Chromium: module 01's dashboard in JupyterLab, then under `socialkit present`."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import kit
from browser_support import (
    chromium_browser, close_in_app, free_port, isolated_jupyter_env, load_lab, open_and_run_all, port_is_free,
    stop_process, wait_for_http, wait_for_new_chart,
)
from socialkit.workshop.decks import READY_PATH

# One worker runs this file: its tests share one Chromium and one JupyterLab page (module fixtures).
pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.xdist_group("file:test_browser")]

REPO = Path(__file__).resolve().parent.parent
KIT = Path(os.environ.get("SOCIALKIT_ROOT", REPO)).resolve()
MODULE = "01_listen"
LESSON = KIT / "course" / MODULE / f"{MODULE}.ipynb"
SCREENSHOTS = REPO / "test-output" / "browser"
THRESHOLD_SLIDER = '.widget-slider:has-text("Alert at z")'
SUMMARY = '.widget-html:has-text("Rule:"), .widget-html:has-text("No alert")'

def dashboard_state(page) -> tuple[str, str]:
    """What the dashboard shows now: its summary sentence and its chart image (the PNG data URL)."""
    summary = page.locator(SUMMARY).first.inner_text()
    chart = page.locator(".widget-output img").first.get_attribute("src")
    return summary, chart


def raise_threshold(page, steps: int = 10) -> None:
    """Move the 'Alert at z ≥' slider right by ``steps`` with the keyboard, as a user would."""
    handle = page.locator(f"{THRESHOLD_SLIDER} .noUi-handle").first
    handle.focus()
    for _ in range(steps):
        handle.press("ArrowRight")


def assert_control_changes_output(page) -> None:
    """Raising the threshold from 2.0 to 3.0 changes the summary's rule and redraws the chart."""
    page.locator(f"{THRESHOLD_SLIDER} .noUi-handle").first.wait_for(state="visible", timeout=120_000)
    page.locator(".widget-output img").first.wait_for(state="visible", timeout=60_000)
    summary_before, chart_before = dashboard_state(page)
    assert "2.0 standard deviations" in summary_before or "No alert" in summary_before
    raise_threshold(page)
    page.locator('.widget-html:has-text("3.0 standard deviations")').first.wait_for(timeout=30_000)
    page.wait_for_function(
        "before => { const img = document.querySelector('.widget-output img');"
        " return img && img.getAttribute('src') !== before; }",
        arg=chart_before, timeout=30_000)
    summary_after, chart_after = dashboard_state(page)
    assert summary_after != summary_before
    assert chart_after != chart_before and chart_after.startswith("data:image/png")


DASHBOARD_MODULES = [m for m in kit.available_modules() if m.dashboards]


def move_one_control(page, scope: str) -> None:
    """Change one control of the dashboard in ``scope`` as a user would: a toggle, a box or a list."""
    toggles = page.locator(f"{scope} .widget-toggle-buttons button")
    if toggles.count() > 1:
        toggles.nth(1).click()
        return
    boxes = page.locator(f"{scope} .widget-checkbox input")
    if boxes.count():
        boxes.first.click()
        return
    lists = page.locator(f"{scope} .widget-dropdown select")
    if lists.count():
        values = lists.first.locator("option").evaluate_all("options => options.map(o => o.value)")
        lists.first.select_option(values[1])
        return
    raise AssertionError("the dashboard has no toggle, box or list to move")


@pytest.fixture(scope="module")
def chromium():
    """One headless Chromium for this file's tests, each with pages of its own."""
    with chromium_browser() as browser:
        yield browser


@pytest.fixture(scope="module")
def lab_page(lab, chromium):
    """JupyterLab loaded once in a page: each lesson opens in it as a learner's next notebook (no reload)."""
    url, token = lab
    page = chromium.new_page(viewport={"width": 1400, "height": 1000})
    load_lab(page, url, token)
    yield page
    page.close()


@pytest.mark.parametrize("module", DASHBOARD_MODULES, ids=kit.module_ids(DASHBOARD_MODULES))
def test_every_lesson_dashboard_answers_and_resets_in_jupyterlab(module, lab, lab_page):
    """JupyterLab runs the lesson's setup and dashboard cells (module 01's lesson: Run All, as a learner does; every
    lesson runs whole in a kernel in test_module_contract); each dashboard renders, redraws when a control moves,
    and Reset restores it."""
    url, token = lab
    page = lab_page
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    only = () if module.slug == MODULE else ("setup", "dashboard")
    open_and_run_all(page, url, token, f"course/{module.slug}/{module.slug}.ipynb", loaded=True, only=only)
    try:
        check_every_dashboard(page, module)
    finally:
        close_in_app(page)


def check_every_dashboard(page, module) -> None:
    """Each dashboard of the lesson renders, redraws when a control moves, and Reset restores it."""
    boards = page.locator(".socialkit-dashboard")
    boards.nth(len(module.dashboards) - 1).wait_for(state="attached", timeout=180_000)
    for index in range(len(module.dashboards)):
        board = boards.nth(index)
        board.scroll_into_view_if_needed()
        board.locator(".widget-output img").first.wait_for(state="visible", timeout=60_000)
        css = f"[data-socialkit-test='{index}']"
        board.evaluate("(el, i) => el.setAttribute('data-socialkit-test', i)", str(index))
        before = board.locator(".widget-output img").first.get_attribute("src")
        move_one_control(page, css)
        changed = wait_for_new_chart(page, css, before)
        assert changed != before and changed.startswith("data:image/png")
        board.locator("button", has_text="Reset").first.click()
        wait_for_new_chart(page, css, changed)
        assert board.locator(".widget-output img").first.get_attribute("src") == before, "Reset restores the view"
        page.screenshot(path=str(SCREENSHOTS / f"lab-{module.slug}-{index}.png"))


def test_dashboard_under_socialkit_present(tmp_path, chromium):
    """`socialkit present 01_listen` serves the dashboard code-free; the slider changes it; Ctrl-C stops it."""
    port = free_port()
    private_tmp = tmp_path / "tmp"  # the command's own TMPDIR, so we can see what it leaves behind
    private_tmp.mkdir()
    env = isolated_jupyter_env(tmp_path, SOCIALKIT_ROOT=str(KIT), TMPDIR=str(private_tmp))
    command = [sys.executable, "-m", "socialkit.cli", "present", MODULE, "--port", str(port), "--no-browser"]
    log = tmp_path / "present.log"
    with open(log, "wb") as out:
        process = subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    try:
        wait_for_http(url + READY_PATH, process, timeout=90)  # the deck itself would start a kernel
        page = chromium.new_page(viewport={"width": 1400, "height": 1000})
        page.goto(url)
        assert_control_changes_output(page)
        content = page.content()
        assert "data.load(" not in content and "listen_dashboard(" not in content  # code hidden
        page.screenshot(path=str(SCREENSHOTS / f"voila-{MODULE}.png"), full_page=True)
    finally:
        code = stop_process(process, signal.SIGINT)
    printed = log.read_text(errors="replace")
    assert f"Presenting {MODULE} at {url}" in printed
    assert code == 0, printed
    deadline = time.monotonic() + 10
    while not port_is_free(port) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert port_is_free(port), "Voilà still listens after Ctrl-C"
    assert list(private_tmp.iterdir()) == [], "temporary files left behind"
