"""Every facilitator guide of the course table can run a workshop: a checklist before the session, hand-in
instructions, a plan whose last slot points to them (``guides.delivery_problems``), read the way
`socialkit agenda` reads them. Modules not written yet (no lesson) are skipped until they arrive.
"""

from __future__ import annotations

import pytest

import kit
from socialkit import course, guides


@pytest.mark.parametrize("module", course.MODULES, ids=[m.slug for m in course.MODULES])
def test_every_guide_in_the_course_table_has_a_checklist_and_hand_in_steps(module):
    if not module.is_available(kit.ROOT):
        pytest.skip(f"{module.slug} has no lesson yet")
    path = module.guide(kit.ROOT)
    assert path.is_file(), f"{path.relative_to(kit.ROOT)} is missing"
    guide = guides.read(path)
    assert guides.delivery_problems(guide) == []
    assert module.notebook_name in guide.handing_in, "the hand-in steps name the notebook's file"


GOOD = """# Facilitator guide · Module 1 · Learn to listen

## Before the session

- [ ] Install the kit on every laptop.
- [ ] Decide how learners hand in their notebook (see "Handing in").

## Timings

**Self-paced:** about 2 hours.

**Workshop (90 minutes):**

| min | what | how |
|---|---|---|
| 0–50 | Lesson | Run the cells. |
| 50–70 | Exercises | Each learner on their own laptop. |
| 70–90 | Wrap-up | Read out the hand-in steps (see "Handing in"). |

## Handing in

1. Learners type their name in the `your_name = ""` cell.
2. They save and send you `01_listen_exercises.ipynb` by e-mail.
"""


def test_a_complete_guide_has_no_problem():
    assert guides.delivery_problems(guides.parse(GOOD)) == []


@pytest.mark.parametrize(("change", "problem"), [
    (lambda t: t.replace("- [ ] Decide how learners hand in their notebook (see \"Handing in\").\n", ""),
     "at least two"),
    (lambda t: t.replace("Decide how learners hand in their notebook (see \"Handing in\").", "Test the projector."),
     "decide how learners hand in"),
    (lambda t: t.split("## Handing in")[0], "'## Handing in' is missing"),
    (lambda t: t.replace("`your_name = \"\"` cell", "first cell"), "your_name"),
    (lambda t: t.replace("send you", "keep").replace("by e-mail", ""), "how learners send"),
    (lambda t: t.replace("Read out the hand-in steps (see \"Handing in\").", "The six takeaways; hand-in instructions."),
     "does not point to the hand-in steps"),
    (lambda t: t.replace("Each learner on their own laptop.", "Pairs; one laptop each."), "pairs and one laptop each"),
])
def test_each_gap_the_trainer_found_is_named(change, problem):
    """Guide 01's old gaps (no checklist, 'pairs; one laptop each', a wrap-up without the instructions) are caught."""
    problems = guides.delivery_problems(guides.parse(change(GOOD)))
    assert any(problem in found for found in problems), problems
