"""Meetings end to end: scheduling, invitations to exactly the invited groups, answers with live counts, the
detail view with non-responders, who may do what, and the dialogue's rough edges."""

from sqlmodel import select

from bot.sandbox import FloodLimits
from db import chats
from db.models import AuditEntry, MeetingAgency, MeetingInvite, Rsvp, RsvpAnswer
from tests.bot.meetings_steps import latest_meeting, open_dialogue, schedule


async def _deactivate(session_factory, chat_id):
    async with session_factory() as session, session.begin():
        await chats.mark_inactive(session, chat_id, "bot was kicked")


async def test_invitations_reach_exactly_the_invited_groups(sandbox, world, session_factory):
    liaison = await world.liaison(name="Budi Penghubung")
    polres_jaksel = await world.group("Polres Jaksel", agency="POLRI", region="31.74")
    polsek_tebet = await world.group("Polsek Tebet", agency="POLRI", region="31.74.01")
    kpu_jaksel = await world.group("KPU Jaksel", agency="KPU", region="31.74")
    bawaslu_jaktim = await world.group("Bawaslu Jaktim", agency="BAWASLU", region="31.75")
    posko = await world.command_post("Posko Polda")
    not_invited = [await world.group("Polres Jaktim", agency="POLRI", region="31.75"),
                   await world.group("Kodim Jaksel", agency="TNI", region="31.74"),
                   await world.group("Grup Ngobrol", registered=False),
                   await world.group("Polsek Lama", agency="POLRI", region="31.74")]
    await _deactivate(session_factory, not_invited[-1].id)

    summary = await schedule(sandbox, liaison, agencies=("Polri", "KPU"), groups=("Bawaslu Jaktim", "Posko Polda"),
                             send=False)
    assert "👥 5 grup" in summary.text and "Polsek Tebet" in summary.text and "Polres Jaktim" not in summary.text
    await sandbox.press(liaison, summary, "📣 Kirim undangan")
    assert "Undangan dikirim ke 5 grup" in summary.text

    for chat in (polres_jaksel, polsek_tebet, kpu_jaksel, bawaslu_jaktim, posko):
        invitation = await sandbox.next_message(chat)
        assert "Undangan rapat koordinasi" in invitation.text and "Rakor pengamanan debat" in invitation.text
        assert "Kamis, 28/11/2024 14:00 WIB" in invitation.text
        assert "Diundang: Polri, KPU, Bawaslu (5 grup)" in invitation.text
        assert [label for label, _ in invitation.buttons[0]] == ["✅ Hadir", "❌ Tidak hadir", "👥 Diwakilkan"]
        await sandbox.assert_no_message(chat)
    for chat in not_invited:
        await sandbox.assert_no_message(chat)
    meeting = await latest_meeting(session_factory)
    async with session_factory() as session:
        invited = set((await session.scalars(select(MeetingInvite.chat_id))).all())
        agencies = set((await session.scalars(select(MeetingAgency.agency_code))).all())
        audit = await session.scalar(select(AuditEntry).where(AuditEntry.action == "meeting.scheduled"))
    assert invited == {polres_jaksel.id, polsek_tebet.id, kpu_jaksel.id, bawaslu_jaktim.id, posko.id}
    assert agencies == {"POLRI", "KPU"} and meeting.organizer_tg_id == liaison.id
    assert audit is not None and audit.subject == f"meeting:{meeting.id}"


async def test_agency_groups_in_every_region_when_chosen(sandbox, world):
    liaison = await world.liaison()
    jaksel = await world.group("Polres Jaksel", agency="POLRI", region="31.74")
    jaktim = await world.group("Polres Jaktim", agency="POLRI", region="31.75")
    kpu = await world.group("KPU Jaktim", agency="KPU", region="31.75")
    await schedule(sandbox, liaison, agencies=("Polri",), all_regions=True)
    for chat in (jaksel, jaktim):
        assert "Undangan rapat" in (await sandbox.next_message(chat)).text
    await sandbox.assert_no_message(kpu)


