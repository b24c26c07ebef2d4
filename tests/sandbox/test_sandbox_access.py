"""Who the bot may talk to: unknown chats, users, blocks, kicks, migrations, tokens and methods."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
import telegram
from telegram.error import BadRequest, ChatMigrated, EndPointNotFound, Forbidden, InvalidToken

from bot.sandbox import Sandbox, SChat, SUser, make_request, spec
from tests.sandbox.conftest import TOKEN, assert_rejected


async def test_unknown_chat(sandbox: Sandbox, bot: telegram.Bot) -> None:
    await assert_rejected(sandbox, bot.send_message(42, "halo"), BadRequest, "Bad Request: chat not found")
    await assert_rejected(sandbox, bot.send_message("@tidak_ada", "halo"), BadRequest, "Bad Request: chat not found")
    await assert_rejected(sandbox, bot.get_chat(-1001234), BadRequest, "Bad Request: chat not found")


async def test_users_who_never_opened_or_blocked_the_bot(sandbox: Sandbox, bot: telegram.Bot) -> None:
    stranger = sandbox.add_user("Sari", opened=False)
    await assert_rejected(
        sandbox,
        bot.send_message(stranger.id, "halo"),
        Forbidden,
        "Forbidden: bot can't initiate conversation with a user",
        403,
    )
    assert sandbox.open_bot(stranger) == []
    assert (await bot.send_message(stranger.id, "halo")).text == "halo"
    updates = sandbox.block_bot(stranger)
    assert updates[0]["my_chat_member"]["new_chat_member"]["status"] == "kicked"
    await assert_rejected(
        sandbox,
        bot.send_message(stranger.id, "halo"),
        Forbidden,
        "Forbidden: bot was blocked by the user",
        403,
    )
    await assert_rejected(
        sandbox,
        bot.send_chat_action(stranger.id, "typing"),
        Forbidden,
        "Forbidden: bot was blocked by the user",
        403,
    )
    # Writing to the bot again unblocks it.
    assert sandbox.user_message(stranger, "/start") is not None
    assert await bot.send_message(stranger.id, "selamat datang kembali")


async def test_kicked_and_absent_bot(sandbox: Sandbox, bot: telegram.Bot, user: SUser) -> None:
    group = sandbox.add_group("Grup A", members=[user])
    supergroup = sandbox.add_group("Grup B", members=[user], supergroup=True)
    updates = sandbox.kick_bot(group, user)
    assert updates[0]["my_chat_member"]["old_chat_member"]["status"] == "member"
    assert updates[0]["my_chat_member"]["new_chat_member"]["status"] == "kicked"
    assert updates[1]["message"]["left_chat_member"]["id"] == sandbox.bot_user.id
    telegram.Update.de_json(updates[0], bot)
    await assert_rejected(
        sandbox,
        bot.send_message(group.id, "x"),
        Forbidden,
        "Forbidden: bot was kicked from the group chat",
        403,
    )
    sandbox.kick_bot(supergroup, user)
    await assert_rejected(
        sandbox,
        bot.send_message(supergroup.id, "x"),
        Forbidden,
        "Forbidden: bot was kicked from the supergroup chat",
        403,
    )
    absent = sandbox.add_group("Grup C", members=[user], bot_status="left")
    await assert_rejected(
        sandbox,
        bot.send_message(absent.id, "x"),
        Forbidden,
        "Forbidden: bot is not a member of the group chat",
        403,
    )
    added = sandbox.add_bot_to_group(absent, user, as_admin=True)
    assert added[0]["my_chat_member"]["new_chat_member"]["status"] == "administrator"
    assert added[1]["message"]["new_chat_members"][0]["id"] == sandbox.bot_user.id
    assert await bot.send_message(absent.id, "terima kasih")
    sandbox.remove_bot(absent, user)
    await assert_rejected(
        sandbox,
        bot.send_message(absent.id, "x"),
        Forbidden,
        "Forbidden: bot is not a member of the group chat",
        403,
    )


async def test_restricted_bot_cannot_send(sandbox: Sandbox, bot: telegram.Bot, group: SChat) -> None:
    sandbox.set_member(group, sandbox.bot_user, "restricted", can_send_messages=False)
    await assert_rejected(
        sandbox,
        bot.send_message(group.id, "x"),
        BadRequest,
        "Bad Request: not enough rights to send text messages to the chat",
    )


async def test_migrated_group(sandbox: Sandbox, bot: telegram.Bot, user: SUser, group: SChat) -> None:
    first = await bot.send_message(group.id, "sebelum")
    new, updates = sandbox.migrate_to_supergroup(group)
    assert new.type == "supergroup" and str(new.id).startswith("-100")
    assert updates[0]["message"]["migrate_to_chat_id"] == new.id
    assert updates[1]["message"]["migrate_from_chat_id"] == group.id
    with_updates = [telegram.Update.de_json(u, bot) for u in updates]
    assert with_updates[0].effective_message is not None
    with pytest.raises(ChatMigrated) as info:
        await bot.send_message(group.id, "sesudah")
    assert info.value.new_chat_id == new.id
    record = sandbox.rejections[-1]
    assert record.description == "Bad Request: group chat was upgraded to a supergroup chat"
    assert record.parameters == {"migrate_to_chat_id": new.id}
    with pytest.raises(ChatMigrated):
        await bot.edit_message_text("x", group.id, first.message_id)
    assert await bot.send_message(new.id, "sesudah")
    member = await bot.get_chat_member(new.id, user.id)
    assert member.status == "member"


async def test_chat_queries(sandbox: Sandbox, bot: telegram.Bot, user: SUser, group: SChat) -> None:
    chat = await bot.get_chat(group.id)
    assert isinstance(chat, telegram.ChatFullInfo) and chat.title == "Posko" and chat.type == "group"
    private = await bot.get_chat(user.id)
    assert private.first_name == "Budi" and private.username == "budi_s"
    admins = await bot.get_chat_administrators(group.id)
    assert [a.status for a in admins] == ["creator"]
    assert await bot.get_chat_member_count(group.id) == 3
    assert (await bot.get_chat_member(group.id, sandbox.bot_user.id)).status == "member"
    stranger = sandbox.add_user("Tono")
    assert (await bot.get_chat_member(group.id, stranger.id)).status == "left"
    await assert_rejected(
        sandbox, bot.get_chat_member(group.id, 777), BadRequest, "Bad Request: PARTICIPANT_ID_INVALID"
    )
    await assert_rejected(
        sandbox, bot.get_chat_member(user.id, stranger.id), BadRequest, "Bad Request: member not found"
    )
    await assert_rejected(
        sandbox,
        bot.get_chat_administrators(user.id),
        BadRequest,
        "Bad Request: there are no administrators in the private chat",
    )
    sandbox.set_member(group, sandbox.bot_user, "administrator")
    admin = await bot.get_chat_member(group.id, sandbox.bot_user.id)
    assert isinstance(admin, telegram.ChatMemberAdministrator) and admin.can_delete_messages


async def test_leave_chat_sends_my_chat_member(sandbox: Sandbox, bot: telegram.Bot, group: SChat) -> None:
    received: list[dict[str, Any]] = []

    async def sink(update: dict[str, Any]) -> None:
        received.append(update)

    sandbox.update_sink = sink
    assert await bot.leave_chat(group.id)
    await asyncio.sleep(0.01)
    assert received[0]["my_chat_member"]["new_chat_member"]["status"] == "left"
    await assert_rejected(
        sandbox,
        bot.send_message(group.id, "x"),
        Forbidden,
        "Forbidden: bot is not a member of the group chat",
        403,
    )


async def test_tokens_and_methods(sandbox: Sandbox, bot: telegram.Bot) -> None:
    wrong = telegram.Bot("999:WRONG", request=make_request(sandbox))
    with pytest.raises(InvalidToken):
        await wrong.initialize()
    assert sandbox.rejections[-1].status == 401 and sandbox.rejections[-1].description == "Unauthorized"
    with pytest.raises(EndPointNotFound):
        await bot.do_api_request("noSuchMethod")
    assert sandbox.rejections[-1].status == 404
    await assert_rejected(
        sandbox,
        bot.send_dice(sandbox.add_user("X").id),
        BadRequest,
        "Bad Request: method sendDice is not simulated by the sandbox",
    )
    # Method names are case-insensitive, like Telegram's.
    assert (await bot.do_api_request("GETME"))["username"] == "sinergi_test_bot"


async def test_results_have_the_fields_the_spec_requires(sandbox: Sandbox, user: SUser, group: SChat) -> None:
    calls: dict[str, tuple[dict[str, Any], str]] = {
        "getMe": ({}, "User"),
        "sendMessage": ({"chat_id": user.id, "text": "x"}, "Message"),
        "getChat": ({"chat_id": group.id}, "ChatFullInfo"),
        "getWebhookInfo": ({}, "WebhookInfo"),
        "getChatMember": ({"chat_id": group.id, "user_id": user.id}, "ChatMemberMember"),
    }
    for method, (params, type_name) in calls.items():
        status, body = await sandbox.handle(TOKEN, method, params, {})
        assert status == 200, body
        assert spec.missing_required(type_name, body["result"]) == []
        assert spec.missing_required("Chat", body["result"].get("chat", {"id": 1, "type": "x"})) == []
