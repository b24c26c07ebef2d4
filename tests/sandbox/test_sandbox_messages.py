"""Sending, editing, deleting, forwarding and copying through a real telegram.Bot."""

from __future__ import annotations

from typing import Any

import pytest
import telegram
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, KeyboardButton, ReplyKeyboardMarkup
from telegram.error import BadRequest

from bot.sandbox import TINY_PNG, Sandbox, SChat, SUser, make_request
from tests.sandbox.conftest import assert_rejected

NOT_MODIFIED = (
    "Bad Request: message is not modified: specified new message content and reply markup are exactly the "
    "same as a current content and reply markup of the message"
)


def keyboard(*labels: str, data: str | None = None) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[InlineKeyboardButton(label, callback_data=data or label)] for label in labels])


async def test_send_message_with_html_and_keyboard(sandbox: Sandbox, bot: telegram.Bot, user: SUser) -> None:
    sent = await bot.send_message(
        user.id, "<b>Lapor</b> situasi TPS 7", parse_mode="HTML", reply_markup=keyboard("Aman")
    )
    assert sent.text == "Lapor situasi TPS 7"
    assert sent.entities[0].type == "bold" and sent.entities[0].length == 5
    assert sent.reply_markup is not None and sent.reply_markup.inline_keyboard[0][0].callback_data == "Aman"
    stored = sandbox.take(user)
    assert stored is not None and stored.message_id == sent.message_id
    assert stored.html == "<b>Lapor</b> situasi TPS 7" and stored.text == "Lapor situasi TPS 7"
    assert stored.buttons == [[("Aman", "Aman")]] and stored.button("Aman") == {
        "text": "Aman",
        "callback_data": "Aman",
    }
    assert sandbox.take(user) is None
    assert sandbox.count("sendMessage", user.id) == 1
    assert sandbox.unexpected_rejections() == []


async def test_text_length_limits(sandbox: Sandbox, bot: telegram.Bot, user: SUser) -> None:
    ok = await bot.send_message(user.id, "x" * 4096)
    assert len(ok.text or "") == 4096
    await assert_rejected(
        sandbox, bot.send_message(user.id, "x" * 4097), BadRequest, "Bad Request: message is too long"
    )
    await assert_rejected(sandbox, bot.send_message(user.id, ""), BadRequest, "Bad Request: message text is empty")
    await assert_rejected(sandbox, bot.send_message(user.id, " \n "), BadRequest, "Bad Request: text must be non-empty")
    await bot.send_photo(user.id, TINY_PNG, caption="c" * 1024)
    await assert_rejected(
        sandbox,
        bot.send_photo(user.id, TINY_PNG, caption="c" * 1025),
        BadRequest,
        "Bad Request: message caption is too long",
    )


async def test_zero_text_stays_a_string(bot: telegram.Bot, user: SUser) -> None:
    sent = await bot.send_message(user.id, "0")
    assert sent.text == "0"


async def test_html_parse_errors(sandbox: Sandbox, bot: telegram.Bot, user: SUser) -> None:
    prefix = "Bad Request: can't parse entities: "
    await assert_rejected(
        sandbox,
        bot.send_message(user.id, "baris<br>baru", parse_mode="HTML"),
        BadRequest,
        prefix + 'Unsupported start tag "br" at byte offset 5',
    )
    await assert_rejected(
        sandbox,
        bot.send_message(user.id, "<b>tebal", parse_mode="HTML"),
        BadRequest,
        prefix + 'Can\'t find end tag corresponding to start tag "b"',
    )
    await assert_rejected(
        sandbox,
        bot.send_message(user.id, "<b><i>x</b></i>", parse_mode="HTML"),
        BadRequest,
        prefix + 'Unmatched end tag at byte offset 7, expected "</i>", found "</b>"',
    )
    await assert_rejected(
        sandbox,
        bot.send_message(user.id, "suara < 50%", parse_mode="HTML"),
        BadRequest,
        prefix + 'Unsupported start tag "" at byte offset 6',
    )
    await assert_rejected(
        sandbox,
        bot.send_message(user.id, "*x*", parse_mode="MarkdownV2"),
        BadRequest,
        "Bad Request: parse_mode MarkdownV2 is not simulated by the sandbox",
    )
    # The same texts escaped are fine, and without parse_mode tags are plain text.
    assert (await bot.send_message(user.id, "suara &lt; 50%", parse_mode="HTML")).text == "suara < 50%"
    assert (await bot.send_message(user.id, "baris<br>baru")).text == "baris<br>baru"


