"""The outbox dispatcher: claims due rows, renders them at send time, sends through the rate-limited bot.

Woken right after a commit that queued rows, and polling for rows whose time has come. A claim is committed
before the Telegram call and the outcome in a new transaction afterwards, so no connection is held while
Telegram answers (or while the rate limiter makes us wait).
"""

import asyncio
import contextlib
import hashlib
import json
import logging
import os
import socket
import uuid
from collections import defaultdict
from dataclasses import dataclass
from datetime import timedelta

from telegram import BotCommand, BotCommandScopeChat, InputMediaDocument, InputMediaPhoto, Message
from telegram.error import BadRequest, ChatMigrated, Forbidden, NetworkError, RetryAfter, TelegramError, TimedOut
from telegram.ext import ExtBot

from bot.config import Settings
from bot.outbox_render import AFTER_SEND, RENDERERS, Media, RenderContext, Rendered
from bot.render import CAPTION_LIMIT, split_message
from db import chats, clock, groups, outbox
from db.models import OutboxMessage, OutboxStatus
from db.session import SessionFactory

log = logging.getLogger(__name__)

# Texts Telegram uses for a person who cannot be written to (never opened the bot, blocked it, deleted).
_PERSON_GONE = ("bot can't initiate conversation", "bot was blocked by the user", "user is deactivated")
# Texts for a group the bot cannot write to any more.
_CHAT_GONE = ("bot was kicked", "bot is not a member", "chat not found", "group chat was deactivated",
              "have no rights to send")


@dataclass
class DispatcherOptions:
    """Tuning knobs; the defaults suit production."""

    poll_interval: float = 5.0
    batch_size: int = 50
    lease: timedelta = timedelta(minutes=10)  # longer than the rate limiter can make one batch wait
    max_attempts: int = 8  # network errors and 5xx; 429s are not counted against this
    per_chat: int = 3  # rows of one chat per batch: a busy group cannot hold back alerts to the others


