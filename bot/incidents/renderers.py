"""Renderers of incident messages: alerts (and their edits), notices, escalations, the command post digest."""

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from bot.incidents.alerts import alert_markup, alert_text, status_lines
from bot.incidents.views import card, labels
from bot.outbox_render import RenderContext, Rendered, after_send, renderer
from bot.render import WIB, shorten
from bot.texts import esc, t
from db import chats, incidents, response, routing
from db.models import Agency, Incident, OutboxMessage, Severity


async def _incident(ctx: RenderContext) -> Incident | None:
    incident = await incidents.get_incident(ctx.session, int(ctx.payload["incident_id"]))
    return incident if incident is not None and incident.number is not None else None


async def _chat_agency(ctx: RenderContext) -> str | None:
    """The agency a group is registered for (None for the command post and private chats)."""
    chat = await chats.get_chat(ctx.session, ctx.row.chat_id)
    return chat.agency_code if chat is not None and not chat.is_command_post else None


async def _alert(ctx: RenderContext, *, edit: bool) -> Rendered | None:
    incident = await _incident(ctx)
    if incident is None:
        return None
    private = bool(ctx.payload.get("private")) or ctx.row.chat_id > 0  # names only where the reader may see them
    return Rendered(text=await alert_text(ctx.session, incident, ctx.lang, names=private),
                    reply_markup=await alert_markup(ctx.session, incident, ctx.lang,
                                                    chat_agency=await _chat_agency(ctx)),
                    edit_message_id=int(ctx.payload["message_id"]) if edit else None)


@renderer("alert")
async def render_alert(ctx: RenderContext) -> Rendered | None:
    """An alert with the buttons of that chat."""
    return await _alert(ctx, edit=False)


@renderer("alert_edit")
async def render_alert_edit(ctx: RenderContext) -> Rendered | None:
    """A delivered alert brought up to date."""
    return await _alert(ctx, edit=True)


async def _notice(ctx: RenderContext, *, edit: bool) -> Rendered | None:
    incident = await _incident(ctx)
    if incident is None:
        return None
    label = await labels(ctx.session, incident, ctx.lang)
    text = t("incident.notice", ctx.lang, number=esc(incident.number), category=label["category"],
             severity=label["severity"], status=label["status"], region=label["region"],
             description=esc(shorten(incident.description, 300)))
    lines = await status_lines(ctx.session, incident, ctx.lang)
    return Rendered(text=text + ("\n\n" + "\n".join(lines) if lines else ""),
                    edit_message_id=int(ctx.payload["message_id"]) if edit else None)


@renderer("notice")
async def render_notice(ctx: RenderContext) -> Rendered | None:
    """A shorter notice for agencies that are informed, not responsible (no buttons)."""
    return await _notice(ctx, edit=False)


@renderer("notice_edit")
async def render_notice_edit(ctx: RenderContext) -> Rendered | None:
    """A delivered notice brought up to date."""
    return await _notice(ctx, edit=True)


async def _escalation_text(session: AsyncSession, incident: Incident, agency_code: str, level: int, lang: str,
                           *, closed: bool) -> str:
    agency = await session.get(Agency, agency_code)
    severity = await session.get(Severity, incident.severity_code)
    body = await alert_text(session, incident, lang, names=True)
    if closed:
        return t("response.escalation_closed", lang, number=esc(incident.number),
                 agency=esc(agency.short if agency else agency_code), card=body)
    return t("response.escalation", lang, level=level, number=esc(incident.number),
             agency=esc(agency.short if agency else agency_code),
             minutes=(severity.ack_minutes if severity else 0) * level,
             severity=esc(severity.label(lang) if severity else "-"), card=body)


@renderer("escalation")
async def render_escalation(ctx: RenderContext) -> Rendered | None:
    """An agency has not acknowledged in time: tell the command post (level 1) or the super admins (level 2)."""
    incident = await _incident(ctx)
    agency, level = str(ctx.payload["agency"]), int(ctx.payload["level"])
    if incident is None or not await response.still_unacknowledged(ctx.session, incident.id or 0, agency):
        return None  # acknowledged (or closed) after all: escalation stops
    text = await _escalation_text(ctx.session, incident, agency, level, ctx.lang, closed=False)
    markup = await alert_markup(ctx.session, incident, ctx.lang, chat_agency=None)
    return Rendered(text=text, reply_markup=markup)


@renderer("escalation_edit")
async def render_escalation_edit(ctx: RenderContext) -> Rendered | None:
    """A delivered escalation brought up to date (buttons go once the agency acted)."""
    incident = await _incident(ctx)
    if incident is None:
        return None
    agency, level = str(ctx.payload["agency"]), int(ctx.payload["level"])
    waiting = await response.still_unacknowledged(ctx.session, incident.id or 0, agency)
    text = await _escalation_text(ctx.session, incident, agency, level, ctx.lang, closed=not waiting)
    markup = await alert_markup(ctx.session, incident, ctx.lang, chat_agency=None) if waiting else None
    return Rendered(text=text, reply_markup=markup, edit_message_id=int(ctx.payload["message_id"]))


@after_send("escalation")
async def escalation_sent(session: AsyncSession, row: OutboxMessage) -> None:
    """Put the escalation on the incident's timeline once it was delivered."""
    await response.record_escalation(session, int(row.payload["incident_id"]), str(row.payload["agency"]),
                                     int(row.payload["level"]))


@renderer("digest")
async def render_digest(ctx: RenderContext) -> Rendered | None:
    """The command post's digest of lower-severity reports in a window (numbers only, no buttons)."""
    start = datetime.fromisoformat(ctx.payload["start"])
    end = datetime.fromisoformat(ctx.payload["end"])
    found = await incidents.reports_in_window(ctx.session, start, end, routing.IMMEDIATE_RANK)
    if not found:
        return None
    lines = []
    for incident in found:
        label = await labels(ctx.session, incident, ctx.lang)
        lines.append(t("incident.digest_line", ctx.lang, number=esc(incident.number), severity=label["severity"],
                       category=label["category"], region=label["region"]))
    return Rendered(text=t("incident.digest", ctx.lang, start=start.astimezone(WIB).strftime("%d/%m %H:%M"),
                           end=end.astimezone(WIB).strftime("%H:%M"), count=len(found), lines="\n".join(lines)))


__all__ = ["card"]
