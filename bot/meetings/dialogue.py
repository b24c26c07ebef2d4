"""Scheduling a meeting in the private chat: title → date and time (shown back) → place (text or location) →
agenda (optional) → region (optional) → invited agencies and groups → summary with reminders → send.

The step and the answers so far live in the `conversations` row (kind "meeting"), read on every update, so a
restart or another process continues the dialogue. Rescheduling (steps `re_when` / `re_ok`) is the same kind.
"""

import asyncio
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession
from telegram import Update

from bot import region_picker
from bot.context import BotContext, set_outcome
from bot.dialogues import current_dialogue, end_dialogue
from bot.meetings import keyboards
from bot.meetings.views import agency_names, duration_label, fmt_when, reminders_label
from bot.texts import esc, t
from bot.ui import Button, keyboard, reply, show
from db import clock, conversations, meetings, regions
from db.access import Cap
from db.dates import parse_when
from db.errors import InvalidInput, NotFound
from db.models import Conversation

KIND = "meeting"
REMINDER_PRESETS = (1440, 180, 60, 30)
SUMMARY_GROUPS = 15


async def start_scheduling(update: Update, context: BotContext) -> None:
    """`/rapat baru` or the Jadwalkan button: open the dialogue at the title step."""
    context.need_actor().require(Cap.SCHEDULE_MEETING)
    user = update.effective_user
    assert user is not None
    async with context.session_factory() as session, session.begin():
        await conversations.begin(session, tg_user_id=user.id, tg_chat_id=user.id, kind=KIND, step="title",
                                  data={"reminders": list(context.settings.meeting_reminder_minutes)})
    await show(update, t("meetings.ask_title", context.lang), keyboard([keyboards.cancel_row(context.lang)]))
    set_outcome("ok")


async def start_reschedule(update: Update, context: BotContext, meeting_id: int) -> None:
    """🔁 on the detail view: ask for the new time."""
    user = update.effective_user
    assert user is not None
    async with context.session_factory() as session, session.begin():
        meeting = await meetings.managed_meeting(session, actor=context.need_actor(), meeting_id=meeting_id)
        await conversations.begin(session, tg_user_id=user.id, tg_chat_id=user.id, kind=KIND, step="re_when",
                                  data={"meeting_id": meeting_id})
    text = t("meetings.ask_new_when", context.lang, title=esc(meeting.title),
             when=fmt_when(meeting.starts_at, context.lang, context.settings.tz))
    await show(update, text, keyboard([keyboards.cancel_row(context.lang)]))


# ---- typed answers ------------------------------------------------------------------------------------------
async def on_input(update: Update, context: BotContext) -> None:
    """Typed answers: title, time, place (text or location), agenda; the other steps take buttons."""
    conversation = context.conversation
    message = update.effective_message
    assert conversation is not None and message is not None
    step = conversation.step
    if step == "place":
        await _place(update, context)
    elif step in ("title", "when", "when_ok", "agenda", "re_when", "re_ok"):
        if not message.text:
            raise InvalidInput("meetings.text_only")
        handler = {"title": _title, "agenda": _agenda}.get(step, _when)
        await handler(update, context, message.text)
    else:
        await message.reply_text(t("meetings.use_buttons", context.lang))
        set_outcome("ignored")
        return
    set_outcome("ok")


async def _update_conversation(context: BotContext, step: str, **data: Any) -> dict[str, Any]:
    conversation = context.conversation
    assert conversation is not None
    async with context.session_factory() as session, session.begin():
        conv = await conversations.get_conversation(session, conversation.tg_user_id, conversation.tg_chat_id)
        if conv is None or conv.kind != KIND:
            raise NotFound("access.stale_dialogue")
        conversations.advance(conv, step, **data)
        return dict(conv.data)


async def _title(update: Update, context: BotContext, text: str) -> None:
    title = meetings.clean_title(text)
    await _update_conversation(context, "when", title=title)
    await reply(update, t("meetings.ask_when", context.lang, title=esc(title)),
                keyboard([keyboards.cancel_row(context.lang)]))


