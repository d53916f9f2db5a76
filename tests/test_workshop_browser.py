"""Workshop delivery in headless Chromium at a projector's 1280×720, with every request to another machine blocked
and counted (the tests fail on any): the lesson as slides (`socialkit present --slides`), every dashboard in
projector mode. Screenshots are kept in test-output/workshop/.
"""

from __future__ import annotations

import contextlib
import signal
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

import pytest

import kit
from browser_support import free_port, isolated_jupyter_env, stop_process, wait_for_http, wait_for_new_chart
from socialkit.workshop.decks import READY_PATH

pytestmark = [pytest.mark.browser, pytest.mark.slow]

REPO = Path(__file__).resolve().parent.parent
SCREENSHOTS = REPO / "test-output" / "workshop"
SCREEN = (1280, 720)
DASHBOARD_MODULES = [m for m in kit.available_modules() if m.dashboards]
# What a page for the room must not show: the trainer's time estimate and pointers to the guide.
META_TEXT = ("⏱️", "Estimated time", "facilitator guide", "Shift + Enter")


@contextlib.contextmanager
def projector_page():
    """A 1280×720 page in headless Chromium whose requests to any host but 127.0.0.1 are refused and listed."""
    from browser_support import chromium_page

    with chromium_page(viewport=SCREEN) as page:
        outside: list[str] = []

        def route(request_route):
            url = request_route.request.url
            if url.startswith(("data:", "blob:")) or urlparse(url).hostname == "127.0.0.1":
                request_route.continue_()
            else:
                outside.append(url)
                request_route.abort()

        page.route("**/*", route)
        yield page, outside


def check_screenshot(path: Path) -> None:
    """The screenshot is a 1280×720 PNG with something drawn on it (not one flat colour)."""
    from PIL import Image

    with Image.open(path) as image:
        assert image.size == SCREEN
        colours = image.convert("RGB").getcolors(maxcolors=1_000_000)
    assert colours is not None and len(colours) > 50, f"{path.name} looks blank"


def box(locator) -> dict:
    """The element's bounding box in CSS pixels of the viewport."""
    found = locator.bounding_box()
    assert found is not None, "the element is not displayed"
    return found


def smallest_font_px(page, selector: str) -> float:
    """The smallest computed font size of any visible element with its own text inside ``selector``."""
    return page.evaluate(
        """selector => {
            let smallest = Infinity;
            for (const root of document.querySelectorAll(selector)) {
              for (const el of [root, ...root.querySelectorAll('*')]) {
                const own = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
                const rect = el.getBoundingClientRect();
                if (own && rect.width > 0 && rect.height > 0) {
                  smallest = Math.min(smallest, parseFloat(getComputedStyle(el).fontSize));
                }
              }
            }
            return smallest;
        }""", selector)


# --------------------------------------------------------------------------- projector mode: one Voilà for every deck


