"""Meetings (rakor): invitations to groups and agencies, answers, reminders (in the outbox)."""

import enum
from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from db.models.base import bigint_field, json_field, utc_field
from db.types import enum_type


class MeetingStatus(enum.StrEnum):
    """Whether a meeting still takes place."""

    SCHEDULED = "scheduled"
    CANCELLED = "cancelled"


class RsvpAnswer(enum.StrEnum):
    """Hadir / Tidak hadir / Diwakilkan."""

    YES = "yes"
    NO = "no"
    DELEGATE = "delegate"


class Meeting(SQLModel, table=True):
    """A coordination meeting with its time in UTC (shown in WIB) and a stable calendar UID."""

    __tablename__ = "meetings"

    id: int | None = Field(default=None, primary_key=True)
    uid: str = Field(max_length=100, unique=True)  # iCalendar UID, stable across reschedules
    title: str = Field(max_length=200)
    starts_at: datetime = utc_field(nullable=False, index=True)
    duration_minutes: int = 120
    place_text: str | None = Field(default=None, max_length=300)
    latitude: float | None = None
    longitude: float | None = None
    agenda: str | None = Field(default=None, sa_column=sa.Column(sa.Text(), nullable=True))
    region_code: str | None = Field(default=None, foreign_key="regions.code", max_length=20)
    organizer_tg_id: int = bigint_field(index=True)
    organizer_label: str = Field(default="", max_length=200)
    organizer_agency_code: str | None = Field(default=None, max_length=32)
    status: MeetingStatus = Field(default=MeetingStatus.SCHEDULED,
                                  sa_column=sa.Column(enum_type(MeetingStatus), nullable=False, index=True))
    sequence: int = 0  # iCalendar SEQUENCE: bumped on every reschedule or cancellation
    reminder_minutes: list[int] = json_field(default=[])
    created_at: datetime = utc_field(nullable=False, now=True)
    updated_at: datetime = utc_field(nullable=False, now=True)
    cancelled_at: datetime | None = utc_field()

    def __str__(self) -> str:
        return self.title


class MeetingAgency(SQLModel, table=True):
    """An agency invited as a whole (its groups are invited; its answers are counted)."""

    __tablename__ = "meeting_agencies"

    meeting_id: int = Field(foreign_key="meetings.id", primary_key=True)
    agency_code: str = Field(foreign_key="agencies.code", primary_key=True, max_length=32)


class MeetingInvite(SQLModel, table=True):
    """A group chat the invitation went to."""

    __tablename__ = "meeting_invites"
    __table_args__ = (sa.UniqueConstraint("meeting_id", "chat_id", name="uq_meeting_invites_meeting_chat"),)

    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="meetings.id", index=True)
    chat_id: int = bigint_field(index=True)  # Telegram chat id (follows supergroup migrations)
    agency_code: str | None = Field(default=None, max_length=32)


class Rsvp(SQLModel, table=True):
    """A person's answer to an invitation (they may change it)."""

    __tablename__ = "rsvps"
    __table_args__ = (sa.UniqueConstraint("meeting_id", "tg_user_id", name="uq_rsvps_meeting_user"),)

    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="meetings.id", index=True)
    tg_user_id: int = bigint_field()
    stakeholder_id: int | None = Field(default=None, foreign_key="stakeholders.id")
    name: str = Field(default="", max_length=200)
    agency_code: str | None = Field(default=None, max_length=32)
    answer: RsvpAnswer = Field(sa_column=sa.Column(enum_type(RsvpAnswer), nullable=False))
    chat_id: int | None = bigint_field(nullable=True)
    answered_at: datetime = utc_field(nullable=False, now=True)
