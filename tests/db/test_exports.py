"""Exports opened the way a reader would (csv module, openpyxl): rows, columns, WIB times, sheets, and reporter
names only for the roles that may see them."""

import csv
from datetime import datetime

import openpyxl
import pytest
from sqlalchemy import update

from bot.texts import lookup
from db.exports import CHUNK_ROWS, EVENT_COLUMNS, EVIDENCE_COLUMNS, INCIDENT_COLUMNS, export_incidents
from db.filters import IncidentFilter
from db.models import Incident
from tests.bot.review_dataset import LIAISON_KPU, REPORTERS, ROLES, WIB, generate, insert_rows, keep, visible


@pytest.fixture
async def rows(session_factory):
    data = generate(REPORTERS, count=120)
    await insert_rows(session_factory, data)
    return data


def _read_csv(path):
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM that makes Excel read UTF-8
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


@pytest.mark.parametrize("role", ["posko", "superadmin", "liaison_kpu", "member", "admin_bawaslu"])
async def test_csv_holds_the_visible_incidents_with_wib_times(session_factory, rows, tmp_path, role):
    who, viewer = ROLES[role]
    result = await export_incidents(session_factory, who, IncidentFilter(), "csv", tmp_path / "x.csv",
                                    lang="id", labels=lookup("id"))
    table = _read_csv(result.path)
    header, body = table[0], table[1:]
    assert header[:3] == ["Nomor", "Status", "Kategori"] and len(header) == len(INCIDENT_COLUMNS)
    expected = sorted(visible(rows, viewer), key=lambda r: r.id)
    assert [line[0] for line in body] == [r.number for r in expected] and result.rows == len(expected)
    assert result.bytes == result.path.stat().st_size
    column = {name: header.index(name) for name in ("Dilaporkan (WIB)", "Nama pelapor", "Uraian", "Wilayah")}
    for line, row in zip(body, expected, strict=True):
        assert line[column["Dilaporkan (WIB)"]] == row.reported_at.astimezone(WIB).strftime("%Y-%m-%d %H:%M")
        assert line[column["Uraian"]] == row.description
        names_allowed = (viewer.scope == "all" or row.reporter_tg_id == viewer.tg_id
                         or (viewer.scope == "agency" and viewer.agency == row.reporter_agency))
        assert line[column["Nama pelapor"]] == (row.reporter_name if names_allowed else "")
    if role == "liaison_kpu":  # KPU's liaison sees other agencies' reports, never their reporters' names
        hidden = [line for line, row in zip(body, expected, strict=True) if row.reporter_agency != "KPU"]
        assert hidden and all(line[column["Nama pelapor"]] == "" for line in hidden)
        assert "Bripda Anggota" not in result.path.read_text(encoding="utf-8-sig")


