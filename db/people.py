"""People: registration with approval, roles, revocation, language; every decision audited and announced."""

import html
from collections.abc import Sequence

from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, func, select

from db import audit, clock, outbox
from db.access import Actor, Cap
from db.errors import Conflict, InvalidInput, NotAllowed, NotFound
from db.models import OutboxStatus, Role, Stakeholder, Status
from db.regions import get_agency, get_region

POSITION_MAX = 100
NAME_MAX = 200
APPROVAL_KINDS = ("approval",)


async def get_by_tg(session: AsyncSession, tg_user_id: int) -> Stakeholder | None:
    """The person with this Telegram id, if they ever applied."""
    return await session.scalar(select(Stakeholder).where(Stakeholder.tg_user_id == tg_user_id))


async def load_actor(session: AsyncSession, tg_user_id: int, superadmin_ids: Sequence[int]) -> Actor:
    """The Actor for an update's user."""
    return Actor(tg_user_id=tg_user_id, stakeholder=await get_by_tg(session, tg_user_id),
                 is_superadmin=tg_user_id in superadmin_ids)


def clean_position(text: str) -> str:
    """Validate a typed position: 1-100 characters on one line."""
    position = " ".join(text.split())
    if not position:
        raise InvalidInput("people.position_empty")
    if len(position) > POSITION_MAX:
        raise InvalidInput("people.position_too_long", limit=POSITION_MAX, length=len(position))
    return position


async def apply(session: AsyncSession, *, actor: Actor, full_name: str, username: str | None, agency_code: str,
                region_code: str, position: str, superadmin_ids: Sequence[int]) -> Stakeholder:
    """Store a registration as pending and queue approval requests to the agency's admins and super admins."""
    if actor.is_superadmin:
        raise Conflict("people.superadmin_no_registration")
    if actor.status in (Status.PENDING, Status.ACTIVE):
        raise Conflict("people.already_pending" if actor.status == Status.PENDING else "people.already_active")
    if await get_agency(session, agency_code) is None:
        raise NotFound("people.agency_unknown")
    if await get_region(session, region_code) is None:
        raise NotFound("people.region_unknown")
    position = clean_position(position)
    name = " ".join(full_name.split())[:NAME_MAX] or str(actor.tg_user_id)
    person = await get_by_tg(session, actor.tg_user_id)
    now = clock.now()
    if person is None:
        person = Stakeholder(tg_user_id=actor.tg_user_id, full_name=name, username=username,
                             agency_code=agency_code, region_code=region_code, position=position)
        session.add(person)
    else:
        person.full_name, person.username = name, username
        person.agency_code, person.region_code, person.position = agency_code, region_code, position
        person.role = Role.MEMBER
        person.application_no += 1
    person.status = Status.PENDING
    person.applied_at = now
    person.decided_by = person.decided_at = None
    await session.flush()
    audit.record(session, actor_tg_id=actor.tg_user_id, action="registration.applied",
                 subject=f"stakeholder:{person.id}", agency=agency_code, region=region_code,
                 application_no=person.application_no)
    for chat_id in await approvers(session, agency_code, superadmin_ids, exclude=actor.tg_user_id):
        await outbox.enqueue(session, kind="approval", chat_id=chat_id, subject=_approval_subject(person),
                             payload={"stakeholder_id": person.id, "application_no": person.application_no},
                             dedupe_key=f"approval:{person.id}:{person.application_no}:{chat_id}")
    return person


def _approval_subject(person: Stakeholder) -> str:
    return f"stakeholder:{person.id}:application:{person.application_no}"


async def approvers(session: AsyncSession, agency_code: str, superadmin_ids: Sequence[int], *,
                    exclude: int | None = None) -> list[int]:
    """Telegram ids of who may decide a registration for `agency_code`: its active admins and the super admins."""
    admins = (await session.scalars(select(Stakeholder.tg_user_id).where(
        Stakeholder.agency_code == agency_code, Stakeholder.role == Role.AGENCY_ADMIN,
        Stakeholder.status == Status.ACTIVE))).all()
    ordered = list(dict.fromkeys([*admins, *superadmin_ids]))
    return [chat_id for chat_id in ordered if chat_id != exclude]


