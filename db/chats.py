"""Chats the bot knows: groups it sits in and people's private chats (reachability)."""

from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import select

from db import clock
from db.models import Chat, ChatType, Stakeholder


async def get_chat(session: AsyncSession, tg_chat_id: int) -> Chat | None:
    """The chat with this Telegram id, if the bot has met it."""
    return await session.scalar(select(Chat).where(Chat.tg_chat_id == tg_chat_id))


async def upsert_chat(session: AsyncSession, *, tg_chat_id: int, type_: ChatType, title: str = "") -> Chat:
    """Create or refresh the record of a chat (title changes are kept)."""
    chat = await get_chat(session, tg_chat_id)
    if chat is None:
        chat = Chat(tg_chat_id=tg_chat_id, type=type_, title=title[:255])
        session.add(chat)
        await session.flush()
    else:
        if title and chat.title != title[:255]:
            chat.title = title[:255]
        if chat.type != type_:
            chat.type = type_
    return chat


def private_chat_type(tg_chat_id: int) -> ChatType:
    """Telegram's convention: people have positive ids, groups negative ones."""
    return ChatType.PRIVATE if tg_chat_id > 0 else ChatType.GROUP


async def mark_inactive(session: AsyncSession, tg_chat_id: int, reason: str) -> tuple[Chat, bool]:
    """Mark a chat unreachable; return it and whether it was active until now."""
    chat = await get_chat(session, tg_chat_id)
    if chat is None:
        chat = Chat(tg_chat_id=tg_chat_id, type=private_chat_type(tg_chat_id), active=True)
        session.add(chat)
    was_active = chat.active
    chat.active = False
    if tg_chat_id > 0:
        await _set_reachable(session, tg_chat_id, reachable=False)
    chat.inactive_reason = reason[:200]
    if was_active:
        chat.deactivated_at = clock.now()
    await session.flush()
    return chat, was_active


async def mark_active(session: AsyncSession, tg_chat_id: int, *, type_: ChatType | None = None,
                      title: str = "") -> Chat:
    """Mark a chat reachable again (the bot was re-added, the person wrote to the bot)."""
    chat = await upsert_chat(session, tg_chat_id=tg_chat_id, type_=type_ or private_chat_type(tg_chat_id),
                             title=title)
    if tg_chat_id > 0:
        await _set_reachable(session, tg_chat_id, reachable=True)
    if not chat.active:
        chat.active = True
        chat.inactive_reason = None
        chat.deactivated_at = None
    return chat


async def migrate_chat(session: AsyncSession, old_tg_chat_id: int, new_tg_chat_id: int) -> Chat | None:
    """Follow a group that became a supergroup: the record (and what hangs on it) keeps its row, new id."""
    old = await get_chat(session, old_tg_chat_id)
    new = await get_chat(session, new_tg_chat_id)
    if old is None:
        return new
    if new is not None and new.id != old.id:
        # the supergroup was seen first (its service message arrived first): keep the older, richer record
        await session.delete(new)
        await session.flush()
    old.tg_chat_id = new_tg_chat_id
    old.type = ChatType.SUPERGROUP
    return old


async def chat_language(session: AsyncSession, tg_chat_id: int) -> str | None:
    """The language chosen for a chat: a registered person's own, else the chat's (/bahasa), if any."""
    if tg_chat_id > 0:
        own = await session.scalar(select(Stakeholder.language).where(Stakeholder.tg_user_id == tg_chat_id))
        if own:
            return own
    return await session.scalar(select(Chat.language).where(Chat.tg_chat_id == tg_chat_id))


async def _set_reachable(session: AsyncSession, tg_user_id: int, *, reachable: bool) -> None:
    person = await session.scalar(select(Stakeholder).where(Stakeholder.tg_user_id == tg_user_id))
    if person is not None and person.reachable != reachable:
        person.reachable = reachable
