"""One-line reports in groups and private chats; replies that turn a message into evidence."""

import hashlib
from datetime import UTC, datetime

import pytest
from sqlmodel import select

from bot.sandbox import TINY_PNG
from db.models import Evidence, EvidenceKind, Incident, IncidentStatus

PHRASINGS = [
    ("provokasi Jaksel: massa berkumpul di depan kantor KPU", "PROVOKASI_HASUTAN", "31.74"),
    ("hoaks Tangsel: pesan berantai soal TPS pindah", "HOAKS_DISINFORMASI", "36.74"),
    ("politik uang Kab Bekasi: bagi amplop di masjid", "POLITIK_UANG", "32.16"),
    ("Politik Uang Jakarta Selatan: serangan fajar", "POLITIK_UANG", "31.74"),
    ("HOAX jakarta selatan: video lama diedarkan ulang", "HOAKS_DISINFORMASI", "31.74"),
    ("provokasii jaksel: ajakan ricuh di grup WA", "PROVOKASI_HASUTAN", "31.74"),
    ("PROVOKASI_HASUTAN 31.74: dengan kode", "PROVOKASI_HASUTAN", "31.74"),
    ("demo Depok: massa di depan KPU Depok", "UNJUK_RASA", "32.76"),
    ("bentrok kota tangerang: dua kelompok pendukung", "BENTROKAN", "36.71"),
    ("teror Jakpus: ancaman bom lewat telepon", "TERORISME", "31.71"),
    ("ujaran kebencian Cipete Utara: spanduk bernada SARA", "UJARAN_KEBENCIAN_SARA", "31.74.07.1010"),
    ("logistik Pulau Tidung: kapal logistik tertunda", "LOGISTIK", "31.01.02.1002"),
    ("Tawuran Jaktim: pelajar bawa senjata tajam", "BENTROKAN", "31.75"),
    ("hoaks Kabupaten Tangerang: hasil hitung palsu", "HOAKS_DISINFORMASI", "36.03"),
    ("provokasi Jakarta Selatn: salah ketik wilayah", "PROVOKASI_HASUTAN", "31.74"),
    ("Intimidasi jakut: saksi diancam", "ANCAMAN_INTIMIDASI", "31.72"),
    ("netralitas asn Kota Bekasi: camat ikut kampanye", "NETRALITAS_ASN", "32.75"),
    ("Pelanggaran Kampanye Tangsel: APK di pohon", "PELANGGARAN_KAMPANYE", "36.74"),
    ("rusuh Kepulauan Seribu: keributan di dermaga", "KERUSUHAN", "31.01"),
    ("hoaks DKI: kabar pemilu diundur", "HOAKS_DISINFORMASI", "31"),
    ("provokasi Jawa Barat: seruan boikot", "PROVOKASI_HASUTAN", "32"),
    ("hoaks Gambir: poster palsu", "HOAKS_DISINFORMASI", "31.71.01"),
    ("Unjuk Rasa Kab. Tangerang: aksi di kantor bupati", "UNJUK_RASA", "36.03"),
    ("politik uang tangkot: pembagian sembako", "POLITIK_UANG", "36.71"),
]


async def test_one_line_phrasings_are_matched(sandbox, world, session_factory):
    for text, category, region in PHRASINGS:
        officer = await world.active_member()  # one reporter each: the hourly rate limit is not under test here
        await sandbox.say(officer, f"/lapor {text}")
        reply = await sandbox.next_message(officer)
        assert "sudah tercatat" in reply.text, (text, reply.text)
        async with session_factory() as session:
            incident = await session.scalar(select(Incident).where(Incident.reporter_tg_id == officer.id))
        assert (incident.category_code, incident.region_code) == (category, region), text
        assert incident.description == text.split(":", 1)[1].strip()


async def test_one_line_in_a_group_stores_first_then_answers_short(sandbox, world, session_factory):
    officer = await world.active_member(name="Aiptu Budi")
    group = await world.group("Polres Jaksel", members=[officer])
    await sandbox.say(officer, "/lapor provokasi Jaksel: massa berkumpul di depan kantor KPU", chat=group)
    reply = await sandbox.next_message(group)
    assert "INS-20241127-1" in reply.text and "Provokasi" in reply.text and "Aiptu Budi" not in reply.text
    alert = await sandbox.next_message(group)  # the group is registered for POLRI in Jakarta Selatan
    assert "massa berkumpul" in alert.text
    async with session_factory() as session:
        incident = await session.scalar(select(Incident))
    assert incident.source_chat_id == group.id and incident.source_message_id is not None


