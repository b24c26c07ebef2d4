"""The incident list and the incidents map: the chat's filters (typed words and form fields), sort and paging.

Our own page rather than sqladmin's list: sqladmin cannot apply the one scoping function (`db.scope`) per user,
nor the chat's filter words, and its row actions would bypass the services that announce changes in the chats.
"""

from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from typing import Any
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select
from starlette.datastructures import QueryParams
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from bot.web.auth import factory, require_user
from bot.web.render import page
from db import clock
from db.clock import LOCAL_TZ
from db.filters import IncidentFilter, count_incidents, parse_filter_words, select_incidents
from db.models import OPEN_STATUSES, Agency, Category, CategoryGroup, Incident, IncidentStatus, Region, Severity
from db.models.reference import RegionLevel

WIB = LOCAL_TZ  # the display zone: TIMEZONE, Asia/Jakarta unless configured otherwise
PAGE_SIZE = 25
MAP_LIMIT = 2000  # markers on one map; the newest first
SORTS = ("reported", "severity", "status", "region", "number")
STATUSES = [s.value for s in IncidentStatus if s != IncidentStatus.DRAFT]
FIELDS = ("q", "status", "severity", "agency", "region", "group", "since", "until", "sort", "dir")


@dataclass(frozen=True)
class ListQuery:
    """What the list form asks for, as typed (kept in links for paging, sorting, the map and exports)."""

    q: str = ""
    status: str = ""
    severity: str = ""
    agency: str = ""
    region: str = ""
    group: str = ""
    since: str = ""
    until: str = ""
    sort: str = "reported"
    dir: str = "desc"
    page: int = 1

    @classmethod
    def from_params(cls, params: QueryParams | dict[str, Any]) -> "ListQuery":
        """Read the query string (unknown sorts and pages fall back to the defaults)."""
        values = {name: str(params.get(name, "") or "").strip()[:200] for name in FIELDS}
        values["sort"] = values["sort"] if values["sort"] in SORTS else "reported"
        values["dir"] = "asc" if values["dir"] == "asc" else "desc"
        raw_page = str(params.get("page", "1"))
        number = int(raw_page) if raw_page.isdigit() else 1
        return cls(**values, page=max(1, min(number, 100_000)))

    def link(self, **changes: Any) -> str:
        """The query string of this list with some fields changed (empty fields left out)."""
        merged = replace(self, **changes)
        pairs = [(name, getattr(merged, name)) for name in (*FIELDS, "page")]
        return urlencode([(k, v) for k, v in pairs if v not in ("", None) and not (k == "page" and v == 1)])


def _day(text: str) -> date | None:
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


async def build_filter(session: AsyncSession, query: ListQuery) -> tuple[IncidentFilter, list[str]]:
    """The IncidentFilter of a query: the typed words first (as in /insiden), then each form field; and the
    text keys of the fields that could not be used."""
    problems: list[str] = []
    f = await parse_filter_words(session, query.q, clock.now()) if query.q else IncidentFilter()
    if query.status == "open":
        f.statuses = [s.value for s in OPEN_STATUSES]
    elif query.status in STATUSES:
        f.statuses = [query.status]
    if query.severity:
        if await session.get(Severity, query.severity) is None:
            problems.append("web.filter_bad_severity")
        else:
            f.severities = [query.severity]
    if query.agency:
        if await session.get(Agency, query.agency) is None:
            problems.append("web.filter_bad_agency")
        else:
            f.agency = query.agency
    if query.region:
        if await session.get(Region, query.region) is None:
            problems.append("web.filter_bad_region")
        else:
            f.region = query.region
    if query.group:
        if await session.get(CategoryGroup, query.group) is None:
            problems.append("web.filter_bad_group")
        else:
            f.category_group = query.group
    for name in ("since", "until"):
        text = getattr(query, name)
        if not text:
            continue
        day = _day(text)
        if day is None:
            problems.append("web.filter_bad_date")
            continue
        moment = datetime.combine(day + timedelta(days=1 if name == "until" else 0), time(0), WIB)
        setattr(f, name, moment.astimezone(ZoneInfo("UTC")).isoformat())
    return f, problems


