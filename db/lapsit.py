"""The daily situation report (lapsit): figures computed when it is sent, scoped like every incident view.

Sections: the stages on now, the past 24 hours' incidents, every open incident, acknowledgements past their
deadline, today's meetings. The command post and super admins see everything; an agency's liaisons and admins
their agency's part (`db.scope`). The daily report to the command-post groups is an outbox row per group and day.
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased
from sqlmodel import col, select

from db import clock, outbox, stages
from db.access import Actor
from db.groups import command_post_chats
from db.models import (
    OPEN_STATUSES,
    Agency,
    Category,
    CategoryGroup,
    CategoryRole,
    Incident,
    IncidentAgency,
    IncidentStatus,
    Meeting,
    MeetingAgency,
    MeetingInvite,
    MeetingStatus,
    Region,
    Severity,
    Stage,
)
from db.scope import agency_scope_code, visible_incidents

KIND = "lapsit"
WINDOW = timedelta(hours=24)
OPEN_LIST_LIMIT = 100  # open incidents listed one by one; the figures always count them all
STALE_AFTER = timedelta(hours=6)  # a morning report that could not go out by noon is dropped (tomorrow's comes)
# The daily report's view: everything, like the command post's own staff.
COMMAND_POST_VIEW = Actor(tg_user_id=0, stakeholder=None, is_superadmin=True)
STATUS_ORDER = [IncidentStatus.NEW, IncidentStatus.ACKNOWLEDGED, IncidentStatus.IN_PROGRESS,
                IncidentStatus.RESOLVED, IncidentStatus.REJECTED, IncidentStatus.DUPLICATE]


@dataclass
class Breakdown:
    """Counts of a set of incidents by region (city/regency), category group, severity and status."""

    total: int = 0
    regions: Counter[str] = field(default_factory=Counter)
    groups: Counter[str] = field(default_factory=Counter)
    severities: Counter[str] = field(default_factory=Counter)
    statuses: Counter[str] = field(default_factory=Counter)

    def add(self, region: str, group: str, severity: str, status: str) -> None:
        """Count one incident."""
        self.total += 1
        self.regions[region] += 1
        self.groups[group] += 1
        self.severities[severity] += 1
        self.statuses[status] += 1


@dataclass(frozen=True)
class OpenItem:
    """One open incident, as listed."""

    number: str
    category_code: str
    region_code: str
    severity_code: str
    status: str
    reported_at: datetime | None


@dataclass(frozen=True)
class Overdue:
    """A responsible agency that has not acknowledged an incident within the severity's deadline."""

    number: str
    agency_code: str
    deadline: datetime


@dataclass
class Labels:
    """Names to show for codes (the renderer picks the language)."""

    regions: dict[str, Region] = field(default_factory=dict)
    groups: dict[str, CategoryGroup] = field(default_factory=dict)
    severities: dict[str, Severity] = field(default_factory=dict)
    categories: dict[str, Category] = field(default_factory=dict)
    agencies: dict[str, Agency] = field(default_factory=dict)


@dataclass
class Lapsit:
    """Everything the report shows, for one viewer at one moment."""

    now: datetime
    agency_code: str | None  # None: everything
    stages: list[Stage]
    recent: Breakdown
    open: Breakdown
    open_items: list[OpenItem]
    overdue: list[Overdue]
    meetings: list[Meeting]
    labels: Labels


def area_code(region_code: str | None) -> str:
    """The city/regency a region belongs to (`31.74.01.1001` → `31.74`); provinces stay themselves."""
    return ".".join(region_code.split(".")[:2]) if region_code else "-"


async def _incidents(session: AsyncSession, actor: Actor, where: sa.ColumnElement[bool]) -> list[Any]:
    stmt = (sa.select(col(Incident.number), col(Incident.region_code), col(Incident.category_code),
                   col(Category.group_code), col(Incident.severity_code), col(Incident.status),
                   col(Incident.reported_at))
            .join(Category, col(Category.code) == col(Incident.category_code), isouter=True)
            .where(visible_incidents(actor), where)
            .order_by(col(Incident.reported_at), col(Incident.id)))
    return list((await session.execute(stmt)).all())


def _breakdown(rows: list[Any]) -> Breakdown:
    result = Breakdown()
    for row in rows:
        result.add(area_code(row.region_code), row.group_code or "-", row.severity_code or "-", str(row.status))
    return result


