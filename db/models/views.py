"""Stored list views: the filter behind a list message, so its buttons carry only an id (and survive a restart)."""

from datetime import datetime
from typing import Any

from sqlmodel import Field, SQLModel

from db.models.base import bigint_field, json_field, utc_field


class ListView(SQLModel, table=True):
    """One person's incident filter as shown by a list, statistics or export message (`lst:pg:<id>:<page>`)."""

    __tablename__ = "list_views"

    id: int | None = Field(default=None, primary_key=True)
    tg_user_id: int = bigint_field(index=True)
    filter: dict[str, Any] = json_field(default={})  # IncidentFilter.to_dict()
    created_at: datetime = utc_field(nullable=False, now=True, index=True)


__all__ = ["ExportJob", "ListView"]


class ExportJob(SQLModel, table=True):
    """A requested export: kept until its file was sent, so a restart resumes it instead of forgetting it."""

    __tablename__ = "export_jobs"

    id: int | None = Field(default=None, primary_key=True)
    tg_user_id: int = bigint_field(index=True)
    chat_id: int = bigint_field()
    filter: dict[str, Any] = json_field(default={})  # IncidentFilter.to_dict()
    fmt: str = Field(max_length=8)
    lang: str = Field(default="id", max_length=8)
    status: str = Field(default="pending", max_length=16, index=True)  # pending, running, sent, failed
    attempts: int = 0
    claimed_until: datetime | None = utc_field()
    rows: int | None = None
    error: str | None = Field(default=None, max_length=300)
    created_at: datetime = utc_field(nullable=False, now=True)
    finished_at: datetime | None = utc_field()
