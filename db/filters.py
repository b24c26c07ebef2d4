"""Incident filters shared by the chat list, statistics, exports and the web admin.

A filter is plain data (JSON-able, stored with a list view so paging keeps it); `select_incidents(actor, f)` turns
it into a query that always carries the one scoping function. `parse_filter_words` reads what people type:
"/insiden baru hoaks jaksel tinggi polri 7 hari massa" or the explicit "status:baru wilayah:jaksel".
"""

import re
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from db import clock, regions
from db.access import Actor
from db.errors import InvalidInput, NotAllowed, NotFound
from db.matching import Matcher, category_matcher, normalize, region_matcher
from db.models import (
    Agency,
    Category,
    CategoryGroup,
    Incident,
    IncidentAgency,
    IncidentStatus,
    ListView,
    Region,
    Severity,
)
from db.scope import visible_incidents

WIB = clock.LOCAL_TZ  # the display zone: TIMEZONE, Asia/Jakarta unless configured otherwise
STATUS_WORDS = {
    "baru": IncidentStatus.NEW, "new": IncidentStatus.NEW,
    "diterima": IncidentStatus.ACKNOWLEDGED, "acknowledged": IncidentStatus.ACKNOWLEDGED,
    "ditangani": IncidentStatus.IN_PROGRESS, "in_progress": IncidentStatus.IN_PROGRESS,
    "selesai": IncidentStatus.RESOLVED, "resolved": IncidentStatus.RESOLVED,
    "ditolak": IncidentStatus.REJECTED, "rejected": IncidentStatus.REJECTED,
    "duplikat": IncidentStatus.DUPLICATE, "duplicate": IncidentStatus.DUPLICATE,
}
OPEN_WORDS = {"terbuka", "open", "aktif"}
SEVERITY_WORDS = {"rendah": "rendah", "low": "rendah", "sedang": "sedang", "medium": "sedang",
                  "tinggi": "tinggi", "high": "tinggi", "kritis": "kritis", "critical": "kritis"}
MONTHS = {name: i for i, names in enumerate((
    (), ("januari", "jan", "january"), ("februari", "feb", "february"), ("maret", "mar", "march"),
    ("april", "apr"), ("mei", "may"), ("juni", "jun", "june"), ("juli", "jul", "july"),
    ("agustus", "agu", "agt", "aug", "august"), ("september", "sep", "sept"), ("oktober", "okt", "oct", "october"),
    ("november", "nov", "nop"), ("desember", "des", "dec", "december"))) for name in names}
# the period buttons: short codes (callback data) for phrases `period` understands
PERIOD_CODES = {"today": "hari ini", "yday": "kemarin", "7d": "7 hari", "30d": "30 hari", "month": "bulan ini"}
TOGGLED = {"st": "statuses", "sv": "severities"}  # fields picked several at a time


@dataclass
class IncidentFilter:
    """What to show: every field optional; `since`/`until` are ISO datetimes (UTC), `until` exclusive."""

    statuses: list[str] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    category_group: str | None = None
    region: str | None = None  # with its sub-regions
    severities: list[str] = field(default_factory=list)
    agency: str | None = None  # responsible or informed
    since: str | None = None
    until: str | None = None
    text: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """Plain data (for a stored list view)."""
        return {k: v for k, v in asdict(self).items() if v not in (None, [], "")}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "IncidentFilter":
        """Back from plain data, ignoring unknown keys."""
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        return cls(**known)

    @property
    def empty(self) -> bool:
        """Whether nothing is filtered."""
        return not self.to_dict()


