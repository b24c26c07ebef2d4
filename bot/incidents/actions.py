"""The buttons on alerts: Terima (per agency), Tangani, Selesai (asks a note), Duplikat (asks a number)."""

from telegram import ForceReply, Message, Update
from telegram.constants import ChatType

from bot.context import BotContext, set_outcome
from bot.errors import answer_query
from bot.texts import esc, t
from db import conversations, response
from db.errors import InvalidInput, NotFound
from db.models import Agency, Incident

RESOLVE = "resolve"
DUPLICATE = "duplicate"


def _incident_id(parts: list[str]) -> int:
    try:
        return int(parts[2])
    except (IndexError, ValueError):
        raise NotFound("response.not_found") from None


async def on_button(update: Update, context: BotContext) -> None:
    """Every `act:` button; the service decides who may do what for which agency."""
    query = update.callback_query
    assert query is not None
    parts = (query.data or "").split(":")
    action, incident_id = parts[1], _incident_id(parts)
    actor = context.need_actor()
    lang = context.answer_lang
    if action in ("done", "dup"):
        await _ask(update, context, incident_id, RESOLVE if action == "done" else DUPLICATE)
        return
    async with context.session_factory() as session, session.begin():
        if action == "ack":
            if len(parts) < 4:
                raise NotFound("response.not_found")
            await response.acknowledge(session, actor=actor, incident_id=incident_id, agency_code=parts[3])
            agency = await session.get(Agency, parts[3])
            answer = t("response.acked_answer", lang, agency=agency.short if agency else parts[3])
        elif action == "take":
            incident = await response.take(session, actor=actor, incident_id=incident_id)
            answer = t("response.taken_answer", lang, number=incident.number)
        elif action == "dupof":
            original = await session.get(Incident, int(parts[3]) if len(parts) > 3 and parts[3].isdigit() else 0)
            if original is None or original.number is None:
                raise NotFound("response.original_not_found", number="?")
            incident = await response.mark_duplicate(session, actor=actor, incident_id=incident_id,
                                                     original_number=original.number)
            answer = t("response.duplicate_done", lang, number=incident.number, original=original.number)
        else:
            raise NotFound("access.unknown_button")
    await answer_query(update, answer)
    set_outcome("ok")


async def _ask(update: Update, context: BotContext, incident_id: int, kind: str) -> None:
    """Selesai / Duplikat: ask for the note or the original's number (ForceReply in groups)."""
    chat, user = update.effective_chat, update.effective_user
    message = update.effective_message
    assert chat is not None and user is not None and message is not None
    async with context.session_factory() as session, session.begin():
        incident = await response.check_actionable(session, actor=context.need_actor(), incident_id=incident_id)
        conversation = await conversations.begin(session, tg_user_id=user.id, tg_chat_id=chat.id, kind=kind,
                                                 step="ask", data={"incident_id": incident_id})
    private = chat.type == ChatType.PRIVATE
    key = {RESOLVE: "response.ask_note", DUPLICATE: "response.ask_original"}[kind] + ("_private" if private else "")
    await answer_query(update)
    prompt = await message.reply_text(t(key, context.lang, number=esc(incident.number)),
                                      reply_markup=None if private else ForceReply(selective=True))
    async with context.session_factory() as session, session.begin():
        stored = await conversations.get_conversation(session, user.id, chat.id)
        if stored is not None and stored.id == conversation.id:
            stored.prompt_message_id = prompt.message_id
    set_outcome("ok")


async def _typed(update: Update, context: BotContext) -> tuple[Message, str, int]:
    message, conversation = update.effective_message, context.conversation
    assert message is not None and conversation is not None
    if not message.text:
        raise InvalidInput("response.text_only")
    return message, message.text, int(conversation.data.get("incident_id", 0))


async def on_note(update: Update, context: BotContext) -> None:
    """The resolution note."""
    message, text, incident_id = await _typed(update, context)
    user = update.effective_user
    assert user is not None
    async with context.session_factory() as session, session.begin():
        incident = await response.resolve(session, actor=context.need_actor(), incident_id=incident_id, note=text)
        await conversations.cancel(session, user.id, message.chat.id)
    await message.reply_text(t("response.resolved_done", context.lang, number=esc(incident.number)))
    set_outcome("ok")


async def on_original(update: Update, context: BotContext) -> None:
    """The number of the original report."""
    message, text, incident_id = await _typed(update, context)
    user = update.effective_user
    assert user is not None
    async with context.session_factory() as session, session.begin():
        incident = await response.mark_duplicate(session, actor=context.need_actor(), incident_id=incident_id,
                                                 original_number=text.split()[0] if text.split() else "")
        original = await session.get(Incident, incident.duplicate_of_id)
        await conversations.cancel(session, user.id, message.chat.id)
    await message.reply_text(t("response.duplicate_done", context.lang, number=esc(incident.number),
                               original=esc(original.number if original else "?")))
    set_outcome("ok")
