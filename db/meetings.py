"""Meetings (rakor): scheduling, invitations to groups, answers, reschedule and cancel, reminders — all through the
outbox, in the transaction of the change that causes them (subject `meeting:<id>`)."""

import uuid
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from db import audit, clock, outbox, regions
from db.access import Actor, Cap
from db.errors import Conflict, InvalidInput, NotAllowed, NotFound
from db.models import Agency, Chat, Meeting, MeetingAgency, MeetingInvite, MeetingStatus, Rsvp, RsvpAnswer

INVITE = "meeting_invite"
INVITE_EDIT = "meeting_invite_edit"
REMINDER = "meeting_reminder"
UPDATE = "meeting_update"
TITLE_MAX = 200
PLACE_MAX = 300
AGENDA_MAX = 1500  # the invitation must stay one message (4,096 characters) with everything else in it
LIST_LIMIT = 20


def subject(meeting_id: int) -> str:
    """The outbox subject of everything sent about a meeting."""
    return f"meeting:{meeting_id}"


def _one_line(text: str, limit: int, key: str) -> str:
    cleaned = " ".join(text.split())
    if not cleaned:
        raise InvalidInput(f"meetings.{key}_empty")
    if len(cleaned) > limit:
        raise InvalidInput(f"meetings.{key}_too_long", limit=limit, length=len(cleaned))
    return cleaned


def clean_title(text: str) -> str:
    """A meeting title: 1-200 characters on one line."""
    return _one_line(text, TITLE_MAX, "title")


def clean_place(text: str) -> str:
    """A meeting place: 1-300 characters on one line."""
    return _one_line(text, PLACE_MAX, "place")


def clean_agenda(text: str) -> str:
    """An agenda: up to 1,500 characters, line breaks kept."""
    cleaned = "\n".join(" ".join(line.split()) for line in text.strip().splitlines()).strip()
    if not cleaned:
        raise InvalidInput("meetings.agenda_empty")
    if len(cleaned) > AGENDA_MAX:
        raise InvalidInput("meetings.agenda_too_long", limit=AGENDA_MAX, length=len(cleaned))
    return cleaned


@dataclass
class Draft:
    """What the scheduling dialogue collected."""

    title: str
    starts_at: datetime
    place_text: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    agenda: str | None = None
    region_code: str | None = None  # None: the whole jurisdiction
    agency_codes: list[str] = field(default_factory=list)
    chat_ids: list[int] = field(default_factory=list)
    all_regions: bool = False  # invited agencies' groups everywhere, not only in the meeting's region
    reminder_minutes: list[int] = field(default_factory=list)


async def recipients(session: AsyncSession, *, region_code: str | None, agency_codes: Sequence[str],
                     chat_ids: Sequence[int], all_regions: bool) -> list[Chat]:
    """Active registered groups to invite: those chosen, and the invited agencies' groups in the meeting's region
    (the region and every region below it) or anywhere."""
    conditions: list[sa.ColumnElement[bool]] = []
    if chat_ids:
        conditions.append(col(Chat.tg_chat_id).in_(list(chat_ids)))
    if agency_codes:
        of_agency: sa.ColumnElement[bool] = col(Chat.agency_code).in_(list(agency_codes))
        if region_code is not None and not all_regions:
            of_agency = sa.and_(of_agency, col(Chat.region_code).in_(
                await regions.descendant_codes(session, region_code)))
        conditions.append(of_agency)
    if not conditions:
        return []
    stmt = (select(Chat).where(col(Chat.active), col(Chat.region_code).is_not(None), Chat.tg_chat_id < 0,
                               sa.or_(*conditions))
            .order_by(col(Chat.agency_code), col(Chat.title), col(Chat.id)))
    return list((await session.scalars(stmt)).all())


