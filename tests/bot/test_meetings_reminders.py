"""Reminders: outbox rows with due times that fire on time, survive a new process, are sent once after downtime,
and are skipped (and logged) once the meeting has started.

The clock starts on Wednesday 27/11/2024 08:00 WIB; "besok 14.00" is Thursday 14:00 WIB, so the default reminders
(MEETING_REMINDER_MINUTES=1440,60) fall due on Wednesday 14:00 and Thursday 13:00 WIB.
"""

import logging
from datetime import UTC, datetime, timedelta

import pytest

from db.models import OutboxStatus
from tests.bot.meetings_steps import outbox_rows, schedule

DAY_BEFORE = datetime(2024, 11, 27, 7, 0, tzinfo=UTC)  # Wed 14:00 WIB
HOUR_BEFORE = datetime(2024, 11, 28, 6, 0, tzinfo=UTC)  # Thu 13:00 WIB
START = datetime(2024, 11, 28, 7, 0, tzinfo=UTC)  # Thu 14:00 WIB


async def _arrange(sandbox, world):
    organiser = await world.liaison()
    andi = await world.active_member(name="Andi")
    rina = await world.active_member(name="Rina", agency="KPU")
    polri = await world.group("Polres Jaksel", members=[andi])
    kpu = await world.group("KPU Jaksel", agency="KPU", region="31.74", members=[rina])
    await schedule(sandbox, organiser, agencies=("Polri", "KPU"))
    invitations = {polri.id: await sandbox.next_message(polri), kpu.id: await sandbox.next_message(kpu)}
    return andi, rina, polri, kpu, invitations


def _reminders(sandbox, chat) -> list[str]:
    return [m.text for m in sandbox.bot_messages(chat) if "Pengingat rapat" in (m.text or "")]


async def test_reminders_fire_at_their_times_naming_non_responders(sandbox, world, clock):
    andi, rina, polri, kpu, invitations = await _arrange(sandbox, world)
    await sandbox.press(andi, invitations[polri.id], "✅ Hadir")
    clock.set(DAY_BEFORE - timedelta(seconds=1))
    for chat in (polri, kpu):
        await sandbox.assert_no_message(chat)
    clock.set(DAY_BEFORE)
    for chat in (polri, kpu):
        reminder = await sandbox.next_message(chat)
        assert "Pengingat rapat — dimulai 1 hari lagi" in reminder.text
        assert "Kamis, 28/11/2024 14:00 WIB" in reminder.text
        assert "Belum menjawab: KPU" in reminder.text and "Polri" not in reminder.text.split("Belum menjawab")[1]
        assert reminder.button("✅ Hadir") is not None
        await sandbox.assert_no_message(chat)
    await sandbox.press(rina, invitations[kpu.id], "❌ Tidak hadir")
    clock.set(HOUR_BEFORE)
    for chat in (polri, kpu):
        reminder = await sandbox.next_message(chat)
        assert "dimulai 1 jam lagi" in reminder.text
        assert "Semua instansi yang diundang sudah menjawab" in reminder.text
    clock.set(START)
    for chat in (polri, kpu):
        await sandbox.assert_no_message(chat)
        assert len(_reminders(sandbox, chat)) == 2


async def test_a_new_application_between_scheduling_and_due_time_sends_them_once(sandbox, world, clock, db_url,
                                                                                 session_factory):
    _andi, _rina, polri, kpu, _invitations = await _arrange(sandbox, world)
    first_app = sandbox.app
    await sandbox.restart(db_url)  # a new process on the same database; the old one is gone
    assert sandbox.app is not first_app
    clock.set(DAY_BEFORE)
    await sandbox.dispatch()
    await sandbox.restart(db_url)  # and another one after the reminder went out
    await sandbox.dispatch()
    clock.set(HOUR_BEFORE)
    await sandbox.dispatch()
    await sandbox.restart(db_url)
    await sandbox.dispatch()
    for chat in (polri, kpu):
        texts = _reminders(sandbox, chat)
        assert len(texts) == 2 and "1 hari lagi" in texts[0] and "1 jam lagi" in texts[1]
    rows = await outbox_rows(sandbox.session_factory, "meeting_reminder")
    assert len(rows) == 4 and {r.status for r in rows} == {OutboxStatus.SENT}


