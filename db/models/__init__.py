"""All tables, imported here so `SQLModel.metadata` knows every one (Alembic and the seed loader use it)."""

from db.models.base import SQLModel
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

__all__ = [
    "Agency",
    "AuditEntry",
    "Category",
    "CategoryAgency",
    "CategoryGroup",
    "CategoryRole",
    "Chat",
    "ChatType",
    "Conversation",
    "OutboxMessage",
    "OutboxStatus",
    "Region",
    "RegionLevel",
    "Role",
    "SQLModel",
    "Severity",
    "Stage",
    "Stakeholder",
    "Status",
]
