"""/siaran (/broadcast) in the private chat: agencies (super admins) → region → the text → preview → send.

The dialogue (`broadcast`) lives in the conversations table; the preview shows how many groups it will reach
and the message exactly as groups will see it. Sending queues one outbox row per group.
"""

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession
from telegram import Update

from bot import region_picker
from bot.broadcast.views import agency_short, filter_labels, message_text
from bot.context import BotContext, set_outcome
from bot.dialogues import current_dialogue
from bot.errors import answer_query
from bot.texts import esc, t
from bot.ui import Button, keyboard, reply, show
from db import broadcasts, conversations, regions
from db.access import Actor, Cap
from db.broadcasts import Filter
from db.errors import NotAllowed, NotFound
from db.models import Conversation

KIND = "broadcast"


def _sender(update: Update, actor: Actor) -> str:
    """The name groups see: the registered name, else (a super admin) the Telegram name."""
    if actor.stakeholder is not None:
        return actor.stakeholder.full_name
    return update.effective_user.full_name if update.effective_user else actor.label


def _filter(data: dict[str, Any]) -> Filter:
    return Filter(agencies=tuple(data.get("agencies") or ()), command_post=bool(data.get("command_post")),
                  region=data.get("region"))


async def siaran_command(update: Update, context: BotContext) -> None:
    """/siaran: open the dialogue (super admins choose agencies first; agency admins start at the region)."""
    actor = context.need_actor()
    actor.require(Cap.BROADCAST_AGENCY)  # also reached through the /start deep link, which anyone may use
    user = update.effective_user
    assert user is not None
    async with context.session_factory() as session, session.begin():
        if actor.can(Cap.BROADCAST_ANY):
            conv = await conversations.begin(session, tg_user_id=user.id, tg_chat_id=user.id, kind=KIND,
                                             step="agency", data={"agencies": [], "command_post": False})
            text, rows = await _agency_prompt(session, conv, context.lang)
        else:
            conv = await conversations.begin(session, tg_user_id=user.id, tg_chat_id=user.id, kind=KIND,
                                             step="region", data={"agencies": [actor.agency_code]})
            text, rows = await _region_prompt(session, conv, context.lang)
    await show(update, text, keyboard(rows))
    set_outcome("ok")


async def start_siaran(update: Update, context: BotContext, payload: str) -> None:
    """`/start siaran` (the deep link from a group)."""
    await siaran_command(update, context)


async def _agency_prompt(session: AsyncSession, conv: Conversation, lang: str) -> tuple[str, list[list[Button]]]:
    chosen = set(conv.data.get("agencies") or ())
    buttons: list[Button] = []
    for agency in await regions.active_agencies(session):
        label = t("broadcast.selected", lang, label=agency.short) if agency.code in chosen else agency.short
        buttons.append((label, f"brc:ag:{agency.code}"))
    posko = t("broadcast.command_post_button", lang)
    buttons.append((t("broadcast.selected", lang, label=posko) if conv.data.get("command_post") else posko,
                    "brc:cp"))
    rows = [buttons[i:i + 3] for i in range(0, len(buttons), 3)]
    rows.append([(t("broadcast.next_button", lang), "brc:next"), (t("common.cancel", lang), "brc:cancel")])
    return t("broadcast.ask_agencies", lang), rows


async def _region_prompt(session: AsyncSession, conv: Conversation, lang: str) -> tuple[str, list[list[Button]]]:
    agencies, _ = await filter_labels(session, _filter(conv.data), lang)
    current, rows = await region_picker.rows(session, browse=conv.data.get("browse"), page=conv.data.get("page", 0),
                                             lang=lang, prefix="brc")
    rows.insert(0, [(t("broadcast.all_regions_button", lang), "brc:anyrg")])
    where = t("people.region_within", lang, region=esc(current.name)) if current else ""
    return t("broadcast.ask_region", lang, agencies=agencies, where=where), rows


async def _text_prompt(session: AsyncSession, actor: Actor, conv: Conversation, lang: str) -> str:
    chosen = _filter(conv.data)
    count = len(await broadcasts.targets(session, actor=actor, wanted=chosen))
    agencies, region = await filter_labels(session, chosen, lang)
    return t("broadcast.ask_text", lang, agencies=agencies, region=region, count=count, limit=broadcasts.TEXT_MAX)


