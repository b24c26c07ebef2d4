"""Fixtures for the sandbox's own tests: a Sandbox and a real telegram.Bot talking to it in-process."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable
from typing import Any

import pytest
import telegram

from bot.sandbox import CallRecord, Sandbox, SChat, SUser, make_request

TOKEN = "123456:TEST"


@pytest.fixture
def sandbox() -> Sandbox:
    """A fresh sandbox for the test bot."""
    return Sandbox(token=TOKEN, bot_username="sinergi_test_bot")


@pytest.fixture
async def bot(sandbox: Sandbox) -> AsyncIterator[telegram.Bot]:
    """A real PTB Bot whose requests go to the sandbox through the in-process transport."""
    async with telegram.Bot(TOKEN, request=make_request(sandbox), get_updates_request=make_request(sandbox)) as b:
        yield b


@pytest.fixture
def user(sandbox: Sandbox) -> SUser:
    """A user who has started the bot."""
    return sandbox.add_user("Budi", username="budi_s")


@pytest.fixture
def group(sandbox: Sandbox, user: SUser) -> SChat:
    """A basic group with the user and the bot (a plain member)."""
    return sandbox.add_group("Posko", members=[user], creator=sandbox.add_user("Ketua"))


async def assert_rejected(
    sandbox: Sandbox, call: Awaitable[Any], exc_type: type[BaseException], description: str, status: int = 400
) -> CallRecord:
    """Await a bot call that Telegram would refuse; check PTB's exception and the exact answer."""
    with pytest.raises(exc_type):
        await call
    record = sandbox.rejections[-1]
    assert record.description == description
    assert record.status == status
    assert not record.injected
    return record
