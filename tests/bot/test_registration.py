"""Registration with approval, end to end through the simulated Telegram."""

from sqlmodel import select

from db.models import AuditEntry, Stakeholder, Status


async def _register(sandbox, user, *, agency="Polri", path=("DKI Jakarta", "Jakarta Selatan"),
                    position="Kanit Reskrim Polsek Kebayoran Baru"):
    """Walk the dialogue to the confirmation step and send it."""
    await sandbox.say(user, "/daftar")
    prompt = await sandbox.next_message(user)
    assert "Pilih instansi" in prompt.text
    await sandbox.press(user, prompt, agency)
    for name in path:
        await sandbox.press(user, prompt, name)
    last = path[-1]
    if prompt.button(f"📍 Pilih: {last}"):
        await sandbox.press(user, prompt, f"📍 Pilih: {last}")
    assert "Ketik jabatan" in prompt.text
    await sandbox.say(user, position)
    confirm = await sandbox.next_message(user)
    assert "periksa data" in confirm.text
    await sandbox.press(user, confirm, "✅ Kirim")
    assert "Pendaftaran terkirim" in confirm.text
    return confirm


async def _person(session_factory, user):
    async with session_factory() as session:
        return await session.scalar(select(Stakeholder).where(Stakeholder.tg_user_id == user.id))


async def test_happy_path_approval(sandbox, world, session_factory):
    admin = await world.agency_admin(name="Admin Polri")
    superadmin = world.superadmin()
    other_admin = await world.agency_admin(name="Admin TNI", agency="TNI")
    applicant = sandbox.add_user("Rina", last_name="Wati", username="rina")
    await _register(sandbox, applicant)
    person = await _person(session_factory, applicant)
    assert person.status == Status.PENDING and person.region_code == "31.74" and person.agency_code == "POLRI"

    request = await sandbox.next_message(admin)
    assert "Permintaan pendaftaran" in request.text and "Rina Wati" in request.text
    assert "Kanit Reskrim" in request.text and "Jakarta Selatan, DKI Jakarta" in request.text
    copy = await sandbox.next_message(superadmin)
    await sandbox.assert_no_message(other_admin)

    await sandbox.press(admin, request, "✅ Setujui")
    assert sandbox.last_answer() == "Pendaftaran disetujui."
    told = await sandbox.next_message(applicant)
    assert "disetujui" in told.text
    await sandbox.dispatch()
    for message in (request, copy):
        assert "Disetujui oleh Admin Polri" in message.text
        assert message.buttons == []
    person = await _person(session_factory, applicant)
    assert person.status == Status.ACTIVE and person.decided_by == admin.id
    menu = sandbox.commands({"type": "chat", "chat_id": applicant.id})
    assert ("lapor" in [name for name, _ in menu]) or ("profil" in [name for name, _ in menu])
    async with session_factory() as session:
        actions = (await session.scalars(select(AuditEntry.action).order_by(AuditEntry.id))).all()
    assert actions == ["registration.applied", "registration.approved"]


async def test_rejection_and_reapplication(sandbox, world, session_factory):
    admin = await world.agency_admin()
    applicant = sandbox.add_user("Dodi")
    await _register(sandbox, applicant)
    first_request = await sandbox.next_message(admin)
    stale_approve = first_request.buttons[0][0][1]
    await sandbox.press(admin, first_request, "❌ Tolak")
    told = await sandbox.next_message(applicant)
    assert "ditolak" in told.text
    assert (await _person(session_factory, applicant)).status == Status.REJECTED

    await _register(sandbox, applicant, position="Bhabinkamtibmas")
    second_request = await sandbox.next_message(admin)
    assert "Bhabinkamtibmas" in second_request.text
    # the first request's buttons were removed; replaying their data now is stale
    await sandbox.press_data(admin, first_request, stale_approve)
    assert sandbox.last_answer() == "Permintaan ini sudah tidak berlaku (ada pendaftaran yang lebih baru)."
    await sandbox.press(admin, second_request, "✅ Setujui")
    assert (await _person(session_factory, applicant)).status == Status.ACTIVE
    assert (await _person(session_factory, applicant)).application_no == 2


async def test_admin_of_another_agency_cannot_approve(sandbox, world, session_factory):
    polri_admin = await world.agency_admin()
    tni_admin = await world.agency_admin(agency="TNI")
    applicant = sandbox.add_user("Eko")
    await _register(sandbox, applicant)
    request = await sandbox.next_message(polri_admin)
    data = request.buttons[0][0][1]
    await sandbox.say(tni_admin, "/start")
    own = await sandbox.next_message(tni_admin)
    await sandbox.press_data(tni_admin, own, data)
    assert sandbox.last_answer() == "Anda hanya dapat memutuskan untuk instansi Anda sendiri."
    assert (await _person(session_factory, applicant)).status == Status.PENDING


async def test_admin_who_never_opened_the_bot_does_not_break_the_flow(sandbox, world, session_factory):
    silent = await world.agency_admin(name="Admin Diam", opened=False)
    working = await world.agency_admin(name="Admin Aktif")
    superadmin = world.superadmin()
    sandbox.expect_rejection("sendMessage", "can't initiate")
    applicant = sandbox.add_user("Fajar")
    await _register(sandbox, applicant)
    request = await sandbox.next_message(working)
    await sandbox.next_message(superadmin)
    assert sandbox.bot_messages(silent) == []
    await sandbox.press(working, request, "✅ Setujui")
    assert "disetujui" in (await sandbox.next_message(applicant)).text
    silent_record = await _person(session_factory, silent)
    assert not silent_record.reachable


async def test_pending_applicant_is_told_to_wait(sandbox, world):
    applicant = sandbox.add_user("Gita")
    await world.agency_admin()
    await _register(sandbox, applicant)
    await sandbox.say(applicant, "/daftar")
    assert "menunggu persetujuan" in (await sandbox.next_message(applicant)).text
    await sandbox.say(applicant, "/profil")
    assert "menunggu persetujuan" in (await sandbox.next_message(applicant)).text


async def test_superadmin_needs_no_registration(sandbox, world):
    superadmin = world.superadmin()
    await sandbox.say(superadmin, "/daftar")
    assert "tidak perlu mendaftar" in (await sandbox.next_message(superadmin)).text
    await sandbox.say(superadmin, "/profil")
    assert "super admin" in (await sandbox.next_message(superadmin)).text


async def test_profile_shows_the_record(sandbox, world):
    member = await world.active_member(name="Hadi <b>", position="Kasat & Wakasat")
    await sandbox.say(member, "/profil")
    profile = await sandbox.next_message(member)
    assert "Hadi <b>" in profile.text and "Kasat & Wakasat" in profile.text
    assert "Anggota" in profile.text and "aktif" in profile.text