async def test_callback_data_limits_and_button_rules(sandbox: Sandbox, bot: telegram.Bot, user: SUser) -> None:
    await bot.send_message(user.id, "ok", reply_markup=keyboard("a", data="x" * 64))
    await bot.send_message(user.id, "ok", reply_markup=keyboard("a", data="é" * 32))  # 64 bytes
    await assert_rejected(
        sandbox,
        bot.send_message(user.id, "no", reply_markup=keyboard("a", data="x" * 65)),
        BadRequest,
        "Bad Request: BUTTON_DATA_INVALID",
    )
    await assert_rejected(
        sandbox,
        bot.send_message(user.id, "no", reply_markup=keyboard("a", data="é" * 33)),
        BadRequest,
        "Bad Request: BUTTON_DATA_INVALID",
    )
    raw: Any = {"inline_keyboard": [[{"text": "a", "callback_data": ""}]]}
    await assert_rejected(
        sandbox,
        bot.send_message(user.id, "no", reply_markup=raw),
        BadRequest,
        "Bad Request: can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard",
    )
    raw = {"inline_keyboard": [[{"callback_data": "a"}]]}
    await assert_rejected(
        sandbox,
        bot.send_message(user.id, "no", reply_markup=raw),
        BadRequest,
        "Bad Request: can't parse inline keyboard button: Can't find field \"text\"",
    )
    url_button = InlineKeyboardMarkup([[InlineKeyboardButton("peta", url="ftp://peta.example")]])
    await assert_rejected(
        sandbox,
        bot.send_message(user.id, "no", reply_markup=url_button),
        BadRequest,
        "Bad Request: inline keyboard button URL 'ftp://peta.example' is invalid: Unsupported URL protocol",
    )
    reply_kb = ReplyKeyboardMarkup([[KeyboardButton("")]])
    await assert_rejected(
        sandbox,
        bot.send_message(user.id, "no", reply_markup=reply_kb),
        BadRequest,
        "Bad Request: keyboard button text must be non-empty",
    )


async def test_request_location_only_in_private_chats(
    sandbox: Sandbox, bot: telegram.Bot, user: SUser, group: SChat
) -> None:
    location = ReplyKeyboardMarkup([[KeyboardButton("Kirim lokasi", request_location=True)]])
    contact = ReplyKeyboardMarkup([[KeyboardButton("Kirim kontak", request_contact=True)]])
    await bot.send_message(user.id, "Bagikan lokasi", reply_markup=location)
    await bot.send_message(user.id, "Bagikan kontak", reply_markup=contact)
    await assert_rejected(
        sandbox,
        bot.send_message(group.id, "Bagikan lokasi", reply_markup=location),
        BadRequest,
        "Bad Request: location can be requested in private chats only",
    )
    await assert_rejected(
        sandbox,
        bot.send_message(group.id, "Bagikan kontak", reply_markup=contact),
        BadRequest,
        "Bad Request: phone number can be requested in private chats only",
    )


async def test_edit_text_markup_and_not_modified(sandbox: Sandbox, bot: telegram.Bot, user: SUser) -> None:
    sent = await bot.send_message(user.id, "Status: <b>buka</b>", parse_mode="HTML", reply_markup=keyboard("Tutup"))
    # Same text and markup: refused.
    await assert_rejected(
        sandbox,
        bot.edit_message_text(
            "Status: <b>buka</b>", user.id, sent.message_id, parse_mode="HTML", reply_markup=keyboard("Tutup")
        ),
        BadRequest,
        NOT_MODIFIED,
    )
    # Same text, different markup: accepted; omitting the markup removes the keyboard.
    edited = await bot.edit_message_text(
        "Status: <b>buka</b>", user.id, sent.message_id, parse_mode="HTML", reply_markup=keyboard("Buka lagi")
    )
    assert isinstance(edited, telegram.Message) and edited.edit_date is not None
    await bot.edit_message_text("Status: <b>buka</b>", user.id, sent.message_id, parse_mode="HTML")
    stored = sandbox.messages(user)[-1]
    assert stored.reply_markup is None and len(stored.edits) == 2
    await bot.edit_message_reply_markup(user.id, sent.message_id, reply_markup=keyboard("A"))
    await assert_rejected(
        sandbox,
        bot.edit_message_reply_markup(user.id, sent.message_id, reply_markup=keyboard("A")),
        BadRequest,
        NOT_MODIFIED,
    )
    assert sandbox.take(user) is stored and sandbox.take(user) is None  # edits are not new messages
    await assert_rejected(
        sandbox,
        bot.edit_message_text("x", user.id, 999),
        BadRequest,
        "Bad Request: message to edit not found",
    )
    photo = await bot.send_photo(user.id, TINY_PNG, caption="lama")
    await assert_rejected(
        sandbox,
        bot.edit_message_text("x", user.id, photo.message_id),
        BadRequest,
        "Bad Request: there is no text in the message to edit",
    )
    edited_caption = await bot.edit_message_caption(user.id, photo.message_id, caption="baru")
    assert isinstance(edited_caption, telegram.Message) and edited_caption.caption == "baru"
    incoming = sandbox.user_message(user, "pesan pengguna")
    assert incoming is not None
    await assert_rejected(
        sandbox,
        bot.edit_message_text("x", user.id, incoming["message"]["message_id"]),
        BadRequest,
        "Bad Request: message can't be edited",
    )


