"""Exports of incidents as CSV or XLSX, streamed: rows come from the database in chunks (keyset pagination, one
short transaction each) and go to an open writer in a worker thread, so memory stays flat in the number of rows
and the event loop keeps serving others. The chat (/ekspor) and the web admin call `export_incidents`.

Times are written in WIB; reporter names only where `db.scope.sees_reporter_names` allows; cells that a
spreadsheet would run as formulas are written as text.
"""

import asyncio
import contextlib
import csv
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import IO, Any, Literal, Protocol

from sqlmodel import col, select

from db.access import Actor
from db.filters import WIB, IncidentFilter, conditions
from db.models import (
    Agency,
    Category,
    CategoryGroup,
    Evidence,
    Incident,
    IncidentAgency,
    IncidentEvent,
    IncidentStatus,
    Region,
)
from db.models.reference import CategoryRole, Severity
from db.scope import sees_reporter_names
from db.session import SessionFactory

CHUNK_ROWS = 500  # rows per query: small enough that reading one never holds the event loop for long
CELL_LIMIT = 32_000  # Excel refuses cells over 32,767 characters
INCIDENT_COLUMNS = ("number", "status", "category", "group", "severity", "region", "region_code", "place", "tps",
                    "latitude", "longitude", "description", "reporter", "reporter_agency", "reporter_position",
                    "reported_at", "occurred_at", "responsible", "informed", "acknowledged", "taken_by", "taken_at",
                    "resolved_at", "resolution", "duplicate_of")
EVENT_COLUMNS = ("number", "at", "kind", "actor", "actor_agency", "agency", "note")
EVIDENCE_COLUMNS = ("number", "kind", "file_name", "mime_type", "file_size", "sha256", "hash_note", "text",
                    "forward_from", "forward_date", "added_at")
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")  # control characters XML (and so XLSX) cannot hold
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

Row = list[Any]


@dataclass(frozen=True)
class ExportResult:
    """The written file, how many incidents it holds and its size in bytes."""

    path: Path
    rows: int
    bytes: int


@dataclass
class _Chunk:
    incidents: list[Row]
    events: list[Row]
    evidence: list[Row]


class _Writer(Protocol):
    def write(self, chunk: _Chunk) -> None: ...
    def close(self) -> None: ...
    def abort(self) -> None: ...


Labels = Callable[[str], "str | None"]  # a catalog key → its text in the reader's language (None: no such key)


async def export_incidents(session_factory: SessionFactory, actor: Actor, f: IncidentFilter,
                           fmt: Literal["csv", "xlsx"], path: Path, *, lang: str, labels: Labels) -> ExportResult:
    """Write the incidents `actor` may see that match `f` to `path` (CSV: incidents; XLSX: incidents, timeline
    events and evidence sheets), oldest first; headers and statuses read through `labels` (the text catalog)."""
    if fmt not in ("csv", "xlsx"):
        raise ValueError(f"unknown export format {fmt!r}")
    async with session_factory() as session:
        where = await conditions(session, actor, f)
        names = await _Names.load(session, lang, labels)
    headers = {name: [labels(f"export.col.{c}") or c for c in columns] for name, columns in
               (("incidents", INCIDENT_COLUMNS), ("events", EVENT_COLUMNS), ("evidence", EVIDENCE_COLUMNS))}
    sheets = {name: labels(f"export.sheet.{name}") or name for name in headers}
    factory: type[_CsvWriter | _XlsxWriter] = _CsvWriter if fmt == "csv" else _XlsxWriter
    writer: _Writer = await asyncio.to_thread(factory, path, headers, sheets)
    rows = last_id = 0
    names_shown: dict[tuple[int, str | None], bool] = {}
    try:
        while True:
            async with session_factory() as session:  # a short transaction per chunk: nothing held meanwhile
                incidents = list((await session.execute(
                    select(*_columns(Incident, _INCIDENT_FIELDS)).where(*where, col(Incident.id) > last_id)
                    .order_by(col(Incident.id)).limit(CHUNK_ROWS))).all())
                if not incidents:
                    break
                fetched = await _fetch(session, actor, incidents, names_shown, full=fmt == "xlsx")
            await asyncio.to_thread(_write, writer, fetched, names, lang)
            rows += len(incidents)
            last_id = incidents[-1].id
        await asyncio.to_thread(writer.close)
    except BaseException:
        await asyncio.to_thread(writer.abort)  # nothing half-written is left behind
        raise
    size = (await asyncio.to_thread(path.stat)).st_size
    return ExportResult(path=path, rows=rows, bytes=size)


