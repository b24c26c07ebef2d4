"""The guided report in the private chat: photo, location, back and cancel, restart in the middle."""

import hashlib

from sqlmodel import select

from bot.sandbox import TINY_PNG
from db.models import Evidence, Incident, IncidentEvent, IncidentStatus


async def _incidents(session_factory):
    async with session_factory() as session:
        return (await session.scalars(select(Incident).order_by(Incident.id))).all()


async def test_guided_report_with_photo_and_location(sandbox, world, session_factory):
    officer = await world.active_member(name="Bripka Sari", position="Bhabinkamtibmas")
    group = await world.group("Polres Jaksel")
    await sandbox.say(officer, "/lapor")
    prompt = await sandbox.next_message(officer)
    assert "(1/7)" in prompt.text
    await sandbox.press(officer, prompt, "Gangguan keamanan dan ketertiban")
    assert "(2/7)" in prompt.text
    await sandbox.press(officer, prompt, "Provokasi / hasutan")
    assert "(3/7)" in prompt.text
    await sandbox.say(officer, "cipete utara")
    place = await sandbox.next_message(officer)
    assert "(4/7)" in place.text and "Cipete Utara" in place.text
    assert place.reply_markup["keyboard"][0][0]["request_location"] is True
    await sandbox.say(officer, location=(-6.2745, 106.8023))
    assert "Lokasi diterima" in (await sandbox.next_message(officer)).text
    ask = await sandbox.next_message(officer)
    assert "(5/7)" in ask.text
    await sandbox.say(officer, "Sekelompok orang membagikan selebaran provokatif di depan TPS 012.")
    ask = await sandbox.next_message(officer)
    assert "(6/7)" in ask.text
    photo = sandbox.add_file(TINY_PNG, kind="photo")
    await sandbox.say(officer, photo=photo, caption="foto selebaran")
    ack = await sandbox.next_message(officer)
    assert "1/10" in ack.text
    await sandbox.press(officer, ack, "✅ Selesai (1)")
    assert "(7/7)" in ack.text and ack.button("✓ Tinggi")
    await sandbox.press(officer, ack, "Kritis")
    assert ack.button("✓ Kritis")
    await sandbox.press(officer, ack, "Lanjut ▶")
    assert "Ringkasan laporan" in ack.text and "Cipete Utara" in ack.text and "Bripka Sari" in ack.text
    await sandbox.press(officer, ack, "✅ Kirim")
    assert "sudah tercatat" in ack.text
    (incident,) = await _incidents(session_factory)
    assert incident.status == IncidentStatus.NEW and incident.number == "INS-20241127-1"
    assert (incident.category_code, incident.severity_code, incident.region_code) == (
        "PROVOKASI_HASUTAN", "kritis", "31.74.07.1010")
    assert (round(incident.latitude, 4), round(incident.longitude, 4)) == (-6.2745, 106.8023)
    async with session_factory() as session:
        (item,) = (await session.scalars(select(Evidence))).all()
        events = (await session.scalars(select(IncidentEvent))).all()
    assert item.sha256 == hashlib.sha256(TINY_PNG).hexdigest() and item.text == "foto selebaran"
    assert [e.kind for e in events] == ["created"]
    alert = await sandbox.next_message(group)
    assert "INS-20241127-1" in alert.text and "Kritis" in alert.text
    assert "Bripka Sari" not in alert.text and "Bhabinkamtibmas" in alert.text


async def test_back_and_cancel(sandbox, world, session_factory):
    officer = await world.active_member()
    await sandbox.say(officer, "/lapor")
    prompt = await sandbox.next_message(officer)
    await sandbox.press(officer, prompt, "Pelanggaran pemilihan")
    await sandbox.press(officer, prompt, "◀ Kembali")
    assert "(1/7)" in prompt.text
    await sandbox.press(officer, prompt, "Pelanggaran pemilihan")
    await sandbox.press(officer, prompt, "Politik uang")
    await sandbox.press(officer, prompt, "DKI Jakarta")
    await sandbox.press(officer, prompt, "◀ Kembali")  # up from DKI Jakarta to the provinces
    await sandbox.press(officer, prompt, "◀ Kembali")  # back to the categories
    assert "(2/7)" in prompt.text
    await sandbox.press(officer, prompt, "Politik uang")
    await sandbox.say(officer, "Tangsel")
    place = await sandbox.next_message(officer)
    await sandbox.say(officer, "◀ Kembali")
    await sandbox.next_message(officer)
    assert "(3/7)" in (await sandbox.next_message(officer)).text
    await sandbox.say(officer, "/batal")
    assert "Dibatalkan" in (await sandbox.next_message(officer)).text
    assert await _incidents(session_factory) == []
    assert place.reply_markup is not None


async def test_report_survives_a_restart_in_the_middle(sandbox, world, session_factory, db_url):
    officer = await world.active_member()
    group = await world.group()
    await sandbox.say(officer, "/lapor")
    prompt = await sandbox.next_message(officer)
    await sandbox.press(officer, prompt, "Gangguan keamanan dan ketertiban")
    await sandbox.press(officer, prompt, "Hoaks / disinformasi")
    await sandbox.say(officer, "Jaksel")
    await sandbox.next_message(officer)
    await sandbox.say(officer, "Jl. Wolter Monginsidi")
    await sandbox.next_message(officer)
    await sandbox.next_message(officer)
    await sandbox.restart(db_url)  # the first process dies without shutdown; no persistence file
    await sandbox.say(officer, "Beredar pesan berantai palsu tentang perubahan lokasi TPS.")
    ask = await sandbox.next_message(officer)
    assert "(6/7)" in ask.text
    await sandbox.press(officer, ask, "✅ Selesai (0)")
    await sandbox.press(officer, ask, "Lanjut ▶")
    await sandbox.press(officer, ask, "✅ Kirim")
    (incident,) = await _incidents(sandbox.session_factory)
    assert incident.status == IncidentStatus.NEW and incident.place_text == "Jl. Wolter Monginsidi"
    assert "Beredar pesan" in (await sandbox.next_message(group)).text


async def test_lapor_with_a_draft_open_offers_to_continue_or_discard(sandbox, world, session_factory):
    officer = await world.active_member()
    await sandbox.say(officer, "/lapor")
    prompt = await sandbox.next_message(officer)
    await sandbox.press(officer, prompt, "Masalah penyelenggaraan")
    await sandbox.say(officer, "/lapor")
    offer = await sandbox.next_message(officer)
    assert "belum selesai" in offer.text
    await sandbox.press(officer, offer, "▶ Lanjutkan")
    assert "(2/7)" in offer.text
    await sandbox.say(officer, "/lapor")
    offer = await sandbox.next_message(officer)
    await sandbox.press(officer, offer, "🗑 Buang, mulai baru")
    assert "(1/7)" in offer.text
    drafts = await _incidents(session_factory)
    assert len(drafts) == 1 and drafts[0].draft_step == "group"
