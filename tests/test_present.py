"""`socialkit present` without a browser: which cells go on screen, and the errors a facilitator may meet.

The served dashboard itself is tested in a real browser in test_browser.py.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

import kit
from socialkit.present import voila_command
from socialkit.workshop.decks import dashboard_deck, slide_deck

REPO = Path(__file__).resolve().parent.parent


def lesson(*cells):
    """A lesson notebook made of (kind, source, tags) triples."""
    nb = nbformat.v4.new_notebook()
    for kind, source, tags in cells:
        make = nbformat.v4.new_code_cell if kind == "code" else nbformat.v4.new_markdown_cell
        nb.cells.append(make(source, metadata={"tags": tags} if tags else {}))
    return nb


def run_present(kit: Path, *args: str) -> subprocess.CompletedProcess:
    """The real `socialkit present` command on the kit at ``kit``."""
    env = {**os.environ, "SOCIALKIT_ROOT": str(kit)}
    return subprocess.run([sys.executable, "-m", "socialkit.cli", "present", *args, "--no-browser"],
                          env=env, capture_output=True, text=True, timeout=60)


def test_projector_deck_has_the_heading_setup_then_each_dashboard_before_its_steps():
    """Heading line only (no blurb, no time estimate), setup cells, then each dashboard followed by its "Try this"."""
    nb = lesson(("markdown", "# Module 1 · Learn to listen\n\nA blurb.\n\n⏱️ **Estimated time:** 2 hours", []),
                ("markdown", "## The situation", []),
                ("code", "from socialkit import data", ["setup"]),
                ("code", "print('an aside')", []),
                ("markdown", "**Try this**: move the slider.", ["dashboard"]),
                ("code", "widgets.listen_dashboard(mentions)", ["dashboard"]),
                ("markdown", "**Try this** too.", ["dashboard"]),
                ("code", "widgets.other_dashboard(mentions)", ["dashboard"]))
    nb.cells[5].outputs = [nbformat.v4.new_output("stream", text="old output")]
    deck = dashboard_deck(nb)
    assert [c.source for c in deck.cells] == [
        "# Module 1 · Learn to listen", "from socialkit import data",
        "widgets.listen_dashboard(mentions)", "**Try this**: move the slider.",
        "widgets.other_dashboard(mentions)", "**Try this** too."]
    assert deck.cells[2].outputs == []
    assert deck.metadata.kernelspec["name"] == "python3"


def test_lesson_without_dashboard_is_refused():
    """A lesson with no code cell tagged 'dashboard' cannot be presented."""
    nb = lesson(("markdown", "# Title", []), ("code", "x = 1", ["setup"]), ("markdown", "Try this", ["dashboard"]))
    with pytest.raises(ValueError, match="no dashboard"):
        dashboard_deck(nb)


def test_slide_deck_cuts_at_sections_and_gives_what_shows_a_slide_of_its_own():
    """``## `` starts a slide (even inside a cell); text and showing code get subslides; quiet code and meta lines none."""
    nb = lesson(("markdown", "# Module 1 · Listen\n\n⏱️ **Estimated time:** about 2 hours", []),
                ("markdown", "Run the next cell first (press **Shift + Enter**).", []),
                ("code", "import pandas as pd\nmentions = load()", ["setup"]),
                ("markdown", "An intro.\n\n## 1. Volume\n\nThe decision.", []),
                ("code", "plots.volume(daily);", []),
                ("code", "fair = spikes(daily)", []),
                ("markdown", "## Discuss\n\n1. Who?", []))
    deck = slide_deck(nb)
    kinds = [(c.cell_type, c.metadata.slideshow["slide_type"], c.source.splitlines()[0]) for c in deck.cells]
    assert kinds[0][:2] == ("code", "skip") and "rcParams" in deck.cells[0].source  # larger charts, no slide
    assert kinds[1:] == [
        ("markdown", "slide", "# Module 1 · Listen"),
        ("code", "skip", "import pandas as pd"),
        ("markdown", "subslide", "An intro."),
        ("markdown", "slide", "## 1. Volume"),
        ("code", "subslide", "plots.volume(daily);"),
        ("code", "skip", "fair = spikes(daily)"),
        ("markdown", "slide", "## Discuss"),
    ]
    assert "⏱️" not in deck.cells[1].source and "Estimated" not in deck.cells[1].source


