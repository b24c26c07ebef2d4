"""Stage reminders: rendered at send time (countdown, current guidance), kept queued by a periodic task."""

from bot.config import Settings
from bot.outbox_render import RenderContext, Rendered, renderer
from bot.scheduler import periodic
from bot.stages.views import reminder_text
from db import clock, stages
from db.models import Stage
from db.session import SessionFactory


@renderer(stages.REMINDER_KIND)
async def render_stage_reminder(ctx: RenderContext) -> Rendered | None:
    """A stage reminder with its guidance; skipped when the stage was removed, moved, or is over."""
    stage = await ctx.session.get(Stage, int(ctx.payload["stage_id"]))
    if (stage is None or not stage.active or stage.start_date is None
            or stage.start_date.isoformat() != ctx.payload.get("start")):
        return None  # removed or moved since it was queued: the moved stage has reminders of its own
    now = clock.now()
    end = stages.end_moment(stage)
    if end is not None and now >= end:
        return None
    return Rendered(text=reminder_text(stage, now, ctx.lang))


@periodic("stage_reminders")
async def ensure_stage_reminders(session_factory: SessionFactory, settings: Settings) -> None:
    """Queue the stage reminders coming up for every active group (idempotent: dedupe keys)."""
    async with session_factory() as session, session.begin():
        await stages.ensure_reminders(session, offsets=settings.stage_reminder_days)
