"""Broadcasts: a message to many groups chosen by agency and region, one outbox row per group, a delivery report.

Super admins may reach any group (command posts included); agency admins only their agency's groups. The rows
go out at Telegram's pace through the dispatcher; once every row reached a final state, the sender is sent a
report of what was delivered and what failed, and why.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select
from sqlmodel.sql.expression import SelectOfScalar

from db import audit, clock, outbox
from db.access import Actor, Cap
from db.errors import InvalidInput, NotAllowed, NotFound
from db.models import Broadcast, Chat, ChatType, OutboxMessage, OutboxStatus
from db.regions import get_agency, get_region

KIND = "broadcast"
REPORT_KIND = "broadcast_report"
TEXT_MAX = 3500  # leaves room for the header within one Telegram message (4,096)
_UNFINISHED = (OutboxStatus.PENDING, OutboxStatus.CLAIMED)


@dataclass(frozen=True)
class Filter:
    """Which groups: agencies (none = every agency), command posts too, a region and everything below it."""

    agencies: tuple[str, ...] = ()
    command_post: bool = False
    region: str | None = None

    def as_json(self) -> dict[str, object]:
        """The form stored on the broadcast."""
        return {"agencies": list(self.agencies), "command_post": self.command_post,
                "regions": [self.region] if self.region else []}


@dataclass(frozen=True)
class Failure:
    """A group the broadcast did not reach."""

    chat_id: int
    title: str
    error: str
    inactive: bool  # the group is marked inactive now (the bot was removed or the chat is gone)


@dataclass
class Delivery:
    """Where a broadcast's rows stand."""

    total: int = 0
    sent: int = 0
    waiting: int = 0
    failures: list[Failure] = field(default_factory=list)


def clean_text(text: str | None) -> str:
    """Validate a typed broadcast: some text, at most TEXT_MAX characters."""
    cleaned = (text or "").strip()
    if not cleaned:
        raise InvalidInput("broadcast.text_only")
    if len(cleaned) > TEXT_MAX:
        raise InvalidInput("broadcast.too_long", limit=TEXT_MAX, length=len(cleaned))
    return cleaned


async def allowed_filter(session: AsyncSession, *, actor: Actor, wanted: Filter) -> Filter:
    """The filter `actor` may use: agency admins are held to their own agency's groups."""
    actor.require(Cap.BROADCAST_AGENCY)
    for code in wanted.agencies:
        if await get_agency(session, code) is None:
            raise NotFound("people.agency_unknown")
    if wanted.region is not None and await get_region(session, wanted.region) is None:
        raise NotFound("people.region_unknown")
    if actor.can(Cap.BROADCAST_ANY):
        return Filter(agencies=tuple(sorted(set(wanted.agencies))), command_post=wanted.command_post,
                      region=wanted.region)
    own = actor.agency_code
    if own is None or wanted.command_post or any(code != own for code in wanted.agencies):
        raise NotAllowed("broadcast.own_agency_only")
    return Filter(agencies=(own,), command_post=False, region=wanted.region)


def _target_query(chosen: Filter) -> SelectOfScalar[Chat]:
    stmt = select(Chat).where(col(Chat.active), col(Chat.type).in_([ChatType.GROUP, ChatType.SUPERGROUP]),
                              col(Chat.region_code).is_not(None))
    if chosen.agencies or chosen.command_post:
        stmt = stmt.where(sa.or_(col(Chat.agency_code).in_(list(chosen.agencies)),
                                 sa.and_(col(Chat.is_command_post), sa.true() if chosen.command_post else sa.false())))
    else:
        stmt = stmt.where(sa.or_(col(Chat.agency_code).is_not(None), col(Chat.is_command_post)))
    if chosen.region is not None:
        # Kemendagri codes nest by prefix: 31.74 holds 31.74.01 and 31.74.01.1001
        stmt = stmt.where(sa.or_(col(Chat.region_code) == chosen.region,
                                 col(Chat.region_code).startswith(f"{chosen.region}.")))
    return stmt.order_by(col(Chat.id))


