"""The self-paced learner's view of the whole course: saved notebooks found, re-checked for real, cached at home.

Every test works on a learner's copy of the kit in a temporary folder (the lessons and data
linked from this kit, the exercise notebooks the learner's own), with a temporary home folder.
Answers are the solutions' own lines, re-run in a real fresh Python process and judged by the real
judges; wrong answers, errors and broken files are real files too.
"""

from __future__ import annotations

import hashlib
import html
import json
from pathlib import Path

import pytest

from learner_notebooks import ROOT, answered
from socialkit import checks, cli, course
from socialkit.progress import certificate
from socialkit.progress.dashboard import my_course
from socialkit.progress.overview import course_progress
from socialkit.progress.store import Cache

AVAILABLE = course.available(ROOT)
FIRST_FOUR = [m for m in AVAILABLE if m.number <= 3]
ACTION_PLAN = "**My organisation, and my goal in one sentence:** Café Lumière <b>wins</b> regulars online.\n\n" + \
    "\n".join(f"{n}. **Step {n}:** our team will answer every review within one day and report it monthly."
              for n in range(1, 10))


def make_kit(folder: Path, modules=AVAILABLE) -> Path:
    """A learner's kit: ``course/`` holding the lessons of ``modules`` and ``datasets/`` linked, ``exercises/`` empty."""
    (folder / "course").mkdir(parents=True)
    for module in modules:
        (folder / "course" / module.slug).symlink_to(ROOT / "course" / module.slug)
    (folder / "datasets").symlink_to(ROOT / "datasets")
    (folder / "exercises").mkdir()
    return folder


def tree_digest(folder: Path) -> str:
    """A hash of every file's path and bytes under ``folder`` (links followed): shows nothing was written."""
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(folder)).encode() + path.read_bytes())
    return digest.hexdigest()


@pytest.fixture
def home(tmp_path, monkeypatch) -> Path:
    """A temporary HOME with no ``$SOCIALKIT_HOME``: the cache must go to ``HOME/.socialkit``."""
    folder = tmp_path / "home"
    folder.mkdir()
    monkeypatch.setenv("HOME", str(folder))
    monkeypatch.delenv("SOCIALKIT_HOME", raising=False)
    return folder


@pytest.fixture
def kit(tmp_path, monkeypatch) -> Path:
    """A learner's kit in a temporary folder, found by ``kit_root()`` through ``$SOCIALKIT_ROOT``."""
    folder = make_kit(tmp_path / "kit")
    monkeypatch.setenv("SOCIALKIT_ROOT", str(folder))
    return folder


@pytest.fixture
def stopped_after_module_3(kit) -> Path:
    """Modules 00–03 done (module 03's reflection missing), module 02's Q3 wrong: the learner stopped there."""
    for module in FIRST_FOUR:
        wrong = {"q3": "allergy_answer_rate = 55.0  # from the dashboard"} if module.slug == "02_speak" else None
        reflection = None if module.slug == "03_debate" else "We will listen every day. " * 6
        answered(module, module.exercises(kit), wrong=wrong, reflection=reflection)
    return kit


# --------------------------------------------------------------------------- the whole course


def test_the_whole_course_is_re_checked_from_saved_notebooks_and_names_the_next_step(stopped_after_module_3):
    progress = course_progress(stopped_after_module_3)
    states = {m.module.slug: m for m in progress.modules}
    assert [m.module.slug for m in progress.modules] == course.slugs(), "every module of the course table is listed"
    assert states["00_start_here"].status == "done" and states["01_listen"].status == "done"
    speak = states["02_speak"]
    assert speak.status == "in progress" and speak.right == 4
    assert [q.status for q in speak.questions][2] == "wrong"
    assert states["03_debate"].status == "in progress" and states["03_debate"].right == 5
    assert not states["03_debate"].reflection_done
    for module in course.MODULES:
        if module not in AVAILABLE:
            assert states[module.slug].status == "not yet available"
        elif module.number > 3:
            assert states[module.slug].status == "not started"
    assert progress.next_step() == "open exercises/02_speak/02_speak_exercises.ipynb, question 3."
    left = sum(m.minutes or 0 for m in AVAILABLE if m.number >= 2)
    assert progress.time_left().startswith(course.time_text(left) + " for the")
    text = progress.text()
    assert "Module 2 · Speak · 4 of 5 right · reflection written" in text
    assert "Module 3 · Don't fear debate · 5 of 5 right · reflection not written yet" in text
    assert f"Done: 2 of {len(AVAILABLE)} modules." in text