async def _when(update: Update, context: BotContext, text: str) -> None:
    # dateparser reads its language data from disk on first use and is CPU-bound: keep it off the event loop
    when = await asyncio.to_thread(parse_when, text, clock.now(), context.settings.tz)
    lang = context.lang
    rescheduling = context.conversation is not None and context.conversation.step.startswith("re_")
    await _update_conversation(context, "re_ok" if rescheduling else "when_ok",
                               when=when.astimezone(UTC).isoformat())
    key = "meetings.confirm_new_when" if rescheduling else "meetings.confirm_when"
    ok = "mtg:rok" if rescheduling else "mtg:wok"
    await reply(update, t(key, lang, when=fmt_when(when, lang, context.settings.tz)),
                keyboard([[(t("meetings.when_ok_button", lang), ok)], keyboards.cancel_row(lang)]))


async def _place(update: Update, context: BotContext) -> None:
    message = update.effective_message
    assert message is not None
    lat = lon = None
    if message.venue is not None:
        place: str | None = meetings.clean_place(f"{message.venue.title}, {message.venue.address}")
        lat, lon = message.venue.location.latitude, message.venue.location.longitude
    elif message.location is not None:
        place, lat, lon = None, message.location.latitude, message.location.longitude
    elif message.text:
        place = meetings.clean_place(message.text)
    else:
        raise InvalidInput("meetings.place_text_or_location")
    await _update_conversation(context, "agenda", place=place, lat=lat, lon=lon)
    lang = context.lang
    await reply(update, t("meetings.ask_agenda", lang),
                keyboard([[(t("meetings.skip_button", lang), "mtg:skip")], keyboards.cancel_row(lang)]))


async def _agenda(update: Update, context: BotContext, text: str) -> None:
    agenda = meetings.clean_agenda(text)
    await _update_conversation(context, "region", agenda=agenda, browse=None, page=0)
    async with context.session_factory() as session:
        prompt, rows = await _region_prompt(session, context.lang, None, 0)
    await reply(update, prompt, keyboard(rows))


# ---- buttons --------------------------------------------------------------------------------------------------
STEP_OF_ACTION = {"wok": ("when_ok",), "rok": ("re_ok",), "skip": ("agenda",),
                  "rg": ("region",), "here": ("region",), "pg": ("region",), "back": ("region",),
                  "whole": ("region",), "ag": ("invite",), "gr": ("invite",), "gp": ("invite",), "sc": ("invite",),
                  "sum": ("invite",), "rm": ("confirm",), "send": ("confirm",), "inv": ("confirm",)}


async def on_button(update: Update, context: BotContext, action: str, args: list[str]) -> None:
    """A button of the dialogue (the step it belongs to must be the current one)."""
    conversation = await current_dialogue(update, context, KIND)
    if conversation is None:
        return
    if action == "cancel":
        await end_dialogue(update, context, conversation, "meetings.dialogue_cancelled")
        return
    if conversation.step not in STEP_OF_ACTION.get(action, ()):
        raise NotFound("access.stale_dialogue")
    if action == "rok":
        await _reschedule(update, context, conversation)
    elif action == "send":
        await _send(update, context, conversation)
    else:
        text, rows = await _step(context, conversation, action, args)
        await show(update, text, keyboard(rows))
    set_outcome("ok")


