"""Meetings (rakor): /rapat, the scheduling dialogue, invitations with answers, reschedule, cancel, calendar files,
reminders through the outbox."""

from telegram.ext import Application

from bot.access import CommandSpec, Where, add_buttons, add_command, add_dialogue
from bot.core.handlers import START_PAYLOADS
from bot.meetings import actions, dialogue
from bot.meetings import renderers as renderers
from db.access import Cap

MEETINGS = CommandSpec("rapat", ("meeting",), Cap.REPORT, Where.ANY)
# what everyone active may press; every other `mtg:` button schedules or manages (organiser rules in db.meetings)
_REPORT_ACTIONS = ("rsvp", "det", "ics", "list")
_SCHEDULE_ACTIONS = ("new", "cancel", "wok", "skip", "rg", "here", "pg", "back", "whole", "ag", "gr", "gp", "sc",
                     "sum", "rm", "send", "inv", "rs", "rok", "cx", "cxy")


def register(app: Application) -> None:
    """Add the meetings feature's command, buttons, dialogue and deep link."""
    add_command(app, MEETINGS, actions.meetings_command)
    add_buttons(app, "mtg", {**{a: Cap.REPORT for a in _REPORT_ACTIONS},
                             **{a: Cap.SCHEDULE_MEETING for a in _SCHEDULE_ACTIONS}},
                actions.on_button)
    add_dialogue(dialogue.KIND, Cap.SCHEDULE_MEETING, dialogue.on_input)
    START_PAYLOADS["rapat"] = actions.start_payload