async def targets(session: AsyncSession, *, actor: Actor, wanted: Filter) -> list[Chat]:
    """The active registered groups the filter reaches, within what `actor` may reach."""
    chosen = await allowed_filter(session, actor=actor, wanted=wanted)
    return list((await session.scalars(_target_query(chosen))).all())


async def create(session: AsyncSession, *, actor: Actor, text: str, wanted: Filter, sender_label: str,
                 sender_agency: str | None) -> Broadcast:
    """Store the broadcast and queue it to every target group."""
    chosen = await allowed_filter(session, actor=actor, wanted=wanted)
    body = clean_text(text)
    chats = list((await session.scalars(_target_query(chosen))).all())
    if not chats:
        raise InvalidInput("broadcast.no_targets")
    now = clock.now()
    broadcast = Broadcast(sender_tg_id=actor.tg_user_id, sender_label=sender_label[:200],
                          sender_agency_code=sender_agency, text=body, filters=chosen.as_json(),
                          target_count=len(chats), sent_at=now)
    session.add(broadcast)
    await session.flush()
    for chat in chats:
        await outbox.enqueue(session, kind=KIND, chat_id=chat.tg_chat_id, subject=f"broadcast:{broadcast.id}",
                             dedupe_key=f"broadcast:{broadcast.id}:{chat.tg_chat_id}",
                             payload={"broadcast_id": broadcast.id})
    audit.record(session, actor_tg_id=actor.tg_user_id, actor_label=actor.label, action="broadcast.sent",
                 subject=f"broadcast:{broadcast.id}", filters=chosen.as_json(), targets=len(chats))
    return broadcast


async def delivery(session: AsyncSession, broadcast_id: int) -> Delivery:
    """Sent, waiting and failed rows of a broadcast, with each failed group's title and reason."""
    rows = (await session.execute(
        sa.select(col(OutboxMessage.chat_id), col(OutboxMessage.status), col(OutboxMessage.last_error),
               col(Chat.title), col(Chat.active))
        .join(Chat, col(Chat.tg_chat_id) == col(OutboxMessage.chat_id), isouter=True)
        .where(col(OutboxMessage.subject) == f"broadcast:{broadcast_id}", col(OutboxMessage.kind) == KIND)
        .order_by(col(OutboxMessage.id)))).all()
    result = Delivery(total=len(rows))
    for chat_id, status, error, title, active in rows:
        if status == OutboxStatus.SENT:
            result.sent += 1
        elif status in _UNFINISHED:
            result.waiting += 1
        else:
            result.failures.append(Failure(chat_id=chat_id, title=title or str(chat_id), error=error or str(status),
                                           inactive=active is False))
    return result


async def queue_reports(session: AsyncSession) -> list[int]:
    """Queue the delivery report of every broadcast whose rows all reached a final state; return their ids."""
    unfinished = select(OutboxMessage.id).where(
        OutboxMessage.kind == KIND, col(OutboxMessage.status).in_(list(_UNFINISHED)),
        OutboxMessage.subject == sa.literal("broadcast:").concat(sa.cast(col(Broadcast.id), sa.String)))
    done: Sequence[Broadcast] = (await session.scalars(
        select(Broadcast).where(col(Broadcast.report_sent_at).is_(None), ~sa.exists(unfinished))
        .order_by(col(Broadcast.id)))).all()
    for broadcast in done:
        broadcast.report_sent_at = clock.now()
        await outbox.enqueue(session, kind=REPORT_KIND, chat_id=broadcast.sender_tg_id,
                             subject=f"broadcast:{broadcast.id}", dedupe_key=f"broadcast_report:{broadcast.id}",
                             payload={"broadcast_id": broadcast.id})
    return [b.id for b in done if b.id is not None]
