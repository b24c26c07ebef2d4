"""Broadcasts: the private dialogue (filters, reach, preview, confirmation), who may reach which groups, the
delivery report, and a broadcast to 100 groups at Telegram's pace with a kicked group reported and deactivated."""

import time

import pytest
from sqlmodel import select

from bot.scheduler import PERIODIC
from bot.texts import t
from db import chats
from db.models import AuditEntry, Broadcast, OutboxMessage, OutboxStatus


async def _reports(sandbox, settings) -> None:
    """The every-minute upkeep: queue the report of each finished broadcast."""
    await PERIODIC["broadcast_reports"](sandbox.session_factory, settings)


async def _groups(world):
    return {
        "polri_jaksel": await world.group("Polres Jaksel", agency="POLRI", region="31.74"),
        "polri_depok": await world.group("Polres Depok", agency="POLRI", region="32.76"),
        "tni_tebet": await world.group("Koramil Tebet", agency="TNI", region="31.74.01"),
        "posko": await world.command_post(),
        "unregistered": await world.group("Grup Obrolan", registered=False),
    }


async def test_superadmin_broadcast_with_filters_preview_confirmation_and_report(sandbox, world, session_factory,
                                                                               settings):
    admin = world.superadmin()
    groups = await _groups(world)
    await sandbox.say(admin, "/siaran")
    dialog = await sandbox.next_message(admin)
    assert dialog.text.startswith("📢 Siaran — pilih instansi penerima")
    await sandbox.press(admin, dialog, "Polri")
    await sandbox.press(admin, dialog, "🏛 Posko")
    assert dialog.button("✅ Polri") and dialog.button("✅ 🏛 Posko") and dialog.button("TNI")
    await sandbox.press(admin, dialog, "▶ Lanjut")
    assert "Penerima: Polri, 🏛 Posko" in dialog.text
    await sandbox.press(admin, dialog, "DKI Jakarta")
    await sandbox.press(admin, dialog, "📍 Pilih: DKI Jakarta")
    assert "Polri, 🏛 Posko · DKI Jakarta — 2 grup" in dialog.text  # Depok is in Jawa Barat
    await sandbox.say(admin, "Harap <b>waspada</b> & siaga\nbaris kedua")
    preview = await sandbox.next_message(admin)
    shown = "📢 Siaran dari Super Admin (Super admin)\n\nHarap <b>waspada</b> & siaga\nbaris kedua"
    assert preview.text == ("📢 Siaran ini akan dikirim ke 2 grup (Polri, 🏛 Posko · DKI Jakarta). Tampilannya di "
                            f"grup:\n━━━━━━━━━━━━\n{shown}\n━━━━━━━━━━━━\nKirim sekarang?")
    assert "Harap &lt;b&gt;waspada&lt;/b&gt; &amp; siaga" in preview.html
    await sandbox.assert_no_message(groups["polri_jaksel"])  # nothing leaves before the confirmation
    await sandbox.press(admin, preview, "✅ Kirim ke 2 grup")
    assert preview.buttons == []
    assert (await sandbox.next_message(admin)).text.startswith("📤 Siaran #1 sedang dikirim ke 2 grup.")
    await _reports(sandbox, settings)  # not finished yet: no report
    async with session_factory() as session:
        assert (await session.get(Broadcast, 1)).report_sent_at is None
    for key in ("polri_jaksel", "posko"):
        message = await sandbox.next_message(groups[key])
        assert message.text == shown
        await sandbox.assert_no_message(groups[key])
    for key in ("polri_depok", "tni_tebet", "unregistered"):
        await sandbox.assert_no_message(groups[key])
    await _reports(sandbox, settings)
    report = await sandbox.next_message(admin)
    assert report.text == ("📊 Laporan siaran #1\nHarap <b>waspada</b> & siaga baris kedua\n"
                           "Terkirim: 2 dari 2 grup · Gagal: 0\n\nSemua grup menerima siaran. ✅")
    await _reports(sandbox, settings)
    await sandbox.assert_no_message(admin)  # one report per broadcast
    async with session_factory() as session:
        broadcast = await session.get(Broadcast, 1)
        audit = await session.scalar(select(AuditEntry).where(AuditEntry.action == "broadcast.sent"))
    assert broadcast.filters == {"agencies": ["POLRI"], "command_post": True, "regions": ["31"]}
    assert broadcast.target_count == 2 and audit.actor_tg_id == admin.id