def test_old_outputs_are_not_trusted_a_wrong_answer_saved_with_a_right_output_is_wrong(kit):
    module = course.get("01_listen")
    path = answered(module, module.exercises(kit), wrong={"q4": 'why_modest = "A"'})
    nb = json.loads(path.read_text())
    for cell in nb["cells"]:
        if "check(" in "".join(cell["source"]):
            cell["outputs"] = [{"output_type": "stream", "name": "stdout", "text": "✅ Right: well done\n"}]
    path.write_text(json.dumps(nb))
    state = course_progress(kit).module("01_listen")
    assert [q.status for q in state.questions] == ["right", "right", "right", "wrong", "right"]
    assert state.status == "in progress"


def test_a_fresh_home_on_another_machine_finds_the_same_place(stopped_after_module_3, tmp_path, monkeypatch):
    """Copy the folder to 'another laptop' (another path, another empty home): the same view, re-checked."""
    import shutil

    first = course_progress(stopped_after_module_3).text()
    laptop = make_kit(tmp_path / "laptop" / "kit")
    shutil.rmtree(laptop / "exercises")
    shutil.copytree(stopped_after_module_3 / "exercises", laptop / "exercises")
    other_home = tmp_path / "laptop" / "home"
    other_home.mkdir()
    monkeypatch.setenv("HOME", str(other_home))
    monkeypatch.delenv("SOCIALKIT_HOME", raising=False)
    monkeypatch.setenv("SOCIALKIT_ROOT", str(laptop))
    monkeypatch.setenv("SOCIALKIT_RECHECK_WORKERS", "2")  # a laptop with cores to spare: two fresh processes
    progress = course_progress(laptop)
    assert progress.rechecked == len(FIRST_FOUR)
    assert progress.text() == first.replace(str(stopped_after_module_3), str(laptop), 1)  # only the folder differs


# --------------------------------------------------------------------------- the cache, at home only


def test_unchanged_notebooks_come_from_the_cache_at_home_and_a_changed_one_is_re_checked(
        stopped_after_module_3, home):
    kit = stopped_after_module_3
    before = tree_digest(kit)
    cold = course_progress(kit)
    assert cold.rechecked == len(FIRST_FOUR)
    cache_file = home / ".socialkit" / "progress-cache.json"
    assert cache_file.is_file(), "the cache lives in the learner's own home folder"
    warm = course_progress(kit)
    assert warm.rechecked == 0 and warm.text() == cold.text()
    module = course.get("02_speak")
    answered(module, module.exercises(kit))  # the learner fixes Q3 and saves
    fixed = course_progress(kit)
    assert fixed.rechecked == 1 and fixed.module("02_speak").status == "done"
    assert fixed.next_step() == "open exercises/03_debate/03_debate_exercises.ipynb and write the reflection at " \
                                "the end (a few sentences, then save)."
    answered(module, module.exercises(kit))
    assert tree_digest(kit) != before  # (the learner's own saves changed it)
    saved = tree_digest(kit)
    course_progress(kit)
    assert tree_digest(kit) == saved, "progress writes nothing into the kit's folders"


def test_a_damaged_or_unwritable_cache_only_costs_time(kit, home):
    start = course.get("00_start_here")
    answered(start, start.exercises(kit))
    folder = home / ".socialkit"
    folder.mkdir()
    (folder / "progress-cache.json").write_text("{not json")
    assert course_progress(kit).rechecked == 1
    assert json.loads((folder / "progress-cache.json").read_text())["entries"], "rebuilt"
    blocked = home / "blocked"
    blocked.write_text("a file where a folder should be")
    progress = course_progress(kit, cache=Cache(blocked / "inside"))
    assert progress.module("00_start_here").status == "done" and progress.rechecked == 1


# --------------------------------------------------------------------------- what learners do to their files


def test_renamed_moved_and_misplaced_notebooks_are_found_by_their_content(kit):
    listen, speak, debate = (course.get(s) for s in ("01_listen", "02_speak", "03_debate"))
    answered(listen, kit / "exercises" / "01_listen" / "Anna final (1).ipynb")      # renamed
    answered(speak, kit / "02_speak_exercises.ipynb", only={"q1"})                   # moved to the kit's top
    answered(debate, kit / "exercises" / "01_listen" / "debate.ipynb", only={"q4"})  # in another module's folder
    (kit / "exercises" / "01_listen" / ".ipynb_checkpoints").mkdir()
    answered(debate, kit / "exercises" / "01_listen" / ".ipynb_checkpoints" / "debate-checkpoint.ipynb")
    progress = course_progress(kit)
    assert progress.module("01_listen").status == "done"
    assert progress.where(progress.module("01_listen")) == "exercises/01_listen/Anna final (1).ipynb"
    assert progress.module("02_speak").right == 1
    assert progress.module("03_debate").right == 1, "a checkpoint copy is never read"
    assert progress.next_step().startswith("read the lesson course/00_start_here/00_start_here.ipynb")


