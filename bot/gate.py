"""The one access check (handler group -1): load who is asking, decide, refuse politely or let through.

In groups the bot answers only what is addressed to it (commands, replies to its messages, mentions), even
as an admin that receives every message; service messages (members, migrations) pass to their handlers.
"""

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, MessageEntity, Update
from telegram.constants import ChatType
from telegram.ext import Application, ApplicationHandlerStop, TypeHandler

from bot.access import BUTTONS, DIALOGUES, Where, button_key, command_spec
from bot.context import BotContext, current_outcome, set_outcome
from bot.errors import answer_query
from bot.texts import t
from db import chats, conversations, people
from db.access import Actor, refusal_key
from db.models import ChatType as DbChatType


def register(app: Application) -> None:
    """Install the gate before every other handler."""
    app.add_handler(TypeHandler(Update, gate), group=-1)


def is_service(message: Message) -> bool:
    """Membership changes, migrations and similar messages Telegram posts about the chat itself."""
    return bool(message.new_chat_members or message.left_chat_member or message.migrate_to_chat_id
                or message.migrate_from_chat_id or message.group_chat_created or message.supergroup_chat_created
                or message.new_chat_title)


def command_of(message: Message, bot_username: str) -> tuple[str, bool] | None:
    """(command name, explicitly addressed to us) of a command message; None for other bots' commands."""
    text = message.text or message.caption or ""
    entities = message.entities or message.caption_entities or ()
    if not text.startswith("/") or not any(e.type == MessageEntity.BOT_COMMAND and e.offset == 0 for e in entities):
        return None
    word = text.split()[0][1:]
    name, _, target = word.partition("@")
    if target and target.lower() != bot_username.lower():
        return None
    return name.lower(), bool(target)


def addressed_to_bot(message: Message, bot_id: int, bot_username: str) -> bool:
    """Whether a group message is meant for the bot: our command, a reply to us, or a mention of us."""
    text = message.text or message.caption or ""
    if text.startswith("/"):
        return command_of(message, bot_username) is not None
    reply = message.reply_to_message
    if reply is not None and reply.from_user is not None and reply.from_user.id == bot_id:
        return True
    for entity in message.entities or message.caption_entities or ():
        if entity.type == MessageEntity.MENTION:
            mention = message.parse_entity(entity) if message.text else message.parse_caption_entity(entity)
            if mention.lstrip("@").lower() == bot_username.lower():
                return True
        if entity.type == MessageEntity.TEXT_MENTION and entity.user is not None and entity.user.id == bot_id:
            return True
    return False


async def gate(update: Update, context: BotContext) -> None:
    """Load the person and decide whether this update may reach the handlers."""
    if update.my_chat_member is not None or update.chat_member is not None:
        return  # the bot's own membership: the groups feature handles it
    chat, user, message = update.effective_chat, update.effective_user, update.effective_message
    if message is not None and update.callback_query is None and is_service(message):
        return  # service messages (migrations, members) may carry no sender; their handlers need no person
    if chat is None or user is None or chat.type == ChatType.CHANNEL:
        set_outcome("ignored")
        raise ApplicationHandlerStop
    private = chat.type == ChatType.PRIVATE
    query = update.callback_query
    if (query is None and message is not None and not private
            and not addressed_to_bot(message, context.bot.id, context.bot.username)):
        set_outcome("ignored")
        raise ApplicationHandlerStop
    await _load(update, context, private)
    actor = context.need_actor()
    if query is not None:
        await _check_button(update, context, actor, query.data or "")
    elif message is not None:
        await _check_message(update, context, actor, message, private)


async def _load(update: Update, context: BotContext, private: bool) -> None:
    chat, user = update.effective_chat, update.effective_user
    assert chat is not None and user is not None
    settings = context.settings
    async with context.session_factory() as session, session.begin():
        actor = await people.load_actor(session, user.id, settings.superadmin_ids)
        if private:
            await chats.mark_active(session, chat.id, type_=DbChatType.PRIVATE, title=user.full_name)
        chat_lang = await chats.chat_language(session, chat.id)
        person_lang = chat_lang if private else await chats.chat_language(session, user.id)
        context.conversation = await conversations.get_conversation(session, user.id, chat.id)
    default = settings.default_language
    context.actor = actor
    context.lang = chat_lang or default
    context.person_lang = person_lang or default
    box = current_outcome.get()
    if box is not None:
        box.extra["answer_lang"] = context.person_lang


async def _check_button(update: Update, context: BotContext, actor: Actor, data: str) -> None:
    spec = BUTTONS.get(button_key(data))
    if spec is None:
        set_outcome("refused")
        await answer_query(update, t("access.unknown_button", context.answer_lang), alert=True)
        raise ApplicationHandlerStop
    if not actor.can(spec.cap):
        set_outcome("refused")
        await answer_query(update, t(refusal_key(actor), context.answer_lang), alert=True)
        raise ApplicationHandlerStop


async def _check_message(update: Update, context: BotContext, actor: Actor, message: Message,
                         private: bool) -> None:
    parsed = command_of(message, context.bot.username)
    if parsed is not None:
        name, explicit = parsed
        spec = command_spec(name)
        if spec is None:
            if private or explicit:
                await _refuse(update, context, "access.unknown_command")
            set_outcome("ignored" if not (private or explicit) else "refused")
            raise ApplicationHandlerStop
        if spec.where == Where.PRIVATE and not private:
            await _refuse(update, context, "access.private_only", deep_link=spec.name)
        if spec.where == Where.GROUP and private:
            await _refuse(update, context, "access.group_only")
        if not actor.can(spec.cap):
            await _refuse(update, context, refusal_key(actor), register_link=not actor.active and not private)
        return
    conversation = context.conversation
    dialogue = DIALOGUES.get(conversation.kind) if conversation is not None else None
    if dialogue is not None:
        if not actor.can(dialogue.cap):
            await _refuse(update, context, refusal_key(actor), register_link=not private)
        return
    if private and not actor.active:
        await _refuse(update, context, refusal_key(actor))
    # an active person's stray message (or a mention in a group) gets a hint from the conversation router


async def _refuse(update: Update, context: BotContext, key: str, *, deep_link: str | None = None,
                  register_link: bool = False) -> None:
    """Answer with a refusal in the chat's language, then stop the update here."""
    set_outcome("refused")
    message = update.effective_message
    if message is not None:
        markup = None
        username = context.bot.username
        if deep_link is not None:
            markup = InlineKeyboardMarkup([[InlineKeyboardButton(
                t("access.open_private", context.lang), url=f"https://t.me/{username}?start={deep_link}")]])
        elif register_link:
            markup = InlineKeyboardMarkup([[InlineKeyboardButton(
                t("access.register_button", context.lang), url=f"https://t.me/{username}?start=daftar")]])
        await message.reply_text(t(key, context.lang), reply_markup=markup)
    raise ApplicationHandlerStop


