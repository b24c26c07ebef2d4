"""Incident statistics over a period, for the charts of /statistik (and later the web admin).

Every figure comes from queries carrying the one scoping function (through `db.filters.conditions`): incidents
per WIB day and category group, per region (top 10, at the level below the filtered region, cities by default),
and each agency's time to acknowledge (median and 90th percentile, in minutes).
"""

import statistics
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased
from sqlmodel import col, select

from db.access import Actor
from db.errors import InvalidInput
from db.filters import WIB, IncidentFilter, conditions, period
from db.models import Agency, Category, CategoryGroup, Incident, IncidentAgency, IncidentStatus, Region, RegionLevel
from db.models.reference import CategoryRole

DEFAULT_PERIOD = "7 hari"
MAX_DAYS = 92  # one bar per day stays readable on a phone up to about three months
TOP_REGIONS = 10


@dataclass(frozen=True)
class AckTimes:
    """How fast one agency acknowledged the incidents in view."""

    agency_code: str
    count: int
    median_minutes: float
    p90_minutes: float


@dataclass
class Stats:
    """The figures behind the charts and the summary; lists are aligned (`per_day[group][i]` is `days[i]`)."""

    since: datetime
    until: datetime
    days: list[date]
    groups: list[str | None]  # category group codes in display order (None: incidents without a category)
    per_day: dict[str | None, list[int]]
    regions: list[tuple[str | None, int]]  # (region code, count), most first, at most TOP_REGIONS
    ack: list[AckTimes]
    total: int = 0
    by_status: dict[str, int] = field(default_factory=dict)
    waiting: int = 0  # responsible agencies that have not acknowledged yet


def with_default_period(f: IncidentFilter, now: datetime) -> IncidentFilter:
    """The filter with the default period (the last 7 days) when it names none; refuse periods too long to chart."""
    data = f.to_dict()
    if not f.since or not f.until:
        span = period(DEFAULT_PERIOD, now)
        assert span is not None
        data["since"] = data.get("since") or span[0].isoformat()
        data["until"] = data.get("until") or span[1].isoformat()
    result = IncidentFilter.from_dict(data)
    days = (_local_day(datetime.fromisoformat(result.until or "")) - _local_day(
        datetime.fromisoformat(result.since or ""))).days
    if days > MAX_DAYS or days <= 0:
        raise InvalidInput("review.period_too_long", days=MAX_DAYS)
    return result


def _local_day(value: datetime) -> date:
    return value.astimezone(WIB).date()


def percentile_90(values: list[float]) -> float:
    """The 90th percentile, interpolated between the closest ranks (numpy's default method)."""
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=10, method="inclusive")[-1]


async def collect(session: AsyncSession, actor: Actor, f: IncidentFilter) -> Stats:
    """Every figure of the period `f` names (`f.since`/`f.until` must be set: see `with_default_period`)."""
    since, until = datetime.fromisoformat(f.since or ""), datetime.fromisoformat(f.until or "")
    first, after = _local_day(since), _local_day(until)
    days = [first + timedelta(days=i) for i in range((after - first).days)]
    where = await conditions(session, actor, f)
    groups: list[str | None] = list((await session.scalars(
        select(CategoryGroup.code).order_by(col(CategoryGroup.sort_order), col(CategoryGroup.code)))).all())
    stats = Stats(since=since, until=until, days=days, groups=groups,
                  per_day={g: [0] * len(days) for g in groups}, regions=[], ack=[])
    index = {day: i for i, day in enumerate(days)}
    daily = (select(Incident.reported_at, Category.group_code)
             .select_from(Incident).outerjoin(Category, col(Category.code) == col(Incident.category_code))
             .where(*where))
    result = await session.stream(daily)
    async for rows in result.partitions(2000):  # streamed: a busy period never sits in memory at once
        for reported_at, group in rows:
            if group not in stats.per_day:
                stats.groups.append(group)
                stats.per_day[group] = [0] * len(days)
            position = index.get(_local_day(reported_at)) if reported_at else None
            if position is not None:
                stats.per_day[group][position] += 1
    by_status = select(Incident.status, sa.func.count()).where(*where).group_by(col(Incident.status))
    stats.by_status = {IncidentStatus(status).value: int(n) for status, n in (await session.execute(by_status)).all()}
    stats.total = sum(stats.by_status.values())
    stats.regions = await _regions(session, where, f.region)
    stats.ack, stats.waiting = await _ack_times(session, where)
    return stats


async def _regions(session: AsyncSession, where: list[Any], root: str | None) -> list[tuple[str | None, int]]:
    """Counts per region one level below `root` (cities without a region filter), most first."""
    parents = {code: (parent, level) for code, parent, level in
               (await session.execute(select(Region.code, Region.parent_code, Region.level))).all()}

    def bucket(code: str | None) -> str | None:
        seen = 0
        while code is not None and seen < 8:
            parent, level = parents.get(code, (None, None))
            if code == root or parent == root or (root is None and level in (RegionLevel.KABKOTA,
                                                                             RegionLevel.PROVINSI)):
                return code
            code, seen = parent, seen + 1
        return code

    counts: dict[str | None, int] = {}
    stmt = select(Incident.region_code, sa.func.count()).where(*where).group_by(col(Incident.region_code))
    for code, n in (await session.execute(stmt)).all():
        key = bucket(code)
        counts[key] = counts.get(key, 0) + int(n)
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0] or "~"))
    return ranked[:TOP_REGIONS]


async def _ack_times(session: AsyncSession, where: list[Any]) -> tuple[list[AckTimes], int]:
    """Per agency: minutes from report to acknowledgement; and how many responsible parts still wait."""
    # an alias: the scope's EXISTS over incident_agencies must not correlate with this query's own parts
    part = aliased(IncidentAgency)
    stmt = (select(part.agency_code, Incident.reported_at, part.acknowledged_at)
            .join(Incident, col(Incident.id) == col(part.incident_id))
            .where(*where, col(part.acknowledged_at).is_not(None)))
    minutes: dict[str, list[float]] = {}
    for agency, reported_at, acknowledged_at in (await session.execute(stmt)).all():
        if reported_at is not None:
            minutes.setdefault(agency, []).append(max(0.0, (acknowledged_at - reported_at).total_seconds() / 60))
    order = {code: i for i, code in enumerate((await session.scalars(
        select(Agency.code).order_by(col(Agency.sort_order), col(Agency.code)))).all())}
    result = [AckTimes(agency_code=code, count=len(values), median_minutes=round(statistics.median(values), 1),
                       p90_minutes=round(percentile_90(values), 1))
              for code, values in sorted(minutes.items(), key=lambda item: (order.get(item[0], 999), item[0]))]
    waiting = await session.scalar(
        select(sa.func.count()).select_from(part)
        .join(Incident, col(Incident.id) == col(part.incident_id))
        .where(*where, col(part.role) == CategoryRole.RESPONSIBLE, col(part.acknowledged_at).is_(None)))
    return result, int(waiting or 0)


async def names(session: AsyncSession, lang: str) -> dict[str, dict[str, str]]:
    """Display names the charts need: category groups (in `lang`), regions and agencies."""
    groups = {g.code: g.label(lang) for g in (await session.scalars(select(CategoryGroup))).all()}
    regions = {code: name for code, name in (await session.execute(select(Region.code, Region.name))).all()}
    agencies = {code: short for code, short in (await session.execute(select(Agency.code, Agency.short))).all()}
    return {"groups": groups, "regions": regions, "agencies": agencies}
