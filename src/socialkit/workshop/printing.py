"""HTML pages printed to PDF by a Chromium-family browser already on the machine (nothing to download).

Chromium, Google Chrome and Microsoft Edge print a page headless with ``--print-to-pdf``; the page's own
``@page`` rule sets the paper (A4 here). ``SOCIALKIT_BROWSER`` names the browser when it is elsewhere.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome", "msedge",
            "microsoft-edge")
MAC_BROWSERS = ("/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
                "/Applications/Chromium.app/Contents/MacOS/Chromium")
PRINT_TIMEOUT_SECONDS = 120


class NoBrowser(RuntimeError):
    """No Chromium-family browser was found to print PDF files."""


def find_browser() -> str:
    """The path of a Chromium-family browser: ``SOCIALKIT_BROWSER``, one on PATH, or a usual macOS place."""
    named = os.environ.get("SOCIALKIT_BROWSER", "").strip()
    if named:
        found = shutil.which(named) or (named if Path(named).is_file() else None)
        if found:
            return found
        raise NoBrowser(f"SOCIALKIT_BROWSER names {named!r}, which is not a program on this machine.")
    for name in BROWSERS:
        if shutil.which(name):
            return shutil.which(name)
    for path in MAC_BROWSERS:
        if Path(path).is_file():
            return path
    raise NoBrowser("No Chromium, Chrome or Edge found to print the PDF files: open the HTML files in your "
                    "browser and print them, or set SOCIALKIT_BROWSER to the browser's path.")


def print_to_pdf(html: Path, pdf: Path, browser: str | None = None) -> Path:
    """Print the page ``html`` to ``pdf`` with a headless browser; a RuntimeError in plain words if it fails."""
    browser = browser or find_browser()
    html, pdf = Path(html).resolve(), Path(pdf).resolve()
    with tempfile.TemporaryDirectory(prefix="socialkit-print-") as profile:
        command = [browser, "--headless", "--disable-gpu", "--no-first-run", "--no-pdf-header-footer",
                   "--disable-background-networking", "--disable-component-update", "--disable-sync",
                   f"--user-data-dir={profile}", f"--print-to-pdf={pdf}", html.as_uri()]
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            command.insert(1, "--no-sandbox")  # Chromium refuses to run as root with its sandbox
        try:
            subprocess.run(command, capture_output=True, timeout=PRINT_TIMEOUT_SECONDS, check=False)
        except subprocess.TimeoutExpired:
            raise RuntimeError(f"{Path(browser).name} did not print {html.name} within "
                               f"{PRINT_TIMEOUT_SECONDS} s; open the HTML file and print it instead.") from None
    if not pdf.is_file() or pdf.read_bytes()[:5] != b"%PDF-":
        raise RuntimeError(f"{Path(browser).name} did not write {pdf.name}; open {html.name} in a browser and "
                           "print it instead.")
    return pdf


def page_count(pdf: Path) -> int:
    """How many pages a PDF printed by Chromium has (its page tree's ``/Count``)."""
    import re

    counts = [int(n) for n in re.findall(rb"/Count (\d+)", Path(pdf).read_bytes())]
    return max(counts) if counts else 0