async def _step(context: BotContext, conversation: Conversation, action: str,
                args: list[str]) -> tuple[str, list[list[Button]]]:
    lang = context.lang
    async with context.session_factory() as session, session.begin():
        conv = await conversations.get_conversation(session, conversation.tg_user_id, conversation.tg_chat_id)
        if conv is None or conv.kind != KIND:
            raise NotFound("access.stale_dialogue")
        data = conv.data
        if action == "wok":
            conversations.advance(conv, "place")
            when = fmt_when(datetime.fromisoformat(data["when"]), lang, context.settings.tz)
            return t("meetings.ask_place", lang, when=when), [keyboards.cancel_row(lang)]
        if action == "skip":
            conversations.advance(conv, "region", agenda=None, browse=None, page=0)
            return await _region_prompt(session, lang, None, 0)
        if action in ("rg", "here", "pg", "back"):
            pick = await region_picker.step(session, action, args, data.get("browse"))
            if pick.chosen is None:
                conversations.advance(conv, "region", browse=pick.browse, page=pick.page)
                return await _region_prompt(session, lang, pick.browse, pick.page)
            conversations.advance(conv, "invite", region=pick.chosen.code, gpage=0)
            return await _invite_screen(session, conv.data, lang)
        if action in ("whole", "ag", "gr", "gp", "sc", "inv"):
            change = {"region": None, "gpage": 0} if action == "whole" else _invite_change(data, action, args)
            conversations.advance(conv, "invite", **change)
            return await _invite_screen(session, conv.data, lang)
        if action == "sum" and not (data.get("agencies") or data.get("groups")):
            raise InvalidInput("meetings.choose_someone")
        reminders = data.get("reminders") or []
        if action == "rm":
            if _int(args) not in _reminder_choices(context, reminders):
                raise NotFound("access.unknown_button")
            reminders = _toggle(reminders, _int(args))
        conversations.advance(conv, "confirm", reminders=reminders)
        return await _summary(session, context, conv.data)


def _int(args: list[str]) -> int:
    if not args or not args[0].lstrip("-").isdigit():
        raise NotFound("access.unknown_button")
    return int(args[0])


def _reminder_choices(context: BotContext, chosen: list[int]) -> list[int]:
    """The reminder buttons: the usual offsets, the configured defaults, and whatever is chosen already."""
    return sorted(set(REMINDER_PRESETS) | set(context.settings.meeting_reminder_minutes) | set(chosen),
                  reverse=True)


def _toggle(items: list[Any], value: Any) -> list[Any]:
    return [i for i in items if i != value] if value in items else [*items, value]


def _invite_change(data: dict[str, Any], action: str, args: list[str]) -> dict[str, Any]:
    if action == "ag":
        return {"agencies": _toggle(data.get("agencies") or [], args[0] if args else "")}
    if action == "gr":
        return {"groups": _toggle(data.get("groups") or [], _int(args))}
    if action == "gp":
        return {"gpage": max(0, _int(args))}
    if action == "sc":
        return {"all_regions": not data.get("all_regions")}
    return {}


async def _region_prompt(session: AsyncSession, lang: str, browse: str | None,
                         page: int) -> tuple[str, list[list[Button]]]:
    current, rows = await region_picker.rows(session, browse=browse, page=page, lang=lang, prefix="mtg")
    rows.insert(0, [(t("meetings.whole_button", lang), "mtg:whole")])
    where = t("people.region_within", lang, region=esc(current.name)) if current else ""
    return t("meetings.ask_region", lang, where=where), rows


def _draft(data: dict[str, Any]) -> meetings.Draft:
    return meetings.Draft(
        title=data["title"], starts_at=datetime.fromisoformat(data["when"]), place_text=data.get("place"),
        latitude=data.get("lat"), longitude=data.get("lon"), agenda=data.get("agenda"),
        region_code=data.get("region"), agency_codes=list(data.get("agencies") or []),
        chat_ids=[int(c) for c in data.get("groups") or []], all_regions=bool(data.get("all_regions")),
        reminder_minutes=[int(m) for m in data.get("reminders") or []])


async def _invite_screen(session: AsyncSession, data: dict[str, Any],
                         lang: str) -> tuple[str, list[list[Button]]]:
    agencies = await regions.active_agencies(session)
    names = await agency_names(session)
    draft = _draft(data)
    chosen = await meetings.recipients(session, region_code=draft.region_code, agency_codes=draft.agency_codes,
                                       chat_ids=draft.chat_ids, all_regions=draft.all_regions)
    region = (esc(await regions.path_label(session, draft.region_code)) if draft.region_code
              else t("meetings.whole_jurisdiction", lang))
    text = t("meetings.ask_invite", lang, region=region, count=len(chosen))
    rows = keyboards.invite_rows(agencies, await meetings.invitable_groups(session), names, data, lang)
    return text, rows


