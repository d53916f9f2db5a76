"""`socialkit agenda`: the trainer's agenda and the learners' handouts, read from the guides and lessons.

Fast tier: what the pages say (timings at clock times, checklists, hand-in steps, objectives, the dashboard's
moves, the three moves card) and the errors a trainer may meet. Slow tier: the real command prints every
module's pages to PDF with the machine's Chromium, and each handout is one A4 page.
"""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
import sys
from datetime import datetime, timedelta

import pytest

import kit
from socialkit import course, guides
from socialkit.workshop import agenda

ROOT = kit.ROOT
MODULES = kit.available_modules()


def guide(slug: str) -> guides.Guide:
    return guides.read(course.get(slug).guide(ROOT))


def test_the_timetable_puts_each_slot_of_each_guide_at_its_clock_time_with_breaks():
    """Two modules from 09:00 with a 15-minute break: every slot of both plans at its time, the break between."""
    sessions = agenda.plan_day(["01_listen", "02_speak"], "09:00", 15, ROOT)
    page = agenda.agenda_html(sessions, 15)
    start = datetime(2000, 1, 1, 9, 0)
    for slug in ("01_listen", "02_speak"):
        plan = guide(slug).plan
        for slot in plan:
            when = f"{(start + timedelta(minutes=slot.start)):%H:%M}–{(start + timedelta(minutes=slot.end)):%H:%M}"
            assert f'<td class="time">{when}</td>' in page, f"{slug}: slot {slot.what} not at {when}"
        end = start + timedelta(minutes=guide(slug).workshop_minutes)
        if slug == "01_listen":
            assert f"{end:%H:%M}–{(end + timedelta(minutes=15)):%H:%M}</td><td colspan=\"2\">Break (15 minutes)" in page
        start = end + timedelta(minutes=15)
    assert "09:00–12:15" in page  # two 90-minute workshops and one break
    assert page.count("Break (") == 1


def test_the_agenda_has_every_checklist_item_and_the_hand_in_steps():
    sessions = agenda.plan_day(["01_listen", "06_networks"], "13:30", 0, ROOT)
    page = agenda.agenda_html(sessions, 0)
    for slug in ("01_listen", "06_networks"):
        for item in guide(slug).checklist:
            assert agenda.inline_html(item) in page
        assert f"{slug}_exercises.ipynb" in page
    assert page.index("Before the session") < page.index("<h2>Handing in")
    assert "your_name" in page and "Break (" not in page
    assert "13:30–" in page


@pytest.mark.parametrize("module", MODULES, ids=kit.module_ids(MODULES))
def test_the_handout_has_the_objectives_the_dashboards_moves_and_the_three_moves_card(module):
    page = agenda.handout_html(module, ROOT)
    objectives, moves = agenda.lesson_parts(module, ROOT)
    verbs = re.findall(r"(?m)^(?:\d+\.|-) \*\*(\w+)\*\*", objectives)
    assert 3 <= len(verbs) <= 5 and all(f"<strong>{verb}</strong>" in page for verb in verbs)
    assert len(moves) == len([c for c in agenda.cells_tagged(agenda.read_notebook(module.lesson(ROOT)), "dashboard")
                              if c.cell_type == "markdown"])
    words = html.unescape(re.sub(r"<[^>]+>", "", page))
    for steps in moves:
        for step in re.findall(r"(?m)^\d+\. (.+)$", steps):
            assert re.sub(r"[*_`]", "", step)[:30] in words, f"the move {step[:30]!r} is missing"
    assert "Three moves that answer most questions" in page and "Move 3 · read one cell" in page
    assert "⏱️" not in page and "Source:" not in page
    assert not re.search(r"""(src|href)=["']?(https?:|//)""", page), "the page fetches nothing"


@pytest.mark.parametrize(("start", "said"), [("25:00", "not a time of day"), ("9am", "write it as 09:00"),
                                             ("", "not a time of day")])
def test_a_start_that_is_not_a_time_is_refused_in_plain_words(start, said):
    with pytest.raises(ValueError, match=said):
        agenda.plan_day(["01_listen"], start, 15, ROOT)


