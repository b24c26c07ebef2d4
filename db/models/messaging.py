"""Chats the bot knows and the durable outbox every later or fan-out message travels through."""

import enum
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from db.models.base import bigint_field, json_field, utc_field
from db.types import enum_type


class ChatType(enum.StrEnum):
    """Telegram chat types the bot works in."""

    PRIVATE = "private"
    GROUP = "group"
    SUPERGROUP = "supergroup"
    CHANNEL = "channel"


class Chat(SQLModel, table=True):
    """A Telegram chat the bot has met: groups it was added to, and people's private chats (for reachability)."""

    __tablename__ = "chats"

    id: int | None = Field(default=None, primary_key=True)
    tg_chat_id: int = bigint_field(unique=True)
    type: ChatType = Field(sa_column=sa.Column(enum_type(ChatType), nullable=False))
    title: str = Field(default="", max_length=255)
    language: str | None = Field(default=None, max_length=8)
    active: bool = True  # False: bot removed/kicked, chat gone, or (private) the person cannot be reached
    agency_code: str | None = Field(default=None, foreign_key="agencies.code", index=True, max_length=32)
    region_code: str | None = Field(default=None, foreign_key="regions.code", index=True, max_length=20)
    is_command_post: bool = Field(default=False, index=True)
    registered_by: int | None = bigint_field(nullable=True)
    registered_at: datetime | None = utc_field()
    inactive_reason: str | None = Field(default=None, max_length=200)
    deactivated_at: datetime | None = utc_field()
    created_at: datetime = utc_field(nullable=False, now=True)

    def __str__(self) -> str:
        return self.title or str(self.tg_chat_id)


class OutboxStatus(enum.StrEnum):
    """Where an outbox row is in its life."""

    PENDING = "pending"
    CLAIMED = "claimed"
    SENT = "sent"
    FAILED = "failed"
    SKIPPED = "skipped"
    CANCELLED = "cancelled"


class OutboxMessage(SQLModel, table=True):
    """One message to send: written in the same transaction as its cause, sent later by the dispatcher."""

    __tablename__ = "outbox"
    __table_args__ = (sa.Index("ix_outbox_status_next_attempt_at", "status", "next_attempt_at"),)

    id: int | None = Field(default=None, sa_column=sa.Column(sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
                                                              primary_key=True, autoincrement=True))
    kind: str = Field(max_length=40, index=True)
    subject: str = Field(default="", max_length=120, index=True)  # what it is about: "incident:42", "meeting:7"
    dedupe_key: str | None = Field(default=None, max_length=200, unique=True)
    chat_id: int = bigint_field(index=True)  # Telegram chat id of the recipient (a person's id for private chats)
    payload: dict[str, Any] = json_field(default={})  # what to render, not the rendered text
    due_at: datetime = utc_field(nullable=False)
    not_after: datetime | None = utc_field()  # past this moment the row is skipped (a reminder for a past meeting)
    next_attempt_at: datetime = utc_field(nullable=False)
    status: OutboxStatus = Field(
        default=OutboxStatus.PENDING, sa_column=sa.Column(enum_type(OutboxStatus), nullable=False)
    )
    attempts: int = 0
    claimed_by: str | None = Field(default=None, max_length=80)
    claimed_until: datetime | None = utc_field()
    last_error: str | None = Field(default=None, max_length=500)
    message_id: int | None = bigint_field(nullable=True)  # the sent message (alerts and invitations are edited later)
    content_hash: str | None = Field(default=None, max_length=64)  # what it showed: an edit to the same is skipped
    created_at: datetime = utc_field(nullable=False, now=True)
    sent_at: datetime | None = utc_field()
