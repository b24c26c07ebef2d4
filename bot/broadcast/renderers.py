"""Renderers of broadcasts (the message in each group, the sender's delivery report) and the report's trigger."""

from bot.broadcast.views import agency_short, message_text, report_text
from bot.config import Settings
from bot.outbox_render import RenderContext, Rendered, renderer
from bot.scheduler import periodic
from db import broadcasts
from db.models import Broadcast
from db.session import SessionFactory


@renderer(broadcasts.KIND)
async def render_broadcast(ctx: RenderContext) -> Rendered | None:
    """The broadcast in the group's language (only the header is translated; the text is as typed)."""
    broadcast = await ctx.session.get(Broadcast, int(ctx.payload["broadcast_id"]))
    if broadcast is None:
        return None
    agency = await agency_short(ctx.session, broadcast.sender_agency_code)
    return Rendered(text=message_text(sender=broadcast.sender_label, agency=agency, text=broadcast.text,
                                      lang=ctx.lang))


@renderer(broadcasts.REPORT_KIND)
async def render_broadcast_report(ctx: RenderContext) -> Rendered | None:
    """The delivery report, from the rows' final states."""
    broadcast = await ctx.session.get(Broadcast, int(ctx.payload["broadcast_id"]))
    if broadcast is None or broadcast.id is None:
        return None
    return Rendered(text=report_text(broadcast, await broadcasts.delivery(ctx.session, broadcast.id), ctx.lang))


@periodic("broadcast_reports")
async def queue_broadcast_reports(session_factory: SessionFactory, settings: Settings) -> None:
    """Queue the report of every broadcast that finished since the last run."""
    async with session_factory() as session, session.begin():
        await broadcasts.queue_reports(session)
