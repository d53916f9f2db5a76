"""The dashboards' "Try this" steps name real settings: each bold **Control: value** is a control of the dashboard
the lesson shows (by its label) and a value that control offers, and no step leans on the one before ("same …").

Built as the lesson builds its dashboards (``kit.lesson_dashboards``). Modules 02–04 so far.
"""

from __future__ import annotations

import re

import pytest

from kit import ROOT, lesson_dashboards
from socialkit import course

CHECKED = ("02_speak", "03_debate", "04_expertise")
BOLD = re.compile(r"\*\*(.+?)\*\*")


def try_this_boxes(module) -> list[str]:
    """The lesson's "Try this" boxes, in the order of its dashboards."""
    from socialkit.notebooks import cells_tagged, read_notebook

    lesson = read_notebook(module.lesson(ROOT))
    return [c.source for c in cells_tagged(lesson, "dashboard") if c.cell_type == "markdown" and "Try this" in c.source]


def offered(control) -> list[str]:
    """What a learner can set a control to, as its labels read on screen."""
    options = getattr(control, "options", None)
    if options is not None:
        return [str(o[0] if isinstance(o, tuple) else o) for o in options]
    return []


def unknown_settings(box: str, board) -> list[str]:
    """The box's bold **Control: value** settings that the dashboard has no control or no such value for."""
    wrong = []
    for name, value in [b.split(": ", 1) for b in BOLD.findall(box) if ": " in b]:
        controls = [c for c in board.controls.values() if str(getattr(c, "description", "")).startswith(name)]
        if not controls:
            wrong.append(f"{name}: {value} (no control called {name!r})")
            continue
        control, labels = controls[0], offered(controls[0])
        ends = [v.strip() for v in value.split("–")] if "–" in value else [value.strip()]
        if labels:  # a list, buttons or a slider over labels: every end of the range is one of them
            fine = all(any(label == end or label.startswith(end) for label in labels) for end in ends)
        else:  # a number slider: the ends are numbers inside its range
            fine = all(end.isdigit() and control.min <= int(end) <= control.max for end in ends)
        if not fine:
            wrong.append(f"{name}: {value}")
    return wrong


@pytest.mark.parametrize("slug", CHECKED)
def test_every_bold_setting_is_a_real_control_and_value(slug):
    module = course.get(slug)
    boxes, boards = try_this_boxes(module), lesson_dashboards(module)
    assert len(boxes) == len(boards)
    assert {type(b).__name__: unknown_settings(box, b) for box, b in zip(boxes, boards)
            if unknown_settings(box, b)} == {}


@pytest.mark.parametrize("slug", CHECKED)
def test_no_step_leans_on_the_step_before(slug):
    steps = [s for box in try_this_boxes(course.get(slug)) for s in re.findall(r"(?m)^> \d+\. (.*)$", box)]
    leaning = [s[:80] for s in steps if re.search(r"\bsame \*\*|\bas before\b|\bnow also\b", s)]
    assert leaning == []


def test_the_setting_check_rejects_a_value_the_control_does_not_offer():
    board = lesson_dashboards(course.get("04_expertise"))[0]
    assert unknown_settings("**Platform: TikTok**, **Compare with: Expert**", board) == []
    assert unknown_settings("**Platform: Threads**, **Role: Expert**", board) == [
        "Platform: Threads", "Role: Expert (no control called 'Role')"]
