"""The core through the real Application: /start answers in Indonesian."""


async def test_start_greets_in_indonesian(sandbox):
    user = sandbox.add_user("Budi")
    await sandbox.say(user, "/start")
    reply = await sandbox.next_message(user)
    assert "Selamat datang di Sinergi" in reply.text
    assert "/daftar" in reply.text