def period(text: str, now: datetime) -> tuple[datetime, datetime] | None:
    """A period typed in Indonesian or English, in WIB, as UTC [since, until): "hari ini", "kemarin", "7 hari",
    "minggu ini", "bulan ini", "November", "Nov 2024", "1-15 Nov", "27/11"."""
    words = normalize(text)
    today = now.astimezone(WIB).date()

    def span(first: date, last: date) -> tuple[datetime, datetime]:
        start = datetime.combine(first, time(0), WIB)
        return start.astimezone(ZoneInfo("UTC")), datetime.combine(last + timedelta(days=1), time(0), WIB).astimezone(
            ZoneInfo("UTC"))

    if words in ("hari ini", "today"):
        return span(today, today)
    if words in ("kemarin", "yesterday"):
        return span(today - timedelta(days=1), today - timedelta(days=1))
    if words in ("minggu ini", "pekan ini", "this week"):
        return span(today - timedelta(days=today.weekday()), today)
    if words in ("bulan ini", "this month"):
        return span(today.replace(day=1), today)
    found = re.fullmatch(r"(\d{1,3}) (hari|days?)( terakhir| last)?", words)
    if found:
        return span(today - timedelta(days=int(found.group(1)) - 1), today)
    found = re.fullmatch(r"(\d{1,2})(?: (\d{1,2}))? ([a-z]+)(?: (\d{4}))?", words)  # "1 15 nov" from "1-15 Nov"
    if found and found.group(3) in MONTHS:
        year = int(found.group(4)) if found.group(4) else _year_of(MONTHS[found.group(3)], today)
        month = MONTHS[found.group(3)]
        first, last = sorted((int(found.group(1)), int(found.group(2) or found.group(1))))
        try:
            return span(date(year, month, first), date(year, month, last))
        except ValueError:
            return None
    found = re.fullmatch(r"([a-z]+)(?: (\d{4}))?", words)
    if found and found.group(1) in MONTHS:
        month = MONTHS[found.group(1)]
        year = int(found.group(2)) if found.group(2) else _year_of(month, today)
        last_day = date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
        return span(date(year, month, 1), last_day)
    found = re.fullmatch(r"(\d{1,2}) (\d{1,2})(?: (\d{4}))?", words)  # "27/11" or "27/11/2024", day first
    if found:
        year = int(found.group(3)) if found.group(3) else today.year
        try:
            day = date(year, int(found.group(2)), int(found.group(1)))
        except ValueError:
            return None
        return span(day, day)
    return None


def _year_of(month: int, today: date) -> int:
    """A month without a year is the latest one not in the future."""
    return today.year if month <= today.month else today.year - 1


@dataclass
class _Vocabulary:
    """What words can mean, loaded once per typed filter (not once per phrase tried)."""

    categories: Matcher
    regions: Matcher
    agencies: dict[str, str]  # normalised code, label or alias -> agency code
    groups: dict[str, str]  # normalised code or label -> group code

    @classmethod
    async def load(cls, session: AsyncSession) -> "_Vocabulary":
        agencies = {name: a.code for a in (await session.scalars(select(Agency).where(Agency.active))).all()
                    for name in {normalize(a.code), normalize(a.short), *(normalize(x) for x in a.aliases)}}
        groups = {name: g.code for g in (await session.scalars(select(CategoryGroup))).all()
                  for name in {normalize(g.code), normalize(g.label_id), normalize(g.label_en)}}
        return cls(await category_matcher(session), await region_matcher(session), agencies, groups)


async def parse_filter_words(session: AsyncSession, text: str, now: datetime) -> IncidentFilter:
    """Read a typed filter; words that are nothing else become the free-text search."""
    result = IncidentFilter()
    vocabulary = await _Vocabulary.load(session)
    rest: list[str] = []
    explicit = dict(re.findall(r"(\w+):(\"[^\"]+\"|\S+)", text))
    for key, value in explicit.items():
        _apply_word(vocabulary, result, value.strip('"'), now, key=key.lower())
    remaining = re.sub(r"(\w+):(\"[^\"]+\"|\S+)", " ", text)
    words = remaining.split()
    index = 0
    while index < len(words):
        used = 0
        for size in (4, 3, 2, 1):  # the longest phrase that means something wins ("7 hari", "Jakarta Selatan")
            phrase = " ".join(words[index:index + size])
            if len(words[index:index + size]) == size and _apply_word(vocabulary, result, phrase, now):
                used = size
                break
        if used:
            index += used
        else:
            rest.append(words[index])
            index += 1
    if rest:
        result.text = " ".join(rest)[:100]
    return result


def _apply_word(vocabulary: _Vocabulary, result: IncidentFilter, phrase: str, now: datetime,
                key: str | None = None) -> bool:
    word = normalize(phrase)
    if not word:
        return False
    if key in (None, "status") and (word in STATUS_WORDS or word in OPEN_WORDS):
        result.statuses = ([s.value for s in (IncidentStatus.NEW, IncidentStatus.ACKNOWLEDGED,
                                              IncidentStatus.IN_PROGRESS)] if word in OPEN_WORDS
                           else sorted({*result.statuses, STATUS_WORDS[word].value}))
        return True
    if key in (None, "tingkat", "severity") and word in SEVERITY_WORDS:
        result.severities = sorted({*result.severities, SEVERITY_WORDS[word]})
        return True
    if key in (None, "periode", "period", "waktu") and (span := period(phrase, now)) is not None:
        result.since, result.until = span[0].isoformat(), span[1].isoformat()
        return True
    if key in (None, "instansi", "agency") and word in vocabulary.agencies:
        result.agency = vocabulary.agencies[word]
        return True
    if key in (None, "kelompok", "group") and word in vocabulary.groups:
        result.category_group = vocabulary.groups[word]
        return True
    if key in (None, "kategori", "category"):
        found, _ = vocabulary.categories.best(phrase)
        if found is not None and found.score >= (95 if key is None else 86):
            result.categories = sorted({*result.categories, found.code})
            return True
    if key in (None, "wilayah", "region"):
        found, _ = vocabulary.regions.best(phrase)
        if found is not None and found.score >= (95 if key is None else 86):
            result.region = found.code
            return True
    if key in ("cari", "text", "search"):
        result.text = phrase[:100]
        return True
    return False


