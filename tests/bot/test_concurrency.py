"""Updates flow through PTB's update queue as in production: chats side by side, one chat in order."""

import asyncio

from telegram import Update


async def _run_queue(sandbox, updates):
    """Feed updates through the Application's own queue and processor (not process_update directly)."""
    app = sandbox.app
    await app.start()
    try:
        for update in updates:
            await app.update_queue.put(Update.de_json(update, app.bot))
        for _ in range(500):
            if app.update_queue.empty() and app.update_processor.current_concurrent_updates == 0:
                break
            await asyncio.sleep(0.01)
    finally:
        await app.stop()


async def test_a_slow_chat_does_not_hold_up_another(sandbox, world):
    slow = await world.active_member(name="Lambat")
    quick = await world.active_member(name="Cepat")
    sandbox.inject("sendMessage", chat_id=slow.id, latency=0.5)
    await _run_queue(sandbox, [sandbox.raw.user_message(slow, "/start"), sandbox.raw.user_message(quick, "/start")])
    answers = [c.params["chat_id"] for c in sandbox.calls if c.method == "sendMessage"]
    assert answers == [quick.id, slow.id]  # the quick chat was answered while the slow one waited


async def test_one_chat_is_handled_in_order(sandbox, world, session_factory):
    officer = await world.active_member()
    sandbox.inject("sendMessage", chat_id=officer.id, latency=0.05)
    updates = [sandbox.raw.user_message(officer, text) for text in ("/bantuan", "/profil", "/tidakada")]
    await _run_queue(sandbox, updates)
    texts = [m.text for m in sandbox.bot_messages(officer)]
    assert texts[0].startswith("ℹ️ Bantuan") and texts[1].startswith("👤 Profil")
    assert texts[2].startswith("❓ Perintah tidak dikenal")
