"""Election stages: /tahapan before, during and between stages; edits by super admins only, audited; reminders
at 7 days, 1 day and the first morning with guidance, moved with the dates, sent once across restarts, none for
a stage already over."""

from datetime import date, datetime

import pytest
from sqlmodel import col, delete, select

from bot.scheduler import PERIODIC
from db import chats
from db.errors import InvalidInput
from db.models import AuditEntry, OutboxMessage, OutboxStatus, Stage
from db.stages import REMINDER_KIND, WIB, parse_period


def wib(*args: int) -> datetime:
    return datetime(*args, tzinfo=WIB)


async def _stage(session_factory, code: str) -> Stage:
    async with session_factory() as session:
        stage = await session.scalar(select(Stage).where(Stage.code == code))
    assert stage is not None
    return stage


async def _replace_schedule(session_factory, *stages: Stage) -> None:
    async with session_factory() as session, session.begin():
        await session.execute(delete(Stage))
        session.add_all(stages)


async def _reminders(sandbox, settings) -> None:
    """What the every-minute upkeep does: queue the stage reminders coming up."""
    await PERIODIC["stage_reminders"](sandbox.session_factory, settings)


def _texts(sandbox, chat) -> list[str]:
    texts = []
    while (message := sandbox.take(chat)) is not None:
        texts.append(message.text)
    return texts


async def _open_card(sandbox, admin, name: str):
    await sandbox.say(admin, "/tahapan ubah")
    listing = await sandbox.next_message(admin)
    while listing.button(name) is None:
        await sandbox.press(admin, listing, "▶")
    await sandbox.press(admin, listing, name)
    return listing


# ---- /tahapan -----------------------------------------------------------------------------------------------

async def test_tahapan_before_during_and_between_stages(sandbox, world, session_factory, clock):
    await _replace_schedule(
        session_factory,
        Stage(code="SATU", sort_order=1, name_id="Tahap Satu", name_en="Stage One", start_date=date(2024, 12, 2),
              end_date=date(2024, 12, 4), guidance_id="Arahan satu", guidance_en="Guidance one"),
        Stage(code="DUA", sort_order=2, name_id="Tahap Dua", name_en="Stage Two", start_date=date(2024, 12, 10),
              end_date=date(2024, 12, 10), start_at=wib(2024, 12, 10, 7), end_at=wib(2024, 12, 10, 13)),
        Stage(code="TIGA", sort_order=3, name_id="Tahap Tiga", name_en="Stage Three", start_date=date(2024, 12, 10),
              end_date=date(2024, 12, 20)))
    member = await world.active_member()
    group = await world.group(members=[member])

    async def tahapan() -> str:
        await sandbox.say(member, "/tahapan", chat=group)
        return (await sandbox.next_message(group)).text

    before = await tahapan()  # 27 Nov: nothing on yet
    assert "Tidak ada tahapan yang sedang berlangsung." in before
    assert "⏭️ Tahap Satu — 02/12/2024 – 04/12/2024 · mulai 5 hari lagi" in before
    assert "Tahap Dua" not in before and "📌 Arahan satu" in before

    clock.set(wib(2024, 12, 3, 10))
    during = await tahapan()
    assert "▶️ Tahap Satu — 02/12/2024 – 04/12/2024 · berakhir besok" in during
    assert "📌 Arahan satu" in during
    assert "⏭️ Tahap Dua — 10/12/2024 07:00 – 13:00 WIB · mulai 7 hari lagi" in during
    assert "⏭️ Tahap Tiga — 10/12/2024 – 20/12/2024 · mulai 7 hari lagi" in during

    clock.set(wib(2024, 12, 6, 9))
    between = await tahapan()
    assert "Tidak ada tahapan yang sedang berlangsung." in between
    assert "mulai 4 hari lagi" in between and "Tahap Satu" not in between

    clock.set(wib(2024, 12, 10, 6))  # Tahap Tiga runs from midnight, Tahap Dua starts at 07:00
    morning = await tahapan()
    assert "▶️ Tahap Tiga — 10/12/2024 – 20/12/2024 · berakhir dalam 10 hari" in morning
    assert "⏭️ Tahap Dua — 10/12/2024 07:00 – 13:00 WIB · mulai hari ini" in morning

    clock.set(wib(2024, 12, 21, 9))
    after = await tahapan()
    assert "Tidak ada tahapan yang sedang berlangsung." in after
    assert "Belum ada tahapan berikutnya yang terjadwal." in after


