"""The durable outbox: rows written with their cause, claimed and marked by the dispatcher.

Claim, commit, then send: no transaction is open during a Telegram call. Delivery is at-least-once: only a
crash after Telegram accepted a message and before `mark_sent` committed can repeat it.
"""

import logging
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session
from sqlmodel import col, select

from db import clock
from db.models import OutboxMessage, OutboxStatus

log = logging.getLogger(__name__)

_wake_listeners: set[Callable[[], None]] = set()
_ENQUEUED = "sinergi_outbox_enqueued"


def add_wake_listener(listener: Callable[[], None]) -> None:
    """Call `listener` after every commit that enqueued rows (the dispatcher wakes up at once)."""
    _wake_listeners.add(listener)


def remove_wake_listener(listener: Callable[[], None]) -> None:
    """Stop calling `listener`."""
    _wake_listeners.discard(listener)


@event.listens_for(Session, "after_commit")
def _after_commit(session: Session) -> None:
    if session.info.pop(_ENQUEUED, False):
        for listener in list(_wake_listeners):
            listener()


@event.listens_for(Session, "after_rollback")
def _after_rollback(session: Session) -> None:
    session.info.pop(_ENQUEUED, None)


async def enqueue(
    session: AsyncSession,
    *,
    kind: str,
    chat_id: int,
    payload: dict[str, Any] | None = None,
    subject: str = "",
    dedupe_key: str | None = None,
    due_at: datetime | None = None,
    not_after: datetime | None = None,
) -> OutboxMessage | None:
    """Queue a message in the caller's transaction; with a `dedupe_key` already queued, return None."""
    if dedupe_key is not None:
        existing = await session.scalar(select(OutboxMessage.id).where(OutboxMessage.dedupe_key == dedupe_key))
        if existing is not None:
            return None
    when = due_at or clock.now()
    row = OutboxMessage(kind=kind, chat_id=chat_id, payload=payload or {}, subject=subject,
                        dedupe_key=dedupe_key, due_at=when, next_attempt_at=when, not_after=not_after)
    session.add(row)
    session.sync_session.info[_ENQUEUED] = True
    return row


async def enqueue_unless_pending(session: AsyncSession, *, kind: str, chat_id: int, subject: str,
                                 payload: dict[str, Any] | None = None) -> OutboxMessage | None:
    """Queue a row unless an identical kind/subject/chat row is still waiting (edits render the latest state)."""
    waiting = await session.scalar(
        select(OutboxMessage.id).where(
            OutboxMessage.kind == kind, OutboxMessage.subject == subject, OutboxMessage.chat_id == chat_id,
            OutboxMessage.status == OutboxStatus.PENDING, OutboxMessage.attempts == 0,
        )
    )
    if waiting is not None:
        return None
    return await enqueue(session, kind=kind, chat_id=chat_id, subject=subject, payload=payload)


async def claim_due(session: AsyncSession, *, worker: str, limit: int, lease: timedelta,
                    per_chat: int | None = None) -> list[OutboxMessage]:
    """Claim up to `limit` due rows for `worker` (one statement; SKIP LOCKED on PostgreSQL) and return them.

    With `per_chat`, at most that many rows of any one chat: a group over its 20-a-minute budget makes the rate
    limiter wait, and a batch full of one group's messages would hold back an urgent alert to another chat.
    """
    now = clock.now()
    due_now = sa.or_(
        sa.and_(col(OutboxMessage.status) == OutboxStatus.PENDING, col(OutboxMessage.next_attempt_at) <= now),
        # a claim whose lease ran out belongs to a worker that died mid-send: take it over
        sa.and_(col(OutboxMessage.status) == OutboxStatus.CLAIMED, col(OutboxMessage.claimed_until) < now),
    )
    due = select(OutboxMessage.id).where(due_now)
    if per_chat is not None:
        ranked = (select(col(OutboxMessage.id).label("id"), sa.func.row_number().over(
            partition_by=col(OutboxMessage.chat_id),
            order_by=(col(OutboxMessage.next_attempt_at), col(OutboxMessage.id))).label("rank"))
            .where(due_now).subquery())
        # the window is ranked in a subquery: PostgreSQL allows no FOR UPDATE beside a window function
        due = due.where(col(OutboxMessage.id).in_(select(ranked.c.id).where(ranked.c.rank <= per_chat)))
    due = (due.order_by(col(OutboxMessage.next_attempt_at), col(OutboxMessage.id))
           .limit(limit).with_for_update(skip_locked=True))
    stmt = (
        sa.update(OutboxMessage)
        .where(col(OutboxMessage.id).in_(due.scalar_subquery()))
        .values(status=OutboxStatus.CLAIMED, claimed_by=worker, claimed_until=now + lease,
                attempts=OutboxMessage.attempts + 1)
        .returning(OutboxMessage)
        .execution_options(synchronize_session=False)
    )
    rows = list((await session.scalars(stmt)).all())
    rows.sort(key=lambda r: (r.next_attempt_at, r.id or 0))
    return rows


async def _claimed_row(session: AsyncSession, row_id: int, worker: str) -> OutboxMessage | None:
    row = await session.get(OutboxMessage, row_id, with_for_update=True)
    if row is None or row.status != OutboxStatus.CLAIMED or row.claimed_by != worker:
        return None  # someone took it over after our lease ran out; their outcome wins
    return row