class Dispatcher:
    """Sends the outbox. One per process; several processes share the table safely."""

    def __init__(self, bot: ExtBot, session_factory: SessionFactory, settings: Settings,
                 options: DispatcherOptions | None = None, *, worker_id: str | None = None) -> None:
        self.bot = bot
        self.session_factory = session_factory
        self.settings = settings
        self.options = options or DispatcherOptions(poll_interval=settings.outbox_poll_seconds)
        self.worker_id = worker_id or f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"
        self._wake = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._stopping = False

    # ---- lifecycle -------------------------------------------------------------------------------------
    async def start(self) -> None:
        """Start the background loop and listen for commits that queued rows."""
        if self._task is not None:
            return
        self._stopping = False
        outbox.add_wake_listener(self.wake)
        self._task = asyncio.create_task(self._loop(), name=f"outbox-dispatcher-{self.worker_id}")

    async def stop(self) -> None:
        """Finish the sends in flight, then stop (unsent rows stay pending for the next start)."""
        outbox.remove_wake_listener(self.wake)
        self._stopping = True
        self._wake.set()
        if self._task is not None:
            await self._task
            self._task = None

    def wake(self) -> None:
        """Look for due rows now instead of at the next poll."""
        self._wake.set()

    async def _loop(self) -> None:
        while not self._stopping:
            self._wake.clear()
            try:
                sent = await self.run_once()
            except Exception:
                log.exception("outbox dispatcher round failed")
                sent = 0
            if sent or self._stopping:
                continue
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), timeout=self.options.poll_interval)

    # ---- one round -------------------------------------------------------------------------------------
    async def run_once(self) -> int:
        """Claim one batch of due rows and deliver them; return how many were handled."""
        async with self.session_factory() as session, session.begin():
            rows = await outbox.claim_due(session, worker=self.worker_id, limit=self.options.batch_size,
                                          lease=self.options.lease, per_chat=self.options.per_chat)
        if not rows:
            return 0
        by_chat: dict[int, list[OutboxMessage]] = defaultdict(list)
        for row in rows:
            by_chat[row.chat_id].append(row)
        # one chat's rows in order (a split report's parts), different chats side by side
        await asyncio.gather(*(self._deliver_chat(chat_rows) for chat_rows in by_chat.values()))
        return len(rows)

    async def drain(self, max_rounds: int = 1000) -> int:
        """Deliver everything due now (tests and shutdown paths); return how many rows were handled."""
        total = 0
        for _ in range(max_rounds):
            handled = await self.run_once()
            if not handled:
                break
            total += handled
        return total

    async def _deliver_chat(self, rows: list[OutboxMessage]) -> None:
        for index, row in enumerate(rows):
            gone = await self._deliver(row)
            if gone:
                # the chat cannot be reached: the rest of its batch will not fare better
                for rest in rows[index + 1:]:
                    await self._finish(rest, OutboxStatus.SKIPPED, "chat unreachable")
                return

    async def _finish(self, row: OutboxMessage, status: OutboxStatus, error: str) -> None:
        async with self.session_factory() as session, session.begin():
            await outbox.mark_final(session, _id(row), worker=self.worker_id, status=status, error=error)

    async def _retry(self, row: OutboxMessage, after: timedelta, error: str) -> None:
        async with self.session_factory() as session, session.begin():
            await outbox.mark_retry(session, _id(row), worker=self.worker_id, after=after, error=error)

    async def _deliver(self, row: OutboxMessage) -> bool:
        """Send one row and record the outcome; return True when its chat turned out unreachable."""
        now = clock.now()
        if row.not_after is not None and now > row.not_after:
            log.info("outbox row %s (%s) skipped: due %s, too late after %s", row.id, row.kind, row.due_at,
                     row.not_after)
            await self._finish(row, OutboxStatus.SKIPPED, "past not_after")
            return False
        try:
            rendered = await self._render(row)
        except Exception as exc:
            log.exception("rendering outbox row %s (%s) failed", row.id, row.kind)
            await self._finish(row, OutboxStatus.FAILED, f"render: {exc!r}")
            return False
        if rendered is None:
            await self._finish(row, OutboxStatus.SKIPPED, "nothing to send")
            return False
        content = _content_hash(rendered)
        if rendered.edit_message_id is not None and await self._unchanged(row.chat_id, rendered.edit_message_id,
                                                                          content):
            # the message already shows exactly this: Telegram would refuse the edit ("not modified"), and
            # every edit spends the group's 20-a-minute budget
            async with self.session_factory() as session, session.begin():
                await outbox.mark_sent(session, _id(row), worker=self.worker_id,
                                       message_id=rendered.edit_message_id, content_hash=content)
            return False
        try:
            message_id = await self._send(row.chat_id, rendered)
        except RetryAfter as exc:
            after = exc.retry_after if isinstance(exc.retry_after, timedelta) else timedelta(
                seconds=float(exc.retry_after))
            log.info("outbox row %s: flood limit, retry after %s", row.id, after)
            await self._retry(row, after, f"429 retry after {after.total_seconds():.0f}s")
            return False
        except ChatMigrated as exc:
            await self._migrated(row, int(exc.new_chat_id))
            return False
        except Forbidden as exc:
            return await self._forbidden(row, str(exc))
        except BadRequest as exc:
            return await self._bad_request(row, rendered, str(exc))
        except (TimedOut, NetworkError) as exc:
            await self._network_error(row, exc)
            return False
        except TelegramError as exc:
            log.error("outbox row %s failed: %s", row.id, exc)
            await self._finish(row, OutboxStatus.FAILED, str(exc))
            return False
        async with self.session_factory() as session, session.begin():
            sent = await outbox.mark_sent(session, _id(row), worker=self.worker_id, message_id=message_id,
                                          content_hash=content)
            hook = AFTER_SEND.get(row.kind)
            if sent is not None and hook is not None:
                await hook(session, sent)
        return False

    async def _unchanged(self, chat_id: int, message_id: int, content: str) -> bool:
        async with self.session_factory() as session:
            return await outbox.shown_content(session, chat_id, message_id) == content

    async def _render(self, row: OutboxMessage) -> Rendered | None:
        render = RENDERERS.get(row.kind)
        if render is None:
            raise LookupError(f"no renderer for outbox kind {row.kind!r}")
        async with self.session_factory() as session:
            lang = await chats.chat_language(session, row.chat_id) or self.settings.default_language
            context = RenderContext(session=session, row=row, lang=lang, settings=self.settings,
                                    bot_username=self.bot.username if self.bot._bot_user else "")
            return await render(context)

    # ---- outcomes ----------------------------------------------------------------------------------------
    async def _migrated(self, row: OutboxMessage, new_chat_id: int) -> None:
        log.info("chat %s became supergroup %s; re-pointing its outbox", row.chat_id, new_chat_id)
        async with self.session_factory() as session, session.begin():
            await groups.migrated(session, old_tg_chat_id=row.chat_id, new_tg_chat_id=new_chat_id)
            await outbox.mark_retry(session, _id(row), worker=self.worker_id, after=timedelta(0),
                                    error=f"migrated to {new_chat_id}")

    async def _forbidden(self, row: OutboxMessage, error: str) -> bool:
        lowered = error.lower()
        if row.chat_id > 0 or any(text in lowered for text in _PERSON_GONE):
            await self._person_unreachable(row, error)
            return True
        await self._chat_gone(row, error)
        return True

    async def _bad_request(self, row: OutboxMessage, rendered: Rendered, error: str) -> bool:
        lowered = error.lower()
        if "message is not modified" in lowered:
            async with self.session_factory() as session, session.begin():
                await outbox.mark_sent(session, _id(row), worker=self.worker_id,
                                       message_id=rendered.edit_message_id)
            return False
        if "message to edit not found" in lowered or "message can't be edited" in lowered:
            await self._finish(row, OutboxStatus.SKIPPED, error)
            return False
        if any(text in lowered for text in _CHAT_GONE):
            if row.chat_id > 0:
                await self._person_unreachable(row, error)
            else:
                await self._chat_gone(row, error)
            return True
        log.error("outbox row %s (%s) rejected by Telegram: %s", row.id, row.kind, error)
        await self._finish(row, OutboxStatus.FAILED, error)
        return False

    async def _network_error(self, row: OutboxMessage, exc: Exception) -> None:
        if row.attempts >= self.options.max_attempts:
            log.error("outbox row %s gave up after %s attempts: %r", row.id, row.attempts, exc)
            await self._finish(row, OutboxStatus.FAILED, f"gave up: {exc!r}")
            return
        backoff = timedelta(seconds=min(2 ** row.attempts, 600))
        log.warning("outbox row %s: %r; retry in %s", row.id, exc, backoff)
        await self._retry(row, backoff, repr(exc))

    async def _person_unreachable(self, row: OutboxMessage, error: str) -> None:
        log.info("person %s cannot be reached: %s", row.chat_id, error)
        async with self.session_factory() as session, session.begin():
            await chats.mark_inactive(session, row.chat_id, error)
            await outbox.mark_final(session, _id(row), worker=self.worker_id, status=OutboxStatus.FAILED,
                                    error=error)
            await outbox.skip_pending_for_chat(session, row.chat_id, "person unreachable")

    async def _chat_gone(self, row: OutboxMessage, error: str) -> None:
        log.warning("chat %s cannot be reached: %s; marking it inactive", row.chat_id, error)
        async with self.session_factory() as session, session.begin():
            chat, was_active = await chats.mark_inactive(session, row.chat_id, error)
            await outbox.mark_final(session, _id(row), worker=self.worker_id, status=OutboxStatus.FAILED,
                                    error=error)
            await outbox.skip_pending_for_chat(session, row.chat_id, "chat inactive")
            if was_active:
                stamp = int(clock.now().timestamp())
                for admin_id in self.settings.superadmin_ids:
                    await outbox.enqueue(
                        session, kind="chat_inactive", chat_id=admin_id, subject=f"chat:{row.chat_id}",
                        dedupe_key=f"chat_inactive:{row.chat_id}:{admin_id}:{stamp}",
                        payload={"chat_id": row.chat_id, "title": chat.title, "reason": error},
                    )

    # ---- the Telegram calls --------------------------------------------------------------------------------
    async def _send(self, chat_id: int, rendered: Rendered) -> int | None:
        """Perform the Telegram calls for one rendered row; return the id of the message that carries buttons."""
        bot = self.bot
        if rendered.commands is not None:
            await bot.set_my_commands([BotCommand(name, description) for name, description in rendered.commands],
                                      scope=BotCommandScopeChat(chat_id))
            return None
        if rendered.edit_message_id is not None:
            if rendered.text:
                await bot.edit_message_text(chat_id=chat_id, message_id=rendered.edit_message_id,
                                            text=rendered.text, reply_markup=rendered.reply_markup)
            else:
                await bot.edit_message_reply_markup(chat_id=chat_id, message_id=rendered.edit_message_id,
                                                    reply_markup=rendered.reply_markup)
            return rendered.edit_message_id
        if rendered.location is not None:
            lat, lon = rendered.location
            await bot.send_location(chat_id=chat_id, latitude=lat, longitude=lon,
                                    disable_notification=rendered.disable_notification)
        if len(rendered.media) == 1 and len(rendered.text) <= CAPTION_LIMIT:
            return (await _send_one_media(bot, chat_id, rendered.media[0], rendered)).message_id
        if len(rendered.media) > 1:
            await _send_album(bot, chat_id, rendered.media)
        elif rendered.media:
            await _send_one_media(bot, chat_id, rendered.media[0], None)
        last: Message | None = None
        parts = split_message(rendered.text) if rendered.text else []
        for index, part in enumerate(parts):
            is_last = index == len(parts) - 1
            last = await bot.send_message(chat_id=chat_id, text=part,
                                          reply_markup=rendered.reply_markup if is_last else None,
                                          disable_notification=rendered.disable_notification)
        return last.message_id if last else None


