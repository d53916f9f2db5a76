"""How long a facilitator waits for each module's slide deck (`socialkit present MODULE --slides`), against anchors.

Run:  .venv/bin/python benchmarks/slide_deck.py [--modules 01_listen 02_speak] [--repeat 5]

Per module of the course table that has a lesson, two figures side by side with their anchor:

- ``deck build``: the lesson read and turned into the slide deck notebook (``decks.slide_deck``) and written,
  median of ``--repeat`` runs; anchor: nbconvert's own slides exporter on the same lesson (a static
  reveal.js page, nothing executed), the ratio says what building our deck costs next to it;
- ``slides ready``: one Voilà (the kit's slide template, started once) serving the deck; from the page
  request in headless Chromium (1280×720, every outside request refused and counted) until reveal.js is
  ready and every dashboard has drawn its chart; anchor: the lesson executed top to bottom by nbclient
  in a fresh kernel (the same cells, no server, no browser). The ratio is Voilà's and the browser's share.

Also saves a 1280×720 screenshot of each deck's first chart slide in test-output/workshop/benchmark/.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from browser_support import CHROMIUM, CHROMIUM_ARGS, free_port, isolated_jupyter_env, stop_process, wait_for_http  # noqa: E402

from socialkit import course  # noqa: E402
from socialkit.notebooks import execute_notebook, read_notebook  # noqa: E402
from socialkit.present import voila_command  # noqa: E402
from socialkit.workshop import decks  # noqa: E402


def build_seconds(module, folder: Path, repeat: int) -> tuple[float, float]:
    """Median seconds to build and write our deck, and nbconvert's static slides of the same lesson."""
    import nbformat
    from nbconvert import SlidesExporter

    ours, anchor = [], []
    for _ in range(repeat):
        started = time.perf_counter()
        deck = decks.slide_deck(read_notebook(module.lesson(ROOT)))
        nbformat.write(deck, str(folder / f"{module.slug}.ipynb"))
        ours.append(time.perf_counter() - started)
        started = time.perf_counter()
        SlidesExporter(reveal_url_prefix="reveal.js").from_notebook_node(read_notebook(module.lesson(ROOT)))
        anchor.append(time.perf_counter() - started)
    return statistics.median(ours), statistics.median(anchor)


def served_seconds(page, url: str, module, shots: Path) -> float:
    """Seconds from the request until reveal.js is ready and every dashboard's chart is drawn."""
    started = time.perf_counter()
    page.goto(url, wait_until="commit", timeout=300_000)
    page.locator(".reveal.ready").wait_for(state="attached", timeout=300_000)
    boards = page.locator(".socialkit-dashboard")
    for index in range(len(module.dashboards)):
        boards.nth(index).locator(".widget-output img").first.wait_for(state="attached", timeout=300_000)
    elapsed = time.perf_counter() - started
    chart = page.evaluate("""() => { const img = document.querySelector('section .jp-OutputArea-output img');
        if (!img) return null; const s = img.closest('section'); const all = [...document.querySelectorAll('.reveal .slides > section')];
        const h = all.findIndex(x => x === s || x.contains(s)); const v = [...all[h].querySelectorAll(':scope > section')].indexOf(s);
        return '#/' + h + '/' + Math.max(v, 0); }""")
    if chart:
        page.evaluate("address => { location.hash = address; }", chart)
        time.sleep(1)
        page.screenshot(path=str(shots / f"slides-{module.slug}.png"))
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--modules", nargs="*", default=None, help="slugs (default: every module with a lesson)")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    modules = [course.get(s) for s in args.modules] if args.modules else course.available(ROOT)
    shots = ROOT / "test-output" / "workshop" / "benchmark"
    shots.mkdir(parents=True, exist_ok=True)
    print(f"{len(modules)} module(s); {os.cpu_count()} cores; load average {os.getloadavg()[0]:.1f}")
    with tempfile.TemporaryDirectory(prefix="slide-bench-") as tmp:
        base = Path(tmp)
        folder = base / "decks"
        folder.mkdir()
        builds = {m.slug: build_seconds(m, folder, args.repeat) for m in modules}
        executions = {m.slug: execute_notebook(m.lesson(ROOT), env={"SOCIALKIT_ROOT": str(ROOT)})[1] for m in modules}
        port = free_port()
        env = decks.voila_env(isolated_jupyter_env(base, SOCIALKIT_ROOT=str(ROOT)))
        with open(base / "voila.log", "wb") as log:
            voila = subprocess.Popen(voila_command(folder, port, slides=True), cwd=folder, env=env, stdout=log,
                                     stderr=subprocess.STDOUT, start_new_session=True)
        outside: list[str] = []
        served = {}
        try:
            wait_for_http(f"http://127.0.0.1:{port}/", voila, timeout=120)
            from playwright.sync_api import sync_playwright

            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                for module in modules:
                    page = browser.new_page(viewport={"width": 1280, "height": 720})
                    page.route("**/*", lambda r: (r.continue_() if urlparse(r.request.url).hostname == "127.0.0.1"
                                                  or r.request.url.startswith(("data:", "blob:"))
                                                  else (outside.append(r.request.url), r.abort())))
                    served[module.slug] = served_seconds(page, f"http://127.0.0.1:{port}/voila/render/{module.slug}.ipynb",
                                                         module, shots)
                    page.close()
                browser.close()
        finally:
            stop_process(voila)
    print(f"\n{'module':<16} {'deck build':>11} {'nbconvert':>10} {'ratio':>6}   {'slides ready':>12} "
          f"{'nbclient run':>12} {'ratio':>6}")
    for module in modules:
        ours, anchor = builds[module.slug]
        ready, run = served[module.slug], executions[module.slug]
        print(f"{module.slug:<16} {ours * 1000:>9.0f}ms {anchor * 1000:>8.0f}ms {ours / anchor:>6.2f}   "
              f"{ready:>11.1f}s {run:>11.1f}s {ready / run:>6.2f}")
    print(f"\nRequests to other machines (refused): {len(outside)}")
    print(f"Screenshots: {shots}")


if __name__ == "__main__":
    main()
