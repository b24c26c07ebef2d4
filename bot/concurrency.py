"""Updates of different chats are handled side by side; updates of one chat strictly in order.

PTB handles one update at a time by default, so a reply that waits for a busy group's rate limit (20 a minute)
would hold up every other chat; fully concurrent processing would let a person's quick answers to a dialogue
overtake each other. This processor serialises per chat (a person's private chat is them) and runs chats in
parallel, up to a bound.
"""

import asyncio
from collections.abc import Awaitable
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor


class PerChatUpdateProcessor(BaseUpdateProcessor):
    """One update at a time per chat, many chats at once."""

    def __init__(self, max_concurrent_updates: int = 64) -> None:
        super().__init__(max_concurrent_updates)
        self._locks: dict[int, tuple[asyncio.Lock, int]] = {}

    @staticmethod
    def _key(update: object) -> int | None:
        if not isinstance(update, Update):
            return None
        if update.effective_chat is not None:
            return update.effective_chat.id
        return update.effective_user.id if update.effective_user is not None else None

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        """Wait for the chat's earlier updates, then handle this one."""
        key = self._key(update)
        if key is None:
            await coroutine
            return
        lock, users = self._locks.get(key, (asyncio.Lock(), 0))
        self._locks[key] = (lock, users + 1)
        try:
            async with lock:
                await coroutine
        finally:
            lock, users = self._locks[key]
            if users <= 1:
                del self._locks[key]  # nobody else waits for this chat: do not keep a lock per chat ever seen
            else:
                self._locks[key] = (lock, users - 1)

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to release."""
