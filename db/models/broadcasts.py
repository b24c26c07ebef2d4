"""Broadcasts: a message to many groups, with its filter; delivery is tracked by its outbox rows."""

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from db.models.base import bigint_field, json_field, utc_field


class Broadcast(SQLModel, table=True):
    """One broadcast: who sent what to which groups (the filter), and when the report was sent."""

    __tablename__ = "broadcasts"

    id: int | None = Field(default=None, primary_key=True)
    sender_tg_id: int = bigint_field(index=True)
    sender_label: str = Field(default="", max_length=200)
    sender_agency_code: str | None = Field(default=None, max_length=32)
    text: str = Field(sa_column=sa.Column(sa.Text(), nullable=False))  # as typed: escaped when rendered
    filters: dict[str, Any] = json_field(default={})  # {"agencies": [...], "regions": [...]}
    target_count: int = 0
    created_at: datetime = utc_field(nullable=False, now=True)
    sent_at: datetime | None = utc_field()
    report_sent_at: datetime | None = utc_field()