async def test_agency_admin_reaches_only_their_agencys_groups(sandbox, world, session_factory):
    admin = await world.agency_admin(agency="POLRI", language="en")
    groups = await _groups(world)
    await sandbox.say(admin, "/broadcast")
    dialog = await sandbox.next_message(admin)
    assert dialog.text.startswith("📢 Recipients: Polri\nChoose a region")  # no agency choice
    await sandbox.press_data(admin, dialog, "brc:ag:TNI")
    assert sandbox.last_answer() == "You may broadcast only to your own agency's groups."
    await sandbox.press_data(admin, dialog, "brc:cp")
    assert sandbox.last_answer() == "You may broadcast only to your own agency's groups."
    await sandbox.press(admin, dialog, "🌐 Every region")
    assert "Polri · every region — 2 groups" in dialog.text
    await sandbox.say(admin, "y" * 3600)
    assert (await sandbox.next_message(admin)).text == "The message is too long (3600 characters; at most 3500)."
    await sandbox.say(admin, "Apel siaga pukul 05.00")
    preview = await sandbox.next_message(admin)
    assert "📢 Broadcast from Petugas 1 (Polri)\n\nApel siaga pukul 05.00" in preview.text
    await sandbox.press(admin, preview, "✅ Send to 2 groups")
    for key in ("polri_jaksel", "polri_depok"):
        # each group reads the header in its own language (Indonesian here)
        assert (await sandbox.next_message(groups[key])).text == "📢 Siaran dari Petugas 1 (Polri)\n\nApel siaga " \
                                                                  "pukul 05.00"
    for key in ("tni_tebet", "posko", "unregistered"):
        await sandbox.assert_no_message(groups[key])


async def test_who_may_broadcast_and_bad_input(sandbox, world, session_factory):
    liaison = await world.liaison()
    posko_staff = await world.posko_staff()
    for person in (liaison, posko_staff):
        await sandbox.say(person, "/siaran")
        assert "tidak mengizinkan" in (await sandbox.next_message(person)).text
        await sandbox.say(person, "/start siaran")
        assert "tidak mengizinkan" in (await sandbox.next_message(person)).text
    admin = world.superadmin()
    group = await world.group(admins=[admin])
    await sandbox.say(admin, "/siaran", chat=group)
    assert (await sandbox.next_message(group)).buttons == [
        [("Buka chat pribadi", "https://t.me/sinergi_test_bot?start=siaran")]]
    await sandbox.say(admin, "/start siaran")
    dialog = await sandbox.next_message(admin)
    await sandbox.press(admin, dialog, "▶ Lanjut")
    await sandbox.press(admin, dialog, "🌐 Semua wilayah")
    await sandbox.say(admin, photo=sandbox.add_file(kind="photo"))
    assert (await sandbox.next_message(admin)).text == "Siaran berupa teks: ketik pesannya."
    await sandbox.say(admin, "x" * 3501)
    assert (await sandbox.next_message(admin)).text == "Pesan terlalu panjang (3501 karakter; paling banyak 3500)."
    await sandbox.say(admin, "Pesan pertama")
    preview = await sandbox.next_message(admin)
    await sandbox.press(admin, preview, "✏️ Ubah pesan")
    await sandbox.say(admin, "Pesan kedua")
    preview = await sandbox.next_message(admin)
    assert "Pesan kedua" in preview.text and "Pesan pertama" not in preview.text
    await sandbox.say(admin, "/batal")
    await sandbox.next_message(admin)
    await sandbox.press(admin, preview, "✅ Kirim ke 1 grup")
    assert sandbox.last_answer() == t("access.stale_dialogue", "id")
    await sandbox.assert_no_message(group)
    async with session_factory() as session:
        assert (await session.scalars(select(Broadcast))).all() == []