async def test_tahapan_on_voting_day_from_the_seed_in_both_languages(sandbox, world):
    member = await world.active_member()
    await sandbox.say(member, "/tahapan")
    text = (await sandbox.next_message(member)).text
    assert "▶️ Pemungutan suara — 27/11/2024 07:00 – 13:00 WIB · berakhir hari ini" in text
    assert "TPS buka 07.00–13.00 WIB" in text
    assert "⏭️ Penyampaian hasil penghitungan TPS dari PPS ke PPK — 28/11/2024 – 30/11/2024 · mulai besok" in text
    assert "Masa tenang" not in text
    english = await world.active_member(language="en")
    await sandbox.say(english, "/stages")
    text = (await sandbox.next_message(english)).text
    assert "▶️ Voting day — 27/11/2024 07:00 – 13:00 WIB · ends today" in text and "TPS open 07.00–13.00" in text
    await sandbox.say(english, "/stages all")
    schedule = (await sandbox.next_message(english)).text
    assert "✅ Quiet period — 24/11/2024 00:00 WIB – 26/11/2024" in schedule
    assert "❔ Results disputes at the Constitutional Court — date not set yet" in schedule
    assert "🔜 Inauguration of elected governors" in schedule


# ---- edits ------------------------------------------------------------------------------------------------------

async def test_superadmin_changes_dates_and_guidance_audited_and_bad_input_changes_nothing(sandbox, world,
                                                                                         session_factory):
    admin = world.superadmin()
    masa = await _stage(session_factory, "MASA_TENANG")
    listing = await _open_card(sandbox, admin, "Masa tenang")
    assert "24/11/2024 00:00 WIB – 26/11/2024" in listing.text
    await sandbox.press(admin, listing, "📅 Ubah tanggal")
    assert "Ketik tanggal (WIB) untuk <b>Masa tenang</b>" in listing.html
    for bad, reason in (("besok saja", "Tanggal tidak dapat dibaca"), ("26/11/2024 - 24/11/2024", "sesudah"),
                        ("31/02/2024", "tidak dapat dibaca")):
        await sandbox.say(admin, bad)
        assert reason in (await sandbox.next_message(admin)).text
    assert (await _stage(session_factory, "MASA_TENANG")).start_date == date(2024, 11, 24)
    await sandbox.say(admin, "25/11/2024 - 26/11/2024")
    card = await sandbox.next_message(admin)
    assert card.text.startswith("✅ Tanggal diubah") and "📅 25/11/2024 – 26/11/2024" in card.text
    stored = await _stage(session_factory, "MASA_TENANG")
    assert (stored.start_date, stored.end_date, stored.start_at, stored.customized) == (
        date(2024, 11, 25), date(2024, 11, 26), None, True)

    await sandbox.press(admin, card, "📝 Arahan (EN)")
    await sandbox.say(admin, "No campaigning <at all>; remove the props.")
    card = await sandbox.next_message(admin)
    assert "No campaigning &lt;at all&gt;; remove the props." in card.html
    assert (await _stage(session_factory, "MASA_TENANG")).guidance_en == "No campaigning <at all>; remove the props."

    async with session_factory() as session:
        entries = (await session.scalars(select(AuditEntry).where(col(AuditEntry.action).startswith("stage."))
                                         .order_by(AuditEntry.id))).all()
    assert [(e.action, e.actor_tg_id, e.subject) for e in entries] == [
        ("stage.dates_changed", admin.id, f"stage:{masa.id}"), ("stage.guidance_changed", admin.id, f"stage:{masa.id}")]
    assert entries[0].detail["before"]["start_date"] == "2024-11-24"
    assert entries[0].detail["after"]["start_date"] == "2024-11-25"
    assert entries[1].detail["lang"] == "en" and entries[1].detail["after"].startswith("No campaigning")


