"""Dialogues in progress, one per person and chat, stored so a restart or another process can continue them."""

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import select

from db import clock
from db.models import Conversation


async def get_conversation(session: AsyncSession, tg_user_id: int, tg_chat_id: int) -> Conversation | None:
    """The dialogue this person has open in this chat, if any."""
    return await session.scalar(select(Conversation).where(
        Conversation.tg_user_id == tg_user_id, Conversation.tg_chat_id == tg_chat_id))


async def begin(session: AsyncSession, *, tg_user_id: int, tg_chat_id: int, kind: str, step: str,
                data: dict[str, Any] | None = None) -> Conversation:
    """Open a dialogue, replacing whatever this person had open in this chat."""
    existing = await get_conversation(session, tg_user_id, tg_chat_id)
    if existing is not None:
        await session.delete(existing)
        await session.flush()
    conversation = Conversation(tg_user_id=tg_user_id, tg_chat_id=tg_chat_id, kind=kind, step=step,
                                data=dict(data or {}))
    session.add(conversation)
    await session.flush()
    return conversation


def advance(conversation: Conversation, step: str, **data: Any) -> None:
    """Move to `step`, merging `data` (the JSON column is reassigned so the change is saved)."""
    conversation.step = step
    conversation.data = {**conversation.data, **data}
    conversation.updated_at = clock.now()


async def finish(session: AsyncSession, conversation: Conversation) -> None:
    """Close a dialogue."""
    await session.delete(conversation)


async def cancel(session: AsyncSession, tg_user_id: int, tg_chat_id: int) -> Conversation | None:
    """Close the person's dialogue in this chat; return what was closed."""
    existing = await get_conversation(session, tg_user_id, tg_chat_id)
    if existing is not None:
        await session.delete(existing)
    return existing


async def open_in_chat(session: AsyncSession, tg_chat_id: int, kind: str) -> bool:
    """Whether anyone has a dialogue of `kind` open in this chat (a group's buttons belong to its initiator)."""
    return await session.scalar(select(Conversation.id).where(
        Conversation.tg_chat_id == tg_chat_id, Conversation.kind == kind).limit(1)) is not None
