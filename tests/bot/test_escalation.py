"""Escalation when a responsible agency does not acknowledge; likely duplicates; the /insiden detail view."""


from sqlmodel import select

from bot.sandbox import TINY_PNG
from db.models import Incident, IncidentEvent

KRITIS = "/lapor sabotase jaksel: gudang logistik dibobol"  # SABOTASE_LOGISTIK: Polri + KPU, kritis (5 minutes)


async def _kinds(session_factory, number="INS-20241127-1"):
    async with session_factory() as session:
        incident = await session.scalar(select(Incident).where(Incident.number == number))
        events = (await session.scalars(select(IncidentEvent).where(IncidentEvent.incident_id == incident.id)
                                        .order_by(IncidentEvent.id))).all()
    return [(e.kind, e.agency_code, e.detail.get("level")) for e in events]


async def test_escalation_reaches_command_post_then_superadmins_and_stops_after_ack(sandbox, world, session_factory,
                                                                                  clock):
    reporter = await world.active_member()
    kpu_member = await world.active_member(agency="KPU")
    polri = await world.group("Polri Jaksel", agency="POLRI")
    kpu = await world.group("KPU Jaksel", agency="KPU", members=[kpu_member])
    posko = await world.command_post()
    superadmin = world.superadmin()
    await sandbox.say(reporter, KRITIS)
    await sandbox.next_message(reporter)
    await sandbox.next_message(polri)
    kpu_alert = await sandbox.next_message(kpu)
    await sandbox.next_message(posko)
    clock.advance(minutes=4, seconds=59)
    await sandbox.assert_no_message(posko)
    await sandbox.press(kpu_member, kpu_alert, "✅ Terima")  # KPU acts in time; Polri does not
    clock.advance(seconds=1)
    escalation = await sandbox.next_message(posko)
    assert "Eskalasi 1" in escalation.text and "belum diterima oleh Polri" in escalation.text
    assert escalation.button("✅ Terima · Polri") and not escalation.button("✅ Terima · KPU")
    await sandbox.assert_no_message(posko)
    await sandbox.assert_no_message(superadmin)
    clock.advance(minutes=5)
    to_admin = await sandbox.next_message(superadmin)
    assert "Eskalasi 2" in to_admin.text and "10 menit" in to_admin.text
    await sandbox.press(superadmin, to_admin, "✅ Terima · Polri")
    clock.advance(hours=2)
    await sandbox.assert_no_message(posko)
    await sandbox.assert_no_message(superadmin)
    await sandbox.dispatch()
    assert "sudah ditindaklanjuti" in escalation.text and escalation.buttons == []
    kinds = await _kinds(session_factory)
    assert ("escalated", "POLRI", 1) in kinds and ("escalated", "POLRI", 2) in kinds
    assert not any(k == "escalated" and a == "KPU" for k, a, _ in kinds)


async def test_acknowledged_in_time_never_escalates(sandbox, world, clock):
    reporter = await world.active_member()
    polri_member = await world.active_member()
    kpu_member = await world.active_member(agency="KPU")
    polri = await world.group("Polri", agency="POLRI", members=[polri_member])
    kpu = await world.group("KPU", agency="KPU", members=[kpu_member])
    posko = await world.command_post()
    await sandbox.say(reporter, KRITIS)
    await sandbox.press(polri_member, await sandbox.next_message(polri), "✅ Terima")
    await sandbox.press(kpu_member, await sandbox.next_message(kpu), "✅ Terima")
    await sandbox.next_message(posko)
    clock.advance(hours=1)
    await sandbox.assert_no_message(posko)
    await sandbox.assert_no_message(world.superadmin())


async def test_escalation_survives_a_restart_and_fires_once(sandbox, world, session_factory, clock, db_url):
    reporter = await world.active_member()
    await world.group("Polri", agency="POLRI")
    posko = await world.command_post()
    await sandbox.say(reporter, "/lapor teror jaksel: paket mencurigakan")  # TERORISME, kritis, Polri only
    await sandbox.dispatch()
    await sandbox.next_message(posko)
    await sandbox.restart(db_url)
    clock.advance(minutes=5)
    escalation = await sandbox.next_message(posko)
    assert "Eskalasi 1" in escalation.text
    await sandbox.restart(db_url)
    clock.advance(minutes=1)
    await sandbox.assert_no_message(posko)
    assert [k for k in await _kinds(sandbox.session_factory) if k[0] == "escalated"] == [("escalated", "POLRI", 1)]


