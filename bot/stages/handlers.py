"""/tahapan (/stages) for everyone; the stage manager of super admins (`/tahapan ubah` or its button).

The manager runs in the private chat: a paged list → a stage's card → change dates, guidance (each language),
or remove; each typed answer is a one-step dialogue (`stage_edit`) kept in the conversations table.
"""

from sqlalchemy.ext.asyncio import AsyncSession
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ChatType

from bot.context import BotContext, set_outcome
from bot.errors import answer_query
from bot.render import split_message
from bot.stages.views import card_text, overview_text, schedule_text
from bot.texts import esc, t
from bot.ui import Button, keyboard, paged, reply, show
from db import clock, conversations, stages
from db.access import Cap
from db.errors import InvalidInput, NotAllowed, NotFound
from db.models import Conversation, Stage

KIND = "stage_edit"
PAGE_SIZE = 8
_MANAGE_WORDS = {"ubah", "kelola", "edit", "manage"}
_ALL_WORDS = {"semua", "all", "jadwal", "schedule"}


async def stages_command(update: Update, context: BotContext) -> None:
    """/tahapan: what is on and next; `/tahapan semua` the whole schedule; `/tahapan ubah` the manager."""
    word = (context.args or [""])[0].lower()
    if word in _MANAGE_WORDS:
        await _open_manager(update, context)
        return
    now = clock.now()
    async with context.session_factory() as session:
        if word in _ALL_WORDS:
            text = schedule_text(await stages.list_stages(session), now, context.lang)
        else:
            text = overview_text(await stages.overview(session, now), now, context.lang)
    chat = update.effective_chat
    private = chat is not None and chat.type == ChatType.PRIVATE
    manage = context.need_actor().can(Cap.MANAGE_STAGES) and private
    parts = split_message(text)
    for index, part in enumerate(parts):
        last = index == len(parts) - 1
        markup = keyboard([[(t("stages.manage_button", context.lang), "stg:list:0")]]) if manage and last else None
        await reply(update, part, markup)
    set_outcome("ok")


async def _open_manager(update: Update, context: BotContext) -> None:
    context.need_actor().require(Cap.MANAGE_STAGES)
    chat = update.effective_chat
    if chat is not None and chat.type != ChatType.PRIVATE:
        link = f"https://t.me/{context.bot.username}?start=tahapan"
        markup = InlineKeyboardMarkup([[InlineKeyboardButton(t("access.open_private", context.lang), url=link)]])
        await reply(update, t("stages.manage_private", context.lang), markup)
        set_outcome("ok")
        return
    await _list(update, context, 0)
    set_outcome("ok")


async def start_manage(update: Update, context: BotContext, payload: str) -> None:
    """`/start tahapan` (the deep link from a group): open the manager here."""
    await _open_manager(update, context)


async def _list(update: Update, context: BotContext, page: int) -> None:
    lang = context.lang
    async with context.session_factory() as session:
        all_stages = await stages.list_stages(session)
    items: list[Button] = [(_short(s.name(lang)), f"stg:card:{s.id}") for s in all_stages]
    rows, _ = paged(items, page=page, per_page=PAGE_SIZE, nav="stg:list:", lang=lang, columns=1)
    rows.append([(t("stages.add_button", lang), "stg:add:0")])
    await show(update, t("stages.list_title", lang, count=len(all_stages)), keyboard(rows))


def _short(name: str, limit: int = 60) -> str:
    return name if len(name) <= limit else name[:limit - 1].rstrip() + "…"


def _card_rows(stage_id: int, lang: str) -> list[list[Button]]:
    return [[(t("stages.dates_button", lang), f"stg:dates:{stage_id}")],
            [(t("stages.guidance_id_button", lang), f"stg:gid:{stage_id}"),
             (t("stages.guidance_en_button", lang), f"stg:gen:{stage_id}")],
            [(t("stages.remove_button", lang), f"stg:del:{stage_id}")],
            [(t("common.back", lang), "stg:list:0")]]


async def _card(update: Update, context: BotContext, stage_id: int, *, new_message: bool = False,
                note: str = "") -> None:
    async with context.session_factory() as session:
        stage = await stages.get_stage(session, stage_id)
    text = card_text(stage, context.lang)
    markup = keyboard(_card_rows(stage_id, context.lang))
    text = f"{note}\n\n{text}" if note else text
    await (reply if new_message else show)(update, text, markup)


