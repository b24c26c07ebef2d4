"""Handlers everyone may use: /start, /bantuan, /bahasa, /batal, and the router for typed dialogue answers."""

from collections.abc import Awaitable, Callable

from telegram import Update
from telegram.constants import ChatMemberStatus, ChatType

from bot.access import DIALOGUES, Where, specs_in_order
from bot.context import BotContext, set_outcome
from bot.errors import answer_query
from bot.people.views import role_label
from bot.texts import LANGUAGES, esc, t
from bot.ui import keyboard, reply, show
from db import chats, conversations, people, regions
from db.errors import NotAllowed
from db.models import ChatType as DbChatType

StartHandler = Callable[[Update, BotContext, str], Awaitable[None]]
# deep-link payloads (`t.me/<bot>?start=<prefix>_<rest>`) other features answer
START_PAYLOADS: dict[str, StartHandler] = {}
# what to clean up when /batal closes a dialogue of a kind (drafts, ...)
CANCEL_HOOKS: dict[str, Callable[[BotContext, int, int], Awaitable[None]]] = {}


async def start(update: Update, context: BotContext) -> None:
    """/start: greet, say where the person stands, follow a deep link."""
    message = update.effective_message
    assert message is not None
    payload = (context.args or [""])[0]
    if payload:
        prefix = payload.split("_", 1)[0]
        if prefix == "daftar":
            from bot.people.registration import start_registration

            await start_registration(update, context)
            return
        if prefix in START_PAYLOADS:
            await START_PAYLOADS[prefix](update, context, payload)
            return
    actor = context.need_actor()
    lang = context.lang
    if actor.is_superadmin:
        status = t("people.start_superadmin", lang)
    elif actor.active and actor.stakeholder is not None:
        async with context.session_factory() as session:
            agency = await regions.get_agency(session, actor.stakeholder.agency_code)
            region = await regions.path_label(session, actor.stakeholder.region_code)
        status = t("people.start_active", lang, role=role_label(actor.stakeholder, lang),
                   agency=esc(agency.short if agency else "-"), region=esc(region))
    else:
        status = t("people.start_unregistered", lang)
    await message.reply_text(f"{t('core.start', lang)}\n\n{status}")
    set_outcome("ok")


async def help_command(update: Update, context: BotContext) -> None:
    """/bantuan: exactly the commands this person's role allows, in their language."""
    actor = context.need_actor()
    lang = context.lang
    private: list[str] = []
    group: list[str] = []
    for spec in specs_in_order():
        if not actor.can(spec.cap):
            continue
        line = f"/{spec.display(lang)} — {t(f'menu.{spec.name}', lang)}"
        if spec.where != Where.GROUP:
            private.append(line)
        if spec.where != Where.PRIVATE:
            group.append(line)
    role = t("role.superadmin", lang) if actor.is_superadmin else (
        role_label(actor.stakeholder, lang) if actor.active else t("help.not_active", lang))
    parts = [t("help.title", lang, role=role), t("help.private", lang), *private]
    if group:
        parts += ["", t("help.group", lang), *group]
    if not actor.active:
        parts += ["", t("people.start_unregistered", lang)]
    await show(update, "\n".join(parts))
    set_outcome("ok")


async def language_command(update: Update, context: BotContext) -> None:
    """/bahasa: choose the language for oneself (private) or for the group (its admins)."""
    chat = update.effective_chat
    user = update.effective_user
    assert chat is not None and user is not None
    if chat.type == ChatType.PRIVATE:
        target, prefix = t("lang.target_me", context.lang), "lang:me"
    else:
        await _require_group_language_right(update, context)
        target, prefix = t("lang.target_group", context.lang), f"lang:grp:{user.id}"
    rows = [[(t(f"lang.name.{code}", code), f"{prefix}:{code}") for code in LANGUAGES]]
    await show(update, t("lang.choose", context.lang, target=target), keyboard(rows))
    set_outcome("ok")


async def _require_group_language_right(update: Update, context: BotContext) -> None:
    actor = context.need_actor()
    chat, user = update.effective_chat, update.effective_user
    assert chat is not None and user is not None
    if actor.is_superadmin:
        return
    member = await context.bot.get_chat_member(chat.id, user.id)
    if not actor.active or member.status not in (ChatMemberStatus.OWNER, ChatMemberStatus.ADMINISTRATOR):
        raise NotAllowed("lang.group_admin_only")


async def on_language_button(update: Update, context: BotContext) -> None:
    """`lang:me:<code>` and `lang:grp:<initiator>:<code>`."""
    query = update.callback_query
    chat, user = update.effective_chat, update.effective_user
    assert query is not None and chat is not None and user is not None
    parts = (query.data or "").split(":")
    code = parts[-1]
    if code not in LANGUAGES or parts[1] not in ("me", "grp"):
        await answer_query(update, t("access.unknown_button", context.answer_lang), alert=True)
        return
    if parts[1] == "me":
        async with context.session_factory() as session, session.begin():
            await people.set_language(session, tg_user_id=user.id, language=code)
        context.lang = code
        await show(update, t("lang.set_me", code))
    else:
        if len(parts) != 4 or parts[2] != str(user.id):
            await answer_query(update, t("access.not_initiator", context.answer_lang), alert=True)
            return
        await _require_group_language_right(update, context)
        async with context.session_factory() as session, session.begin():
            record = await chats.upsert_chat(session, tg_chat_id=chat.id, type_=DbChatType(chat.type),
                                             title=chat.title or "")
            record.language = code
        context.lang = code
        await show(update, t("lang.set_group", code))
    set_outcome("ok")


async def cancel_command(update: Update, context: BotContext) -> None:
    """/batal: close the dialogue open in this chat (drafts are cleaned up by their feature)."""
    chat, user = update.effective_chat, update.effective_user
    assert chat is not None and user is not None
    async with context.session_factory() as session, session.begin():
        closed = await conversations.cancel(session, user.id, chat.id)
    if closed is not None and closed.kind in CANCEL_HOOKS:
        await CANCEL_HOOKS[closed.kind](context, user.id, chat.id)
    await reply(update, t("common.cancelled" if closed else "common.nothing_to_cancel", context.lang))
    set_outcome("ok")


async def route_input(update: Update, context: BotContext) -> None:
    """Typed answers (text, photos, locations...): hand them to the open dialogue, or say what works."""
    message = update.effective_message
    chat = update.effective_chat
    if message is None or chat is None:
        return
    conversation = context.conversation
    dialogue = DIALOGUES.get(conversation.kind) if conversation is not None else None
    if conversation is not None and dialogue is not None:
        private = chat.type == ChatType.PRIVATE
        replied = message.reply_to_message.message_id if message.reply_to_message else None
        if private or conversation.prompt_message_id is None or replied == conversation.prompt_message_id:
            await dialogue.on_input(update, context)
            return
    if chat.type == ChatType.PRIVATE or _mentions_bot(update, context):
        await message.reply_text(t("access.not_understood", context.lang))
        set_outcome("ignored")
    else:
        set_outcome("ignored")  # a reply to one of our messages that nobody asked for


def _mentions_bot(update: Update, context: BotContext) -> bool:
    message = update.effective_message
    text = (message.text or message.caption or "") if message else ""
    return f"@{context.bot.username}".lower() in text.lower()
