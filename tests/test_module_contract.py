"""The module contract: what every module the course table lists must be, tested the same way for all.

A new module gets these tests by existing (its lesson in ``course/``, its row in ``socialkit.course``):
no per-module test code beyond its own metrics, widgets and the figures its prose quotes
(``tests/modules/``). Parametrised by module slug, so ``pytest -k 05_time`` runs one module.

Fast tier (no kernel): the lesson and exercise skeletons, the declarations against the notebook,
hints, the stored digests, the guide's rubric, and — for every question, over a set of probes —
that ``check`` says ✅ exactly when the hidden tests (alone) give the points.
Slow tier (once per module, in session fixtures): the lesson executed in a real kernel, the
presentation deck executed, and the module graded through the real grader (real nbgrader).
"""

from __future__ import annotations

import math
import re

import pytest

import kit
from socialkit import checks, course, judging, release
from socialkit.judging import rules

MODULES = kit.available_modules()
QUESTIONS = [(m, q) for m in MODULES for q in checks.questions_of(m.slug)]
LESSON_MODULES = [m for m in MODULES if m.number > 0]  # module 00 teaches Jupyter itself: a welcome, not a lesson


def by_module(modules):
    return pytest.mark.parametrize("module", modules, ids=kit.module_ids(modules))


by_question = pytest.mark.parametrize(("module", "question"), QUESTIONS, ids=[q.id for _, q in QUESTIONS])


@pytest.fixture(autouse=True)
def _fresh_session():
    checks.reset()
    yield
    checks.reset()


def test_the_course_table_names_every_module_folder_and_nothing_else():
    """One module table: every folder in course/, solutions/ and facilitator/ belongs to a row, in course order."""
    slugs = course.slugs()
    for folder in ("course", "solutions", "exercises"):
        found = sorted(p.name for p in (kit.ROOT / folder).iterdir() if p.is_dir() and p.name[:2].isdigit())
        assert set(found) <= set(slugs), f"{folder}/ has modules the course table does not list"
    guides = sorted(p.stem for p in (kit.ROOT / "facilitator").glob("[0-9][0-9]_*.md"))
    assert set(guides) <= set(slugs)
    assert [m.number for m in course.MODULES] == list(range(len(course.MODULES)))
    assert all(m.slug.startswith(f"{m.number:02d}_") for m in course.MODULES)
    assert MODULES and MODULES[0].slug == "00_start_here"


@by_module(MODULES)
def test_every_part_of_the_module_exists(module):
    for path in (module.lesson(kit.ROOT), module.solutions(kit.ROOT), module.exercises(kit.ROOT),
                 module.guide(kit.ROOT)):
        assert path.is_file(), f"{module.slug}: {path.relative_to(kit.ROOT)} is missing"
    assert checks.questions_of(module.slug), f"socialkit/questions/{module.questions}.py declares no QUESTIONS"
    from socialkit import widgets

    for name in module.dashboards:
        assert callable(getattr(widgets, name)), f"widgets.{name} does not exist"
    assert module.minutes, f"{module.slug}: the course table needs its honest self-paced time (minutes)"


# --------------------------------------------------------------------------- notebooks committed clean


@by_module(MODULES)
def test_notebooks_are_committed_clean_with_the_python3_kernel(module):
    for path in (module.lesson(kit.ROOT), module.solutions(kit.ROOT), module.exercises(kit.ROOT)):
        nb = kit.notebook(path)
        dirty = [i for i, c in enumerate(nb["cells"]) if c["cell_type"] == "code" and
                 (c.get("outputs") or c.get("execution_count"))]
        assert dirty == [], f"{path.name}: cells {dirty} have outputs or execution counts"
        assert nb["metadata"]["kernelspec"]["name"] == "python3"
        assert all(c.get("id") for c in nb["cells"]), f"{path.name}: every cell needs a stable id"


# --------------------------------------------------------------------------- the lesson's skeleton


def _sections(text: str) -> list[str]:
    """The numbered section headings (``## 1. …``) of a lesson, in order."""
    return re.findall(r"(?m)^## (\d+)\. ", text)


