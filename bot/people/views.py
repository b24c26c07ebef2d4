"""Texts built from people records: profiles, approval requests, role cards."""

from sqlalchemy.ext.asyncio import AsyncSession

from bot.render import fmt_dt
from bot.texts import esc, t
from db import regions
from db.access import Actor
from db.models import Stakeholder, Status


def role_label(person: Stakeholder | None, lang: str, *, superadmin: bool = False) -> str:
    """The role name in `lang` (super admin wins)."""
    if superadmin:
        return t("role.superadmin", lang)
    if person is None:
        return "-"
    return t(f"role.{person.role.value}", lang)


async def person_text(session: AsyncSession, person: Stakeholder, lang: str, *, superadmin: bool = False) -> str:
    """A person's record (name, agency, region, position, role, status) as a profile card."""
    agency = await regions.get_agency(session, person.agency_code)
    region = await regions.path_label(session, person.region_code)
    decided = t("people.profile_decided", lang, at=fmt_dt(person.decided_at)) if person.decided_at else ""
    return t("people.profile", lang, name=esc(person.full_name),
             username=f" (@{esc(person.username)})" if person.username else "",
             agency=esc(agency.short if agency else person.agency_code), region=esc(region),
             position=esc(person.position), role=role_label(person, lang, superadmin=superadmin),
             status=t(f"status.{person.status.value}", lang),
             language=t(f"lang.name.{person.language or lang}", lang), applied=fmt_dt(person.applied_at),
             decided=decided)


async def profile_text(session: AsyncSession, actor: Actor, lang: str) -> str:
    """What /profil shows the asking person."""
    person = actor.stakeholder
    if person is None:
        return t("people.profile_superadmin" if actor.is_superadmin else "people.profile_none", lang)
    return await person_text(session, person, lang, superadmin=actor.is_superadmin)


async def approval_text(session: AsyncSession, person: Stakeholder, application_no: int, lang: str) -> str:
    """An approval request, with the decision appended once there is one."""
    agency = await regions.get_agency(session, person.agency_code)
    region = await regions.path_label(session, person.region_code)
    text = t("people.approval_request", lang, name=esc(person.full_name),
             username=f" (@{esc(person.username)})" if person.username else "",
             agency=esc(agency.short if agency else person.agency_code), region=esc(region),
             position=esc(person.position), applied=fmt_dt(person.applied_at))
    decision = await decision_line(session, person, application_no, lang)
    return f"{text}\n\n{decision}" if decision else text


async def decision_line(session: AsyncSession, person: Stakeholder, application_no: int, lang: str) -> str:
    """"Approved by X (time)" and friends; empty while the application waits."""
    if person.application_no != application_no:
        return t("people.decision_withdrawn", lang)
    if person.status == Status.PENDING:
        return ""
    by = "-"
    if person.decided_by is not None:
        decider = await session.scalar(_by_tg(person.decided_by))
        by = decider.full_name if decider is not None else t("role.superadmin", lang)
    key = {Status.ACTIVE: "people.decision_approved", Status.REJECTED: "people.decision_rejected",
           Status.REVOKED: "people.decision_revoked"}[person.status]
    at = fmt_dt(person.decided_at) if person.decided_at else "-"
    return t(key, lang, by=esc(by), at=at)


def _by_tg(tg_user_id: int):  # type: ignore[no-untyped-def]
    from sqlmodel import select

    return select(Stakeholder).where(Stakeholder.tg_user_id == tg_user_id)