async def test_whole_jurisdiction_and_a_shared_location(sandbox, world, session_factory):
    liaison = await world.liaison()
    group = await world.group("Polres Bekasi", agency="POLRI", region="32.75")
    await schedule(sandbox, liaison, region=None, place=(-6.2383, 106.9756), agenda="1. Situasi\n2. Rencana <aman>")
    pin = await sandbox.next_message(group)
    assert pin.location == (-6.2383, 106.9756)
    invitation = await sandbox.next_message(group)
    assert "seluruh wilayah hukum" in invitation.text and "lokasi di peta" in invitation.text
    assert "2. Rencana <aman>" in invitation.text  # escaped on the way, shown as typed
    meeting = await latest_meeting(session_factory)
    assert meeting.region_code is None and meeting.latitude == -6.2383 and meeting.place_text is None


async def test_answers_and_changes_update_the_live_counts(sandbox, world, session_factory):
    liaison = await world.liaison()
    andi = await world.active_member(name="Andi")
    sari = await world.active_member(name="Sari")
    rina = await world.active_member(name="Rina", agency="KPU")
    guest = sandbox.add_user("Tamu")
    polri = await world.group("Polres Jaksel", members=[andi, sari, rina, guest])
    kpu = await world.group("KPU Jaksel", agency="KPU", members=[rina])
    await schedule(sandbox, liaison, agencies=("Polri", "KPU"))
    in_polri, in_kpu = await sandbox.next_message(polri), await sandbox.next_message(kpu)
    assert "Polri: belum menjawab" in in_polri.text and "KPU: belum menjawab" in in_polri.text

    await sandbox.press(andi, in_polri, "✅ Hadir")
    assert sandbox.last_answer() == "Jawaban Anda tercatat: ✅ Hadir."
    await sandbox.press(sari, in_polri, "👥 Diwakilkan")
    await sandbox.press(rina, in_polri, "❌ Tidak hadir")  # in another agency's group: counted for her own agency
    await sandbox.dispatch()
    for invitation in (in_polri, in_kpu):
        assert "Polri: ✅ 1 · ❌ 0 · 👥 1" in invitation.text
        assert "KPU: ✅ 0 · ❌ 1 · 👥 0" in invitation.text
        assert invitation.buttons[0][0] == ("✅ Hadir", invitation.buttons[0][0][1])  # still answerable

    await sandbox.press(sari, in_polri, "✅ Hadir")
    assert sandbox.last_answer() == "Jawaban Anda tercatat: ✅ Hadir."
    await sandbox.press(andi, in_polri, "✅ Hadir")
    assert sandbox.last_answer() == "Jawaban Anda tetap: ✅ Hadir."
    await sandbox.dispatch()
    assert "Polri: ✅ 2 · ❌ 0 · 👥 0" in in_kpu.text

    await sandbox.press(guest, in_polri, "✅ Hadir")
    assert "belum terdaftar" in sandbox.last_answer()
    async with session_factory() as session:
        answers = {(r.name, r.agency_code, r.answer) for r in (await session.scalars(select(Rsvp))).all()}
    assert answers == {("Andi", "POLRI", RsvpAnswer.YES), ("Sari", "POLRI", RsvpAnswer.YES),
                       ("Rina", "KPU", RsvpAnswer.NO)}
    await sandbox.assert_no_message(polri)  # counts are edits of the invitation, not new messages


async def test_detail_view_lists_answers_and_non_responders(sandbox, world):
    organiser = await world.liaison(name="Budi Penghubung")
    andi = await world.active_member(name="Andi")
    colleague = await world.active_member(name="Sari")
    polri = await world.group("Polres Jaksel", members=[andi])
    await world.group("KPU Jaksel", agency="KPU", region="31.74")
    await world.group("Bawaslu Jaksel", agency="BAWASLU", region="31.74")
    await schedule(sandbox, organiser, agencies=("Polri", "KPU", "Bawaslu"))
    invitation = await sandbox.next_message(polri)
    await sandbox.press(andi, invitation, "👥 Diwakilkan")

    await sandbox.say(organiser, "/rapat")
    listing = await sandbox.next_message(organiser)
    assert "Rapat mendatang" in listing.text and "Rakor pengamanan debat" in listing.text
    assert "✅ 0 · ❌ 0 · 👥 1" in listing.text
    await sandbox.press(organiser, listing, "1. Rakor pengamanan debat")
    assert "Detail rapat" in listing.text
    assert "Polri: 👥 Andi" in listing.text
    assert "Belum menjawab: KPU, Bawaslu" in listing.text
    assert listing.button("🔁 Jadwal ulang") and listing.button("❌ Batalkan rapat")

    await sandbox.say(colleague, "/rapat")  # invited through her agency; sees counts, not names
    other_view = await sandbox.next_message(colleague)
    await sandbox.press(colleague, other_view, "1. Rakor pengamanan debat")
    assert "Polri: ✅ 0 · ❌ 0 · 👥 1" in other_view.text and "Andi" not in other_view.text
    assert "Belum menjawab: KPU, Bawaslu" in other_view.text
    assert other_view.button("🔁 Jadwal ulang") is None


