"""Routing of alerts: exactly the expected groups, the command post by severity, the digest, the fallback."""

from sqlmodel import select

from db import chats
from db.models import OutboxMessage, OutboxStatus

ALERT_KINDS = ("sendMessage",)


def _texts(sandbox, chat):
    return [m.text for m in sandbox.bot_messages(chat)]


async def test_alerts_reach_exactly_the_expected_groups(sandbox, world, session_factory):
    officer = await world.active_member()
    polri_jaksel = await world.group("Polri Jaksel", agency="POLRI", region="31.74")
    bawaslu_dki = await world.group("Bawaslu DKI", agency="BAWASLU", region="31")
    gakkumdu_kec = await world.group("Gakkumdu Kebayoran", agency="GAKKUMDU", region="31.74.07")
    polri_jakpus = await world.group("Polri Jakpus", agency="POLRI", region="31.71")
    kpu_jaksel = await world.group("KPU Jaksel", agency="KPU", region="31.74")
    kejaksaan = await world.group("Kejari Jaksel", agency="KEJAKSAAN", region="31.74")
    gone = await world.group("Polri lama", agency="POLRI", region="31.74")
    unregistered = await world.group("Grup bebas", registered=False)
    posko = await world.command_post()
    async with session_factory() as session, session.begin():
        await chats.mark_inactive(session, gone.id, "removed")
    await sandbox.say(officer, "/lapor politik uang jaksel: pembagian amplop di Jl. Senopati")
    await sandbox.next_message(officer)
    await sandbox.dispatch()
    for group in (polri_jaksel, bawaslu_dki, posko):  # responsible here or above; tinggi reaches the post now
        (alert,) = _texts(sandbox, group)
        assert "INS-20241127-1" in alert and "Politik uang" in alert and "Tinggi" in alert
    (notice,) = _texts(sandbox, kejaksaan)
    assert notice.startswith("ℹ️ Untuk diketahui") and "INS-20241127-1" in notice
    for group in (gakkumdu_kec, polri_jakpus, kpu_jaksel, gone, unregistered):
        assert _texts(sandbox, group) == []
    assert _texts(sandbox, world.superadmin()) == []


async def test_lower_severities_reach_the_command_post_as_a_digest(sandbox, world, session_factory, clock):
    officer = await world.active_member()
    polri = await world.group("Polri Jaksel")
    posko = await world.command_post()
    await sandbox.say(officer, "/lapor hoaks jaksel: pesan berantai satu")
    await sandbox.say(officer, "/lapor lalu lintas jaksel: macet di depan TPS")
    await sandbox.dispatch()
    assert len(_texts(sandbox, polri)) == 2
    assert _texts(sandbox, posko) == []
    clock.advance(minutes=15)
    digest = await sandbox.next_message(posko)
    assert "INS-20241127-1" in digest.text and "INS-20241127-2" in digest.text and "/insiden" in digest.text
    assert digest.buttons == []
    await sandbox.assert_no_message(posko)


async def test_an_incident_with_nowhere_to_go_reaches_the_command_post_and_superadmins(sandbox, world):
    officer = await world.active_member(agency="KPU", region="36.03")
    posko = await world.command_post()
    await sandbox.say(officer, "/lapor hoaks kab tangerang: rendah tapi tak ada grup")
    await sandbox.dispatch()
    (alert,) = _texts(sandbox, posko)
    assert "INS-20241127-1" in alert
    private = _texts(sandbox, world.superadmin())
    assert len(private) == 1 and "Petugas" in private[0]  # a private alert may carry the reporter's name


async def test_alerts_are_delivered_after_429s_and_500s(sandbox, world, session_factory, clock):
    officer = await world.active_member()
    groups = [await world.group(f"Polri {i}") for i in range(3)]
    posko = await world.command_post()
    await sandbox.say(officer, "/lapor provokasi jaksel: massa mulai ricuh")
    await sandbox.next_message(officer)  # the reporter's answer came directly; the alerts wait in the outbox
    sandbox.inject("sendMessage", retry_after=5, times=2)
    sandbox.inject("sendMessage", error=(500, "Internal Server Error"), times=2)
    sandbox.inject("sendMessage", error=(502, "Bad Gateway"), times=1)
    for _ in range(12):
        await sandbox.dispatch()
        clock.advance(seconds=30)
    for chat in (*groups, posko):
        assert sandbox.count("sendMessage", chat_id=chat.id) == 1
    async with session_factory() as session:
        statuses = (await session.scalars(select(OutboxMessage.status).where(OutboxMessage.kind == "alert"))).all()
    assert statuses and all(s == OutboxStatus.SENT for s in statuses)
