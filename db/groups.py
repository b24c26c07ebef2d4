"""Group chats registered for an agency and region (or as a command post)."""

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from db import audit, chats, clock, outbox
from db.access import Actor, Cap
from db.errors import NotAllowed, NotFound
from db.models import Chat, ChatType, MeetingInvite
from db.regions import get_agency, get_region


async def register_group(session: AsyncSession, *, actor: Actor, tg_chat_id: int, chat_type: ChatType, title: str,
                         agency_code: str | None, region_code: str, command_post: bool = False) -> Chat:
    """Register (or re-register) a group; liaisons and admins for their own agency, super admins for any."""
    actor.require(Cap.REGISTER_GROUP)
    if command_post:
        if not actor.can(Cap.REGISTER_COMMAND_POST):
            raise NotAllowed("groups.command_post_superadmin")
        agency_code = None
    else:
        if agency_code is None or await get_agency(session, agency_code) is None:
            raise NotFound("people.agency_unknown")
        if not actor.is_superadmin and agency_code != actor.agency_code:
            raise NotAllowed("groups.own_agency_only")
    if await get_region(session, region_code) is None:
        raise NotFound("people.region_unknown")
    chat = await chats.mark_active(session, tg_chat_id, type_=chat_type, title=title)
    chat.agency_code, chat.region_code, chat.is_command_post = agency_code, region_code, command_post
    chat.registered_by, chat.registered_at = actor.tg_user_id, clock.now()
    audit.record(session, actor_tg_id=actor.tg_user_id, action="group.registered", subject=f"chat:{tg_chat_id}",
                 agency=agency_code, region=region_code, command_post=command_post)
    return chat


def is_registered(chat: Chat | None) -> bool:
    """Whether a chat carries a registration (active or not)."""
    return chat is not None and chat.region_code is not None and (chat.agency_code is not None
                                                                  or chat.is_command_post)


async def reactivate(session: AsyncSession, *, actor: Actor, tg_chat_id: int) -> Chat:
    """Re-activate a group's earlier registration after the bot was added back."""
    actor.require(Cap.REGISTER_GROUP)
    chat = await chats.get_chat(session, tg_chat_id)
    if chat is None or not is_registered(chat):
        raise NotFound("groups.not_registered")
    if chat.is_command_post and not actor.can(Cap.REGISTER_COMMAND_POST):
        raise NotAllowed("groups.command_post_superadmin")
    if not chat.is_command_post and not actor.is_superadmin and chat.agency_code != actor.agency_code:
        raise NotAllowed("groups.own_agency_only")
    await chats.mark_active(session, tg_chat_id)
    audit.record(session, actor_tg_id=actor.tg_user_id, action="group.reactivated", subject=f"chat:{tg_chat_id}")
    return chat


async def bot_removed(session: AsyncSession, *, tg_chat_id: int, by_tg_id: int | None, reason: str) -> Chat | None:
    """The bot left or was kicked: the group is inactive (its registration is kept) and nothing more is sent."""
    chat = await chats.get_chat(session, tg_chat_id)
    if chat is None:
        return None
    await chats.mark_inactive(session, tg_chat_id, reason)
    await outbox.skip_pending_for_chat(session, tg_chat_id, reason)
    audit.record(session, actor_tg_id=by_tg_id, action="group.bot_removed", subject=f"chat:{tg_chat_id}",
                 reason=reason)
    return chat


async def migrated(session: AsyncSession, *, old_tg_chat_id: int, new_tg_chat_id: int) -> Chat | None:
    """A group became a supergroup: its registration and waiting messages follow the new id."""
    chat = await chats.migrate_chat(session, old_tg_chat_id, new_tg_chat_id)
    await outbox.repoint_chat(session, old_tg_chat_id, new_tg_chat_id)
    await session.execute(sa.update(MeetingInvite).where(col(MeetingInvite.chat_id) == old_tg_chat_id)
                          .values(chat_id=new_tg_chat_id).execution_options(synchronize_session=False))
    if chat is not None:
        audit.record(session, actor_tg_id=None, action="group.migrated", subject=f"chat:{new_tg_chat_id}",
                     old_chat_id=old_tg_chat_id)
    return chat


async def command_post_chats(session: AsyncSession) -> list[int]:
    """Telegram ids of the active command-post groups."""
    return list((await session.scalars(select(Chat.tg_chat_id).where(
        col(Chat.is_command_post), col(Chat.active)))).all())
