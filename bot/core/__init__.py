"""The core feature: /start, /bantuan, /bahasa, /batal, the dialogue router and the outbox's own notices."""

from telegram.ext import Application, MessageHandler, filters

from bot.access import CommandSpec, Where, add_buttons, add_command
from bot.core import renderers as renderers
from bot.core.handlers import cancel_command, help_command, language_command, on_language_button, route_input, start
from db.access import Cap

START = CommandSpec("start", (), Cap.PUBLIC, Where.ANY)
HELP = CommandSpec("bantuan", ("help",), Cap.PUBLIC, Where.ANY)
LANGUAGE = CommandSpec("bahasa", ("language",), Cap.PUBLIC, Where.ANY)
CANCEL = CommandSpec("batal", ("cancel",), Cap.PUBLIC, Where.ANY)


def register(app: Application) -> None:
    """Add the core handlers; the router goes last in its group so commands win."""
    add_command(app, START, start)
    add_command(app, HELP, help_command)
    add_command(app, LANGUAGE, language_command)
    add_command(app, CANCEL, cancel_command)
    add_buttons(app, "lang", {"me": Cap.PUBLIC, "grp": Cap.PUBLIC}, on_language_button)


def register_router(app: Application) -> None:
    """The router of typed dialogue answers, added after every feature (group 1: after commands)."""
    inputs = filters.ALL & ~filters.COMMAND & ~filters.StatusUpdate.ALL & ~filters.UpdateType.EDITED
    app.add_handler(MessageHandler(inputs, route_input), group=1)
