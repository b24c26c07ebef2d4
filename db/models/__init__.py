"""All tables, imported here so `SQLModel.metadata` knows every one (Alembic and the seed loader use it)."""

from db.models.base import SQLModel
from db.models.broadcasts import Broadcast
from db.models.incidents import (
    OPEN_STATUSES,
    Counter,
    Evidence,
    EvidenceKind,
    Incident,
    IncidentAgency,
    IncidentEvent,
    IncidentStatus,
)
from db.models.meetings import Meeting, MeetingAgency, MeetingInvite, MeetingStatus, Rsvp, RsvpAnswer
from db.models.messaging import Chat, ChatType, OutboxMessage, OutboxStatus
from db.models.people import AuditEntry, Conversation, Role, Stakeholder, Status
from db.models.reference import (
    Agency,
    Category,
    CategoryAgency,
    CategoryGroup,
    CategoryRole,
    Region,
    RegionLevel,
    Severity,
    Stage,
)
from db.models.views import ExportJob, ListView
from db.models.web import LoginAttempt, WebAccount, WebRole

__all__ = [
    "OPEN_STATUSES",
    "Agency",
    "AuditEntry",
    "Broadcast",
    "Category",
    "CategoryAgency",
    "CategoryGroup",
    "CategoryRole",
    "Chat",
    "ChatType",
    "Conversation",
    "Counter",
    "Evidence",
    "EvidenceKind",
    "ExportJob",
    "Incident",
    "IncidentAgency",
    "IncidentEvent",
    "IncidentStatus",
    "ListView",
    "LoginAttempt",
    "Meeting",
    "MeetingAgency",
    "MeetingInvite",
    "MeetingStatus",
    "OutboxMessage",
    "OutboxStatus",
    "Region",
    "RegionLevel",
    "Role",
    "Rsvp",
    "RsvpAnswer",
    "SQLModel",
    "Severity",
    "Stage",
    "Stakeholder",
    "Status",
    "WebAccount",
    "WebRole",
]