async def test_superadmin_adds_and_removes_a_stage(sandbox, world, session_factory, settings):
    admin = world.superadmin()
    group = await world.group()
    await sandbox.say(admin, "/tahapan ubah")
    listing = await sandbox.next_message(admin)
    await sandbox.press(admin, listing, "➕ Tambah tahapan")
    await sandbox.say(admin, "Debat publik ketiga | Third public debate")
    assert "Debat publik ketiga" in (await sandbox.next_message(admin)).text
    await sandbox.say(admin, "29/11/2024 19.00 - 29/11/2024 21.00")
    card = await sandbox.next_message(admin)
    assert "✅ Tahapan ditambahkan." in card.text and "29/11/2024 19:00 – 21:00 WIB" in card.text
    added = await _stage(session_factory, "DEBAT_PUBLIK_KETIGA")
    assert (added.name_en, added.customized) == ("Third public debate", True)
    await _reminders(sandbox, settings)
    async with session_factory() as session:
        pending = (await session.scalars(select(OutboxMessage).where(
            OutboxMessage.subject == f"stage:{added.id}", OutboxMessage.status == OutboxStatus.PENDING))).all()
    assert sorted((row.payload["offset"], row.due_at) for row in pending) == [
        (0, wib(2024, 11, 29, 6)), (1, wib(2024, 11, 28, 6))]  # the 7-day one was due last week: not queued
    assert {row.chat_id for row in pending} == {group.id}

    await sandbox.press(admin, card, "🗑 Hapus")
    assert "Hapus tahapan <b>Debat publik ketiga</b>?" in card.html
    await sandbox.press(admin, card, "🗑 Ya, hapus")
    assert card.text == "🗑 Tahapan Debat publik ketiga dihapus."
    async with session_factory() as session:
        removed = await session.get(Stage, added.id)
        assert removed is not None and not removed.active and removed.customized  # kept so a re-seed skips it
        rows = [await session.get(OutboxMessage, row.id) for row in pending]
        actions = (await session.scalars(select(AuditEntry.action).where(
            AuditEntry.subject == f"stage:{added.id}").order_by(AuditEntry.id))).all()
    assert [row.status for row in rows] == [OutboxStatus.CANCELLED, OutboxStatus.CANCELLED]
    assert actions == ["stage.added", "stage.removed"]


async def test_only_superadmins_edit_stages(sandbox, world, session_factory):
    masa = await _stage(session_factory, "MASA_TENANG")
    posko = await world.posko_staff()
    agency_admin = await world.agency_admin()
    for person in (posko, agency_admin):
        await sandbox.say(person, "/tahapan")
        overview = await sandbox.next_message(person)
        assert overview.button("⚙️ Kelola tahapan") is None
        await sandbox.say(person, "/tahapan ubah")
        assert "tidak mengizinkan" in (await sandbox.next_message(person)).text
        for data in (f"stg:dates:{masa.id}", f"stg:delok:{masa.id}", "stg:add:0", f"stg:gid:{masa.id}"):
            await sandbox.press_data(person, overview, data)
            assert "tidak mengizinkan" in sandbox.last_answer()
        await sandbox.say(person, "25/11/2024 - 26/11/2024")  # no dialogue of theirs: nothing changes
        assert "tidak memahami" in (await sandbox.next_message(person)).text
    stored = await _stage(session_factory, "MASA_TENANG")
    assert (stored.start_date, stored.customized) == (date(2024, 11, 24), False)
    async with session_factory() as session:
        audited = (await session.scalars(select(AuditEntry).where(col(AuditEntry.action).startswith("stage.")))).all()
    assert audited == []