async def test_delete_rules(sandbox: Sandbox, bot: telegram.Bot, user: SUser, group: SChat) -> None:
    sent = await bot.send_message(user.id, "hapus saya")
    assert await bot.delete_message(user.id, sent.message_id)
    assert sandbox.messages(user) == [] and sandbox.messages(user, include_deleted=True)[0].deleted
    await assert_rejected(
        sandbox,
        bot.delete_message(user.id, sent.message_id),
        BadRequest,
        "Bad Request: message to delete not found",
    )
    # In a group a non-admin bot may only delete its own messages.
    member = next(m.user for m in group.members.values() if m.status == "member")
    sandbox.privacy_mode = False
    theirs = sandbox.user_message(member, "pesan anggota", chat=group)
    assert theirs is not None
    await assert_rejected(
        sandbox,
        bot.delete_message(group.id, theirs["message"]["message_id"]),
        BadRequest,
        "Bad Request: message can't be deleted",
    )
    sandbox.set_member(group, sandbox.bot_user, "administrator")
    assert await bot.delete_message(group.id, theirs["message"]["message_id"])


async def test_forward_and_copy(sandbox: Sandbox, bot: telegram.Bot, user: SUser, group: SChat) -> None:
    incoming = sandbox.user_message(user, "Laporan: TPS 3 aman")
    assert incoming is not None
    message_id = incoming["message"]["message_id"]
    forwarded = await bot.forward_message(group.id, user.id, message_id)
    assert forwarded.text == "Laporan: TPS 3 aman"
    assert isinstance(forwarded.forward_origin, telegram.MessageOriginUser)
    assert forwarded.forward_origin.sender_user.id == user.id
    copied = await bot.copy_message(group.id, user.id, message_id, reply_markup=keyboard("Terima"))
    copy = sandbox.chat(group.id).messages[copied.message_id]
    assert (
        copy.text == "Laporan: TPS 3 aman" and copy.forward_origin is None and copy.buttons == [[("Terima", "Terima")]]
    )
    await assert_rejected(
        sandbox,
        bot.forward_message(group.id, user.id, 999),
        BadRequest,
        "Bad Request: message to forward not found",
    )
    await assert_rejected(
        sandbox,
        bot.copy_message(group.id, user.id, 999),
        BadRequest,
        "Bad Request: message to copy not found",
    )


async def test_replies(sandbox: Sandbox, bot: telegram.Bot, user: SUser) -> None:
    incoming = sandbox.user_message(user, "halo")
    assert incoming is not None
    reply = await bot.send_message(
        user.id, "halo juga", reply_parameters=telegram.ReplyParameters(incoming["message"]["message_id"])
    )
    assert reply.reply_to_message is not None and reply.reply_to_message.text == "halo"
    await assert_rejected(
        sandbox,
        bot.send_message(user.id, "x", reply_parameters=telegram.ReplyParameters(999)),
        BadRequest,
        "Bad Request: message to be replied not found",
    )
    tolerant = telegram.ReplyParameters(999, allow_sending_without_reply=True)
    assert (await bot.send_message(user.id, "x", reply_parameters=tolerant)).reply_to_message is None


