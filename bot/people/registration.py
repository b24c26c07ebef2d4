"""Registration in the private chat: agency → region → position → confirm; approval by buttons."""

from sqlalchemy.ext.asyncio import AsyncSession
from telegram import Update

from bot import region_picker
from bot.context import BotContext, set_outcome
from bot.dialogues import current_dialogue, end_dialogue
from bot.errors import answer_query
from bot.people.keyboards import agency_keyboard, confirm_rows
from bot.people.views import profile_text
from bot.texts import esc, t
from bot.ui import Button, keyboard, show
from db import conversations, people, regions
from db.errors import InvalidInput, NotFound
from db.models import Conversation

KIND = "register"


async def start_registration(update: Update, context: BotContext) -> None:
    """/daftar: open the dialogue at the agency step (or say why not)."""
    actor = context.need_actor()
    user = update.effective_user
    assert user is not None
    async with context.session_factory() as session, session.begin():
        if actor.is_superadmin:
            raise InvalidInput("people.superadmin_no_registration")
        if actor.status is not None and actor.status.value in ("pending", "active"):
            raise InvalidInput("people.already_pending" if actor.status.value == "pending"
                               else "people.already_active")
        await conversations.begin(session, tg_user_id=user.id, tg_chat_id=user.id, kind=KIND, step="agency")
        agencies = await regions.active_agencies(session)
    rows = agency_keyboard(agencies, context.lang, "reg")
    rows.append([(t("common.cancel", context.lang), "reg:cancel")])
    await show(update, t("people.ask_agency", context.lang), keyboard(rows))
    set_outcome("ok")


async def on_button(update: Update, context: BotContext) -> None:
    """Every `reg:` button: dialogue steps, and the approvers' Setujui / Tolak."""
    query = update.callback_query
    assert query is not None
    parts = (query.data or "").split(":")
    action = parts[1] if len(parts) > 1 else ""
    if action in ("ok", "no"):
        await _decide(update, context, parts)
        return
    conversation = await current_dialogue(update, context, KIND)
    if conversation is None:
        return
    if action == "cancel":
        await end_dialogue(update, context, conversation, "people.cancelled")
    elif action in ("ag", "edit") or (action == "back" and conversation.step == "region"
                                      and not conversation.data.get("browse")):
        await _agency_step(update, context, conversation, parts[2] if action == "ag" and len(parts) > 2 else None)
    elif action in ("rg", "here", "pg", "back"):
        await _region_step(update, context, conversation, action, parts[2:])
    elif action == "send":
        await _submit(update, context, conversation)
    else:
        await answer_query(update, t("access.unknown_button", context.lang), alert=True)
    set_outcome("ok")


async def _agency_step(update: Update, context: BotContext, conversation: Conversation,
                       agency_code: str | None) -> None:
    async with context.session_factory() as session, session.begin():
        conv = await conversations.get_conversation(session, conversation.tg_user_id, conversation.tg_chat_id)
        assert conv is not None
        if agency_code is None:
            conversations.advance(conv, "agency", browse=None, page=0)
            agencies = await regions.active_agencies(session)
            rows = agency_keyboard(agencies, context.lang, "reg")
            rows.append([(t("common.cancel", context.lang), "reg:cancel")])
            text = t("people.ask_agency", context.lang)
        else:
            agency = await regions.get_agency(session, agency_code)
            if agency is None:
                raise NotFound("people.agency_unknown")
            conversations.advance(conv, "region", agency=agency.code, browse=None, page=0)
            text, rows = await _region_prompt(session, context.lang, agency.short, None, 0)
    await show(update, text, keyboard(rows))


async def _region_prompt(session: AsyncSession, lang: str, agency: str, browse: str | None,
                         page: int) -> tuple[str, list[list[Button]]]:
    current, rows = await region_picker.rows(session, browse=browse, page=page, lang=lang, prefix="reg")
    where = t("people.region_within", lang, region=esc(current.name)) if current else ""
    return t("people.ask_region", lang, agency=esc(agency), where=where), rows