async def test_who_may_schedule_and_manage(sandbox, world):
    member = await world.active_member()
    await sandbox.say(member, "/rapat")
    listing = await sandbox.next_message(member)
    assert "Belum ada rapat mendatang" in listing.text and listing.button("➕ Jadwalkan") is None
    await sandbox.say(member, "/rapat baru")
    assert "Peran Anda tidak mengizinkan" in (await sandbox.next_message(member)).text
    await sandbox.press_data(member, listing, "mtg:new")
    assert "Peran Anda tidak mengizinkan" in sandbox.last_answer()

    organiser = await world.liaison()
    await world.group("Polres Jaksel")
    await schedule(sandbox, organiser)
    meeting_ref = "mtg:cx:1"
    other_liaison = await world.liaison(agency="TNI")
    await sandbox.say(other_liaison, "/start")
    own = await sandbox.next_message(other_liaison)
    await sandbox.press_data(other_liaison, own, meeting_ref)
    assert sandbox.last_answer() == "Hanya penyelenggara atau admin yang dapat mengubah rapat ini."
    admin = await world.agency_admin()  # the organiser's agency's admin may
    await sandbox.say(admin, "/start")
    admin_msg = await sandbox.next_message(admin)
    await sandbox.press_data(admin, admin_msg, meeting_ref)
    assert "Batalkan rapat" in admin_msg.text


async def test_scheduling_from_a_group_opens_the_private_chat(sandbox, world):
    liaison = await world.liaison()
    group = await world.group("Polres Jaksel", members=[liaison])
    await sandbox.say(liaison, "/rapat baru", chat=group)
    answer = await sandbox.next_message(group)
    assert "chat pribadi" in answer.text
    assert answer.buttons[0][0][1] == "https://t.me/sinergi_test_bot?start=rapat_baru"
    await sandbox.say(liaison, "/start rapat_baru")
    assert "Ketik <b>judul</b>" in (await sandbox.next_message(liaison)).html


async def test_bad_answers_are_explained_and_nothing_is_half_written(sandbox, world, session_factory):
    liaison = await world.liaison()
    await world.group("Polres Jaksel")
    await sandbox.say(liaison, "/rapat baru")
    await sandbox.next_message(liaison)
    await sandbox.say(liaison, "x" * 201)
    assert "Judul terlalu panjang (201 karakter, maks. 200)" in (await sandbox.next_message(liaison)).text
    await sandbox.say(liaison, "Rakor <b>pilkada</b>")
    await sandbox.next_message(liaison)
    await sandbox.say(liaison, "kapan-kapan saja")
    refusal = await sandbox.next_message(liaison)
    assert "tidak dapat saya baca" in refusal.text and "besok 14.00" in refusal.text
    await sandbox.say(liaison, "hari ini 07.00")
    assert "sudah lewat" in (await sandbox.next_message(liaison)).text
    await sandbox.say(liaison, "besok 09.00")
    confirm = await sandbox.next_message(liaison)
    assert "Kamis, 28/11/2024 09:00 WIB" in confirm.text
    await sandbox.press(liaison, confirm, "✅ Betul")
    await sandbox.press_data(liaison, confirm, "mtg:send")  # a button of a later step
    assert sandbox.last_answer() == "Percakapan ini sudah berakhir atau diganti yang baru."
    await sandbox.say(liaison, "/batal")
    assert "Dibatalkan" in (await sandbox.next_message(liaison)).text
    await sandbox.press(liaison, confirm, "✖ Batal")
    assert sandbox.last_answer() == "Percakapan ini sudah berakhir atau diganti yang baru."
    assert (await _count_meetings(session_factory)) == 0


