"""Incident intake: drafts (the guided report), submission with its number and timeline, one-line reports.

Stored first: the incident, its agencies and the first timeline event are committed, with the alerts in the
outbox, in one transaction; only then does the Telegram layer answer the reporter.
"""

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, func, select

from db import clock, response, routing
from db.access import Actor, Cap
from db.errors import InvalidInput, NotFound, RateLimited
from db.models import (
    Category,
    CategoryAgency,
    Counter,
    Evidence,
    Incident,
    IncidentAgency,
    IncidentEvent,
    IncidentStatus,
    Region,
    Severity,
)

WIB = clock.LOCAL_TZ  # the display zone: TIMEZONE, Asia/Jakarta unless configured otherwise
DESCRIPTION_MAX = 3000
PLACE_MAX = 300
_TPS = re.compile(r"\bTPS\s*[-.:#]?\s*(\d{1,4}[A-Z]?)\b", re.IGNORECASE)


@dataclass(frozen=True)
class IntakeOptions:
    """Settings intake needs."""

    rate_limit: int
    routing: routing.RoutingOptions
    duplicate_window_minutes: int = 120


def clean_description(text: str) -> str:
    """Validate what happened: 1-3,000 characters."""
    description = text.strip()
    if not description:
        raise InvalidInput("incident.description_empty")
    if len(description) > DESCRIPTION_MAX:
        raise InvalidInput("incident.description_too_long", limit=DESCRIPTION_MAX, length=len(description))
    return description


def parse_place(text: str) -> tuple[str, str | None]:
    """A typed place (≤300 characters) and the polling station number in it ("TPS 012 Kel. Cipete Utara")."""
    place = " ".join(text.split())
    if not place:
        raise InvalidInput("incident.place_empty")
    if len(place) > PLACE_MAX:
        raise InvalidInput("incident.place_too_long", limit=PLACE_MAX, length=len(place))
    found = _TPS.search(place)
    return place, found.group(1).upper() if found else None


def check_location(latitude: float, longitude: float) -> tuple[float, float]:
    """Refuse coordinates that cannot be on Earth."""
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        raise InvalidInput("incident.location_invalid")
    return latitude, longitude


async def check_rate(session: AsyncSession, actor: Actor, limit: int) -> None:
    """At most `limit` reports per person per hour."""
    since = clock.now() - timedelta(hours=1)
    count = int(await session.scalar(select(func.count()).select_from(Incident).where(
        Incident.reporter_tg_id == actor.tg_user_id, Incident.status != IncidentStatus.DRAFT,
        col(Incident.reported_at) >= since)) or 0)
    if count >= limit:
        raise RateLimited("incident.rate_limited", limit=limit)


def _reporter_fields(actor: Actor, full_name: str) -> dict[str, Any]:
    person = actor.stakeholder
    return {
        "reporter_tg_id": actor.tg_user_id,
        "reporter_id": person.id if person is not None else None,
        "reporter_name": (person.full_name if person is not None else full_name)[:200],
        "reporter_agency_code": person.agency_code if person is not None else None,
        "reporter_position": person.position if person is not None else ("Super admin" if actor.is_superadmin
                                                                           else None),
    }


async def get_draft(session: AsyncSession, reporter_tg_id: int, *, mode: str = "guided") -> Incident | None:
    """The person's open draft of that mode (the guided report, or a one-liner being completed)."""
    drafts = (await session.scalars(select(Incident).where(
        Incident.reporter_tg_id == reporter_tg_id, Incident.status == IncidentStatus.DRAFT)
        .order_by(col(Incident.id).desc()))).all()
    return next((d for d in drafts if d.draft_data.get("mode", "guided") == mode), None)


async def get_incident(session: AsyncSession, incident_id: int) -> Incident | None:
    """An incident by id (drafts included)."""
    return await session.get(Incident, incident_id)


async def start_draft(session: AsyncSession, *, actor: Actor, full_name: str, chat_id: int,
                      mode: str = "guided", step: str = "group", **fields: Any) -> Incident:
    """Open a draft for the person (the caller discards an older one first)."""
    actor.require(Cap.REPORT)
    now = clock.now()
    draft = Incident(status=IncidentStatus.DRAFT, draft_step=step, draft_data={"mode": mode},
                     source_chat_id=chat_id, created_at=now, updated_at=now, **_reporter_fields(actor, full_name),
                     **fields)
    session.add(draft)
    await session.flush()
    return draft


async def discard_draft(session: AsyncSession, draft: Incident) -> None:
    """Throw a draft away with the files attached to it so far."""
    if draft.status != IncidentStatus.DRAFT:
        return
    for item in (await session.scalars(select(Evidence).where(Evidence.incident_id == draft.id))).all():
        await session.delete(item)
    await session.flush()
    await session.delete(draft)


def set_draft(draft: Incident, *, step: str | None = None, **data: Any) -> None:
    """Move a draft to `step` and merge bookkeeping `data` (reassigned so the JSON change is saved)."""
    if step is not None:
        draft.draft_step = step
    if data:
        draft.draft_data = {**draft.draft_data, **data}
    draft.updated_at = clock.now()


