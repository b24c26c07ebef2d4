"""Shared state and helpers of the sandbox (chat access rules, messages, update queue)."""

from __future__ import annotations

import asyncio
import dataclasses
import itertools
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from bot.sandbox.errors import (
    NetworkKind,
    bad_request,
    chat_not_found,
    forbidden,
    too_many_requests,
)
from bot.sandbox.files import FileStore
from bot.sandbox.flood import FloodControl, FloodLimits
from bot.sandbox.markup import validate_reply_markup
from bot.sandbox.state import (
    PRESENT_STATUSES,
    CallRecord,
    Expectation,
    SCallbackQuery,
    SChat,
    SMessage,
    SUser,
)
from bot.sandbox.text import Formatted, format_text

UpdateSink = Callable[[dict[str, Any]], Awaitable[None]]
Clock = Callable[[], datetime]

_SCOPES_PLAIN = ("default", "all_private_chats", "all_group_chats", "all_chat_administrators")


@dataclass
class Fault:
    """An injected failure (or latency) for matching calls."""

    method: str | None
    error: tuple[int, str] | None
    retry_after: int | None
    network: NetworkKind | None
    times: int
    chat_id: int | None
    latency: float

    @property
    def failing(self) -> bool:
        """Return whether this fault makes calls fail (rather than only slowing them)."""
        return self.error is not None or self.retry_after is not None or self.network is not None

    def matches(self, method: str, params: dict[str, Any]) -> bool:
        """Return whether a call to ``method`` with ``params`` is affected."""
        if self.method is not None and self.method.lower() != method.lower():
            return False
        return self.chat_id is None or params.get("chat_id") == self.chat_id


