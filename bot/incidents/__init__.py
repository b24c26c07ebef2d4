"""Incidents: intake (guided report, one-line report, reply as evidence) and alerts."""

from telegram import Update
from telegram.ext import Application

from bot.access import CommandSpec, Where, add_buttons, add_command, add_dialogue
from bot.context import BotContext
from bot.core.handlers import CANCEL_HOOKS, START_PAYLOADS
from bot.incidents import actions, detail, guided, oneline
from bot.incidents import renderers as renderers
from db import incidents
from db.access import Cap

REPORT = CommandSpec("lapor", ("report",), Cap.REPORT, Where.ANY)
INCIDENT = CommandSpec("insiden", ("incident", "incidents"), Cap.REPORT, Where.ANY)
GUIDED_ACTIONS = ("grp", "cat", "rg", "here", "pg", "back", "prev", "done", "sev", "sevok", "edit", "ed", "sum",
                  "send", "cancel", "resume", "discard")
ONELINE_ACTIONS = ("grp", "cat", "rg", "here", "pg", "back", "cancel")


async def _deep_link(update: Update, context: BotContext, payload: str) -> None:
    """`?start=lapor` opens the guided report; `?start=lapor_<id>` continues a one-line report's draft."""
    context.need_actor().require(Cap.REPORT)
    _, _, rest = payload.partition("_")
    if rest.isdigit():
        await guided.continue_draft(update, context, int(rest))
    else:
        await guided.start(update, context)


async def _drop_drafts(context: BotContext, user_id: int, chat_id: int) -> None:
    """/batal during a report deletes its draft (and the files attached so far)."""
    async with context.session_factory() as session, session.begin():
        for mode in ("guided", "oneline"):
            draft = await incidents.get_draft(session, user_id, mode=mode)
            if draft is not None and (mode == "guided" or draft.source_chat_id == chat_id):
                await incidents.discard_draft(session, draft)


def register(app: Application) -> None:
    """Add the incident intake's command, buttons and dialogues."""
    add_command(app, REPORT, oneline.report_command)
    add_buttons(app, "inc", {a: Cap.REPORT for a in GUIDED_ACTIONS}, guided.on_button)
    add_buttons(app, "inc1", {a: Cap.REPORT for a in ONELINE_ACTIONS}, oneline.on_button)
    add_command(app, INCIDENT, detail.incident_command)
    add_buttons(app, "act", {a: Cap.REPORT for a in ("ack", "take", "done", "dup", "dupof")}, actions.on_button)
    add_dialogue(actions.RESOLVE, Cap.REPORT, actions.on_note)
    add_dialogue(actions.DUPLICATE, Cap.REPORT, actions.on_original)
    add_dialogue(guided.KIND, Cap.REPORT, guided.on_input)
    add_dialogue(oneline.KIND, Cap.REPORT, oneline.on_input)
    START_PAYLOADS["lapor"] = _deep_link
    CANCEL_HOOKS[guided.KIND] = _drop_drafts
    CANCEL_HOOKS[oneline.KIND] = _drop_drafts
