"""/statistik: the series each chart plots equal the counts computed from the generated data (checked before
drawing); the images are valid PNGs of the expected size, for an empty period too; scoped per role."""

import io
import struct
import subprocess
import sys

import pytest
from PIL import Image

from bot.review import charts
from db import stats
from db.filters import IncidentFilter
from tests.bot.review_dataset import (
    NOW,
    REPORTERS,
    ROLES,
    ack_minutes,
    city_of,
    generate,
    insert_rows,
    keep,
    per_day_by_group,
    visible,
    wib_day,
)
from tests.bot.test_review_list import arrange

GROUP_LABELS = {"pelanggaran": "Pelanggaran pemilihan", "kamtibmas": "Gangguan keamanan dan ketertiban",
                "teknis": "Masalah penyelenggaraan"}


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height from the PNG header, after Pillow has checked the whole file."""
    Image.open(io.BytesIO(data)).verify()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


def expected_regions(rows) -> list[tuple[str, int]]:
    counts: dict[str, int] = {}
    for row in rows:
        counts[city_of(row.region)] = counts.get(city_of(row.region), 0) + 1
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:10]


@pytest.mark.parametrize("role", ["posko", "liaison_kpu", "admin_bawaslu"])
async def test_chart_series_equal_the_expected_counts(session_factory, role):
    rows = generate(REPORTERS, count=200)
    await insert_rows(session_factory, rows, events=False, evidence=False)
    who, viewer = ROLES[role]
    f = stats.with_default_period(IncidentFilter(), NOW)  # the last 7 days: 21-27 Nov (WIB)
    async with session_factory() as session:
        figures = await stats.collect(session, who, f)
        names = await stats.names(session, "id")
    daily, regions, ack = charts.series(figures, names, "id")
    seen = [r for r in visible(rows, viewer) if keep(r, since=wib_day(21), until=wib_day(28))]
    assert seen and figures.total == len(seen)
    assert daily.labels == [f"{d:02d}/11" for d in range(21, 28)]
    assert daily.series == {GROUP_LABELS[g]: [float(n) for n in counts]
                            for g, counts in per_day_by_group(seen, wib_day(21), 7).items()}
    top = expected_regions(seen)
    assert regions.labels == [names["regions"][code] for code, _ in top]
    assert regions.series == {"Jumlah laporan": [float(n) for _, n in top]}
    minutes = ack_minutes(seen)
    order = [code for code in ("POLRI", "TNI", "KPU", "BAWASLU", "PEMDA") if code in minutes]
    assert ack.labels == [names["agencies"][code] for code in order]
    assert ack.series == {"Median": [minutes[c][1] for c in order], "Persentil 90": [minutes[c][2] for c in order]}
    waiting = sum(1 for r in seen for role_, acked in r.agencies.values() if role_ == "responsible" and not acked)
    assert figures.waiting == waiting and figures.by_status == {
        s: n for s in {r.status for r in seen} if (n := sum(1 for r in seen if r.status == s))}


async def test_regions_below_a_filtered_region(session_factory):
    rows = generate(REPORTERS, count=200)
    await insert_rows(session_factory, rows, events=False, evidence=False)
    who, viewer = ROLES["posko"]
    f = stats.with_default_period(IncidentFilter(region="31.74"), NOW)
    async with session_factory() as session:
        figures = await stats.collect(session, who, f)
    seen = [r for r in visible(rows, viewer) if keep(r, region="31.74", since=wib_day(21), until=wib_day(28))]
    counts: dict[str, int] = {}
    for row in seen:  # one level below Jakarta Selatan: its districts (and the city itself)
        key = row.region if row.region == "31.74" else ".".join(row.region.split(".")[:3])
        counts[key] = counts.get(key, 0) + 1
    assert figures.regions == sorted(counts.items(), key=lambda item: (-item[1], item[0]))


async def test_statistics_in_chat_send_three_readable_charts_and_a_summary(sandbox, world, session_factory):
    people, rows, viewers = await arrange(world, sandbox, session_factory, count=150)
    staff = people["posko"]
    await sandbox.say(staff, "/statistik")
    photos = [await sandbox.next_message(staff) for _ in range(3)]
    summary = await sandbox.next_message(staff)
    assert [p.caption for p in photos] == ["Laporan per hari menurut kelompok", "Laporan per wilayah (10 teratas)",
                                           "Waktu sampai diterima per instansi"]
    assert all(png_size(p.photo.content()) == (charts.SIZE_PX, charts.SIZE_PX) for p in photos)
    week = [r for r in visible(rows, viewers["posko"]) if keep(r, since=wib_day(21), until=wib_day(28))]
    assert "21/11/2024–27/11/2024" in summary.text and f"Jumlah: {len(week)} —" in summary.text
    assert "Waktu sampai diterima (median / P90): Polri" in summary.text
    await sandbox.press(staff, summary, "Hari ini")
    for _ in range(3):
        assert png_size((await sandbox.next_message(staff)).photo.content()) == (1080, 1080)
    today = [r for r in visible(rows, viewers["posko"]) if keep(r, since=wib_day(27), until=wib_day(28))]
    again = await sandbox.next_message(staff)
    assert "27/11/2024 (WIB)" in again.text and (f"Jumlah: {len(today)} —" in again.text if today
                                                  else "Tidak ada laporan" in again.text)


async def test_an_empty_period_still_gives_valid_charts(sandbox, world, session_factory):
    people, _rows, _viewers = await arrange(world, sandbox, session_factory, count=40)
    liaison = people["liaison"]
    await sandbox.say(liaison, "/statistik 1-10 Jan")  # January 2024: nothing happened yet
    photos = [await sandbox.next_message(liaison) for _ in range(3)]
    assert all(png_size(p.photo.content()) == (1080, 1080) for p in photos)
    summary = await sandbox.next_message(liaison)
    assert "01/01/2024–10/01/2024" in summary.text and "Tidak ada laporan pada periode ini." in summary.text
    async with session_factory() as session:
        figures = await stats.collect(session, ROLES["posko"][0], stats.with_default_period(
            IncidentFilter(since=wib_day(1, 1).isoformat(), until=wib_day(11, 1).isoformat()), NOW))
    daily, regions, ack = charts.series(figures, await _names(session_factory), "id")
    assert daily.empty and regions.empty and ack.empty and len(daily.labels) == 10 and regions.labels == []


async def _names(session_factory):
    async with session_factory() as session:
        return await stats.names(session, "id")


async def test_scoped_in_english_refused_to_members_and_too_long_periods(sandbox, world, session_factory):
    people, rows, _viewers = await arrange(world, sandbox, session_factory, count=80)
    english = await world.agency_admin(name="Admin", agency="BAWASLU", language="en")
    await sandbox.say(english, "/stats")
    photos = [await sandbox.next_message(english) for _ in range(3)]
    assert photos[0].caption == "Reports per day by group"
    summary = await sandbox.next_message(english)
    week = [r for r in rows if r.status != "draft" and "BAWASLU" in r.agencies
            and keep(r, since=wib_day(21), until=wib_day(28))]  # the admin reported none themselves
    assert "Incident statistics" in summary.text and f"Total: {len(week)} —" in summary.text
    await sandbox.say(people["member"], "/statistik")
    assert "tidak mengizinkan" in (await sandbox.next_message(people["member"])).text
    await sandbox.say(people["posko"], "/statistik 100 hari")
    assert (await sandbox.next_message(people["posko"])).text.startswith("Periode statistik harus 1 sampai 92 hari")
    await sandbox.assert_no_message(people["posko"])


def test_matplotlib_and_openpyxl_load_only_when_needed():
    code = "import sys, bot.app; print(sorted(m for m in ('matplotlib', 'openpyxl') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
