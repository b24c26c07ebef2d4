"""/lapor: the one-line report (`/lapor <kategori> <wilayah>: <uraian>`) in groups and private chats, a reply
that turns a message into evidence, and buttons (only the reporter's) for whatever could not be matched."""

from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select
from telegram import ForceReply, InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.constants import ChatType

from bot import region_picker
from bot.context import BotContext, set_outcome
from bot.dialogues import current_dialogue
from bot.incidents import guided
from bot.incidents.common import intake_options
from bot.incidents.evidence import from_message
from bot.incidents.views import card, labels
from bot.render import shorten
from bot.texts import esc, t
from bot.ui import Button, keyboard, show
from db import chats, conversations, evidence, groups, incidents, matching
from db.errors import InvalidInput, NotAllowed, NotFound
from db.evidence import EvidenceInput
from db.models import Category, CategoryGroup, Incident

KIND = "oneline"


def _arguments(message: Message) -> str:
    text = message.text or message.caption or ""
    first, _, rest = text.partition(" ")
    if "\n" in first:  # "/lapor\nprovokasi ..." — the command ends at the line break
        first, _, more = first.partition("\n")
        rest = f"{more} {rest}"
    return rest.strip()


async def report_command(update: Update, context: BotContext) -> None:
    """/lapor: the guided report (private, no arguments) or a one-line report (with arguments or as a reply)."""
    message, chat = update.effective_message, update.effective_chat
    assert message is not None and chat is not None
    private = chat.type == ChatType.PRIVATE
    text = _arguments(message)
    reply = message.reply_to_message
    if reply is not None and reply.from_user is not None and reply.from_user.id == context.bot.id:
        reply = None  # a reply to the bot's own message is not evidence
    if not text and reply is None:
        if private:
            await guided.start(update, context)
            return
        link = f"https://t.me/{context.bot.username}?start=lapor"
        await message.reply_text(t("incident.group_use_private", context.lang), reply_markup=InlineKeyboardMarkup(
            [[InlineKeyboardButton(t("incident.open_private_button", context.lang), url=link)]]))
        set_outcome("ok")
        return
    if not private:
        async with context.session_factory() as session:
            record = await chats.get_chat(session, chat.id)
        if record is None or not record.active or not groups.is_registered(record):
            raise NotAllowed("incident.group_not_registered")
    items = await from_message(context.bot, reply, include_text=True) if reply is not None else []
    await _create(update, context, message, text, items)


async def _create(update: Update, context: BotContext, message: Message, text: str,
                  items: list[EvidenceInput]) -> None:
    user = update.effective_user
    assert user is not None
    async with context.session_factory() as session, session.begin():
        parsed = matching.parse_one_line(text, await matching.category_matcher(session),
                                         await matching.region_matcher(session))
        description = parsed.description or next((i.text for i in items if i.text), "") or ""
        description = incidents.clean_description(description) if description.strip() else ""
        category = await session.get(Category, parsed.category.code) if parsed.category else None
        draft = await incidents.start_draft(
            session, actor=context.need_actor(), full_name=user.full_name, chat_id=message.chat.id, mode=KIND,
            step="oneline", source_message_id=message.message_id, category_code=category.code if category else None,
            severity_code=category.default_severity if category else None,
            region_code=parsed.region.code if parsed.region else None, description=description)
        for item in items:
            evidence.add(session, draft.id or 0, item, added_by=user.id)
        incidents.set_draft(draft, region_choices=[m.code for m in parsed.region_choices][:8],
                            typed_category=parsed.category_text[:60], typed_region=parsed.region_text[:60])
        if incidents.missing_parts(draft):
            await conversations.begin(session, tg_user_id=user.id, tg_chat_id=message.chat.id, kind=KIND,
                                      step="oneline", data={"incident_id": draft.id})
            text_, markup = await _progress(session, context, draft, user.full_name)
        else:
            text_, markup = await _submit(session, context, draft)
    sent = await message.reply_text(text_, reply_markup=markup)
    await _ask_description_if_needed(context, message, sent, draft, user.id)
    set_outcome("ok")


async def _submit(session: AsyncSession, context: BotContext,
                  draft: Incident) -> tuple[str, InlineKeyboardMarkup | None]:
    incident = await incidents.submit(session, draft, actor=context.need_actor(), options=intake_options(context))
    await conversations.cancel(session, incident.reporter_tg_id, incident.source_chat_id or 0)
    if (incident.source_chat_id or 0) > 0:  # in private the reporter sees the whole card with their own name
        return t("incident.saved", context.lang, number=esc(incident.number),
                 card=await card(session, incident, context.lang, names=True)), None
    label = await labels(session, incident, context.lang)
    return t("incident.saved_short", context.lang, number=esc(incident.number), category=label["category"],
             region=label["region"]), None


async def _progress(session: AsyncSession, context: BotContext, draft: Incident,
                    who: str) -> tuple[str, InlineKeyboardMarkup | None]:
    """What was understood, and buttons for the first missing part."""
    lang = context.lang
    label = await labels(session, draft, lang)
    data = draft.draft_data
    unknown = t("incident.unknown_part", lang)
    category = label["category"] if draft.category_code else (
        f"{unknown} {t('incident.oneline_typed', lang, text=esc(data['typed_category']))}"
        if data.get("typed_category") else unknown)
    region = label["region"] if draft.region_code else (
        f"{unknown} {t('incident.oneline_typed', lang, text=esc(data['typed_region']))}"
        if data.get("typed_region") else unknown)
    missing = incidents.missing_parts(draft)
    rows: list[list[Button]] = []
    if "category" in missing:
        rows, next_text = await _category_rows(session, draft, lang), t("incident.oneline_pick_category", lang)
    elif "region" in missing:
        rows, next_text = await _region_rows(session, draft, lang), t("incident.oneline_pick_region", lang)
    else:
        next_text = t("incident.oneline_ask_description", lang)
    rows.append([("✖", "inc1:cancel")])
    markup = keyboard(rows)
    link = f"https://t.me/{context.bot.username}?start=lapor_{draft.id}"
    buttons = [*markup.inline_keyboard, [InlineKeyboardButton(t("incident.finish_private_button", lang), url=link)]]
    text = t("incident.oneline_understood", lang, who=esc(who), category=category, region=region,
             description=esc(shorten(draft.description, 200)) if draft.description else unknown, next=next_text)
    return text, InlineKeyboardMarkup(buttons)


