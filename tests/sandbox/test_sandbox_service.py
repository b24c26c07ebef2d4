"""Updates (long polling, webhooks), files, commands and bot settings."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import pytest
import telegram
from telegram.error import BadRequest, Conflict

from bot.sandbox import Sandbox, SUser
from bot.sandbox.asgi import create_app
from tests.sandbox.conftest import TOKEN, assert_rejected


async def test_long_poll_returns_a_queued_update(sandbox: Sandbox, bot: telegram.Bot, user: SUser) -> None:
    assert await bot.get_updates(timeout=0) == ()

    async def later() -> None:
        await asyncio.sleep(0.1)
        update = sandbox.user_message(user, "/start")
        assert update is not None
        await sandbox.deliver(update)  # no sink: queued for getUpdates

    task = asyncio.create_task(later())
    updates = await bot.get_updates(timeout=5)
    await task
    assert len(updates) == 1 and updates[0].message is not None and updates[0].message.text == "/start"
    # Unconfirmed updates come again; an offset confirms them.
    assert len(await bot.get_updates(timeout=0)) == 1
    assert await bot.get_updates(offset=updates[0].update_id + 1, timeout=0) == ()
    info = await bot.get_webhook_info()
    assert info.url == "" and info.pending_update_count == 0


async def test_long_poll_times_out_empty(bot: telegram.Bot) -> None:
    assert await bot.get_updates(timeout=1) == ()


async def test_second_poller_terminates_the_first(sandbox: Sandbox, bot: telegram.Bot) -> None:
    first = asyncio.create_task(bot.get_updates(timeout=5))
    await asyncio.sleep(0.05)
    second = asyncio.create_task(bot.get_updates(timeout=0))
    with pytest.raises(Conflict, match="terminated by other getUpdates request"):
        await first
    assert await second == ()


async def test_webhook_blocks_polling(sandbox: Sandbox, bot: telegram.Bot) -> None:
    await assert_rejected(
        sandbox,
        bot.set_webhook("http://example.org/hook"),
        BadRequest,
        "Bad Request: bad webhook: An HTTPS URL must be provided for webhook",
    )
    assert await bot.set_webhook("https://example.org/hook")
    assert (await bot.get_webhook_info()).url == "https://example.org/hook"
    with pytest.raises(Conflict):
        await bot.get_updates()
    assert await bot.delete_webhook()
    assert await bot.get_updates() == ()


async def test_allowed_updates_filter(sandbox: Sandbox, bot: telegram.Bot, user: SUser) -> None:
    message = sandbox.user_message(user, "hai")
    assert message is not None
    sandbox.queue(message)
    await bot.get_updates(timeout=0, allowed_updates=["callback_query"])
    assert await bot.get_updates(timeout=0) == ()  # the message update was dropped


async def test_sink_receives_delivered_updates(sandbox: Sandbox, user: SUser) -> None:
    seen: list[dict[str, Any]] = []

    async def sink(update: dict[str, Any]) -> None:
        seen.append(update)

    sandbox.update_sink = sink
    update = sandbox.user_message(user, "halo")
    assert update is not None
    await sandbox.deliver(update)
    assert seen == [update]


async def test_get_file_and_download(sandbox: Sandbox, bot: telegram.Bot, user: SUser) -> None:
    file = sandbox.add_file(b"isi berkas C1", mime_type="text/plain", file_name="c1.txt")
    got = await bot.get_file(file.file_id)
    assert got.file_size == len(b"isi berkas C1") and got.file_path is not None
    assert bytes(await got.download_as_bytearray()) == b"isi berkas C1"
    random_file = sandbox.add_file(size=5000)
    downloaded = await (await bot.get_file(random_file.file_id)).download_as_bytearray()
    assert len(downloaded) == 5000 and bytes(downloaded) == random_file.content()
    big = sandbox.add_file(size=21 * 1024 * 1024)
    await assert_rejected(sandbox, bot.get_file(big.file_id), BadRequest, "Bad Request: file is too big")
    await assert_rejected(sandbox, bot.get_file("nope"), BadRequest, "Bad Request: invalid file_id")
    uploaded = await bot.send_document(user.id, b"laporan", filename="lap.txt")
    assert uploaded.document is not None
    again = await bot.get_file(uploaded.document.file_id)
    assert bytes(await again.download_as_bytearray()) == b"laporan"


async def test_commands(sandbox: Sandbox, bot: telegram.Bot, user: SUser) -> None:
    commands = [("start", "Mulai"), ("lapor", "Kirim laporan"), ("a" * 32, "d" * 256)]
    assert await bot.set_my_commands(commands)
    assert sandbox.commands() == commands
    assert [(c.command, c.description) for c in await bot.get_my_commands()] == commands
    scope = telegram.BotCommandScopeChat(user.id)
    assert await bot.set_my_commands([("admin", "Menu admin")], scope=scope, language_code="id")
    assert sandbox.commands({"type": "chat", "chat_id": user.id}, "id") == [("admin", "Menu admin")]
    assert await bot.get_my_commands(scope=scope) == ()  # no fallback between languages
    assert await bot.delete_my_commands()
    assert sandbox.commands() == []
    for bad in ("Start", "/start", "a" * 33, "mulai sekarang"):
        await assert_rejected(
            sandbox, bot.set_my_commands([(bad, "x")]), BadRequest, "Bad Request: BOT_COMMAND_INVALID"
        )
    await assert_rejected(
        sandbox, bot.set_my_commands([("", "x")]), BadRequest, "Bad Request: command must be non-empty"
    )
    await assert_rejected(
        sandbox,
        bot.set_my_commands([("ok", "")]),
        BadRequest,
        "Bad Request: command description must be non-empty",
    )
    await assert_rejected(
        sandbox,
        bot.set_my_commands([("ok", "d" * 257)]),
        BadRequest,
        "Bad Request: BOT_COMMAND_DESCRIPTION_INVALID",
    )
    await assert_rejected(
        sandbox,
        bot.set_my_commands([(f"c{i}", "x") for i in range(101)]),
        BadRequest,
        "Bad Request: BOT_COMMANDS_TOO_MUCH",
    )


async def test_menu_button_and_bot_texts(bot: telegram.Bot, user: SUser) -> None:
    assert isinstance(await bot.get_chat_menu_button(), telegram.MenuButtonDefault)
    assert await bot.set_chat_menu_button(user.id, telegram.MenuButtonCommands())
    assert isinstance(await bot.get_chat_menu_button(user.id), telegram.MenuButtonCommands)
    assert await bot.set_my_description("Bot koordinasi", language_code="id")
    assert (await bot.get_my_description("id")).description == "Bot koordinasi"
    assert await bot.set_my_short_description("Koordinasi")
    assert (await bot.get_my_short_description()).short_description == "Koordinasi"
    assert await bot.set_my_name("Sinergi")
    assert (await bot.get_my_name()).name == "Sinergi"


async def test_control_api_and_raw_requests(sandbox: Sandbox) -> None:
    transport = httpx.ASGITransport(app=create_app(sandbox))
    async with httpx.AsyncClient(transport=transport, base_url="http://sandbox") as client:
        created = (await client.post("/sandbox/users", json={"first_name": "Ani", "user_id": 555})).json()
        assert created["id"] == 555 and created["opened"] is True
        group = (await client.post("/sandbox/groups", json={"title": "G", "member_ids": [555]})).json()
        assert group["type"] == "group"
        said = (await client.post("/sandbox/say", json={"user_id": 555, "text": "/start"})).json()
        assert said["delivered"] is True
        # A JSON body and a query string work too, with Telegram's answers.
        polled = (await client.post(f"/bot{TOKEN}/getUpdates", json={"timeout": 0})).json()
        assert polled["ok"] and polled["result"][0]["message"]["text"] == "/start"
        sent = (await client.get(f"/bot{TOKEN}/sendMessage", params={"chat_id": 555, "text": "halo"})).json()
        assert sent["result"]["text"] == "halo"
        bad = await client.post(f"/bot{TOKEN}/sendMessage", data={"chat_id": "555"})
        assert bad.status_code == 400 and bad.json()["description"] == "Bad Request: message text is empty"
        messages = (await client.get("/sandbox/messages", params={"chat_id": 555})).json()
        assert [m["text"] for m in messages] == ["/start", "halo"] and messages[1]["from_bot"]
        assert len((await client.get("/sandbox/calls")).json()) == 3
        assert (await client.get("/sandbox/rejections")).json()[0]["description"].endswith("message text is empty")
        missing = await client.get(f"/file/bot{TOKEN}/documents/none.bin")
        assert missing.status_code == 404


async def test_updates_queued_out_of_order_are_renumbered(sandbox: Sandbox, bot: telegram.Bot, user: SUser) -> None:
    early = sandbox.user_message(user, "dibuat dulu")
    late = sandbox.user_message(user, "dibuat belakangan")
    assert early is not None and late is not None
    sandbox.queue(late)
    first = await bot.get_updates(timeout=0)
    sandbox.queue(early)
    second = await bot.get_updates(offset=first[-1].update_id + 1, timeout=0)
    assert [u.message.text for u in second if u.message] == ["dibuat dulu"]
