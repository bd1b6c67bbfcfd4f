"""Shared set-up for browser tests: Debian's Chromium driven by Playwright (see shared/docs/runtime.md)."""

import os

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

# Marks for a browser test module: skipped, with the reason, where Chromium is not installed.
BROWSER_MARKS = [
    pytest.mark.browser,
    pytest.mark.skipif(not os.access(CHROMIUM, os.X_OK), reason=f"needs Debian's Chromium at {CHROMIUM}"),
]
