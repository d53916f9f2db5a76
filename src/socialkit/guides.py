"""Reading a facilitator guide as data: its times, its workshop plan, its checklist and hand-in steps.

Guides are Markdown written for people (``facilitator/<slug>.md``); their structure is fixed enough
for code to read (agendas, handouts, the module contract test):

- ``## Before the session``: a checklist, one ``- [ ] …`` line per item;
- ``## Timings``: ``**Self-paced:** about …`` and ``**Workshop (90 minutes):**`` over a table
  ``| min | what | how |`` whose rows run ``0–5``, ``5–20`` … to the end without a gap;
- ``## Handing in``: what learners hand in, and how.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

SECTIONS = ("## Before the session", "## Timings", "## Running the dashboard live",
            "## Where learners get stuck (exercises)", "### Answers (for you only: never project them or hand them out)",
            "## Discussion guidance", "## Reflection: marking rubric (5 points)", "## Handing in",
            "## Sources used in the lesson")


@dataclass(frozen=True)
class Slot:
    """One row of a workshop plan: from ``start`` to ``end`` minutes, what happens and how."""

    start: int
    end: int
    what: str
    how: str

    @property
    def minutes(self) -> int:
        """How long the slot lasts."""
        return self.end - self.start


@dataclass
class Guide:
    """What code needs from a facilitator guide."""

    title: str
    self_paced: str
    workshop_minutes: int
    plan: list[Slot] = field(default_factory=list)
    checklist: list[str] = field(default_factory=list)
    handing_in: str = ""


def section(text: str, heading: str) -> str:
    """The body of a ``## heading`` (up to the next heading of the same level), or "" when absent."""
    level = heading.split(" ")[0]
    match = re.search(rf"(?m)^{re.escape(heading)}\s*$", text)
    if not match:
        return ""
    rest = text[match.end():]
    end = re.search(rf"(?m)^{level} ", rest)
    return rest[:end.start() if end else len(rest)].strip()


def parse(text: str) -> Guide:
    """Read a guide's text; a ValueError names what is missing or malformed."""
    title = text.splitlines()[0].lstrip("# ").strip() if text.strip() else ""
    timings = section(text, "## Timings")
    if not timings:
        raise ValueError("the guide has no '## Timings' section")
    paced = re.search(r"\*\*Self-paced:\*\* (about [^.—\n(]+)", timings)
    workshop = re.search(r"\*\*Workshop \((\d+) minutes\):\*\*", timings)
    if not paced or not workshop:
        raise ValueError("'## Timings' needs '**Self-paced:** about …' and '**Workshop (N minutes):**'")
    plan = []
    for row in re.findall(r"(?m)^\|\s*(\d+)[–-](\d+)\s*\|([^|]*)\|([^|]*)\|\s*$", timings):
        plan.append(Slot(int(row[0]), int(row[1]), row[2].strip(), row[3].strip()))
    total = int(workshop.group(1))
    if not plan or plan[0].start != 0 or plan[-1].end != total or \
            any(a.end != b.start for a, b in zip(plan, plan[1:])) or any(s.minutes <= 0 for s in plan):
        raise ValueError(f"the workshop plan must run from 0 to {total} minutes without gaps or overlaps")
    checklist = re.findall(r"(?m)^- \[ \] (.+)$", section(text, "## Before the session"))
    return Guide(title=title, self_paced=paced.group(1).strip(), workshop_minutes=total, plan=plan,
                 checklist=checklist, handing_in=section(text, "## Handing in"))


def read(path: Path) -> Guide:
    """Parse the guide at ``path``."""
    return parse(Path(path).read_text(encoding="utf-8"))


def delivery_problems(guide: Guide) -> list[str]:
    """What a facilitator would miss when running the module from this guide; [] when nothing.

    A checklist "before the session" (at least two items, one of them on how learners hand in); hand-in
    instructions that name the ``your_name`` cell and say how to send the notebook; a last slot of the
    workshop plan that points to them; and no slot that asks for pairs and one laptop each at once.
    """
    problems = []
    if len(guide.checklist) < 2:
        problems.append("'## Before the session' needs a checklist of at least two '- [ ] …' items")
    elif not any("hand" in item.lower() for item in guide.checklist):
        problems.append("the checklist before the session does not say to decide how learners hand in")
    steps = guide.handing_in.lower()
    if not steps:
        problems.append("'## Handing in' is missing: learners need to know what to send and how")
    else:
        if "your_name" not in steps:
            problems.append("'## Handing in' does not name the `your_name` cell learners fill in")
        if not any(word in steps for word in ("send", "submit", "e-mail", "upload")):
            problems.append("'## Handing in' does not say how learners send their notebook")
    if guide.plan and "handing in" not in (guide.plan[-1].what + guide.plan[-1].how).lower():
        problems.append(f"the last slot of the plan ({guide.plan[-1].what}) does not point to the hand-in steps "
                        "(see \"Handing in\")")
    for slot in guide.plan:
        text = f"{slot.what} {slot.how}".lower()
        if "pairs" in text and "one laptop each" in text:
            problems.append(f"slot {slot.start}–{slot.end} asks for pairs and one laptop each at once")
    return problems
