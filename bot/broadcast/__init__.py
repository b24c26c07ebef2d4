"""Broadcasts: /siaran to groups filtered by agency and region, at Telegram's pace, with a delivery report."""

from telegram.ext import Application

from bot.access import CommandSpec, Where, add_buttons, add_command, add_dialogue
from bot.broadcast import handlers
from bot.broadcast import renderers as renderers
from bot.core.handlers import START_PAYLOADS
from db.access import Cap

BROADCAST = CommandSpec("siaran", ("broadcast",), Cap.BROADCAST_AGENCY, Where.PRIVATE)


def register(app: Application) -> None:
    """Add /siaran, its buttons and its dialogue."""
    add_command(app, BROADCAST, handlers.siaran_command)
    actions = ("ag", "cp", "next", "rg", "here", "pg", "back", "anyrg", "edit", "redo", "send", "cancel")
    add_buttons(app, "brc", {action: Cap.BROADCAST_AGENCY for action in actions}, handlers.on_button)
    add_dialogue(handlers.KIND, Cap.BROADCAST_AGENCY, handlers.on_input)
    START_PAYLOADS["siaran"] = handlers.start_siaran
