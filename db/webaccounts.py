"""Web admin accounts: create, change password, disable, sign in with throttling, and the Actor an account acts as.

Passwords are hashed with argon2id (argon2-cffi); hashing and verifying cost tens of milliseconds of CPU, so they
run in a worker thread. Failed sign-ins are rows in `login_attempts`, so the throttle (per account name and per
address) holds across restarts and processes.
"""

import asyncio
import hashlib
import math
import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from db import audit, clock
from db.access import Actor
from db.errors import Conflict, InvalidInput, NotFound
from db.models import LoginAttempt, Role, Stakeholder, Status, WebAccount, WebRole
from db.regions import get_agency

USERNAME = re.compile(r"[a-z0-9][a-z0-9._-]{2,63}")
PASSWORD_MIN = 10
PASSWORD_MAX = 256
WINDOW = timedelta(minutes=15)
ACCOUNT_FAILURES = 5  # failed passwords per account name within WINDOW before it is locked for WINDOW
ADDRESS_FAILURES = 10  # per address (an office behind one NAT shares it, so a little more room)
LANGUAGES = ("id", "en")

_hasher = PasswordHasher()
_dummy_hash: str | None = None


def _clean_username(username: str) -> str:
    return username.strip().lower()


def check_username(username: str) -> str:
    """3-64 characters: lower-case letters, digits, dot, dash, underscore; starting with a letter or digit."""
    name = _clean_username(username)
    if not USERNAME.fullmatch(name):
        raise InvalidInput("web.username_invalid")
    return name


def check_password(password: str) -> str:
    """At least 10 characters (a passphrase is best), at most 256."""
    if len(password) < PASSWORD_MIN:
        raise InvalidInput("web.password_short", minimum=PASSWORD_MIN)
    if len(password) > PASSWORD_MAX:
        raise InvalidInput("web.password_long", maximum=PASSWORD_MAX)
    return password


async def hash_password(password: str) -> str:
    """An argon2id hash of the password (computed off the event loop)."""
    return await asyncio.to_thread(_hasher.hash, password)


async def _verify(password_hash: str, password: str) -> bool:
    def run() -> bool:
        try:
            return _hasher.verify(password_hash, password)
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            return False

    return await asyncio.to_thread(run)


async def get_by_username(session: AsyncSession, username: str) -> WebAccount | None:
    """The account with this name (case-insensitive), if any."""
    return await session.scalar(select(WebAccount).where(WebAccount.username == _clean_username(username)))


async def create(session: AsyncSession, *, username: str, password: str, role: WebRole, agency_code: str | None,
                 stakeholder_tg_id: int | None = None, language: str = "id") -> WebAccount:
    """Create an account; every role but super admin and command post needs an agency."""
    name = check_username(username)
    if await get_by_username(session, name) is not None:
        raise Conflict("web.username_taken", username=name)
    if language not in LANGUAGES:
        raise InvalidInput("web.language_invalid")
    if agency_code is not None:
        agency_code = agency_code.strip().upper()
        if await get_agency(session, agency_code) is None:
            raise NotFound("people.agency_unknown")
    if agency_code is None and role in (WebRole.MEMBER, WebRole.LIAISON, WebRole.AGENCY_ADMIN):
        raise InvalidInput("web.agency_required")
    stakeholder_id = None
    if stakeholder_tg_id is not None:
        person = await session.scalar(select(Stakeholder).where(Stakeholder.tg_user_id == stakeholder_tg_id))
        if person is None:
            raise NotFound("people.person_unknown")
        stakeholder_id = person.id
    account = WebAccount(username=name, password_hash=await hash_password(check_password(password)), role=role,
                         agency_code=agency_code, stakeholder_id=stakeholder_id, language=language)
    session.add(account)
    await session.flush()
    audit.record(session, actor_tg_id=None, actor_label="cli", action="web.account_created",
                 subject=f"web_account:{account.id}", username=name, role=role.value, agency=agency_code,
                 stakeholder_id=stakeholder_id)
    return account


async def _existing(session: AsyncSession, username: str) -> WebAccount:
    account = await get_by_username(session, username)
    if account is None:
        raise NotFound("web.account_unknown", username=_clean_username(username))
    return account


async def set_password(session: AsyncSession, *, username: str, password: str) -> WebAccount:
    """Change an account's password (its open sessions end: they carry a stamp of the old hash)."""
    account = await _existing(session, username)
    account.password_hash = await hash_password(check_password(password))
    account.failed_logins, account.locked_until = 0, None
    audit.record(session, actor_tg_id=None, actor_label="cli", action="web.password_changed",
                 subject=f"web_account:{account.id}", username=account.username)
    return account


async def disable(session: AsyncSession, *, username: str) -> WebAccount:
    """Disable an account: it can no longer sign in, and its open sessions end at their next request."""
    account = await _existing(session, username)
    if not account.active:
        raise Conflict("web.account_already_disabled", username=account.username)
    account.active = False
    audit.record(session, actor_tg_id=None, actor_label="cli", action="web.account_disabled",
                 subject=f"web_account:{account.id}", username=account.username)
    return account