async def test_manager_opens_in_private_from_a_group(sandbox, world):
    admin = world.superadmin()
    group = await world.group("Grup Admin", admins=[admin])
    await sandbox.say(admin, "/tahapan ubah", chat=group)
    answer = await sandbox.next_message(group)
    assert answer.text == "Tahapan dikelola di chat pribadi dengan bot."
    assert answer.buttons == [[("Buka chat pribadi", "https://t.me/sinergi_test_bot?start=tahapan")]]
    await sandbox.say(admin, "/start tahapan")
    listing = await sandbox.next_message(admin)
    assert listing.text.startswith("⚙️ Kelola tahapan (26)") and listing.button("➕ Tambah tahapan")
    await sandbox.say(admin, "/tahapan", chat=group)
    assert (await sandbox.next_message(group)).button("⚙️ Kelola tahapan") is None  # not in front of a group


# ---- reminders --------------------------------------------------------------------------------------------------

async def _morning(sandbox, settings, clock, day: datetime, chat) -> list[str]:
    """Run the upkeep just before 06:00 on `day`, then deliver what is due at 06:00."""
    clock.set(day.replace(hour=5, minute=59))
    await _reminders(sandbox, settings)
    await sandbox.dispatch()
    assert _texts(sandbox, chat) == [], "a reminder went out before its time"
    clock.set(day.replace(hour=6))
    await sandbox.dispatch()
    return _texts(sandbox, chat)


async def test_reminders_at_7_days_1_day_and_the_first_morning_with_guidance(sandbox, world, session_factory,
                                                                              settings, clock):
    group = await world.group("Polres Jaksel")
    posko = await world.command_post()
    unregistered = await world.group("Grup Belum Terdaftar", registered=False)
    removed = await world.group("Grup Lama")
    async with session_factory() as session, session.begin():
        await chats.mark_inactive(session, removed.id, "bot was kicked")
    received: dict[int, list[str]] = {}
    for day in range(16, 28):
        texts = await _morning(sandbox, settings, clock, wib(2024, 11, day), group)
        received[day] = [text for text in texts if "Masa tenang" in text]
        assert _texts(sandbox, posko) == texts  # the command post gets the same reminders
    assert {day: len(texts) for day, texts in received.items() if texts} == {17: 1, 23: 1, 24: 1}
    seven, one, first = received[17][0], received[23][0], received[24][0]
    assert "Masa tenang dimulai 7 hari lagi — 24/11/2024 00:00 WIB – 26/11/2024." in seven
    assert "Masa tenang dimulai besok" in one and "Masa tenang dimulai hari ini" in first
    for text in (seven, one, first):
        assert text.startswith("🔔 Pengingat tahapan Pilkada")
        assert "📌 Arahan: Kampanye dilarang sejak pukul 00.00 WIB hari pertama; APK wajib ditertibkan" in text
    voting = [t for t in await _morning(sandbox, settings, clock, wib(2024, 11, 27), group) if "Pemungutan" in t]
    assert voting == []  # its first morning was the 27th: already delivered in the loop above
    assert sandbox.bot_messages(unregistered) == [] and sandbox.bot_messages(removed) == []


async def test_first_morning_of_voting_day_says_when_polls_open(sandbox, world, settings, clock):
    group = await world.group(language="en")
    texts = await _morning(sandbox, settings, clock, wib(2024, 11, 27), group)
    voting = [t for t in texts if "Voting day" in t]
    assert voting == ["🔔 Election stage reminder\n\nVoting day starts today — 27/11/2024 07:00 – 13:00 WIB.\n\n"
                      "📌 Guidance: A national holiday. TPS open 07.00–13.00 WIB; voters queuing at 13.00 are still "
                      "served. Guards stay outside the TPS and enter only if there is a disturbance; never leave the "
                      "logistics."]