@dataclass
class _Names:
    """Reference labels, loaded once per export."""

    categories: dict[str, tuple[str, str]]  # code -> (label, group label)
    severities: dict[str, str]
    regions: dict[str, tuple[str, str | None]]  # code -> (name, parent)
    agencies: dict[str, str]
    statuses: dict[str, str]
    labels: Labels

    @classmethod
    async def load(cls, session: Any, lang: str, labels: Labels) -> "_Names":
        groups = {g.code: g.label(lang) for g in (await session.scalars(select(CategoryGroup))).all()}
        return cls(
            categories={c.code: (c.label(lang), groups.get(c.group_code, c.group_code))
                        for c in (await session.scalars(select(Category))).all()},
            severities={s.code: s.label(lang) for s in (await session.scalars(select(Severity))).all()},
            regions={r.code: (r.name, r.parent_code) for r in (await session.scalars(select(Region))).all()},
            agencies={a.code: a.short for a in (await session.scalars(select(Agency))).all()},
            statuses={s.value: labels(f"status.incident.{s.value}") or s.value for s in IncidentStatus},
            labels=labels)

    def region_path(self, code: str | None) -> str:
        parts: list[str] = []
        while code is not None and len(parts) < 8:
            name, code = self.regions.get(code, (code, None))
            parts.append(name)
        return ", ".join(parts)

    def agency(self, code: str | None) -> str:
        return self.agencies.get(code, code) if code else ""

    def event_kind(self, kind: str) -> str:
        return self.labels(f"export.event.{kind}") or kind


def _wib(value: datetime | None) -> datetime | None:
    """WIB wall time without tzinfo: spreadsheets have no time zones (openpyxl refuses aware values on save)."""
    return value.astimezone(WIB).replace(tzinfo=None) if value is not None else None


def _columns(model: Any, fields: tuple[str, ...]) -> list[Any]:
    """Plain columns, not ORM objects: rows come back as light tuples (a third of the time for big exports)."""
    return [col(getattr(model, name)) for name in fields]


_INCIDENT_FIELDS = ("id", "number", "status", "category_code", "severity_code", "region_code", "place_text", "tps",
                    "latitude", "longitude", "description", "reporter_tg_id", "reporter_name", "reporter_agency_code",
                    "reporter_position", "reported_at", "occurred_at", "taken_by_label", "taken_at", "resolved_at",
                    "resolution_note", "duplicate_of_id")
_PART_FIELDS = ("incident_id", "agency_code", "role", "acknowledged_at")
_EVENT_FIELDS = ("incident_id", "at", "kind", "actor_label", "actor_agency_code", "agency_code", "note")
_EVIDENCE_FIELDS = ("incident_id", "kind", "file_name", "mime_type", "file_size", "sha256", "hash_note", "text",
                    "forward_origin_name", "forward_date", "added_at")


