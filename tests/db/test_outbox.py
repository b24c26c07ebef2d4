"""Outbox rows: dedupe, due times, claims and leases, cancel and reschedule by subject."""

from datetime import timedelta

from sqlmodel import select

from db import outbox
from db.models import OutboxMessage, OutboxStatus

LEASE = timedelta(minutes=10)


async def _claim(session_factory, worker="w1", limit=10, per_chat=None):
    async with session_factory() as session, session.begin():
        return await outbox.claim_due(session, worker=worker, limit=limit, lease=LEASE, per_chat=per_chat)


async def test_dedupe_key_queues_once(session_factory):
    async with session_factory() as session, session.begin():
        first = await outbox.enqueue(session, kind="text", chat_id=1, dedupe_key="k")
        second = await outbox.enqueue(session, kind="text", chat_id=1, dedupe_key="k")
    assert first is not None and second is None
    async with session_factory() as session:
        assert len((await session.scalars(select(OutboxMessage))).all()) == 1


async def test_only_due_rows_are_claimed_in_order(session_factory, clock):
    now = clock.now()
    async with session_factory() as session, session.begin():
        await outbox.enqueue(session, kind="text", chat_id=1, payload={"n": 2}, due_at=now - timedelta(minutes=1))
        await outbox.enqueue(session, kind="text", chat_id=1, payload={"n": 1}, due_at=now - timedelta(minutes=5))
        await outbox.enqueue(session, kind="text", chat_id=1, payload={"n": 3}, due_at=now + timedelta(hours=1))
    rows = await _claim(session_factory)
    assert [r.payload["n"] for r in rows] == [1, 2]
    assert all(r.status == OutboxStatus.CLAIMED and r.attempts == 1 for r in rows)
    assert await _claim(session_factory, worker="w2") == []  # claimed rows are not claimed twice
    async with session_factory() as session, session.begin():
        for row in rows:
            await outbox.mark_sent(session, row.id, worker="w1", message_id=1)
    clock.advance(hours=1)
    assert [r.payload["n"] for r in await _claim(session_factory)] == [3]


async def test_expired_lease_is_taken_over_and_old_worker_cannot_mark(session_factory, clock):
    async with session_factory() as session, session.begin():
        await outbox.enqueue(session, kind="text", chat_id=1)
    (row,) = await _claim(session_factory, worker="dead")
    clock.advance(LEASE + timedelta(seconds=1))
    (again,) = await _claim(session_factory, worker="alive")
    assert again.id == row.id and again.attempts == 2
    async with session_factory() as session, session.begin():
        await outbox.mark_sent(session, row.id, worker="dead", message_id=99)  # too late: ignored
    async with session_factory() as session, session.begin():
        await outbox.mark_sent(session, row.id, worker="alive", message_id=7)
    async with session_factory() as session:
        stored = await session.get(OutboxMessage, row.id)
    assert stored.status == OutboxStatus.SENT and stored.message_id == 7


async def test_retry_waits(session_factory, clock):
    async with session_factory() as session, session.begin():
        await outbox.enqueue(session, kind="text", chat_id=1)
    (row,) = await _claim(session_factory)
    async with session_factory() as session, session.begin():
        await outbox.mark_retry(session, row.id, worker="w1", after=timedelta(seconds=30), error="429")
    assert await _claim(session_factory) == []
    clock.advance(seconds=30)
    assert [r.id for r in await _claim(session_factory)] == [row.id]


async def test_cancel_and_reschedule_by_subject(session_factory, clock):
    now = clock.now()
    async with session_factory() as session, session.begin():
        for minutes in (60, 1440):
            await outbox.enqueue(session, kind="reminder", chat_id=-5, subject="meeting:7",
                                 due_at=now + timedelta(minutes=minutes), not_after=now + timedelta(days=2))
        await outbox.enqueue(session, kind="reminder", chat_id=-5, subject="meeting:8",
                             due_at=now + timedelta(minutes=60))
    async with session_factory() as session, session.begin():
        moved = await outbox.reschedule_subject(session, "meeting:7", shift=timedelta(hours=3))
    assert moved == 2
    async with session_factory() as session:
        rows = (await session.scalars(select(OutboxMessage).where(OutboxMessage.subject == "meeting:7")
                                      .order_by(OutboxMessage.due_at))).all()
    assert [r.due_at - now for r in rows] == [timedelta(minutes=240), timedelta(minutes=1620)]
    assert all(r.next_attempt_at == r.due_at for r in rows)
    assert rows[0].not_after == now + timedelta(days=2, hours=3)
    async with session_factory() as session, session.begin():
        assert await outbox.cancel_subject(session, "meeting:7") == 2
    async with session_factory() as session:
        statuses = {r.subject: r.status for r in (await session.scalars(select(OutboxMessage))).all()}
    assert statuses == {"meeting:7": OutboxStatus.CANCELLED, "meeting:8": OutboxStatus.PENDING}


async def test_commit_wakes_listeners_only_when_rows_were_queued(session_factory):
    woken: list[int] = []
    listener = lambda: woken.append(1)  # noqa: E731
    outbox.add_wake_listener(listener)
    try:
        async with session_factory() as session, session.begin():
            await outbox.enqueue(session, kind="text", chat_id=1)
        assert woken == [1]
        async with session_factory() as session, session.begin():
            await session.scalar(select(OutboxMessage.id))
        assert woken == [1]
        async with session_factory() as session, session.begin():
            await outbox.enqueue(session, kind="text", chat_id=2)
            await session.flush()
            await session.rollback()
        async with session_factory() as session, session.begin():
            await session.scalar(select(OutboxMessage.id))
        assert woken == [1]
    finally:
        outbox.remove_wake_listener(listener)


async def test_a_batch_takes_only_a_few_rows_of_one_chat(session_factory, clock):
    async with session_factory() as session, session.begin():
        for i in range(10):
            await outbox.enqueue(session, kind="text", chat_id=-100, payload={"n": i})
        await outbox.enqueue(session, kind="text", chat_id=-200, payload={"n": 99})
    first = await _claim(session_factory, limit=50, per_chat=3)
    assert sorted((r.chat_id, r.payload["n"]) for r in first) == [(-200, 99), (-100, 0), (-100, 1), (-100, 2)]
    second = await _claim(session_factory, worker="w2", limit=50, per_chat=3)
    assert [(r.chat_id, r.payload["n"]) for r in second] == [(-100, 3), (-100, 4), (-100, 5)]
    assert len(await _claim(session_factory, worker="w3", limit=50)) == 4  # without the cap: all that are left
