"""/rapat (list and `baru`), the detail view, answers (Hadir / Tidak hadir / Diwakilkan), calendar files, cancel;
and the router of every `mtg:` button."""

from telegram import Update
from telegram.constants import ChatType
from telegram.error import BadRequest, Forbidden

from bot.context import BotContext, set_outcome
from bot.errors import answer_query
from bot.meetings import dialogue, keyboards
from bot.meetings.ics import filename, meeting_ics
from bot.meetings.views import detail_text, fmt_when, list_buttons, list_text
from bot.texts import esc, t
from bot.ui import keyboard, show
from db import clock, meetings, regions
from db.access import Cap
from db.errors import NotFound
from db.models import Meeting, RsvpAnswer

NEW_WORDS = ("baru", "new")
ANSWERS = {code: answer for answer, code in keyboards.ANSWER_CODES.items()}


def _private(update: Update) -> bool:
    chat = update.effective_chat
    return chat is not None and chat.type == ChatType.PRIVATE


async def meetings_command(update: Update, context: BotContext) -> None:
    """/rapat: the upcoming meetings (of the person in private, of the group in a group); `/rapat baru` schedules."""
    args = [a.lower() for a in context.args or []]
    lang = context.lang
    if args and args[0] in NEW_WORDS:
        if _private(update):
            await dialogue.start_scheduling(update, context)
        else:
            context.need_actor().require(Cap.SCHEDULE_MEETING)
            markup = keyboards.private_link_markup(t("meetings.schedule_in_private", lang), context.bot.username,
                                                   "rapat_baru")
            await show(update, t("meetings.schedule_private_only", lang), markup)
        set_outcome("ok")
        return
    await show_list(update, context)


async def start_payload(update: Update, context: BotContext, payload: str) -> None:
    """Deep links `t.me/<bot>?start=rapat` (the list) and `?start=rapat_baru` (scheduling)."""
    context.need_actor().require(Cap.REPORT)
    if payload == "rapat_baru":
        await dialogue.start_scheduling(update, context)
    else:
        await show_list(update, context)


async def show_list(update: Update, context: BotContext) -> None:
    """The list with a detail button per meeting and Jadwalkan (private), or the group's meetings (group)."""
    actor = context.need_actor()
    chat = update.effective_chat
    assert chat is not None
    lang = context.lang
    private = _private(update)
    async with context.session_factory() as session:
        found = (await meetings.list_for_person(session, actor=actor) if private
                 else await meetings.list_for_chat(session, chat.id))
        counts = await meetings.answer_counts(session, [m.id for m in found if m.id is not None])
    text = list_text(found, counts, lang, context.settings.tz)
    can_schedule = actor.can(Cap.SCHEDULE_MEETING)
    if private:
        rows = list_buttons(found)
        if can_schedule:
            rows.append([(t("meetings.schedule_button", lang), "mtg:new")])
        await show(update, text, keyboard(rows) if rows else None)
    else:
        markup = keyboards.private_link_markup(t("meetings.schedule_in_private", lang), context.bot.username,
                                               "rapat_baru") if can_schedule else None
        await show(update, text, markup)
    set_outcome("ok")


def _meeting_id(args: list[str]) -> int:
    if not args or not args[0].isdigit():
        raise NotFound("meetings.unknown")
    return int(args[0])


async def on_button(update: Update, context: BotContext) -> None:
    """Every `mtg:` button: answers, details, calendar files, cancel; the rest belongs to the dialogue."""
    query = update.callback_query
    assert query is not None
    parts = (query.data or "").split(":")
    action, args = (parts[1] if len(parts) > 1 else ""), parts[2:]
    handlers = {"rsvp": _rsvp, "det": _detail, "ics": _ics, "cx": _ask_cancel, "cxy": _cancel}
    if action in handlers:
        await handlers[action](update, context, args)
    elif action == "list":
        await show_list(update, context)
    elif action == "new":
        await dialogue.start_scheduling(update, context)
    elif action == "rs":
        await dialogue.start_reschedule(update, context, _meeting_id(args))
    else:
        await dialogue.on_button(update, context, action, args)
    set_outcome("ok")


