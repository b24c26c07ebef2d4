"""Incident response: acknowledge per agency, take, resolve, mark duplicate; escalation when nobody acts;
likely duplicates. Every change is a timeline event, and every delivered alert and notice is edited (through
the outbox) to show it."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta

from rapidfuzz import fuzz
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from db import clock, evidence, outbox, regions
from db.access import Actor, Cap
from db.errors import Conflict, InvalidInput, NotAllowed, NotFound
from db.matching import normalize
from db.models import (
    OPEN_STATUSES,
    Chat,
    Evidence,
    Incident,
    IncidentAgency,
    IncidentEvent,
    IncidentStatus,
    Severity,
)
from db.models.reference import CategoryRole

ALERT_KINDS = ("alert", "notice", "escalation")
NOTE_MAX = 1000
SIMILAR_TEXT = 75  # rapidfuzz token-set ratio from which two descriptions tell the same story


def agency_subject(incident_id: int, agency_code: str) -> str:
    """Outbox subject of one agency's escalations (cancelled when it acknowledges)."""
    return f"incident:{incident_id}:agency:{agency_code}"


async def _incident(session: AsyncSession, incident_id: int) -> Incident:
    incident = await session.get(Incident, incident_id, with_for_update=True)
    if incident is None or incident.status == IncidentStatus.DRAFT:
        raise NotFound("response.not_found")
    return incident


async def _parts(session: AsyncSession, incident_id: int) -> list[IncidentAgency]:
    return list((await session.scalars(select(IncidentAgency).where(
        IncidentAgency.incident_id == incident_id))).all())


def _responsible(parts: Sequence[IncidentAgency]) -> list[IncidentAgency]:
    return [p for p in parts if p.role == CategoryRole.RESPONSIBLE]


def _event(session: AsyncSession, incident: Incident, actor: Actor, kind: str, *, agency: str | None = None,
           note: str | None = None, **detail: object) -> IncidentEvent:
    on_behalf = actor.can(Cap.ACT_ANY_ALERT) and agency is not None and agency != actor.agency_code
    event = IncidentEvent(incident_id=incident.id or 0, at=clock.now(), kind=kind, actor_tg_id=actor.tg_user_id,
                          actor_label=actor.label, actor_agency_code=actor.agency_code, agency_code=agency,
                          note=note, detail={**detail, **({"on_behalf": True} if on_behalf else {})})
    session.add(event)
    incident.updated_at = event.at
    return event


def _may_act(actor: Actor, parts: Sequence[IncidentAgency], agency: str | None = None) -> None:
    """Members of a responsible agency act for it; command post staff and super admins for any."""
    if actor.can(Cap.ACT_ANY_ALERT):
        return
    responsible = {p.agency_code for p in _responsible(parts)}
    if actor.agency_code is None or actor.agency_code not in responsible:
        raise NotAllowed("response.not_responsible")
    if agency is not None and agency != actor.agency_code:
        raise NotAllowed("response.other_agency")


def _open(incident: Incident) -> None:
    if incident.status not in OPEN_STATUSES:
        raise Conflict("response.closed", number=incident.number or "", status=incident.status.value)


async def refresh_alerts(session: AsyncSession, incident: Incident) -> None:
    """Queue an edit of every delivered alert, notice and escalation about the incident."""
    for row in await outbox.sent_messages(session, f"incident:{incident.id}", kinds=("alert", "notice")):
        await outbox.enqueue_unless_pending(session, kind=f"{row.kind}_edit", chat_id=row.chat_id,
                                            subject=f"incident:{incident.id}",
                                            payload={**row.payload, "message_id": row.message_id})
    for part in await _parts(session, incident.id or 0):
        for row in await outbox.sent_messages(session, agency_subject(incident.id or 0, part.agency_code),
                                              kinds=("escalation",)):
            await outbox.enqueue_unless_pending(session, kind="escalation_edit", chat_id=row.chat_id,
                                                subject=agency_subject(incident.id or 0, part.agency_code),
                                                payload={**row.payload, "message_id": row.message_id})


