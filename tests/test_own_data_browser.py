"""End to end in headless Chromium: the "your own data" notebook in JupyterLab, a real export uploaded with the
FileUpload button, the report read on the page, and the post-mix explorer opened on the learner's data."""

from __future__ import annotations

from pathlib import Path

import pytest
from browser_support import open_and_run_all
from real_exports import REAL_EXPORTS

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SCREENSHOTS = Path(__file__).resolve().parents[1] / "test-output" / "browser"
EXPORT = REAL_EXPORTS / "x_analytics_tweet_activity_2021.csv"


def test_a_real_export_uploaded_in_jupyterlab_opens_the_post_mix_explorer(lab, page):
    if not EXPORT.is_file():
        pytest.skip(f"the real exports are not beside the clone ({REAL_EXPORTS}); see shared/real-exports/SOURCES.md")
    url, token = lab
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    open_and_run_all(page, url, token, "course/own_data/own_data.ipynb")
    button = page.locator("button.widget-upload").first
    button.wait_for(timeout=180_000)
    with page.expect_file_chooser() as chooser:  # the browser's "choose a file" dialog, answered with the file
        button.click()
    chooser.value.set_files(str(EXPORT))
    report = page.locator(".widget-html", has_text="was read as").first
    report.wait_for(timeout=60_000)
    assert "X (Twitter) Analytics, tweet activity" in report.inner_text()
    assert "200 row(s) of your own posts" in report.inner_text()
    opener = page.get_by_role("button", name="Open the post-mix explorer")
    opener.scroll_into_view_if_needed()
    opener.click()
    board = page.locator(".socialkit-dashboard").first
    board.locator(".widget-output img").first.wait_for(state="visible", timeout=60_000)
    board.scroll_into_view_if_needed()
    assert "X (Twitter), 15–31 August 2021" in board.inner_text()
    assert page.get_by_role("button", name="Open the listening dashboard").is_disabled()
    page.screenshot(path=str(SCREENSHOTS / "own_data_post_mix.png"))
