"""Debian's Chromium driven by Playwright, for the explorer's tests and its benchmark.

The browser is the system's /usr/bin/chromium (`make test` installs Debian's package), never one
that Playwright downloads. Every request the page makes is recorded, and any that would leave
loopback is aborted and recorded as blocked, so that a test can prove the page stays on its
own origin.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import Browser, Page, Route, sync_playwright

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
LOOPBACK = {"127.0.0.1", "localhost", "[::1]", "::1"}
AXE = Path(__file__).resolve().parents[1] / "frontend/explorer/node_modules/axe-core/axe.min.js"


@dataclass
class Requests:
    seen: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)

    def guard(self, route: Route) -> None:
        url = route.request.url
        self.seen.append(url)
        if urlsplit(url).hostname in LOOPBACK or url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort()


@contextlib.contextmanager
def chromium() -> Iterator[Browser]:
    assert CHROMIUM.exists(), f"{CHROMIUM} is missing: `make test` installs Debian's chromium"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            yield browser
        finally:
            browser.close()


def guarded_page(browser: Browser, requests: Requests, width: int = 1500) -> Page:
    context = browser.new_context(viewport={"width": width, "height": 1100})
    context.route("**/*", requests.guard)
    return context.new_page()