@by_module(MODULES)
def test_the_lesson_opens_with_its_titles_objectives_situation_and_time(module):
    nb = kit.notebook(module.lesson(kit.ROOT))
    first = kit.source(nb["cells"][0])
    assert first.startswith(f"# {module.heading}\n"), f"the lesson must open with '# {module.heading}'"
    assert f"*« {module.title_fr} »*" in first, "the French heading of the article, in quotes, under the title"
    assert "⏱️" in first and course.time_text(module.minutes) in first, \
        f"the first cell states the time: {course.time_text(module.minutes)}"
    text = kit.markdown_text(nb)
    objectives = text.split("**What you will be able to do**")[1].split("\n## ")[0]
    items = re.findall(r"(?m)^(?:\d+\.|-) \*\*(\w+)\*\*", objectives)
    assert 3 <= len(items) <= 5, "3 to 5 objectives, each starting with a verb in bold"
    assert "\n## The situation\n" in text


@by_module(LESSON_MODULES)
def test_the_lesson_has_numbered_sections_each_with_a_chart(module):
    nb = kit.notebook(module.lesson(kit.ROOT))
    numbers = []
    current, charts = None, {}
    for cell in nb["cells"]:
        text = kit.source(cell)
        if cell["cell_type"] == "markdown":
            for found in re.findall(r"(?m)^## (\d+)\. ", text):
                current = int(found)
                numbers.append(current)
                charts.setdefault(current, 0)
        elif current is not None and re.search(r"\bplots\.\w+\(|\bwidgets\.\w+\(", text):
            charts[current] += 1
    assert numbers == list(range(1, len(numbers) + 1)), "sections are numbered 1, 2, 3 … in order"
    assert 4 <= len(numbers) <= 7, "4 to 6 numbered sections (plus the dashboard's)"
    assert [n for n, count in charts.items() if count == 0] == [], "every numbered section shows a chart"


@by_module(MODULES)
def test_the_lesson_has_a_dashboard_with_a_try_this_that_states_its_settings(module):
    from socialkit.notebooks import cells_tagged, read_notebook

    lesson = read_notebook(module.lesson(kit.ROOT))
    tagged = cells_tagged(lesson, "dashboard")
    tries = [c for c in tagged if c.cell_type == "markdown" and "Try this" in c.source]
    assert tries, "a markdown cell tagged 'dashboard' with a 'Try this' box"
    code = "\n".join(c.source for c in tagged if c.cell_type == "code")
    for name in module.dashboards:
        assert f"widgets.{name}(" in code, f"the lesson's dashboard cell shows widgets.{name}(…)"
    if module.number > 0:
        steps = [s for t in tries for s in re.findall(r"(?m)^> \d+\. (.*)$", t.source)]
        assert len(steps) >= 2, "numbered steps in the Try this box"
        # every step after the first names what to set (it never relies on the previous step's settings)
        for step in steps[1:]:
            assert re.search(r"\*\*[^*]+\*\*", step), f"step without a setting in bold: {step[:80]}"


@by_module(LESSON_MODULES)
def test_the_lesson_ends_with_takeaways_a_sourced_fact_discuss_and_your_turn(module):
    text = kit.markdown_text(kit.notebook(module.lesson(kit.ROOT)))
    for heading in ("## What this means for you as a manager", "## Discuss", "## Your turn"):
        assert f"\n{heading}" in text, f"missing '{heading}'"
    takeaways = text.split("## What this means for you as a manager")[1].split("\n## ")[0]
    fact = takeaways.split("**A real-world fact.**")[1]
    assert re.search(r"Source: [^\n]*(19|20)\d\d", fact), "the real-world fact names its publication and year"
    assert module.exercises(kit.ROOT).relative_to(kit.ROOT).as_posix() in text.split("## Your turn")[1]


@by_module(LESSON_MODULES)
def test_the_lesson_puts_the_manager_first_and_closes_its_story(module):
    """Formulas and caveats in a fold that opens on request; the story's end told; terms linked to the glossary."""
    text = kit.markdown_text(kit.notebook(module.lesson(kit.ROOT)))
    folds = re.findall(r"<details><summary>(.*?)</summary>", text)
    assert folds, "formulas and sources go in a fold: <details><summary>How it is computed …</summary> … </details>"
    assert text.count("<details>") == text.count("</details>")
    assert "**What Café Lumière decided.**" in text, "close the story: what Café Lumière decided and what happened"
    assert "../glossary.md#" in text, "link the terms the lesson introduces to the glossary"
    for link in set(re.findall(r"\.\./glossary\.md#([a-z0-9-]+)", text)):
        glossary = (kit.ROOT / "course" / "glossary.md").read_text(encoding="utf-8")
        assert f'id="{link}"' in glossary, f"the glossary has no entry #{link}"


