"""The course glossary: alphabetical, one plain sentence per term, an anchor each, and every link to it resolves.

Links are looked for in every notebook and Markdown page under ``course/``, so later modules are
checked as soon as they link a term.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from socialkit.notebooks import read_notebook

ROOT = Path(__file__).resolve().parents[1]
GLOSSARY = ROOT / "course" / "glossary.md"
ENTRY = re.compile(r'^<a id="(?P<anchor>[^"]+)"></a>\*\*(?P<term>[^*]+)\*\*(?: \((?P<french>[^)]+)\))?: (?P<text>.+)$')
LINK = re.compile(r"\]\((?P<path>[^)\s#]*glossary\.md)(?:#(?P<anchor>[^)\s]+))?\)")
# Terms that modules 00 and 01 use and a beginner may not know (issue 12, item 6).
REQUIRED = ("engagement", "share of voice", "net sentiment", "z-score", "standard deviation", "baseline", "UTC",
            "confusion table", "percentage point", "stakeholder", "kernel", "cell", "widget", "dashboard", "hint",
            "mention", "alert threshold", "rising topic", "lift", "quarter", "condition", "table", "sentiment")


def slug(term: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", term.lower()).strip("-")


@pytest.fixture(scope="module")
def entries() -> list[dict]:
    found = []
    for line in GLOSSARY.read_text(encoding="utf-8").splitlines():
        if line.startswith("<a id="):
            match = ENTRY.match(line)
            assert match, f"not an entry: {line[:80]}"
            found.append(match.groupdict())
    return found


def test_every_required_term_is_there(entries):
    terms = {entry["term"].casefold() for entry in entries}
    assert [term for term in REQUIRED if term.casefold() not in terms] == []


def test_terms_are_in_alphabetical_order(entries):
    terms = [entry["term"].casefold() for entry in entries]
    assert terms == sorted(terms)


def test_each_anchor_is_made_from_its_term(entries):
    assert [(e["term"], e["anchor"]) for e in entries if e["anchor"] != slug(e["term"])] == []


def test_each_entry_is_one_plain_sentence(entries):
    for entry in entries:
        text = re.sub(r"`[^`]*`", "code", entry["text"])  # code may hold dots
        assert text.endswith(".") and not re.search(r"[.!?;]\s", text[:-1]), entry["term"]
        assert len(text.split()) <= 45, entry["term"]


def test_french_terms_are_in_italics(entries):
    for entry in entries:
        if entry["french"]:
            assert re.fullmatch(r"\*[^*]+\*( or \*[^*]+\*)?", entry["french"]), entry["term"]
    assert {e["term"]: e["french"] for e in entries}["Share of voice"] == "*part de voix*"


def course_texts() -> list[tuple[Path, str]]:
    texts = []
    for path in sorted((ROOT / "course").rglob("*")):
        if ".ipynb_checkpoints" in path.parts or path == GLOSSARY:
            continue
        if path.suffix == ".ipynb":
            texts.append((path, "\n".join(c.source for c in read_notebook(path).cells if c.cell_type == "markdown")))
        elif path.suffix == ".md":
            texts.append((path, path.read_text(encoding="utf-8")))
    return texts


def test_every_glossary_link_in_the_course_resolves(entries):
    anchors = {entry["anchor"] for entry in entries}
    links = [(path, match) for path, text in course_texts() for match in LINK.finditer(text)]
    assert links, "no lesson links the glossary yet"
    broken = []
    for path, match in links:
        target = (path.parent / match["path"]).resolve()
        if target != GLOSSARY.resolve() or (match["anchor"] and match["anchor"] not in anchors):
            broken.append(f"{path.relative_to(ROOT)}: {match.group(0)}")
    assert broken == []


def test_the_link_check_catches_a_broken_anchor(entries):
    anchors = {entry["anchor"] for entry in entries}
    match = LINK.search("see [share of voice](../glossary.md#share-of-vioce)")
    assert match and match["anchor"] not in anchors
