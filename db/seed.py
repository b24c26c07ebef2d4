"""Loads the shipped seed data (db/seed_data/*.yaml) idempotently: twice changes nothing, an edit updates in place.

Rows an admin has changed in the bot (`customized`) are left alone, so re-seeding at every start never
undoes their work.
"""

import asyncio
import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import yaml
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import SQLModel, select

from db.models import Agency, Category, CategoryAgency, CategoryGroup, CategoryRole, Region, Severity, Stage

log = logging.getLogger(__name__)

SEED_DIR = Path(__file__).parent / "seed_data"


@dataclass
class SeedReport:
    """How many rows each table gained or changed."""

    inserted: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)

    def count(self, table: str, *, inserted: bool) -> None:
        """Count one inserted or updated row."""
        target = self.inserted if inserted else self.updated
        target[table] = target.get(table, 0) + 1

    @property
    def changed(self) -> bool:
        """Whether anything was written."""
        return bool(self.inserted or self.updated)

    def summary(self) -> str:
        """One line for the log."""
        if not self.changed:
            return "seed data already up to date"
        parts = [f"{table}: +{n}" for table, n in sorted(self.inserted.items())]
        parts += [f"{table}: ~{n}" for table, n in sorted(self.updated.items())]
        return "seed data loaded (" + ", ".join(parts) + ")"


def read_seed(directory: Path = SEED_DIR) -> dict[str, Any]:
    """Read the four seed files."""
    data: dict[str, Any] = {}
    for name in ("agencies", "regions", "categories", "stages"):
        with (directory / f"{name}.yaml").open(encoding="utf-8") as handle:
            data[name] = yaml.safe_load(handle)
    return data


async def _upsert(session: AsyncSession, model: type[SQLModel], key: str, records: Iterable[dict[str, Any]],
                  report: SeedReport) -> None:
    existing = {getattr(row, key): row for row in (await session.scalars(select(model))).all()}
    table = str(model.__tablename__)
    for values in records:
        row = existing.get(values[key])
        if row is None:
            session.add(model(**values))
            report.count(table, inserted=True)
            continue
        if getattr(row, "customized", False):
            continue
        changed = False
        for column, value in values.items():
            if getattr(row, column) != value:
                setattr(row, column, value)
                changed = True
        if changed:
            report.count(table, inserted=False)
    await session.flush()


def _region_level(kind: str) -> str:
    return {"provinsi": "provinsi", "kabkota": "kabkota", "kecamatan": "kecamatan"}.get(kind, "desa")


def _regions(data: dict[str, Any]) -> list[dict[str, Any]]:
    rows = []
    for item in data["regions"]["regions"]:
        rows.append({
            "code": str(item["code"]), "bps_code": _opt_str(item.get("bps_code")), "name": item["name"],
            "official_name": item.get("official_name"), "level": _region_level(item["level"]),
            "type": item.get("type", item["level"]), "parent_code": _opt_str(item.get("parent")),
            "aliases": list(item.get("aliases") or []),
        })
    # parents before children, whatever the file order
    return sorted(rows, key=lambda r: (r["code"].count("."), r["code"]))


def _opt_str(value: object) -> str | None:
    return None if value is None else str(value)


def _date(value: object) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


def _datetime(value: object) -> datetime | None:
    if value is None:
        return None
    parsed = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    if parsed.tzinfo is None:
        raise ValueError(f"seed time {value!r} has no UTC offset")
    return parsed


async def _category_agencies(session: AsyncSession, categories: list[dict[str, Any]], report: SeedReport) -> None:
    customized = set((await session.scalars(select(Category.code).where(Category.customized))).all())
    existing = {(r.category_code, r.agency_code): r for r in (await session.scalars(select(CategoryAgency))).all()}
    wanted: dict[tuple[str, str], CategoryRole] = {}
    for item in categories:
        if item["code"] in customized:
            continue
        for agency in item.get("responsible") or []:
            wanted[(item["code"], agency)] = CategoryRole.RESPONSIBLE
        for agency in item.get("inform") or []:
            wanted.setdefault((item["code"], agency), CategoryRole.INFORMED)
    for pair, role in wanted.items():
        row = existing.get(pair)
        if row is None:
            session.add(CategoryAgency(category_code=pair[0], agency_code=pair[1], role=role))
            report.count("category_agencies", inserted=True)
        elif row.role != role:
            row.role = role
            report.count("category_agencies", inserted=False)
    seeded = {item["code"] for item in categories} - customized
    for pair, row in existing.items():
        if pair[0] in seeded and pair not in wanted:
            await session.delete(row)
            report.count("category_agencies", inserted=False)
    await session.flush()


async def load_seed(session: AsyncSession, directory: Path = SEED_DIR) -> SeedReport:
    """Insert or update every seed row in the caller's transaction; return what changed."""
    data = await asyncio.to_thread(read_seed, directory)  # parsing 500 regions of YAML is not for the event loop
    report = SeedReport()
    await _upsert(session, Agency, "code", (
        {"code": a["code"], "sort_order": a.get("order", 0), "short": a["short"], "name_id": a["name_id"],
         "name_en": a["name_en"], "aliases": list(a.get("aliases") or [])}
        for a in data["agencies"]["agencies"]), report)
    await _upsert(session, Region, "code", _regions(data), report)
    cats = data["categories"]
    await _upsert(session, Severity, "code", (
        {"code": s["code"], "rank": s["rank"], "label_id": s["label_id"], "label_en": s["label_en"],
         "ack_minutes": s["ack_minutes"]} for s in cats["severities"]), report)
    await _upsert(session, CategoryGroup, "code", (
        {"code": g["code"], "sort_order": i, "label_id": g["label_id"], "label_en": g["label_en"]}
        for i, g in enumerate(cats["groups"])), report)
    await _upsert(session, Category, "code", (
        {"code": c["code"], "group_code": c["group"], "sort_order": c.get("order", i), "label_id": c["label_id"],
         "label_en": c["label_en"], "hint_id": c.get("hint_id") or "", "hint_en": c.get("hint_en") or "",
         "default_severity": c["default_severity"], "aliases": list(c.get("aliases") or [])}
        for i, c in enumerate(cats["categories"])), report)
    await _category_agencies(session, cats["categories"], report)
    await _upsert(session, Stage, "code", (
        {"code": s["code"], "sort_order": s.get("order", i), "parent_code": s.get("parent"),
         "name_id": s["name_id"], "name_en": s["name_en"], "start_date": _date(s.get("start")),
         "end_date": _date(s.get("end")), "start_at": _datetime(s.get("start_at")),
         "end_at": _datetime(s.get("end_at")), "guidance_id": s.get("guidance_id") or "",
         "guidance_en": s.get("guidance_en") or ""}
        for i, s in enumerate(data["stages"]["stages"])), report)
    return report