async def _overdue(session: AsyncSession, actor: Actor, agency: str | None, now: datetime) -> list[Overdue]:
    part = aliased(IncidentAgency)  # the scope's EXISTS over incident_agencies must not correlate to this join
    stmt = (select(Incident.number, part.agency_code, Incident.reported_at, Severity.ack_minutes)
            .join(part, col(part.incident_id) == col(Incident.id))
            .join(Severity, col(Severity.code) == col(Incident.severity_code))
            .where(visible_incidents(actor), col(Incident.status).in_(list(OPEN_STATUSES)),
                   col(part.role) == CategoryRole.RESPONSIBLE, col(part.acknowledged_at).is_(None),
                   col(Incident.reported_at).is_not(None)))
    if agency is not None:
        stmt = stmt.where(col(part.agency_code) == agency)
    found = []
    for number, agency_code, reported_at, minutes in (await session.execute(stmt)).all():
        deadline = reported_at + timedelta(minutes=minutes)  # computed here: interval arithmetic differs by backend
        if deadline < now:
            found.append(Overdue(number=number or "-", agency_code=agency_code, deadline=deadline))
    return sorted(found, key=lambda o: (o.deadline, o.number, o.agency_code))


async def _meetings(session: AsyncSession, agency: str | None, now: datetime) -> list[Meeting]:
    today = stages.wib_date(now)
    start, end = stages.at_wib(today), stages.at_wib(today + timedelta(days=1))
    stmt = select(Meeting).where(Meeting.status == MeetingStatus.SCHEDULED, col(Meeting.starts_at) >= start,
                                 col(Meeting.starts_at) < end)
    if agency is not None:
        stmt = stmt.where(sa.or_(
            col(Meeting.organizer_agency_code) == agency,
            sa.exists(select(MeetingAgency.meeting_id).where(MeetingAgency.meeting_id == col(Meeting.id),
                                                             MeetingAgency.agency_code == agency)),
            sa.exists(select(MeetingInvite.id).where(MeetingInvite.meeting_id == col(Meeting.id),
                                                     MeetingInvite.agency_code == agency))))
    return list((await session.scalars(stmt.order_by(col(Meeting.starts_at), col(Meeting.id)))).all())


async def _labels(session: AsyncSession, area_codes: set[str]) -> Labels:
    regions = (await session.scalars(select(Region).where(col(Region.code).in_(sorted(area_codes))))).all()
    return Labels(regions={r.code: r for r in regions},
                  groups={g.code: g for g in (await session.scalars(select(CategoryGroup))).all()},
                  severities={s.code: s for s in (await session.scalars(select(Severity))).all()},
                  categories={c.code: c for c in (await session.scalars(select(Category))).all()},
                  agencies={a.code: a for a in (await session.scalars(select(Agency))).all()})


async def build(session: AsyncSession, *, actor: Actor, now: datetime | None = None) -> Lapsit:
    """The report as `actor` may see it at `now`."""
    now = now or clock.now()
    agency = agency_scope_code(actor)
    recent_rows = await _incidents(session, actor, sa.and_(col(Incident.reported_at) > now - WINDOW,
                                                           col(Incident.reported_at) <= now))
    open_rows = await _incidents(session, actor, col(Incident.status).in_(list(OPEN_STATUSES)))
    labels = await _labels(session, {area_code(r.region_code) for r in (*recent_rows, *open_rows)})
    ranks = {code: s.rank for code, s in labels.severities.items()}
    listed = sorted(open_rows, key=lambda r: (-ranks.get(r.severity_code or "", 0), r.reported_at or now))
    items = [OpenItem(number=r.number or "-", category_code=r.category_code or "-", region_code=r.region_code or "-",
                      severity_code=r.severity_code or "-", status=str(r.status), reported_at=r.reported_at)
             for r in listed[:OPEN_LIST_LIMIT]]
    overview = await stages.overview(session, now)
    return Lapsit(now=now, agency_code=agency, stages=overview.current, recent=_breakdown(recent_rows),
                  open=_breakdown(open_rows), open_items=items, overdue=await _overdue(session, actor, agency, now),
                  meetings=await _meetings(session, agency, now), labels=labels)


def next_slot(now: datetime, at: time) -> datetime:
    """The next moment (strictly after `now`) at `at` WIB."""
    today = stages.wib_date(now)
    slot = stages.at_wib(today, at)
    return slot if slot > now else stages.at_wib(today + timedelta(days=1), at)


async def ensure_daily(session: AsyncSession, *, at: time, now: datetime | None = None) -> int:
    """Queue the next daily report for every active command-post group (once per group and WIB date)."""
    slot = next_slot(now or clock.now(), at)
    day: date = stages.wib_date(slot)
    created = 0
    for chat_id in await command_post_chats(session):
        row = await outbox.enqueue(session, kind=KIND, chat_id=chat_id, subject=f"lapsit:{day.isoformat()}",
                                   dedupe_key=f"lapsit:{chat_id}:{day.isoformat()}", due_at=slot,
                                   not_after=slot + STALE_AFTER, payload={"date": day.isoformat()})
        created += row is not None
    return created