async def test_likely_duplicates_by_text_and_by_evidence_not_outside_the_window(sandbox, world, session_factory,
                                                                              clock):
    officer = await world.active_member()
    other = await world.active_member()
    polri = await world.group("Polri Jaksel", members=[officer, other])
    await sandbox.say(officer, "/lapor provokasi jaksel: massa berkumpul di depan kantor KPU Jakarta Selatan")
    await sandbox.dispatch()
    sandbox.take(polri)
    clock.advance(minutes=30)
    await sandbox.say(other, "/lapor provokasi kebayoran baru: massa berkumpul di depan kantor KPU")
    second = await sandbox.next_message(polri)
    assert "⚠️ Mungkin sama dengan INS-20241127-1" in second.text
    await sandbox.press(other, second, "🔁 Duplikat dari INS-20241127-1")
    async with session_factory() as session:
        marked = await session.scalar(select(Incident).where(Incident.number == "INS-20241127-2"))
    assert marked.status.value == "duplicate"

    photo = sandbox.add_file(TINY_PNG, kind="photo")
    group = await world.group("Grup warga", members=[officer], bot_admin=True)
    first_photo = await sandbox.say(officer, chat=group, photo=photo)
    await sandbox.say(officer, "/lapor hoaks jaksel: poster palsu jadwal pencoblosan", chat=group,
                      reply_to=first_photo)
    again = await sandbox.say(officer, chat=group, photo=photo)
    await sandbox.say(officer, "/lapor hoaks jaksel: selebaran yang sama sekali lain isinya", chat=group,
                      reply_to=again)
    await sandbox.dispatch()
    texts = [m.text for m in sandbox.bot_messages(polri) if "INS-20241127-4" in m.text]
    assert texts and "Mungkin sama dengan INS-20241127-3" in texts[0]

    clock.advance(minutes=121)
    await sandbox.say(other, "/lapor provokasi jaksel: massa berkumpul di depan kantor KPU Jakarta Selatan")
    await sandbox.dispatch()
    late = [m.text for m in sandbox.bot_messages(polri) if "INS-20241127-5" in m.text]
    assert late and "Mungkin sama" not in late[0]


async def test_unrelated_reports_are_not_flagged(sandbox, world):
    officer = await world.active_member()
    polri = await world.group("Polri Jaksel", members=[officer])
    await sandbox.say(officer, "/lapor provokasi jaksel: massa berkumpul di depan kantor KPU")
    await sandbox.say(officer, "/lapor provokasi jaksel: spanduk ajakan golput dipasang di jembatan")
    await sandbox.dispatch()
    assert all("Mungkin sama" not in m.text for m in sandbox.bot_messages(polri))


async def test_detail_for_allowed_people_and_not_found_for_others(sandbox, world, session_factory, clock):
    reporter = await world.active_member(name="Pelapor Satu")
    polri_liaison = await world.liaison(name="Penghubung Polri")
    kpu_liaison = await world.liaison(name="Penghubung KPU", agency="KPU")
    tni_liaison = await world.liaison(name="Penghubung TNI", agency="TNI")
    polri_member = await world.active_member(name="Anggota Polri")
    staff = await world.posko_staff()
    superadmin = world.superadmin()
    polri = await world.group("Polri", members=[polri_liaison])
    await sandbox.say(reporter, "/lapor")
    prompt = await sandbox.next_message(reporter)
    for label in ("Gangguan keamanan dan ketertiban", "Gangguan di TPS"):
        await sandbox.press(reporter, prompt, label)
    await sandbox.say(reporter, "jaksel")
    await sandbox.next_message(reporter)
    await sandbox.say(reporter, location=(-6.25, 106.8))
    await sandbox.next_message(reporter)
    await sandbox.next_message(reporter)
    await sandbox.say(reporter, "Keributan saat penghitungan suara")
    await sandbox.next_message(reporter)
    for _ in range(2):
        await sandbox.say(reporter, photo=sandbox.add_file(TINY_PNG, kind="photo"))
        ack = await sandbox.next_message(reporter)
    await sandbox.press(reporter, ack, "✅ Selesai (2)")
    await sandbox.press(reporter, ack, "Lanjut ▶")
    await sandbox.press(reporter, ack, "✅ Kirim")
    alert = await sandbox.next_message(polri)
    clock.advance(minutes=2)
    await sandbox.press(polri_liaison, alert, "✅ Terima")
    for viewer in (reporter, polri_liaison, kpu_liaison, staff, superadmin):
        before = len(sandbox.bot_messages(viewer))
        await sandbox.say(viewer, "/insiden INS-20241127-1")
        messages = sandbox.bot_messages(viewer)[before:]
        detail = messages[0]
        assert "Keributan saat penghitungan suara" in detail.text and "Riwayat" in detail.text
        assert detail.text.index("dilaporkan") < detail.text.index("diterima untuk Polri")
        assert messages[1].location is not None
        assert messages[2].media_group_id is not None and messages[3].media_group_id == messages[2].media_group_id
        names_visible = viewer in (reporter, polri_liaison, staff, superadmin)
        assert ("Pelapor Satu" in detail.text) == names_visible, viewer.first_name
    for outsider in (tni_liaison, polri_member):
        await sandbox.say(outsider, "/insiden INS-20241127-1")
        assert (await sandbox.next_message(outsider)).text == "Laporan tidak ditemukan."
    await sandbox.say(tni_liaison, "/insiden INS-20991231-9")
    assert (await sandbox.next_message(tni_liaison)).text == "Laporan tidak ditemukan."