@by_module(MODULES)
def test_the_facilitator_guide_follows_the_skeleton(module):
    """Before the session (a checklist), timings a program can read, answers, rubric, handing in, sources."""
    from socialkit import guides

    text = module.guide(kit.ROOT).read_text(encoding="utf-8")
    guide = guides.parse(text)
    assert guide.title.startswith(f"Facilitator guide · {module.heading}")
    assert guide.self_paced == course.time_text(module.minutes), "the guide states the course table's time"
    assert len(guide.checklist) >= 2, "a 'Before the session' checklist: '- [ ] …' lines"
    assert "your_name" in guide.handing_in and module.notebook_name in guide.handing_in
    if module.number > 0:
        assert guide.workshop_minutes == 90
        positions = [text.find(f"\n{heading}\n") for heading in guides.SECTIONS]
        assert -1 not in positions and positions == sorted(positions), f"sections in order: {guides.SECTIONS}"


@by_question
def test_hints_point_back_to_the_three_moves(module, question):
    """A question answered with code has a hint naming the move of module 00 it needs (count, keep rows, read one cell)."""
    if module.number == 0 or isinstance(question, (judging.Choice, judging.Date, judging.Decision, judging.Rubric,
                                                    judging.Function)):
        pytest.skip("answered without the three moves")
    assert any(re.search(r"move [123] of module 00", hint) for hint in question.hints), \
        "name the move: e.g. '(move 2 of module 00, keep rows)'"


# --------------------------------------------------------------------------- the exercise notebook against the declarations


@by_module(MODULES)
def test_the_exercise_notebook_opens_with_the_header_the_name_cell_and_the_setup(module):
    nb = kit.notebook(module.solutions(kit.ROOT))
    cells = nb["cells"]
    assert kit.source(cells[0]).startswith(f"# {module.heading}")
    assert re.match(r'your_name = ""  # type your name', kit.source(cells[1])), "the learner's name cell"
    assert kit.nbgrader(cells[1]) == {}, "the name cell is a plain cell: learners edit it, nbgrader leaves it"
    setup = cells[2]
    assert kit.nbgrader(setup).get("grade_id") == "setup" and kit.nbgrader(setup).get("locked")
    assert "from socialkit.checks import check, hint, progress" in kit.source(setup)
    last_code = [c for c in cells if c["cell_type"] == "code"][-1]
    assert kit.source(last_code).strip() == f'progress("{module.slug}")', "the last code cell shows the progress"


@by_module(MODULES)
def test_points_add_up_and_every_question_is_declared_once(module):
    nb = kit.notebook(module.solutions(kit.ROOT))
    questions = checks.questions_of(module.slug)
    graded = [c for c in nb["cells"] if kit.nbgrader(c).get("grade")]
    auto = [c for c in graded if c["cell_type"] == "code"]
    by_hand = [c for c in graded if c["cell_type"] == "markdown"]
    assert [kit.nbgrader(c)["grade_id"] for c in auto] == [f"{q.name}_check" for q in questions]
    auto_points = sum(float(kit.nbgrader(c)["points"]) for c in auto)
    assert auto_points == sum(q.points for q in questions)
    if module.number > 0:
        assert len(questions) >= 5 and auto_points == 10, "≥ 5 auto-graded questions worth 10 points"
        assert [kit.nbgrader(c)["grade_id"] for c in by_hand] == ["reflection"]
        assert float(kit.nbgrader(by_hand[0])["points"]) == 5
        assert kit.nbgrader(by_hand[0]).get("solution"), "the reflection is a written answer cell"


@by_question
def test_the_notebook_matches_the_declaration(module, question):
    """Heading with its points, answer cell ``var = ...  # your answer``, check cell calling check(id, var)."""
    nb = kit.notebook(module.solutions(kit.ROOT))
    answer = kit.grade_cell(nb, question.name)
    test = kit.grade_cell(nb, f"{question.name}_check")
    index = nb["cells"].index(answer)
    heading = next(kit.source(c) for c in reversed(nb["cells"][:index]) if c["cell_type"] == "markdown")
    number = question.name.lstrip("q")
    points = f"{question.points:g} point{'s' if question.points != 1 else ''}"
    assert re.search(rf"(?m)^### Q{number} · .+ \({points}\)$", heading), \
        f"the question's heading reads '### Q{number} · … ({points})'"
    assert kit.nbgrader(answer).get("solution") and not kit.nbgrader(answer).get("grade")
    first_line = kit.source(answer).splitlines()[0]
    assert re.fullmatch(rf"{question.var} = \.\.\.  # your answer.*", first_line), first_line
    assert f"### BEGIN SOLUTION\n{question.var} = " in kit.source(answer)
    meta = kit.nbgrader(test)
    assert meta.get("grade") and meta.get("locked") and float(meta["points"]) == question.points
    assert "raises-exception" in test["metadata"].get("tags", []), "Run All goes on past a failed check"
    text = kit.source(test)
    assert re.match(r'"""[^\n]+"""\n', text), "a one-line docstring saying what the cell checks"
    assert f'check("{question.id}", {question.var})' in text
    assert kit.hidden_tests(test).strip(), "hidden tests decide the points"
    assert "check(" not in kit.hidden_tests(test), "the hidden tests must not rely on check"


