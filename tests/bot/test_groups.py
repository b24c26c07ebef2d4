"""Group registration, the bot's membership, supergroup migration."""

from sqlmodel import select

from db import chats
from db.models import AuditEntry


async def _chat(session_factory, chat_id):
    async with session_factory() as session:
        return await chats.get_chat(session, chat_id)


async def test_liaison_who_is_group_admin_registers_the_group(sandbox, world, session_factory):
    liaison = await world.liaison(name="Penghubung Polri")
    bystander = await world.liaison(name="Penghubung Lain")
    group = await world.group("Polres Metro Jaksel", registered=False, admins=[liaison], members=[bystander])
    await sandbox.say(liaison, "/daftargrup", chat=group)
    prompt = await sandbox.next_message(group)
    assert "Pendaftaran grup" in prompt.text and "Polri" in prompt.text
    await sandbox.press(bystander, prompt, "DKI Jakarta")
    assert sandbox.last_answer() == "Tombol ini hanya untuk orang yang memulai percakapan ini."
    await sandbox.press(liaison, prompt, "DKI Jakarta")
    await sandbox.press(liaison, prompt, "Jakarta Selatan")
    await sandbox.press(liaison, prompt, "📍 Pilih: Jakarta Selatan")
    assert "Daftarkan grup ini?" in prompt.text
    await sandbox.press(liaison, prompt, "✅ Kirim")
    assert "Grup terdaftar" in prompt.text and "Jakarta Selatan" in prompt.text
    record = await _chat(session_factory, group.id)
    assert (record.agency_code, record.region_code, record.active) == ("POLRI", "31.74", True)
    assert record.registered_by == liaison.id
    await sandbox.say(bystander, "/grup", chat=group)
    info = await sandbox.next_message(group)
    assert "Polri" in info.text and "Penghubung Polri" in info.text and "aktif" in info.text
    async with session_factory() as session:
        audit = await session.scalar(select(AuditEntry).where(AuditEntry.action == "group.registered"))
    assert audit.subject == f"chat:{group.id}" and audit.detail["agency"] == "POLRI"


async def test_non_admin_of_the_group_is_refused(sandbox, world, session_factory):
    liaison = await world.liaison()
    group = await world.group(registered=False, members=[liaison])
    await sandbox.say(liaison, "/daftargrup", chat=group)
    assert "Hanya admin grup Telegram" in (await sandbox.next_message(group)).text
    assert (await _chat(session_factory, group.id)).region_code is None


async def test_member_who_is_not_liaison_is_refused(sandbox, world, session_factory):
    member = await world.active_member()
    group = await world.group(registered=False, admins=[member])
    await sandbox.say(member, "/daftargrup", chat=group)
    assert "Peran Anda tidak mengizinkan" in (await sandbox.next_message(group)).text


async def test_registering_for_another_agency_is_refused(sandbox, world, session_factory):
    liaison = await world.liaison()
    group = await world.group(registered=False, admins=[liaison])
    await sandbox.say(liaison, "/daftargrup", chat=group)
    prompt = await sandbox.next_message(group)
    await sandbox.press_data(liaison, prompt, "grp:ag:TNI")
    assert sandbox.last_answer() == "Anda hanya dapat mendaftarkan grup untuk instansi Anda sendiri."
    await sandbox.press_data(liaison, prompt, "grp:cp")
    assert sandbox.last_answer() == "Anda hanya dapat mendaftarkan grup untuk instansi Anda sendiri."
    assert (await _chat(session_factory, group.id)).agency_code is None


async def test_superadmin_registers_a_command_post(sandbox, world, session_factory):
    superadmin = world.superadmin()
    group = await world.group("Posko", registered=False, admins=[superadmin])
    await sandbox.say(superadmin, "/daftargrup", chat=group)
    prompt = await sandbox.next_message(group)
    await sandbox.press(superadmin, prompt, "🛡 Posko (pusat kendali)")
    await sandbox.press(superadmin, prompt, "DKI Jakarta")
    await sandbox.press(superadmin, prompt, "📍 Pilih: DKI Jakarta")
    await sandbox.press(superadmin, prompt, "✅ Kirim")
    record = await _chat(session_factory, group.id)
    assert record.is_command_post and record.agency_code is None and record.region_code == "31"


async def test_bot_removed_then_added_back_and_reactivated(sandbox, world, session_factory):
    liaison = await world.liaison()
    group = await world.group("Grup Kodim", admins=[liaison])
    await sandbox.deliver(sandbox.kick_bot(group, liaison))
    record = await _chat(session_factory, group.id)
    assert not record.active and record.region_code == "31.74"  # the registration is kept
    await sandbox.deliver(sandbox.add_bot_to_group(group, liaison))
    welcome = await sandbox.next_message(group)
    assert "kembali" in welcome.text
    assert not (await _chat(session_factory, group.id)).active
    await sandbox.press(liaison, welcome, "🔄 Aktifkan kembali")
    assert "diaktifkan kembali" in welcome.text
    assert (await _chat(session_factory, group.id)).active


async def test_supergroup_migration_keeps_the_registration(sandbox, world, session_factory):
    member = await world.active_member()
    group = await world.group("Grup Kecamatan", members=[member])
    supergroup, updates = sandbox.migrate_to_supergroup(group)
    await sandbox.deliver(updates)
    assert await _chat(session_factory, group.id) is None
    moved = await _chat(session_factory, supergroup.id)
    assert (moved.agency_code, moved.region_code, moved.type) == ("POLRI", "31.74", "supergroup")
    await sandbox.say(member, "/grup", chat=supergroup)
    assert "Polri" in (await sandbox.next_message(supergroup)).text


async def test_unregistered_group_info(sandbox, world):
    member = await world.active_member()
    group = await world.group(registered=False, members=[member])
    await sandbox.say(member, "/grup", chat=group)
    assert "belum terdaftar" in (await sandbox.next_message(group)).text