async def invitable_groups(session: AsyncSession) -> list[Chat]:
    """Every active registered group (the dialogue lists them to pick from)."""
    stmt = (select(Chat).where(col(Chat.active), col(Chat.region_code).is_not(None), Chat.tg_chat_id < 0,
                               sa.or_(col(Chat.agency_code).is_not(None), col(Chat.is_command_post)))
            .order_by(col(Chat.is_command_post).desc(), col(Chat.agency_code), col(Chat.title), col(Chat.id)))
    return list((await session.scalars(stmt)).all())


async def schedule(session: AsyncSession, *, actor: Actor, draft: Draft) -> Meeting:
    """Create a meeting and queue its invitations and reminders to every invited group."""
    actor.require(Cap.SCHEDULE_MEETING)
    if draft.starts_at <= clock.now():
        raise InvalidInput("meetings.start_passed")
    for code in draft.agency_codes:
        if await regions.get_agency(session, code) is None:
            raise NotFound("people.agency_unknown")
    if draft.region_code is not None and await regions.get_region(session, draft.region_code) is None:
        raise NotFound("people.region_unknown")
    chats = await recipients(session, region_code=draft.region_code, agency_codes=draft.agency_codes,
                             chat_ids=draft.chat_ids, all_regions=draft.all_regions)
    if not chats:
        raise InvalidInput("meetings.no_recipients")
    person = actor.stakeholder
    meeting = Meeting(
        uid=f"{uuid.uuid4().hex}@sinergi", title=clean_title(draft.title), starts_at=draft.starts_at,
        place_text=draft.place_text, latitude=draft.latitude, longitude=draft.longitude, agenda=draft.agenda,
        region_code=draft.region_code, organizer_tg_id=actor.tg_user_id, organizer_label=actor.label[:200],
        organizer_agency_code=person.agency_code if person is not None and actor.active else None,
        reminder_minutes=sorted(set(draft.reminder_minutes), reverse=True))
    session.add(meeting)
    await session.flush()
    meeting_id = _id(meeting)
    for code in dict.fromkeys(draft.agency_codes):
        session.add(MeetingAgency(meeting_id=meeting_id, agency_code=code))
    for chat in chats:
        session.add(MeetingInvite(meeting_id=meeting_id, chat_id=chat.tg_chat_id, agency_code=chat.agency_code))
        await outbox.enqueue(session, kind=INVITE, chat_id=chat.tg_chat_id, subject=subject(meeting_id),
                             payload={"meeting_id": meeting_id},
                             dedupe_key=f"{INVITE}:{meeting_id}:{chat.tg_chat_id}")
    await _queue_reminders(session, meeting, [chat.tg_chat_id for chat in chats])
    audit.record(session, actor_tg_id=actor.tg_user_id, action="meeting.scheduled", subject=subject(meeting_id),
                 starts_at=meeting.starts_at.isoformat(), groups=len(chats), agencies=list(draft.agency_codes))
    return meeting


async def _queue_reminders(session: AsyncSession, meeting: Meeting, chat_ids: Sequence[int]) -> int:
    """One row per group and reminder time still ahead; skipped by the dispatcher once the meeting started."""
    now = clock.now()
    meeting_id = _id(meeting)
    queued = 0
    for minutes in meeting.reminder_minutes:
        due = meeting.starts_at - timedelta(minutes=minutes)
        if due <= now:
            continue  # the invitation itself is sent now; a reminder already due would only repeat it
        for chat_id in chat_ids:
            row = await outbox.enqueue(
                session, kind=REMINDER, chat_id=chat_id, subject=subject(meeting_id),
                payload={"meeting_id": meeting_id, "minutes": minutes}, due_at=due, not_after=meeting.starts_at,
                dedupe_key=f"{REMINDER}:{meeting_id}:{meeting.sequence}:{minutes}:{chat_id}")
            queued += row is not None
    return queued


async def get_meeting(session: AsyncSession, meeting_id: int, *, lock: bool = False) -> Meeting:
    """The meeting, or NotFound."""
    meeting = await session.get(Meeting, meeting_id, with_for_update=lock)
    if meeting is None:
        raise NotFound("meetings.unknown")
    return meeting