async def acknowledge(session: AsyncSession, *, actor: Actor, incident_id: int, agency_code: str) -> Incident:
    """An agency acknowledges; the incident is acknowledged once every responsible agency has."""
    incident = await _incident(session, incident_id)
    _open(incident)
    parts = await _parts(session, incident_id)
    part = next((p for p in _responsible(parts) if p.agency_code == agency_code), None)
    if part is None:
        raise NotFound("response.agency_not_responsible")
    _may_act(actor, parts, agency_code)
    if part.acknowledged_at is not None:
        raise Conflict("response.already_acknowledged", agency=agency_code)
    part.acknowledged_at, part.acknowledged_by_tg_id = clock.now(), actor.tg_user_id
    part.acknowledged_by_label = actor.label[:200]
    _event(session, incident, actor, "acknowledged", agency=agency_code)
    await outbox.cancel_subject(session, agency_subject(incident_id, agency_code))
    if incident.status == IncidentStatus.NEW and all(p.acknowledged_at for p in _responsible(parts)):
        incident.status = IncidentStatus.ACKNOWLEDGED
    await refresh_alerts(session, incident)
    return incident


async def take(session: AsyncSession, *, actor: Actor, incident_id: int) -> Incident:
    """Someone takes the incident in hand (their agency's acknowledgement comes with it)."""
    incident = await _incident(session, incident_id)
    _open(incident)
    parts = await _parts(session, incident_id)
    _may_act(actor, parts)
    if incident.taken_by_tg_id is not None:
        raise Conflict("response.already_taken", who=incident.taken_by_label or "")
    now = clock.now()
    incident.taken_by_tg_id, incident.taken_by_label, incident.taken_at = actor.tg_user_id, actor.label[:200], now
    incident.status = IncidentStatus.IN_PROGRESS
    _event(session, incident, actor, "taken", agency=actor.agency_code)
    own = next((p for p in _responsible(parts) if p.agency_code == actor.agency_code), None)
    if own is not None and own.acknowledged_at is None:
        own.acknowledged_at, own.acknowledged_by_tg_id, own.acknowledged_by_label = now, actor.tg_user_id, actor.label
        _event(session, incident, actor, "acknowledged", agency=own.agency_code)
        await outbox.cancel_subject(session, agency_subject(incident_id, own.agency_code))
    await refresh_alerts(session, incident)
    return incident


def clean_note(text: str) -> str:
    """A short resolution note: 1-1,000 characters."""
    note = text.strip()
    if not note:
        raise InvalidInput("response.note_empty")
    if len(note) > NOTE_MAX:
        raise InvalidInput("response.note_too_long", limit=NOTE_MAX, length=len(note))
    return note


async def _stop_escalations(session: AsyncSession, incident_id: int) -> None:
    for part in await _parts(session, incident_id):
        await outbox.cancel_subject(session, agency_subject(incident_id, part.agency_code))


async def resolve(session: AsyncSession, *, actor: Actor, incident_id: int, note: str) -> Incident:
    """Close the incident with a note."""
    incident = await _incident(session, incident_id)
    _open(incident)
    _may_act(actor, await _parts(session, incident_id))
    incident.status, incident.resolved_at, incident.resolution_note = IncidentStatus.RESOLVED, clock.now(), \
        clean_note(note)
    _event(session, incident, actor, "resolved", note=incident.resolution_note)
    await _stop_escalations(session, incident_id)
    await refresh_alerts(session, incident)
    return incident


async def mark_duplicate(session: AsyncSession, *, actor: Actor, incident_id: int, original_number: str) -> Incident:
    """Mark an incident as a duplicate of another; the original gains its evidence on its timeline."""
    from db.incidents import by_number

    incident = await _incident(session, incident_id)
    _open(incident)
    _may_act(actor, await _parts(session, incident_id))
    original = await by_number(session, original_number)
    if original is None:
        raise NotFound("response.original_not_found", number=original_number.strip()[:40])
    if original.id == incident.id:
        raise InvalidInput("response.duplicate_of_itself")
    if original.status == IncidentStatus.DUPLICATE:
        raise InvalidInput("response.original_is_duplicate", number=original.number or "")
    incident.status, incident.duplicate_of_id = IncidentStatus.DUPLICATE, original.id
    _event(session, incident, actor, "duplicate", original=original.number)
    copied = await evidence.copy_to(session, incident.id or 0, original.id or 0, added_by=actor.tg_user_id)
    _event(session, original, actor, "duplicate_merged", duplicate=incident.number, evidence=copied)
    await _stop_escalations(session, incident_id)
    await refresh_alerts(session, incident)
    await refresh_alerts(session, original)
    return incident


