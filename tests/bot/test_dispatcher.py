"""The outbox dispatcher against the simulated Telegram: delivery, retries, permanent failures, wake-up."""

import asyncio
from datetime import timedelta

import pytest
from sqlalchemy import func
from sqlmodel import select

from bot.dispatcher import Dispatcher, DispatcherOptions
from bot.sandbox import FloodLimits
from bot.sandbox.transport import make_request
from db import chats, outbox
from db.models import Chat, OutboxMessage, OutboxStatus
from db.session import make_engine, make_session_factory
from tests.harness.telegram import TOKEN
from tests.harness.world import SUPERADMIN_ID


async def _queue(session_factory, chat_id, *, key="core.start", **kwargs):
    async with session_factory() as session, session.begin():
        row = await outbox.enqueue(session, kind="text", chat_id=chat_id, payload={"key": key}, **kwargs)
    return row


async def _row(session_factory, row_id):
    async with session_factory() as session:
        return await session.get(OutboxMessage, row_id)


async def test_rows_are_delivered_to_groups_and_people(sandbox, world, session_factory):
    group = await world.group("Polres Jaksel")
    person = await world.active_member()
    first = await _queue(session_factory, group.id)
    await _queue(session_factory, person.id, key="core.error")
    assert (await sandbox.next_message(group)).text.startswith("👋 Selamat datang")
    assert "kesalahan" in (await sandbox.next_message(person)).text
    stored = await _row(session_factory, first.id)
    assert stored.status == OutboxStatus.SENT and stored.message_id is not None
    await sandbox.assert_no_message(group)


async def test_429_then_success_delivers_once_after_retry_after(sandbox, world, session_factory, clock):
    group = await world.group()
    sandbox.inject("sendMessage", retry_after=7, times=1)
    row = await _queue(session_factory, group.id)
    await sandbox.dispatch()
    assert sandbox.take(group) is None
    stored = await _row(session_factory, row.id)
    assert stored.status == OutboxStatus.PENDING and stored.next_attempt_at == clock.now() + timedelta(seconds=7)
    clock.advance(seconds=6)
    assert await sandbox.dispatch() == 0
    clock.advance(seconds=1)
    await sandbox.next_message(group)
    assert sandbox.count("sendMessage", chat_id=group.id) == 1
    await sandbox.assert_no_message(group)


async def test_server_errors_then_success_back_off_and_deliver(sandbox, world, session_factory, clock):
    group = await world.group()
    sandbox.inject("sendMessage", error=(500, "Internal Server Error"), times=2)
    sandbox.inject("sendMessage", network="timeout", times=1)
    row = await _queue(session_factory, group.id)
    for expected_wait in (2, 4, 8):  # 2**attempts seconds
        await sandbox.dispatch()
        stored = await _row(session_factory, row.id)
        assert stored.status == OutboxStatus.PENDING
        assert stored.next_attempt_at - clock.now() == timedelta(seconds=expected_wait)
        clock.advance(seconds=expected_wait)
    await sandbox.next_message(group)
    assert (await _row(session_factory, row.id)).attempts == 4


async def test_kicked_group_is_marked_inactive_and_superadmins_told(sandbox, world, session_factory):
    admin = world.superadmin()
    owner = sandbox.add_user("Owner")
    group = await world.group("Grup Lama", admins=[owner])
    sandbox.kick_bot(group, owner)  # Telegram's state only: the bot has not seen the update
    sandbox.expect_rejection("sendMessage", "kicked")
    row = await _queue(session_factory, group.id)
    waiting = await _queue(session_factory, group.id, key="core.error")
    await sandbox.dispatch()
    assert (await _row(session_factory, row.id)).status == OutboxStatus.FAILED
    assert (await _row(session_factory, waiting.id)).status == OutboxStatus.SKIPPED
    async with session_factory() as session:
        record = await chats.get_chat(session, group.id)
    assert record is not None and not record.active and "kicked" in record.inactive_reason
    notice = await sandbox.next_message(admin)
    assert "Grup Lama" in notice.text and "tidak aktif" in notice.text
    assert admin.id == SUPERADMIN_ID


async def test_chat_migrated_is_repointed_and_retried(sandbox, world, session_factory):
    group = await world.group("Grup Kecamatan")
    supergroup, _updates = sandbox.migrate_to_supergroup(group)
    sandbox.expect_rejection("sendMessage", "upgraded to a supergroup")
    row = await _queue(session_factory, group.id)
    await sandbox.dispatch()
    message = await sandbox.next_message(supergroup)
    assert message.text.startswith("👋")
    stored = await _row(session_factory, row.id)
    assert stored.status == OutboxStatus.SENT and stored.chat_id == supergroup.id
    async with session_factory() as session:
        assert await chats.get_chat(session, group.id) is None
        moved = await chats.get_chat(session, supergroup.id)
    assert moved is not None and moved.agency_code == "POLRI" and moved.region_code == "31.74"


