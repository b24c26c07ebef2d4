"""The guided report in the private chat: category group → category → region → place → description →
evidence → severity → summary. The draft (an `incidents` row in `draft`) holds the step, so a restart or another
process continues where the reporter was."""

from sqlalchemy.ext.asyncio import AsyncSession
from telegram import InlineKeyboardMarkup, Message, ReplyKeyboardMarkup, ReplyKeyboardRemove, Update

from bot.context import BotContext, set_outcome
from bot.errors import answer_query
from bot.incidents import steps
from bot.incidents.common import intake_options, load_draft
from bot.incidents.evidence import from_message, has_media
from bot.incidents.views import card
from bot.texts import esc, t
from bot.ui import Button, keyboard, show
from db import conversations, evidence, incidents, matching
from db.errors import InvalidInput
from db.models import Incident

KIND = "report"


async def _open(session: AsyncSession, context: BotContext, user_id: int, full_name: str) -> Incident:
    draft = await incidents.start_draft(session, actor=context.need_actor(), full_name=full_name, chat_id=user_id)
    await conversations.begin(session, tg_user_id=user_id, tg_chat_id=user_id, kind=KIND, step="draft")
    return draft


async def start(update: Update, context: BotContext) -> None:
    """/lapor in private: offer to continue an open draft, or start a new one."""
    user = update.effective_user
    assert user is not None
    lang = context.lang
    async with context.session_factory() as session, session.begin():
        draft = await incidents.get_draft(session, user.id)
        if draft is not None:
            step = t(f"incident.step.{draft.draft_step or 'group'}", lang)
            rows = [[(t("incident.resume_button", lang), "inc:resume")],
                    [(t("incident.discard_button", lang), "inc:discard")]]
            text, markup = t("incident.draft_open", lang, step=step), keyboard(rows)
        else:
            draft = await _open(session, context, user.id, user.full_name)
            text, markup = await steps.prompt(session, draft, lang)  # type: ignore[assignment]
    await _present(update, text, markup)
    set_outcome("ok")


async def continue_draft(update: Update, context: BotContext, draft_id: int) -> None:
    """Take over a one-line report's draft in the private chat (the deep link `lapor_<id>`)."""
    user = update.effective_user
    assert user is not None
    async with context.session_factory() as session, session.begin():
        draft = await incidents.get_incident(session, draft_id)
        if draft is None or draft.reporter_tg_id != user.id or draft.status.value != "draft":
            raise InvalidInput("incident.draft_gone")
        older = await incidents.get_draft(session, user.id)
        if older is not None and older.id != draft.id:
            await incidents.discard_draft(session, older)
        first_missing = next((s for s, v in (("group", draft.category_code), ("region", draft.region_code),
                                             ("description", draft.description)) if not v), "evidence")
        incidents.set_draft(draft, step=first_missing, mode="guided", fill=True)
        await conversations.begin(session, tg_user_id=user.id, tg_chat_id=user.id, kind=KIND, step="draft")
        text, markup = await steps.prompt(session, draft, context.lang)
    await _present(update, text, markup)
    set_outcome("ok")


async def on_button(update: Update, context: BotContext) -> None:
    """Every `inc:` button of the guided report."""
    query, user = update.callback_query, update.effective_user
    assert query is not None and user is not None
    parts = (query.data or "").split(":")
    action, args = parts[1], parts[2:]
    lang = context.lang
    async with context.session_factory() as session, session.begin():
        draft: Incident | None
        if action == "discard":
            old = await incidents.get_draft(session, user.id)
            if old is not None:
                await incidents.discard_draft(session, old)
                await session.flush()
            draft = await _open(session, context, user.id, user.full_name)
        elif action == "cancel":
            await incidents.discard_draft(session, await load_draft(session, user.id))
            await conversations.cancel(session, user.id, user.id)
            draft = None
        else:
            draft = await load_draft(session, user.id)
            if action == "resume":
                await conversations.begin(session, tg_user_id=user.id, tg_chat_id=user.id, kind=KIND, step="draft")
            else:
                await steps.apply_button(session, draft, action, args, lang)
        if draft is not None and draft.draft_step == "submit":
            text = await _submit(session, context, draft)
            markup: steps.Markup = None
        elif draft is None:
            text, markup = t("incident.cancelled", lang), None
        else:
            text, markup = await steps.prompt(session, draft, lang)
    await _present(update, text, markup)
    set_outcome("ok")


async def _submit(session: AsyncSession, context: BotContext, draft: Incident) -> str:
    """Submit in the caller's transaction; the answer is shown only after it committed."""
    incident = await incidents.submit(session, draft, actor=context.need_actor(), options=intake_options(context))
    await conversations.cancel(session, incident.reporter_tg_id, incident.reporter_tg_id)
    return t("incident.saved", context.lang, number=esc(incident.number),
             card=await card(session, incident, context.lang, names=True, description_limit=None))


async def _present(update: Update, text: str, markup: steps.Markup) -> None:
    """Edit the pressed message, or send a new one (always new for a reply keyboard, which cannot be edited in)."""
    if isinstance(markup, ReplyKeyboardMarkup):
        await answer_query(update)
        message = update.effective_message
        assert message is not None
        await message.chat.send_message(text, reply_markup=markup)
        return
    if update.callback_query is not None:
        await show(update, text, markup)
        return
    message = update.effective_message
    assert message is not None
    await message.reply_text(text, reply_markup=markup)