async def mark_sent(session: AsyncSession, row_id: int, *, worker: str, message_id: int | None,
                    content_hash: str | None = None) -> OutboxMessage | None:
    """Record a delivered row with the message id Telegram gave it; return it (None if it was not ours any more)."""
    row = await _claimed_row(session, row_id, worker)
    if row is None:
        return None
    row.status = OutboxStatus.SENT
    row.message_id = message_id
    row.content_hash = content_hash
    row.sent_at = clock.now()
    row.claimed_until = None
    row.last_error = None
    return row


async def mark_retry(session: AsyncSession, row_id: int, *, worker: str, after: timedelta, error: str) -> None:
    """Put a row back to wait `after` before the next attempt."""
    row = await _claimed_row(session, row_id, worker)
    if row is None:
        return
    row.status = OutboxStatus.PENDING
    row.next_attempt_at = clock.now() + after
    row.claimed_until = None
    row.last_error = error[:500]


async def mark_final(session: AsyncSession, row_id: int, *, worker: str, status: OutboxStatus, error: str) -> None:
    """End a row as failed, skipped or cancelled, keeping why."""
    row = await _claimed_row(session, row_id, worker)
    if row is None:
        return
    row.status = status
    row.claimed_until = None
    row.last_error = error[:500]


async def repoint_chat(session: AsyncSession, old_chat_id: int, new_chat_id: int) -> int:
    """Move every unsent row (and the sent ones' chat, for later edits) of a migrated group to its new id."""
    result = await session.execute(
        sa.update(OutboxMessage).where(col(OutboxMessage.chat_id) == old_chat_id)
        .where(col(OutboxMessage.status).in_([OutboxStatus.PENDING, OutboxStatus.CLAIMED]))
        .values(chat_id=new_chat_id).execution_options(synchronize_session=False)
    )
    return int(getattr(result, "rowcount", 0) or 0)


async def skip_pending_for_chat(session: AsyncSession, chat_id: int, reason: str) -> int:
    """Skip every waiting row to a chat that can no longer be reached."""
    result = await session.execute(
        sa.update(OutboxMessage)
        .where(col(OutboxMessage.chat_id) == chat_id, col(OutboxMessage.status) == OutboxStatus.PENDING)
        .values(status=OutboxStatus.SKIPPED, last_error=reason[:500])
        .execution_options(synchronize_session=False)
    )
    return int(getattr(result, "rowcount", 0) or 0)


async def cancel_subject(session: AsyncSession, subject: str, *, kinds: Sequence[str] | None = None) -> int:
    """Cancel the waiting rows about `subject` (a cancelled meeting's reminders, an acknowledged escalation)."""
    stmt = sa.update(OutboxMessage).where(
        col(OutboxMessage.subject) == subject, col(OutboxMessage.status) == OutboxStatus.PENDING
    )
    if kinds is not None:
        stmt = stmt.where(col(OutboxMessage.kind).in_(list(kinds)))
    result = await session.execute(
        stmt.values(status=OutboxStatus.CANCELLED, last_error="cancelled").execution_options(
            synchronize_session=False)
    )
    return int(getattr(result, "rowcount", 0) or 0)


async def reschedule_subject(session: AsyncSession, subject: str, *, shift: timedelta,
                             kinds: Sequence[str] | None = None) -> int:
    """Move the waiting rows about `subject` by `shift` (a rescheduled meeting's reminders)."""
    stmt = select(OutboxMessage).where(OutboxMessage.subject == subject,
                                       OutboxMessage.status == OutboxStatus.PENDING)
    if kinds is not None:
        stmt = stmt.where(col(OutboxMessage.kind).in_(list(kinds)))
    rows = (await session.scalars(stmt)).all()
    for row in rows:
        row.due_at += shift
        row.next_attempt_at = row.due_at
        if row.not_after is not None:
            row.not_after += shift
    if rows:
        session.sync_session.info[_ENQUEUED] = True
    return len(rows)


async def sent_messages(session: AsyncSession, subject: str, *, kinds: Sequence[str]) -> list[OutboxMessage]:
    """Rows about `subject` that were delivered (to edit them later)."""
    stmt = (select(OutboxMessage)
            .where(OutboxMessage.subject == subject, OutboxMessage.status == OutboxStatus.SENT,
                   col(OutboxMessage.kind).in_(list(kinds)), col(OutboxMessage.message_id).is_not(None))
            .order_by(col(OutboxMessage.id)))
    return list((await session.scalars(stmt)).all())


async def shown_content(session: AsyncSession, chat_id: int, message_id: int) -> str | None:
    """The content hash of what a delivered message shows now (its last send or edit through the outbox)."""
    return await session.scalar(
        select(OutboxMessage.content_hash)
        .where(OutboxMessage.chat_id == chat_id, OutboxMessage.message_id == message_id,
               OutboxMessage.status == OutboxStatus.SENT, col(OutboxMessage.content_hash).is_not(None))
        .order_by(col(OutboxMessage.sent_at).desc(), col(OutboxMessage.id).desc()).limit(1))
