"""The core through the real Application: /start answers in Indonesian."""


async def test_start_greets_in_indonesian(sandbox):
    user = sandbox.add_user("Budi")
    await sandbox.say(user, "/start")
    reply = await sandbox.next_message(user)
    assert "Selamat datang di Sinergi" in reply.text
    assert "/daftar" in reply.text


async def test_a_failing_handler_is_logged_and_the_person_gets_an_apology(sandbox, caplog):
    import logging

    caplog.set_level(logging.INFO, logger="bot.updates")
    user = sandbox.add_user("Budi")
    sandbox.inject("sendMessage", error=(500, "Internal Server Error"), times=1)  # the greeting fails once
    await sandbox.say(user, "/start")
    apology = await sandbox.next_message(user)
    assert apology.text.startswith("⚠️ Maaf, terjadi kesalahan")
    assert any("error while handling" in r.getMessage() and f"user={user.id}" in r.getMessage()
               for r in caplog.records)
    assert any("command=/start outcome=error" in r.getMessage() for r in caplog.records)


async def test_each_update_is_logged_without_its_text(sandbox, caplog):
    import logging

    caplog.set_level(logging.INFO, logger="bot.updates")
    user = sandbox.add_user("Sari")
    await sandbox.say(user, "rahasia negara 12345")
    lines = [r.getMessage() for r in caplog.records if r.name == "bot.updates"]
    assert len(lines) == 1 and f"user={user.id}" in lines[0] and "outcome=refused" in lines[0]
    assert "duration_ms=" in lines[0] and "rahasia" not in lines[0]


async def test_the_timezone_setting_decides_how_times_are_shown(sandbox, world, settings, session_factory):
    from bot.app import build_application
    from bot.config import Settings
    from bot.sandbox.transport import make_request

    officer = await world.active_member()
    group = await world.group()
    elsewhere = Settings(_env_file=None, bot_token=settings.bot_token, database_url=settings.database_url,
                         timezone="Asia/Makassar")
    build_application(elsewhere, session_factory=session_factory, request=make_request(sandbox.raw))
    await sandbox.say(officer, "/lapor hoaks jaksel: kabar palsu")
    alert = await sandbox.next_message(group)
    assert "27/11/2024 09:00 WITA" in alert.text  # 08:00 WIB is 09:00 in Makassar
