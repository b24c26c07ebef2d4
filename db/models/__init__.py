"""All tables, imported here so `SQLModel.metadata` knows every one (Alembic and the seed loader rely on it)."""

from db.models.base import SQLModel
from db.models.messaging import Chat, ChatType, OutboxMessage, OutboxStatus
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
    "Category",
    "CategoryAgency",
    "CategoryGroup",
    "CategoryRole",
    "Chat",
    "ChatType",
    "OutboxMessage",
    "OutboxStatus",
    "Region",
    "RegionLevel",
    "SQLModel",
    "Severity",
    "Stage",
]
