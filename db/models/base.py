"""Shared model machinery: the metadata naming convention and column helpers."""

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from db import clock
from db.types import JSONType, UTCDateTime

# Named constraints from the first migration on: SQLite batch operations need names, renaming later hurts.
SQLModel.metadata.naming_convention = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utc_field(*, nullable: bool = True, index: bool = False, now: bool = False) -> Any:
    """A UTCDateTime field; `now=True` defaults it to the injectable clock's time."""
    kwargs: dict[str, Any] = {}
    if now:
        kwargs["default_factory"] = clock.now
    return Field(sa_column=sa.Column(UTCDateTime(), nullable=nullable, index=index), **kwargs)


def json_field(*, default: Any = None, nullable: bool = False) -> Any:
    """A JSON (JSONB on PostgreSQL) field. Reassign the value to save a change: in-place edits are not tracked."""
    factory = (lambda: list(default)) if isinstance(default, list) else (lambda: dict(default or {}))
    return Field(default_factory=factory, sa_column=sa.Column(JSONType, nullable=nullable))


def bigint_field(*, nullable: bool = False, index: bool = False, unique: bool = False,
                 default: int | None = None) -> Any:
    """A BIGINT field: Telegram ids exceed 32 bits (supergroups are -100xxxxxxxxxx)."""
    return Field(default=default, sa_column=sa.Column(sa.BigInteger(), nullable=nullable, index=index,
                                                      unique=unique))


__all__ = ["SQLModel", "bigint_field", "datetime", "json_field", "utc_field"]
