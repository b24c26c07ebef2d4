"""The scenario API: create users and groups, make users talk and press buttons, read bot output."""

from __future__ import annotations

import secrets
import time
from datetime import datetime
from typing import Any

from bot.sandbox.base import SandboxBase
from bot.sandbox.files import TINY_PNG
from bot.sandbox.state import ADMIN_STATUSES, SCallbackQuery, SChat, SFile, SMember, SMessage, SUser
from bot.sandbox.text import find_entities

ChatRef = SChat | SUser | int


class ScenarioMixin(SandboxBase):
    """Methods a test (or the HTTP control API) uses to act as Telegram's users and read results."""

    # --- people and chats ----------------------------------------------------------------------

    def add_user(
        self,
        first_name: str = "Test",
        *,
        user_id: int | None = None,
        username: str | None = None,
        last_name: str | None = None,
        language_code: str = "id",
        opened: bool = True,
    ) -> SUser:
        """Create a user (and their private chat with the bot); ``opened``: has started the bot."""
        uid = user_id if user_id is not None else next(self._user_ids)
        if uid in self.users:
            raise ValueError(f"user {uid} already exists")
        user = SUser(uid, first_name, last_name, username, language_code, opened=opened)
        self.users[uid] = user
        self.chats[uid] = SChat(uid, "private", user=user)
        return user

    def add_group(
        self,
        title: str,
        *,
        members: list[SUser] | tuple[SUser, ...] = (),
        admins: list[SUser] | tuple[SUser, ...] = (),
        creator: SUser | None = None,
        supergroup: bool = False,
        bot_status: str = "member",
        username: str | None = None,
    ) -> SChat:
        """Create a group or supergroup with members; ``bot_status`` is the bot's membership."""
        # Supergroup ids are -100 followed by the channel id; basic groups are small negatives.
        chat_id = -(1_000_000_000_000 + next(self._supergroup_ids)) if supergroup else -next(self._group_ids)
        chat = SChat(chat_id, "supergroup" if supergroup else "group", title=title, username=username)
        if creator is not None:
            chat.members[creator.id] = SMember(creator, "creator")
        for user in admins:
            chat.members.setdefault(user.id, SMember(user, "administrator"))
        for user in members:
            chat.members.setdefault(user.id, SMember(user, "member"))
        if bot_status != "left":
            chat.members[self.bot_user.id] = SMember(self.bot_user, bot_status)
        self.chats[chat_id] = chat
        return chat

    def add_channel(self, title: str, *, username: str | None = None) -> SChat:
        """Create a channel (the bot is not in it); useful as a forward origin."""
        chat_id = -(1_000_000_000_000 + next(self._supergroup_ids))
        chat = SChat(chat_id, "channel", title=title, username=username)
        self.chats[chat_id] = chat
        return chat

    def _member_update(self, kind: str, chat: SChat, by: SUser, old: SMember, new: SMember) -> dict[str, Any]:
        return self.make_update(
            kind,
            {
                "chat": chat.to_dict(),
                "from": by.to_dict(),
                "date": self.now(),
                "old_chat_member": old.to_dict(),
                "new_chat_member": new.to_dict(),
            },
        )

    def _set_bot(self, chat: SChat, by: SUser, status: str, service: dict[str, Any]) -> list[dict[str, Any]]:
        old = chat.members.get(self.bot_user.id) or SMember(self.bot_user, "left")
        new = SMember(self.bot_user, status)
        chat.members[self.bot_user.id] = new
        updates = [self._member_update("my_chat_member", chat, by, old, new)]
        message = self.new_message(chat, by, service=service)
        updates.append(self.make_update("message", message.to_dict()))
        return updates

    def add_bot_to_group(self, chat: SChat, by: SUser, as_admin: bool = False) -> list[dict[str, Any]]:
        """Add the bot to a group; return my_chat_member and the new_chat_members service message."""
        bot = self.bot_user.to_dict()
        return self._set_bot(chat, by, "administrator" if as_admin else "member", {"new_chat_members": [bot]})

    def kick_bot(self, chat: SChat, by: SUser) -> list[dict[str, Any]]:
        """Ban the bot from a group; return my_chat_member and the left_chat_member message."""
        return self._set_bot(chat, by, "kicked", {"left_chat_member": self.bot_user.to_dict()})

    def remove_bot(self, chat: SChat, by: SUser) -> list[dict[str, Any]]:
        """Remove the bot from a group without banning it (status "left")."""
        return self._set_bot(chat, by, "left", {"left_chat_member": self.bot_user.to_dict()})

    def user_joins(self, chat: SChat, user: SUser) -> dict[str, Any] | None:
        """Make a user join a group; return the new_chat_members update (None if the bot is absent)."""
        chat.members[user.id] = SMember(user, "member")
        message = self.new_message(chat, user, service={"new_chat_members": [user.to_dict()]})
        return self.make_update("message", message.to_dict()) if self._receives(chat, message) else None

    def set_member(self, chat: SChat, user: SUser, status: str, **rights: bool) -> list[dict[str, Any]]:
        """Set a user's (or the bot's) status; return my_chat_member/chat_member updates Telegram sends."""
        old = chat.members.get(user.id) or SMember(user, "left")
        new = SMember(user, status, rights=dict(rights))
        chat.members[user.id] = new
        creator = next((m.user for m in chat.members.values() if m.status == "creator"), user)
        if user is self.bot_user:
            return [self._member_update("my_chat_member", chat, creator, old, new)]
        if self.bot_is_admin(chat):  # chat_member updates go to admin bots only
            return [self._member_update("chat_member", chat, creator, old, new)]
        return []

    def migrate_to_supergroup(self, chat: SChat) -> tuple[SChat, list[dict[str, Any]]]:
        """Upgrade a basic group; the old id then answers with migrate_to_chat_id errors."""
        if chat.type != "group":
            raise ValueError("only basic groups can be migrated")
        new = SChat(
            -(1_000_000_000_000 + next(self._supergroup_ids)),
            "supergroup",
            title=chat.title,
            migrated_from=chat.id,
        )
        for user_id, member in chat.members.items():
            new.members[user_id] = SMember(member.user, member.status, member.until_date, dict(member.rights))
        self.chats[new.id] = new
        owner = next((m.user for m in chat.members.values() if m.status == "creator"), None)
        old_message = self.new_message(chat, owner, service={"migrate_to_chat_id": new.id})
        chat.migrated_to = new.id
        new_message = self.new_message(new, owner, service={"migrate_from_chat_id": chat.id})
        if not self._receives(new, new_message):
            return new, []
        return new, [
            self.make_update("message", old_message.to_dict()),
            self.make_update("message", new_message.to_dict()),
        ]

    def block_bot(self, user: SUser) -> list[dict[str, Any]]:
        """The user blocks the bot; return the my_chat_member update (status kicked)."""
        user.blocked = True
        chat = self.chats[user.id]
        return [
            self._member_update(
                "my_chat_member",
                chat,
                user,
                SMember(self.bot_user, "member"),
                SMember(self.bot_user, "kicked"),
            )
        ]

    def open_bot(self, user: SUser) -> list[dict[str, Any]]:
        """The user starts (or unblocks) the bot; return my_chat_member when it was blocked."""
        was_blocked = user.blocked
        user.opened, user.blocked = True, False
        if not was_blocked:
            return []
        chat = self.chats[user.id]
        return [
            self._member_update(
                "my_chat_member",
                chat,
                user,
                SMember(self.bot_user, "kicked"),
                SMember(self.bot_user, "member"),
            )
        ]

    def add_file(
        self,
        data: bytes | None = None,
        *,
        size: int | None = None,
        mime_type: str | None = None,
        kind: str = "document",
        file_name: str | None = None,
    ) -> SFile:
        """Create a file a user can send; random bytes unless given (a size may be declared alone)."""
        if data is None and size is None:
            data = TINY_PNG if kind == "photo" else secrets.token_bytes(2048)
        if kind == "document":
            mime_type = mime_type or "application/octet-stream"
            file_name = file_name or "document.bin"
        return self.register_file(kind, data=data, size=size, mime_type=mime_type, file_name=file_name)

    # --- users talking -------------------------------------------------------------------------

    def _origin(self, source: SUser | SChat | str, date: datetime | None) -> dict[str, Any]:
        stamp = int(date.timestamp()) if date is not None else self.now()
        if isinstance(source, str):
            return {"type": "hidden_user", "sender_user_name": source, "date": stamp}
        if isinstance(source, SUser):
            return {"type": "user", "sender_user": source.to_dict(), "date": stamp}
        if source.type == "channel":
            return {
                "type": "channel",
                "chat": source.to_dict(),
                "message_id": source.next_message_id,
                "date": stamp,
            }
        return {"type": "chat", "sender_chat": source.to_dict(), "date": stamp}

    def user_message(
        self,
        user: SUser,
        text: str | None = None,
        *,
        chat: SChat | None = None,
        reply_to: SMessage | None = None,
        forward_from: SUser | SChat | str | None = None,
        forward_date: datetime | None = None,
        photo: SFile | None = None,
        document: SFile | None = None,
        caption: str | None = None,
        location: tuple[float, float] | None = None,
        entities: list[dict[str, Any]] | None = None,
    ) -> dict[str, Any] | None:
        """Store a user's message; return the Update the bot gets, or None when privacy mode hides it."""
        chat = chat or self.chats[user.id]
        if chat.migrated_to is not None:
            raise ValueError(f"{chat.title} was migrated to {chat.migrated_to}; use the supergroup")
        if chat.type == "private":
            user.opened, user.blocked = True, False  # writing to the bot starts/unblocks it
        elif chat.members.get(user.id) is None or not chat.members[user.id].present:
            raise ValueError(f"{user.full_name} is not a member of {chat.title}")
        if reply_to is not None and reply_to.chat is not chat:
            raise ValueError("reply_to must be a message of the same chat")
        fields: dict[str, Any] = {
            "reply_to": reply_to,
            "photo": photo,
            "document": document,
            "location": location,
        }
        if text is not None:
            fields.update(text=text, entities=entities if entities is not None else find_entities(text))
        if caption is not None:
            fields.update(
                caption=caption, caption_entities=entities if entities is not None else find_entities(caption)
            )
        if forward_from is not None:
            fields["forward_origin"] = self._origin(forward_from, forward_date)
        message = self.new_message(chat, user, **fields)
        if not self._receives(chat, message):
            return None
        return self.make_update("message", message.to_dict())

    def _receives(self, chat: SChat, message: SMessage) -> bool:
        """Apply privacy mode: what a bot in a group is sent (private chats: everything)."""
        if chat.type == "private":
            return True
        member = chat.members.get(self.bot_user.id)
        if member is None or not member.present:
            return False
        if not self.privacy_mode or member.status in ADMIN_STATUSES or message.is_service:
            return True
        if message.reply_to is not None and message.reply_to.from_bot:
            return True
        text = message.text if message.text is not None else (message.caption or "")
        units = text.encode("utf-16-le")
        me = (self.bot_user.username or "").lower()
        for entity in message.entities or message.caption_entities:
            piece = units[2 * entity["offset"] : 2 * (entity["offset"] + entity["length"])].decode("utf-16-le")
            if entity["type"] == "bot_command" and entity["offset"] == 0:
                return "@" not in piece or piece.split("@", 1)[1].lower() == me
            if entity["type"] == "mention" and piece[1:].lower() == me:
                return True
            if entity["type"] == "text_mention" and entity.get("user", {}).get("id") == self.bot_user.id:
                return True
        return False

    def press(self, user: SUser, message: SMessage, label: str) -> dict[str, Any]:
        """Press the inline button labelled ``label``; return the callback_query Update."""
        for row in message.inline_buttons:
            for button in row:
                if button.get("text") == label:
                    if "callback_data" not in button:
                        raise ValueError(f"button {label!r} has no callback_data: {button}")
                    return self.press_data(user, message, str(button["callback_data"]))
        raise LookupError(f"no inline button {label!r} on message {message.message_id}: {message.buttons}")

    def press_data(self, user: SUser, message: SMessage, data: str) -> dict[str, Any]:
        """Send a callback query with arbitrary (possibly forged) data for a message."""
        if message.deleted:
            raise ValueError("cannot press a button of a deleted message")
        chat = message.chat
        if chat.type == "private" and chat.id != user.id:
            raise ValueError(f"{user.full_name} cannot see a message in another person's private chat")
        if chat.type != "private" and (chat.members.get(user.id) is None or not chat.members[user.id].present):
            raise ValueError(f"{user.full_name} is not a member of {chat.title}: they cannot see its buttons")
        query = SCallbackQuery(
            id=str(secrets.randbits(62) + 10**18),
            from_user=user,
            message=message,
            data=data,
            chat_instance=str(abs(message.chat.id) * 1_000_003 % 10**19),
            created=time.monotonic(),
        )
        self.callback_queries[query.id] = query
        return self.make_update("callback_query", query.to_dict())

    def age_callback_query(self, query_id: str | None = None, seconds: float | None = None) -> None:
        """Make a callback query (or all of them) older, e.g. past the answer timeout."""
        delta = seconds if seconds is not None else self.callback_timeout + 1
        for query in self.callback_queries.values():
            if query_id is None or query.id == query_id:
                query.created -= delta

    # --- reading what happened -----------------------------------------------------------------

    def _chat_of(self, ref: ChatRef) -> SChat:
        if isinstance(ref, SChat):
            return ref
        return self.chats[ref.id if isinstance(ref, SUser) else ref]

    def messages(self, chat_id: ChatRef, *, include_deleted: bool = False) -> list[SMessage]:
        """Return all messages of a chat, the users' and the bot's, oldest first."""
        return [m for m in self._chat_of(chat_id).messages.values() if include_deleted or not m.deleted]

    def bot_messages(self, chat_id: ChatRef) -> list[SMessage]:
        """Return the bot's (not deleted) messages in a chat."""
        return [m for m in self.messages(chat_id) if m.from_bot]

    def take(self, chat_id: ChatRef) -> SMessage | None:
        """Return the next bot message in the chat not yet taken (deleted ones are skipped)."""
        chat = self._chat_of(chat_id)
        for message in list(chat.messages.values()):
            if message.from_bot and message.message_id > chat.taken:
                chat.taken = message.message_id
                if not message.deleted:
                    return message
        return None

    def commands(self, scope: dict[str, Any] | None = None, language_code: str = "") -> list[tuple[str, str]]:
        """Return the (command, description) pairs setMyCommands stored for a scope and language."""
        key = (self.scope_key(scope), language_code)
        return [(c["command"], c["description"]) for c in self.command_sets.get(key, [])]