async def on_button(update: Update, context: BotContext) -> None:
    """`stg:` buttons: list pages, cards, the edits' prompts, removal with confirmation."""
    query, chat = update.callback_query, update.effective_chat
    assert query is not None and chat is not None
    if chat.type != ChatType.PRIVATE:
        raise NotAllowed("stages.manage_private")
    parts = (query.data or "").split(":")
    action = parts[1]
    try:
        target = int(parts[2])
    except (IndexError, ValueError):
        raise NotFound("stages.unknown") from None
    if action == "list":
        await _list(update, context, target)
    elif action == "card":
        await _card(update, context, target)
    elif action in ("dates", "gid", "gen", "add"):
        await _ask(update, context, action, target)
    elif action == "cancel":
        async with context.session_factory() as session, session.begin():
            await conversations.cancel(session, context.need_actor().tg_user_id, chat.id)
        await (_card(update, context, target) if target else _list(update, context, 0))
    elif action == "del":
        async with context.session_factory() as session:
            stage = await stages.get_stage(session, target)
        lang = context.lang
        await show(update, t("stages.remove_confirm", lang, name=esc(stage.name(lang))),
                   keyboard([[(t("stages.remove_yes", lang), f"stg:delok:{target}")],
                             [(t("common.back", lang), f"stg:card:{target}")]]))
    elif action == "delok":
        async with context.session_factory() as session, session.begin():
            stage = await stages.remove_stage(session, actor=context.need_actor(), stage_id=target)
        await show(update, t("stages.removed", context.lang, name=esc(stage.name(context.lang))),
                   keyboard([[(t("common.back", context.lang), "stg:list:0")]]))
    else:
        await answer_query(update, t("access.unknown_button", context.answer_lang), alert=True)
    set_outcome("ok")


async def _ask(update: Update, context: BotContext, action: str, stage_id: int) -> None:
    lang = context.lang
    user = update.effective_user
    assert user is not None
    data: dict[str, object] = {"stage_id": stage_id}
    async with context.session_factory() as session, session.begin():
        if action == "add":
            step, text = "name", t("stages.ask_name", lang)
        else:
            stage = await stages.get_stage(session, stage_id)
            name = esc(stage.name(lang))
            if action == "dates":
                step, text = "dates", t("stages.ask_dates", lang, name=name)
            else:
                code = "en" if action == "gen" else "id"
                step, data["lang"] = "guidance", code
                text = t("stages.ask_guidance", lang, name=name, language=t(f"lang.name.{code}", lang),
                         limit=stages.GUIDANCE_MAX, current=esc(stage.guidance(code)) or t("common.none", lang))
        await conversations.begin(session, tg_user_id=user.id, tg_chat_id=user.id, kind=KIND, step=step, data=data)
    await show(update, text, keyboard([[(t("common.cancel", lang), f"stg:cancel:{stage_id}")]]))


async def on_input(update: Update, context: BotContext) -> None:
    """Typed answers of the stage dialogue: new dates, new guidance, a new stage's name and then its dates."""
    message, conversation = update.effective_message, context.conversation
    assert message is not None and conversation is not None
    if not message.text:
        raise InvalidInput("stages.text_only")
    lang = context.lang
    async with context.session_factory() as session, session.begin():
        conv = await conversations.get_conversation(session, conversation.tg_user_id, conversation.tg_chat_id)
        assert conv is not None
        if conv.step == "name":
            name_id, name_en = stages.split_names(message.text)
            conversations.advance(conv, "new_dates", name_id=name_id, name_en=name_en)
            stage = None
        else:
            stage, note = await _apply(session, context, conv, message.text)
            await conversations.finish(session, conv)
    if stage is None:
        await reply(update, t("stages.ask_dates", lang, name=esc(name_id)),
                    keyboard([[(t("common.cancel", lang), "stg:cancel:0")]]))
    else:
        assert stage.id is not None
        await _card(update, context, stage.id, new_message=True, note=note)
    set_outcome("ok")


async def _apply(session: AsyncSession, context: BotContext, conv: Conversation, text: str) -> tuple[Stage, str]:
    """Save a typed answer (dates, guidance, or a new stage's dates); return the stage and what to say."""
    actor, lang, offsets, data = context.need_actor(), context.lang, context.settings.stage_reminder_days, conv.data
    if conv.step == "dates":
        stage = await stages.set_dates(session, actor=actor, stage_id=int(data["stage_id"]),
                                       period=stages.parse_period(text), offsets=offsets)
        return stage, t("stages.dates_saved", lang)
    if conv.step == "guidance":
        stage = await stages.set_guidance(session, actor=actor, stage_id=int(data["stage_id"]),
                                          lang=str(data["lang"]), text=text)
        return stage, t("stages.guidance_saved", lang)
    stage = await stages.add_stage(session, actor=actor, name_id=str(data["name_id"]), name_en=str(data["name_en"]),
                                   period=stages.parse_period(text), offsets=offsets)
    return stage, t("stages.added", lang)