@dataclass
class _Fetched:
    """One chunk as the database gave it; turned into rows in the writer's thread (CPU work off the loop)."""

    incidents: list[Any]
    parts: dict[int, list[Any]]
    numbers: dict[int, str]
    shown: dict[int, bool]  # incident id -> reporter name visible
    events: list[Any]
    evidence: list[Any]

    def rows(self, names: _Names, lang: str) -> _Chunk:
        chunk = _Chunk(incidents=[_incident_row(i, self.parts.get(i.id, []), self.numbers, names, self.shown[i.id])
                                  for i in self.incidents], events=[], evidence=[])
        by_id = {i.id: i for i in self.incidents}
        for event in self.events:
            incident = by_id[event.incident_id]
            who = event.actor_label
            if event.kind == "created" and not self.shown[incident.id]:
                who = " — ".join(p for p in (names.agency(incident.reporter_agency_code),
                                             incident.reporter_position or "") if p)
            chunk.events.append([incident.number, _wib(event.at), names.event_kind(event.kind), who,
                                 names.agency(event.actor_agency_code), names.agency(event.agency_code), event.note])
        for item in self.evidence:
            chunk.evidence.append([by_id[item.incident_id].number, item.kind.value, item.file_name, item.mime_type,
                                   item.file_size, item.sha256, item.hash_note, item.text, item.forward_origin_name,
                                   _wib(item.forward_date), _wib(item.added_at)])
        return chunk


async def _fetch(session: Any, actor: Actor, incidents: list[Any], names_shown: dict[tuple[int, str | None], bool],
                 *, full: bool) -> _Fetched:
    ids = [i.id for i in incidents]
    parts: dict[int, list[Any]] = {}
    for part in (await session.execute(select(*_columns(IncidentAgency, _PART_FIELDS))
                                       .where(col(IncidentAgency.incident_id).in_(ids))
                                       .order_by(col(IncidentAgency.agency_code)))).all():
        parts.setdefault(part.incident_id, []).append(part)
    originals = {i.duplicate_of_id for i in incidents if i.duplicate_of_id}
    numbers = dict((await session.execute(select(Incident.id, Incident.number).where(
        col(Incident.id).in_(originals)))).all()) if originals else {}
    shown: dict[int, bool] = {}
    for i in incidents:  # the one rule, asked once per reporter (it depends on who reported, from which agency)
        key = (i.reporter_tg_id, i.reporter_agency_code)
        if key not in names_shown:
            names_shown[key] = sees_reporter_names(actor, Incident(reporter_tg_id=key[0], reporter_agency_code=key[1]))
        shown[i.id] = names_shown[key]
    fetched = _Fetched(incidents=incidents, parts=parts, numbers=numbers, shown=shown, events=[], evidence=[])
    if full:
        fetched.events = list((await session.execute(
            select(*_columns(IncidentEvent, _EVENT_FIELDS)).where(col(IncidentEvent.incident_id).in_(ids))
            .order_by(col(IncidentEvent.incident_id), col(IncidentEvent.at), col(IncidentEvent.id)))).all())
        fetched.evidence = list((await session.execute(
            select(*_columns(Evidence, _EVIDENCE_FIELDS)).where(col(Evidence.incident_id).in_(ids))
            .order_by(col(Evidence.incident_id), col(Evidence.id)))).all())
    return fetched


def _write(writer: "_Writer", fetched: _Fetched, names: _Names, lang: str) -> None:
    writer.write(fetched.rows(names, lang))


def _incident_row(incident: Any, parts: list[Any], numbers: dict[int, str], names: _Names,
                  show_name: bool) -> Row:
    category, group = names.categories.get(incident.category_code or "", ("", ""))
    responsible = [p for p in parts if p.role == CategoryRole.RESPONSIBLE]
    acknowledged = "; ".join(f"{names.agency(p.agency_code)} {_stamp(p.acknowledged_at)}" for p in responsible)
    return [incident.number, names.statuses[incident.status.value], category, group,
            names.severities.get(incident.severity_code or "", ""), names.region_path(incident.region_code),
            incident.region_code, incident.place_text, incident.tps, incident.latitude, incident.longitude,
            incident.description, incident.reporter_name if show_name else "",
            names.agency(incident.reporter_agency_code), incident.reporter_position, _wib(incident.reported_at),
            _wib(incident.occurred_at), ", ".join(names.agency(p.agency_code) for p in responsible),
            ", ".join(names.agency(p.agency_code) for p in parts if p.role == CategoryRole.INFORMED), acknowledged,
            incident.taken_by_label, _wib(incident.taken_at), _wib(incident.resolved_at), incident.resolution_note,
            numbers.get(incident.duplicate_of_id or 0, "")]