async def invited_chats(session: AsyncSession, meeting_id: int) -> list[int]:
    """Telegram ids of the groups a meeting was sent to."""
    return list((await session.scalars(select(MeetingInvite.chat_id).where(
        MeetingInvite.meeting_id == meeting_id).order_by(col(MeetingInvite.id)))).all())


async def invited_agencies(session: AsyncSession, meeting_id: int) -> list[Agency]:
    """Agencies invited as a whole or through one of their groups, in display order."""
    whole = select(MeetingAgency.agency_code).where(MeetingAgency.meeting_id == meeting_id)
    via_group = select(MeetingInvite.agency_code).where(MeetingInvite.meeting_id == meeting_id,
                                                        col(MeetingInvite.agency_code).is_not(None))
    stmt = (select(Agency).where(sa.or_(col(Agency.code).in_(whole), col(Agency.code).in_(via_group)))
            .order_by(col(Agency.sort_order), col(Agency.code)))
    return list((await session.scalars(stmt)).all())


async def answers(session: AsyncSession, meeting_id: int) -> list[Rsvp]:
    """Every answer to a meeting, by agency then name."""
    return list((await session.scalars(select(Rsvp).where(Rsvp.meeting_id == meeting_id).order_by(
        col(Rsvp.agency_code), col(Rsvp.name), col(Rsvp.id)))).all())


@dataclass
class Overview:
    """A meeting with who was invited and who answered what (renderers and the detail view use it)."""

    meeting: Meeting
    agencies: list[Agency]
    answers: list[Rsvp]
    chat_count: int

    def counts(self) -> dict[str | None, Counter[RsvpAnswer]]:
        """Answers per agency code (None: answers of people without an agency, e.g. super admins)."""
        result: dict[str | None, Counter[RsvpAnswer]] = {agency.code: Counter() for agency in self.agencies}
        for rsvp in self.answers:
            result.setdefault(rsvp.agency_code, Counter())[rsvp.answer] += 1
        return result

    def silent(self) -> list[Agency]:
        """Invited agencies from which nobody has answered yet."""
        answered = {rsvp.agency_code for rsvp in self.answers}
        return [agency for agency in self.agencies if agency.code not in answered]


async def overview(session: AsyncSession, meeting_id: int) -> Overview:
    """Everything about a meeting's invitations and answers, read in one go."""
    meeting = await get_meeting(session, meeting_id)
    return Overview(meeting=meeting, agencies=await invited_agencies(session, meeting_id),
                    answers=await answers(session, meeting_id),
                    chat_count=len(await invited_chats(session, meeting_id)))


async def answer_counts(session: AsyncSession, meeting_ids: Sequence[int]) -> dict[int, Counter[RsvpAnswer]]:
    """Answers per meeting (for lists)."""
    result: dict[int, Counter[RsvpAnswer]] = {meeting_id: Counter() for meeting_id in meeting_ids}
    if meeting_ids:
        rows = await session.execute(select(Rsvp.meeting_id, Rsvp.answer, sa.func.count()).where(
            col(Rsvp.meeting_id).in_(list(meeting_ids))).group_by(col(Rsvp.meeting_id), col(Rsvp.answer)))
        for meeting_id, choice, count in rows.all():
            result[meeting_id][RsvpAnswer(choice)] = int(count)
    return result


def can_manage(actor: Actor, meeting: Meeting) -> bool:
    """Reschedule and cancel: the organiser, an admin of the organiser's agency, super admins."""
    if actor.is_superadmin or actor.tg_user_id == meeting.organizer_tg_id:
        return True
    return actor.can(Cap.APPROVE_REGISTRATIONS) and actor.agency_code is not None \
        and actor.agency_code == meeting.organizer_agency_code


async def may_see(session: AsyncSession, actor: Actor, meeting: Meeting, chat_id: int | None = None) -> bool:
    """Organisers, invited agencies' people, whoever answered, the invited groups, the command post, admins."""
    if actor.is_superadmin or actor.can(Cap.SEE_ALL_INCIDENTS) or can_manage(actor, meeting):
        return True
    meeting_id = _id(meeting)
    if chat_id is not None and chat_id in await invited_chats(session, meeting_id):
        return True
    if actor.agency_code in {agency.code for agency in await invited_agencies(session, meeting_id)}:
        return True
    return await session.scalar(select(Rsvp.id).where(Rsvp.meeting_id == meeting_id,
                                                      Rsvp.tg_user_id == actor.tg_user_id)) is not None