@by_question
def test_hints_come_as_a_ladder_of_at_least_two(module, question, capsys):
    assert len(question.hints) >= 2
    for _ in question.hints:
        checks.hint(question.id)
    checks.hint(question.id)
    out = capsys.readouterr()
    assert out.err == ""
    lines = out.out.splitlines()
    assert [line.split(":")[0] for line in lines[:-1]] == \
        [f"💡 Hint {i} of {len(question.hints)}" for i in range(1, len(question.hints) + 1)]
    assert lines[-1].startswith(f"💡 No more hints for {question.id}") and question.section in lines[-1]


@by_question
def test_the_solution_is_right_and_an_untouched_answer_is_not_attempted(module, question, capsys):
    value = kit.solution_namespace(module.slug)[question.var]
    verdict = checks.evaluate(question.id, value)
    assert verdict.ok, f"the solutions notebook's {question.var} = {value!r} is judged: {verdict.message}"
    with pytest.raises(checks.CheckFailed):
        checks.check(question.id, ...)
    out = capsys.readouterr()
    assert out.out.startswith("⏳ Not attempted yet") and out.err == ""


@by_question
def test_check_and_the_hidden_tests_alone_agree_on_every_probe(module, question):
    """✅ from check ⟺ the hidden tests, run alone, give the points; partly right ⟺ the same partial points."""
    nb = kit.notebook(module.solutions(kit.ROOT))
    test = kit.grade_cell(nb, f"{question.name}_check")
    solution = kit.solution_namespace(module.slug)[question.var]
    disagree = []
    for probe in question.probes(solution):
        verdict = checks.evaluate(question.id, probe)
        from_check = verdict.fraction * question.points if verdict.status in ("right", "partial") else 0.0
        from_hidden = kit.hidden_points(test, {question.var: probe})
        if not math.isclose(from_check, from_hidden, abs_tol=1e-9):
            disagree.append((repr(probe)[:60], verdict.status, from_check, from_hidden))
    assert disagree == [], f"check and hidden tests disagree on: {disagree}"
    assert any(checks.evaluate(question.id, p).status == "wrong" for p in question.probes(solution)), \
        "the probes include wrong answers"


@by_question
def test_hidden_tests_do_not_trust_the_learners_own_tables(module, question):
    """A learner who reuses the setup cell's names for their own work still gets the points the check gave."""
    nb = kit.notebook(module.solutions(kit.ROOT))
    test = kit.grade_cell(nb, f"{question.name}_check")
    namespace = kit.solution_namespace(module.slug)
    poisoned = {name: None for name, value in namespace.items() if not name.startswith("_")}
    poisoned[question.var] = namespace[question.var]
    assert kit.hidden_points(test, poisoned) == question.points


@by_question
def test_every_declared_mistake_gets_its_own_message(module, question):
    """Typical mistakes lie far enough apart: typed in full or rounded, each one gets its own message."""
    mistakes = getattr(question, "mistakes", ())
    if not mistakes or not isinstance(question, judging.Number):
        pytest.skip("no numeric typical mistakes declared")
    answer = float(question.answer())
    room = question.mistake_tolerance if question.mistake_tolerance is not None else question.tolerance
    for compute, message in judging.core.mistake_pairs(mistakes, question.answer):
        value = float(compute() if callable(compute) else compute)
        assert not rules.close(value, answer, 2 * question.tolerance), f"a mistake lies on the answer: {message}"
        typed_forms = {value}
        if room:  # typed to as many decimals as the question asks, or one more
            decimals = max(1, math.ceil(-math.log10(room) - 1e-9))
            typed_forms |= {round(value, decimals), round(value, decimals + 1)}
        for typed in typed_forms:
            assert checks.evaluate(question.id, typed).message == message, (typed, message)


