"""What both browser tests share: Debian's Chromium under Playwright, labels, clean-up.

Read /work/shared/reference/practical-notes.md ("Browser tests") for the why of each flag.
"""

import contextlib
from pathlib import Path

import pytest
from django.db import connections
from django.utils import translation
from django.utils.translation import gettext, pgettext
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page, sync_playwright

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
PASSWORD = "hoinghi-test"
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"


def vi(msgid: str) -> str:
    """The text the Vietnamese UI shows (the msgid itself while the catalog is not compiled)."""
    with translation.override("vi"):
        return gettext(msgid)


def nav(msgid: str) -> str:
    """A navigation bar label (translated in the "navigation" context)."""
    with translation.override("vi"):
        return pgettext("navigation", msgid)


@contextlib.contextmanager
def chromium(monkeypatch, *, timeout_ms: int):
    """Yield a function making a fresh page (own cookies: one per person) and the list of problems.

    Fails (never skips) when Chromium is missing. Leave the ORM alone inside the block where
    possible: while Playwright's event loop runs, asgiref's Local gives this thread other
    database connections than outside it; they are closed on the way out, or PostgreSQL could
    not drop the test database at the end of the session.
    """
    if not CHROMIUM.exists():
        pytest.fail(
            f"Chromium not found at {CHROMIUM}: install Debian's `chromium` package "
            "(never `playwright install`), or deselect with -m 'not browser'.",
            pytrace=False,
        )
    # Playwright's sync API runs an event loop in this thread; the ORM would refuse to run here.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        try:
            browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        except PlaywrightError as exc:
            pytest.fail(f"Chromium at {CHROMIUM} did not start: {exc}", pytrace=False)
        problems: list[str] = []

        def new_page() -> Page:
            context = browser.new_context(
                locale="vi-VN", viewport={"width": 1366, "height": 900}, accept_downloads=True
            )
            context.set_default_timeout(timeout_ms)
            page = context.new_page()
            page.on("pageerror", lambda exc: problems.append(f"JavaScript error: {exc}"))
            page.on(
                "response",
                lambda r: (
                    r.status >= 400
                    and r.request.resource_type in {"document", "stylesheet", "script"}
                    and problems.append(f"HTTP {r.status} for {r.url}")
                ),
            )
            return page

        try:
            yield new_page, problems
        finally:
            connections.close_all()
            browser.close()