async def conditions(session: AsyncSession, actor: Actor, f: IncidentFilter) -> list[sa.ColumnElement[bool]]:
    """WHERE conditions: the actor's scope first, then each part of the filter."""
    where: list[sa.ColumnElement[bool]] = [visible_incidents(actor)]
    if f.statuses:
        where.append(col(Incident.status).in_([IncidentStatus(s) for s in f.statuses]))
    if f.categories:
        where.append(col(Incident.category_code).in_(f.categories))
    if f.category_group:
        where.append(col(Incident.category_code).in_(
            select(Category.code).where(Category.group_code == f.category_group)))
    if f.region:
        where.append(col(Incident.region_code).in_(await regions.descendant_codes(session, f.region)))
    if f.severities:
        where.append(col(Incident.severity_code).in_(f.severities))
    if f.agency:
        where.append(sa.exists(select(IncidentAgency.incident_id).where(
            IncidentAgency.incident_id == col(Incident.id), IncidentAgency.agency_code == f.agency)))
    if f.since:
        where.append(col(Incident.reported_at) >= datetime.fromisoformat(f.since))
    if f.until:
        where.append(col(Incident.reported_at) < datetime.fromisoformat(f.until))
    if f.text:
        pattern = f"%{f.text.lower()}%"
        where.append(sa.or_(sa.func.lower(col(Incident.description)).like(pattern),
                            sa.func.lower(sa.func.coalesce(col(Incident.place_text), "")).like(pattern),
                            sa.func.lower(sa.func.coalesce(col(Incident.number), "")).like(pattern)))
    return where


async def select_incidents(session: AsyncSession, actor: Actor, f: IncidentFilter) -> Any:
    """`SELECT incidents` the actor may see that match the filter, newest first."""
    return (select(Incident).where(*await conditions(session, actor, f))
            .order_by(col(Incident.reported_at).desc(), col(Incident.id).desc()))


async def count_incidents(session: AsyncSession, actor: Actor, f: IncidentFilter) -> int:
    """How many incidents match."""
    stmt = select(sa.func.count()).select_from(Incident).where(*await conditions(session, actor, f))
    return int(await session.scalar(stmt) or 0)


