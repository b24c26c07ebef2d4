"""Reviewing incidents in chat: the filtered list (/insiden without a number), /statistik and /ekspor."""

from telegram.ext import Application

from bot.access import CommandSpec, Where, add_buttons, add_command, add_dialogue
from bot.config import Settings
from bot.core.handlers import START_PAYLOADS
from bot.incidents.detail import LIST_HOOK
from bot.review import exports, lists, stats
from bot.scheduler import periodic, periodic_with_app
from db import filters
from db.access import Cap
from db.session import SessionFactory

STATS = CommandSpec("statistik", ("stats",), Cap.SEE_AGENCY_INCIDENTS, Where.ANY)
EXPORT = CommandSpec("ekspor", ("export",), Cap.EXPORT, Where.PRIVATE)
LIST_ACTIONS = ("pg", "o", "m", "s", "p", "x", "t")


@periodic("review_views")
async def forget_old_views(session_factory: SessionFactory, settings: Settings) -> None:
    """List views older than 30 days go (their buttons then say the list has expired)."""
    async with session_factory() as session, session.begin():
        await filters.delete_views_before(session)


periodic_with_app("exports")(exports.resume_exports)


def register(app: Application) -> None:
    """Add the list behind /insiden, /statistik, /ekspor, their buttons and the typed-filter dialogue."""
    LIST_HOOK["list"] = lists.list_command
    add_buttons(app, "lst", {**{a: Cap.REPORT for a in LIST_ACTIONS}, "a": Cap.SEE_AGENCY_INCIDENTS,
                             "e": Cap.EXPORT}, lists.on_button)
    add_dialogue(lists.KIND, Cap.REPORT, lists.on_words)
    add_command(app, STATS, stats.stats_command)
    add_buttons(app, "sta", {"p": Cap.SEE_AGENCY_INCIDENTS}, stats.on_button)
    add_command(app, EXPORT, exports.export_command)
    add_buttons(app, "exp", {"f": Cap.EXPORT}, exports.on_button)
    START_PAYLOADS["lst"] = lists.start_list
    START_PAYLOADS["ekspor"] = exports.start_export