async def add_note(session: AsyncSession, *, actor: Actor, incident_id: int, note: str) -> Incident:
    """A note on the timeline (open or closed incidents) by someone who may act on it; alerts are refreshed."""
    incident = await _incident(session, incident_id)
    _may_act(actor, await _parts(session, incident_id))
    _event(session, incident, actor, "note", note=clean_note(note))
    await refresh_alerts(session, incident)
    return incident


@dataclass(frozen=True)
class EscalationOptions:
    """Where escalations go when there is no command post group."""

    superadmin_ids: Sequence[int]


async def schedule_escalations(session: AsyncSession, incident: Incident, options: EscalationOptions) -> None:
    """For each responsible agency: the command post after the severity's deadline, super admins after twice it."""
    severity = await session.get(Severity, incident.severity_code)
    if severity is None or incident.reported_at is None:
        return
    deadline = timedelta(minutes=severity.ack_minutes)
    posts = list((await session.scalars(select(Chat.tg_chat_id).where(
        col(Chat.is_command_post), col(Chat.active)))).all())
    admins = list(dict.fromkeys(options.superadmin_ids))
    for part in _responsible(await _parts(session, incident.id or 0)):
        subject = agency_subject(incident.id or 0, part.agency_code)
        for level, targets in ((1, posts or admins), (2, admins)):
            for chat_id in targets:
                await outbox.enqueue(
                    session, kind="escalation", chat_id=chat_id, subject=subject,
                    due_at=incident.reported_at + deadline * level,
                    payload={"incident_id": incident.id, "agency": part.agency_code, "level": level},
                    dedupe_key=f"escalation:{incident.id}:{part.agency_code}:{level}:{chat_id}")


async def record_escalation(session: AsyncSession, incident_id: int, agency_code: str, level: int) -> None:
    """Write the timeline entry of a delivered escalation (once per agency and level)."""
    part = await session.get(IncidentAgency, (incident_id, agency_code))
    incident = await session.get(Incident, incident_id)
    if part is None or incident is None or part.escalation_level >= level:
        return
    part.escalation_level = level
    session.add(IncidentEvent(incident_id=incident_id, at=clock.now(), kind="escalated", actor_label="Sinergi",
                              agency_code=agency_code,
                              detail={"level": level, "to": "command_post" if level == 1 else "superadmins"}))


async def still_unacknowledged(session: AsyncSession, incident_id: int, agency_code: str) -> bool:
    """Whether an escalation about this agency is still due (not acknowledged, incident still open)."""
    incident = await session.get(Incident, incident_id)
    part = await session.get(IncidentAgency, (incident_id, agency_code))
    return (incident is not None and incident.status in OPEN_STATUSES and part is not None
            and part.acknowledged_at is None)


async def find_likely_duplicate(session: AsyncSession, incident: Incident, *, window_minutes: int) -> Incident | None:
    """A recent report in the same region (or a parent or child of it) and category with similar text or a
    shared evidence file."""
    if incident.region_code is None or incident.category_code is None:
        return None
    since = clock.now() - timedelta(minutes=window_minutes)
    lineage = {r.code for r in await regions.lineage(session, incident.region_code)}
    candidates = (await session.scalars(select(Incident).where(
        Incident.category_code == incident.category_code, col(Incident.reported_at) >= since,
        Incident.id != incident.id, col(Incident.status).in_([*OPEN_STATUSES, IncidentStatus.RESOLVED]))
        .order_by(col(Incident.reported_at).desc()))).all()
    hashes = set((await session.scalars(select(Evidence.sha256).where(
        Evidence.incident_id == incident.id, col(Evidence.sha256).is_not(None)))).all())
    text = normalize(incident.description)
    for candidate in candidates:
        if candidate.region_code is None:
            continue
        related = candidate.region_code in lineage or incident.region_code in {
            r.code for r in await regions.lineage(session, candidate.region_code)}
        if not related:
            continue
        if hashes and (set((await session.scalars(select(Evidence.sha256).where(
                Evidence.incident_id == candidate.id))).all()) & hashes):
            return candidate
        if text and fuzz.token_set_ratio(text, normalize(candidate.description)) >= SIMILAR_TEXT:
            return candidate
    return None


async def check_actionable(session: AsyncSession, *, actor: Actor, incident_id: int) -> Incident:
    """The incident, if it is open and the actor may act on it (before asking them for a note or a number)."""
    incident = await session.get(Incident, incident_id)
    if incident is None or incident.status == IncidentStatus.DRAFT:
        raise NotFound("response.not_found")
    _open(incident)
    _may_act(actor, await _parts(session, incident_id))
    return incident
