"""Group registration (/daftargrup, buttons in the group that only the initiator may press), /grup, and the
bot's own membership: removed or kicked → inactive; added back → offer to re-activate; migrations followed."""

from sqlmodel import select
from telegram import Chat as TgChat
from telegram import ChatMemberUpdated, Update
from telegram.constants import ChatMemberStatus, ChatType

from bot import region_picker
from bot.context import BotContext, set_outcome
from bot.dialogues import current_dialogue
from bot.people.keyboards import agency_keyboard
from bot.render import fmt_dt
from bot.texts import esc, t
from bot.ui import Button, keyboard, show
from db import chats, conversations, groups, regions
from db.access import Cap
from db.errors import NotAllowed, NotFound
from db.models import Chat, Conversation, Stakeholder
from db.models import ChatType as DbChatType

KIND = "group_register"
_TG_ADMINS = (ChatMemberStatus.OWNER, ChatMemberStatus.ADMINISTRATOR)


def _db_type(chat: TgChat) -> DbChatType:
    return DbChatType.SUPERGROUP if chat.type == ChatType.SUPERGROUP else DbChatType.GROUP


async def _require_tg_admin(context: BotContext, chat_id: int, user_id: int) -> None:
    """Registering a group is for its Telegram admins: ask Telegram, not our records."""
    member = await context.bot.get_chat_member(chat_id, user_id)
    if member.status not in _TG_ADMINS:
        raise NotAllowed("groups.tg_admin_only")


async def register_group_command(update: Update, context: BotContext) -> None:
    """/daftargrup: start the in-group dialogue (agency for super admins, then region, then confirm)."""
    chat, user = update.effective_chat, update.effective_user
    assert chat is not None and user is not None
    actor = context.need_actor()
    await _require_tg_admin(context, chat.id, user.id)
    lang = context.lang
    async with context.session_factory() as session, session.begin():
        await chats.upsert_chat(session, tg_chat_id=chat.id, type_=_db_type(chat), title=chat.title or "")
        if actor.is_superadmin:
            conversation = await conversations.begin(session, tg_user_id=user.id, tg_chat_id=chat.id, kind=KIND,
                                                     step="agency")
            agencies = await regions.active_agencies(session)
            rows = agency_keyboard(agencies, lang, "grp")
            rows.append([(t("groups.command_post_button", lang), "grp:cp")])
            rows.append([(t("common.cancel", lang), "grp:cancel")])
            text = t("groups.ask_agency", lang, who=esc(user.full_name))
        else:
            conversation = await conversations.begin(session, tg_user_id=user.id, tg_chat_id=chat.id, kind=KIND,
                                                     step="region", data={"agency": actor.agency_code})
            text, rows = await _region_prompt(session, lang, user.full_name, actor.agency_code, None, 0)
    sent = await show(update, text, keyboard(rows))
    if sent is not None:
        async with context.session_factory() as session, session.begin():
            stored = await session.get(Conversation, conversation.id)
            if stored is not None:
                stored.prompt_message_id = sent.message_id
    set_outcome("ok")


async def _agency_label(session, code: str | None, lang: str) -> str:  # type: ignore[no-untyped-def]
    if code is None:
        return t("groups.command_post", lang)
    agency = await regions.get_agency(session, code)
    return agency.short if agency else code


async def _region_prompt(session, lang: str, who: str, agency: str | None,  # type: ignore[no-untyped-def]
                         browse: str | None, page: int) -> tuple[str, list[list[Button]]]:
    current, rows = await region_picker.rows(session, browse=browse, page=page, lang=lang, prefix="grp")
    where = t("people.region_within", lang, region=esc(current.name)) if current else ""
    label = await _agency_label(session, agency, lang)
    return t("groups.ask_region", lang, who=esc(who), agency=esc(label), where=where), rows


async def on_button(update: Update, context: BotContext) -> None:
    """`grp:` buttons: the registration dialogue, and re-activation after the bot was added back."""
    query, chat, user = update.callback_query, update.effective_chat, update.effective_user
    assert query is not None and chat is not None and user is not None
    parts = (query.data or "").split(":")
    action = parts[1]
    if action == "react":
        await _reactivate(update, context)
        return
    conversation = await current_dialogue(update, context, KIND)
    if conversation is None:
        return
    lang = context.lang
    who = user.full_name
    async with context.session_factory() as session, session.begin():
        conv = await conversations.get_conversation(session, user.id, chat.id)
        assert conv is not None
        if action == "cancel":
            await conversations.finish(session, conv)
            text, rows = t("groups.cancelled", lang), list[list[Button]]()
        elif action in ("ag", "cp"):
            if not context.need_actor().is_superadmin:
                raise NotAllowed("groups.own_agency_only")
            agency = None if action == "cp" else parts[2] if len(parts) > 2 else ""
            if agency is not None and await regions.get_agency(session, agency) is None:
                raise NotFound("people.agency_unknown")
            conversations.advance(conv, "region", agency=agency, command_post=action == "cp", browse=None)
            text, rows = await _region_prompt(session, lang, who, agency, None, 0)
        elif action in ("rg", "here", "pg", "back"):
            pick = await region_picker.step(session, action, parts[2:], conv.data.get("browse"))
            if pick.chosen is not None:
                conversations.advance(conv, "confirm", region=pick.chosen.code, browse=pick.browse)
                label = await _agency_label(session, conv.data.get("agency"), lang)
                text = t("groups.confirm", lang, agency=esc(label),
                         region=esc(await regions.path_label(session, pick.chosen.code)))
                rows = [[(t("common.send", lang), "grp:send")],
                        [(t("common.back", lang), "grp:back"), (t("common.cancel", lang), "grp:cancel")]]
            else:
                conversations.advance(conv, "region", browse=pick.browse, page=pick.page)
                text, rows = await _region_prompt(session, lang, who, conv.data.get("agency"), pick.browse,
                                                  pick.page)
        elif action == "send" and conv.step == "confirm":
            registered = await groups.register_group(
                session, actor=context.need_actor(), tg_chat_id=chat.id, chat_type=_db_type(chat),
                title=chat.title or "", agency_code=conv.data.get("agency"), region_code=conv.data["region"],
                command_post=bool(conv.data.get("command_post")))
            await conversations.finish(session, conv)
            text = await _registered_text(session, registered, lang, "groups.registered")
            rows = []
        else:
            raise NotFound("access.stale_dialogue")
    await show(update, text, keyboard(rows) if rows else None)
    set_outcome("ok")


