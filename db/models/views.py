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


__all__ = ["ListView"]