async def test_xlsx_has_incidents_timeline_and_evidence_sheets(session_factory, rows, tmp_path):
    who, viewer = ROLES["liaison_kpu"]
    f = IncidentFilter(category_group="kamtibmas")
    result = await export_incidents(session_factory, who, f, "xlsx", tmp_path / "x.xlsx",
                                    lang="en", labels=lookup("en"))
    book = openpyxl.load_workbook(result.path)
    assert book.sheetnames == ["Incidents", "Timeline", "Evidence"]
    expected = sorted([r for r in visible(rows, viewer) if keep(r, group="kamtibmas")], key=lambda r: r.id)
    sheet = [list(r) for r in book["Incidents"].iter_rows(values_only=True)]
    header = sheet[0]
    assert header[0] == "Number" and len(header) == len(INCIDENT_COLUMNS) and result.rows == len(expected)
    assert [line[0] for line in sheet[1:]] == [r.number for r in expected]
    at, name = header.index("Reported (WIB)"), header.index("Reporter name")
    for line, row in zip(sheet[1:], expected, strict=True):
        assert isinstance(line[at], datetime) and line[at].tzinfo is None
        assert line[at] == row.reported_at.astimezone(WIB).replace(tzinfo=None, microsecond=0)
        assert (line[name] or "") == (row.reporter_name if row.reporter_agency == "KPU"
                                      or row.reporter_tg_id == LIAISON_KPU else "")
    timeline = [list(r) for r in book["Timeline"].iter_rows(values_only=True)]
    assert len(timeline[0]) == len(EVENT_COLUMNS)
    events = sum(1 + sum(1 for _, acked in r.agencies.values() if acked) for r in expected)
    assert len(timeline) - 1 == events
    created = [line for line in timeline[1:] if line[2] == "Reported"]
    by_number = {r.number: r for r in expected}
    for line in created:  # the reporter's name is hidden in the timeline too
        row = by_number[line[0]]
        assert line[3] == (row.reporter_name if row.reporter_agency == "KPU" or row.reporter_tg_id == LIAISON_KPU
                           else {"POLRI": "Polri", "TNI": "TNI", "BAWASLU": "Bawaslu", "PEMDA": "Pemda"}.get(
                               row.reporter_agency, row.reporter_agency) + " — Petugas")
    evidence = [list(r) for r in book["Evidence"].iter_rows(values_only=True)]
    assert len(evidence[0]) == len(EVIDENCE_COLUMNS)
    expected_evidence = {r.number for r in rows[::5] if r.number} | {r.number for r in rows[::7] if r.number}
    assert {line[0] for line in evidence[1:]} == expected_evidence & set(by_number)


async def test_many_chunks_formula_text_and_control_characters(session_factory, tmp_path):
    data = generate(REPORTERS, count=CHUNK_ROWS + 150, seed=3)
    await insert_rows(session_factory, data, events=False, evidence=False)
    first = next(r for r in data if r.number)
    async with session_factory() as session, session.begin():
        await session.execute(update(Incident).where(Incident.id == first.id).values(
            description="=HYPERLINK(\"http://x\")\x07 bell", place_text="+62 811"))
    who, viewer = ROLES["posko"]
    expected = len(visible(data, viewer))
    xlsx = await export_incidents(session_factory, who, IncidentFilter(), "xlsx", tmp_path / "a.xlsx",
                                  lang="id", labels=lookup("id"))
    assert xlsx.rows == expected > CHUNK_ROWS
    sheet = openpyxl.load_workbook(xlsx.path)["Laporan"]
    header = [c.value for c in sheet[1]]
    cell = sheet.cell(row=2, column=header.index("Uraian") + 1)
    assert cell.value == "=HYPERLINK(\"http://x\") bell" and cell.data_type == "s"  # text, not a formula
    assert sheet.max_row == expected + 1
    table = _read_csv((await export_incidents(session_factory, who, IncidentFilter(), "csv", tmp_path / "a.csv",
                                              lang="id", labels=lookup("id"))).path)
    assert len(table) == expected + 1
    line = next(line for line in table if line[0] == first.number)
    assert line[table[0].index("Uraian")] == "'=HYPERLINK(\"http://x\") bell"
    assert line[table[0].index("Tempat")] == "'+62 811"


async def test_an_empty_export_still_has_its_headers(session_factory, tmp_path):
    who, _ = ROLES["member"]
    result = await export_incidents(session_factory, who, IncidentFilter(), "xlsx", tmp_path / "e.xlsx",
                                    lang="id", labels=lookup("id"))
    assert result.rows == 0
    book = openpyxl.load_workbook(result.path)
    assert [book[s].max_row for s in book.sheetnames] == [1, 1, 1]


async def test_a_failed_export_leaves_no_file(session_factory, tmp_path):
    who, _ = ROLES["posko"]
    target = tmp_path / "missing-folder" / "x.csv"
    with pytest.raises(FileNotFoundError):
        await export_incidents(session_factory, who, IncidentFilter(), "csv", target, lang="id", labels=lookup("id"))
    assert not target.exists()
