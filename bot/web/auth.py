"""Signing in and out of the web admin, and who is behind a request.

The session cookie (Starlette's SessionMiddleware: signed, HTTP-only, SameSite=Lax, Secure over HTTPS, 8 h after
the last request) holds the account id, when it signed in, and a stamp of its password hash: a password change
or a disabled account ends every open session at its next request; no session lives longer than 12 h.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from bot.web.render import LANGS, page, redirect
from db import audit, clock, webaccounts
from db.access import Actor
from db.models import WebAccount
from db.session import SessionFactory

SESSION_IDLE = timedelta(hours=8)
SESSION_MAX = timedelta(hours=12)
LOGIN_PATH = "/admin/login"
HOME_PATH = "/admin/incidents"


class LoginRequired(Exception):
    """No valid session: the exception handler sends the browser to the login page."""


@dataclass(frozen=True)
class WebUser:
    """The signed-in account, the Actor it acts as, and its language."""

    account: WebAccount
    actor: Actor

    @property
    def lang(self) -> str:
        """The account's language."""
        return self.account.language

    @property
    def label(self) -> str:
        """`web:<username>` — the audit log's name for this user."""
        return f"web:{self.account.username}"

    def record(self, session: Any, action: str, subject: str = "", **detail: Any) -> None:
        """Audit a change made through the web admin."""
        audit.record(session, actor_tg_id=self.actor.tg_user_id, actor_label=self.label, action=action,
                     subject=subject, **detail)


def factory(request: Request) -> SessionFactory:
    """The session factory the app was made with."""
    result: SessionFactory = request.app.state.session_factory
    return result


async def current_user(request: Request) -> WebUser | None:
    """The user of a valid session, or None (and the session is cleared when it is no longer valid)."""
    cached: WebUser | None = request.scope.get("sinergi_user")
    if cached is not None:
        return cached
    data = request.session
    account_id, stamp, since = data.get("uid"), data.get("stamp"), data.get("since")
    if not isinstance(account_id, int) or not isinstance(stamp, str) or not isinstance(since, str):
        return None
    try:
        started = datetime.fromisoformat(since)
    except ValueError:
        started = None
    if started is None or clock.now() - started > SESSION_MAX:
        data.clear()
        return None
    async with factory(request)() as session:
        account = await webaccounts.load_for_session(session, account_id, stamp)
        actor = await webaccounts.actor_for(session, account) if account is not None else None
    if account is None or actor is None:
        data.clear()
        return None
    user = WebUser(account=account, actor=actor)
    request.scope["sinergi_user"] = user
    return user


async def require_user(request: Request) -> WebUser:
    """The signed-in user; raises LoginRequired (→ the login page) otherwise."""
    user = await current_user(request)
    if user is None:
        raise LoginRequired()
    return user


def login_redirect(request: Request) -> RedirectResponse:
    """To the login page, coming back here afterwards (pages reached with GET only)."""
    target = request.url.path if request.method == "GET" else ""
    suffix = f"?next={quote(target)}" if target and target != LOGIN_PATH else ""
    return RedirectResponse(LOGIN_PATH + suffix, status_code=303)


def _safe_next(value: str | None) -> str:
    """Only our own pages: an absolute or protocol-relative URL would make the login an open redirect."""
    if value and value.startswith("/admin") and not value.startswith("//") and "\\" not in value:
        return value
    return HOME_PATH


def _login_lang(request: Request) -> str:
    asked = request.query_params.get("lang")
    return asked if asked in LANGS else request.app.state.settings.default_language


async def login_form(request: Request) -> Response:
    """The login page (already signed in: straight to the incidents)."""
    if await current_user(request) is not None:
        return redirect(_safe_next(request.query_params.get("next")))
    return page(request, "login.html", lang=_login_lang(request), user=None,
                next=_safe_next(request.query_params.get("next")))


async def login(request: Request) -> Response:
    """Check the password (throttled per account and address); start a fresh session."""
    lang = _login_lang(request)
    async with request.form(max_files=0, max_fields=10) as form:
        username, password = str(form.get("username", "")), str(form.get("password", ""))
        target = _safe_next(str(form.get("next", "")))
    address = request.client.host if request.client else "unknown"
    async with factory(request)() as session, session.begin():
        outcome = await webaccounts.authenticate(session, username=username, password=password, address=address)
        if outcome.account is not None:
            audit.record(session, actor_tg_id=None, actor_label=f"web:{outcome.account.username}",
                         action="web.login", subject=f"web_account:{outcome.account.id}", address=address)
    if outcome.retry_after is not None:
        return page(request, "login.html", lang=lang, user=None, next=target, username=username,
                    error=("web.login_throttled", {"minutes": outcome.retry_minutes}), status_code=429,
                    headers={"Retry-After": str(outcome.retry_after)})
    if outcome.account is None:
        return page(request, "login.html", lang=lang, user=None, next=target, username=username,
                    error=("web.login_failed", {}), status_code=401)
    request.session.clear()  # a new session on every sign-in (no fixation)
    request.session.update(uid=outcome.account.id, stamp=webaccounts.session_stamp(outcome.account),
                           since=clock.now().isoformat())
    return redirect(target)


async def logout(request: Request) -> Response:
    """End the session (POST only: a link elsewhere cannot sign anyone out)."""
    user = await current_user(request)
    if user is not None:
        async with factory(request)() as session, session.begin():
            user.record(session, "web.logout", f"web_account:{user.account.id}")
    request.session.clear()
    return redirect(LOGIN_PATH + f"?lang={user.lang}" if user else LOGIN_PATH)