async def _send_one_media(bot: ExtBot, chat_id: int, media: Media, rendered: Rendered | None) -> Message:
    caption = rendered.text if rendered else None
    markup = rendered.reply_markup if rendered else None
    content = media.file_id or media.data
    if media.kind == "photo":
        return await bot.send_photo(chat_id=chat_id, photo=content, caption=caption or None,  # type: ignore[arg-type]
                                    reply_markup=markup)
    return await bot.send_document(chat_id=chat_id, document=content, caption=caption or None,  # type: ignore[arg-type]
                                   filename=media.filename, reply_markup=markup)


async def _send_album(bot: ExtBot, chat_id: int, media: list[Media]) -> None:
    # Telegram albums take 2-10 items and cannot mix photos with documents: one album per kind and chunk.
    for kind in ("photo", "document"):
        items = [m for m in media if m.kind == kind]
        for start in range(0, len(items), 10):
            chunk = items[start:start + 10]
            if len(chunk) == 1:
                await _send_one_media(bot, chat_id, chunk[0], None)
                continue
            group = [InputMediaPhoto(m.file_id or m.data) if kind == "photo"  # type: ignore[arg-type]
                     else InputMediaDocument(m.file_id or m.data, filename=m.filename)  # type: ignore[arg-type]
                     for m in chunk]
            await bot.send_media_group(chat_id=chat_id, media=group)


def _content_hash(rendered: Rendered) -> str:
    """A fingerprint of what a message shows (text and buttons)."""
    markup = json.dumps(rendered.reply_markup.to_dict(), sort_keys=True) if rendered.reply_markup else ""
    return hashlib.sha256(f"{rendered.text}\x00{markup}".encode()).hexdigest()


def _id(row: OutboxMessage) -> int:
    if row.id is None:
        raise ValueError("outbox row without id")
    return row.id
