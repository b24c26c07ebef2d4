"""Reschedule and cancel (every invited group told, reminders moved or cancelled, answers kept) and the calendar
file (.ics parsed with the icalendar library)."""

from datetime import UTC, datetime, timedelta

from icalendar import Calendar

from bot.sandbox import FloodLimits
from db.models import OutboxStatus
from tests.bot.meetings_steps import latest_meeting, outbox_rows, schedule

WIB_OFFSET_HOURS = 7


async def _arrange(sandbox, world):
    organiser = await world.liaison(name="Budi Penghubung")
    andi = await world.active_member(name="Andi")
    polri = await world.group("Polres Jaksel", members=[andi])
    kpu = await world.group("KPU Jaksel", agency="KPU", region="31.74")
    await schedule(sandbox, organiser, agencies=("Polri", "KPU"))
    invitations = {polri.id: await sandbox.next_message(polri), kpu.id: await sandbox.next_message(kpu)}
    await sandbox.press(andi, invitations[polri.id], "✅ Hadir")
    await sandbox.dispatch()
    return organiser, andi, polri, kpu, invitations


async def _open_detail(sandbox, organiser):
    await sandbox.say(organiser, "/rapat")
    detail = await sandbox.next_message(organiser)
    await sandbox.press(organiser, detail, "1. Rakor pengamanan debat")
    return detail


async def _ics(sandbox, user, message) -> Calendar:
    await sandbox.press(user, message, "📅 Kalender (.ics)")
    document = await sandbox.next_message(user)
    assert document.document is not None and document.document.file_name.endswith(".ics")
    return Calendar.from_ical(document.document.content())


def _event(calendar: Calendar):
    events = calendar.walk("VEVENT")
    assert len(events) == 1
    return events[0]


async def test_reschedule_tells_every_group_moves_reminders_and_keeps_answers(sandbox, world, session_factory,
                                                                               clock):
    organiser, _andi, polri, kpu, invitations = await _arrange(sandbox, world)
    before = [r for r in await outbox_rows(session_factory, "meeting_reminder")]
    assert {r.due_at for r in before} == {datetime(2024, 11, 27, 7, 0, tzinfo=UTC),   # 1 day before, 14:00 WIB
                                          datetime(2024, 11, 28, 6, 0, tzinfo=UTC)}   # 1 hour before
    detail = await _open_detail(sandbox, organiser)
    await sandbox.press(organiser, detail, "🔁 Jadwal ulang")
    assert "Ketik waktu baru" in detail.text
    await sandbox.say(organiser, "Jumat 10.00")
    confirm = await sandbox.next_message(organiser)
    assert "Waktu baru: Jumat, 29/11/2024 10:00 WIB" in confirm.text
    await sandbox.press(organiser, confirm, "✅ Betul")
    assert "dijadwalkan ulang ke Jumat, 29/11/2024 10:00 WIB. 2 grup diberi tahu" in confirm.text

    for chat in (polri, kpu):
        notice = await sandbox.next_message(chat)
        assert "Rapat dijadwalkan ulang" in notice.text
        assert "Semula: Kamis, 28/11/2024 14:00 WIB" in notice.text
        assert "Menjadi: Jumat, 29/11/2024 10:00 WIB" in notice.text
        invitation = invitations[chat.id]
        assert "Jumat, 29/11/2024 10:00 WIB" in invitation.text and "Jadwal telah diubah" in invitation.text
        assert "Polri: ✅ 1 · ❌ 0 · 👥 0" in invitation.text  # answers are kept
        await sandbox.assert_no_message(chat)

    rows = await outbox_rows(session_factory, "meeting_reminder")
    assert {r.status for r in rows if r.id in {b.id for b in before}} == {OutboxStatus.CANCELLED}
    pending = [r for r in rows if r.status == OutboxStatus.PENDING]
    assert {r.due_at for r in pending} == {datetime(2024, 11, 28, 3, 0, tzinfo=UTC),   # Thu 10:00 WIB
                                           datetime(2024, 11, 29, 2, 0, tzinfo=UTC)}   # Fri 09:00 WIB
    assert all(r.not_after == datetime(2024, 11, 29, 3, 0, tzinfo=UTC) for r in pending)
    clock.set(datetime(2024, 11, 27, 7, 0, tzinfo=UTC))  # the old one-day reminder's time: nothing
    for chat in (polri, kpu):
        await sandbox.assert_no_message(chat)
    clock.set(datetime(2024, 11, 28, 3, 0, tzinfo=UTC))
    for chat in (polri, kpu):
        assert "Pengingat rapat" in (await sandbox.next_message(chat)).text