@pytest.fixture(scope="session")
def projector_decks(tmp_path_factory):
    """One Voilà serving the projector deck of every module with a dashboard at /voila/render/<slug>.ipynb."""
    import nbformat

    from socialkit.notebooks import read_notebook
    from socialkit.present import voila_command
    from socialkit.workshop import decks

    base = tmp_path_factory.mktemp("projector")
    folder = base / "decks"
    folder.mkdir()
    for module in DASHBOARD_MODULES:
        deck = decks.dashboard_deck(read_notebook(module.lesson(kit.ROOT)))
        nbformat.write(deck, str(folder / f"{module.slug}.ipynb"))
    port = free_port()
    env = decks.voila_env(isolated_jupyter_env(base, SOCIALKIT_ROOT=str(kit.ROOT)))
    with open(base / "voila.log", "wb") as log:
        process = subprocess.Popen(voila_command(folder, port), cwd=folder, env=env, stdout=log,
                                   stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{port}/"
    try:
        wait_for_http(url + READY_PATH, process, timeout=90)  # the deck itself would start a kernel
        yield url
    finally:
        stop_process(process)


@pytest.mark.parametrize("module", DASHBOARD_MODULES, ids=kit.module_ids(DASHBOARD_MODULES))
def test_projector_mode_shows_controls_and_chart_on_the_first_screen_in_large_text(module, projector_decks):
    """At 1280×720 the first dashboard's controls and chart are on screen unscrolled, its text ≥ 18 px, the chart
    at its natural size (its own text ≥ 18 px: test_projector.py), no meta text, nothing fetched from outside;
    every dashboard of the deck runs in Voilà (the deck needs no cell it leaves out)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with projector_page() as (page, outside):
        page.goto(f"{projector_decks}voila/render/{module.slug}.ipynb", wait_until="commit", timeout=180_000)
        board = page.locator(".socialkit-dashboard").first
        chart = board.locator(".widget-output img").first
        chart.wait_for(state="visible", timeout=120_000)
        page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=chart.element_handle())
        assert page.evaluate("window.scrollY") == 0
        controls = box(board.locator(".socialkit-controls").first)
        image = box(chart)
        for name, part in (("controls", controls), ("chart", image)):
            assert part["x"] >= 0 and part["y"] >= 0, f"{name} starts off screen"
            assert part["x"] + part["width"] <= SCREEN[0] and part["y"] + part["height"] <= SCREEN[1], \
                f"{name} ends below or right of the first screen: {part}"
        assert image["x"] >= controls["x"] + controls["width"] - 1, "the chart sits beside the controls"
        natural = chart.evaluate("img => img.naturalWidth")
        assert abs(image["width"] - natural) <= 1, "the chart is shown at its natural size (not shrunk)"
        assert smallest_font_px(page, ".socialkit-dashboard") >= 18
        shown = page.locator("body").inner_text()
        assert not [meta for meta in META_TEXT if meta in shown], "meta text meant for the trainer is on screen"
        assert "data.load(" not in page.content(), "code is hidden"
        last = page.locator(".socialkit-dashboard").nth(len(module.dashboards) - 1)
        last.locator(".widget-output img").first.wait_for(state="attached", timeout=120_000)  # every dashboard ran
        shot = SCREENSHOTS / f"projector-{module.slug}.png"
        page.screenshot(path=str(shot))
        check_screenshot(shot)
        assert outside == [], f"requests to other machines: {outside}"


# --------------------------------------------------------------------------- the lesson as slides, the real command


def slide_with(page, selector: str) -> str:
    """The reveal.js address ``#/h/v`` of the first slide holding ``selector``."""
    return page.evaluate(
        """selector => {
            const target = document.querySelector(selector).closest('section');
            const slides = [...document.querySelectorAll('.reveal .slides > section')];
            const h = slides.findIndex(s => s === target || s.contains(target));
            const stack = [...slides[h].querySelectorAll(':scope > section')];
            const v = stack.findIndex(s => s === target || s.contains(target));
            return '#/' + h + '/' + Math.max(v, 0);
        }""", selector)


def test_slides_show_the_lesson_code_hidden_with_large_charts_and_a_live_dashboard(tmp_path):
    """`socialkit present 01_listen --slides`: one slide per section, a chart ≥ 1,000 px wide on its slide, the
    dashboard answers a control, no code, no meta text, nothing from outside the machine; Ctrl-C stops it."""
    module = "01_listen"
    port = free_port()
    env = isolated_jupyter_env(tmp_path, SOCIALKIT_ROOT=str(kit.ROOT))
    log = tmp_path / "present.log"
    command = [sys.executable, "-m", "socialkit.cli", "present", module, "--slides", "--port", str(port), "--no-browser"]
    with open(log, "wb") as out:
        process = subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    lesson = kit.notebook(kit.ROOT / "course" / module / f"{module}.ipynb")
    sections = sum(line.startswith("## ") for line in kit.markdown_text(lesson).splitlines())
    try:
        wait_for_http(url + READY_PATH, process, timeout=90)  # the deck itself would start a kernel
        with projector_page() as (page, outside):
            page.goto(url, wait_until="commit", timeout=180_000)  # Voilà sends the page as the cells run
            page.locator(".reveal.ready").wait_for(state="attached", timeout=180_000)
            page.locator(".socialkit-dashboard .widget-output img").first.wait_for(state="attached", timeout=120_000)
            horizontal = page.locator(".reveal .slides > section").count()
            assert horizontal >= sections + 1, "a slide for the title and for each section"
            content = page.content()
            assert "data.load(" not in content and "listen_dashboard(" not in content, "code is hidden"
            shown = page.locator(".reveal .slides").inner_text()
            assert not [meta for meta in META_TEXT if meta in shown], "meta text meant for the trainer is on a slide"

            page.evaluate("address => { location.hash = address; }",
                          slide_with(page, "section .jp-OutputArea-output img:not(.socialkit-dashboard img)"))
            chart = page.locator("section.present section.present .jp-OutputArea-output img").first
            chart.wait_for(state="visible", timeout=30_000)
            time.sleep(0.5)  # reveal.js moves the slide in
            assert box(chart)["width"] >= 1000, "a chart fills its slide"
            shot = SCREENSHOTS / f"slide-{module}-chart.png"
            page.screenshot(path=str(shot))
            check_screenshot(shot)

            page.evaluate("address => { location.hash = address; }", slide_with(page, ".socialkit-dashboard"))
            board = page.locator("section.present .socialkit-dashboard").first
            board.wait_for(state="visible", timeout=30_000)
            board.evaluate("el => el.setAttribute('data-socialkit-test', 'slide')")
            scope = "[data-socialkit-test='slide']"
            before = board.locator(".widget-output img").first.get_attribute("src")
            board.locator(".widget-toggle-buttons button").nth(1).click()  # Metric: net sentiment
            wait_for_new_chart(page, scope, before)
            for name, part in (("controls", box(board.locator(".socialkit-controls").first)),
                               ("chart", box(board.locator(".widget-output img").first))):
                assert part["y"] >= 0 and part["y"] + part["height"] <= SCREEN[1], f"the dashboard's {name} is cut"
            shot = SCREENSHOTS / f"slide-{module}-dashboard.png"
            page.screenshot(path=str(shot))
            check_screenshot(shot)
            assert outside == [], f"requests to other machines: {outside}"
    finally:
        code = stop_process(process, signal.SIGINT)
    printed = log.read_text(errors="replace")
    assert f"Presenting {module} at {url}" in printed and "slides" in printed
    assert code == 0, printed