def _stamp(value: datetime | None) -> str:
    local = _wib(value)
    return local.strftime("%d/%m/%Y %H:%M") if local is not None else "-"


def _text(value: str) -> str:
    return _ILLEGAL.sub("", value)[:CELL_LIMIT]


class _CsvWriter:
    """Incidents only, one row at a time; UTF-8 with a BOM so Excel reads the accents right."""

    def __init__(self, path: Path, headers: dict[str, list[str]], sheets: dict[str, str]) -> None:
        self.path = path
        self.file: IO[str] = path.open("w", encoding="utf-8-sig", newline="")
        self.writer = csv.writer(self.file)
        self.writer.writerow(headers["incidents"])

    def write(self, chunk: _Chunk) -> None:
        self.writer.writerows([self._value(v) for v in row] for row in chunk.incidents)

    @staticmethod
    def _value(value: Any) -> Any:
        if isinstance(value, datetime):
            return value.strftime("%Y-%m-%d %H:%M")
        if isinstance(value, str):
            value = _text(value)
            return "'" + value if value.startswith(_FORMULA_START) else value  # not a formula in Excel
        return "" if value is None else value

    def close(self) -> None:
        self.file.close()

    def abort(self) -> None:
        self.file.close()
        self.path.unlink(missing_ok=True)


class _XlsxWriter:
    """Three sheets in openpyxl's write-only mode: rows go to temporary files, never all in memory."""

    WIDTHS = {"incidents": (20, 12, 28, 18, 10, 36, 12, 28, 8, 10, 10, 60, 24, 14, 20, 17, 17, 20, 20, 30, 24, 17,
                            17, 40, 20),
              "events": (20, 17, 18, 28, 14, 14, 60),
              "evidence": (20, 10, 24, 18, 10, 66, 24, 60, 24, 17, 17)}

    def __init__(self, path: Path, headers: dict[str, list[str]], sheets: dict[str, str]) -> None:
        from openpyxl import Workbook  # imported when an export runs: the bot starts faster without it
        from openpyxl.styles import Font
        from openpyxl.utils import get_column_letter

        self.path = path
        self.book = Workbook(write_only=True)
        self.sheets: dict[str, Any] = {}
        bold = Font(bold=True)
        for name, title in sheets.items():
            sheet = self.book.create_sheet(title)
            for index, width in enumerate(self.WIDTHS[name], 1):
                sheet.column_dimensions[get_column_letter(index)].width = width
            sheet.freeze_panes = "A2"
            sheet.append([self._cell(sheet, h, font=bold) for h in headers[name]])
            self.sheets[name] = sheet

    @staticmethod
    def _cell(sheet: Any, value: Any, **style: Any) -> Any:
        from openpyxl.cell import WriteOnlyCell

        cell = WriteOnlyCell(sheet, value=value)
        for key, item in style.items():
            setattr(cell, key, item)
        return cell

    def _row(self, sheet: Any, row: Row) -> list[Any]:
        values: list[Any] = []
        for value in row:
            if isinstance(value, datetime):
                values.append(self._cell(sheet, value, number_format="DD/MM/YYYY HH:MM"))
            elif isinstance(value, str):
                value = _text(value)
                if value.startswith("=") and len(value) > 1:
                    cell = self._cell(sheet, value)
                    cell.data_type = "s"  # text, not a formula to run
                    values.append(cell)
                else:
                    values.append(value)
            else:
                values.append(value)
        return values

    def write(self, chunk: _Chunk) -> None:
        for name, rows in (("incidents", chunk.incidents), ("events", chunk.events), ("evidence", chunk.evidence)):
            sheet = self.sheets[name]
            for row in rows:
                sheet.append(self._row(sheet, row))

    def close(self) -> None:
        self.book.save(self.path)

    def abort(self) -> None:
        for sheet in self.sheets.values():  # write-only sheets keep temporary files until saved: remove them
            writer = getattr(sheet, "_writer", None)
            if writer is not None:
                with contextlib.suppress(Exception):
                    writer.close()
                    writer.cleanup()
        self.path.unlink(missing_ok=True)