async def _category_rows(session: AsyncSession, draft: Incident, lang: str) -> list[list[Button]]:
    group = draft.draft_data.get("group")
    if group is None:
        found = (await session.scalars(select(CategoryGroup).order_by(col(CategoryGroup.sort_order)))).all()
        return [[(g.label(lang), f"inc1:grp:{g.code}")] for g in found]
    cats = (await session.scalars(select(Category).where(Category.group_code == group, Category.active)
                                  .order_by(col(Category.sort_order)))).all()
    return [[(c.label(lang)[:60], f"inc1:cat:{c.code}")] for c in cats] + [[("◀", "inc1:grp:-")]]


async def _region_rows(session: AsyncSession, draft: Incident, lang: str) -> list[list[Button]]:
    from db import regions

    choices = draft.draft_data.get("region_choices") or []
    if choices and draft.draft_data.get("browse") is None and not draft.draft_data.get("browsing"):
        rows: list[list[Button]] = [[(await regions.path_label(session, code), f"inc1:here:{code}")]
                                    for code in choices]
        return [*rows, [("🔎 …", "inc1:pg:-:0")]]
    _, rows = await region_picker.rows(session, browse=draft.draft_data.get("browse"),
                                       page=int(draft.draft_data.get("page", 0)), lang=lang, prefix="inc1")
    return [row for row in rows if not any(data == "inc1:cancel" for _, data in row)]


async def _ask_description_if_needed(context: BotContext, message: Message, sent: Message, draft: Incident,
                                     user_id: int) -> None:
    """In a group the description is typed as a reply to a ForceReply prompt, remembered on the dialogue."""
    if draft.status.value != "draft" or incidents.missing_parts(draft) != ["description"]:
        return
    prompt = await message.reply_text(t("incident.oneline_ask_description", context.lang),
                                      reply_markup=ForceReply(selective=True))
    async with context.session_factory() as session, session.begin():
        conversation = await conversations.get_conversation(session, user_id, message.chat.id)
        if conversation is not None:
            conversation.prompt_message_id = prompt.message_id
    _ = sent


async def on_button(update: Update, context: BotContext) -> None:
    """`inc1:` buttons completing a one-line report (only the reporter's presses count)."""
    query, user = update.callback_query, update.effective_user
    assert query is not None and user is not None
    conversation = await current_dialogue(update, context, KIND)
    if conversation is None:
        return
    draft_id = int(conversation.data.get("incident_id", 0))
    parts = (query.data or "").split(":")
    action, args = parts[1], parts[2:]
    async with context.session_factory() as session, session.begin():
        draft = await incidents.get_incident(session, draft_id)
        if draft is None or draft.status.value != "draft":
            raise NotFound("incident.draft_gone")
        if action == "cancel":
            await incidents.discard_draft(session, draft)
            await conversations.cancel(session, user.id, conversation.tg_chat_id)
            text, markup = t("incident.cancelled", context.lang), None
        else:
            await _apply(session, draft, action, args)
            if incidents.missing_parts(draft):
                text, markup = await _progress(session, context, draft, user.full_name)
            else:
                text, markup = await _submit(session, context, draft)
    await show(update, text, markup)
    message = update.effective_message
    if message is not None and draft is not None and action != "cancel":
        await _ask_description_if_needed(context, message, message, draft, user.id)
    set_outcome("ok")


async def _apply(session: AsyncSession, draft: Incident, action: str, args: list[str]) -> None:
    if action == "grp":
        incidents.set_draft(draft, group=None if not args or args[0] == "-" else args[0])
    elif action == "cat":
        found = await incidents.category(session, args[0] if args else "")
        draft.category_code, draft.severity_code = found.code, found.default_severity
    elif action in ("rg", "here", "pg", "back"):
        pick = await region_picker.step(session, action, args, draft.draft_data.get("browse"))
        if pick.chosen is not None:
            draft.region_code = pick.chosen.code
        incidents.set_draft(draft, browse=pick.browse, page=pick.page, browsing=True)
    else:
        raise NotFound("access.stale_dialogue")


async def on_input(update: Update, context: BotContext) -> None:
    """The description, typed as a reply to the ForceReply prompt (or in private)."""
    message, user = update.effective_message, update.effective_user
    conversation = context.conversation
    assert message is not None and user is not None and conversation is not None
    if not message.text:
        raise InvalidInput("incident.description_text_only")
    async with context.session_factory() as session, session.begin():
        draft = await incidents.get_incident(session, int(conversation.data.get("incident_id", 0)))
        if draft is None or draft.status.value != "draft":
            raise NotFound("incident.draft_gone")
        draft.description = incidents.clean_description(message.text)
        if incidents.missing_parts(draft):
            text, markup = await _progress(session, context, draft, user.full_name)
        else:
            text, markup = await _submit(session, context, draft)
    await message.reply_text(text, reply_markup=markup)
    set_outcome("ok")
