"""Fixtures of the web admin tests: the app on the sandbox bot, an HTTP client, accounts, a live server, a browser.

The web app gets the same bot (the sandbox's Application's `bot`, for getFile) and session factory as the bot
under test, exactly as `python -m bot` wires them. Browser tests drive Debian's chromium with Playwright; without
a chromium they are skipped with a message, unless REQUIRE_BROWSER=1 (CI), where a missing one is a failure.
"""

import os
import shutil
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from bot.config import Settings
from bot.web.app import create_web_app
from bot.web.server import WebServer, listen
from db import webaccounts
from db.models import WebRole
from db.session import SessionFactory
from tests.harness.telegram import Driver

ORIGIN = "http://admin.test"
PASSWORD = "correct horse battery staple"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.fixture
def web_app(settings: Settings, session_factory: SessionFactory, sandbox: Driver) -> Any:
    """The web admin on the bot under test."""
    assert sandbox.app is not None
    return create_web_app(settings, session_factory, sandbox.app.bot)


@pytest.fixture
async def client(web_app: Any) -> AsyncIterator[httpx.AsyncClient]:
    """An HTTP client of the web app, in-process, sending this app's Origin on every request (as a browser
    does on its own pages)."""
    transport = httpx.ASGITransport(app=web_app)
    async with httpx.AsyncClient(transport=transport, base_url=ORIGIN, headers={"Origin": ORIGIN}) as http:
        yield http
    await web_app.state.exports.close()


async def make_account(session_factory: SessionFactory, username: str, role: WebRole, agency: str | None = None,
                       *, stakeholder_tg_id: int | None = None, language: str = "id") -> None:
    """A web account with the test password."""
    async with session_factory() as session, session.begin():
        await webaccounts.create(session, username=username, password=PASSWORD, role=role, agency_code=agency,
                                 stakeholder_tg_id=stakeholder_tg_id, language=language)


async def login(http: httpx.AsyncClient, username: str, password: str = PASSWORD) -> httpx.Response:
    """Sign in through the form; returns the response (303 to the incidents on success)."""
    return await http.post("/admin/login", data={"username": username, "password": password})


@pytest.fixture
async def live_server(web_app: Any) -> AsyncIterator[str]:
    """The web app served by uvicorn on a free port, in this test's event loop; yields its root URL."""
    server = WebServer(web_app, listen("127.0.0.1", 0))
    server.start()
    yield f"http://127.0.0.1:{server.port}"
    await server.stop()


def _browser_required() -> bool:
    return os.environ.get("REQUIRE_BROWSER", "") in ("1", "true", "yes")


def _missing_browser() -> str | None:
    """Why there is no browser to test with, or None."""
    if not (shutil.which(CHROMIUM) or os.path.exists(CHROMIUM)):
        return f"no chromium at {CHROMIUM} (apt-get install chromium)"
    try:
        import playwright.async_api  # noqa: F401
    except ImportError:
        return "Playwright is not installed (pip install -e '.[dev]')"
    return None


@pytest.fixture
async def browser() -> AsyncIterator[Any]:
    """Debian's chromium driven by Playwright (skipped without one, unless REQUIRE_BROWSER=1)."""
    missing = _missing_browser()
    if missing is not None:
        if _browser_required():
            pytest.fail(f"REQUIRE_BROWSER=1 but {missing}")
        pytest.skip(f"browser tests skipped: {missing}; .ci/run installs chromium and sets REQUIRE_BROWSER=1")
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        launched = await playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            await launched.close()
