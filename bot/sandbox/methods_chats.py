"""Bot API methods about the bot, updates, callback answers, files, chats and commands."""

from __future__ import annotations

import asyncio
import re
import time
from typing import Any
from urllib.parse import urlsplit

from bot.sandbox import spec
from bot.sandbox.base import SandboxBase
from bot.sandbox.errors import ApiError, ClientGoneError, bad_request, client_gone_probe, tdlib_error
from bot.sandbox.files import GETFILE_LIMIT, Files
from bot.sandbox.state import ADMIN_STATUSES, SChat, SMember
from bot.sandbox.text import utf16_len

CALLBACK_ANSWER_LIMIT = 200
COMMANDS_MAX = 100
_COMMAND = re.compile(r"[a-z0-9_]{1,32}")
_DEFAULT_EXCLUDED = frozenset({"chat_member", "message_reaction", "message_reaction_count"})
QUERY_INVALID = "query is too old and response timeout expired or query ID is invalid"
CONFLICT_WEBHOOK = (
    "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first"
)
CONFLICT_POLL = "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running"


class ChatMethods(SandboxBase):
    """getMe, getUpdates, webhooks, answerCallbackQuery, getFile, getChat*, commands, menu button."""

    async def api_get_me(self, p: dict[str, Any], files: Files) -> Any:
        """Return the bot's User object with the bot-only fields."""
        return {
            **self.bot_user.to_dict(),
            "can_join_groups": True,
            "can_read_all_group_messages": not self.privacy_mode,
            "supports_inline_queries": False,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }

    async def api_log_out(self, p: dict[str, Any], files: Files) -> Any:
        """Pretend to log out from the cloud Bot API server."""
        return True

    async def api_close(self, p: dict[str, Any], files: Files) -> Any:
        """Pretend to close the bot instance."""
        return True

    # --- updates and webhooks ------------------------------------------------------------------

    def _allowed(self, update: dict[str, Any]) -> bool:
        kind = next((k for k in update if k != "update_id"), "")
        if self.allowed_updates:
            return kind in self.allowed_updates
        return kind not in _DEFAULT_EXCLUDED

    def _pending(self, limit: int) -> list[dict[str, Any]]:
        # Updates of kinds the bot did not ask for are dropped, as Telegram never stores them.
        self._updates = [u for u in self._updates if self._allowed(u)]
        return [dict(u) for u in self._updates[:limit]]

    async def api_get_updates(self, p: dict[str, Any], files: Files) -> Any:
        """Long-poll the update queue; ``offset`` confirms earlier updates."""
        if self.webhook.get("url"):
            raise ApiError(409, CONFLICT_WEBHOOK)
        self._poll_generation += 1
        generation = self._poll_generation
        self._notify()  # an older poll still waiting is terminated with 409, like Telegram does
        if p.get("allowed_updates") is not None:
            self.allowed_updates = list(p["allowed_updates"]) or None
        offset = int(p.get("offset") or 0)
        if offset > 0:
            self._updates = [u for u in self._updates if u["update_id"] >= offset]
        elif offset < 0:
            self._updates = self._updates[offset:]
        limit = min(max(int(p.get("limit") or 100), 1), 100)
        timeout = max(int(p.get("timeout") or 0), 0)
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            batch = self._pending(limit)
            remaining = deadline - loop.time()
            if batch or remaining <= 0 or self.closing:
                return batch
            wakeup = self._wakeup
            try:
                await asyncio.wait_for(wakeup.wait(), remaining)
            except TimeoutError:
                return self._pending(limit)
            if self._poll_generation != generation:
                # Telegram answers the older poll 409, but only a client still waiting sees it: a
                # client that gave up (e.g. PTB stopping, then confirming the offset) is not refused.
                probe = client_gone_probe.get()
                if probe is not None and await probe():
                    raise ClientGoneError
                raise ApiError(409, CONFLICT_POLL)

    async def api_set_webhook(self, p: dict[str, Any], files: Files) -> Any:
        """Store a webhook (the sandbox does not push to it; getUpdates then answers 409)."""
        url = str(p.get("url") or "")
        if url:
            parts = urlsplit(url)
            if parts.scheme != "https":
                raise bad_request("bad webhook: An HTTPS URL must be provided for webhook")
            if parts.port not in (None, 80, 88, 443, 8443):
                raise bad_request("bad webhook: Webhook can be set up only on ports 80, 88, 443 or 8443")
        if p.get("drop_pending_updates"):
            self._updates.clear()
        self.webhook = {"url": url, "max_connections": int(p.get("max_connections") or 40)}
        if p.get("allowed_updates") is not None:
            self.allowed_updates = list(p["allowed_updates"]) or None
        self._notify()
        return True

    async def api_delete_webhook(self, p: dict[str, Any], files: Files) -> Any:
        """Remove the webhook (optionally dropping pending updates)."""
        if p.get("drop_pending_updates"):
            self._updates.clear()
        self.webhook = {"url": ""}
        return True

    async def api_get_webhook_info(self, p: dict[str, Any], files: Files) -> Any:
        """Describe the webhook and the number of pending updates."""
        info: dict[str, Any] = {
            "url": self.webhook.get("url", ""),
            "has_custom_certificate": False,
            "pending_update_count": len(self._updates),
        }
        if info["url"]:
            info["max_connections"] = self.webhook.get("max_connections", 40)
        if self.allowed_updates:
            info["allowed_updates"] = list(self.allowed_updates)
        return info

    # --- callback queries and files ------------------------------------------------------------

    async def api_answer_callback_query(self, p: dict[str, Any], files: Files) -> Any:
        """Answer a callback query once, within the timeout."""
        query = self.callback_queries.get(str(p.get("callback_query_id") or ""))
        if query is None or query.answered or time.monotonic() - query.created > self.callback_timeout:
            raise bad_request(QUERY_INVALID)
        text = str(p.get("text") or "")
        if utf16_len(text) > CALLBACK_ANSWER_LIMIT:
            raise bad_request("MESSAGE_TOO_LONG")
        query.answered = True
        query.answer = {
            "text": text or None,
            "show_alert": bool(p.get("show_alert")),
            "url": p.get("url"),
            "cache_time": p.get("cache_time"),
        }
        return True

    async def api_get_file(self, p: dict[str, Any], files: Files) -> Any:
        """Return a File with a download path (up to 20 MB)."""
        file = self.files.get(str(p.get("file_id") or ""))
        if file is None:
            raise bad_request("invalid file_id")
        if file.size > GETFILE_LIMIT:
            raise bad_request("file is too big")
        return file.file_dict()

    # --- chats ---------------------------------------------------------------------------------

    def _chat(self, p: dict[str, Any]) -> SChat:
        chat = self.resolve_chat(p.get("chat_id"))
        self.check_access(chat)
        return chat

    async def api_get_chat(self, p: dict[str, Any], files: Files) -> Any:
        """Return the ChatFullInfo of a chat."""
        chat = self._chat(p)
        values: dict[str, Any] = {
            **chat.to_dict(),
            "accent_color_id": 0,
            "max_reaction_count": 11,
            "accepted_gift_types": spec.build("AcceptedGiftTypes", {}),
        }
        if chat.is_group:
            values["permissions"] = {f: True for f in spec.type_fields("ChatPermissions") if f.startswith("can_send")}
        if chat.description:
            values["description"] = chat.description
        return spec.build("ChatFullInfo", values)

    async def api_get_chat_member(self, p: dict[str, Any], files: Files) -> Any:
        """Return a ChatMember by the user's status in the chat."""
        chat = self._chat(p)
        user_id = p.get("user_id")
        if chat.type == "private":
            user = self.users.get(user_id) if isinstance(user_id, int) else None
            if user is None or user_id not in (chat.id, self.bot_user.id):
                raise bad_request("member not found")
            return SMember(user, "member").to_dict()
        member = chat.members.get(user_id) if isinstance(user_id, int) else None
        if member is not None:
            return member.to_dict()
        user = self.users.get(user_id) if isinstance(user_id, int) else None
        if user is None:
            raise bad_request("PARTICIPANT_ID_INVALID")
        return SMember(user, "left").to_dict()

    async def api_get_chat_administrators(self, p: dict[str, Any], files: Files) -> Any:
        """Return the owner and administrators of a group."""
        chat = self._chat(p)
        if not chat.is_group:
            raise bad_request("there are no administrators in the private chat")
        return [m.to_dict() for m in chat.members.values() if m.status in ADMIN_STATUSES]

    async def api_get_chat_member_count(self, p: dict[str, Any], files: Files) -> Any:
        """Return the number of members (2 for a private chat)."""
        chat = self._chat(p)
        return len(self.present_members(chat)) if chat.is_group else 2

    async def api_leave_chat(self, p: dict[str, Any], files: Files) -> Any:
        """Leave a group; Telegram then sends the bot a my_chat_member update."""
        chat = self._chat(p)
        if chat.type == "private":
            raise tdlib_error("Chat member status can't be changed in private chats")
        old = chat.members[self.bot_user.id]
        new = SMember(self.bot_user, "left")
        chat.members[self.bot_user.id] = new
        update = self.make_update(
            "my_chat_member",
            {
                "chat": chat.to_dict(),
                "from": self.bot_user.to_dict(),
                "date": self.now(),
                "old_chat_member": old.to_dict(),
                "new_chat_member": new.to_dict(),
            },
        )
        self._deliver_later([update])
        return True

    # --- commands, menu button, bot texts ------------------------------------------------------

    @staticmethod
    def _language(p: dict[str, Any]) -> str:
        code = str(p.get("language_code") or "")
        if code and not re.fullmatch(r"[a-z]{2}", code):
            raise tdlib_error("Invalid language code specified")
        return code

    async def api_set_my_commands(self, p: dict[str, Any], files: Files) -> Any:
        """Store the command list for a scope and language."""
        commands = p.get("commands")
        if not isinstance(commands, list):
            raise bad_request('field "commands" must be of type Array')
        if len(commands) > COMMANDS_MAX:
            raise bad_request("BOT_COMMANDS_TOO_MUCH")
        stored = []
        for item in commands:
            if not isinstance(item, dict):
                raise bad_request("can't parse BotCommand: Object expected")
            for name in ("command", "description"):
                if name not in item:
                    raise bad_request(f"can't parse BotCommand: Can't find field \"{name}\"")
            command, description = str(item["command"]), str(item["description"])
            if not command:
                raise tdlib_error("Command must be non-empty")
            if not description:
                raise tdlib_error("Command description must be non-empty")
            if not _COMMAND.fullmatch(command):
                raise bad_request("BOT_COMMAND_INVALID")  # lowercase letters, digits, _; no leading /
            if len(description) > 256:
                raise bad_request("BOT_COMMAND_DESCRIPTION_INVALID")
            stored.append({"command": command, "description": description})
        key = (self.scope_key(p.get("scope")), self._language(p))
        if stored:
            self.command_sets[key] = stored
        else:
            self.command_sets.pop(key, None)
        return True

    async def api_get_my_commands(self, p: dict[str, Any], files: Files) -> Any:
        """Return the command list stored for exactly this scope and language."""
        key = (self.scope_key(p.get("scope")), self._language(p))
        return [dict(c) for c in self.command_sets.get(key, [])]

    async def api_delete_my_commands(self, p: dict[str, Any], files: Files) -> Any:
        """Delete the command list of a scope and language."""
        self.command_sets.pop((self.scope_key(p.get("scope")), self._language(p)), None)
        return True

    async def api_set_chat_menu_button(self, p: dict[str, Any], files: Files) -> Any:
        """Set the menu button of a private chat, or the default one."""
        chat_id = self.resolve_chat(p["chat_id"]).id if p.get("chat_id") is not None else None
        button = p.get("menu_button") or {"type": "default"}
        if not isinstance(button, dict) or button.get("type") not in ("default", "commands", "web_app"):
            raise bad_request("can't parse MenuButton: Unsupported type specified")
        self.menu_buttons[chat_id] = button
        return True

    async def api_get_chat_menu_button(self, p: dict[str, Any], files: Files) -> Any:
        """Return the menu button of a chat (falling back to the default one)."""
        chat_id = self.resolve_chat(p["chat_id"]).id if p.get("chat_id") is not None else None
        return self.menu_buttons.get(chat_id) or self.menu_buttons.get(None) or {"type": "default"}

    def _set_text(self, kind: str, p: dict[str, Any]) -> Any:
        self.bot_texts[(kind, self._language(p))] = str(p.get(kind) or "")
        return True

    def _get_text(self, kind: str, p: dict[str, Any], default: str = "") -> Any:
        lang = self._language(p)
        return {kind: self.bot_texts.get((kind, lang), self.bot_texts.get((kind, ""), default))}

    async def api_set_my_description(self, p: dict[str, Any], files: Files) -> Any:
        """Store the bot description for a language."""
        return self._set_text("description", p)

    async def api_get_my_description(self, p: dict[str, Any], files: Files) -> Any:
        """Return the bot description for a language."""
        return self._get_text("description", p)

    async def api_set_my_short_description(self, p: dict[str, Any], files: Files) -> Any:
        """Store the bot short description for a language."""
        return self._set_text("short_description", p)

    async def api_get_my_short_description(self, p: dict[str, Any], files: Files) -> Any:
        """Return the bot short description for a language."""
        return self._get_text("short_description", p)

    async def api_set_my_name(self, p: dict[str, Any], files: Files) -> Any:
        """Store the bot name for a language."""
        return self._set_text("name", p)

    async def api_get_my_name(self, p: dict[str, Any], files: Files) -> Any:
        """Return the bot name for a language."""
        return self._get_text("name", p, self.bot_user.first_name)
