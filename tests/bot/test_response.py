"""Incident response from the alerts: per-agency acknowledgement, take, resolve, duplicate; alerts kept current."""

from sqlmodel import select

from db.models import Evidence, Incident, IncidentEvent, IncidentStatus

REPORT = "/lapor gangguan tps jaksel: kotak suara dibawa lari di TPS 012"  # GANGGUAN_TPS: Polri + KPU, tinggi


async def _setup(world, sandbox):
    polri_member = await world.active_member(name="Bripka Polri", agency="POLRI")
    kpu_liaison = await world.liaison(name="Penghubung KPU", agency="KPU")
    bawaslu_member = await world.active_member(name="Staf Bawaslu", agency="BAWASLU")
    tni_member = await world.active_member(name="Serda TNI", agency="TNI")
    reporter = await world.active_member(name="Pelapor", agency="POLRI")
    polri = await world.group("Polri Jaksel", agency="POLRI", members=[polri_member, tni_member, reporter])
    kpu = await world.group("KPU Jaksel", agency="KPU", members=[kpu_liaison])
    bawaslu = await world.group("Bawaslu Jaksel", agency="BAWASLU", members=[bawaslu_member])
    posko = await world.command_post()
    await sandbox.say(reporter, REPORT)
    await sandbox.next_message(reporter)
    people = {"polri": polri_member, "kpu": kpu_liaison, "bawaslu": bawaslu_member, "tni": tni_member,
              "reporter": reporter}
    chats = {"polri": polri, "kpu": kpu, "bawaslu": bawaslu, "posko": posko}
    alerts = {name: await sandbox.next_message(chat) for name, chat in chats.items()}
    return people, chats, alerts


async def _incident(session_factory, number="INS-20241127-1"):
    async with session_factory() as session:
        return await session.scalar(select(Incident).where(Incident.number == number))


async def _events(session_factory, incident_id):
    async with session_factory() as session:
        return (await session.scalars(select(IncidentEvent).where(IncidentEvent.incident_id == incident_id)
                                      .order_by(IncidentEvent.id))).all()


async def test_per_agency_acknowledgement_and_edited_alerts(sandbox, world, session_factory):
    people, chats, alerts = await _setup(world, sandbox)
    assert alerts["bawaslu"].text.startswith("ℹ️") and alerts["bawaslu"].buttons == []  # informed: a notice
    await sandbox.press(people["polri"], alerts["polri"], "✅ Terima")
    assert sandbox.last_answer() == "Diterima untuk Polri."
    assert (await _incident(session_factory)).status == IncidentStatus.NEW  # KPU has not acknowledged yet
    await sandbox.dispatch()
    for name in ("polri", "kpu", "posko", "bawaslu"):
        assert "✅ Polri: diterima oleh Bripka Polri" in alerts[name].text, name
        assert "⏳ KPU: belum diterima" in alerts[name].text, name
    assert not alerts["polri"].button("✅ Terima") and alerts["kpu"].button("✅ Terima")
    await sandbox.press(people["kpu"], alerts["kpu"], "✅ Terima")
    assert (await _incident(session_factory)).status == IncidentStatus.ACKNOWLEDGED
    await sandbox.dispatch()
    assert "✅ KPU: diterima oleh Penghubung KPU" in alerts["posko"].text
    assert not any(label.startswith("✅ Terima") for row in alerts["posko"].buttons for label, _ in row)
    assert sandbox.count("editMessageText", chat_id=chats["bawaslu"].id) >= 2  # notices are kept current too


async def test_take_and_resolve_in_a_group_with_force_reply(sandbox, world, session_factory):
    people, chats, alerts = await _setup(world, sandbox)
    await sandbox.press(people["kpu"], alerts["kpu"], "🛠 Tangani")
    assert sandbox.last_answer() == "Anda menangani INS-20241127-1."
    incident = await _incident(session_factory)
    assert incident.status == IncidentStatus.IN_PROGRESS and incident.taken_by_label == "Penghubung KPU"
    await sandbox.press(people["polri"], alerts["polri"], "🛠 Tangani")
    assert sandbox.last_answer() == "Laporan ini sudah ditangani oleh Penghubung KPU."
    await sandbox.press(people["polri"], alerts["polri"], "🏁 Selesai")
    ask = await sandbox.next_message(chats["polri"])
    assert ask.reply_markup["force_reply"] is True
    await sandbox.say(people["polri"], "Kotak suara ditemukan utuh, pelaku diamankan.", chat=chats["polri"],
                      reply_to=ask)
    assert "ditandai selesai" in (await sandbox.next_message(chats["polri"])).text
    await sandbox.dispatch()
    for name in ("polri", "kpu", "posko"):
        assert "🏁 Selesai" in alerts[name].text and "pelaku diamankan" in alerts[name].text
        assert alerts[name].buttons == []
    events = await _events(session_factory, incident.id)
    assert [e.kind for e in events] == ["created", "taken", "acknowledged", "resolved"]
    assert events[-1].note == "Kotak suara ditemukan utuh, pelaku diamankan."


