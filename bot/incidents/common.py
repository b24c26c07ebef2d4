"""Pieces the incident handlers share."""

from sqlalchemy.ext.asyncio import AsyncSession

from bot.context import BotContext
from db import incidents, routing
from db.errors import NotFound
from db.models import Incident


def intake_options(context: BotContext) -> incidents.IntakeOptions:
    """Intake settings from the application's settings."""
    settings = context.settings
    return incidents.IntakeOptions(
        rate_limit=settings.report_rate_limit, duplicate_window_minutes=settings.duplicate_window_minutes,
        routing=routing.RoutingOptions(digest_minutes=settings.command_post_digest_minutes,
                                       superadmin_ids=settings.superadmin_ids))


async def load_draft(session: AsyncSession, tg_user_id: int, *, mode: str = "guided") -> Incident:
    """The person's open draft, or NotFound with how to start one."""
    draft = await incidents.get_draft(session, tg_user_id, mode=mode)
    if draft is None:
        raise NotFound("incident.no_draft")
    return draft
