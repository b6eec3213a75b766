"""Playwright driving Debian's chromium (a browser download does not work on these machines).

Tests here skip, saying what to install, when chromium or Playwright is missing.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Iterator
from typing import Any

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
# Flags that work on these sandboxed machines with no network but loopback.
FLAGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-dev-shm-usage",
]  # fmt: skip

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make
# between page actions are still plain synchronous code.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(items: list[Any]) -> None:
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    if not os.path.exists(CHROMIUM):
        pytest.skip("browser tests need Debian's chromium: apt-get install chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("browser tests need Playwright: pip install -r requirements-dev.txt")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def http_settings(settings: Any, live_server: Any) -> None:
    # The live server speaks plain HTTP; secure-only cookies would never come back.
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False
    settings.SITE_URL = live_server.url  # links in invitations point at this server


def csp_violations(page: Any) -> list[str]:
    """Collects what the Content-Security-Policy blocked on this page (chromium reports each
    on the console): every walk fails at its end if anything was."""
    found: list[str] = []
    page.on(
        "console",
        lambda message: (
            found.append(message.text)
            if message.type == "error" and "Content Security Policy" in message.text
            else None
        ),
    )
    return found


@contextlib.contextmanager
def _watched(context: Any) -> Iterator[Any]:
    page = context.new_page()
    page.set_default_timeout(15_000)
    blocked = csp_violations(page)
    yield page
    context.close()
    assert blocked == [], "blocked by the Content-Security-Policy: " + "; ".join(blocked)


@pytest.fixture
def phone_page(chromium: Any, live_server: Any, http_settings: None) -> Iterator[Any]:
    context = chromium.new_context(
        viewport={"width": 390, "height": 844}, locale="id-ID", accept_downloads=True
    )
    with _watched(context) as page:
        yield page


@pytest.fixture
def desk_page(chromium: Any, live_server: Any, http_settings: None) -> Iterator[Any]:
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="id-ID")
    with _watched(context) as page:
        yield page


def log_in(page: Any, base: str, identifier: str, password: str) -> None:
    """Sign in through the login form, as a person would."""
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Email atau nomor HP").fill(identifier)
    page.get_by_label("Kata sandi").fill(password)
    page.get_by_role("button", name="Masuk").click()