class SandboxBase(FileStore):
    """State containers and helpers shared by the method implementations and the scenario API."""

    def __init__(
        self,
        token: str = "123456:TEST",
        *,
        bot_username: str = "sinergi_test_bot",
        bot_first_name: str = "Sinergi Test Bot",
        clock: Clock | None = None,
        flood: FloodLimits | None = None,
        callback_timeout: float = 15.0,
        privacy_mode: bool = True,
        update_sink: UpdateSink | None = None,
    ) -> None:
        FileStore.__init__(self)
        self.token = token
        head = token.split(":", 1)[0]
        self.bot_user = SUser(
            int(head) if head.isdigit() else 123456, bot_first_name, username=bot_username, is_bot=True
        )
        self.clock: Clock = clock or (lambda: datetime.now(UTC))
        self.flood_limits = flood or FloodLimits()
        self._flood = FloodControl(self.flood_limits)
        self.flood_rejections = 0
        self.callback_timeout = callback_timeout
        self.privacy_mode = privacy_mode
        self.update_sink = update_sink
        self.users: dict[int, SUser] = {self.bot_user.id: self.bot_user}
        self.chats: dict[int, SChat] = {}
        self.callback_queries: dict[str, SCallbackQuery] = {}
        self.calls: list[CallRecord] = []
        self.rejections: list[CallRecord] = []
        self.expectations: list[Expectation] = []
        self.faults: list[Fault] = []
        self.webhook: dict[str, Any] = {"url": ""}
        self.allowed_updates: list[str] | None = None
        self.command_sets: dict[tuple[tuple[Any, ...], str], list[dict[str, str]]] = {}
        self.menu_buttons: dict[int | None, dict[str, Any]] = {}
        self.bot_texts: dict[tuple[str, str], str] = {}
        self._updates: list[dict[str, Any]] = []
        self._update_ids = itertools.count(1)
        self._last_queued_id = 0
        self._user_ids = itertools.count(100_000_001)
        self._group_ids = itertools.count(4_000_000_001)
        self._supergroup_ids = itertools.count(2_000_000_001)
        self._media_groups = itertools.count(13_000_000_000_000_001)
        self._wakeup = asyncio.Event()
        self._poll_generation = 0
        self.closing = False  # set when the HTTP server stops: long polls answer at once
        self._background: set[asyncio.Task[None]] = set()

    # --- time, updates -------------------------------------------------------------------------

    def now(self) -> int:
        """Return the current Unix time from the sandbox clock (message dates)."""
        return int(self.clock().timestamp())

    def make_update(self, kind: str, payload: dict[str, Any]) -> dict[str, Any]:
        """Return an Update with the next update_id."""
        return {"update_id": next(self._update_ids), kind: payload}

    def queue(self, update: dict[str, Any]) -> None:
        """Queue an update for getUpdates and wake long polls."""
        if update["update_id"] <= self._last_queued_id:
            # Built earlier than one already queued: renumber it, or confirming the newer one
            # with getUpdates' offset would silently drop it.
            update = {**update, "update_id": next(self._update_ids)}
        self._last_queued_id = update["update_id"]
        self._updates.append(update)
        self._notify()

    def close_polls(self) -> None:
        """Answer waiting and future long polls right away (the server is shutting down)."""
        self.closing = True
        self._notify()

    def _notify(self) -> None:
        self._wakeup.set()
        self._wakeup = asyncio.Event()

    async def deliver(self, update: dict[str, Any]) -> None:
        """Hand an update to the bot: to the sink when one is set, else to the getUpdates queue."""
        if self.update_sink is not None:
            await self.update_sink(update)
        else:
            self.queue(update)

    def _deliver_later(self, updates: list[dict[str, Any]]) -> None:
        """Deliver updates after the current API answer (e.g. my_chat_member after leaveChat)."""

        async def run() -> None:
            await asyncio.sleep(0)
            for update in updates:
                await self.deliver(update)

        task = asyncio.get_running_loop().create_task(run())
        self._background.add(task)
        task.add_done_callback(self._background.discard)

    # --- chats and access ----------------------------------------------------------------------

    def chat(self, chat_id: int) -> SChat:
        """Return a chat by id (KeyError if unknown); for scenario code and tests."""
        return self.chats[chat_id]

    def resolve_chat(self, chat_id: Any, *, field: str = "chat_id") -> SChat:
        """Find the chat a chat_id parameter names, as Telegram does, or raise its error."""
        if chat_id is None or chat_id == "":
            raise bad_request(f"{field} is empty")
        chat: SChat | None = None
        if isinstance(chat_id, int):
            chat = self.chats.get(chat_id)
        elif isinstance(chat_id, str) and chat_id.startswith("@"):
            name = chat_id[1:].lower()
            # Only public groups/channels can be addressed by @username, never users.
            chat = next(
                (c for c in self.chats.values() if c.type != "private" and (c.username or "").lower() == name),
                None,
            )
        if chat is None:
            raise chat_not_found()
        if chat.migrated_to is not None:
            raise bad_request("group chat was upgraded to a supergroup chat", {"migrate_to_chat_id": chat.migrated_to})
        return chat

    def check_access(self, chat: SChat, *, send: bool = False, right: str | None = None) -> None:
        """Raise Telegram's 403/400 when the bot may not use this chat (or send to it)."""
        if chat.type == "private":
            user = chat.user
            if send and user is not None:
                if user.blocked:
                    raise forbidden("bot was blocked by the user")
                if not user.opened:
                    raise forbidden("bot can't initiate conversation with a user")
            return
        kind = {"group": "group chat", "supergroup": "supergroup chat"}.get(chat.type, "channel chat")
        member = chat.members.get(self.bot_user.id)
        if member is not None and member.status == "kicked":
            raise forbidden(f"bot was kicked from the {kind}")
        if member is None or not member.present:
            raise forbidden(f"bot is not a member of the {kind}")
        if send and right and member.status == "restricted" and not member.rights.get(right, True):
            what = {"can_send_photos": "photos", "can_send_documents": "documents"}.get(right, "text messages")
            raise bad_request(f"not enough rights to send {what} to the chat")

    def bot_status(self, chat: SChat) -> str:
        """Return the bot's membership status in a group ("left" when absent)."""
        member = chat.members.get(self.bot_user.id)
        return member.status if member else "left"

    def bot_is_admin(self, chat: SChat) -> bool:
        """Return whether the bot is an administrator (or owner) of the chat."""
        return self.bot_status(chat) in ("creator", "administrator")

    def find_message(self, chat: SChat, message_id: Any, purpose: str) -> SMessage:
        """Return a live message or raise Telegram's "message to <purpose> not found"."""
        message = chat.messages.get(message_id) if isinstance(message_id, int) else None
        if message is None or message.deleted:
            raise bad_request(f"message to {purpose} not found")
        return message

    def new_message(self, chat: SChat, from_user: SUser | None, **fields: Any) -> SMessage:
        """Store and return a new message in ``chat`` with the next message id."""
        message = SMessage(
            chat=chat,
            message_id=chat.next_message_id,
            from_user=from_user,
            date=self.now(),
            from_bot=from_user is self.bot_user,
            **fields,
        )
        chat.next_message_id += 1
        chat.messages[message.message_id] = message
        return message

    def flood_check(self, chat: SChat, cost: int = 1) -> None:
        """Consume flood-control tokens for sending/editing in ``chat`` or raise 429."""
        retry_after = self._flood.check(chat.id, chat.type != "private", cost)
        if retry_after:
            self.flood_rejections += 1
            raise too_many_requests(retry_after)

    def set_flood_limits(self, limits: FloodLimits) -> None:
        """Replace the flood limits (and reset all buckets)."""
        self.flood_limits = limits
        self._flood = FloodControl(limits)

    @property
    def flood_enabled(self) -> bool:
        """Return whether flood control answers 429s."""
        return self.flood_limits.enabled

    @flood_enabled.setter
    def flood_enabled(self, enabled: bool) -> None:
        self.set_flood_limits(dataclasses.replace(self.flood_limits, enabled=enabled))

    def scope_key(self, scope: Any) -> tuple[Any, ...]:
        """Return the storage key of a BotCommandScope (validated like Telegram)."""
        if scope is None:
            return ("default",)
        prefix = "can't parse BotCommandScope: "
        if not isinstance(scope, dict) or "type" not in scope:
            raise bad_request(prefix + 'Can\'t find field "type"')
        kind = scope["type"]
        if kind in _SCOPES_PLAIN:
            return (kind,)
        if kind not in ("chat", "chat_administrators", "chat_member"):
            raise bad_request(prefix + "Unsupported type specified")
        if "chat_id" not in scope:
            raise bad_request(prefix + 'Can\'t find field "chat_id"')
        if kind == "chat_member" and "user_id" not in scope:
            raise bad_request(prefix + 'Can\'t find field "user_id"')
        chat = self.resolve_chat(scope["chat_id"])
        return (kind, chat.id, scope["user_id"]) if kind == "chat_member" else (kind, chat.id)

    # --- text, markup, replies -----------------------------------------------------------------

    def user_lookup(self, user_id: int) -> dict[str, Any] | None:
        """Return a known user's User object (for text_mention entities)."""
        user = self.users.get(user_id)
        return user.to_dict() if user else None

    def format(self, text: str, params: dict[str, Any], *, caption: bool = False) -> Formatted:
        """Process a text/caption with the call's parse_mode and (caption_)entities."""
        entities = params.get("caption_entities" if caption else "entities")
        return format_text(
            text,
            params.get("parse_mode"),
            entities,
            kind="caption" if caption else "text",
            users=self.user_lookup,
        )

    def reply_markup(self, params: dict[str, Any], chat: SChat, *, inline_only: bool = False) -> Any:
        """Validate the call's reply_markup for ``chat``."""
        return validate_reply_markup(
            params.get("reply_markup"), private=chat.type == "private", inline_only=inline_only
        )

    def reply_target(self, params: dict[str, Any], chat: SChat) -> SMessage | None:
        """Return the message a send call replies to (reply_parameters or the legacy fields)."""
        reply = params.get("reply_parameters")
        # The deprecated fields are not in the spec any more, so they arrive undecoded.
        allow = str(params.get("allow_sending_without_reply", "")).lower() in ("true", "1")
        if isinstance(reply, dict):
            if "message_id" not in reply:
                raise bad_request('can\'t find field "message_id"')
            message_id = reply["message_id"]
            allow = bool(reply.get("allow_sending_without_reply", allow))
            if reply.get("chat_id") not in (None, chat.id):
                chat = self.resolve_chat(reply["chat_id"])
        elif params.get("reply_to_message_id") not in (None, ""):
            try:
                message_id = int(params["reply_to_message_id"])
            except (TypeError, ValueError):
                raise bad_request("message to be replied not found") from None
        else:
            return None
        target = chat.messages.get(message_id) if isinstance(message_id, int) else None
        if target is None or target.deleted:
            if allow:
                return None
            raise bad_request("message to be replied not found")
        return target

    # --- membership helpers ----------------------------------------------------------------------

    def present_members(self, chat: SChat) -> list[SUser]:
        """Return the users (and the bot) currently in a group."""
        return [m.user for m in chat.members.values() if m.status in PRESENT_STATUSES and m.present]
