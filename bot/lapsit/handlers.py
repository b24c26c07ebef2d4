"""/lapsit: the situation report on demand, scoped to what the asking person may see."""

from telegram import Update

from bot.context import BotContext, set_outcome
from bot.lapsit.views import lapsit_text
from bot.render import split_message
from bot.ui import reply
from db import lapsit, regions
from db.access import Cap


async def lapsit_command(update: Update, context: BotContext) -> None:
    """/lapsit: the full report for the command post and super admins, an agency's part for its people."""
    actor = context.need_actor()
    actor.require(Cap.LAPSIT_AGENCY)  # also reached through the /start deep link, which anyone may use
    async with context.session_factory() as session:
        report = await lapsit.build(session, actor=actor)
        agency = await regions.get_agency(session, report.agency_code) if report.agency_code else None
    text = lapsit_text(report, context.lang, agency.short if agency else report.agency_code)
    for part in split_message(text):
        await reply(update, part)
    set_outcome("ok")


async def start_lapsit(update: Update, context: BotContext, payload: str) -> None:
    """`/start lapsit` (the deep link from a group)."""
    await lapsit_command(update, context)
