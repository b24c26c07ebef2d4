"""sqladmin at /admin/data: the reference tables and the audit log, read-only, for super admins only.

sqladmin serves what it is good at — browsing, searching and sorting plain tables — and nothing that must go
through a service. It is signed in through our own session: its AuthenticationBackend adds no session middleware
of its own (ours wraps the whole app) and checks our session; a gate around the mount sends anonymous visitors to
our login (its own login page included) and refuses everyone but super admins.
"""

from typing import Any

from sqladmin import Admin, ModelView
from sqladmin.authentication import AuthenticationBackend
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response
from starlette.routing import Mount
from starlette.types import ASGIApp, Receive, Scope, Send

from bot.web.auth import current_user, login_redirect
from db.models import (
    Agency,
    AuditEntry,
    Category,
    CategoryAgency,
    CategoryGroup,
    LoginAttempt,
    Region,
    Severity,
    WebRole,
)
from db.session import SessionFactory

BASE = "/admin/data"


async def _refusal(request: Request) -> Response | None:
    """None for a signed-in super admin; otherwise the login redirect or 403."""
    user = await current_user(request)
    if user is None:
        return login_redirect(request)
    if user.account.role != WebRole.SUPERADMIN:
        return PlainTextResponse("403 Forbidden: super admins only", status_code=403)
    return None


class SessionBackend(AuthenticationBackend):
    """sqladmin's authentication through our session (no session middleware of its own)."""

    def __init__(self) -> None:
        self.middlewares: list[Middleware] = []

    async def login(self, request: Request) -> Response | bool:
        """Signing in happens on our login page."""
        return RedirectResponse("/admin/login", status_code=303)

    async def logout(self, request: Request) -> Response | bool:
        """Signing out is our POST form (a GET must not end a session)."""
        return RedirectResponse("/admin/incidents", status_code=303)

    async def authenticate(self, request: Request) -> Response | bool:
        """Only super admins with a valid session."""
        refusal = await _refusal(request)
        return refusal if refusal is not None else True

    async def get_user_id(self, request: Request) -> Any:
        """The web account id."""
        user = await current_user(request)
        return user.account.id if user else None


class SuperadminGate:
    """Every path under the mount except its static files needs a super admin (sqladmin's login page included)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Refuse or pass on."""
        if scope["type"] == "http" and not scope.get("path", "").startswith(f"{BASE}/statics/"):
            refusal = await _refusal(Request(scope, receive))
            if refusal is not None:
                await refusal(scope, receive, send)
                return
        await self.app(scope, receive, send)


class _ReadOnly(ModelView):
    can_create = False
    can_edit = False
    can_delete = False
    can_export = False
    can_import = False
    page_size = 50

    def is_accessible(self, request: Request) -> bool:
        """Super admins only (the gate has checked the session already)."""
        user = request.scope.get("sinergi_user")
        return user is not None and user.account.role == WebRole.SUPERADMIN

    def is_visible(self, request: Request) -> bool:
        """Shown in the menu to those who may open it."""
        return self.is_accessible(request)


class AgencyView(_ReadOnly, model=Agency):
    """Agencies."""

    name_plural = "Agencies"
    column_list = ["code", "short", "name_id", "active"]
    column_searchable_list = ["code", "short", "name_id"]
    column_sortable_list = ["code", "sort_order"]


class RegionView(_ReadOnly, model=Region):
    """Regions of the jurisdiction."""

    name_plural = "Regions"
    column_list = ["code", "name", "level", "parent_code", "active"]
    column_searchable_list = ["code", "name"]
    column_sortable_list = ["code", "name"]


class SeverityView(_ReadOnly, model=Severity):
    """Severity levels."""

    name_plural = "Severities"
    column_list = ["code", "rank", "label_id", "ack_minutes"]


class CategoryGroupView(_ReadOnly, model=CategoryGroup):
    """Category groups."""

    name_plural = "Category groups"
    column_list = ["code", "label_id", "label_en"]


class CategoryView(_ReadOnly, model=Category):
    """Incident categories."""

    name_plural = "Categories"
    column_list = ["code", "group_code", "label_id", "default_severity",
                   "active"]
    column_searchable_list = ["code", "label_id"]


class CategoryAgencyView(_ReadOnly, model=CategoryAgency):
    """Which agency handles which category."""

    name_plural = "Category routing"
    column_list = ["category_code", "agency_code", "role"]


class AuditView(_ReadOnly, model=AuditEntry):
    """The audit log, newest first."""

    name_plural = "Audit log"
    column_list = ["at", "actor_label", "action", "subject"]
    column_searchable_list = ["actor_label", "action", "subject"]
    column_sortable_list = ["at", "action"]
    column_default_sort = [("at", True)]


class LoginAttemptView(_ReadOnly, model=LoginAttempt):
    """Sign-in attempts to the web admin, newest first."""

    name_plural = "Login attempts"
    column_list = ["at", "username", "address", "success"]
    column_searchable_list = ["username", "address"]
    column_default_sort = [("at", True)]


VIEWS = (AgencyView, RegionView, SeverityView, CategoryGroupView, CategoryView, CategoryAgencyView, AuditView,
         LoginAttemptView)


def data_mount(session_factory: SessionFactory) -> Mount:
    """The sqladmin app as a Mount named "admin" (sqladmin's templates link with `url_for("admin:...")`)."""
    # sqladmin reconfigures the sessionmaker it is given (autoflush off): give it its own, on the same engine
    own = async_sessionmaker(session_factory.kw["bind"], class_=AsyncSession, expire_on_commit=False)
    admin = Admin(Starlette(), session_maker=own, base_url=BASE, title="Sinergi · data",
                  authentication_backend=SessionBackend())
    for view in VIEWS:
        admin.add_view(view)
    return Mount(BASE, app=admin.admin, name="admin", middleware=[Middleware(SuperadminGate)])
