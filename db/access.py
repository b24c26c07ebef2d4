"""Who may do what: roles grant capabilities (DESIGN.md's role table), checked in one place.

The Telegram layer asks `Actor.can(cap)` once per update, before any handler runs; services that need a
finer rule (which agency, whose record) raise NotAllowed themselves.
"""

import enum
from dataclasses import dataclass

from db.errors import NotAllowed
from db.models import Role, Stakeholder, Status


class Cap(enum.StrEnum):
    """Things a person may be allowed to do."""

    PUBLIC = "public"  # anyone, registered or not: /start, /daftar, /bantuan, /bahasa, /batal
    REPORT = "report"  # report incidents, see own reports, answer invitations, act on own agency's alerts
    REGISTER_GROUP = "register_group"
    SCHEDULE_MEETING = "schedule_meeting"
    SEE_AGENCY_INCIDENTS = "see_agency_incidents"
    LAPSIT_AGENCY = "lapsit_agency"
    APPROVE_REGISTRATIONS = "approve_registrations"
    GRANT_LIAISON = "grant_liaison"
    BROADCAST_AGENCY = "broadcast_agency"
    EXPORT = "export"
    SEE_ALL_INCIDENTS = "see_all_incidents"
    ACT_ANY_ALERT = "act_any_alert"
    RECEIVE_ESCALATIONS = "receive_escalations"
    LAPSIT_FULL = "lapsit_full"
    MANAGE_ROLES = "manage_roles"
    MANAGE_STAGES = "manage_stages"
    MANAGE_DATA = "manage_data"
    BROADCAST_ANY = "broadcast_any"
    REGISTER_COMMAND_POST = "register_command_post"


_MEMBER = frozenset({Cap.PUBLIC, Cap.REPORT})
_LIAISON = _MEMBER | {Cap.REGISTER_GROUP, Cap.SCHEDULE_MEETING, Cap.SEE_AGENCY_INCIDENTS, Cap.LAPSIT_AGENCY}
_AGENCY_ADMIN = _LIAISON | {Cap.APPROVE_REGISTRATIONS, Cap.GRANT_LIAISON, Cap.BROADCAST_AGENCY, Cap.EXPORT}
_POSKO = _LIAISON | {Cap.SEE_ALL_INCIDENTS, Cap.ACT_ANY_ALERT, Cap.RECEIVE_ESCALATIONS, Cap.LAPSIT_FULL,
                     Cap.EXPORT}
ROLE_CAPS: dict[Role, frozenset[Cap]] = {
    Role.MEMBER: _MEMBER,
    Role.LIAISON: _LIAISON,
    Role.AGENCY_ADMIN: _AGENCY_ADMIN,
    Role.POSKO: _POSKO,
}
SUPERADMIN_CAPS = frozenset(Cap)
NOT_ACTIVE_CAPS = frozenset({Cap.PUBLIC})


@dataclass(frozen=True)
class Actor:
    """The person behind an update: their record (if any) and whether the settings make them super admin."""

    tg_user_id: int
    stakeholder: Stakeholder | None
    is_superadmin: bool = False

    @property
    def status(self) -> Status | None:
        """Registration status, None for someone the bot has never registered."""
        return self.stakeholder.status if self.stakeholder else None

    @property
    def active(self) -> bool:
        """Super admins, and people whose registration was approved and not revoked."""
        return self.is_superadmin or self.status == Status.ACTIVE

    @property
    def role(self) -> Role | None:
        """The role of an active person (None when not active)."""
        if self.stakeholder is None or self.stakeholder.status != Status.ACTIVE:
            return None
        return self.stakeholder.role

    @property
    def agency_code(self) -> str | None:
        """The agency of an active person."""
        return self.stakeholder.agency_code if self.stakeholder and self.active else None

    @property
    def capabilities(self) -> frozenset[Cap]:
        """Everything this person may do."""
        if self.is_superadmin:
            return SUPERADMIN_CAPS
        role = self.role
        return ROLE_CAPS[role] if role is not None else NOT_ACTIVE_CAPS

    def can(self, cap: Cap) -> bool:
        """Whether the person has `cap`."""
        return cap in self.capabilities

    def require(self, cap: Cap) -> None:
        """Raise NotAllowed (with the right text for not-yet-active people) unless the person has `cap`."""
        if not self.can(cap):
            raise NotAllowed(refusal_key(self))

    @property
    def label(self) -> str:
        """Name for timelines and audit entries."""
        if self.stakeholder is not None:
            return self.stakeholder.full_name
        return "Super admin" if self.is_superadmin else str(self.tg_user_id)


def refusal_key(actor: Actor) -> str:
    """The text explaining a refusal: how to register, wait, re-apply, or that the role does not allow it."""
    if actor.active:
        return "access.not_allowed"
    return {
        None: "access.not_registered",
        Status.PENDING: "access.pending",
        Status.REJECTED: "access.rejected",
        Status.REVOKED: "access.revoked",
    }.get(actor.status, "access.not_registered")