async def test_changing_dates_moves_the_pending_reminders(sandbox, world, session_factory, settings, clock):
    group = await world.group()
    admin = world.superadmin()
    masa = await _stage(session_factory, "MASA_TENANG")
    clock.set(wib(2024, 11, 22, 8))
    await _reminders(sandbox, settings)
    await sandbox.dispatch()  # what was due this morning goes out now
    _texts(sandbox, group)
    async with session_factory() as session:
        old = (await session.scalars(select(OutboxMessage).where(OutboxMessage.subject == f"stage:{masa.id}"))).all()
    assert sorted(r.due_at for r in old) == [wib(2024, 11, 23, 6), wib(2024, 11, 24, 6)]
    listing = await _open_card(sandbox, admin, "Masa tenang")
    await sandbox.press(admin, listing, "📅 Ubah tanggal")
    await sandbox.say(admin, "25/11/2024 - 26/11/2024")
    await sandbox.next_message(admin)
    async with session_factory() as session:
        rows = (await session.scalars(select(OutboxMessage).where(OutboxMessage.subject == f"stage:{masa.id}")
                                      .order_by(OutboxMessage.id))).all()
    assert {r.id: r.status for r in rows if r.id in {o.id for o in old}} == {o.id: OutboxStatus.CANCELLED for o in old}
    assert [(r.due_at, r.payload["offset"]) for r in rows if r.status == OutboxStatus.PENDING] == [
        (wib(2024, 11, 24, 6), 1)]  # the first-morning one is queued by the upkeep when it comes within 2 days

    masa_texts = {}
    for day in (23, 24, 25, 26):
        masa_texts[day] = [t for t in await _morning(sandbox, settings, clock, wib(2024, 11, day), group)
                           if "Masa tenang" in t]
    assert masa_texts[23] == [] and masa_texts[26] == []
    assert len(masa_texts[24]) == 1 and "Masa tenang dimulai besok — 25/11/2024 – 26/11/2024." in masa_texts[24][0]
    assert len(masa_texts[25]) == 1 and "Masa tenang dimulai hari ini — 25/11/2024 – 26/11/2024." in masa_texts[25][0]

    # back to the old dates: the freed reminder keys are used again
    clock.set(wib(2024, 11, 20, 8))
    listing = await _open_card(sandbox, admin, "Masa tenang")
    await sandbox.press(admin, listing, "📅 Ubah tanggal")
    await sandbox.say(admin, "24/11/2024 - 26/11/2024")
    await sandbox.next_message(admin)
    clock.set(wib(2024, 11, 22, 8))
    await _reminders(sandbox, settings)
    async with session_factory() as session:
        pending = (await session.scalars(select(OutboxMessage.due_at).where(
            OutboxMessage.subject == f"stage:{masa.id}", OutboxMessage.status == OutboxStatus.PENDING))).all()
    assert sorted(pending) == [wib(2024, 11, 23, 6), wib(2024, 11, 24, 6)]


async def test_reminder_is_sent_once_across_restarts(sandbox, world, settings, clock, db_url):
    group = await world.group()
    clock.set(wib(2024, 11, 23, 5))
    await _reminders(sandbox, settings)
    await sandbox.restart(db_url)  # the process dies before 06:00; a new one takes over
    clock.set(wib(2024, 11, 23, 6, 1))
    await _reminders(sandbox, settings)
    await sandbox.dispatch()
    first = [t for t in _texts(sandbox, group) if "Masa tenang" in t]
    assert len(first) == 1
    await sandbox.restart(db_url)  # and once more after it was sent
    await _reminders(sandbox, settings)
    await sandbox.dispatch()
    assert [t for t in _texts(sandbox, group) if "Masa tenang" in t] == []
    async with sandbox.session_factory() as session:
        rows = (await session.scalars(select(OutboxMessage).where(
            OutboxMessage.kind == REMINDER_KIND, OutboxMessage.chat_id == group.id,
            col(OutboxMessage.dedupe_key).contains(":1:2024-11-24:")))).all()
    assert [r.status for r in rows] == [OutboxStatus.SENT]


