"""What the tests share about the kit's notebooks: reading cells, running answer cells and hidden tests.

Used by the generic module contract (``test_module_contract.py``) and by each module's own tests
(``tests/modules/``). Everything here runs in-process (no kernel), so it is fast.
"""

from __future__ import annotations

import ast
import functools
import json
import os
import re
from pathlib import Path
from typing import Any

from socialkit import course

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
ANSWERS_HEADING = "### Answers (for you only: never project them or hand them out)"


def available_modules() -> list[course.Module]:
    """The modules of the course table that exist in this kit (their lesson is there)."""
    return course.available(ROOT)


def module_ids(modules) -> list[str]:
    """Test ids: the module slugs (so ``-k 05_time`` selects one module)."""
    return [m.slug for m in modules]


@functools.cache
def notebook(path: Path) -> dict:
    """A notebook's JSON (cached: tests only read)."""
    return json.loads(Path(path).read_text(encoding="utf-8"))


def source(cell: dict) -> str:
    """A cell's source as one string."""
    return "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]


def nbgrader(cell: dict) -> dict:
    """A cell's nbgrader metadata (empty if none)."""
    return cell.get("metadata", {}).get("nbgrader", {})


def grade_cell(nb: dict, grade_id: str) -> dict:
    """The cell with this nbgrader grade id."""
    found = [c for c in nb["cells"] if nbgrader(c).get("grade_id") == grade_id]
    assert len(found) == 1, f"expected one cell with grade_id {grade_id!r}, found {len(found)}"
    return found[0]


def markdown_text(nb: dict) -> str:
    """All markdown of a notebook, one string."""
    return "\n".join(source(c) for c in nb["cells"] if c["cell_type"] == "markdown")


def code_text(nb: dict) -> str:
    """All code of a notebook, one string."""
    return "\n".join(source(c) for c in nb["cells"] if c["cell_type"] == "code")


def hidden_tests(cell: dict) -> str:
    """The hidden-test block of a test cell (between the nbgrader markers)."""
    text = source(cell)
    assert "### BEGIN HIDDEN TESTS" in text, "no hidden tests in this test cell"
    return text.split("### BEGIN HIDDEN TESTS")[1].split("### END HIDDEN TESTS")[0]


def run_cell_code(code: str, namespace: dict, name: str = "<cell>") -> Any:
    """Run code as a notebook cell does: every statement, and return the last expression's value (or None)."""
    tree = ast.parse(code)
    last = None
    if tree.body and isinstance(tree.body[-1], ast.Expr):
        last = ast.Expression(tree.body.pop().value)
    exec(compile(tree, name, "exec"), namespace)  # noqa: S102 - the kit's own notebooks
    if last is not None:
        return eval(compile(last, name, "eval"), namespace)  # noqa: S307
    return None


def hidden_outcome(cell: dict, answers: dict) -> tuple[bool, Any]:
    """Run a test cell's hidden tests ALONE on the given answers: (passed, the value of its last line).

    Alone means without the visible ``check`` line, as when a learner has redefined ``check``:
    nbgrader then decides on the hidden tests only.
    """
    try:
        value = run_cell_code(hidden_tests(cell), dict(answers), "<hidden tests>")
    except Exception:  # an AssertionError, or any error a strange value causes: 0 points
        return False, None
    return True, value


def hidden_points(cell: dict, answers: dict) -> float:
    """The points nbgrader would give the hidden tests alone: 0 on an error, the cell's output if it is a
    number (partial credit), else the cell's full points."""
    points = float(nbgrader(cell)["points"])
    passed, value = hidden_outcome(cell, answers)
    if not passed:
        return 0.0
    if value is None:
        return points
    return max(0.0, min(points, float(value)))


@functools.cache
def solution_namespace(slug: str) -> dict:
    """Run the solutions notebook's setup and answer cells in-process; the names they define."""
    import matplotlib

    matplotlib.use("Agg")
    import contextlib
    import io

    os.environ.setdefault("SOCIALKIT_ROOT", str(ROOT))
    nb = notebook(course.get(slug).solutions(ROOT))
    namespace: dict = {}
    with contextlib.redirect_stdout(io.StringIO()):  # the setup cell's "Ready" line is not the test's output
        for cell in nb["cells"]:
            meta = nbgrader(cell)
            if cell["cell_type"] == "code" and (meta.get("grade_id") == "setup" or
                                                (meta.get("solution") and not meta.get("grade"))):
                run_cell_code(source(cell), namespace, f"<{slug} {meta.get('grade_id')}>")
    return namespace


