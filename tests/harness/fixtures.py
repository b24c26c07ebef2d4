"""Fixtures every test may use: backends, databases, the clock."""

import os
from collections.abc import AsyncIterator, Iterator
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from db import clock as clock_module
from db.clock import ManualClock
from db.session import SessionFactory, make_engine, make_session_factory
from tests.harness.databases import PostgresTemplates, SqliteTemplates

WIB = ZoneInfo("Asia/Jakarta")
# Voting day, 08:00 WIB: a moment every scenario can reason about.
DEFAULT_NOW = datetime(2024, 11, 27, 8, 0, tzinfo=WIB)


def _postgres_url() -> str | None:
    return os.environ.get("TEST_DATABASE_URL") or None


def _require_postgres() -> bool:
    return os.environ.get("REQUIRE_POSTGRES", "") in ("1", "true", "yes")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Run every database test on SQLite, and on PostgreSQL when it is configured (or required)."""
    if "backend" in metafunc.fixturenames:
        backends = ["sqlite"]
        if _postgres_url() or _require_postgres():
            backends.append("postgres")
        if metafunc.definition.get_closest_marker("postgres_only"):
            backends = ["postgres"]
        metafunc.parametrize("backend", backends, scope="function")


@pytest.fixture(scope="session")
def sqlite_templates(tmp_path_factory: pytest.TempPathFactory) -> SqliteTemplates:
    """Migrated SQLite templates for this session."""
    return SqliteTemplates(tmp_path_factory.mktemp("sqlite-templates"))


@pytest.fixture(scope="session")
def postgres_templates() -> Iterator[PostgresTemplates | None]:
    """PostgreSQL templates, or None when no server is configured (a failure if one is required)."""
    url = _postgres_url()
    if url is None:
        if _require_postgres():
            pytest.fail("REQUIRE_POSTGRES=1 but TEST_DATABASE_URL is not set")
        yield None
        return
    templates = PostgresTemplates(url)
    try:
        templates.check()
    except Exception as exc:
        if _require_postgres():
            pytest.fail(f"PostgreSQL at TEST_DATABASE_URL is unreachable: {exc}")
        yield None
        return
    yield templates
    templates.drop_templates()


@pytest.fixture
def seeded() -> bool:
    """Whether the test database starts with the seed data (override to False in a module to start empty)."""
    return True


@pytest.fixture
async def db_url(backend: str, seeded: bool, tmp_path: Path, sqlite_templates: SqliteTemplates,
                 postgres_templates: PostgresTemplates | None) -> AsyncIterator[str]:
    """A fresh, migrated database for this test, on the parametrised backend."""
    if backend == "sqlite":
        yield sqlite_templates.new_database(tmp_path, seeded=seeded)
        return
    if postgres_templates is None:
        pytest.skip("PostgreSQL not configured (set TEST_DATABASE_URL)")
    name, url = await postgres_templates.new_database(seeded=seeded)
    yield url
    await postgres_templates.drop(name)


@pytest.fixture
async def engine(db_url: str) -> AsyncIterator[AsyncEngine]:
    """The test database's engine."""
    engine = make_engine(db_url)
    yield engine
    await engine.dispose()


@pytest.fixture
def session_factory(engine: AsyncEngine) -> SessionFactory:
    """Sessions on the test database."""
    return make_session_factory(engine)


@pytest.fixture(autouse=True)
def clock() -> Iterator[ManualClock]:
    """The injectable clock, frozen at voting day 08:00 WIB; tests move it."""
    manual = ManualClock(DEFAULT_NOW)
    previous = clock_module.use(manual)
    yield manual
    clock_module.use(previous)
    clock_module.set_display_zone(WIB)  # a test that showed times elsewhere must not leak into the next