async def answer(session: AsyncSession, *, actor: Actor, meeting_id: int, choice: RsvpAnswer, chat_id: int,
                 name: str) -> bool:
    """Record (or change) a person's own answer; return whether it changed. Every delivered invitation is
    edited through the outbox to show the new counts."""
    meeting = await get_meeting(session, meeting_id)
    if meeting.status == MeetingStatus.CANCELLED:
        raise Conflict("meetings.rsvp_cancelled")
    if meeting.starts_at <= clock.now():
        raise Conflict("meetings.rsvp_started")
    invited = chat_id in await invited_chats(session, meeting_id) or actor.is_superadmin or (
        actor.agency_code in {agency.code for agency in await invited_agencies(session, meeting_id)})
    if not invited:
        raise NotAllowed("meetings.not_invited")
    rsvp = await session.scalar(select(Rsvp).where(Rsvp.meeting_id == meeting_id,
                                                   Rsvp.tg_user_id == actor.tg_user_id).with_for_update())
    if rsvp is not None and rsvp.answer == choice:
        return False
    person = actor.stakeholder if actor.active else None
    if rsvp is None:
        rsvp = Rsvp(meeting_id=meeting_id, tg_user_id=actor.tg_user_id, answer=choice)
        session.add(rsvp)
    rsvp.answer = choice
    rsvp.stakeholder_id = person.id if person is not None else None
    rsvp.name = (person.full_name if person is not None else " ".join(name.split()))[:200]
    rsvp.agency_code = person.agency_code if person is not None else None
    rsvp.chat_id = chat_id
    rsvp.answered_at = clock.now()
    await refresh_invitations(session, meeting_id)
    return True


async def refresh_invitations(session: AsyncSession, meeting_id: int) -> None:
    """Queue an edit of every delivered invitation (one waiting edit per group renders the latest state)."""
    for row in await outbox.sent_messages(session, subject(meeting_id), kinds=(INVITE,)):
        await outbox.enqueue_unless_pending(session, kind=INVITE_EDIT, chat_id=row.chat_id,
                                            subject=subject(meeting_id),
                                            payload={"meeting_id": meeting_id, "message_id": row.message_id})


async def managed_meeting(session: AsyncSession, *, actor: Actor, meeting_id: int) -> Meeting:
    """A scheduled meeting the actor may reschedule or cancel (locked), or the reason why not."""
    actor.require(Cap.SCHEDULE_MEETING)
    meeting = await get_meeting(session, meeting_id, lock=True)
    if not can_manage(actor, meeting):
        raise NotAllowed("meetings.not_organizer")
    if meeting.status == MeetingStatus.CANCELLED:
        raise Conflict("meetings.already_cancelled")
    return meeting


async def _tell_groups(session: AsyncSession, meeting: Meeting, change: str, **payload: object) -> int:
    chat_ids = await invited_chats(session, _id(meeting))
    for chat_id in chat_ids:
        await outbox.enqueue(session, kind=UPDATE, chat_id=chat_id, subject=subject(_id(meeting)),
                             payload={"meeting_id": _id(meeting), "change": change, **payload},
                             dedupe_key=f"{UPDATE}:{_id(meeting)}:{meeting.sequence}:{chat_id}")
    return len(chat_ids)