def test_voila_is_bound_to_localhost_on_the_given_port_with_culling():
    """Voilà listens on 127.0.0.1 only, on exactly the given port, and culls idle kernels."""
    command = voila_command(Path("/tmp/deck.ipynb"), 9123)
    assert "--Voila.ip=127.0.0.1" in command and "--port=9123" in command
    assert "--Voila.port_retries=0" in command
    assert any(arg.startswith("--MappingKernelManager.cull_idle_timeout=") for arg in command)
    assert "--template=socialkit-projector" in command


def test_slides_use_the_kits_reveal_template_with_reveal_css_served_locally():
    """The slide deck's reveal.js style sheet is a file of this package, served by Voilà, not a CDN address."""
    from socialkit.workshop import decks

    command = " ".join(voila_command(Path("/tmp/deck.ipynb"), 9123, slides=True))
    assert "--template=socialkit-slides" in command and "'url_prefix': '/voila/templates/socialkit-slides/static'" in command
    static = decks.JUPYTER_DATA / "voila" / "templates" / "socialkit-slides" / "static"
    assert (static / "dist" / "reveal.css").stat().st_size > 10_000
    assert (static / "dist" / "theme" / "socialkit.css").is_file()
    for template in static.parent.parent.glob("socialkit-*/**/*"):
        if template.is_file() and template.suffix in (".j2", ".css"):
            assert "https://" not in template.read_text(encoding="utf-8"), f"{template} names an outside address"


def test_cli_explains_a_module_without_dashboards(tmp_path):
    """`socialkit present` on a lesson with no dashboard exits 2 and says how to fix it."""
    folder = tmp_path / "course" / "02_speak"
    folder.mkdir(parents=True)
    nbformat.write(lesson(("markdown", "# Module 2", [])), str(folder / "02_speak.ipynb"))
    result = run_present(tmp_path, "02_speak")
    assert result.returncode == 2
    assert "Module 02_speak has no dashboard yet" in result.stderr and "'dashboard'" in result.stderr


def test_cli_explains_a_missing_lesson(tmp_path):
    """`socialkit present` on a module whose lesson does not exist says so."""
    (tmp_path / "course").mkdir()
    result = run_present(tmp_path, "05_time")
    assert result.returncode == 2 and "Module 05_time has no lesson yet" in result.stderr


def test_cli_explains_a_busy_port():
    """`socialkit present` refuses a port already in use instead of silently picking another."""
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = run_present(REPO, "01_listen", "--port", str(port))
    assert result.returncode == 2 and f"Port {port} is already in use" in result.stderr


def test_waiting_for_voila_ignores_an_http_proxy_set_for_the_internet(monkeypatch):
    """Behind a company proxy (http_proxy set, no no_proxy), 127.0.0.1 must still be asked directly."""
    import http.server
    import threading

    from socialkit.present import _wait_until_serving

    server = http.server.HTTPServer(("127.0.0.1", 0), http.server.SimpleHTTPRequestHandler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    for name in ("no_proxy", "NO_PROXY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("http_proxy", "http://127.0.0.1:9")  # nothing listens there
    try:
        _wait_until_serving(f"http://127.0.0.1:{server.server_port}/", child, 5)
    finally:
        child.kill()
        child.wait()
        server.shutdown()
        server.server_close()


LESSONS = kit.available_modules()


@pytest.mark.parametrize("module", LESSONS, ids=[m.slug for m in LESSONS])
def test_every_lesson_makes_a_slide_deck_with_a_slide_per_section_and_its_dashboards(module):
    """From the course table: each lesson's ``## `` sections are slides, its dashboards are in, no meta line is."""
    from socialkit.notebooks import read_notebook

    lesson = read_notebook(module.lesson(REPO))
    deck = slide_deck(lesson)
    headings = [line for cell in lesson.cells if cell.cell_type == "markdown"
                for line in cell.source.splitlines() if line.startswith("## ")]
    slides = [c.source.splitlines()[0] for c in deck.cells if c.metadata.slideshow["slide_type"] == "slide"]
    assert slides[0].startswith(f"# {module.heading}") and slides[1:] == headings
    shown = [c.source for c in deck.cells if c.cell_type == "code" and c.metadata.slideshow["slide_type"] != "skip"]
    for name in module.dashboards:
        assert any(f"widgets.{name}(" in source for source in shown), f"{name} has no slide"
    text = "\n".join(c.source for c in deck.cells if c.cell_type == "markdown")
    assert "⏱️" not in text and "Shift + Enter" not in text
    assert len(deck.cells) >= len(lesson.cells) // 2