async def on_button(update: Update, context: BotContext) -> None:
    """`brc:` buttons: agency toggles, the region picker, send / change / cancel."""
    query = update.callback_query
    assert query is not None
    parts = (query.data or "").split(":")
    conversation = await current_dialogue(update, context, KIND)
    if conversation is None:
        return
    action, args, lang, actor = parts[1], parts[2:], context.lang, context.need_actor()
    if action == "send":
        await _send(update, context, conversation)
        return
    rows: list[list[Button]] = []
    async with context.session_factory() as session, session.begin():
        conv = await conversations.get_conversation(session, conversation.tg_user_id, conversation.tg_chat_id)
        assert conv is not None
        if action == "cancel":
            await conversations.finish(session, conv)
            text = t("broadcast.cancelled", lang)
        elif action in ("ag", "cp"):
            if not actor.can(Cap.BROADCAST_ANY):
                raise NotAllowed("broadcast.own_agency_only")
            _toggle(conv, action, args)
            text, rows = await _agency_prompt(session, conv, lang)
        elif action == "redo" or (action == "back" and conv.step == "region" and not conv.data.get("browse")
                                  and actor.can(Cap.BROADCAST_ANY)):
            step = "agency" if actor.can(Cap.BROADCAST_ANY) else "region"
            conversations.advance(conv, step, browse=None, page=0, region=None)
            text, rows = await (_agency_prompt if step == "agency" else _region_prompt)(session, conv, lang)
        elif action == "next":
            conversations.advance(conv, "region", browse=None, page=0)
            text, rows = await _region_prompt(session, conv, lang)
        elif action in ("rg", "here", "pg", "back"):
            pick = await region_picker.step(session, action, args, conv.data.get("browse"))
            if pick.chosen is None:
                conversations.advance(conv, "region", browse=pick.browse, page=pick.page)
                text, rows = await _region_prompt(session, conv, lang)
            else:
                conversations.advance(conv, "text", region=pick.chosen.code, browse=pick.browse)
                text = await _text_prompt(session, actor, conv, lang)
        elif action in ("anyrg", "edit"):
            conversations.advance(conv, "text", **({"region": None} if action == "anyrg" else {}))
            text = await _text_prompt(session, actor, conv, lang)
        else:
            raise NotFound("access.stale_dialogue")
    await show(update, text, keyboard(rows) if rows else None)
    set_outcome("ok")


def _toggle(conv: Conversation, action: str, args: list[str]) -> None:
    if action == "cp":
        conversations.advance(conv, "agency", command_post=not conv.data.get("command_post"))
        return
    chosen = list(conv.data.get("agencies") or ())
    code = args[0] if args else ""
    chosen = [c for c in chosen if c != code] if code in chosen else [*chosen, code]
    conversations.advance(conv, "agency", agencies=chosen)


async def on_input(update: Update, context: BotContext) -> None:
    """The typed broadcast (at the text step, or again at the preview to replace it): show the preview."""
    message, conversation = update.effective_message, context.conversation
    assert message is not None and conversation is not None
    lang, actor = context.lang, context.need_actor()
    if conversation.step not in ("text", "confirm"):
        await message.reply_text(t("access.not_understood", lang))
        set_outcome("ignored")
        return
    body = broadcasts.clean_text(message.text)
    async with context.session_factory() as session, session.begin():
        conv = await conversations.get_conversation(session, conversation.tg_user_id, conversation.tg_chat_id)
        assert conv is not None
        chosen = _filter(conv.data)
        count = len(await broadcasts.targets(session, actor=actor, wanted=chosen))
        agencies, region = await filter_labels(session, chosen, lang)
        sender_agency = None if actor.is_superadmin else await agency_short(session, actor.agency_code)
        conversations.advance(conv, "confirm", text=body)
    preview = message_text(sender=_sender(update, actor), agency=sender_agency, text=body, lang=lang)
    rule = t("broadcast.preview_rule", lang)
    text = "\n".join([t("broadcast.preview_head", lang, count=count, agencies=agencies, region=region), rule,
                      preview, rule, t("broadcast.preview_ask", lang)])
    rows: list[list[Button]] = [[(t("broadcast.send_button", lang, count=count), "brc:send")] if count else [],
                                [(t("broadcast.edit_text_button", lang), "brc:edit"),
                                 (t("broadcast.edit_filter_button", lang), "brc:redo")],
                                [(t("common.cancel", lang), "brc:cancel")]]
    await reply(update, text, keyboard(rows))
    set_outcome("ok")


async def _send(update: Update, context: BotContext, conversation: Conversation) -> None:
    actor = context.need_actor()
    async with context.session_factory() as session, session.begin():
        conv = await conversations.get_conversation(session, conversation.tg_user_id, conversation.tg_chat_id)
        if conv is None or conv.step != "confirm" or not conv.data.get("text"):
            raise NotFound("access.stale_dialogue")
        sent = await broadcasts.create(session, actor=actor, text=str(conv.data["text"]), wanted=_filter(conv.data),
                                       sender_label=_sender(update, actor),
                                       sender_agency=None if actor.is_superadmin else actor.agency_code)
        await conversations.finish(session, conv)
    query = update.callback_query
    await answer_query(update)
    if query is not None and query.message is not None:
        await query.edit_message_reply_markup(None)  # the preview stays as the record of what was sent
    await reply(update, t("broadcast.queued", context.lang, id=sent.id, count=sent.target_count))
    set_outcome("ok")