def test_the_copy_with_most_answers_counts_and_a_half_saved_file_is_reported(kit):
    listen = course.get("01_listen")
    answered(listen, kit / "exercises" / "01_listen" / "mine.ipynb")
    untouched = kit / "exercises" / "01_listen" / "01_listen_exercises.ipynb"
    untouched.write_bytes(listen.exercises(ROOT).read_bytes())  # opened later, answers elsewhere
    broken = kit / "exercises" / "01_listen" / "half.ipynb"
    broken.write_text(answered(listen, kit / "tmp.ipynb").read_text()[:5000])
    (kit / "tmp.ipynb").unlink()
    progress = course_progress(kit)
    state = progress.module("01_listen")
    assert state.status == "done" and state.notebook.path.name == "mine.ipynb"
    assert state.copies == [untouched.resolve()]
    assert progress.problems == ["exercises/01_listen/half.ipynb could not be read: not a complete notebook file "
                                 "(JSONDecodeError). Open it in JupyterLab and save it again (or use another copy)."]
    assert "⚠️ Warning: exercises/01_listen/half.ipynb could not be read" in progress.text()


def test_answers_saved_with_an_error_are_not_right_and_say_why(kit, monkeypatch):
    monkeypatch.setenv("SOCIALKIT_RECHECK_CELL_SECONDS", "2")
    listen = course.get("01_listen")
    answered(listen, listen.exercises(kit), wrong={
        "q1": 'sov_april_june = analytics.share_of_voice(mentions[mentions["ts"].dt.quarter == 2], brand="lumiere"',
        "q3": "net_shareholders_h2 = net_sentiment_of_shareholders",
        "q5": "while True:\n    pass\nsustainability_change = 1.0"})
    state = course_progress(kit).module("01_listen")
    by_name = {q.name: q for q in state.questions}
    assert by_name["q1"].status == "wrong" and "SyntaxError" in by_name["q1"].message
    assert by_name["q3"].status == "wrong" and "NameError" in by_name["q3"].message
    assert by_name["q5"].status == "wrong" and "took longer than 2 seconds" in by_name["q5"].message
    assert by_name["q2"].status == "right" and by_name["q4"].status == "right", "one bad cell never stops the others"


def test_a_module_added_later_appears_once_its_files_arrive(tmp_path, monkeypatch):
    later = AVAILABLE[-1]
    kit = make_kit(tmp_path / "kit", [m for m in AVAILABLE if m is not later])
    monkeypatch.setenv("SOCIALKIT_ROOT", str(kit))
    before = course_progress(kit)
    assert before.module(later.slug).status == "not yet available"
    (kit / "course" / later.slug).symlink_to(ROOT / "course" / later.slug)
    after = course_progress(kit)
    assert after.module(later.slug).status == "not started"
    assert len(after.open_modules) == len(before.open_modules) + 1


# --------------------------------------------------------------------------- progress("01_listen") and progress()


def test_progress_of_one_module_uses_the_saved_notebook_and_names_questions_never_run(kit, capsys):
    listen = course.get("01_listen")
    answered(listen, listen.exercises(kit), only={"q1", "q2"}, wrong={"q2": 'first_alert = "2025-04-07"'},
             run_checks=False)
    checks.reset()
    try:
        checks.check("01_listen.q4", "B")  # this session: Q4 checked right
    finally:
        capsys.readouterr()
    checks.progress("01_listen")
    out, err = capsys.readouterr()
    checks.reset()
    lines = out.splitlines()
    assert err == ""
    assert lines[0].startswith("Your progress in 01_listen (this session, else your saved notebook "
                               "01_listen_exercises.ipynb, saved ")
    assert "✅ right" in lines[1] and lines[1].endswith("(saved notebook)")
    assert "❌ not yet" in lines[2] and "(saved notebook)" in lines[2]
    assert "✅ right" in lines[4] and "(saved notebook)" not in lines[4]
    assert "⏳ not attempted" in lines[3]
    assert lines[6] == "2 of 5 right."
    assert lines[7] == ("Never run in your saved notebook: 01_listen.q1, 01_listen.q2, 01_listen.q3, 01_listen.q5. "
                        "Run their answer and check cells (Shift + Enter), then save (Ctrl + S).")


def test_progress_without_a_module_prints_the_whole_course(stopped_after_module_3, capsys):
    checks.progress()
    out, err = capsys.readouterr()
    assert err == "" and out.startswith(f"Your course in {stopped_after_module_3}, re-checked from your saved "
                                        "exercise notebooks")  # which copy of the kit, when there are two
    assert "Next step: open exercises/02_speak/02_speak_exercises.ipynb, question 3." in out