def test_a_module_not_written_yet_unknown_or_twice_is_refused():
    missing = next((m for m in course.MODULES if not m.is_available(ROOT)), None)
    if missing is not None:
        with pytest.raises(FileNotFoundError, match=f"Module {missing.slug} has no lesson or facilitator guide yet"):
            agenda.plan_day([missing.slug], "09:00", 15, ROOT)
    with pytest.raises(KeyError, match="There is no module '11_later'"):
        agenda.plan_day(["11_later"], "09:00", 15, ROOT)
    with pytest.raises(ValueError, match="listed twice"):
        agenda.plan_day(["01_listen", "01_listen"], "09:00", 15, ROOT)
    with pytest.raises(ValueError, match="--break"):
        agenda.plan_day(["01_listen"], "09:00", -5, ROOT)


def test_a_guide_missing_its_checklist_is_named_before_anything_is_written(tmp_path):
    """The agenda refuses a guide with a gap, naming the file and the gap, and writes nothing."""
    module = course.get("01_listen")
    for path in (module.lesson(ROOT), module.guide(ROOT)):
        target = tmp_path / path.relative_to(ROOT)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(path, target)
    text = module.guide(tmp_path).read_text(encoding="utf-8")
    checklist = guides.section(text, "## Before the session")
    module.guide(tmp_path).write_text(text.replace(checklist, "Nothing yet."), encoding="utf-8")
    out = tmp_path / "out"
    with pytest.raises(ValueError, match=r"facilitator/01_listen.md: '## Before the session' needs a checklist"):
        agenda.write_agenda(["01_listen"], "09:00", out, tmp_path, pdf=False)
    assert not out.exists()


def test_the_command_explains_a_bad_start_in_one_line():
    done = subprocess.run([sys.executable, "-m", "socialkit.cli", "agenda", "01_listen", "--start", "9h", "--no-pdf"],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert done.stderr.strip().count("\n") == 0 and "write it as 09:00" in done.stderr


def test_no_browser_is_said_plainly(monkeypatch):
    from socialkit.workshop import printing

    monkeypatch.setenv("SOCIALKIT_BROWSER", "/nowhere/chrome")
    with pytest.raises(printing.NoBrowser, match="not a program on this machine"):
        printing.find_browser()


@pytest.mark.slow
@pytest.mark.browser
def test_the_command_prints_the_agenda_and_a_one_page_handout_per_module_to_pdf(tmp_path):
    """`socialkit agenda <every module> --start 09:00`: HTML and PDF files; each handout fits one A4 page."""
    from socialkit.workshop import printing

    slugs = [m.slug for m in MODULES]
    out = tmp_path / "agenda"
    done = subprocess.run([sys.executable, "-m", "socialkit.cli", "agenda", *slugs, "--start", "09:00",
                           "--out", str(out)], capture_output=True, text=True, timeout=600,
                          env={**os.environ, "SOCIALKIT_BROWSER": "/usr/bin/chromium"})
    assert done.returncode == 0, done.stderr
    assert printing.page_count(out / "agenda.pdf") >= 2
    for slug in slugs:
        assert (out / f"handout-{slug}.html").is_file()
        assert printing.page_count(out / f"handout-{slug}.pdf") == 1, f"{slug}: the handout is more than one page"
    shutil.copytree(out, kit.ROOT / "test-output" / "workshop" / "agenda", dirs_exist_ok=True)
    # the page count tells a long page from a short one
    long_page = tmp_path / "long.html"
    long_page.write_text(agenda.page("long", "<p>line</p>" * 200), encoding="utf-8")
    assert printing.page_count(printing.print_to_pdf(long_page, tmp_path / "long.pdf")) > 1


def test_without_a_browser_the_command_writes_the_html_and_says_how_to_print(tmp_path):
    """No Chromium, Chrome or Edge on PATH: the HTML files are written, and one sentence says what to do."""
    out = tmp_path / "agenda"
    env = {key: value for key, value in os.environ.items() if key != "SOCIALKIT_BROWSER"}
    env["PATH"] = str(tmp_path / "empty")
    done = subprocess.run([sys.executable, "-m", "socialkit.cli", "agenda", "01_listen", "--out", str(out)],
                          capture_output=True, text=True, timeout=120, env=env)
    assert done.returncode == 0, done.stderr
    assert "Wrote the HTML files only" in done.stdout and "print them" in done.stdout
    assert sorted(p.name for p in out.iterdir()) == ["agenda.html", "handout-01_listen.html"]