async def test_unmatched_category_is_answered_with_buttons_for_the_reporter_only(sandbox, world, session_factory):
    officer = await world.active_member()
    other = await world.active_member()
    group = await world.group(members=[officer, other])
    await sandbox.say(officer, "/lapor xyzabc Jaksel: ada kejadian aneh", chat=group)
    prompt = await sandbox.next_message(group)
    assert "belum dikenali" in prompt.text and '"xyzabc"' in prompt.text and "Jakarta Selatan" in prompt.text
    assert prompt.button("📝 Lengkapi di chat pribadi")["url"].startswith("https://t.me/sinergi_test_bot?start=lapor_")
    await sandbox.press(other, prompt, "Gangguan keamanan dan ketertiban")
    assert sandbox.last_answer() == "Tombol ini hanya untuk orang yang memulai percakapan ini."
    await sandbox.press(officer, prompt, "Gangguan keamanan dan ketertiban")
    await sandbox.press(officer, prompt, "Gangguan kamtibmas lainnya")
    assert "INS-20241127-1" in prompt.text
    async with session_factory() as session:
        incident = await session.scalar(select(Incident))
    assert incident.status == IncidentStatus.NEW and incident.category_code == "KAMTIBMAS_LAIN"


async def test_ambiguous_and_unknown_regions_get_buttons(sandbox, world, session_factory):
    officer = await world.active_member()
    group = await world.group(members=[officer])
    await sandbox.say(officer, "/lapor provokasi cipayung: selebaran gelap", chat=group)
    prompt = await sandbox.next_message(group)
    labels = [label for row in prompt.buttons for label, _ in row]
    assert any("Jakarta Timur" in label for label in labels) and any("Depok" in label for label in labels)
    choice = next(label for label in labels if label.startswith("Cipayung, Depok"))
    await sandbox.press(officer, prompt, choice)
    assert "INS-" in prompt.text
    await sandbox.say(officer, "/lapor hoaks atlantis: kabar aneh", chat=group)
    prompt = await sandbox.next_message(group)
    assert '"atlantis"' in prompt.text and prompt.button("DKI Jakarta")
    await sandbox.press(officer, prompt, "Banten")
    await sandbox.press(officer, prompt, "📍 Pilih: Banten")
    async with session_factory() as session:
        rows = (await session.scalars(select(Incident).order_by(Incident.id))).all()
    assert [r.region_code for r in rows] == ["32.76.07", "36"]


async def test_missing_description_is_asked_with_force_reply(sandbox, world, session_factory):
    officer = await world.active_member()
    group = await world.group(members=[officer])
    await sandbox.say(officer, "/lapor provokasi jaksel", chat=group)
    await sandbox.next_message(group)
    ask = await sandbox.next_message(group)
    assert ask.reply_markup["force_reply"] is True
    await sandbox.say(officer, "Orasi provokatif di depan kantor kelurahan", chat=group, reply_to=ask)
    saved = await sandbox.next_message(group)
    assert "INS-20241127-1" in saved.text
    async with session_factory() as session:
        incident = await session.scalar(select(Incident))
    assert incident.description == "Orasi provokatif di depan kantor kelurahan"


async def test_finish_in_private_by_deep_link(sandbox, world, session_factory):
    officer = await world.active_member()
    group = await world.group(members=[officer])
    await sandbox.say(officer, "/lapor sesuatu jaksel: uraian jelas", chat=group)
    prompt = await sandbox.next_message(group)
    payload = prompt.button("📝 Lengkapi di chat pribadi")["url"].split("start=")[1]
    await sandbox.say(officer, f"/start {payload}")
    step = await sandbox.next_message(officer)
    assert "(1/7)" in step.text
    await sandbox.press(officer, step, "Pelanggaran pemilihan")
    await sandbox.press(officer, step, "Politik uang")
    assert "(6/7)" in step.text  # region, place-less and description were known: on to evidence
    await sandbox.press(officer, step, "✅ Selesai (0)")
    await sandbox.press(officer, step, "Lanjut ▶")
    await sandbox.press(officer, step, "✅ Kirim")
    async with session_factory() as session:
        incident = await session.scalar(select(Incident))
    assert incident.status == IncidentStatus.NEW and incident.category_code == "POLITIK_UANG"
    assert incident.description == "uraian jelas"


