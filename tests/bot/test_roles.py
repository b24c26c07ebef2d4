"""Roles granted and revoked by the right people only, each change audited and announced."""

from sqlmodel import select

from db.models import AuditEntry, Role, Stakeholder, Status


async def _record(session_factory, user):
    async with session_factory() as session:
        return await session.scalar(select(Stakeholder).where(Stakeholder.tg_user_id == user.id))


async def _card(sandbox, actor, target):
    await sandbox.say(actor, f"/peran {target.id}")
    return await sandbox.next_message(actor)


async def test_agency_admin_grants_and_revokes_liaison(sandbox, world, session_factory):
    admin = await world.agency_admin(name="Admin Polri")
    member = await world.active_member(name="Anggota Satu")
    card = await _card(sandbox, admin, member)
    assert "Anggota Satu" in card.text
    labels = [label for row in card.buttons for label, _ in row]
    assert "Jadikan Penghubung" in labels and "Jadikan Admin instansi" not in labels
    await sandbox.press(admin, card, "Jadikan Penghubung")
    assert sandbox.last_answer() == "Peran diubah."
    assert (await _record(session_factory, member)).role == Role.LIAISON
    told = await sandbox.next_message(member)
    assert "Penghubung" in told.text
    menu = [name for name, _ in sandbox.commands({"type": "chat", "chat_id": member.id})]
    assert "peran" not in menu
    await sandbox.say(member, "/bantuan")
    assert "/daftargrup" in (await sandbox.next_message(member)).text

    await sandbox.press(admin, card, "Jadikan Anggota")
    assert (await _record(session_factory, member)).role == Role.MEMBER
    async with session_factory() as session:
        entries = (await session.scalars(select(AuditEntry).where(AuditEntry.action == "role.changed")
                                         .order_by(AuditEntry.id))).all()
    assert [(e.detail["previous"], e.detail["role"], e.actor_tg_id) for e in entries] == [
        ("member", "liaison", admin.id), ("liaison", "member", admin.id)]


async def test_agency_admin_cannot_grant_admin_roles_or_touch_other_agencies(sandbox, world, session_factory):
    admin = await world.agency_admin()
    member = await world.active_member()
    tni_member = await world.active_member(agency="TNI")
    card = await _card(sandbox, admin, member)
    await sandbox.press_data(admin, card, f"role:set:{(await _record(session_factory, member)).id}:agency_admin")
    assert sandbox.last_answer() == "Hanya super admin yang dapat memberi atau mencabut peran ini."
    await sandbox.press_data(admin, card, f"role:set:{(await _record(session_factory, tni_member)).id}:liaison")
    assert sandbox.last_answer() == "Anda hanya dapat memutuskan untuk instansi Anda sendiri."
    await sandbox.press_data(admin, card, f"role:revoke:{(await _record(session_factory, member)).id}")
    assert "tidak mengizinkan" in sandbox.last_answer()
    assert (await _record(session_factory, member)).role == Role.MEMBER
    assert (await _record(session_factory, tni_member)).role == Role.MEMBER


async def test_members_and_liaisons_cannot_manage_roles(sandbox, world, session_factory):
    liaison = await world.liaison()
    member = await world.active_member()
    await sandbox.say(liaison, "/peran")
    assert "tidak mengizinkan" in (await sandbox.next_message(liaison)).text
    reply = await sandbox.say(member, "/start")
    own = await sandbox.next_message(member)
    await sandbox.press_data(member, own, f"role:set:{(await _record(session_factory, liaison)).id}:member")
    assert "tidak mengizinkan" in sandbox.last_answer()
    assert (await _record(session_factory, liaison)).role == Role.LIAISON
    assert reply.text == "/start"


async def test_superadmin_grants_every_role_and_revokes(sandbox, world, session_factory):
    superadmin = world.superadmin()
    member = await world.active_member(name="Calon Admin")
    card = await _card(sandbox, superadmin, member)
    for label, role in (("Jadikan Admin instansi", Role.AGENCY_ADMIN), ("Jadikan Staf posko", Role.POSKO),
                        ("Jadikan Penghubung", Role.LIAISON)):
        await sandbox.press(superadmin, card, label)
        assert (await _record(session_factory, member)).role == role
    await sandbox.press(superadmin, card, "🚫 Cabut akses")
    record = await _record(session_factory, member)
    assert record.status == Status.REVOKED
    messages = [m.text for m in [await sandbox.next_message(member) for _ in range(4)]]
    assert "dicabut" in messages[-1]
    await sandbox.say(member, "/profil")
    assert "dicabut" in (await sandbox.next_message(member)).text
    await sandbox.say(member, "/daftar")
    assert "Pilih instansi" in (await sandbox.next_message(member)).text  # revoked people may apply again


async def test_role_list_pages(sandbox, world):
    superadmin = world.superadmin()
    for i in range(11):
        await world.active_member(name=f"Orang {i:02d}")
    await sandbox.say(superadmin, "/peran")
    listing = await sandbox.next_message(superadmin)
    assert "11 orang" in listing.text
    assert listing.button("1/2") and listing.button("▶")
    await sandbox.press(superadmin, listing, "▶")
    assert listing.button("2/2") and listing.button("◀")
    await sandbox.press(superadmin, listing, listing.buttons[0][0][0])
    assert "Profil" in listing.text


async def test_menu_of_someone_who_never_opened_the_bot_is_skipped(sandbox, world, session_factory):
    from db.models import OutboxMessage, OutboxStatus

    superadmin = world.superadmin()
    silent = await world.active_member(name="Belum Pernah Chat", opened=False)
    sandbox.expect_rejection("sendMessage", "can't initiate")  # the role notice cannot reach them either
    card = await _card(sandbox, superadmin, silent)
    await sandbox.press(superadmin, card, "Jadikan Penghubung")
    await sandbox.dispatch()
    assert [c for c in sandbox.calls if c.method == "setMyCommands" and c.params.get("scope", {}).get("chat_id")
            == silent.id] == []
    async with session_factory() as session:
        menu = await session.scalar(select(OutboxMessage).where(OutboxMessage.kind == "menu",
                                                                OutboxMessage.chat_id == silent.id))
    assert menu.status == OutboxStatus.SKIPPED
    assert (await _record(session_factory, silent)).role == Role.LIAISON
