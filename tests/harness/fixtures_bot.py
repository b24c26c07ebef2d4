"""Fixtures for end-to-end tests: settings, the sandbox with the real Application, the world, the strict check."""

from collections.abc import AsyncIterator, Iterator

import pytest

from bot.config import Settings
from bot.sandbox import Sandbox
from db import clock as clock_module
from db.clock import ManualClock
from db.session import SessionFactory
from tests.harness.telegram import TOKEN, Driver
from tests.harness.world import SUPERADMIN_ID, World


@pytest.fixture
def settings(db_url: str) -> Settings:
    """Settings for the bot under test (no .env is read)."""
    return Settings(_env_file=None, bot_token=TOKEN, database_url=db_url,  # type: ignore[call-arg]
                    superadmin_ids=[SUPERADMIN_ID], default_language="id", log_level="INFO")


@pytest.fixture
async def sandbox(settings: Settings, session_factory: SessionFactory,
                  clock: ManualClock) -> AsyncIterator[Driver]:
    """The simulated Telegram with the real Application attached (message dates follow the test clock)."""
    raw = Sandbox(TOKEN, bot_username="sinergi_test_bot", clock=clock_module.now)
    raw.add_user("Super", last_name="Admin", user_id=SUPERADMIN_ID)  # the settings' super admin exists
    driver = Driver(raw, settings, session_factory)
    await driver.start()
    yield driver
    await driver.stop()


@pytest.fixture
def world(sandbox: Driver, session_factory: SessionFactory) -> World:
    """Arrange people and groups."""
    return World(sandbox.raw, session_factory)


@pytest.fixture(autouse=True)
def strict_telegram(request: pytest.FixtureRequest) -> Iterator[None]:
    """Fail the test when the bot made a call the sandbox rejected, unless the test declared it expected."""
    yield
    driver = request.node.funcargs.get("sandbox") if hasattr(request.node, "funcargs") else None
    if not isinstance(driver, Driver):
        return
    unexpected = driver.raw.unexpected_rejections()
    if unexpected:
        lines = [f"{r.method} -> {r.status} {r.description}" for r in unexpected[:10]]
        pytest.fail("the bot made calls the simulated Telegram rejected:\n" + "\n".join(lines), pytrace=False)