def _ordered(stmt: Any, query: ListQuery) -> Any:
    desc = query.dir == "desc"
    if query.sort == "severity":
        stmt = stmt.outerjoin(Severity, col(Severity.code) == col(Incident.severity_code))
        key: Any = col(Severity.rank)
    else:
        key = {"reported": col(Incident.reported_at), "status": col(Incident.status),
               "region": col(Incident.region_code), "number": col(Incident.id)}[query.sort]
    ordered = key.desc() if desc else key.asc()
    tie = col(Incident.id).desc() if desc else col(Incident.id).asc()
    return stmt.order_by(None).order_by(sa.nulls_last(ordered), tie)


@dataclass
class Choices:
    """The form's select options (reference data in display order)."""

    severities: list[Severity]
    agencies: list[Agency]
    regions: list[Region]
    groups: list[CategoryGroup]
    categories: dict[str, Category]

    def severity(self, code: str | None) -> Severity | None:
        """A severity by code."""
        return next((s for s in self.severities if s.code == code), None)


async def choices(session: AsyncSession) -> Choices:
    """Severities, active agencies, cities/regencies, category groups and categories."""
    return Choices(
        severities=list((await session.scalars(select(Severity).order_by(col(Severity.rank)))).all()),
        agencies=list((await session.scalars(select(Agency).where(col(Agency.active))
                                             .order_by(col(Agency.sort_order), col(Agency.code)))).all()),
        regions=list((await session.scalars(select(Region).where(
            col(Region.level).in_([RegionLevel.PROVINSI, RegionLevel.KABKOTA]), col(Region.active))
            .order_by(col(Region.code)))).all()),
        groups=list((await session.scalars(select(CategoryGroup).order_by(col(CategoryGroup.sort_order)))).all()),
        categories={c.code: c for c in (await session.scalars(select(Category))).all()})


async def incident_list(request: Request) -> Response:
    """The list: filters, sort, paging, and links to the map and the exports of the same list."""
    user = await require_user(request)
    query = ListQuery.from_params(request.query_params)
    async with factory(request)() as session:
        f, problems = await build_filter(session, query)
        total = await count_incidents(session, user.actor, f)
        last_page = max(1, -(-total // PAGE_SIZE))
        query = replace(query, page=min(query.page, last_page))
        stmt = _ordered(await select_incidents(session, user.actor, f), query)
        rows = list((await session.scalars(stmt.offset((query.page - 1) * PAGE_SIZE).limit(PAGE_SIZE))).all())
        options = await choices(session)
        region_names = {r.code: r.name for r in (await session.scalars(select(Region).where(
            col(Region.code).in_({i.region_code for i in rows if i.region_code})))).all()}
    return page(request, "incidents.html", lang=user.lang, user=user, query=query, rows=rows, total=total,
                last_page=last_page, options=options, region_names=region_names, problems=problems,
                statuses=STATUSES, sorts=SORTS, filter_summary=f.to_dict())


async def map_page(request: Request) -> Response:
    """The incidents map (markers come from `map_points` with the same query)."""
    user = await require_user(request)
    query = ListQuery.from_params(request.query_params)
    async with factory(request)() as session:
        options = await choices(session)
    return page(request, "map.html", lang=user.lang, user=user, query=query, options=options,
                statuses=STATUSES, sorts=SORTS, problems=[],
                tile_url=request.app.state.settings.map_tile_url)


async def map_points(request: Request) -> Response:
    """The visible incidents with a location, as JSON for the map (number, severity, status, link)."""
    user = await require_user(request)
    query = ListQuery.from_params(request.query_params)
    lang = user.lang
    async with factory(request)() as session:
        f, _problems = await build_filter(session, query)
        stmt = (await select_incidents(session, user.actor, f)).where(
            col(Incident.latitude).is_not(None), col(Incident.longitude).is_not(None)).limit(MAP_LIMIT)
        rows = list((await session.scalars(stmt)).all())
        options = await choices(session)
    from bot.texts import t

    points = []
    for incident in rows:
        severity = options.severity(incident.severity_code)
        category = options.categories.get(incident.category_code or "")
        points.append({
            "id": incident.id, "number": incident.number, "lat": incident.latitude, "lng": incident.longitude,
            "severity": incident.severity_code or "", "severity_label": severity.label(lang) if severity else "",
            "status": t(f"status.incident.{incident.status.value}", lang),
            "category": category.label(lang) if category else "",
            "url": f"/admin/incidents/{incident.id}"})
    return JSONResponse({"points": points})