async def test_no_matching_group_offers_to_change_the_recipients(sandbox, world):
    admin = world.superadmin()
    await world.group("Polres Jaksel", agency="POLRI", region="31.74")
    await sandbox.say(admin, "/siaran")
    dialog = await sandbox.next_message(admin)
    await sandbox.press(admin, dialog, "KPU")
    await sandbox.press(admin, dialog, "▶ Lanjut")
    await sandbox.press(admin, dialog, "🌐 Semua wilayah")
    assert "— 0 grup" in dialog.text
    await sandbox.say(admin, "Halo")
    preview = await sandbox.next_message(admin)
    assert [label for row in preview.buttons for label, _ in row] == ["✏️ Ubah pesan", "🎯 Ubah penerima", "✖ Batal"]
    await sandbox.press_data(admin, preview, "brc:send")
    assert sandbox.last_answer() == "Tidak ada grup aktif yang cocok dengan pilihan ini. Ubah penerimanya."
    await sandbox.press(admin, preview, "🎯 Ubah penerima")
    assert preview.text.startswith("📢 Siaran — pilih instansi penerima")


@pytest.mark.slow
async def test_broadcast_to_100_groups_at_telegrams_pace(sandbox, world, session_factory, settings):
    admin = world.superadmin()
    owner = sandbox.add_user("Pemilik Grup")
    groups = [await world.group(f"Grup {n:03d}", agency="POLRI", admins=[owner]) for n in range(100)]
    kicked = groups[57]
    assert sandbox.flood_limits.enabled
    await sandbox.say(admin, "/siaran")
    dialog = await sandbox.next_message(admin)
    await sandbox.press(admin, dialog, "▶ Lanjut")
    await sandbox.press(admin, dialog, "🌐 Semua wilayah")
    await sandbox.say(admin, "Cek kesiapan personel di setiap TPS.")
    preview = await sandbox.next_message(admin)
    assert "akan dikirim ke 100 grup" in preview.text
    sandbox.kick_bot(kicked, owner)  # Telegram's state only: the bot learns it when sending
    sandbox.expect_rejection("sendMessage", "kicked")
    await sandbox.press(admin, preview, "✅ Kirim ke 100 grup")
    started = time.monotonic()
    await sandbox.dispatch()
    elapsed = time.monotonic() - started
    assert sandbox.raw.flood_rejections == 0  # the pace kept it within the limits, not retries
    for group in groups:
        expected = 0 if group is kicked else 1
        assert len(sandbox.bot_messages(group)) == expected, group.title
    assert sandbox.count("sendMessage", chat_id=kicked.id, include_failed=True) == 1
    # about 28 a second: 100 messages in well under the 10 s that 10 a second would take
    assert 100 / elapsed > 15, f"{100 / elapsed:.1f} messages/s"
    async with session_factory() as session:
        record = await chats.get_chat(session, kicked.id)
        statuses = (await session.scalars(select(OutboxMessage.status).where(
            OutboxMessage.subject == "broadcast:1"))).all()
    assert record is not None and not record.active
    assert sorted(statuses).count(OutboxStatus.SENT) == 99 and statuses.count(OutboxStatus.FAILED) == 1
    await _reports(sandbox, settings)
    await sandbox.dispatch()
    texts = [m.text for m in sandbox.bot_messages(admin)]
    reports = [text for text in texts if text.startswith("📊 Laporan siaran #1")]
    assert len(reports) == 1, texts
    report = reports[0]
    assert "Terkirim: 99 dari 100 grup · Gagal: 1" in report
    assert "• Grup 057 — bot sudah tidak ada di grup; grup ditandai tidak aktif" in report
    assert "🚫 1 grup ditandai tidak aktif" in report