async def test_cancel_tells_every_group_and_cancels_reminders(sandbox, world, session_factory, clock):
    organiser, andi, polri, kpu, invitations = await _arrange(sandbox, world)
    detail = await _open_detail(sandbox, organiser)
    await sandbox.press(organiser, detail, "❌ Batalkan rapat")
    assert "2 grup undangan akan diberi tahu" in detail.text
    await sandbox.press(organiser, detail, "❌ Ya, batalkan")
    assert "dibatalkan. 2 grup diberi tahu" in detail.text
    for chat in (polri, kpu):
        notice = await sandbox.next_message(chat)
        assert "Rapat dibatalkan" in notice.text and "Kamis, 28/11/2024 14:00 WIB" in notice.text
        invitation = invitations[chat.id]
        assert "RAPAT DIBATALKAN" in invitation.text and invitation.buttons == []
    rows = await outbox_rows(session_factory, "meeting_reminder")
    assert rows and {r.status for r in rows} == {OutboxStatus.CANCELLED}
    clock.set(datetime(2024, 11, 28, 8, 0, tzinfo=UTC))
    for chat in (polri, kpu):
        await sandbox.assert_no_message(chat)
    await sandbox.press_data(andi, invitations[polri.id], f"mtg:rsvp:{(await latest_meeting(session_factory)).id}:no")
    assert sandbox.last_answer() == "Rapat ini sudah dibatalkan."
    await sandbox.press_data(organiser, detail, f"mtg:cx:{(await latest_meeting(session_factory)).id}")
    assert sandbox.last_answer() == "Rapat ini sudah dibatalkan."
    await sandbox.say(organiser, "/rapat")
    assert "Belum ada rapat mendatang" in (await sandbox.next_message(organiser)).text


async def test_calendar_file_start_sequence_and_cancel(sandbox, world, session_factory):
    # this organiser presses ~25 buttons within a second, faster than the private-chat flood limit allows a
    # real person; flood control is not what this test is about
    sandbox.set_flood_limits(FloodLimits(enabled=False))
    organiser, andi, polri, _kpu, invitations = await _arrange(sandbox, world)
    meeting = await latest_meeting(session_factory)
    detail = await _open_detail(sandbox, organiser)
    calendar = await _ics(sandbox, organiser, detail)
    event = _event(calendar)
    assert calendar.get("method") == "PUBLISH"
    assert [tz.get("tzid") for tz in calendar.walk("VTIMEZONE")] == ["Asia/Jakarta"]
    start = event.decoded("dtstart")
    assert str(event["dtstart"].params["TZID"]) == "Asia/Jakarta"
    # the WIB time entered ("besok 14.00" on 27/11/2024) is 07:00 UTC
    assert start.astimezone(UTC) == datetime(2024, 11, 28, 14 - WIB_OFFSET_HOURS, 0, tzinfo=UTC)
    assert event.decoded("dtend") - start == timedelta(minutes=120)
    assert str(event["uid"]) == meeting.uid and int(event["sequence"]) == 0
    assert str(event["summary"]) == "Rakor pengamanan debat" and str(event["status"]) == "CONFIRMED"
    assert "Aula Polres" in str(event["location"])

    # from the invitation in the group: the file goes to the presser's private chat, not the group
    await sandbox.press(andi, invitations[polri.id], "📅 Kalender (.ics)")
    assert sandbox.last_answer() == "File kalender dikirim ke chat pribadi Anda dengan bot."
    private_copy = await sandbox.next_message(andi)
    assert _event(Calendar.from_ical(private_copy.document.content()))["uid"] == meeting.uid
    await sandbox.assert_no_message(polri)

    await sandbox.press(organiser, detail, "🔁 Jadwal ulang")
    await sandbox.say(organiser, "Jumat 10.00")
    confirm = await sandbox.next_message(organiser)
    await sandbox.press(organiser, confirm, "✅ Betul")
    await sandbox.press(organiser, confirm, "📋 Detail rapat")
    moved = _event(await _ics(sandbox, organiser, confirm))
    assert moved.decoded("dtstart").astimezone(UTC) == datetime(2024, 11, 29, 3, 0, tzinfo=UTC)
    assert int(moved["sequence"]) == 1 and moved["uid"] == meeting.uid

    await sandbox.press(organiser, confirm, "❌ Batalkan rapat")
    await sandbox.press(organiser, confirm, "❌ Ya, batalkan")
    cancelled_calendar = await _ics(sandbox, organiser, confirm)
    cancelled = _event(cancelled_calendar)
    assert cancelled_calendar.get("method") == "CANCEL" and str(cancelled["status"]) == "CANCELLED"
    assert int(cancelled["sequence"]) == 2 and cancelled["uid"] == meeting.uid


async def test_calendar_file_for_someone_who_never_opened_the_bot(sandbox, world):
    organiser = await world.liaison()
    shy = await world.active_member(name="Pemalu", opened=False)
    group = await world.group("Polres Jaksel", members=[shy])
    await schedule(sandbox, organiser)
    invitation = await sandbox.next_message(group)
    sandbox.expect_rejection("sendDocument", "can't initiate")
    await sandbox.press(shy, invitation, "📅 Kalender (.ics)")
    assert sandbox.last_answer().startswith("Buka chat pribadi dengan bot dulu")
    await sandbox.assert_no_message(group)
