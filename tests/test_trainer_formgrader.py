"""Hand grading as a trainer does it, in headless Chromium: `socialkit mark` opens nbgrader's formgrader on the
answers to mark; the rubric and text written outside the answer cell are on screen; the mark and comment
typed there reach the learner's page after `socialkit report`; formgrader's "Generate Feedback" button
is refused with an explanation and changes nothing."""

from __future__ import annotations

import hashlib
import html
import re
import time
from pathlib import Path

import pytest

from browser_support import chromium_page
from trainer_cohort import ASSIGNMENT, JULES_NOTE, Formgrader, socialkit

pytestmark = [pytest.mark.slow, pytest.mark.browser, pytest.mark.sandbox]
SCREENSHOTS = Path(__file__).resolve().parents[1] / "test-output" / "browser"


def reflection_mark(workspace: Path, learner: str) -> tuple[float | None, str | None]:
    """(hand score, comment) of a learner's reflection in the gradebook."""
    from nbgrader.api import Gradebook

    with Gradebook("sqlite:///" + str(workspace / "gradebook.db")) as gb:
        grade = gb.find_grade("reflection", f"{ASSIGNMENT}_exercises", ASSIGNMENT, learner)
        comment = gb.find_comment("reflection", f"{ASSIGNMENT}_exercises", ASSIGNMENT, learner)
        return grade.manual_score, comment.manual_comment


def test_marking_in_the_formgrader_with_the_rubric_on_screen_reaches_the_learners_page(copy_workspace):
    from socialkit.server import port_is_free

    pages_before = {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in (copy_workspace / "feedback").rglob("*.html")}
    port = next(p for p in range(9100, 9200) if port_is_free(p))
    marker = Formgrader(copy_workspace, port)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    try:
        with chromium_page() as page:
            page.goto(marker.url)  # the address `socialkit mark` printed: the list of submissions
            page.locator("a.name-hidden").first.wait_for(timeout=60_000)
            page.locator("#toggle_names").click()  # formgrader hides names until asked
            page.locator("a.name-shown", has_text="Fabre, Jules").first.wait_for(timeout=30_000)
            page.screenshot(path=str(SCREENSHOTS / "formgrader-list.png"))
            page.locator("a.name-shown", has_text="Fabre, Jules").first.click()
            score = page.locator("input.score#reflection")
            score.wait_for(timeout=60_000)
            body = page.locator("body").inner_text()
            assert "For the marker only" in body and "R1 · 1 point — the backlash, with a figure." in body
            assert JULES_NOTE in body  # the reflection Jules wrote in a new cell, shown to the marker
            page.locator("text=For the marker only").first.scroll_into_view_if_needed()
            page.screenshot(path=str(SCREENSHOTS / "formgrader-jules-rubric.png"))
            score.fill("3.5")
            score.press("Tab")
            comment = page.locator("textarea#reflection-comment")
            comment.fill("R1 R3 Clear figures; name the groups that reacted.")
            comment.press("Tab")
            deadline = time.monotonic() + 30
            while reflection_mark(copy_workspace, "j.fabre") != (3.5, "R1 R3 Clear figures; name the groups that "
                                                                     "reacted.") and time.monotonic() < deadline:
                time.sleep(0.3)
            assert reflection_mark(copy_workspace, "j.fabre") == (3.5, "R1 R3 Clear figures; name the groups that "
                                                                       "reacted.")
            # formgrader's own "Generate Feedback" button: refused, with the reason and what to do instead
            page.goto(f"{marker.base}/formgrader/manage_assignments?token={marker.token}")
            page.locator("td.generate-feedback a").first.click()
            modal = page.locator("#error-modal")
            modal.wait_for(timeout=120_000)
            said = modal.inner_text()
            page.screenshot(path=str(SCREENSHOTS / "formgrader-generate-feedback-refused.png"))
            assert "feedback pages are switched off in this grading workspace" in said
            assert "socialkit report" in said
    finally:
        said = marker.stop()
    assert "Now run: socialkit report 01_listen" in said
    pages_after = {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in (copy_workspace / "feedback").rglob("*.html")}
    assert pages_after == pages_before  # nbgrader touched none of the kit's pages
    socialkit("report", ASSIGNMENT, "--workspace", str(copy_workspace))
    raw = (copy_workspace / "feedback" / "j.fabre" / ASSIGNMENT / f"{ASSIGNMENT}_exercises.html").read_text()
    text = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", raw)).split())
    assert "3.5 / 5" in text and "Your facilitator's comment: Clear figures; name the groups that reacted." in text
    assert "✔ 1 point — the backlash, with a figure." in text and "✗ 1 point — who reacted." in text