async def page_incidents(session: AsyncSession, actor: Actor, f: IncidentFilter, *, page: int,
                         per_page: int) -> tuple[list[Incident], int, int]:
    """One page of matching incidents, newest first: (incidents, total, the page actually shown)."""
    total = await count_incidents(session, actor, f)
    pages = max(1, -(-total // per_page))
    page = min(max(page, 0), pages - 1)
    stmt = (await select_incidents(session, actor, f)).offset(page * per_page).limit(per_page)
    return list((await session.scalars(stmt)).all()), total, page


def merge(base: IncidentFilter, typed: IncidentFilter) -> IncidentFilter:
    """`base` with every part `typed` names replaced (typing "baru" changes the status, keeps the region)."""
    data = base.to_dict()
    update = typed.to_dict()
    if "categories" in update or "category_group" in update:  # one way of choosing categories at a time
        data.pop("categories", None)
        data.pop("category_group", None)
    return IncidentFilter.from_dict({**data, **update})


def with_period(f: IncidentFilter, code: str, now: datetime) -> IncidentFilter:
    """The filter with a period button applied (`all` removes the period)."""
    data = f.to_dict()
    data.pop("since", None)
    data.pop("until", None)
    if code != "all":
        if code not in PERIOD_CODES:
            raise InvalidInput("review.bad_choice")
        span = period(PERIOD_CODES[code], now)
        assert span is not None
        data.update(since=span[0].isoformat(), until=span[1].isoformat())
    return IncidentFilter.from_dict(data)


async def with_choice(session: AsyncSession, f: IncidentFilter, field_code: str, value: str) -> IncidentFilter:
    """The filter with one button's choice applied, checked against the reference data (forged data is refused).

    `st`/`sv` toggle a status/severity (`st:open` picks the open ones), `ct` picks one category, `cg` a category
    group, `rg` a region, `ag` an agency; `x` clears the field named by `value` (`all`: everything).
    """
    data = f.to_dict()
    if field_code == "x":
        names = {"st": ["statuses"], "sv": ["severities"], "ct": ["categories", "category_group"],
                 "rg": ["region"], "ag": ["agency"], "pd": ["since", "until"], "tx": ["text"]}
        if value == "all":
            return IncidentFilter()
        for name in names.get(value, []):
            data.pop(name, None)
        return IncidentFilter.from_dict(data)
    if field_code == "st":
        if value == "open":
            data["statuses"] = [s.value for s in (IncidentStatus.NEW, IncidentStatus.ACKNOWLEDGED,
                                                 IncidentStatus.IN_PROGRESS)]
            return IncidentFilter.from_dict(data)
        if value not in {s.value for s in IncidentStatus} or value == IncidentStatus.DRAFT.value:
            raise InvalidInput("review.bad_choice")
    elif field_code == "sv" and await session.get(Severity, value) is None:
        raise InvalidInput("review.bad_choice")
    if field_code in TOGGLED:
        chosen = set(data.get(TOGGLED[field_code], []))
        chosen ^= {value}
        data[TOGGLED[field_code]] = sorted(chosen)
        return IncidentFilter.from_dict(data)
    if field_code == "rg":
        if await regions.get_region(session, value) is None:
            raise InvalidInput("review.bad_choice")
        data["region"] = value
    elif field_code == "ag":
        if await regions.get_agency(session, value) is None:
            raise InvalidInput("review.bad_choice")
        data["agency"] = value
    elif field_code in ("ct", "cg"):
        if await session.get(Category if field_code == "ct" else CategoryGroup, value) is None:
            raise InvalidInput("review.bad_choice")
        data = merge(IncidentFilter.from_dict(data), IncidentFilter(
            categories=[value] if field_code == "ct" else [],
            category_group=value if field_code == "cg" else None)).to_dict()
    else:
        raise InvalidInput("review.bad_choice")
    return IncidentFilter.from_dict(data)


async def create_view(session: AsyncSession, *, tg_user_id: int, f: IncidentFilter) -> ListView:
    """Store a person's filter; list, statistics and export buttons carry the view's id."""
    view = ListView(tg_user_id=tg_user_id, filter=f.to_dict())
    session.add(view)
    await session.flush()
    return view


async def get_view(session: AsyncSession, view_id: int, *, tg_user_id: int) -> tuple[ListView, IncidentFilter]:
    """A stored view of this person and its filter (another person's buttons are refused)."""
    view = await session.get(ListView, view_id)
    if view is None:
        raise NotFound("review.view_gone")
    if view.tg_user_id != tg_user_id:
        raise NotAllowed("access.not_initiator")
    return view, IncidentFilter.from_dict(view.filter)


def save_view(view: ListView, f: IncidentFilter) -> None:
    """Replace the view's filter (paging after this keeps the new filter)."""
    view.filter = f.to_dict()  # reassigned: in-place edits of JSON columns are not tracked


async def delete_views_before(session: AsyncSession, before: datetime | None = None) -> int:
    """Forget views older than `before` (default: 30 days ago); their buttons then say so."""
    cutoff = before or clock.now() - timedelta(days=30)
    result = await session.execute(sa.delete(ListView).where(col(ListView.created_at) < cutoff))
    return int(getattr(result, "rowcount", 0) or 0)


async def severities(session: AsyncSession) -> list[Severity]:
    """Severity levels, lowest first (the severity menu)."""
    return list((await session.scalars(select(Severity).order_by(col(Severity.rank)))).all())


async def category_choices(session: AsyncSession) -> tuple[list[CategoryGroup], list[Category]]:
    """Category groups and active categories in display order (the category menu)."""
    groups = (await session.scalars(select(CategoryGroup).order_by(col(CategoryGroup.sort_order)))).all()
    categories = (await session.scalars(select(Category).where(Category.active)
                                        .order_by(col(Category.sort_order), col(Category.code)))).all()
    return list(groups), list(categories)


async def region_choices(session: AsyncSession, parent: str | None) -> list[tuple[Region, bool]]:
    """The active regions below `parent` (provinces for None), each with whether it has regions below it."""
    below = await regions.children(session, parent)
    codes = [r.code for r in below]
    with_children = set((await session.scalars(select(Region.parent_code).where(
        col(Region.parent_code).in_(codes), Region.active).distinct())).all()) if codes else set()
    return [(region, region.code in with_children) for region in below]