async def _region_step(update: Update, context: BotContext, conversation: Conversation, action: str,
                       args: list[str]) -> None:
    lang = context.lang
    async with context.session_factory() as session, session.begin():
        conv = await conversations.get_conversation(session, conversation.tg_user_id, conversation.tg_chat_id)
        assert conv is not None
        agency = await regions.get_agency(session, conv.data.get("agency", ""))
        if agency is None or conv.step not in ("region", "position", "confirm"):
            raise NotFound("access.stale_dialogue")
        pick = await region_picker.step(session, action, args, conv.data.get("browse"))
        if pick.chosen is not None:
            conversations.advance(conv, "position", region=pick.chosen.code, browse=pick.browse)
            path = await regions.path_label(session, pick.chosen.code)
            text = t("people.ask_position", lang, agency=esc(agency.short), region=esc(path))
            rows = [[(t("common.back", lang), "reg:back"), (t("common.cancel", lang), "reg:cancel")]]
        else:
            conversations.advance(conv, "region", browse=pick.browse, page=pick.page)
            text, rows = await _region_prompt(session, lang, agency.short, pick.browse, pick.page)
    await show(update, text, keyboard(rows))


async def on_input(update: Update, context: BotContext) -> None:
    """Typed answers of the dialogue: only the position step takes text."""
    message = update.effective_message
    conversation = context.conversation
    assert message is not None and conversation is not None
    if conversation.step != "position":
        await message.reply_text(t("access.not_understood", context.lang))
        set_outcome("ignored")
        return
    if not message.text:
        raise InvalidInput("people.position_text_only")
    position = people.clean_position(message.text)
    user = update.effective_user
    assert user is not None
    async with context.session_factory() as session, session.begin():
        conv = await conversations.get_conversation(session, conversation.tg_user_id, conversation.tg_chat_id)
        assert conv is not None
        conversations.advance(conv, "confirm", position=position)
        agency = await regions.get_agency(session, conv.data["agency"])
        path = await regions.path_label(session, conv.data["region"])
    text = t("people.confirm", context.lang, name=esc(user.full_name), agency=esc(agency.short if agency else "-"),
             region=esc(path), position=esc(position))
    await message.reply_text(text, reply_markup=keyboard(confirm_rows(context.lang, "reg")))
    set_outcome("ok")


async def _submit(update: Update, context: BotContext, conversation: Conversation) -> None:
    user = update.effective_user
    assert user is not None
    async with context.session_factory() as session, session.begin():
        conv = await conversations.get_conversation(session, conversation.tg_user_id, conversation.tg_chat_id)
        if conv is None or conv.step != "confirm":
            raise NotFound("access.stale_dialogue")
        await people.apply(session, actor=context.need_actor(), full_name=user.full_name, username=user.username,
                           agency_code=conv.data["agency"], region_code=conv.data["region"],
                           position=conv.data["position"], superadmin_ids=context.settings.superadmin_ids)
        await conversations.finish(session, conv)
    await show(update, t("people.submitted", context.lang))


async def _decide(update: Update, context: BotContext, parts: list[str]) -> None:
    if len(parts) != 4 or not parts[2].isdigit() or not parts[3].isdigit():
        raise NotFound("people.application_unknown")
    approve = parts[1] == "ok"
    async with context.session_factory() as session, session.begin():
        await people.decide(session, actor=context.need_actor(), stakeholder_id=int(parts[2]),
                            application_no=int(parts[3]), approve=approve)
    await answer_query(update, t("people.approved_answer" if approve else "people.rejected_answer",
                                 context.answer_lang))
    set_outcome("ok")


async def show_profile(update: Update, context: BotContext) -> None:
    """/profil: the person's own record."""
    actor = context.need_actor()
    async with context.session_factory() as session:
        text = await profile_text(session, actor, context.lang)
    await show(update, text)
    set_outcome("ok")
