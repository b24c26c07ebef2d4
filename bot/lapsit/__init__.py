"""The daily situation report (lapsit): every morning to the command posts, and /lapsit on demand."""

from telegram.ext import Application

from bot.access import CommandSpec, Where, add_command
from bot.core.handlers import START_PAYLOADS
from bot.lapsit import handlers
from bot.lapsit import renderers as renderers
from db.access import Cap

LAPSIT = CommandSpec("lapsit", (), Cap.LAPSIT_AGENCY, Where.PRIVATE)


def register(app: Application) -> None:
    """Add /lapsit (its deep link from groups opens it in private)."""
    add_command(app, LAPSIT, handlers.lapsit_command)
    START_PAYLOADS["lapsit"] = handlers.start_lapsit