async def test_reports_from_unregistered_groups_are_refused(sandbox, world, session_factory):
    officer = await world.active_member()
    group = await world.group(registered=False, members=[officer])
    await sandbox.say(officer, "/lapor provokasi jaksel: ada massa", chat=group)
    assert "belum terdaftar" in (await sandbox.next_message(group)).text
    async with session_factory() as session:
        assert (await session.scalars(select(Incident))).all() == []


async def test_reply_to_a_forwarded_message_keeps_origin_and_date(sandbox, world, session_factory):
    officer = await world.active_member()
    group = await world.group(members=[officer])
    channel = sandbox.add_channel("Kabar Pilkada Hari Ini")
    forwarded_at = datetime(2024, 11, 26, 21, 15, tzinfo=UTC)
    hoax = await sandbox.say(officer, "TPS 012 dipindah ke balai warga!", chat=group, forward_from=channel,
                             forward_date=forwarded_at)
    await sandbox.say(officer, "/lapor hoaks jaksel: pesan ini beredar di grup warga", chat=group, reply_to=hoax)
    assert "INS-" in (await sandbox.next_message(group)).text
    async with session_factory() as session:
        (item,) = (await session.scalars(select(Evidence))).all()
    assert item.kind == EvidenceKind.TEXT and item.text == "TPS 012 dipindah ke balai warga!"
    assert (item.forward_origin_type, item.forward_origin_name) == ("channel", "Kabar Pilkada Hari Ini")
    assert item.forward_origin_id == channel.id and item.forward_date == forwarded_at


async def test_reply_to_a_photo_hashes_the_bytes_served(sandbox, world, session_factory):
    officer = await world.active_member()
    sender = sandbox.add_user("Warga")
    group = await world.group(members=[officer, sender], bot_admin=True)
    photo = sandbox.add_file(TINY_PNG, kind="photo")
    shared = await sandbox.say(sender, chat=group, photo=photo, caption="spanduk provokatif", forward_from=sender)
    await sandbox.say(officer, "/lapor provokasi jaksel: spanduk di jembatan", chat=group, reply_to=shared)
    await sandbox.next_message(group)
    async with session_factory() as session:
        (item,) = (await session.scalars(select(Evidence))).all()
    assert item.kind == EvidenceKind.PHOTO and item.sha256 == hashlib.sha256(photo.content()).hexdigest()
    assert item.text == "spanduk provokatif" and item.forward_origin_type == "user"


async def test_big_files_are_recorded_without_hash(sandbox, world, session_factory):
    officer = await world.active_member()
    group = await world.group(members=[officer], bot_admin=True)
    video = sandbox.add_file(size=40 * 1024 * 1024, kind="document", mime_type="video/mp4", file_name="rekaman.mp4")
    shared = await sandbox.say(officer, chat=group, document=video)
    await sandbox.say(officer, "/lapor kerusuhan jaksel: rekaman kejadian", chat=group, reply_to=shared)
    await sandbox.next_message(group)
    async with session_factory() as session:
        (item,) = (await session.scalars(select(Evidence))).all()
    assert item.sha256 is None and "too big" in item.hash_note and item.file_size == 40 * 1024 * 1024


@pytest.mark.parametrize("limit", [3])
async def test_rate_limit_and_length_limits(sandbox, world, session_factory, settings, limit):
    settings.report_rate_limit = limit
    officer = await world.active_member()
    for i in range(limit):
        await sandbox.say(officer, f"/lapor hoaks jaksel: laporan {i}")
        assert "tercatat" in (await sandbox.next_message(officer)).text
    await sandbox.say(officer, "/lapor hoaks jaksel: satu lagi")
    assert "dalam satu jam terakhir" in (await sandbox.next_message(officer)).text
    other = await world.active_member()
    await sandbox.say(other, "/lapor hoaks jaksel: " + "x" * 3001)
    assert "terlalu panjang (3001 karakter, maks. 3000)" in (await sandbox.next_message(other)).text
    async with session_factory() as session:
        rows = (await session.scalars(select(Incident))).all()
    assert len(rows) == limit


async def test_not_yet_active_reporters_are_refused(sandbox, world):
    stranger = sandbox.add_user("Tamu")
    await sandbox.say(stranger, "/lapor hoaks jaksel: ada hoaks")
    reply = await sandbox.next_message(stranger)
    assert "belum terdaftar" in reply.text and "/daftar" in reply.text