@by_question
def test_the_question_file_stores_no_answer(module, question):
    """The package holds no literal answer: numbers are computed from the data; letters are salted digests."""
    import importlib

    path = importlib.import_module(f"socialkit.questions.{module.questions}").__file__
    text = open(path, encoding="utf-8").read()
    value = kit.solution_namespace(module.slug)[question.var]
    if isinstance(question, judging.Choice):
        letter = rules.normalise_choice(value)
        assert rules.choice_digest(question.id, letter) in text
        assert not re.search(rf"answer\w*\s*=\s*['\"]{letter}['\"]", text)
    elif isinstance(question, judging.Date):
        assert f"{rules.as_day(value):%Y-%m-%d}" not in text
    elif isinstance(question, (judging.Number,)):
        assert kit.quoted(text, (float(value), "")) == [], "the answer is written in the question file"


# --------------------------------------------------------------------------- the reflection and its rubric


@by_module(LESSON_MODULES)
def test_the_guides_rubric_is_the_solutions_rubric(module):
    """The rubric is written once, in the solutions notebook; `socialkit build` copies it into the guide."""
    rubric = release.reflection_rubric(module.solutions(kit.ROOT))
    assert "point" in rubric and len(rubric.splitlines()) >= 3
    guide = module.guide(kit.ROOT).read_text(encoding="utf-8")
    assert release.guide_rubric(guide) == rubric, "run `socialkit build` to copy the rubric into the guide"


# --------------------------------------------------------------------------- no answer can be read off the lesson or the room's text


def _answer_figures(module) -> list[tuple[float, str]]:
    """(value, unit) of every numeric answer of a module (numbers and interval ends)."""
    figures = []
    for question in checks.questions_of(module.slug):
        value = kit.solution_namespace(module.slug)[question.var]
        if isinstance(question, judging.Number):
            figures.append((float(value), question.unit.strip()))
        elif isinstance(question, judging.Interval):
            figures += [(float(v), question.unit.strip()) for v in value]
    return figures


@by_module(MODULES)
def test_no_answer_appears_in_the_lesson_text_or_the_room_text(module):
    figures = _answer_figures(module)
    if not figures:
        pytest.skip("no numeric answer")
    lesson = kit.notebook(module.lesson(kit.ROOT))
    room, answers = kit.guide_parts(module.slug)
    for where, text in (("lesson text", kit.markdown_text(lesson)), ("lesson code", kit.code_text(lesson)),
                        ("facilitator guide (outside its answers section)", room)):
        assert kit.quoted(text, *figures) == [], f"an answer can be read in the {where}"
    assert len(kit.quoted(answers, *figures)) >= len(figures), "the guide's answers section gives every answer"


@by_module(MODULES)
def test_no_answer_appears_on_the_dashboards_as_they_open(module):
    """Run the lesson's setup and dashboard cells in-process; the dashboards' opening views quote no answer."""
    figures = _answer_figures(module)
    if not figures or not module.dashboards:
        pytest.skip("no numeric answer or no dashboard")
    from socialkit.notebooks import cells_tagged, read_notebook

    lesson = read_notebook(module.lesson(kit.ROOT))
    namespace: dict = {}
    for cell in cells_tagged(lesson, "setup"):
        kit.run_cell_code(cell.source, namespace)
    for cell in cells_tagged(lesson, "dashboard"):
        if cell.cell_type != "code":
            continue
        board = kit.run_cell_code(cell.source, namespace)
        assert kit.quoted(board.summary.value, *figures) == []
        table = getattr(board, "table", None)
        if table is not None and hasattr(table, "to_numpy") and len(table):
            shown = {round(float(v), 1) for v in table.to_numpy().ravel() if isinstance(v, (int, float))}
            assert not {round(v, 1) for v, _ in figures} & shown, "an answer is in the dashboard's opening view"


# --------------------------------------------------------------------------- slow: real kernels and the real grader, once per module


@pytest.mark.slow
@by_module(MODULES)
def test_the_lesson_runs_top_to_bottom_quietly_and_quotes_no_answer(module, executed_lesson):
    from socialkit.notebooks import stream_text

    executed, seconds = executed_lesson(module.slug)
    print(f"\n{module.slug} lesson: executed in {seconds:.1f} s")
    assert stream_text(executed, "stderr") == ""
    printed = "\n".join(str(o.get("text", "")) + str(o.get("data", {}).get("text/plain", "")) +
                        str(o.get("data", {}).get("text/html", ""))
                        for c in executed.cells for o in c.get("outputs", []))
    assert kit.quoted(printed, *_answer_figures(module)) == [], "an answer is in the lesson's printed output"


