"""The package's layers: no file imports a part on a higher floor, and the parts import each other without a cycle.

The floors are AUTHORING.md's table; a new top-level part of ``socialkit`` must be given a floor here.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "socialkit"
FLOORS = {
    "paths": 0, "course": 0, "schema": 0, "vocab": 0, "judging.words": 0, "judging.rules": 0, "notebooks": 0,
    "guides": 0, "slips": 0, "room.link": 0, "lan": 0,
    "nbconfig": 1, "data": 1, "datagen": 1, "exports": 1, "reference": 1,
    "analytics": 2, "sentiment": 2,
    "plots": 3,
    "widgets": 4, "judging": 4,
    "questions": 5,
    "checks": 6,
    "release": 7, "present": 7, "server": 7, "kernelspecs": 7, "grading": 7, "hub": 7, "progress": 6, "room": 7, "workshop": 7, "cli": 8,
}


def part_of(module: str) -> str:
    """The part a dotted module name belongs to: ``socialkit.analytics.listening`` → ``analytics``."""
    names = module.split(".")[1:]
    if not names:
        return ""
    two = ".".join(names[:2])
    return two if two in FLOORS else names[0]


def imports_of(path: Path, module: str | None = None) -> set[str]:
    """Every ``socialkit…`` module a file imports (at the top or inside a function), absolute names."""
    if module is None:
        module = "socialkit." + ".".join(path.relative_to(PACKAGE).with_suffix("").parts)
    module = module.removesuffix(".__init__")
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("socialkit")}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                name = ".".join(base + ([node.module] if node.module else []))
            else:
                name = node.module or ""
            if name.startswith("socialkit"):
                found |= {f"{name}.{a.name}" if name == "socialkit" else name for a in node.names}
    return found


FILES = sorted(p for p in PACKAGE.rglob("*.py") if p.name != "__init__.py" or p.parent != PACKAGE)


def test_every_part_has_a_floor():
    parts = {part_of("socialkit." + ".".join(p.relative_to(PACKAGE).with_suffix("").parts)) for p in FILES}
    assert sorted(parts - set(FLOORS)) == [], "give each new part of socialkit a floor in tests/test_layers.py"


@pytest.mark.parametrize("path", FILES, ids=[p.relative_to(PACKAGE).as_posix() for p in FILES])
def test_no_file_imports_a_higher_floor(path):
    here = part_of("socialkit." + ".".join(path.relative_to(PACKAGE).with_suffix("").parts))
    upward = [name for name in imports_of(path) if FLOORS.get(part_of(name), 0) > FLOORS[here]]
    assert upward == [], f"{here} (floor {FLOORS[here]}) imports a higher floor: {upward}"


def test_the_parts_import_each_other_without_a_cycle():
    graph: dict[str, set[str]] = {}
    for path in FILES:
        here = part_of("socialkit." + ".".join(path.relative_to(PACKAGE).with_suffix("").parts))
        graph.setdefault(here, set()).update(p for p in map(part_of, imports_of(path)) if p and p != here)
    seen, stack = set(), []

    def visit(node):
        if node in stack:
            raise AssertionError(f"import cycle: {' → '.join(stack[stack.index(node):] + [node])}")
        if node in seen:
            return
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            visit(nxt)
        stack.pop()
        seen.add(node)

    for node in sorted(graph):
        visit(node)


def test_the_checker_sees_an_upward_import(tmp_path):
    """(The test can fail) a file of floor 2 importing floor 4 is found."""
    bad = tmp_path / "analytics_bad.py"
    bad.write_text("from socialkit import widgets\nimport socialkit.checks\n")
    found = {part_of(n) for n in imports_of(bad, "socialkit.analytics.bad")}
    assert {p for p in found if FLOORS[p] > FLOORS["analytics"]} == {"widgets", "checks"}
