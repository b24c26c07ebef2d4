"""One incident: its card as the chat shows it, the timeline, evidence served by the admin, a map, and the actions.

Our own page rather than sqladmin's: the actions must go through the same services as the Telegram buttons
(`db.response`), so the timeline records the web user and every alert in the chats is edited through the outbox;
and the evidence is fetched with the bot's getFile here, so the bot token never reaches the browser.
"""

import logging
from typing import Any

from markupsafe import Markup
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import select
from starlette.requests import Request
from starlette.responses import Response
from telegram.error import TelegramError

from bot.incidents.alerts import status_lines
from bot.incidents.views import card
from bot.render import fmt_dt
from bot.texts import esc, t
from bot.web.auth import WebUser, factory, require_user
from bot.web.render import flash, flash_error, page, redirect
from db import evidence, incidents, response
from db.access import Actor, Cap
from db.errors import DomainError, InvalidInput, NotFound
from db.models import OPEN_STATUSES, Agency, Evidence, EvidenceKind, Incident, IncidentEvent
from db.models.reference import CategoryRole
from db.scope import sees_reporter_names, visible_incidents
from db.timeline import events

log = logging.getLogger(__name__)
INLINE_TYPES = {"image/jpeg", "image/png", "image/gif", "image/webp"}  # shown in the page; anything else downloads
ACTIONS = ("ack", "take", "resolve", "duplicate", "note")


def _id(text: str) -> int:
    if not text.isdigit() or len(text) > 12:
        raise NotFound("response.not_found")
    return int(text)


async def visible(session: AsyncSession, actor: Actor, incident_id: int) -> Incident:
    """The incident if the actor may see it; NotFound (404) otherwise — others' incidents do not exist here."""
    incident = await session.scalar(select(Incident).where(Incident.id == incident_id, visible_incidents(actor)))
    if incident is None:
        raise NotFound("response.not_found")
    return incident


async def _event_text(session: AsyncSession, event: IncidentEvent, incident: Incident, lang: str,
                      names: bool) -> Markup:
    """One timeline entry in the chat's words (catalog markup, values escaped)."""
    agency = await session.get(Agency, event.agency_code) if event.agency_code else None
    who = esc(event.actor_label or "-")
    if event.kind == "created" and not names:  # as in the chat: the reporter's agency and position, no name
        reporter_agency = await session.get(Agency, incident.reporter_agency_code) \
            if incident.reporter_agency_code else None
        who = esc(" — ".join(p for p in (reporter_agency.short if reporter_agency else "",
                                         incident.reporter_position or "") if p) or "-")
    detail = event.detail or {}
    params: dict[str, Any] = {
        "who": who, "agency": esc(agency.short if agency else event.agency_code or "-"), "note": esc(event.note or ""),
        "original": esc(detail.get("original", "")), "duplicate": esc(detail.get("duplicate", "")),
        "evidence": detail.get("evidence", 0), "of": esc(detail.get("of", "")),
        "status": t(f"status.incident.{detail.get('status', 'new')}", lang)}
    if event.kind == "escalated":
        text = t(f"event.escalated_{detail.get('level', 1)}", lang, agency=params["agency"])
    elif f"event.{event.kind}" in _EVENT_KEYS:
        text = t(f"event.{event.kind}", lang, **params)
    else:
        text = esc(event.kind)
    if detail.get("on_behalf"):
        text += t("event.on_behalf", lang)
    return Markup(text)  # catalog markup with escaped values


_EVENT_KEYS = {f"event.{kind}" for kind in ("created", "acknowledged", "taken", "resolved", "duplicate",
                                            "duplicate_merged", "likely_duplicate", "note", "status_changed")}


def _may_act(actor: Actor, responsible: set[str]) -> bool:
    """The rule of db.response: people of a responsible agency, command post staff, super admins."""
    return actor.can(Cap.ACT_ANY_ALERT) or (actor.agency_code is not None and actor.agency_code in responsible)


