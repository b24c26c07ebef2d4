"""/insiden <nomor>: the incident, its timeline, its location as a pin, its evidence re-sent by file_id, and the
buttons the asker may use — for those allowed to see it; anyone else gets "not found"."""

import re
from collections.abc import Awaitable, Callable

from sqlalchemy.ext.asyncio import AsyncSession
from telegram import InputMediaDocument, InputMediaPhoto, Update
from telegram.constants import ChatType

from bot.context import BotContext, set_outcome
from bot.incidents.alerts import alert_markup, alert_text
from bot.render import fmt_dt, split_message
from bot.texts import esc, t
from db import chats, evidence, timeline
from db.errors import NotFound
from db.models import Agency, Evidence, EvidenceKind, Incident, IncidentEvent
from db.scope import sees_reporter_names

NUMBER = re.compile(r"(?i)(ins-?)?\d{8}-\d+")
# the list view (/insiden without a number) plugs in here, so the command has one handler
LIST_HOOK: dict[str, Callable[[Update, BotContext], Awaitable[None]]] = {}


async def incident_command(update: Update, context: BotContext) -> None:
    """/insiden <nomor> shows one incident; without a number, how to ask."""
    message, chat = update.effective_message, update.effective_chat
    assert message is not None and chat is not None
    if not context.args or not NUMBER.fullmatch(context.args[0].strip()):  # filter words go to the list
        hook = LIST_HOOK.get("list")
        if hook is not None:
            await hook(update, context)
            return
        await message.reply_text(t("response.detail_usage", context.lang))
        set_outcome("ok")
        return
    actor = context.need_actor()
    private = chat.type == ChatType.PRIVATE
    async with context.session_factory() as session:
        incident = await timeline.visible_by_number(session, actor, context.args[0])
        if incident is None:
            raise NotFound("response.not_found")
        names = private and sees_reporter_names(actor, incident)
        text = await alert_text(session, incident, context.lang, names=names)
        text += "\n\n" + await timeline_text(session, incident, context.lang, names=names)
        items = await evidence.list_for(session, incident.id or 0)
        text += _evidence_texts(items, context.lang)
        record = None if private else await chats.get_chat(session, chat.id)
        markup = await alert_markup(session, incident, context.lang,
                                    chat_agency=record.agency_code if record and not record.is_command_post else None,
                                    viewer=actor if private else None)
    parts = split_message(text)
    for index, part in enumerate(parts):
        await message.reply_text(part, reply_markup=markup if index == len(parts) - 1 else None)
    await _send_extras(update, incident, items)
    set_outcome("ok")


def _evidence_texts(items: list[Evidence], lang: str) -> str:
    lines = [t("response.evidence_original", lang, index=i, text=esc(item.text[:300]))
             for i, item in enumerate(items, 1) if item.kind == EvidenceKind.TEXT and item.text]
    return ("\n\n" + "\n".join(lines)) if lines else ""


async def _send_extras(update: Update, incident: Incident, items: list[Evidence]) -> None:
    """The location as a map pin, photos as an album, documents after them (re-sent by file_id)."""
    message = update.effective_message
    assert message is not None
    if incident.latitude is not None and incident.longitude is not None:
        await message.reply_location(latitude=incident.latitude, longitude=incident.longitude)
    photos = [i.file_id for i in items if i.kind == EvidenceKind.PHOTO and i.file_id]
    documents = [i.file_id for i in items if i.kind != EvidenceKind.PHOTO and i.kind != EvidenceKind.TEXT
                 and i.file_id]
    for kind, ids in (("photo", list(dict.fromkeys(photos))), ("document", list(dict.fromkeys(documents)))):
        for start in range(0, len(ids), 10):  # albums hold 2-10 items of one kind
            chunk = ids[start:start + 10]
            if len(chunk) == 1:
                send = message.reply_photo if kind == "photo" else message.reply_document
                await send(chunk[0])
            else:
                media = [InputMediaPhoto(f) if kind == "photo" else InputMediaDocument(f) for f in chunk]
                await message.reply_media_group(media)


async def timeline_text(session: AsyncSession, incident: Incident, lang: str, *, names: bool) -> str:
    """The timeline, one line per event, oldest first."""
    lines = [t("response.timeline", lang)]
    for event in await timeline.events(session, incident.id or 0):
        described = await _event_text(session, event, incident, lang, names)
        lines.append(f"{fmt_dt(event.at, with_zone=False)} · {described}")
    return "\n".join(lines)


async def _event_text(session: AsyncSession, event: IncidentEvent, incident: Incident, lang: str,
                      names: bool) -> str:
    agency = await session.get(Agency, event.agency_code) if event.agency_code else None
    agency_label = esc(agency.short if agency else event.agency_code or "-")
    who = esc(event.actor_label or "-")
    if event.kind == "created" and not names:
        reporter_agency = await session.get(Agency, incident.reporter_agency_code) \
            if incident.reporter_agency_code else None
        who = esc(" — ".join(p for p in (reporter_agency.short if reporter_agency else "",
                                         incident.reporter_position or "") if p) or "-")
    detail = event.detail or {}
    if event.kind == "escalated":
        text = t(f"event.escalated_{detail.get('level', 1)}", lang, agency=agency_label)
    elif event.kind in ("created", "acknowledged", "taken", "resolved", "duplicate", "duplicate_merged",
                        "likely_duplicate", "note", "status_changed"):
        params = {"who": who, "agency": agency_label, "note": esc(event.note or ""),
                  "original": esc(detail.get("original", "")), "duplicate": esc(detail.get("duplicate", "")),
                  "evidence": detail.get("evidence", 0), "of": esc(detail.get("of", "")),
                  "status": t(f"status.incident.{detail.get('status', 'new')}", lang)}
        text = t(f"event.{event.kind}", lang, **params)
    else:
        text = esc(event.kind)
    if detail.get("on_behalf"):
        text += t("event.on_behalf", lang)
    return text