async def on_input(update: Update, context: BotContext) -> None:
    """Typed answers, locations and files, routed by the draft's step."""
    message, user = update.effective_message, update.effective_user
    assert message is not None and user is not None
    lang = context.lang
    async with context.session_factory() as session:
        step = (await load_draft(session, user.id)).draft_step
    if step == "evidence" and has_media(message):
        await _evidence(context, message, user.id)
        return
    if step == "place" and message.text in (t("common.back", lang), t("common.cancel", lang)):
        await _place_keyboard_button(context, message, user.id, back=message.text == t("common.back", lang))
        return
    async with context.session_factory() as session, session.begin():
        draft = await load_draft(session, user.id)
        note, note_markup = await _typed(session, draft, message, lang)
        text, markup = await steps.prompt(session, draft, lang)
    if note:
        await message.reply_text(note, reply_markup=note_markup)
    if note_markup is None or isinstance(note_markup, ReplyKeyboardRemove):
        await message.reply_text(text, reply_markup=markup)
    set_outcome("ok")


async def _place_keyboard_button(context: BotContext, message: Message, user_id: int, *, back: bool) -> None:
    """◀ Kembali / ✖ Batal typed from the place step's reply keyboard."""
    lang = context.lang
    async with context.session_factory() as session, session.begin():
        draft = await load_draft(session, user_id)
        if back:
            await steps.apply_button(session, draft, "prev", [], lang)
            text, markup = await steps.prompt(session, draft, lang)
        else:
            await incidents.discard_draft(session, draft)
            await conversations.cancel(session, user_id, user_id)
            text, markup = t("incident.cancelled", lang), None
    if markup is None:
        await message.reply_text(text, reply_markup=ReplyKeyboardRemove())
    else:
        await message.reply_text(t("common.back", lang), reply_markup=ReplyKeyboardRemove())
        await message.reply_text(text, reply_markup=markup)
    set_outcome("ok")


async def _typed(session: AsyncSession, draft: Incident, message: Message,
                 lang: str) -> tuple[str | None, InlineKeyboardMarkup | ReplyKeyboardRemove | None]:
    """Apply a typed answer to the draft's step; return a note to send before the next prompt."""
    step = draft.draft_step
    if step == "region":
        return await _typed_region(session, draft, message, lang)
    if step == "place":
        if message.location is not None:
            draft.latitude, draft.longitude = incidents.check_location(message.location.latitude,
                                                                       message.location.longitude)
            steps.complete(draft, "place")
            return t("incident.location_received", lang), ReplyKeyboardRemove()
        if not message.text:
            raise InvalidInput("incident.place_text_or_location")
        draft.place_text, draft.tps = incidents.parse_place(message.text)
        steps.complete(draft, "place")
        return t("incident.place_received", lang, place=esc(draft.place_text)), ReplyKeyboardRemove()
    if step == "description":
        if not message.text:
            raise InvalidInput("incident.description_text_only")
        draft.description = incidents.clean_description(message.text)
        steps.complete(draft, "description")
        return None, None
    if step == "evidence":
        raise InvalidInput("incident.evidence_files_only")
    raise InvalidInput("access.not_understood")


async def _typed_region(session: AsyncSession, draft: Incident, message: Message,
                        lang: str) -> tuple[str | None, InlineKeyboardMarkup | None]:
    if not message.text:
        raise InvalidInput("access.not_understood")
    found, tied = (await matching.region_matcher(session)).best(message.text)
    if found is not None:
        draft.region_code = found.code
        steps.complete(draft, "region")
        return None, None
    typed = esc(message.text[:60])
    if not tied:
        return t("incident.region_not_found", lang, text=typed), None
    rows: list[list[Button]] = []
    for match in tied[:8]:
        region = await incidents.region(session, match.code)
        from db import regions

        rows.append([(await regions.path_label(session, region.code), f"inc:here:{region.code}")])
    return t("incident.region_ambiguous", lang, text=typed), keyboard(rows)


async def _evidence(context: BotContext, message: Message, user_id: int) -> None:
    """A photo or document at the evidence step: fetched and hashed first, then recorded."""
    lang = context.lang
    async with context.session_factory() as session:
        draft_id = (await load_draft(session, user_id)).id or 0
        if await evidence.count_files(session, draft_id) >= evidence.MAX_ATTACHMENTS:
            raise InvalidInput("incident.evidence_full")
    items = await from_message(context.bot, message, include_text=False)  # no transaction open meanwhile
    async with context.session_factory() as session, session.begin():
        for item in items:
            evidence.add(session, draft_id, item, added_by=user_id)
        await session.flush()
        count = await evidence.count_files(session, draft_id)
    note = t("incident.evidence_not_hashed", lang) if any(i.sha256 is None for i in items) else ""
    await message.reply_text(t("incident.evidence_received", lang, count=count, note=note),
                             reply_markup=steps.evidence_keyboard(count, lang))
    set_outcome("ok")