def test_the_terminal_command_prints_the_same_view(stopped_after_module_3, capsys):
    assert cli.main(["progress"]) == 0
    out = capsys.readouterr().out
    assert out.strip() == course_progress(stopped_after_module_3).text()
    assert cli.main(["progress", "--notebooks", str(stopped_after_module_3 / "nowhere")]) == 2
    assert "There is no folder" in capsys.readouterr().err


def test_the_my_course_page_shows_states_and_the_next_step_and_checks_again(stopped_after_module_3):
    page = my_course(stopped_after_module_3)
    assert "Next step:</b> open exercises/02_speak/02_speak_exercises.ipynb, question 3." in page.summary.value
    assert page.table.value.count("<tr>") == len(course.MODULES) + 1
    assert "4 of 5" in page.table.value
    assert ("🚧 not yet available" in page.table.value) == (len(AVAILABLE) < len(course.MODULES))
    module = course.get("02_speak")
    answered(module, module.exercises(stopped_after_module_3))
    page.refresh.click()
    assert "write the reflection at the end" in page.summary.value


# --------------------------------------------------------------------------- the self-assessed record


def test_the_certificate_is_refused_until_everything_is_done(stopped_after_module_3, learner_home, capsys):
    assert cli.main(["certificate", "--name", "Anna Martin", "--no-pdf"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("socialkit certificate: The record is written once every module is done. Still to do: "
                          "Module 2 · Speak: Q3 not right yet; Module 3 · Don't fear debate: the reflection is "
                          "not written yet;")
    assert err.count("\n") == 1 and not list(learner_home.rglob("*.html"))


@pytest.fixture
def finished(kit) -> Path:
    """Every available module done, module 10's action plan written."""
    for module in AVAILABLE:
        plan = ACTION_PLAN if module.slug == certificate.ACTION_PLAN_MODULE else "We will listen every day. " * 6
        answered(module, module.exercises(kit), reflection=plan)
    return kit


def test_the_certificate_records_modules_scores_and_the_action_plan_marked_self_assessed(finished, learner_home,
                                                                                       capsys, tmp_path):
    for old in learner_home.glob("course-record-*.html"):
        old.unlink()
    assert cli.main(["certificate", "--name", "Anna <i>Martin</i>", "--no-pdf"]) == 0
    out = capsys.readouterr().out
    page = next(learner_home.glob("course-record-*.html"))  # the default place: the learner's own folder
    assert str(page) in out
    text = page.read_text()
    assert "Anna &lt;i&gt;Martin&lt;/i&gt;" in text and "<i>" not in text
    assert "Self-assessed." in text and "socialkit grade" in text
    for module in AVAILABLE:
        assert html.escape(module.heading) in text
    assert "5 of 5 right" in text and "2 of 2 right" in text
    assert "our team will answer every review within one day" in text, "module 10's action plan"
    assert "&lt;b&gt;wins&lt;/b&gt;" in text, "HTML typed in the plan is shown, never run"
    with pytest.raises(ValueError, match="Give your name"):
        certificate.write(course_progress(finished), "   ", tmp_path / "x.html")


@pytest.mark.slow
@pytest.mark.browser
def test_the_certificate_prints_to_a_one_page_pdf(finished, tmp_path):
    page, pdf, why = certificate.write(course_progress(finished), "Anna Martin", tmp_path / "record.html")
    assert why is None and pdf == tmp_path / "record.pdf"
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF")
    assert data.count(b"/Type /Page") - data.count(b"/Type /Pages") == 1, "one page"


def test_plain_answers_are_judged_without_running_and_deleted_questions_count_as_missing(kit):
    """Typed values (a date, a letter) need no code run; a question whose cells were deleted is not right."""
    from socialkit.questions.listen import first_alert

    listen = course.get("01_listen")
    path = answered(listen, listen.exercises(kit), only=set(),
                    wrong={"q2": f'first_alert = "{first_alert():%Y-%m-%d}"', "q4": 'why_modest = "C"'})
    nb = json.loads(path.read_text())
    nb["cells"] = [c for c in nb["cells"] if (c["metadata"].get("nbgrader") or {}).get("grade_id") not in
                   ("q5", "q5_check")]
    path.write_text(json.dumps(nb))
    (kit / "exercises" / "notes.ipynb").write_text(json.dumps({"cells": [], "metadata": {}, "nbformat": 4,
                                                                "nbformat_minor": 5}))
    from socialkit.progress.saved import read

    assert read(path).simple and read(kit / "exercises" / "notes.ipynb") is None
    state = course_progress(kit).module("01_listen")
    assert [q.status for q in state.questions] == ["missing", "right", "missing", "wrong", "missing"]
    assert state.questions[4].message == "no answer cell for this question in your notebook."
