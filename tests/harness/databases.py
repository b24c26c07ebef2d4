"""Test databases: a migrated, seeded template per backend per session; a fresh copy for every test.

SQLite: the template file is copied. PostgreSQL (when TEST_DATABASE_URL is set): `CREATE DATABASE ...
TEMPLATE ...` gives each test its own database in a fraction of a second. Schemas are made by Alembic only.
"""

import asyncio
import logging
import os
import shutil
import threading
import uuid
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TypeVar

from alembic import command
from alembic.config import Config
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

from db.seed import load_seed
from db.session import make_engine, make_session_factory

ROOT = Path(__file__).resolve().parents[2]
T = TypeVar("T")


def run_sync(factory: Callable[[], Awaitable[T]]) -> T:
    """Run a coroutine to completion in a thread of its own (safe whether or not a loop is running here)."""
    result: list[T] = []
    errors: list[BaseException] = []

    def target() -> None:
        try:
            result.append(asyncio.run(factory()))  # type: ignore[arg-type]
        except BaseException as exc:  # re-raised in the caller
            errors.append(exc)

    thread = threading.Thread(target=target)
    thread.start()
    thread.join()
    if errors:
        raise errors[0]
    return result[0]


def alembic_config(url: str) -> Config:
    """An Alembic config for `url` that leaves the test's logging alone."""
    config = Config(str(ROOT / "alembic.ini"))
    config.set_main_option("script_location", str(ROOT / "alembic"))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    config.attributes["configure_logger"] = False
    return config


def migrate(url: str, revision: str = "head") -> None:
    """`alembic upgrade` (in a thread: env.py runs its own event loop)."""
    threading_run(lambda: command.upgrade(alembic_config(url), revision))


def threading_run(fn: Callable[[], object]) -> None:
    """Run a blocking function in a fresh thread and wait (Alembic's env.py calls asyncio.run)."""
    errors: list[BaseException] = []

    def target() -> None:
        try:
            fn()
        except BaseException as exc:
            errors.append(exc)

    thread = threading.Thread(target=target)
    thread.start()
    thread.join()
    if errors:
        raise errors[0]


async def seed(url: str) -> None:
    """Load the seed data into the database at `url`."""
    engine = make_engine(url)
    try:
        async with make_session_factory(engine)() as session, session.begin():
            await load_seed(session)
    finally:
        await engine.dispose()


class SqliteTemplates:
    """A migrated (and a migrated + seeded) SQLite file to copy for each test."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self._paths: dict[bool, Path] = {}

    def template(self, seeded: bool) -> Path:
        """The template file, made on first use."""
        if seeded not in self._paths:
            path = self.directory / f"template-{'seeded' if seeded else 'empty'}.db"
            url = f"sqlite+aiosqlite:///{path}"
            migrate(url)
            if seeded:
                run_sync(lambda: seed(url))
            self._paths[seeded] = path
        return self._paths[seeded]

    def new_database(self, directory: Path, *, seeded: bool = True) -> str:
        """Copy the template for one test and return its URL."""
        target = directory / f"test-{uuid.uuid4().hex[:8]}.db"
        shutil.copyfile(self.template(seeded), target)
        return f"sqlite+aiosqlite:///{target}"


class PostgresTemplates:
    """Template databases on the server of TEST_DATABASE_URL; one database per test cloned from them."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url
        self.prefix = f"sinergi_t{os.getpid()}"
        self._templates: dict[bool, str] = {}

    def _url_for(self, database: str) -> str:
        return make_url(self.base_url).set(database=database).render_as_string(hide_password=False)

    async def _admin(self, sql: str) -> None:
        engine = make_engine(self.base_url, isolation_level="AUTOCOMMIT", poolclass=NullPool)
        try:
            async with engine.connect() as conn:
                await conn.execute(text(sql))
        finally:
            await engine.dispose()

    def check(self) -> None:
        """Connect once; raises when the server is missing or unreachable."""
        run_sync(lambda: self._admin("SELECT 1"))

    def template(self, seeded: bool) -> str:
        """The template database's name, made on first use."""
        if seeded not in self._templates:
            name = f"{self.prefix}_tpl_{'seeded' if seeded else 'empty'}"
            run_sync(lambda: self._admin(f'DROP DATABASE IF EXISTS "{name}"'))
            run_sync(lambda: self._admin(f'CREATE DATABASE "{name}"'))
            url = self._url_for(name)
            migrate(url)
            if seeded:
                run_sync(lambda: seed(url))
            self._templates[seeded] = name
        return self._templates[seeded]

    async def new_database(self, *, seeded: bool = True) -> tuple[str, str]:
        """Create a database for one test from the template; return (name, url)."""
        template = self.template(seeded) if seeded in self._templates else None
        if template is None:
            await asyncio.to_thread(self.template, seeded)
            template = self._templates[seeded]
        name = f"{self.prefix}_{uuid.uuid4().hex[:10]}"
        await self._admin(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
        return name, self._url_for(name)

    async def drop(self, name: str) -> None:
        """Drop a test's database (its connections are closed by then).

        A server process of another role (autovacuum, say) may still be attached for a moment, and FORCE may not
        end it without superuser rights: try again briefly, then leave the database for the server's end of life.
        """
        for attempt in range(10):
            try:
                await self._admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
                return
            except Exception:
                if attempt == 9:
                    logging.getLogger(__name__).warning("could not drop test database %s", name)
                    return
                await asyncio.sleep(0.2)

    def drop_templates(self) -> None:
        """Remove the templates at the end of the session."""
        for name in self._templates.values():
            run_sync(lambda name=name: self._admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