async def test_downtime_across_a_due_time_sends_once_on_return(sandbox, world, clock, db_url):
    _andi, _rina, polri, kpu, _invitations = await _arrange(sandbox, world)
    # the process dies; the one-day reminder falls due while nothing runs
    clock.set(datetime(2024, 11, 27, 13, 0, tzinfo=UTC))  # Wed 20:00 WIB
    await sandbox.restart(db_url)
    await sandbox.dispatch()
    await sandbox.dispatch()
    for chat in (polri, kpu):
        texts = _reminders(sandbox, chat)
        assert len(texts) == 1 and "dimulai 18 jam lagi" in texts[0]  # late, once, and says how long is left
    rows = await outbox_rows(sandbox.session_factory, "meeting_reminder")
    assert sorted(r.status for r in rows) == [OutboxStatus.PENDING] * 2 + [OutboxStatus.SENT] * 2


async def test_reminder_after_the_meeting_started_is_skipped_and_logged(sandbox, world, clock, db_url, caplog):
    andi, _rina, polri, kpu, invitations = await _arrange(sandbox, world)
    clock.set(datetime(2024, 11, 28, 7, 30, tzinfo=UTC))  # down until Thu 14:30 WIB, the meeting began at 14:00
    await sandbox.restart(db_url)
    with caplog.at_level(logging.INFO, logger="bot.dispatcher"):
        await sandbox.dispatch()
    for chat in (polri, kpu):
        await sandbox.assert_no_message(chat)
    rows = await outbox_rows(sandbox.session_factory, "meeting_reminder")
    assert len(rows) == 4 and all(r.status == OutboxStatus.SKIPPED and r.last_error == "past not_after"
                                  for r in rows)
    skipped = [r for r in caplog.records if "skipped" in r.getMessage() and "meeting_reminder" in r.getMessage()]
    assert len(skipped) == 4
    await sandbox.press(andi, invitations[polri.id], "✅ Hadir")
    assert sandbox.last_answer() == "Rapat ini sudah dimulai; jawaban ditutup."


async def test_reminders_per_meeting_follow_the_dialogue(sandbox, world, clock, session_factory):
    organiser = await world.liaison()
    group = await world.group("Polres Jaksel")
    summary = await schedule(sandbox, organiser, toggle_reminders=("✅ 1 hari", "3 jam"), send=False)
    assert "Pengingat: 3 jam, 1 jam sebelumnya" in summary.text
    await sandbox.press_data(organiser, summary, "mtg:rm:-5")  # forged: a reminder after the start
    assert sandbox.last_answer() == "Tombol ini tidak dikenal atau sudah tidak berlaku."
    await sandbox.press(organiser, summary, "📣 Kirim undangan")
    await sandbox.next_message(group)
    rows = await outbox_rows(session_factory, "meeting_reminder")
    assert sorted(r.due_at for r in rows) == [datetime(2024, 11, 28, 4, 0, tzinfo=UTC), HOUR_BEFORE]
    clock.set(DAY_BEFORE)
    await sandbox.assert_no_message(group)
    clock.set(datetime(2024, 11, 28, 4, 0, tzinfo=UTC))
    assert "dimulai 3 jam lagi" in (await sandbox.next_message(group)).text


def test_reminder_setting_is_read_from_the_environment(monkeypatch):
    from pydantic import ValidationError

    from bot.config import Settings

    assert Settings(_env_file=None).meeting_reminder_minutes == [1440, 60]
    monkeypatch.setenv("MEETING_REMINDER_MINUTES", "60, 1440,0,60")
    assert Settings(_env_file=None).meeting_reminder_minutes == [1440, 60, 0]
    monkeypatch.setenv("MEETING_REMINDER_MINUTES", "1440,-5")
    with pytest.raises(ValidationError, match="must not be negative"):
        Settings(_env_file=None)
    monkeypatch.setenv("MEETING_REMINDER_MINUTES", "sehari")
    with pytest.raises(ValidationError, match="comma-separated whole numbers"):
        Settings(_env_file=None)


async def test_the_setting_is_the_dialogue_default(sandbox, world, session_factory, clock):
    sandbox.settings.meeting_reminder_minutes = [120, 0]
    organiser = await world.liaison()
    group = await world.group("Polres Jaksel")
    summary = await schedule(sandbox, organiser, send=False)
    assert "Pengingat: 2 jam, saat mulai sebelumnya" in summary.text
    await sandbox.press(organiser, summary, "📣 Kirim undangan")
    await sandbox.next_message(group)
    rows = await outbox_rows(session_factory, "meeting_reminder")
    assert sorted(r.due_at for r in rows) == [datetime(2024, 11, 28, 5, 0, tzinfo=UTC), START]
    clock.set(START)
    assert "Pengingat rapat" in (await sandbox.next_message(group)).text