async def test_no_reminder_for_a_stage_already_over(sandbox, world, session_factory, settings, clock):
    group = await world.group()
    masa = await _stage(session_factory, "MASA_TENANG")
    clock.set(wib(2024, 11, 23, 5))
    await _reminders(sandbox, settings)  # queued while the quiet period was still ahead
    clock.set(wib(2024, 11, 27, 8))  # the bot was down until voting day: the quiet period is over
    await _reminders(sandbox, settings)
    await sandbox.dispatch()
    texts = _texts(sandbox, group)
    assert not [t for t in texts if "Masa tenang" in t]
    assert [t for t in texts if "Pemungutan suara dimulai hari ini" in t]  # today's stage is still told
    kampanye = await _stage(session_factory, "KAMPANYE")
    async with session_factory() as session:
        statuses = (await session.scalars(select(OutboxMessage.status).where(
            OutboxMessage.subject == f"stage:{masa.id}"))).all()
        none_for_kampanye = (await session.scalars(select(OutboxMessage.id).where(
            OutboxMessage.subject == f"stage:{kampanye.id}"))).all()
    assert statuses and set(statuses) == {OutboxStatus.SKIPPED}
    assert none_for_kampanye == []


async def test_stage_reminder_days_setting_chooses_the_offsets(sandbox, world, settings, clock):
    group = await world.group()
    settings.stage_reminder_days = [2]
    received = {day: [t for t in await _morning(sandbox, settings, clock, wib(2024, 11, day), group)
                      if "Masa tenang" in t] for day in range(16, 26)}
    assert {day: len(texts) for day, texts in received.items() if texts} == {22: 1}
    assert "Masa tenang dimulai 2 hari lagi" in received[22][0]


@pytest.mark.parametrize(("typed", "expected"), [
    ("24/11/2024 - 26/11/2024", (date(2024, 11, 24), date(2024, 11, 26), None, None)),
    ("24.11.2024 s.d. 26.11.2024", (date(2024, 11, 24), date(2024, 11, 26), None, None)),
    ("2024-11-27", (date(2024, 11, 27), date(2024, 11, 27), None, None)),
    ("27/11/2024 pukul 07.00 WIB sampai 27/11/2024 13:00 WIB",
     (date(2024, 11, 27), date(2024, 11, 27), wib(2024, 11, 27, 7), wib(2024, 11, 27, 13))),
])
def test_typed_periods(typed, expected):
    period = parse_period(typed)
    assert (period.start_date, period.end_date, period.start_at, period.end_at) == expected


@pytest.mark.parametrize(("typed", "key"), [
    ("besok", "stages.dates_invalid"), ("31/02/2024", "stages.dates_invalid"),
    ("1/1/2024 - 2/1/2024 - 3/1/2024", "stages.dates_invalid"), ("24/11/2024 lalu 26/11/2024", "stages.dates_invalid"),
    ("26/11/2024 - 24/11/2024", "stages.dates_order"), ("27/11/2024 13.00 - 27/11/2024 07.00", "stages.dates_order"),
    ("27/11/2024 25.00", "stages.dates_invalid"),
])
def test_unreadable_periods_are_refused(typed, key):
    with pytest.raises(InvalidInput) as refused:
        parse_period(typed)
    assert refused.value.key == key


async def test_a_removed_stage_stays_removed_after_reseeding(sandbox, world, session_factory):
    from sqlmodel import select

    from db import stages
    from db.models import Stage
    from db.seed import load_seed

    superadmin = world.superadmin()
    async with session_factory() as session:
        quiet = await session.scalar(select(Stage).where(Stage.code == "MASA_TENANG"))
    async with session_factory() as session, session.begin():
        from db.access import Actor

        await stages.remove_stage(session, actor=Actor(tg_user_id=superadmin.id, stakeholder=None,
                                                       is_superadmin=True), stage_id=quiet.id)
    async with session_factory() as session, session.begin():
        report = await load_seed(session)
    assert not report.changed
    async with session_factory() as session:
        codes = [s.code for s in await stages.list_stages(session)]
    assert "MASA_TENANG" not in codes and "PEMUNGUTAN_SUARA" in codes