async def test_no_recipients_is_refused_before_sending(sandbox, world, session_factory):
    liaison = await world.liaison()
    await world.group("Polres Jaktim", region="31.75")
    await open_dialogue(sandbox, liaison)
    await sandbox.say(liaison, "besok 14.00")
    confirm = await sandbox.next_message(liaison)
    await sandbox.press(liaison, confirm, "✅ Betul")
    await sandbox.say(liaison, "Aula")
    picker = await sandbox.next_message(liaison)
    await sandbox.press(liaison, picker, "⏭ Lewati")
    await sandbox.press(liaison, picker, "DKI Jakarta")
    await sandbox.press(liaison, picker, "Jakarta Selatan")
    await sandbox.press(liaison, picker, "📍 Pilih: Jakarta Selatan")
    await sandbox.press(liaison, picker, "▶ Lanjut")
    assert sandbox.last_answer() == "Pilih minimal satu instansi atau grup."
    await sandbox.press(liaison, picker, "Polri")  # Polri has a group only in Jakarta Timur
    assert "akan dikirim ke <b>0</b> grup" in picker.html
    await sandbox.press(liaison, picker, "▶ Lanjut")
    assert sandbox.last_answer().startswith("Tidak ada grup aktif")
    assert "Undang" in picker.text and (await _count_meetings(session_factory)) == 0


async def test_dialogue_survives_a_restart(sandbox, world, db_url):
    liaison = await world.liaison()
    await open_dialogue(sandbox, liaison, "Rakor sebelum restart")
    await sandbox.restart(db_url)
    await sandbox.say(liaison, "Jumat 10.00")
    confirm = await sandbox.next_message(liaison)
    assert "Jumat, 29/11/2024 10:00 WIB" in confirm.text


async def test_english_speaker_schedules_in_english(sandbox, world):
    liaison = await world.liaison(language="en")
    await world.group("Polres Jaksel", language="en")
    await sandbox.say(liaison, "/meeting new")
    assert "Type the meeting's" in (await sandbox.next_message(liaison)).text
    await sandbox.say(liaison, "Security briefing")
    await sandbox.next_message(liaison)
    await sandbox.say(liaison, "tomorrow 2pm")
    confirm = await sandbox.next_message(liaison)
    assert "I read: Thursday, 28/11/2024 14:00 WIB" in confirm.text
    await sandbox.say(liaison, "yesterday 2pm")
    assert "has passed" in (await sandbox.next_message(liaison)).text


async def _count_meetings(session_factory) -> int:
    from sqlalchemy import func

    from db.models import Meeting

    async with session_factory() as session:
        return int(await session.scalar(select(func.count()).select_from(Meeting)) or 0)


async def test_group_list_shows_the_meetings_the_group_is_invited_to(sandbox, world):
    liaison = await world.liaison()
    member = await world.active_member()
    invited = await world.group("Polres Jaksel", members=[liaison, member])
    other = await world.group("KPU Jaksel", agency="KPU", members=[member])
    await schedule(sandbox, liaison, title="Rakor khusus Polri")
    await sandbox.next_message(invited)  # the invitation itself
    await sandbox.say(member, "/rapat", chat=invited)
    listing = await sandbox.next_message(invited)
    assert "Rakor khusus Polri" in listing.text and listing.buttons == []  # members cannot schedule
    await sandbox.say(member, "/rapat", chat=other)
    assert "Belum ada rapat mendatang" in (await sandbox.next_message(other)).text
    await sandbox.say(liaison, "/rapat", chat=invited)
    offer = await sandbox.next_message(invited)
    assert offer.buttons == [[("➕ Jadwalkan di chat pribadi", "https://t.me/sinergi_test_bot?start=rapat_baru")]]


async def test_many_groups_and_answers_still_fit_one_message(sandbox, world, session_factory):
    sandbox.set_flood_limits(FloodLimits(enabled=False))  # 20 groups get their invitation at once
    organiser = await world.liaison()
    for number in range(20):
        await world.group(f"Polsek nomor {number:02d} dengan nama yang cukup panjang", region="31.74")
    summary = await schedule(sandbox, organiser, send=False)
    assert "👥 20 grup" in summary.text and "… dan 5 lainnya" in summary.text
    await sandbox.press(organiser, summary, "📣 Kirim undangan")
    meeting = await latest_meeting(session_factory)
    async with session_factory() as session, session.begin():
        for number in range(300):  # far more answers than one message can name
            session.add(Rsvp(meeting_id=meeting.id, tg_user_id=10_000 + number, name=f"Petugas Lapangan {number:03d}",
                             agency_code="POLRI", answer=RsvpAnswer.YES))
    await sandbox.press(organiser, summary, "📋 Detail rapat")
    assert "Polri: ✅ Petugas Lapangan 000" in summary.text and "lainnya" in summary.text
    assert len(summary.text) <= 4096
