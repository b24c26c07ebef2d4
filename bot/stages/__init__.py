"""Election stages: /tahapan for everyone, the stage manager for super admins, stage reminders to every group."""

from telegram.ext import Application

from bot.access import CommandSpec, Where, add_buttons, add_command, add_dialogue
from bot.core.handlers import START_PAYLOADS
from bot.stages import handlers
from bot.stages import renderers as renderers
from db.access import Cap

STAGES = CommandSpec("tahapan", ("stages",), Cap.REPORT, Where.ANY)


def register(app: Application) -> None:
    """Add /tahapan, the manager's buttons and its dialogue."""
    add_command(app, STAGES, handlers.stages_command)
    actions = ("list", "card", "dates", "gid", "gen", "add", "cancel", "del", "delok")
    add_buttons(app, "stg", {action: Cap.MANAGE_STAGES for action in actions}, handlers.on_button)
    add_dialogue(handlers.KIND, Cap.MANAGE_STAGES, handlers.on_input)
    START_PAYLOADS["tahapan"] = handlers.start_manage
