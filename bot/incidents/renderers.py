"""Renderers of incident messages: alerts, notices to informed agencies, the command post digest."""

from datetime import datetime

from bot.incidents.views import card, labels
from bot.outbox_render import RenderContext, Rendered, renderer
from bot.render import WIB, shorten
from bot.texts import esc, t
from db import incidents, routing
from db.models import Incident


async def _incident(ctx: RenderContext) -> Incident | None:
    incident = await incidents.get_incident(ctx.session, int(ctx.payload["incident_id"]))
    return incident if incident is not None and incident.number is not None else None


@renderer("alert")
async def render_alert(ctx: RenderContext) -> Rendered | None:
    """An alert: the whole card; reporter names only in private alerts (groups carry agency and position)."""
    incident = await _incident(ctx)
    if incident is None:
        return None
    private = bool(ctx.payload.get("private")) or ctx.row.chat_id > 0
    return Rendered(text=await card(ctx.session, incident, ctx.lang, names=private))


@renderer("notice")
async def render_notice(ctx: RenderContext) -> Rendered | None:
    """A shorter notice for agencies that are informed, not responsible."""
    incident = await _incident(ctx)
    if incident is None:
        return None
    label = await labels(ctx.session, incident, ctx.lang)
    return Rendered(text=t("incident.notice", ctx.lang, number=esc(incident.number), category=label["category"],
                           severity=label["severity"], status=label["status"], region=label["region"],
                           description=esc(shorten(incident.description, 300))))


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
