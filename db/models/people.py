"""People (stakeholders), their roles, the audit log, and dialogues in progress."""

import enum
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from db.models.base import bigint_field, json_field, utc_field
from db.types import enum_type


class Role(enum.StrEnum):
    """Roles of DESIGN.md (super admins come from the settings, not from this column)."""

    MEMBER = "member"
    LIAISON = "liaison"
    AGENCY_ADMIN = "agency_admin"
    POSKO = "posko"


class Status(enum.StrEnum):
    """Where a person's registration stands."""

    PENDING = "pending"
    ACTIVE = "active"
    REJECTED = "rejected"
    REVOKED = "revoked"


class Stakeholder(SQLModel, table=True):
    """A registered person: agency, region, position, role, and whether the bot can reach them."""

    __tablename__ = "stakeholders"

    id: int | None = Field(default=None, primary_key=True)
    tg_user_id: int = bigint_field(unique=True)
    full_name: str = Field(max_length=200)
    username: str | None = Field(default=None, max_length=64)
    agency_code: str = Field(foreign_key="agencies.code", index=True, max_length=32)
    region_code: str = Field(foreign_key="regions.code", index=True, max_length=20)
    position: str = Field(max_length=100)
    role: Role = Field(default=Role.MEMBER, sa_column=sa.Column(enum_type(Role), nullable=False))
    status: Status = Field(default=Status.PENDING, sa_column=sa.Column(enum_type(Status), nullable=False,
                                                                       index=True))
    language: str | None = Field(default=None, max_length=8)
    reachable: bool = True
    application_no: int = 1  # bumped on every (re-)application: buttons of an older one are stale
    applied_at: datetime = utc_field(nullable=False, now=True)
    decided_by: int | None = bigint_field(nullable=True)
    decided_at: datetime | None = utc_field()
    created_at: datetime = utc_field(nullable=False, now=True)

    def __str__(self) -> str:
        return f"{self.full_name} ({self.agency_code})"


class AuditEntry(SQLModel, table=True):
    """Every registration, role and group decision: who, when, what, about whom."""

    __tablename__ = "audit_log"

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = utc_field(nullable=False, now=True, index=True)
    actor_tg_id: int | None = bigint_field(nullable=True, index=True)
    actor_label: str = Field(default="", max_length=120)  # "telegram:123" or "web:admin" for web users
    action: str = Field(max_length=60, index=True)
    subject: str = Field(default="", max_length=120, index=True)
    detail: dict[str, Any] = json_field(default={})


class Conversation(SQLModel, table=True):
    """A dialogue in progress: which one, at which step, with what so far (read on every update)."""

    __tablename__ = "conversations"
    __table_args__ = (sa.UniqueConstraint("tg_user_id", "tg_chat_id", name="uq_conversations_user_chat"),)

    id: int | None = Field(default=None, primary_key=True)
    tg_user_id: int = bigint_field(index=True)
    tg_chat_id: int = bigint_field()
    kind: str = Field(max_length=40)
    step: str = Field(max_length=40)
    data: dict[str, Any] = json_field(default={})
    prompt_message_id: int | None = bigint_field(nullable=True)  # the bot message a ForceReply answer replies to
    created_at: datetime = utc_field(nullable=False, now=True)
    updated_at: datetime = utc_field(nullable=False, now=True)
