"""Stakeholders: pending registrations with approve and reject, and roles — through `db.people`, as in the chat.

Our own page rather than sqladmin's: a decision must go through `db.people.decide` / `set_role` / `revoke` (the
agency rule, the audit entry, the applicant told in Telegram through the outbox, the approval messages of the
other admins edited), which an edit form over the table would bypass.
"""

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, func, select
from starlette.requests import Request
from starlette.responses import Response

from bot.web.auth import WebUser, factory, require_user
from bot.web.render import flash, flash_error, page, redirect
from db import people
from db.access import Actor, Cap
from db.errors import DomainError, InvalidInput, NotAllowed, NotFound
from db.models import Agency, Region, Role, Stakeholder, Status

PAGE_SIZE = 50


def _may_decide(actor: Actor) -> bool:
    return actor.is_superadmin or actor.can(Cap.APPROVE_REGISTRATIONS)


def _scope(actor: Actor) -> list[Any]:
    """Super admins see every agency; agency admins their own (the same rule the services apply)."""
    return [] if actor.is_superadmin else [Stakeholder.agency_code == actor.agency_code]


def grantable(actor: Actor) -> list[Role]:
    """The roles the actor may give (people.set_role has the final word)."""
    if actor.is_superadmin:
        return list(Role)
    return sorted(people.GRANTABLE_BY_AGENCY_ADMIN, key=list(Role).index)


async def _page_data(session: AsyncSession, actor: Actor, number: int) -> dict[str, Any]:
    scope = _scope(actor)
    listed = col(Stakeholder.status).in_([Status.ACTIVE, Status.REVOKED])
    pending = list((await session.scalars(select(Stakeholder).where(Stakeholder.status == Status.PENDING, *scope)
                                          .order_by(col(Stakeholder.applied_at), col(Stakeholder.id))
                                          .limit(200))).all())
    total = int(await session.scalar(select(func.count()).select_from(Stakeholder).where(listed, *scope)) or 0)
    members = list((await session.scalars(select(Stakeholder).where(listed, *scope).order_by(
        col(Stakeholder.full_name), col(Stakeholder.id)).offset((number - 1) * PAGE_SIZE).limit(PAGE_SIZE))).all())
    agencies = {a.code: a.short for a in (await session.scalars(select(Agency))).all()}
    codes = {p.region_code for p in (*pending, *members)}
    regions = {r.code: r.name for r in (await session.scalars(select(Region).where(col(Region.code).in_(codes))))}
    return {"pending": pending, "members": members, "total": total, "agencies": agencies, "regions": regions,
            "last_page": max(1, -(-total // PAGE_SIZE))}


def _require(user: WebUser) -> None:
    if not _may_decide(user.actor):
        raise NotAllowed("web.people_not_allowed")


async def people_page(request: Request) -> Response:
    """Pending registrations first, then the people the viewer manages with their roles."""
    user = await require_user(request)
    _require(user)
    raw = request.query_params.get("page", "1")
    number = int(raw) if raw.isdigit() and len(raw) < 6 else 1
    async with factory(request)() as session:
        data = await _page_data(session, user.actor, max(1, number))
    return page(request, "people.html", lang=user.lang, user=user, roles=grantable(user.actor),
                can_revoke=user.actor.can(Cap.MANAGE_ROLES), page_number=max(1, number), **data)


def _person_id(request: Request) -> int:
    raw = request.path_params["person_id"]
    if not raw.isdigit() or len(raw) > 12:
        raise NotFound("people.person_unknown")
    return int(raw)


async def _form(request: Request) -> dict[str, str]:
    async with request.form(max_files=0, max_fields=10) as raw:
        return {key: str(value) for key, value in raw.items() if isinstance(value, str)}


async def _visible_person(session: AsyncSession, actor: Actor, person_id: int) -> Stakeholder:
    """The person if the viewer manages their agency (404 otherwise, like other agencies' incidents)."""
    person = await session.get(Stakeholder, person_id)
    if person is None or not (actor.is_superadmin or person.agency_code == actor.agency_code):
        raise NotFound("people.person_unknown")
    return person


async def decide(request: Request) -> Response:
    """Approve or reject a pending registration (the applicant is told in Telegram)."""
    user = await require_user(request)
    _require(user)
    person_id, form = _person_id(request), await _form(request)
    approve = form.get("decision") == "approve"
    try:
        if form.get("decision") not in ("approve", "reject") or not form.get("application_no", "").isdigit():
            raise InvalidInput("web.decision_invalid")
        async with factory(request)() as session, session.begin():
            person = await _visible_person(session, user.actor, person_id)
            await people.decide(session, actor=user.actor, stakeholder_id=person_id,
                                application_no=int(form["application_no"]), approve=approve)
            user.record(session, "web.registration." + ("approved" if approve else "rejected"),
                        f"stakeholder:{person_id}", application_no=int(form["application_no"]))
    except NotFound:
        raise
    except DomainError as error:
        flash_error(request, error)
    else:
        flash(request, "ok", "web.approved" if approve else "web.rejected", name=person.full_name)
    return redirect("/admin/people")


async def change_role(request: Request) -> Response:
    """Give a person another role, or revoke their access (super admins)."""
    user = await require_user(request)
    _require(user)
    person_id, form = _person_id(request), await _form(request)
    try:
        async with factory(request)() as session, session.begin():
            person = await _visible_person(session, user.actor, person_id)
            if form.get("role") == "revoke":
                await people.revoke(session, actor=user.actor, stakeholder_id=person_id)
                user.record(session, "web.person.revoked", f"stakeholder:{person_id}")
                done = "web.revoked"
            else:
                try:
                    role = Role(form.get("role", ""))
                except ValueError:
                    raise InvalidInput("web.role_invalid") from None
                await people.set_role(session, actor=user.actor, stakeholder_id=person_id, role=role)
                user.record(session, "web.role.changed", f"stakeholder:{person_id}", role=role.value)
                done = "web.role_changed"
    except NotFound:
        raise
    except DomainError as error:
        flash_error(request, error)
    else:
        flash(request, "ok", done, name=person.full_name)
    return redirect("/admin/people")