async def test_person_who_never_opened_the_bot_is_unreachable(sandbox, world, session_factory):
    person = await world.active_member(opened=False)
    sandbox.expect_rejection("sendMessage", "can't initiate")
    row = await _queue(session_factory, person.id)
    await sandbox.dispatch()
    assert (await _row(session_factory, row.id)).status == OutboxStatus.FAILED
    async with session_factory() as session:
        record = await chats.get_chat(session, person.id)
        from db.people import get_by_tg

        stakeholder = await get_by_tg(session, person.id)
    assert record is not None and not record.active
    assert stakeholder is not None and not stakeholder.reachable


async def test_not_after_skips_stale_rows(sandbox, world, session_factory, clock):
    group = await world.group()
    row = await _queue(session_factory, group.id, due_at=clock.now() - timedelta(hours=2),
                       not_after=clock.now() - timedelta(hours=1))
    await sandbox.assert_no_message(group)
    stored = await _row(session_factory, row.id)
    assert stored.status == OutboxStatus.SKIPPED and stored.last_error == "past not_after"


async def test_commit_wakes_the_dispatcher_without_polling(sandbox, world, session_factory):
    group = await world.group()
    dispatcher = sandbox.dispatcher
    assert dispatcher.options.poll_interval == 3600
    await dispatcher.start()
    try:
        await asyncio.sleep(0.05)  # let it go to sleep on its hour-long poll
        await _queue(session_factory, group.id)
        for _ in range(200):
            if sandbox.bot_messages(group):
                break
            await asyncio.sleep(0.01)
        assert len(sandbox.bot_messages(group)) == 1
    finally:
        await dispatcher.stop()


async def test_fresh_process_delivers_what_a_killed_one_left(sandbox, world, session_factory, db_url):
    group = await world.group()
    rows = [await _queue(session_factory, group.id, key=key) for key in ("core.start", "core.error")]
    first_app = sandbox.app
    await sandbox.restart(db_url)  # the first Application is abandoned, never stopped
    assert sandbox.app is not first_app
    await sandbox.dispatch()
    texts = [m.text for m in sandbox.bot_messages(group)]
    assert len(texts) == 2 and texts[0].startswith("👋") and "kesalahan" in texts[1]
    for row in rows:
        assert (await _row(sandbox.session_factory, row.id)).status == OutboxStatus.SENT


@pytest.mark.postgres_only
async def test_two_dispatchers_on_postgres_deliver_each_row_once(sandbox, settings, session_factory, db_url):
    sandbox.set_flood_limits(FloodLimits(enabled=False))
    sandbox.inject("sendMessage", latency=0.005)
    users = [sandbox.add_user(f"U{i}") for i in range(120)]
    async with session_factory() as session, session.begin():
        for user in users:
            session.add(Chat(tg_chat_id=user.id, type="private"))
            await outbox.enqueue(session, kind="text", chat_id=user.id, payload={"key": "core.start"})
    engines = [make_engine(db_url), make_engine(db_url)]
    from telegram.ext import ExtBot

    bots = [ExtBot(TOKEN, request=make_request(sandbox.raw)) for _ in engines]
    dispatchers = [Dispatcher(bot, make_session_factory(engine), settings,
                              DispatcherOptions(batch_size=10, poll_interval=3600), worker_id=f"worker-{i}")
                   for i, (bot, engine) in enumerate(zip(bots, engines, strict=True))]
    try:
        for bot in bots:
            await bot.initialize()
        await asyncio.gather(*(d.drain() for d in dispatchers))
    finally:
        for bot in bots:
            await bot.shutdown()
        for engine in engines:
            await engine.dispose()
    assert all(sandbox.count("sendMessage", chat_id=user.id) == 1 for user in users)
    async with session_factory() as session:
        per_worker = dict((await session.execute(
            select(OutboxMessage.claimed_by, func.count()).group_by(OutboxMessage.claimed_by))).all())
        unsent = await session.scalar(select(func.count()).select_from(OutboxMessage).where(
            OutboxMessage.status != OutboxStatus.SENT))
    assert unsent == 0
    assert set(per_worker) == {"worker-0", "worker-1"} and all(n > 0 for n in per_worker.values())