def guide_parts(slug: str) -> tuple[str, str]:
    """(what a facilitator may show or say to the room, the answers section for the facilitator only)."""
    guide = course.get(slug).guide(ROOT).read_text(encoding="utf-8")
    if ANSWERS_HEADING not in guide:
        return guide, ""
    start = guide.index(ANSWERS_HEADING)
    end = guide.find("\n## ", start)
    end = len(guide) if end < 0 else end
    return guide[:start] + guide[end:], guide[start:end]


def printed_forms(value: float, unit: str = "") -> list[str]:
    """Patterns for the ways a figure could be printed or quoted: 56.2, 56,2, 56.22, 56 % (+7 for a score)."""
    before, after = r"(?<![\d.,])", r"(?![\d])"
    whole, tenths = f"{abs(value):.1f}".split(".")
    sign = r"(?<![−-])" if value >= 0 else "[−-]"  # 7.0 is not −7.0
    hundredths = f"{abs(value):.2f}".split(".")[1]
    forms = [before + sign + whole + "[.,]" + tenths + after, before + sign + whole + "[.,]" + hundredths + after]
    if float(value).is_integer() and abs(value) >= 100:  # a count: 20115, 20,115, 20 115
        grouped = f"{int(abs(value)):,}"
        forms += [before + sign + str(int(abs(value))) + after,
                  before + sign + grouped.replace(",", "[, \u202f\u00a0]?") + after]
    if unit == "%":
        forms.append(before + f"{value:.0f}" + r" ?%")
    elif value > 0 and unit == "points":
        forms.append(r"\+" + f"{value:.0f}" + r"(?![\d.,])")
    return forms


def quoted(text: str, *values_and_units) -> list[str]:
    """The forms of the given figures that ``text`` contains (none for a figure it does not quote)."""
    return [form for value, unit in values_and_units for form in printed_forms(value, unit)
            if re.search(form, text)]


def assert_quotes(text: str, template: str, *values) -> None:
    """Assert ``text`` contains ``template`` filled with ``values`` (a figure quoted in prose is the data's)."""
    expected = template.format(*values).replace("-", "−") if "−" in template else template.format(*values)
    assert expected in text, f"the text should say {expected!r}"


# --------------------------------------------------------------------------- judging answers in module tests


def verdict(question_id: str, value: Any):
    """The check's verdict on one answer (no printing)."""
    from socialkit import checks

    return checks.evaluate(question_id, value)


def assert_right(question_id: str, value: Any) -> None:
    """The check accepts ``value``."""
    result = verdict(question_id, value)
    assert result.status == "right", result.message


def assert_wrong(question_id: str, value: Any, *fragments: str) -> None:
    """The check refuses ``value`` with a message holding every fragment."""
    result = verdict(question_id, value)
    assert result.status == "wrong", f"{value!r} was accepted: {result.message}"
    for fragment in fragments:
        assert fragment in result.message, result.message


def lesson_dashboards(module) -> list:
    """The module's dashboards built as its lesson builds them: its ``setup`` and ``dashboard`` code cells run in-process."""
    from socialkit.notebooks import cells_tagged, read_notebook

    lesson = read_notebook(module.lesson(ROOT))
    namespace: dict = {}
    for cell in cells_tagged(lesson, "setup"):
        exec(compile(cell.source, f"<{module.slug} setup>", "exec"), namespace)  # noqa: S102
    boards = []
    for cell in cells_tagged(lesson, "dashboard"):
        if cell.cell_type == "code":
            lines = cell.source.strip().splitlines()
            exec(compile("\n".join(lines[:-1]), f"<{module.slug} dashboard>", "exec"), namespace)  # noqa: S102
            boards.append(eval(compile(lines[-1], f"<{module.slug} dashboard>", "eval"), namespace))  # noqa: S307
    return boards