async def _summary(session: AsyncSession, context: BotContext, data: dict[str, Any]) -> tuple[str, list[list[Button]]]:
    lang, tz = context.lang, context.settings.tz
    draft = _draft(data)
    chats = await meetings.recipients(session, region_code=draft.region_code, agency_codes=draft.agency_codes,
                                      chat_ids=draft.chat_ids, all_regions=draft.all_regions)
    names = await agency_names(session)
    region = (esc(await regions.path_label(session, draft.region_code)) if draft.region_code
              else t("meetings.whole_jurisdiction", lang))
    place = esc(draft.place_text) if draft.place_text else (
        t("meetings.place_on_map", lang, lat=f"{draft.latitude:.5f}", lon=f"{draft.longitude:.5f}")
        if draft.latitude is not None else "-")
    if not chats:  # the chosen agencies have no active group there: nobody would be told
        raise InvalidInput("meetings.no_recipients")
    shown = [f"• {esc(c.title or c.tg_chat_id)}" for c in chats[:SUMMARY_GROUPS]]
    if len(chats) > SUMMARY_GROUPS:  # the summary must stay one message, however many groups are invited
        shown.append(t("meetings.and_more", lang, count=len(chats) - SUMMARY_GROUPS))
    groups = "\n".join(shown)
    text = t("meetings.summary", lang, title=esc(draft.title), when=fmt_when(draft.starts_at, lang, tz),
             place=place, agenda=esc(draft.agenda) if draft.agenda else "-", region=region,
             agencies=", ".join(esc(names.get(c, c)) for c in draft.agency_codes) or "-", count=len(chats),
             groups=groups, reminders=reminders_label(draft.reminder_minutes, lang))
    choices = _reminder_choices(context, draft.reminder_minutes)
    labels = {m: duration_label(m, lang) for m in choices}
    return text, keyboards.summary_rows(choices, draft.reminder_minutes, labels, lang)


async def _send(update: Update, context: BotContext, conversation: Conversation) -> None:
    lang = context.lang
    async with context.session_factory() as session, session.begin():
        conv = await conversations.get_conversation(session, conversation.tg_user_id, conversation.tg_chat_id)
        if conv is None or conv.step != "confirm":
            raise NotFound("access.stale_dialogue")
        meeting = await meetings.schedule(session, actor=context.need_actor(), draft=_draft(conv.data))
        groups = len(await meetings.invited_chats(session, meeting.id or 0))
        await conversations.finish(session, conv)
    text = t("meetings.scheduled", lang, title=esc(meeting.title),
             when=fmt_when(meeting.starts_at, lang, context.settings.tz), groups=groups)
    await show(update, text, keyboard([[(t("meetings.detail_button", lang), f"mtg:det:{meeting.id}")],
                                       [(t("meetings.ics_button", lang), f"mtg:ics:{meeting.id}")]]))


async def _reschedule(update: Update, context: BotContext, conversation: Conversation) -> None:
    lang = context.lang
    async with context.session_factory() as session, session.begin():
        conv = await conversations.get_conversation(session, conversation.tg_user_id, conversation.tg_chat_id)
        if conv is None or conv.step != "re_ok":
            raise NotFound("access.stale_dialogue")
        meeting_id = int(conv.data["meeting_id"])
        when = datetime.fromisoformat(conv.data["when"])
        await meetings.reschedule(session, actor=context.need_actor(), meeting_id=meeting_id, starts_at=when)
        groups = len(await meetings.invited_chats(session, meeting_id))
        await conversations.finish(session, conv)
    text = t("meetings.rescheduled_done", lang, when=fmt_when(when, lang, context.settings.tz), groups=groups)
    await show(update, text, keyboard([[(t("meetings.detail_button", lang), f"mtg:det:{meeting_id}")]]))