async def test_uninvolved_inactive_and_forged_presses_change_nothing(sandbox, world, session_factory):
    people, chats, alerts = await _setup(world, sandbox)
    await sandbox.press(people["tni"], alerts["polri"], "🛠 Tangani")
    assert sandbox.last_answer() == "Instansi Anda tidak bertanggung jawab atas laporan ini."
    await sandbox.press(people["tni"], alerts["polri"], "✅ Terima")
    assert sandbox.last_answer() == "Instansi Anda tidak bertanggung jawab atas laporan ini."
    stranger = sandbox.add_user("Bukan anggota")
    sandbox.set_member(chats["polri"], stranger, "member")  # in the group, but not registered with the bot
    await sandbox.press(stranger, alerts["polri"], "✅ Terima")
    assert "belum terdaftar" in sandbox.last_answer()
    incident = await _incident(session_factory)
    await sandbox.press_data(people["kpu"], alerts["kpu"], f"act:ack:{incident.id}:POLRI")
    assert sandbox.last_answer() == "Anda hanya dapat menerima untuk instansi Anda sendiri."
    await sandbox.press_data(people["polri"], alerts["polri"], f"act:ack:{incident.id}:TNI")
    assert sandbox.last_answer() == "Instansi itu tidak bertanggung jawab atas laporan ini."
    await sandbox.press_data(people["polri"], alerts["polri"], "act:take:99999")
    assert sandbox.last_answer() == "Laporan tidak ditemukan."
    await sandbox.press_data(people["polri"], alerts["polri"], "act:take:abc")
    assert sandbox.last_answer() == "Laporan tidak ditemukan."
    assert [e.kind for e in await _events(session_factory, incident.id)] == ["created"]
    incident = await _incident(session_factory)
    assert incident.status == IncidentStatus.NEW and incident.taken_by_tg_id is None


async def test_command_post_staff_and_superadmin_act_for_any_agency(sandbox, world, session_factory):
    staff = await world.posko_staff(name="Staf Posko")
    _people, chats, alerts = await _setup(world, sandbox)
    for person in (staff, world.superadmin()):
        sandbox.set_member(chats["posko"], person, "member")
    await sandbox.press(staff, alerts["posko"], "✅ Terima · KPU")
    assert sandbox.last_answer() == "Diterima untuk KPU."
    superadmin = world.superadmin()
    await sandbox.press(superadmin, alerts["posko"], "✅ Terima · Polri")
    incident = await _incident(session_factory)
    assert incident.status == IncidentStatus.ACKNOWLEDGED
    events = await _events(session_factory, incident.id)
    assert [(e.kind, e.agency_code, e.detail.get("on_behalf")) for e in events[1:]] == [
        ("acknowledged", "KPU", True), ("acknowledged", "POLRI", True)]
    await sandbox.say(staff, "/insiden INS-20241127-1")
    detail = await sandbox.next_message(staff)
    assert "diterima untuk KPU oleh Staf Posko (posko)" in detail.text


async def test_duplicate_links_to_the_original_which_gains_the_evidence(sandbox, world, session_factory):
    people, chats, _alerts = await _setup(world, sandbox)
    from bot.sandbox import TINY_PNG

    photo = sandbox.add_file(TINY_PNG, kind="photo")
    shared = await sandbox.say(people["reporter"], photo=photo, caption="foto kotak suara", chat=chats["polri"])
    await sandbox.say(people["reporter"], "/lapor sabotase jaksel: kotak suara TPS 012 hilang", chat=chats["polri"],
                      reply_to=shared)
    await sandbox.next_message(chats["polri"])
    second_alert = await sandbox.next_message(chats["polri"])
    assert "INS-20241127-2" in second_alert.text
    await sandbox.press(people["polri"], second_alert, "🔁 Duplikat")
    ask = await sandbox.next_message(chats["polri"])
    await sandbox.say(people["polri"], "INS-20241127-99", chat=chats["polri"], reply_to=ask)
    assert "INS-20241127-99 tidak ditemukan" in (await sandbox.next_message(chats["polri"])).text
    await sandbox.say(people["polri"], "ins-20241127-1", chat=chats["polri"], reply_to=ask)
    assert "duplikat dari INS-20241127-1" in (await sandbox.next_message(chats["polri"])).text
    original = await _incident(session_factory)
    duplicate = await _incident(session_factory, "INS-20241127-2")
    assert duplicate.status == IncidentStatus.DUPLICATE and duplicate.duplicate_of_id == original.id
    async with session_factory() as session:
        copied = (await session.scalars(select(Evidence).where(Evidence.incident_id == original.id))).all()
    assert len(copied) == 1 and copied[0].copied_from_id is not None
    assert [e.kind for e in await _events(session_factory, original.id)][-1] == "duplicate_merged"
    await sandbox.dispatch()
    assert "🔁 Duplikat dari INS-20241127-1" in second_alert.text and second_alert.buttons == []


async def test_an_agency_admin_acts_for_their_agency_only(sandbox, world, session_factory):
    _people, chats, alerts = await _setup(world, sandbox)
    admin = await world.agency_admin(name="Admin KPU", agency="KPU")
    sandbox.set_member(chats["kpu"], admin, "member")
    await sandbox.press(admin, alerts["kpu"], "✅ Terima")
    assert sandbox.last_answer() == "Diterima untuk KPU."
    incident = await _incident(session_factory)
    await sandbox.press_data(admin, alerts["kpu"], f"act:ack:{incident.id}:POLRI")
    assert sandbox.last_answer() == "Anda hanya dapat menerima untuk instansi Anda sendiri."
    await sandbox.press(admin, alerts["kpu"], "🔁 Duplikat")
    ask = await sandbox.next_message(chats["kpu"])
    assert "duplikat dari laporan mana" in ask.text and ask.reply_markup["force_reply"] is True
    events = await _events(session_factory, incident.id)
    assert [(e.kind, e.agency_code, e.actor_label) for e in events[1:]] == [("acknowledged", "KPU", "Admin KPU")]
