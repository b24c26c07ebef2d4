"""The one answer to a dialogue button pressed out of turn: someone else's buttons, or a dialogue that ended."""

from telegram import Update
from telegram.constants import ChatType

from bot.context import BotContext, set_outcome
from bot.errors import answer_query
from bot.texts import t
from bot.ui import show
from db import conversations
from db.models import Conversation


async def current_dialogue(update: Update, context: BotContext, kind: str) -> Conversation | None:
    """The presser's open dialogue of `kind` in this chat, or None after telling them why the button does nothing."""
    conversation = context.conversation
    if conversation is not None and conversation.kind == kind:
        return conversation
    chat = update.effective_chat
    someone_else = False
    if chat is not None and chat.type != ChatType.PRIVATE:
        async with context.session_factory() as session:
            someone_else = await conversations.open_in_chat(session, chat.id, kind)
    await answer_query(update, t("access.not_initiator" if someone_else else "access.stale_dialogue",
                                 context.answer_lang), alert=True)
    set_outcome("refused" if someone_else else "stale")
    return None


async def end_dialogue(update: Update, context: BotContext, conversation: Conversation, text_key: str) -> None:
    """The dialogue's own ✖ Batal button: close it and say so in the message whose button was pressed."""
    async with context.session_factory() as session, session.begin():
        await conversations.cancel(session, conversation.tg_user_id, conversation.tg_chat_id)
    await show(update, t(text_key, context.lang))
    set_outcome("ok")
