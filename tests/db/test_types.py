"""The UTC column type: aware values round-trip identically on every backend; naive ones are refused."""

from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy.exc import StatementError
from sqlmodel import select

from db.models import Chat, ChatType


async def test_aware_datetimes_round_trip_as_utc(session_factory):
    plus_three = timezone(timedelta(hours=3))
    moment = datetime(2024, 11, 27, 12, 30, 15, 123456, tzinfo=plus_three)
    async with session_factory() as session, session.begin():
        session.add(Chat(tg_chat_id=-1001, type=ChatType.GROUP, title="Posko", created_at=moment))
    async with session_factory() as session:
        chat = await session.scalar(select(Chat).where(Chat.tg_chat_id == -1001))
    assert chat is not None
    assert chat.created_at == moment
    assert chat.created_at.tzinfo is not None and chat.created_at.utcoffset() == timedelta(0)
    assert chat.created_at.hour == 9  # 12:30+03:00 is 09:30 UTC, not a naive 12:30


async def test_naive_datetimes_are_refused(session_factory):
    async with session_factory() as session:
        session.add(Chat(tg_chat_id=-1002, type=ChatType.GROUP, created_at=datetime(2024, 11, 27, 12, 0)))
        with pytest.raises(StatementError, match="naive datetime"):
            await session.flush()


async def test_comparisons_use_utc(session_factory):
    async with session_factory() as session, session.begin():
        for i, hours in enumerate((1, 2, 3)):
            session.add(Chat(tg_chat_id=-2000 - i, type=ChatType.GROUP,
                             created_at=datetime(2024, 1, 1, hours, tzinfo=UTC)))
    cutoff = datetime(2024, 1, 1, 9, 30, tzinfo=timezone(timedelta(hours=7)))  # 02:30 UTC
    async with session_factory() as session:
        later = (await session.scalars(select(Chat.tg_chat_id).where(Chat.created_at > cutoff))).all()
    assert later == [-2002]