def session_stamp(account: WebAccount) -> str:
    """A short fingerprint of the password hash: a session made before a password change no longer matches."""
    return hashlib.sha256(account.password_hash.encode()).hexdigest()[:16]


@dataclass(frozen=True)
class SignIn:
    """The outcome of a sign-in: the account, or how many seconds to wait (throttled), or neither (wrong)."""

    account: WebAccount | None = None
    retry_after: int | None = None

    @property
    def retry_minutes(self) -> int:
        """Whole minutes to wait, at least one."""
        return max(1, math.ceil((self.retry_after or 0) / 60))


async def _failures(session: AsyncSession, column: Any, value: str,
                    since: datetime) -> list[datetime]:
    """Times of failed attempts for a name or address since the last success (and within the window)."""
    last_ok = await session.scalar(select(sa.func.max(LoginAttempt.at)).where(column == value, col(
        LoginAttempt.success), col(LoginAttempt.at) >= since))
    start = max(since, last_ok) if last_ok is not None else since
    return list((await session.scalars(select(LoginAttempt.at).where(
        column == value, col(LoginAttempt.success).is_(False), col(LoginAttempt.at) >= start)
        .order_by(col(LoginAttempt.at)))).all())


async def _wait(session: AsyncSession, name: str, address: str, account: WebAccount | None,
                now: datetime) -> int | None:
    """Seconds until this name and address may try again, or None."""
    waits: list[datetime] = []
    if account is not None and account.locked_until is not None and account.locked_until > now:
        waits.append(account.locked_until)
    for column, value, limit in ((col(LoginAttempt.username), name, ACCOUNT_FAILURES),
                                 (col(LoginAttempt.address), address, ADDRESS_FAILURES)):
        failed = await _failures(session, column, value, now - WINDOW)
        if len(failed) >= limit:
            waits.append(failed[-limit] + WINDOW)  # free again once the limit-th last failure leaves the window
    return math.ceil((max(waits) - now).total_seconds()) if waits else None


async def authenticate(session: AsyncSession, *, username: str, password: str, address: str) -> SignIn:
    """Check a name and password; every attempt is recorded, and too many failures make the next ones wait."""
    global _dummy_hash
    now = clock.now()
    name, address = _clean_username(username)[:64], address[:64]
    account = await get_by_username(session, name) if name else None
    wait = await _wait(session, name, address, account, now)
    if wait is not None:
        return SignIn(retry_after=wait)
    if account is not None:
        ok = await _verify(account.password_hash, password) and await _usable(session, account)
    else:  # the same work as for a real account, so the answer's timing does not tell which names exist
        _dummy_hash = _dummy_hash or await hash_password("not a password of anyone")
        ok = await _verify(_dummy_hash, password) and False
    session.add(LoginAttempt(address=address, username=name, at=now, success=ok))
    if account is None:
        return SignIn()
    if not ok:
        account.failed_logins += 1
        if account.failed_logins >= ACCOUNT_FAILURES:
            account.locked_until, account.failed_logins = now + WINDOW, 0
        return SignIn()
    account.failed_logins, account.locked_until, account.last_login_at = 0, None, now
    if _hasher.check_needs_rehash(account.password_hash):
        account.password_hash = await hash_password(password)
    return SignIn(account=account)


async def _usable(session: AsyncSession, account: WebAccount) -> bool:
    """Active, and, when linked to a person in the bot, that person still active (revoked there: out here)."""
    if not account.active:
        return False
    if account.stakeholder_id is None:
        return True
    person = await session.get(Stakeholder, account.stakeholder_id)
    return person is not None and person.status == Status.ACTIVE


async def load_for_session(session: AsyncSession, account_id: int, stamp: str) -> WebAccount | None:
    """The account behind a session cookie, if it is still usable and its password unchanged since sign-in."""
    account = await session.get(WebAccount, account_id)
    if account is None or session_stamp(account) != stamp or not await _usable(session, account):
        return None
    return account


_ROLES = {WebRole.MEMBER: Role.MEMBER, WebRole.LIAISON: Role.LIAISON, WebRole.AGENCY_ADMIN: Role.AGENCY_ADMIN,
          WebRole.POSKO: Role.POSKO, WebRole.SUPERADMIN: Role.POSKO}


async def actor_for(session: AsyncSession, account: WebAccount) -> Actor:
    """The Actor an account acts as: its own role and agency; the linked person's Telegram id (so their own
    reports are theirs), else a negative id no Telegram user or group has."""
    tg_user_id = -(account.id or 0)
    label = f"web:{account.username}"
    if account.stakeholder_id is not None:
        person = await session.get(Stakeholder, account.stakeholder_id)
        if person is not None:
            tg_user_id, label = person.tg_user_id, f"{person.full_name} (web)"
    # transient, never added to a session: the services read role, agency, status and name from it
    stand_in = Stakeholder(tg_user_id=tg_user_id, full_name=label, agency_code=account.agency_code,  # type: ignore[arg-type]
                           region_code="", position="web", role=_ROLES[account.role], status=Status.ACTIVE)
    return Actor(tg_user_id=tg_user_id, stakeholder=stand_in, is_superadmin=account.role == WebRole.SUPERADMIN)
