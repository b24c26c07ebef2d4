"""The daily lapsit to the command-post groups: queued a day ahead, its figures computed when it is sent."""

from bot.config import Settings
from bot.lapsit.views import lapsit_text
from bot.outbox_render import RenderContext, Rendered, renderer
from bot.scheduler import periodic
from db import chats, lapsit
from db.session import SessionFactory


@renderer(lapsit.KIND)
async def render_lapsit(ctx: RenderContext) -> Rendered | None:
    """The whole report (the command post sees everything); the dispatcher splits it at 4,096 characters."""
    chat = await chats.get_chat(ctx.session, ctx.row.chat_id)
    if chat is None or not chat.is_command_post:
        return None  # re-registered for an agency since it was queued: it may no longer see everything
    report = await lapsit.build(ctx.session, actor=lapsit.COMMAND_POST_VIEW)
    return Rendered(text=lapsit_text(report, ctx.lang))


@periodic("lapsit")
async def ensure_daily_lapsit(session_factory: SessionFactory, settings: Settings) -> None:
    """Queue the next morning's report for every command-post group (once per group and WIB date)."""
    async with session_factory() as session, session.begin():
        await lapsit.ensure_daily(session, at=settings.lapsit_time)
