"""The lapsit end to end: every morning at LAPSIT_TIME to the command posts with exact figures, "nihil" for empty
sections, /lapsit scoped per role, split at 4,096 characters on line boundaries."""

from datetime import datetime, time

from bot.render import MESSAGE_LIMIT
from bot.scheduler import PERIODIC
from db import chats
from db.models import CategoryRole, IncidentStatus
from db.stages import WIB
from tests.db.test_lapsit import DATASET, add_incidents, add_meetings


def wib(*args: int) -> datetime:
    return datetime(*args, tzinfo=WIB)


async def _upkeep(sandbox, settings) -> None:
    await PERIODIC["lapsit"](sandbox.session_factory, settings)


def _taken(sandbox, chat) -> list:
    taken = []
    while (message := sandbox.take(chat)) is not None:
        taken.append(message)
    return taken


EXPECTED_FULL = """📋 LAPSIT — Laporan Situasi
Per 28/11/2024 06:00 WIB · Cakupan: semua instansi

🗓️ Tahapan saat ini
• Penghitungan suara dan rekapitulasi hasil penghitungan suara
• Penyampaian hasil penghitungan TPS dari PPS ke PPK
• Rekapitulasi tingkat kecamatan (PPK)

🆕 Kejadian 24 jam terakhir: 3
Wilayah: Jakarta Selatan 2, Jakarta Barat 1
Kelompok: Gangguan keamanan dan ketertiban 1, Masalah penyelenggaraan 1, Pelanggaran pemilihan 1
Tingkat: Kritis 1, Tinggi 1, Sedang 1
Status: Baru 1, Diterima 1, Selesai 1

📂 Kejadian terbuka: 3
Wilayah: Depok 1, Jakarta Barat 1, Jakarta Selatan 1
Kelompok: Gangguan keamanan dan ketertiban 2, Pelanggaran pemilihan 1
Tingkat: Kritis 1, Tinggi 1, Rendah 1
Status: Baru 1, Diterima 1, Ditangani 1
Daftar:
• INS-20241127-2 · Bentrokan antarpendukung · Jakarta Barat · Kritis · Diterima · 27/11 20:00
• INS-20241127-1 · Politik uang · Jakarta Selatan · Tinggi · Baru · 27/11 10:00
• INS-20241125-1 · Unjuk rasa / pengerahan massa · Depok · Rendah · Ditangani · 25/11 09:00

⏰ Penerimaan terlambat: 2
• INS-20241125-1 · Polri · batas 25/11 13:00 (lewat 2 hari 17 jam)
• INS-20241127-1 · Bawaslu · batas 27/11 10:15 (lewat 19 jam 45 menit)

🤝 Rapat hari ini: 2
• 10:00 · Rakor evaluasi · Polda Metro Jaya
• 14:00 · Pleno <rekap>"""


async def test_daily_lapsit_to_the_command_posts_at_lapsit_time_with_exact_figures(sandbox, world, session_factory,
                                                                                 settings, clock):
    posko = await world.command_post()
    second = await world.command_post("Posko Kota Depok", language="en")
    agency_group = await world.group()
    await add_incidents(session_factory, DATASET)
    await add_meetings(session_factory)
    await _upkeep(sandbox, settings)  # 27 Nov 08:00: the next report is tomorrow morning's
    clock.set(wib(2024, 11, 28, 5, 59))
    await _upkeep(sandbox, settings)
    await sandbox.assert_no_message(posko)
    clock.set(wib(2024, 11, 28, 6))
    report = await sandbox.next_message(posko)
    assert report.text == EXPECTED_FULL
    assert "• 14:00 · Pleno &lt;rekap&gt;" in report.html
    english = await sandbox.next_message(second)
    assert english.text.startswith("📋 LAPSIT — Situation Report\nAs of 28/11/2024 06:00 WIB · Scope: all agencies")
    assert "🆕 Incidents in the past 24 hours: 3" in english.text and "Severity: Critical 1, High 1, Medium 1" in \
        english.text
    await sandbox.assert_no_message(agency_group)
    await _upkeep(sandbox, settings)  # runs every minute: the same day is never sent twice
    clock.set(wib(2024, 11, 28, 12))
    await sandbox.assert_no_message(posko)
    clock.set(wib(2024, 11, 29, 6))
    assert (await sandbox.next_message(posko)).text.startswith("📋 LAPSIT")
    await sandbox.assert_no_message(posko)


async def test_lapsit_time_setting_moves_the_report(sandbox, world, settings, clock):
    posko = await world.command_post()
    settings.lapsit_time = time(5, 30)
    await _upkeep(sandbox, settings)
    clock.set(wib(2024, 11, 28, 5, 29))
    await sandbox.assert_no_message(posko)
    clock.set(wib(2024, 11, 28, 5, 30))
    assert "Per 28/11/2024 05:30 WIB" in (await sandbox.next_message(posko)).text


