"""Playwright fixtures: Debian's Chromium at phone size against pytest-django's live server."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
# Playwright cannot download its own browser here; Debian's build needs these flags in containers.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
PHONE = {"width": 360, "height": 740}


def _fits_the_phone(page: Any) -> bool:
    """No sideways scrolling on the phone's screen. (On a mobile viewport window.innerWidth
    grows with a page that is too wide, so the page is compared with the screen instead.)"""
    return bool(page.evaluate("document.documentElement.scrollWidth <= screen.width"))


@pytest.fixture
def fits_the_phone() -> Callable[[Any], bool]:
    """The check that a page has no sideways scrolling on the phone."""
    return _fits_the_phone


@pytest.fixture
def demo_data(transactional_db: None) -> None:
    """The seeded regions and candidates, when the demo loader exists; the page works without."""
    try:
        from posko.core.demo import load_demo_data

        for _line in load_demo_data():
            pass
    except ImportError:
        pass


@pytest.fixture
def browser(live_server: Any, demo_data: None) -> Iterator[Any]:
    """A headless Chromium for one test.

    Started after the database is ready and stopped before it is flushed: Playwright's sync API
    runs an asyncio loop in this thread, and Django refuses ORM calls while one is running.
    """
    if not CHROMIUM.exists():
        pytest.skip(f"browser tests need Debian's chromium at {CHROMIUM} (`make browser`)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


def _page(browser: Any, live_server: Any, **options: Any) -> Iterator[Any]:
    # No locale: Chromium asks for en-US, as many Indonesian phones do, and the UI must still
    # be Indonesian (posko/core/locale.py); English is a choice on the language switch.
    context = browser.new_context(
        base_url=live_server.url,
        viewport=PHONE,
        is_mobile=True,
        has_touch=True,
        **options,
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    # A blocked inline style or script shows up only as a console error: collect them to assert.
    page.csp_errors = []
    page.on(
        "console",
        lambda msg: "Content Security Policy" in msg.text and page.csp_errors.append(msg.text),
    )
    yield page
    context.close()


@pytest.fixture
def phone(browser: Any, live_server: Any) -> Iterator[Any]:
    """A page in a 360x740 touch-screen context."""
    yield from _page(browser, live_server)


@pytest.fixture
def phone_without_js(browser: Any, live_server: Any) -> Iterator[Any]:
    """The same phone with JavaScript switched off."""
    yield from _page(browser, live_server, java_script_enabled=False)


@pytest.fixture
def enforce_two_factor() -> None:
    """Browser walks log in like a person: through the real second factor (see conftest.py)."""