@pytest.mark.slow
@by_module([m for m in MODULES if not m.dashboards])
def test_the_presentation_deck_runs(module):
    """`socialkit present` serves the lesson's setup and dashboard cells in projector mode: they run on their
    own and write nothing to stderr. The decks of the modules with dashboards are run in Voilà itself, every
    dashboard waited for, by test_workshop_browser.py (Voilà shows no stderr: a warning never reaches the room)."""
    from socialkit.notebooks import execute_notebook, read_notebook, stream_text
    from socialkit.workshop.decks import dashboard_deck

    deck = dashboard_deck(read_notebook(module.lesson(kit.ROOT)))
    import nbformat

    path = kit.ROOT / "test-output" / "decks" / f"{module.slug}.ipynb"
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(deck, str(path))
    executed, _ = execute_notebook(path, timeout=120, env={"SOCIALKIT_ROOT": str(kit.ROOT), "SOCIALKIT_PROJECTOR": "1"})
    widgets_shown = [o for c in executed.cells for o in c.get("outputs", [])
                     if "application/vnd.jupyter.widget-view+json" in o.get("data", {})]
    assert len(widgets_shown) >= max(1, len(module.dashboards))
    assert stream_text(executed, "stderr") == ""


@pytest.fixture(scope="session")
def graded_modules(tmp_path_factory):
    """Each module graded once per session through the real grader (real nbgrader, no sandbox)."""
    return {"base": tmp_path_factory.mktemp("graded")}


def _graded(graded_modules, module):
    """Grade a perfect learner (the release with the solutions' answers) and an untouched release."""
    if module.slug in graded_modules:
        return graded_modules[module.slug]
    import nbformat

    from grading_cohort import solved
    from socialkit.grading.runner import GradeOptions, grade_cohort
    from socialkit.grading.workspace import Workspace

    ws = Workspace(graded_modules["base"] / module.slug, module.slug)
    release_nb = nbformat.read(str(module.exercises(kit.ROOT)), as_version=4)
    solutions_nb = nbformat.read(str(module.solutions(kit.ROOT)), as_version=4)
    for learner, nb in (("perfect", solved(release_nb, solutions_nb)), ("untouched", release_nb)):
        target = ws.submitted_notebook(learner)
        target.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(nb, str(target))
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("MPLBACKEND", "Agg")
        records = {r.learner: r for r in grade_cohort(ws, GradeOptions(jobs=2, sandbox=False))}
    graded_modules[module.slug] = (ws, records)
    return graded_modules[module.slug]


@pytest.mark.slow
@by_module(MODULES)
def test_the_real_grader_gives_the_answers_full_marks_and_the_release_zero(module, graded_modules):
    ws, records = _graded(graded_modules, module)
    perfect, untouched = records["perfect"], records["untouched"]
    assert perfect.status == "graded" and untouched.status == "graded", (perfect.reason, untouched.reason)
    auto = [q for q in perfect.questions if not q.manual]
    assert auto and all(q.auto_score == q.max_score for q in auto), [(q.grade_id, q.auto_score) for q in auto]
    assert all((q.auto_score or 0) == 0 for q in untouched.questions)


@pytest.mark.slow
@by_module(MODULES)
def test_the_untouched_release_runs_to_the_end_failing_only_its_checks(module, graded_modules):
    """nbclient (as nbgrader) honours raises-exception: each check fails 'not attempted yet', every cell runs."""
    import nbformat

    ws, _ = _graded(graded_modules, module)
    executed = nbformat.read(str(ws.autograded_dir("untouched") / f"{module.notebook_name}.ipynb"), as_version=4)
    errors = [o["ename"] for c in executed.cells for o in c.get("outputs", []) if o["output_type"] == "error"]
    assert errors == ["CheckFailed"] * len(checks.questions_of(module.slug))
    stderr = [o for c in executed.cells for o in c.get("outputs", []) if o.get("name") == "stderr"]
    assert stderr == []
    last = [c for c in executed.cells if c.cell_type == "code"][-1]
    total = len(checks.questions_of(module.slug))
    assert f"0 of {total} right." in "".join(o.get("text", "") for o in last.outputs)