async def category(session: AsyncSession, code: str) -> Category:
    """An active category (NotFound otherwise)."""
    found = await session.get(Category, code)
    if found is None or not found.active:
        raise NotFound("incident.category_unknown")
    return found


async def severity(session: AsyncSession, code: str) -> Severity:
    """A severity level (NotFound otherwise)."""
    found = await session.get(Severity, code)
    if found is None:
        raise NotFound("incident.severity_unknown")
    return found


async def region(session: AsyncSession, code: str) -> Region:
    """An active region (NotFound otherwise)."""
    found = await session.get(Region, code)
    if found is None or not found.active:
        raise NotFound("people.region_unknown")
    return found


async def next_number(session: AsyncSession, reported_at: datetime) -> str:
    """`INS-<WIB date>-<sequence of that day>`, from an atomic per-day counter (safe across processes)."""
    day = reported_at.astimezone(WIB).strftime("%Y%m%d")
    name = f"incident:{day}"
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    stmt = insert(Counter).values(name=name, value=1)
    stmt = stmt.on_conflict_do_update(index_elements=[Counter.name], set_={"value": Counter.value + 1})
    value = await session.scalar(stmt.returning(col(Counter.value)))
    return f"INS-{day}-{value}"


def missing_parts(draft: Incident) -> list[str]:
    """What a draft still lacks before it can be submitted: category, region, description."""
    missing = []
    if draft.category_code is None:
        missing.append("category")
    if draft.region_code is None:
        missing.append("region")
    if not draft.description:
        missing.append("description")
    return missing


async def submit(session: AsyncSession, draft: Incident, *, actor: Actor, options: IntakeOptions) -> Incident:
    """Turn a complete draft into a new incident: number, agencies, first event, alerts in the outbox."""
    actor.require(Cap.REPORT)
    if draft.status != IncidentStatus.DRAFT or draft.reporter_tg_id != actor.tg_user_id:
        raise NotFound("incident.no_draft")
    if missing_parts(draft):
        raise InvalidInput("incident.incomplete")
    await check_rate(session, actor, options.rate_limit)
    found = await category(session, draft.category_code or "")
    if draft.severity_code is None:
        draft.severity_code = found.default_severity
    now = clock.now()
    draft.number = await next_number(session, now)
    draft.status = IncidentStatus.NEW
    draft.reported_at = now
    draft.occurred_at = draft.occurred_at or now
    draft.draft_step = None
    draft.updated_at = now
    await session.flush()
    assert draft.id is not None
    for link in (await session.scalars(select(CategoryAgency).where(
            CategoryAgency.category_code == found.code))).all():
        session.add(IncidentAgency(incident_id=draft.id, agency_code=link.agency_code, role=link.role))
    session.add(IncidentEvent(incident_id=draft.id, at=now, kind="created", actor_tg_id=actor.tg_user_id,
                              actor_label=draft.reporter_name, actor_agency_code=draft.reporter_agency_code,
                              detail={"category": found.code, "severity": draft.severity_code,
                                      "region": draft.region_code}))
    await session.flush()
    likely = await response.find_likely_duplicate(session, draft, window_minutes=options.duplicate_window_minutes)
    if likely is not None:
        draft.likely_duplicate_of_id = likely.id
        session.add(IncidentEvent(incident_id=draft.id, at=now, kind="likely_duplicate", actor_label="Sinergi",
                                  detail={"of": likely.number}))
    await routing.route(session, draft, options.routing)
    await response.schedule_escalations(session, draft, response.EscalationOptions(
        superadmin_ids=options.routing.superadmin_ids))
    return draft


async def reports_in_window(session: AsyncSession, start: datetime, end: datetime,
                            max_rank: int) -> list[Incident]:
    """Incidents reported in [start, end) below a severity rank (the command post digest)."""
    stmt = (select(Incident).join(Severity, col(Severity.code) == Incident.severity_code)
            .where(col(Incident.reported_at) >= start, col(Incident.reported_at) < end,
                   Incident.status != IncidentStatus.DRAFT, Severity.rank < max_rank)
            .order_by(col(Incident.reported_at)))
    return list((await session.scalars(stmt)).all())


async def by_number(session: AsyncSession, number: str) -> Incident | None:
    """A submitted incident by its number, forgiving case and spacing ("ins-20241127-3")."""
    cleaned = re.sub(r"\s+", "", number).upper()
    if not cleaned.startswith("INS-"):
        cleaned = f"INS-{cleaned}"
    return await session.scalar(select(Incident).where(Incident.number == cleaned,
                                                       Incident.status != IncidentStatus.DRAFT))


async def agencies_of(session: AsyncSession, incident_id: int) -> list[IncidentAgency]:
    """An incident's agencies (responsible first)."""
    rows = (await session.scalars(select(IncidentAgency).where(IncidentAgency.incident_id == incident_id))).all()
    return sorted(rows, key=lambda r: (r.role.value != "responsible", r.agency_code))


_ = sa