async def incident_detail(request: Request) -> Response:
    """The incident page."""
    user = await require_user(request)
    lang = user.lang
    async with factory(request)() as session:
        incident = await visible(session, user.actor, _id(request.path_params["incident_id"]))
        names = sees_reporter_names(user.actor, incident)
        summary = Markup(await card(session, incident, lang, names=names, description_limit=None))
        states = [Markup(line) for line in await status_lines(session, incident, lang)]
        timeline = [(fmt_dt(e.at), await _event_text(session, e, incident, lang, names))
                    for e in await events(session, incident.id or 0)]
        items = await evidence.list_for(session, incident.id or 0)
        parts = await incidents.agencies_of(session, incident.id or 0)
        agencies = {a.code: a for a in (await session.scalars(select(Agency))).all()}
    responsible = {p.agency_code for p in parts if p.role == CategoryRole.RESPONSIBLE}
    can_act = _may_act(user.actor, responsible)
    is_open = incident.status in OPEN_STATUSES
    waiting = [p.agency_code for p in parts if p.role == CategoryRole.RESPONSIBLE and p.acknowledged_at is None
               and (user.actor.can(Cap.ACT_ANY_ALERT) or p.agency_code == user.actor.agency_code)]
    files = [item for item in items if item.kind != EvidenceKind.TEXT and item.file_id]
    texts = [item for item in items if item.kind == EvidenceKind.TEXT and item.text]
    return page(request, "incident.html", lang=lang, user=user, incident=incident, summary=summary, states=states,
                timeline=timeline, files=files, texts=texts, can_act=can_act and is_open,
                can_note=can_act, waiting=[agencies[c] for c in waiting if c in agencies],
                inline_types=INLINE_TYPES, tile_url=request.app.state.settings.map_tile_url)


async def _apply(session: AsyncSession, user: WebUser, incident_id: int, form: dict[str, str]) -> str:
    """Run one action through the service the Telegram button uses; return the confirmation's text key."""
    action, actor = form.get("action", ""), user.actor
    if action == "ack":
        await response.acknowledge(session, actor=actor, incident_id=incident_id, agency_code=form.get("agency", ""))
    elif action == "take":
        await response.take(session, actor=actor, incident_id=incident_id)
    elif action == "resolve":
        await response.resolve(session, actor=actor, incident_id=incident_id, note=form.get("note", ""))
    elif action == "duplicate":
        original = form.get("original", "").strip()
        if not original:
            raise InvalidInput("web.original_missing")
        await response.mark_duplicate(session, actor=actor, incident_id=incident_id,
                                      original_number=original.split()[0])
    elif action == "note":
        await response.add_note(session, actor=actor, incident_id=incident_id, note=form.get("note", ""))
    else:
        raise InvalidInput("web.action_unknown")
    user.record(session, f"web.incident.{action}", f"incident:{incident_id}",
                **{k: v[:1000] for k, v in form.items() if k in ("agency", "note", "original") and v})
    return f"web.done_{action}"


async def incident_action(request: Request) -> Response:
    """POST an action; back to the incident with what happened (or why not)."""
    user = await require_user(request)
    incident_id = _id(request.path_params["incident_id"])
    async with request.form(max_files=0, max_fields=10, max_part_size=64 * 1024) as raw:
        form = {key: str(value) for key, value in raw.items() if isinstance(value, str)}
    try:
        async with factory(request)() as session, session.begin():
            incident = await visible(session, user.actor, incident_id)
            done = await _apply(session, user, incident_id, form)
    except NotFound as error:
        if error.key == "response.not_found":
            raise
        flash_error(request, error)
    except DomainError as error:
        flash_error(request, error)
    else:
        flash(request, "ok", done, number=incident.number or "")
    return redirect(f"/admin/incidents/{incident_id}")


async def evidence_file(request: Request) -> Response:
    """A photo or document of a visible incident, fetched with getFile and served here (never the token URL)."""
    user = await require_user(request)
    incident_id = _id(request.path_params["incident_id"])
    evidence_id = _id(request.path_params["evidence_id"])
    async with factory(request)() as session:
        await visible(session, user.actor, incident_id)
        item = await session.get(Evidence, evidence_id)
    if item is None or item.incident_id != incident_id or not item.file_id:
        raise NotFound("response.not_found")
    bot = request.app.state.bot
    if bot is None:
        return page(request, "error.html", lang=user.lang, user=user, status_code=503,
                    message=t("web.file_unavailable", user.lang))
    try:
        file = await bot.get_file(item.file_id)
        data = bytes(await file.download_as_bytearray())
    except TelegramError as exc:  # too big, expired... the reason stays in the log (it never holds the token)
        log.warning("evidence %s of incident %s could not be fetched: %s", evidence_id, incident_id,
                    type(exc).__name__)
        return page(request, "error.html", lang=user.lang, user=user, status_code=502,
                    message=t("web.file_unavailable", user.lang))
    media_type = item.mime_type or ("image/jpeg" if item.kind == EvidenceKind.PHOTO else "application/octet-stream")
    inline = media_type in INLINE_TYPES
    name = (item.file_name or f"bukti-{evidence_id}").replace('"', "").replace("\r", "").replace("\n", "")
    ascii_name = name.encode("ascii", "ignore").decode() or f"bukti-{evidence_id}"
    headers = {"Content-Disposition": f'{"inline" if inline else "attachment"}; filename="{ascii_name}"',
               "Cache-Control": "private, no-store",
               "Content-Security-Policy": "default-src 'none'; img-src 'self'; sandbox"}
    return Response(data, media_type=media_type if inline else "application/octet-stream", headers=headers)