async def decide(session: AsyncSession, *, actor: Actor, stakeholder_id: int, application_no: int,
                 approve: bool) -> Stakeholder:
    """Approve or reject a pending registration; the applicant is told and every approval message updated."""
    person = await session.get(Stakeholder, stakeholder_id, with_for_update=True)
    if person is None:
        raise NotFound("people.application_unknown")
    if not (actor.is_superadmin or (actor.can(Cap.APPROVE_REGISTRATIONS)
                                     and actor.agency_code == person.agency_code)):
        raise NotAllowed("people.not_your_agency")
    if person.application_no != application_no:
        raise Conflict("people.application_stale")
    if person.status != Status.PENDING:
        raise Conflict("people.already_decided")
    person.status = Status.ACTIVE if approve else Status.REJECTED
    person.role = Role.MEMBER
    person.decided_by, person.decided_at = actor.tg_user_id, clock.now()
    audit.record(session, actor_tg_id=actor.tg_user_id, action="registration.approved" if approve
                 else "registration.rejected", subject=f"stakeholder:{person.id}",
                 application_no=application_no)
    await refresh_approval_messages(session, person)
    await tell(session, person.tg_user_id, "people.approved" if approve else "people.rejected",
               subject=f"stakeholder:{person.id}")
    await queue_menu(session, person.tg_user_id)
    return person


async def refresh_approval_messages(session: AsyncSession, person: Stakeholder) -> None:
    """Edit every delivered approval request of this application to show the decision (through the outbox)."""
    for row in await outbox.sent_messages(session, _approval_subject(person), kinds=APPROVAL_KINDS):
        await outbox.enqueue_unless_pending(
            session, kind="approval_edit", chat_id=row.chat_id, subject=_approval_subject(person),
            payload={"stakeholder_id": person.id, "application_no": person.application_no,
                     "message_id": row.message_id})
    # requests still waiting to be sent will render the decision themselves; nothing else to do


async def tell(session: AsyncSession, tg_user_id: int, key: str, *, subject: str = "", **params: object) -> None:
    """Queue a catalog text to a person (params are escaped here)."""
    safe = {name: html.escape(str(value), quote=False) for name, value in params.items()}
    await outbox.enqueue(session, kind="text", chat_id=tg_user_id, subject=subject,
                         payload={"key": key, "params": safe})


async def queue_menu(session: AsyncSession, tg_user_id: int) -> None:
    """Queue an update of the person's own command menu (role or language changed)."""
    await outbox.enqueue_unless_pending(session, kind="menu", chat_id=tg_user_id, subject=f"menu:{tg_user_id}")


GRANTABLE_BY_AGENCY_ADMIN = {Role.MEMBER, Role.LIAISON}


async def set_role(session: AsyncSession, *, actor: Actor, stakeholder_id: int, role: Role) -> Stakeholder:
    """Grant or take back a role: agency admins only liaison within their agency, super admins any role."""
    person = await session.get(Stakeholder, stakeholder_id, with_for_update=True)
    if person is None:
        raise NotFound("people.person_unknown")
    if person.status != Status.ACTIVE:
        raise Conflict("people.person_not_active")
    if not actor.is_superadmin:
        if not actor.can(Cap.GRANT_LIAISON) or actor.agency_code != person.agency_code:
            raise NotAllowed("people.not_your_agency")
        if role not in GRANTABLE_BY_AGENCY_ADMIN or person.role not in GRANTABLE_BY_AGENCY_ADMIN:
            raise NotAllowed("people.role_superadmin_only")
        if person.tg_user_id == actor.tg_user_id:
            raise NotAllowed("people.role_not_self")
    if person.role == role:
        raise Conflict("people.role_unchanged")
    previous = person.role
    person.role = role
    audit.record(session, actor_tg_id=actor.tg_user_id, action="role.changed", subject=f"stakeholder:{person.id}",
                 previous=previous.value, role=role.value)
    await tell(session, person.tg_user_id, "people.role_changed", subject=f"stakeholder:{person.id}",
               role_key=f"role.{role.value}")
    await queue_menu(session, person.tg_user_id)
    return person