async def test_empty_sections_say_nihil(sandbox, world, clock):
    admin = world.superadmin()
    clock.set(wib(2025, 1, 10, 6))  # between the stages, no incidents, no meetings
    await sandbox.say(admin, "/lapsit")
    text = (await sandbox.next_message(admin)).text
    sections = text.split("\n\n")[1:]
    assert [s.split("\n")[0] for s in sections] == [
        "🗓️ Tahapan saat ini", "🆕 Kejadian 24 jam terakhir: 0", "📂 Kejadian terbuka: 0",
        "⏰ Penerimaan terlambat: 0", "🤝 Rapat hari ini: 0"]
    assert all(s.split("\n")[1:] == ["Nihil."] for s in sections)


async def test_lapsit_on_demand_is_scoped_per_role(sandbox, world, session_factory, clock):
    await add_incidents(session_factory, DATASET)
    await add_meetings(session_factory)
    clock.set(wib(2024, 11, 28, 6))
    posko = await world.posko_staff(agency="POLRI")
    polri = await world.liaison(agency="POLRI")
    bawaslu = await world.agency_admin(agency="BAWASLU")
    kpu = await world.liaison(agency="KPU")
    member = await world.active_member()

    async def lapsit(person) -> str:
        await sandbox.say(person, "/lapsit")
        return (await sandbox.next_message(person)).text

    assert (await lapsit(posko)).replace("Cakupan: semua instansi", "") == EXPECTED_FULL.replace(
        "Cakupan: semua instansi", "")
    assert await lapsit(world.superadmin()) == EXPECTED_FULL
    text = await lapsit(polri)
    assert "Cakupan: Polri" in text and "🆕 Kejadian 24 jam terakhir: 2" in text and "📂 Kejadian terbuka: 3" in text
    assert "⏰ Penerimaan terlambat: 1\n• INS-20241125-1 · Polri" in text and "Bawaslu · batas" not in text
    assert "🤝 Rapat hari ini: 1\n• 10:00 · Rakor evaluasi" in text
    text = await lapsit(bawaslu)
    assert "Cakupan: Bawaslu" in text and "🆕 Kejadian 24 jam terakhir: 1\nWilayah: Jakarta Selatan 1" in text
    assert "⏰ Penerimaan terlambat: 1\n• INS-20241127-1 · Bawaslu" in text and "🤝 Rapat hari ini: 1\n• 14:00" in text
    text = await lapsit(kpu)
    assert "📂 Kejadian terbuka: 0\nNihil." in text and "⏰ Penerimaan terlambat: 0\nNihil." in text
    assert "Kelompok: Masalah penyelenggaraan 1" in text
    assert "tidak mengizinkan" in await lapsit(member)


async def test_lapsit_in_a_group_opens_in_private(sandbox, world):
    posko = await world.posko_staff()
    group = await world.command_post(members=[posko])
    await sandbox.say(posko, "/lapsit", chat=group)
    answer = await sandbox.next_message(group)
    assert answer.buttons == [[("Buka chat pribadi", "https://t.me/sinergi_test_bot?start=lapsit")]]
    await sandbox.say(posko, "/start lapsit")
    assert (await sandbox.next_message(posko)).text.startswith("📋 LAPSIT")
    member = await world.active_member()
    await sandbox.say(member, "/start lapsit")
    assert "tidak mengizinkan" in (await sandbox.next_message(member)).text


async def test_long_lapsit_is_split_on_line_boundaries(sandbox, world, session_factory, settings, clock):
    posko_group = await world.command_post()
    specs = [dict(number=f"INS-20241127-{n}", category="UNJUK_RASA", severity="sedang", status=IncidentStatus.NEW,
                  region="31.74.01", reported_at=wib(2024, 11, 27, 7, n % 60),
                  agencies={"POLRI": (CategoryRole.RESPONSIBLE, wib(2024, 11, 27, 8))}) for n in range(1, 121)]
    await add_incidents(session_factory, specs)
    clock.set(wib(2024, 11, 28, 5))
    await _upkeep(sandbox, settings)
    clock.set(wib(2024, 11, 28, 6))
    await sandbox.dispatch()
    parts = _taken(sandbox, posko_group)
    assert len(parts) >= 3 and all(len(p.text) <= MESSAGE_LIMIT for p in parts)
    lines = "\n".join(p.text for p in parts).split("\n")
    listed = [line for line in lines if line.startswith("• INS-")]
    assert len(listed) == 100 and "… dan 20 lainnya." in lines  # the figures count all 120
    assert "📂 Kejadian terbuka: 120" in lines
    assert all(p.text.split("\n")[0] in lines for p in parts[1:])  # every part starts with a whole line
    assert parts[-1].text.endswith("🤝 Rapat hari ini: 0\nNihil.")

    admin = world.superadmin()
    await sandbox.say(admin, "/lapsit")
    on_demand = _taken(sandbox, admin)
    assert len(on_demand) == len(parts) and [p.text for p in on_demand] == [p.text for p in parts]


async def test_a_group_no_longer_a_command_post_gets_no_full_report(sandbox, world, session_factory, settings, clock):
    posko = await world.command_post()
    await _upkeep(sandbox, settings)
    async with session_factory() as session, session.begin():
        record = await chats.get_chat(session, posko.id)
        record.is_command_post, record.agency_code = False, "POLRI"  # re-registered for an agency meanwhile
    clock.set(wib(2024, 11, 28, 6))
    await sandbox.assert_no_message(posko)
