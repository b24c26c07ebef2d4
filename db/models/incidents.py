"""Incidents, their evidence, their timeline, and each agency's part in them."""

import enum
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from db.models.base import bigint_field, json_field, utc_field
from db.models.reference import CategoryRole
from db.types import enum_type


class IncidentStatus(enum.StrEnum):
    """The incident lifecycle of DESIGN.md."""

    DRAFT = "draft"
    NEW = "new"
    ACKNOWLEDGED = "acknowledged"
    IN_PROGRESS = "in_progress"
    RESOLVED = "resolved"
    REJECTED = "rejected"
    DUPLICATE = "duplicate"


OPEN_STATUSES = (IncidentStatus.NEW, IncidentStatus.ACKNOWLEDGED, IncidentStatus.IN_PROGRESS)


class Counter(SQLModel, table=True):
    """Named counters (incident numbers per WIB day), incremented atomically."""

    __tablename__ = "counters"

    name: str = Field(primary_key=True, max_length=60)
    value: int = 0


class Incident(SQLModel, table=True):
    """A report from the field; `draft` rows are guided reports in progress (their step in `draft_step`)."""

    __tablename__ = "incidents"
    __table_args__ = (sa.Index("ix_incidents_status_reported_at", "status", "reported_at"),)

    id: int | None = Field(default=None, primary_key=True)
    number: str | None = Field(default=None, max_length=40, unique=True)  # INS-<WIB date>-<sequence>
    category_code: str | None = Field(default=None, foreign_key="categories.code", index=True, max_length=48)
    severity_code: str | None = Field(default=None, foreign_key="severities.code", index=True, max_length=16)
    status: IncidentStatus = Field(default=IncidentStatus.DRAFT,
                                   sa_column=sa.Column(enum_type(IncidentStatus), nullable=False, index=True))
    region_code: str | None = Field(default=None, foreign_key="regions.code", index=True, max_length=20)
    place_text: str | None = Field(default=None, max_length=300)
    tps: str | None = Field(default=None, max_length=20)
    latitude: float | None = None
    longitude: float | None = None
    description: str = Field(default="", sa_column=sa.Column(sa.Text(), nullable=False))
    reporter_id: int | None = Field(default=None, foreign_key="stakeholders.id", index=True)
    reporter_tg_id: int = bigint_field(index=True)
    reporter_name: str = Field(default="", max_length=200)  # snapshots: the record may change later
    reporter_agency_code: str | None = Field(default=None, max_length=32)
    reporter_position: str | None = Field(default=None, max_length=100)
    source_chat_id: int | None = bigint_field(nullable=True)
    source_message_id: int | None = bigint_field(nullable=True)
    draft_step: str | None = Field(default=None, max_length=30)
    draft_data: dict[str, Any] = json_field(default={})
    reported_at: datetime | None = utc_field(index=True)
    occurred_at: datetime | None = utc_field()
    created_at: datetime = utc_field(nullable=False, now=True)
    updated_at: datetime = utc_field(nullable=False, now=True)
    taken_by_tg_id: int | None = bigint_field(nullable=True)
    taken_by_label: str | None = Field(default=None, max_length=200)
    taken_at: datetime | None = utc_field()
    resolved_at: datetime | None = utc_field()
    resolution_note: str | None = Field(default=None, max_length=1000)
    duplicate_of_id: int | None = Field(default=None, foreign_key="incidents.id")
    likely_duplicate_of_id: int | None = Field(default=None, foreign_key="incidents.id")

    def __str__(self) -> str:
        return self.number or f"draft #{self.id}"


class IncidentAgency(SQLModel, table=True):
    """An agency's part in an incident: responsible (must acknowledge) or informed; escalation progress."""

    __tablename__ = "incident_agencies"

    incident_id: int = Field(foreign_key="incidents.id", primary_key=True)
    agency_code: str = Field(foreign_key="agencies.code", primary_key=True, max_length=32)
    role: CategoryRole = Field(sa_column=sa.Column(enum_type(CategoryRole), nullable=False))
    acknowledged_at: datetime | None = utc_field()
    acknowledged_by_tg_id: int | None = bigint_field(nullable=True)
    acknowledged_by_label: str | None = Field(default=None, max_length=200)
    escalation_level: int = 0


class EvidenceKind(enum.StrEnum):
    """What a piece of evidence is."""

    PHOTO = "photo"
    DOCUMENT = "document"
    VIDEO = "video"
    AUDIO = "audio"
    TEXT = "text"  # a forwarded or replied-to message's text


class Evidence(SQLModel, table=True):
    """A piece of evidence: written once, never updated (a duplicate's evidence is linked by a new row)."""

    __tablename__ = "evidence"

    id: int | None = Field(default=None, primary_key=True)
    incident_id: int = Field(foreign_key="incidents.id", index=True)
    kind: EvidenceKind = Field(sa_column=sa.Column(enum_type(EvidenceKind), nullable=False))
    file_id: str | None = Field(default=None, max_length=255)
    file_unique_id: str | None = Field(default=None, max_length=100, index=True)
    file_size: int | None = Field(default=None, sa_column=sa.Column(sa.BigInteger(), nullable=True))
    mime_type: str | None = Field(default=None, max_length=100)
    file_name: str | None = Field(default=None, max_length=255)
    sha256: str | None = Field(default=None, max_length=64, index=True)
    hash_note: str | None = Field(default=None, max_length=200)  # why there is no hash (too big to download)
    text: str | None = Field(default=None, sa_column=sa.Column(sa.Text(), nullable=True))
    forward_origin_type: str | None = Field(default=None, max_length=20)  # user, hidden_user, chat, channel
    forward_origin_name: str | None = Field(default=None, max_length=255)
    forward_origin_id: int | None = bigint_field(nullable=True)
    forward_date: datetime | None = utc_field()
    source_chat_id: int | None = bigint_field(nullable=True)
    source_message_id: int | None = bigint_field(nullable=True)
    copied_from_id: int | None = Field(default=None, foreign_key="evidence.id")
    added_by_tg_id: int | None = bigint_field(nullable=True)
    added_at: datetime = utc_field(nullable=False, now=True)


class IncidentEvent(SQLModel, table=True):
    """One entry of an incident's timeline: who did what, when, with what note."""

    __tablename__ = "incident_events"

    id: int | None = Field(default=None, primary_key=True)
    incident_id: int = Field(foreign_key="incidents.id", index=True)
    at: datetime = utc_field(nullable=False, now=True, index=True)
    kind: str = Field(max_length=40)
    actor_tg_id: int | None = bigint_field(nullable=True)
    actor_label: str = Field(default="", max_length=200)
    actor_agency_code: str | None = Field(default=None, max_length=32)
    agency_code: str | None = Field(default=None, max_length=32)  # the agency acted for / escalated
    note: str | None = Field(default=None, sa_column=sa.Column(sa.Text(), nullable=True))
    detail: dict[str, Any] = json_field(default={})


__all__ = [
    "OPEN_STATUSES",
    "Counter",
    "Evidence",
    "EvidenceKind",
    "Incident",
    "IncidentAgency",
    "IncidentEvent",
    "IncidentStatus",
    "date",
]
