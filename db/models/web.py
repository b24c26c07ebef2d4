"""Web admin accounts and the login attempts that throttle password guessing."""

import enum
from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from db.models.base import utc_field
from db.types import enum_type


class WebRole(enum.StrEnum):
    """The bot's roles, plus super admin (which the bot takes from the settings, a web account from here)."""

    MEMBER = "member"
    LIAISON = "liaison"
    AGENCY_ADMIN = "agency_admin"
    POSKO = "posko"
    SUPERADMIN = "superadmin"


class WebAccount(SQLModel, table=True):
    """Someone who signs in to the web admin: a username, an argon2 hash, a role and an agency like the bot's."""

    __tablename__ = "web_accounts"

    id: int | None = Field(default=None, primary_key=True)
    username: str = Field(max_length=64, unique=True)
    password_hash: str = Field(max_length=255)
    role: WebRole = Field(sa_column=sa.Column(enum_type(WebRole), nullable=False))
    agency_code: str | None = Field(default=None, foreign_key="agencies.code", max_length=32)
    stakeholder_id: int | None = Field(default=None, foreign_key="stakeholders.id")
    language: str = Field(default="id", max_length=8)
    active: bool = True
    created_at: datetime = utc_field(nullable=False, now=True)
    last_login_at: datetime | None = utc_field()
    failed_logins: int = 0  # consecutive failures since the last success
    locked_until: datetime | None = utc_field()

    def __str__(self) -> str:
        return self.username


class LoginAttempt(SQLModel, table=True):
    """One try to sign in (durable, so the throttle holds across restarts and processes)."""

    __tablename__ = "login_attempts"
    __table_args__ = (sa.Index("ix_login_attempts_address_at", "address", "at"),
                      sa.Index("ix_login_attempts_username_at", "username", "at"))

    id: int | None = Field(default=None, primary_key=True)
    address: str = Field(max_length=64)
    username: str = Field(max_length=64)
    at: datetime = utc_field(nullable=False, now=True)
    success: bool = False


__all__ = ["LoginAttempt", "WebAccount", "WebRole"]