async def test_photos_documents_media_groups_and_locations(
    sandbox: Sandbox, bot: telegram.Bot, user: SUser, group: SChat
) -> None:
    photo = await bot.send_photo(user.id, TINY_PNG, caption="<b>TPS</b> 5", parse_mode="HTML")
    assert photo.caption == "TPS 5" and photo.caption_entities[0].type == "bold" and len(photo.photo) == 2
    again = await bot.send_photo(group.id, photo.photo[-1].file_id)
    assert again.photo[-1].file_id == photo.photo[-1].file_id
    doc = await bot.send_document(user.id, b"a,b\n1,2\n", filename="rekap.csv")
    assert doc.document is not None and doc.document.file_name == "rekap.csv" and doc.document.file_size == 8
    await assert_rejected(
        sandbox, bot.send_photo(user.id, b"not an image"), BadRequest, "Bad Request: IMAGE_PROCESS_FAILED"
    )
    await assert_rejected(sandbox, bot.send_document(user.id, b""), BadRequest, "Bad Request: file must be non-empty")
    await assert_rejected(
        sandbox,
        bot.send_photo(user.id, "unknown-file-id"),
        BadRequest,
        "Bad Request: wrong file identifier/HTTP URL specified",
    )
    await assert_rejected(
        sandbox,
        bot.send_photo(user.id, doc.document.file_id),
        BadRequest,
        "Bad Request: type of file mismatch",
    )

    album = await bot.send_media_group(
        user.id,
        [
            telegram.InputMediaPhoto(TINY_PNG, caption="satu"),
            telegram.InputMediaPhoto(photo.photo[-1].file_id),
        ],
    )
    assert len(album) == 2 and album[0].media_group_id and album[0].media_group_id == album[1].media_group_id
    docs = await bot.send_media_group(
        user.id,
        [
            telegram.InputMediaDocument(b"1", filename="a.txt"),
            telegram.InputMediaDocument(b"2", filename="b.txt"),
        ],
    )
    assert [m.document.file_name for m in docs if m.document] == ["a.txt", "b.txt"]
    mixed: list[Any] = [
        telegram.InputMediaPhoto(TINY_PNG),
        telegram.InputMediaDocument(b"1", filename="a.txt"),
    ]
    await assert_rejected(
        sandbox,
        bot.send_media_group(user.id, mixed),
        BadRequest,
        "Bad Request: document can't be mixed with other media types",
    )
    eleven = [telegram.InputMediaPhoto(TINY_PNG) for _ in range(11)]
    await assert_rejected(
        sandbox,
        bot.send_media_group(user.id, eleven),
        BadRequest,
        "Bad Request: too many messages to send as an album",
    )

    located = await bot.send_location(user.id, latitude=-6.2, longitude=106.8)
    assert located.location is not None and located.location.latitude == pytest.approx(-6.2)
    assert await bot.send_chat_action(user.id, "typing")
    await assert_rejected(
        sandbox,
        bot.send_chat_action(user.id, "dancing"),
        BadRequest,
        "Bad Request: wrong parameter action in request",
    )
    assert sandbox.unexpected_rejections() == [r for r in sandbox.rejections if not r.injected]


async def test_all_html_tags_through_the_bot(sandbox: Sandbox, bot: telegram.Bot, user: SUser) -> None:
    html = (
        "<b>b</b> <strong>B</strong> <i>i</i> <em>I</em> <u>u</u> <ins>U</ins> <s>s</s> <strike>S</strike> "
        '<del>D</del> <tg-spoiler>p</tg-spoiler> <span class="tg-spoiler">P</span> '
        '<a href="https://kpu.example/tps">l</a> <a href="tg://user?id=' + str(user.id) + '">m</a> <code>c</code> '
        '<pre>r</pre> <pre><code class="language-python">y</code></pre> <blockquote>q</blockquote> '
        '<blockquote expandable>Q</blockquote> <tg-emoji emoji-id="5368324170671202286">e</tg-emoji> '
        "&lt;&gt;&amp;&quot;&#33;&#x21;"
    )
    sent = await bot.send_message(user.id, html, parse_mode="HTML")
    assert sent.text == 'b B i I u U s S D p P l m c r y q Q e <>&"!!'
    expected = "bold bold italic italic underline underline strikethrough strikethrough strikethrough spoiler "
    expected += "spoiler text_link text_mention code pre pre blockquote expandable_blockquote custom_emoji"
    assert [str(e.type) for e in sent.entities] == expected.split()
    assert sent.entities[11].url == "https://kpu.example/tps"
    assert sent.entities[12].user is not None and sent.entities[12].user.id == user.id
    assert sent.entities[15].language == "python"
    assert sandbox.unexpected_rejections() == []


async def test_flood_control_can_be_switched_off() -> None:
    quiet = Sandbox(flood_enabled=False)
    person = quiet.add_user("C")
    async with telegram.Bot(quiet.token, request=make_request(quiet)) as bot:
        for _ in range(25):
            await bot.send_message(person.id, "x")
        quiet.flood_enabled = True
        for _ in range(20):
            await bot.send_message(person.id, "x")
        with pytest.raises(telegram.error.RetryAfter):
            await bot.send_message(person.id, "x")
