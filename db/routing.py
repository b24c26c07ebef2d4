"""Routing: which chats hear of an incident, written to the outbox in the incident's own transaction.

Alerts go to the active groups of each responsible agency registered for the incident's region or a parent
region; a shorter notice to the informed agencies' groups; the command post gets tinggi and kritis alerts at
once and the rest in a periodic digest. An incident no group would hear of goes to the command post and the
super admins: never nowhere.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from db import outbox, regions
from db.models import Chat, Incident, IncidentAgency, Severity
from db.models.reference import CategoryRole

IMMEDIATE_RANK = 3  # tinggi and kritis reach the command post at once


@dataclass(frozen=True)
class RoutingOptions:
    """Settings that shape routing."""

    digest_minutes: int
    superadmin_ids: Sequence[int]


@dataclass
class Route:
    """Where an incident's messages go (Telegram chat ids)."""

    alerts: list[int]
    notices: list[int]
    command_post_now: list[int]
    command_post_digest: list[int]
    superadmins: list[int]


async def agency_groups(session: AsyncSession, agency_codes: Sequence[str], region_codes: Sequence[str]) -> list[int]:
    """Active groups registered for any of these agencies in any of these regions."""
    if not agency_codes or not region_codes:
        return []
    rows = await session.scalars(select(Chat.tg_chat_id).where(
        col(Chat.agency_code).in_(list(agency_codes)), col(Chat.region_code).in_(list(region_codes)),
        col(Chat.active), col(Chat.is_command_post).is_(False)).order_by(col(Chat.id)))
    return list(rows.all())


async def plan(session: AsyncSession, incident: Incident, options: RoutingOptions) -> Route:
    """Compute the recipients of a new incident."""
    assert incident.id is not None and incident.region_code is not None
    lineage = [r.code for r in await regions.lineage(session, incident.region_code)]
    parts = (await session.scalars(select(IncidentAgency).where(IncidentAgency.incident_id == incident.id))).all()
    responsible = [p.agency_code for p in parts if p.role == CategoryRole.RESPONSIBLE]
    informed = [p.agency_code for p in parts if p.role == CategoryRole.INFORMED]
    alerts = await agency_groups(session, responsible, lineage)
    notices = [c for c in await agency_groups(session, informed, lineage) if c not in alerts]
    posts = list((await session.scalars(select(Chat.tg_chat_id).where(
        col(Chat.is_command_post), col(Chat.active)).order_by(col(Chat.id)))).all())
    severity = await session.get(Severity, incident.severity_code)
    urgent = severity is not None and severity.rank >= IMMEDIATE_RANK
    if not alerts:
        return Route(alerts=[], notices=notices, command_post_now=posts, command_post_digest=[],
                     superadmins=list(dict.fromkeys(options.superadmin_ids)))
    return Route(alerts=alerts, notices=notices, command_post_now=posts if urgent else [],
                 command_post_digest=[] if urgent else posts, superadmins=[])


def digest_window(moment: datetime, minutes: int) -> tuple[datetime, datetime]:
    """The digest window (aligned on the epoch) that `moment` falls in."""
    size = timedelta(minutes=minutes)
    epoch = datetime(1970, 1, 1, tzinfo=moment.tzinfo)
    start = epoch + ((moment - epoch) // size) * size
    return start, start + size


async def route(session: AsyncSession, incident: Incident, options: RoutingOptions) -> Route:
    """Queue every message a new incident causes (alerts, notices, command post, fallback)."""
    plan_ = await plan(session, incident, options)
    subject = f"incident:{incident.id}"
    payload = {"incident_id": incident.id}
    for chat_id in plan_.alerts + plan_.command_post_now:
        await outbox.enqueue(session, kind="alert", chat_id=chat_id, subject=subject, payload=payload,
                             dedupe_key=f"alert:{incident.id}:{chat_id}")
    for chat_id in plan_.superadmins:
        await outbox.enqueue(session, kind="alert", chat_id=chat_id, subject=subject,
                             payload={**payload, "private": True}, dedupe_key=f"alert:{incident.id}:{chat_id}")
    for chat_id in plan_.notices:
        await outbox.enqueue(session, kind="notice", chat_id=chat_id, subject=subject, payload=payload,
                             dedupe_key=f"notice:{incident.id}:{chat_id}")
    if plan_.command_post_digest:
        assert incident.reported_at is not None
        start, end = digest_window(incident.reported_at, options.digest_minutes)
        for chat_id in plan_.command_post_digest:
            await outbox.enqueue(session, kind="digest", chat_id=chat_id, subject=f"digest:{int(start.timestamp())}",
                                 payload={"start": start.isoformat(), "end": end.isoformat()}, due_at=end,
                                 dedupe_key=f"digest:{chat_id}:{int(start.timestamp())}")
    return plan_