async def revoke(session: AsyncSession, *, actor: Actor, stakeholder_id: int) -> Stakeholder:
    """Take away a person's access altogether (super admins only); they may apply again."""
    if not actor.can(Cap.MANAGE_ROLES):
        raise NotAllowed("access.not_allowed")
    person = await session.get(Stakeholder, stakeholder_id, with_for_update=True)
    if person is None:
        raise NotFound("people.person_unknown")
    if person.status == Status.REVOKED:
        raise Conflict("people.already_revoked")
    previous = person.status
    person.status = Status.REVOKED
    person.role = Role.MEMBER
    person.decided_by, person.decided_at = actor.tg_user_id, clock.now()
    audit.record(session, actor_tg_id=actor.tg_user_id, action="person.revoked", subject=f"stakeholder:{person.id}",
                 previous=previous.value)
    if previous == Status.PENDING:
        await refresh_approval_messages(session, person)
    await tell(session, person.tg_user_id, "people.revoked", subject=f"stakeholder:{person.id}")
    await queue_menu(session, person.tg_user_id)
    return person


async def set_language(session: AsyncSession, *, tg_user_id: int, language: str) -> None:
    """Remember a person's language (their record if any, and their private chat) and refresh their menu."""
    from db import chats

    person = await get_by_tg(session, tg_user_id)
    if person is not None:
        person.language = language
    chat = await chats.mark_active(session, tg_user_id)
    chat.language = language
    await queue_menu(session, tg_user_id)


PAGE_SIZE = 8


async def list_people(session: AsyncSession, *, actor: Actor, page: int) -> tuple[list[Stakeholder], int]:
    """Active and revoked people the actor manages (own agency for agency admins), a page at a time."""
    stmt = select(Stakeholder).where(col(Stakeholder.status).in_([Status.ACTIVE, Status.REVOKED]))
    count_stmt = select(func.count()).select_from(Stakeholder).where(
        col(Stakeholder.status).in_([Status.ACTIVE, Status.REVOKED]))
    if not actor.is_superadmin:
        if not actor.can(Cap.GRANT_LIAISON):
            raise NotAllowed("access.not_allowed")
        stmt = stmt.where(Stakeholder.agency_code == actor.agency_code)
        count_stmt = count_stmt.where(Stakeholder.agency_code == actor.agency_code)
    total = int(await session.scalar(count_stmt) or 0)
    rows = (await session.scalars(stmt.order_by(col(Stakeholder.full_name), col(Stakeholder.id))
                                  .offset(page * PAGE_SIZE).limit(PAGE_SIZE))).all()
    return list(rows), total


async def find_person(session: AsyncSession, query: str) -> Stakeholder | None:
    """A person by Telegram id, @username or record id ("#12")."""
    text = query.strip()
    if text.startswith("@"):
        return await session.scalar(select(Stakeholder).where(
            func.lower(Stakeholder.username) == text[1:].lower()))
    if text.startswith("#") and text[1:].isdigit():
        return await session.get(Stakeholder, int(text[1:]))
    if text.lstrip("-").isdigit():
        return await get_by_tg(session, int(text))
    return None


async def pending_approval_rows(session: AsyncSession, person: Stakeholder) -> int:
    """How many approval requests of the current application are still waiting to be sent."""
    from db.models import OutboxMessage

    return int(await session.scalar(select(func.count()).select_from(OutboxMessage).where(
        OutboxMessage.subject == _approval_subject(person), OutboxMessage.status == OutboxStatus.PENDING)) or 0)