async def reschedule(session: AsyncSession, *, actor: Actor, meeting_id: int, starts_at: datetime) -> datetime:
    """Move a meeting: reminders are re-queued for the new time, every invited group is told, answers kept.
    Return the previous start."""
    meeting = await managed_meeting(session, actor=actor, meeting_id=meeting_id)
    if starts_at <= clock.now():
        raise InvalidInput("meetings.start_passed")
    if starts_at == meeting.starts_at:
        raise Conflict("meetings.same_time")
    previous = meeting.starts_at
    meeting.starts_at = starts_at
    meeting.sequence += 1
    meeting.updated_at = clock.now()
    await outbox.cancel_subject(session, subject(meeting_id), kinds=(REMINDER,))
    await _queue_reminders(session, meeting, await invited_chats(session, meeting_id))
    await _tell_groups(session, meeting, "rescheduled", previous=previous.isoformat())
    await refresh_invitations(session, meeting_id)
    audit.record(session, actor_tg_id=actor.tg_user_id, action="meeting.rescheduled", subject=subject(meeting_id),
                 previous=previous.isoformat(), starts_at=starts_at.isoformat(), sequence=meeting.sequence)
    return previous


async def cancel(session: AsyncSession, *, actor: Actor, meeting_id: int) -> Meeting:
    """Call a meeting off: waiting reminders and invitations are cancelled, every invited group is told."""
    meeting = await managed_meeting(session, actor=actor, meeting_id=meeting_id)
    meeting.status = MeetingStatus.CANCELLED
    meeting.cancelled_at = meeting.updated_at = clock.now()
    meeting.sequence += 1
    await outbox.cancel_subject(session, subject(meeting_id), kinds=(REMINDER, INVITE))
    await _tell_groups(session, meeting, "cancelled")
    await refresh_invitations(session, meeting_id)
    audit.record(session, actor_tg_id=actor.tg_user_id, action="meeting.cancelled", subject=subject(meeting_id),
                 sequence=meeting.sequence)
    return meeting


def _upcoming(now: datetime) -> sa.ColumnElement[bool]:
    # still listed while it may be going on (meetings last at most a day)
    return sa.and_(col(Meeting.status) == MeetingStatus.SCHEDULED, col(Meeting.starts_at) > now - timedelta(days=1))


def _not_over(meetings: Sequence[Meeting], now: datetime) -> list[Meeting]:
    return [m for m in meetings if m.starts_at + timedelta(minutes=m.duration_minutes) > now][:LIST_LIMIT]


async def list_for_person(session: AsyncSession, *, actor: Actor) -> list[Meeting]:
    """Upcoming meetings the person organises or is invited to (everything for the command post and admins)."""
    now = clock.now()
    stmt = select(Meeting).where(_upcoming(now))
    if not (actor.is_superadmin or actor.can(Cap.SEE_ALL_INCIDENTS)):
        mine: list[sa.ColumnElement[bool]] = [
            col(Meeting.organizer_tg_id) == actor.tg_user_id,
            col(Meeting.id).in_(select(Rsvp.meeting_id).where(Rsvp.tg_user_id == actor.tg_user_id))]
        if actor.agency_code is not None:
            mine += [col(Meeting.id).in_(select(MeetingAgency.meeting_id).where(
                         MeetingAgency.agency_code == actor.agency_code)),
                     col(Meeting.id).in_(select(MeetingInvite.meeting_id).where(
                         MeetingInvite.agency_code == actor.agency_code))]
            if actor.can(Cap.APPROVE_REGISTRATIONS):
                mine.append(col(Meeting.organizer_agency_code) == actor.agency_code)
        stmt = stmt.where(sa.or_(*mine))
    found = (await session.scalars(stmt.order_by(col(Meeting.starts_at), col(Meeting.id)))).all()
    return _not_over(found, now)


async def list_for_chat(session: AsyncSession, chat_id: int) -> list[Meeting]:
    """Upcoming meetings a group was invited to."""
    now = clock.now()
    stmt = (select(Meeting).where(_upcoming(now), col(Meeting.id).in_(
        select(MeetingInvite.meeting_id).where(MeetingInvite.chat_id == chat_id)))
        .order_by(col(Meeting.starts_at), col(Meeting.id)))
    return _not_over((await session.scalars(stmt)).all(), now)


def _id(meeting: Meeting) -> int:
    if meeting.id is None:
        raise ValueError("meeting without id")
    return meeting.id
