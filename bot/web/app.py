"""The web admin's Starlette app: routes, sessions, cross-site refusal, security headers, error pages.

Our own pages serve everything that must go through a service (incidents, people, stages, meetings, the map and
exports); sqladmin (/admin/data) serves read-only reference tables and the audit log to super admins.
"""

import logging
import secrets
from typing import Any

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.sessions import SessionMiddleware
from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles

from bot.config import Settings
from bot.texts import t
from bot.web import exports, incident_detail, incident_list, people, schedule
from bot.web.auth import SESSION_IDLE, LoginRequired, current_user, login, login_form, login_redirect, logout
from bot.web.data import data_mount
from bot.web.exports import ExportJobs
from bot.web.render import HERE, domain_message, page
from bot.web.security import OriginCheck, SecurityHeaders
from db.errors import DomainError, NotAllowed, NotFound
from db.session import SessionFactory

log = logging.getLogger(__name__)
COOKIE = "sinergi_admin"


async def _home(request: Request) -> Response:
    return RedirectResponse("/admin/incidents", status_code=302)


async def _root(request: Request) -> Response:
    return RedirectResponse("/admin", status_code=302)


def routes(session_factory: SessionFactory) -> list[BaseRoute]:
    """Every route of the web admin."""
    return [
        Route("/", _root),
        Route("/admin", _home),
        Route("/admin/", _home),
        Route("/admin/login", login_form, methods=["GET"]),
        Route("/admin/login", login, methods=["POST"]),
        Route("/admin/logout", logout, methods=["POST"]),
        Route("/admin/incidents", incident_list.incident_list),
        Route("/admin/incidents/{incident_id}", incident_detail.incident_detail),
        Route("/admin/incidents/{incident_id}/act", incident_detail.incident_action, methods=["POST"]),
        Route("/admin/incidents/{incident_id}/evidence/{evidence_id}", incident_detail.evidence_file),
        Route("/admin/map", incident_list.map_page),
        Route("/admin/map/points", incident_list.map_points),
        Route("/admin/exports", exports.start_export, methods=["POST"]),
        Route("/admin/exports/{job_id}", exports.export_status),
        Route("/admin/exports/{job_id}/file", exports.export_file),
        Route("/admin/people", people.people_page),
        Route("/admin/people/{person_id}/decide", people.decide, methods=["POST"]),
        Route("/admin/people/{person_id}/role", people.change_role, methods=["POST"]),
        Route("/admin/stages", schedule.stage_list),
        Route("/admin/stages/{stage_id}", schedule.stage_form, methods=["GET"]),
        Route("/admin/stages/{stage_id}", schedule.stage_save, methods=["POST"]),
        Route("/admin/meetings", schedule.meeting_list),
        Route("/admin/meetings/{meeting_id}", schedule.meeting_form, methods=["GET"]),
        Route("/admin/meetings/{meeting_id}", schedule.meeting_save, methods=["POST"]),
        # public: our stylesheet, the map script and Leaflet (no data; the login page needs them)
        Mount("/admin/static", app=StaticFiles(directory=HERE / "static"), name="static"),
        data_mount(session_factory),
    ]


async def _lang(request: Request) -> tuple[Any, str]:
    user = await current_user(request) if "session" in request.scope else None
    return user, user.lang if user else request.app.state.settings.default_language


async def _on_domain_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, DomainError)
    user, lang = await _lang(request)
    status = 404 if isinstance(exc, NotFound) else 403 if isinstance(exc, NotAllowed) else 400
    return page(request, "error.html", lang=lang, user=user, status_code=status, message=domain_message(exc, lang))


async def _on_login_required(request: Request, exc: Exception) -> Response:
    return login_redirect(request)


async def _on_http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    if request.url.path.startswith("/admin/static"):
        return PlainTextResponse(str(exc.detail), status_code=exc.status_code)
    user, lang = await _lang(request)
    key = {404: "web.not_found", 405: "web.method_not_allowed"}.get(exc.status_code, "web.error")
    return page(request, "error.html", lang=lang, user=user, status_code=exc.status_code, message=t(key, lang),
                headers=dict(exc.headers or {}))


def create_web_app(settings: Settings, session_factory: SessionFactory, bot: Any) -> Starlette:
    """The web admin for `settings`, on the bot's database, fetching evidence with `bot` (its getFile)."""
    secret = settings.web_secret_key.get_secret_value() if settings.web_secret_key else None
    if secret is None:
        log.warning("WEB_SECRET_KEY is not set: using a random key, so web admin sessions end at every restart")
        secret = secrets.token_urlsafe(48)
    middleware = [
        Middleware(SecurityHeaders, tile_url=settings.map_tile_url),
        Middleware(OriginCheck, public_url=settings.web_public_url),
        Middleware(SessionMiddleware, secret_key=secret, session_cookie=COOKIE, path="/admin", same_site="lax",
                   max_age=int(SESSION_IDLE.total_seconds()), https_only=settings.web_public_url.startswith("https://")),
    ]
    app = Starlette(routes=routes(session_factory), middleware=middleware, exception_handlers={
        DomainError: _on_domain_error, LoginRequired: _on_login_required, HTTPException: _on_http_error})
    app.state.settings = settings
    app.state.session_factory = session_factory
    app.state.bot = bot
    app.state.exports = ExportJobs()
    return app