async def _registered_text(session, chat: Chat, lang: str, key: str) -> str:  # type: ignore[no-untyped-def]
    label = await _agency_label(session, None if chat.is_command_post else chat.agency_code, lang)
    return t(key, lang, agency=esc(label), region=esc(await regions.path_label(session, chat.region_code)))


async def _reactivate(update: Update, context: BotContext) -> None:
    chat, user = update.effective_chat, update.effective_user
    assert chat is not None and user is not None
    await _require_tg_admin(context, chat.id, user.id)
    async with context.session_factory() as session, session.begin():
        record = await groups.reactivate(session, actor=context.need_actor(), tg_chat_id=chat.id)
        text = await _registered_text(session, record, context.lang, "groups.reactivated")
    await show(update, text)
    set_outcome("ok")


async def group_info(update: Update, context: BotContext) -> None:
    """/grup: this group's registration."""
    chat = update.effective_chat
    assert chat is not None
    lang = context.lang
    async with context.session_factory() as session:
        record = await chats.get_chat(session, chat.id)
        if record is None or not groups.is_registered(record):
            raise NotFound("groups.not_registered")
        label = await _agency_label(session, None if record.is_command_post else record.agency_code, lang)
        by = "-"
        if record.registered_by is not None:
            person = await session.scalar(select(Stakeholder).where(Stakeholder.tg_user_id == record.registered_by))
            by = person.full_name if person else t("role.superadmin", lang)
        text = t("groups.info", lang, title=esc(record.title or chat.title or ""), agency=esc(label),
                 region=esc(await regions.path_label(session, record.region_code)),
                 status=t("groups.status_active" if record.active else "groups.status_inactive", lang),
                 by=esc(by), at=fmt_dt(record.registered_at) if record.registered_at else "-")
    await show(update, text)
    set_outcome("ok")


async def on_my_chat_member(update: Update, context: BotContext) -> None:
    """The bot was added, removed or kicked: keep the chat's state in step."""
    change: ChatMemberUpdated | None = update.my_chat_member
    if change is None or change.chat.type not in (ChatType.GROUP, ChatType.SUPERGROUP):
        return
    chat = change.chat
    old, new = change.old_chat_member.status, change.new_chat_member.status
    present = (ChatMemberStatus.MEMBER, ChatMemberStatus.ADMINISTRATOR, ChatMemberStatus.RESTRICTED)
    async with context.session_factory() as session, session.begin():
        record = await chats.get_chat(session, chat.id)
        if new in (ChatMemberStatus.LEFT, ChatMemberStatus.BANNED):
            await groups.bot_removed(session, tg_chat_id=chat.id, by_tg_id=change.from_user.id,
                                     reason="kicked" if new == ChatMemberStatus.BANNED else "removed")
            set_outcome("ok")
            return
        if new not in present or old in present:
            set_outcome("ok")  # a promotion or restriction: nothing to do
            return
        lang = (record.language if record else None) or context.settings.default_language
        if record is not None and groups.is_registered(record):
            text = await _registered_text(session, record, lang, "groups.back_again")
            markup = keyboard([[(t("groups.reactivate_button", lang), "grp:react")]])
        else:
            await chats.mark_active(session, chat.id, type_=_db_type(chat), title=chat.title or "")
            text, markup = t("groups.hello", lang), None
    await context.bot.send_message(chat.id, text, reply_markup=markup)
    set_outcome("ok")


async def on_migration(update: Update, context: BotContext) -> None:
    """A group became a supergroup: the registration follows the new id (either service message will do)."""
    message = update.effective_message
    if message is None:
        return
    if message.migrate_to_chat_id:
        old, new = message.chat.id, message.migrate_to_chat_id
    elif message.migrate_from_chat_id:
        old, new = message.migrate_from_chat_id, message.chat.id
    else:
        return
    async with context.session_factory() as session, session.begin():
        await groups.migrated(session, old_tg_chat_id=old, new_tg_chat_id=new)
    set_outcome("ok")


__all__ = ["Cap"]