async def _rsvp(update: Update, context: BotContext, args: list[str]) -> None:
    chat, user = update.effective_chat, update.effective_user
    assert chat is not None and user is not None
    choice: RsvpAnswer | None = ANSWERS.get(args[1]) if len(args) == 2 else None
    if choice is None:
        raise NotFound("access.unknown_button")
    async with context.session_factory() as session, session.begin():
        changed = await meetings.answer(session, actor=context.need_actor(), meeting_id=_meeting_id(args),
                                        choice=choice, chat_id=chat.id, name=user.full_name)
    label = t(f"meetings.answer_{args[1]}", context.answer_lang)
    await answer_query(update, t("meetings.rsvp_saved" if changed else "meetings.rsvp_same", context.answer_lang,
                                 answer=label))


async def _visible(context: BotContext, update: Update, meeting_id: int) -> Meeting:
    chat = update.effective_chat
    async with context.session_factory() as session:
        meeting = await meetings.get_meeting(session, meeting_id)
        if not await meetings.may_see(session, context.need_actor(), meeting, chat.id if chat else None):
            raise NotFound("meetings.unknown")
        return meeting


async def _detail(update: Update, context: BotContext, args: list[str]) -> None:
    if not _private(update):
        raise NotFound("meetings.detail_private")
    meeting_id = _meeting_id(args)
    meeting = await _visible(context, update, meeting_id)
    manage = meetings.can_manage(context.need_actor(), meeting)
    async with context.session_factory() as session:
        overview = await meetings.overview(session, meeting_id)
        text = await detail_text(session, overview, context.lang, context.settings.tz, full=manage)
    await show(update, text, keyboard(keyboards.detail_rows(meeting, manage=manage, lang=context.lang)))


async def _ics(update: Update, context: BotContext, args: list[str]) -> None:
    """The .ics goes to the private chat of whoever asked (a group would be flooded with files)."""
    user = update.effective_user
    assert user is not None
    meeting = await _visible(context, update, _meeting_id(args))
    lang = context.answer_lang
    async with context.session_factory() as session:
        region = await regions.path_label(session, meeting.region_code) if meeting.region_code else None
    data = meeting_ics(meeting, tz=context.settings.tz, now=clock.now(),
                       location=meeting.place_text or region, description=meeting.agenda)
    caption = t("meetings.ics_caption", lang, title=esc(meeting.title),
                when=fmt_when(meeting.starts_at, lang, context.settings.tz))
    try:
        await context.bot.send_document(chat_id=user.id, document=data, filename=filename(meeting),
                                        caption=caption)
    except (Forbidden, BadRequest):
        await answer_query(update, t("meetings.ics_open_private", lang), alert=True)
        return
    await answer_query(update, None if _private(update) else t("meetings.ics_sent_private", lang))


async def _ask_cancel(update: Update, context: BotContext, args: list[str]) -> None:
    meeting_id = _meeting_id(args)
    lang = context.lang
    async with context.session_factory() as session:
        meeting = await meetings.managed_meeting(session, actor=context.need_actor(), meeting_id=meeting_id)
        groups = len(await meetings.invited_chats(session, meeting_id))
    text = t("meetings.cancel_confirm", lang, title=esc(meeting.title),
             when=fmt_when(meeting.starts_at, lang, context.settings.tz), groups=groups)
    await show(update, text, keyboard([[(t("meetings.cancel_yes", lang), f"mtg:cxy:{meeting_id}")],
                                       [(t("common.back", lang), f"mtg:det:{meeting_id}")]]))


async def _cancel(update: Update, context: BotContext, args: list[str]) -> None:
    meeting_id = _meeting_id(args)
    async with context.session_factory() as session, session.begin():
        meeting = await meetings.cancel(session, actor=context.need_actor(), meeting_id=meeting_id)
        groups = len(await meetings.invited_chats(session, meeting_id))
    text = t("meetings.cancel_done", context.lang, title=esc(meeting.title), groups=groups)
    await show(update, text, keyboard([[(t("meetings.ics_button", context.lang), f"mtg:ics:{meeting_id}")],
                                       [(t("meetings.list_button", context.lang), "mtg:list")]]))
