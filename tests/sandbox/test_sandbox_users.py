"""Users acting: messages, privacy mode, forwards, button presses and callback answers."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

import pytest
import telegram
from telegram import InlineKeyboardButton, InlineKeyboardMarkup
from telegram.error import BadRequest

from bot.sandbox import Sandbox, SChat, SUser
from tests.sandbox.conftest import assert_rejected

QUERY_INVALID = "Bad Request: query is too old and response timeout expired or query ID is invalid"


async def test_user_message_updates_parse_in_ptb(sandbox: Sandbox, bot: telegram.Bot, user: SUser) -> None:
    update = sandbox.user_message(user, "/start kode123")
    assert update is not None
    parsed = telegram.Update.de_json(update, bot)
    assert parsed.message is not None and parsed.message.text == "/start kode123"
    assert parsed.message.entities[0].type == "bot_command" and parsed.message.entities[0].length == 6
    second = sandbox.user_message(user, "halo")
    assert second is not None and second["update_id"] > update["update_id"]
    assert second["message"]["message_id"] > update["message"]["message_id"]


async def test_user_media_forwards_and_replies(sandbox: Sandbox, bot: telegram.Bot, user: SUser) -> None:
    photo = sandbox.add_file(kind="photo")
    doc = sandbox.add_file(b"%PDF-1.4", mime_type="application/pdf", file_name="c1.pdf")
    with_photo = sandbox.user_message(user, photo=photo, caption="Foto C1")
    with_doc = sandbox.user_message(user, document=doc)
    with_location = sandbox.user_message(user, location=(-6.2, 106.8))
    for update in (with_photo, with_doc, with_location):
        assert update is not None
        telegram.Update.de_json(update, bot)
    assert with_photo is not None and with_photo["message"]["photo"][-1]["file_id"] == photo.file_id
    assert with_doc is not None and with_doc["message"]["document"]["file_name"] == "c1.pdf"
    channel = sandbox.add_channel("Info KPU", username="infokpu")
    other = sandbox.add_user("Rina")
    when = datetime(2024, 11, 26, 7, 0, tzinfo=UTC)
    origins = {
        "user": sandbox.user_message(user, "fwd", forward_from=other, forward_date=when),
        "channel": sandbox.user_message(user, "fwd", forward_from=channel),
        "hidden_user": sandbox.user_message(user, "fwd", forward_from="Anonim"),
    }
    for kind, update in origins.items():
        assert update is not None and update["message"]["forward_origin"]["type"] == kind
        message = telegram.Update.de_json(update, bot).message
        assert message is not None and message.forward_origin is not None
    assert origins["user"] is not None and origins["user"]["message"]["forward_origin"]["date"] == int(when.timestamp())
    sent = await bot.send_message(user.id, "Silakan balas")
    stored = sandbox.messages(user)[-1]
    reply = sandbox.user_message(user, "balasan", reply_to=stored)
    assert reply is not None and reply["message"]["reply_to_message"]["message_id"] == sent.message_id


async def test_privacy_mode_in_groups(sandbox: Sandbox, user: SUser, group: SChat) -> None:
    assert sandbox.user_message(user, "obrolan biasa", chat=group) is None
    assert sandbox.user_message(user, "/lapor", chat=group) is not None
    assert sandbox.user_message(user, "/lapor@sinergi_test_bot", chat=group) is not None
    assert sandbox.user_message(user, "/lapor@bot_lain", chat=group) is None
    assert sandbox.user_message(user, "tolong @sinergi_test_bot cek", chat=group) is not None
    bot_message = sandbox.new_message(group, sandbox.bot_user, text="Pertanyaan?")
    assert sandbox.user_message(user, "jawaban", chat=group, reply_to=bot_message) is not None
    other = sandbox.messages(group)[0]
    assert sandbox.user_message(user, "balas teman", chat=group, reply_to=other) is None
    # Every message is stored even when the bot does not get it.
    assert [m.text for m in sandbox.messages(group)][:2] == ["obrolan biasa", "/lapor"]
    # An admin bot (or privacy mode off) receives everything.
    sandbox.set_member(group, sandbox.bot_user, "administrator")
    assert sandbox.user_message(user, "obrolan biasa", chat=group) is not None
    sandbox.set_member(group, sandbox.bot_user, "member")
    sandbox.privacy_mode = False
    assert sandbox.user_message(user, "obrolan biasa", chat=group) is not None
    # Service messages always arrive; a bot outside the group gets nothing.
    sandbox.privacy_mode = True
    assert sandbox.user_joins(group, sandbox.add_user("Baru")) is not None
    sandbox.remove_bot(group, user)
    assert sandbox.user_message(user, "/lapor", chat=group) is None
    with pytest.raises(ValueError, match="not a member"):
        sandbox.user_message(sandbox.add_user("Luar"), "halo", chat=group)


async def test_press_and_answer(sandbox: Sandbox, bot: telegram.Bot, user: SUser) -> None:
    markup = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton("Hadir", callback_data="absen:hadir"),
                InlineKeyboardButton("Peta", url="https://maps.example.org"),
            ]
        ]
    )
    await bot.send_message(user.id, "Absen?", reply_markup=markup)
    message = sandbox.take(user)
    assert message is not None and message.buttons == [[("Hadir", "absen:hadir"), ("Peta", "https://maps.example.org")]]
    update = sandbox.press(user, message, "Hadir")
    query = telegram.Update.de_json(update, bot).callback_query
    assert query is not None and query.data == "absen:hadir" and query.message is not None
    assert await bot.answer_callback_query(query.id, "Tercatat")
    assert sandbox.callback_queries[query.id].answer == {
        "text": "Tercatat",
        "show_alert": False,
        "url": None,
        "cache_time": None,
    }
    await assert_rejected(sandbox, bot.answer_callback_query(query.id), BadRequest, QUERY_INVALID)
    with pytest.raises(LookupError):
        sandbox.press(user, message, "Tidak ada")
    with pytest.raises(ValueError, match="no callback_data"):
        sandbox.press(user, message, "Peta")
    forged = sandbox.press_data(user, message, "absen:palsu")
    assert forged["callback_query"]["data"] == "absen:palsu"


async def test_callback_answer_timeout_and_length(sandbox: Sandbox, bot: telegram.Bot, user: SUser) -> None:
    await bot.send_message(
        user.id, "?", reply_markup=InlineKeyboardMarkup([[InlineKeyboardButton("Ya", callback_data="y")]])
    )
    message = sandbox.take(user)
    assert message is not None
    late = sandbox.press(user, message, "Ya")["callback_query"]["id"]
    sandbox.age_callback_query(late)
    await assert_rejected(sandbox, bot.answer_callback_query(late), BadRequest, QUERY_INVALID)
    await assert_rejected(sandbox, bot.answer_callback_query("123"), BadRequest, QUERY_INVALID)
    fresh = sandbox.press(user, message, "Ya")["callback_query"]["id"]
    await assert_rejected(
        sandbox, bot.answer_callback_query(fresh, "x" * 201), BadRequest, "Bad Request: MESSAGE_TOO_LONG"
    )
    assert await bot.answer_callback_query(fresh, "x" * 200, show_alert=True)


async def test_real_time_callback_timeout() -> None:
    sandbox = Sandbox(callback_timeout=0.05)
    person = sandbox.add_user("Ani")
    message = sandbox.new_message(
        sandbox.chats[person.id],
        sandbox.bot_user,
        reply_markup={"inline_keyboard": [[{"text": "A", "callback_data": "a"}]]},
    )
    query_id = sandbox.press(person, message, "A")["callback_query"]["id"]
    await asyncio.sleep(0.1)
    status, body = await sandbox.handle(sandbox.token, "answerCallbackQuery", {"callback_query_id": query_id})
    assert status == 400 and body["description"] == QUERY_INVALID


async def test_only_people_who_see_a_message_can_press_its_buttons(
    sandbox: Sandbox, bot: telegram.Bot, user: SUser, group: SChat
) -> None:
    markup = InlineKeyboardMarkup([[InlineKeyboardButton("Ya", callback_data="ya")]])
    in_group = await bot.send_message(group.id, "Setuju?", reply_markup=markup)
    in_private = await bot.send_message(user.id, "Setuju?", reply_markup=markup)
    outsider = sandbox.add_user("Luar")
    with pytest.raises(ValueError, match="not a member"):
        sandbox.press(outsider, sandbox.chats[group.id].messages[in_group.message_id], "Ya")
    with pytest.raises(ValueError, match="private chat"):
        sandbox.press(outsider, sandbox.chats[user.id].messages[in_private.message_id], "Ya")
    assert sandbox.press(user, sandbox.chats[group.id].messages[in_group.message_id], "Ya")["callback_query"]
