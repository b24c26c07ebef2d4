"""Flood control and injected faults."""

from __future__ import annotations

import asyncio
import time

import pytest
import telegram
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TimedOut

from bot.sandbox import TINY_PNG, FloodLimits, Sandbox, SChat, SUser, make_request
from tests.sandbox.conftest import TOKEN


async def test_group_burst_is_limited(sandbox: Sandbox, bot: telegram.Bot, group: SChat) -> None:
    for i in range(20):
        await bot.send_message(group.id, f"pesan {i}")
    with pytest.raises(RetryAfter) as info:
        await bot.send_message(group.id, "satu lagi")
    assert info.value.retry_after.total_seconds() == 3  # type: ignore[union-attr]  # 1 message per 3 s
    record = sandbox.rejections[-1]
    assert record.status == 429 and record.description == "Too Many Requests: retry after 3"
    assert record.parameters == {"retry_after": 3}
    assert sandbox.flood_rejections == 1
    assert sandbox.count("sendMessage", group.id) == 20


async def test_media_group_counts_its_items(sandbox: Sandbox, bot: telegram.Bot, group: SChat) -> None:
    for _ in range(2):
        await bot.send_media_group(group.id, [telegram.InputMediaPhoto(TINY_PNG) for _ in range(10)])
    with pytest.raises(RetryAfter):
        await bot.send_message(group.id, "penuh")


async def test_private_bursts_tolerated_sustained_floods_not(sandbox: Sandbox, bot: telegram.Bot, user: SUser) -> None:
    for i in range(20):
        await bot.send_message(user.id, f"jawaban {i}")
    with pytest.raises(RetryAfter):
        await bot.send_message(user.id, "lagi")
    assert sandbox.rejections[-1].parameters == {"retry_after": 1}


async def test_global_limit(sandbox: Sandbox, bot: telegram.Bot) -> None:
    users = [sandbox.add_user(f"U{i}") for i in range(31)]
    for person in users[:30]:
        await bot.send_message(person.id, "siaran")
    with pytest.raises(RetryAfter):
        await bot.send_message(users[30].id, "siaran")


async def test_paced_sends_pass() -> None:
    fast = Sandbox(flood=FloodLimits(group_capacity=2, group_refill=40.0, global_capacity=100, global_refill=100))
    members = [fast.add_user("A")]
    group = fast.add_group("Cepat", members=members)
    async with telegram.Bot(TOKEN, request=make_request(fast)) as bot:
        for _ in range(6):
            await bot.send_message(group.id, "teratur")
            await asyncio.sleep(0.03)
        assert fast.flood_rejections == 0
        disabled = Sandbox(flood=FloodLimits(enabled=False))
        person = disabled.add_user("B")
        async with telegram.Bot(TOKEN, request=make_request(disabled)) as other:
            for _ in range(40):
                await other.send_message(person.id, "tanpa batas")
        assert disabled.flood_rejections == 0


async def test_edits_are_counted(sandbox: Sandbox, bot: telegram.Bot, group: SChat) -> None:
    sent = await bot.send_message(group.id, "0")
    for i in range(1, 20):
        await bot.edit_message_text(str(i), group.id, sent.message_id)
    with pytest.raises(RetryAfter):
        await bot.edit_message_text("20", group.id, sent.message_id)


async def test_injected_429_then_success(sandbox: Sandbox, bot: telegram.Bot, user: SUser) -> None:
    sandbox.inject("sendMessage", retry_after=5)
    with pytest.raises(RetryAfter) as info:
        await bot.send_message(user.id, "coba")
    assert info.value.retry_after.total_seconds() == 5  # type: ignore[union-attr]
    assert (await bot.send_message(user.id, "coba lagi")).text == "coba lagi"
    assert sandbox.rejections[-1].injected and sandbox.unexpected_rejections() == []


async def test_injected_errors_by_chat_and_count(sandbox: Sandbox, bot: telegram.Bot, user: SUser) -> None:
    other = sandbox.add_user("Lain")
    sandbox.inject(error=(500, "Internal Server Error"), times=2, chat_id=user.id)
    for _ in range(2):
        with pytest.raises(NetworkError, match="Internal Server Error"):
            await bot.send_message(user.id, "x")
    assert await bot.send_message(other.id, "tidak terpengaruh")
    assert await bot.send_message(user.id, "pulih")
    sandbox.inject("sendMessage", error=(502, "Bad Gateway"))
    with pytest.raises(NetworkError):
        await bot.send_message(user.id, "x")
    sandbox.inject("sendMessage", error=(403, "Forbidden: bot was blocked by the user"))
    with pytest.raises(Forbidden):
        await bot.send_message(user.id, "x")
    assert len([r for r in sandbox.rejections if r.injected]) == 4
    assert sandbox.unexpected_rejections() == []


async def test_network_faults(sandbox: Sandbox, bot: telegram.Bot, user: SUser) -> None:
    sandbox.inject("sendMessage", network="timeout")
    with pytest.raises(TimedOut):
        await bot.send_message(user.id, "x")
    sandbox.inject("sendMessage", network="drop")
    with pytest.raises(NetworkError):
        await bot.send_message(user.id, "x")
    assert [r.description for r in sandbox.rejections] == ["network fault: timeout", "network fault: drop"]
    assert all(r.injected for r in sandbox.rejections)
    assert await bot.send_message(user.id, "normal")


async def test_latency_applies_to_concurrent_calls(sandbox: Sandbox, bot: telegram.Bot, user: SUser) -> None:
    sandbox.inject("sendMessage", latency=0.2)
    start = time.monotonic()
    await asyncio.gather(*(bot.send_message(user.id, f"p{i}") for i in range(5)))
    elapsed = time.monotonic() - start
    assert 0.2 <= elapsed < 0.8  # concurrent, not serialised
    sandbox.clear_faults()
    start = time.monotonic()
    await bot.send_message(user.id, "cepat")
    assert time.monotonic() - start < 0.15


async def test_expected_rejections(sandbox: Sandbox, bot: telegram.Bot) -> None:
    with pytest.raises(BadRequest):
        await bot.send_message(1, "x")
    assert len(sandbox.unexpected_rejections()) == 1
    expectation = sandbox.expect_rejection("sendMessage", contains="chat not found")
    assert expectation.matched == 1 and sandbox.unexpected_rejections() == []
    assert sandbox.count("sendMessage") == 0 and sandbox.count("sendMessage", include_failed=True) == 1
