"""The sandbox's state: users, chats, members, messages, files, callback queries and call records."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from typing import Any

from bot.sandbox import spec
from bot.sandbox.markup import inline_buttons, keyboard_rows

MEMBER_STATUSES = ("creator", "administrator", "member", "restricted", "left", "kicked")
PRESENT_STATUSES = frozenset({"creator", "administrator", "member", "restricted"})
ADMIN_STATUSES = frozenset({"creator", "administrator"})
_MEMBER_TYPES = {
    "creator": "ChatMemberOwner",
    "administrator": "ChatMemberAdministrator",
    "member": "ChatMemberMember",
    "restricted": "ChatMemberRestricted",
    "left": "ChatMemberLeft",
    "kicked": "ChatMemberBanned",
}


@dataclass(eq=False)
class SUser:
    """A Telegram user (or the bot itself)."""

    id: int
    first_name: str
    last_name: str | None = None
    username: str | None = None
    language_code: str | None = None
    is_bot: bool = False
    opened: bool = False  # has started the bot's private chat
    blocked: bool = False  # has blocked the bot

    @property
    def full_name(self) -> str:
        """Return first and last name joined."""
        return f"{self.first_name} {self.last_name}" if self.last_name else self.first_name

    def to_dict(self) -> dict[str, Any]:
        """Return the Bot API User object."""
        data: dict[str, Any] = {"id": self.id, "is_bot": self.is_bot, "first_name": self.first_name}
        if self.last_name:
            data["last_name"] = self.last_name
        if self.username:
            data["username"] = self.username
        if self.language_code and not self.is_bot:
            data["language_code"] = self.language_code
        return data


@dataclass(eq=False)
class SMember:
    """A user's membership in a group: status plus optional rights overrides."""

    user: SUser
    status: str
    until_date: int = 0
    rights: dict[str, bool] = field(default_factory=dict)

    @property
    def present(self) -> bool:
        """Return whether the member is in the chat."""
        return self.status in PRESENT_STATUSES and self.rights.get("is_member", True)

    def to_dict(self) -> dict[str, Any]:
        """Return the Bot API ChatMember object for the status."""
        values: dict[str, Any] = {"status": self.status, "user": self.user.to_dict()}
        type_name = _MEMBER_TYPES[self.status]
        if self.status == "administrator":
            # A promoted admin has the usual rights; the bot cannot edit admins it did not promote.
            for name, f in spec.type_fields(type_name).items():
                if f.types == ("Boolean",) and name.startswith("can_") and name != "can_be_edited":
                    values[name] = True
        elif self.status == "restricted":
            values["is_member"] = True
            values["until_date"] = self.until_date
        elif self.status == "kicked":
            values["until_date"] = self.until_date
        values.update(self.rights)
        return spec.build(type_name, values)


@dataclass(eq=False)
class SFile:
    """A file known to Telegram: uploaded by the bot or sent by a user."""

    file_id: str
    file_unique_id: str
    kind: str  # "photo" | "document"
    size: int
    file_path: str
    mime_type: str | None = None
    file_name: str | None = None
    data: bytes | None = None
    width: int = 0
    height: int = 0
    thumb: SFile | None = None

    def content(self) -> bytes:
        """Return the bytes (random, generated once, when the file was declared without data)."""
        if self.data is None:
            self.data = secrets.token_bytes(self.size)
        return self.data

    def photo_size(self) -> dict[str, Any]:
        """Return this file as a PhotoSize."""
        return {
            "file_id": self.file_id,
            "file_unique_id": self.file_unique_id,
            "width": self.width,
            "height": self.height,
            "file_size": self.size,
        }

    def photo_sizes(self) -> list[dict[str, Any]]:
        """Return the PhotoSize list of a photo message (smallest first, like Telegram)."""
        return ([self.thumb.photo_size()] if self.thumb else []) + [self.photo_size()]

    def document_dict(self) -> dict[str, Any]:
        """Return this file as a Document."""
        data: dict[str, Any] = {
            "file_id": self.file_id,
            "file_unique_id": self.file_unique_id,
            "file_size": self.size,
        }
        if self.file_name:
            data["file_name"] = self.file_name
        if self.mime_type:
            data["mime_type"] = self.mime_type
        return data

    def file_dict(self) -> dict[str, Any]:
        """Return this file as the File object of getFile."""
        return {
            "file_id": self.file_id,
            "file_unique_id": self.file_unique_id,
            "file_size": self.size,
            "file_path": self.file_path,
        }


@dataclass(eq=False)
class SChat:
    """A chat: private (id = the user's id), group, supergroup or channel."""

    id: int
    type: str
    title: str | None = None
    username: str | None = None
    user: SUser | None = None  # the other party of a private chat
    members: dict[int, SMember] = field(default_factory=dict)
    messages: dict[int, SMessage] = field(default_factory=dict)
    next_message_id: int = 1
    migrated_to: int | None = None
    migrated_from: int | None = None
    description: str | None = None
    taken: int = 0  # highest bot message id returned by Sandbox.take()

    @property
    def is_group(self) -> bool:
        """Return whether this is a group or supergroup."""
        return self.type in ("group", "supergroup")

    def to_dict(self) -> dict[str, Any]:
        """Return the Bot API Chat object."""
        data: dict[str, Any] = {"id": self.id, "type": self.type}
        if self.type == "private" and self.user is not None:
            data.update({k: v for k, v in self.user.to_dict().items() if k in ("first_name", "last_name", "username")})
        else:
            data["title"] = self.title or ""
            if self.username:
                data["username"] = self.username
        return data


@dataclass
class SEdit:
    """A previous version of an edited message."""

    date: int
    text: str | None
    html: str | None
    caption: str | None
    reply_markup: dict[str, Any] | None


@dataclass(eq=False)
class SMessage:
    """A message in a chat, sent by the bot or by a user (or a service message)."""

    chat: SChat
    message_id: int
    from_user: SUser | None
    date: int
    text: str | None = None
    entities: list[dict[str, Any]] = field(default_factory=list)
    html: str | None = None  # the text or caption as the bot sent it (with markup)
    caption: str | None = None
    caption_entities: list[dict[str, Any]] = field(default_factory=list)
    reply_markup: dict[str, Any] | None = None
    reply_to: SMessage | None = None
    forward_origin: dict[str, Any] | None = None
    photo: SFile | None = None
    document: SFile | None = None
    location: tuple[float, float] | None = None
    media_group_id: str | None = None
    edits: list[SEdit] = field(default_factory=list)
    edit_date: int | None = None
    deleted: bool = False
    from_bot: bool = False
    protect_content: bool = False
    service: dict[str, Any] = field(default_factory=dict)

    @property
    def buttons(self) -> list[list[tuple[str, str | None]]]:
        """Return keyboard rows as (label, callback_data or url) pairs (None for plain buttons)."""
        return [
            [(str(b.get("text", "")), b.get("callback_data") or b.get("url")) for b in row]
            for row in keyboard_rows(self.reply_markup)
        ]

    def button(self, label: str) -> dict[str, Any] | None:
        """Return the keyboard button with this label, or None."""
        for row in keyboard_rows(self.reply_markup):
            for b in row:
                if b.get("text") == label:
                    return b
        return None

    @property
    def inline_buttons(self) -> list[list[dict[str, Any]]]:
        """Return the inline keyboard rows (empty without an inline keyboard)."""
        return inline_buttons(self.reply_markup)

    @property
    def is_service(self) -> bool:
        """Return whether this is a service message (members joined, chat migrated...)."""
        return bool(self.service)

    def to_dict(self, *, nested: bool = False) -> dict[str, Any]:
        """Return the Bot API Message object (``nested`` omits reply_to_message, like Telegram)."""
        data: dict[str, Any] = {"message_id": self.message_id}
        if self.from_user is not None:
            data["from"] = self.from_user.to_dict()
        data["chat"] = self.chat.to_dict()
        data["date"] = self.date
        if self.forward_origin is not None:
            data["forward_origin"] = self.forward_origin
        if self.reply_to is not None and not nested:
            data["reply_to_message"] = self.reply_to.to_dict(nested=True)
        if self.edit_date is not None:
            data["edit_date"] = self.edit_date
        if self.protect_content:
            data["has_protected_content"] = True
        if self.media_group_id:
            data["media_group_id"] = self.media_group_id
        if self.text is not None:
            data["text"] = self.text
            if self.entities:
                data["entities"] = self.entities
        if self.photo is not None:
            data["photo"] = self.photo.photo_sizes()
        if self.document is not None:
            data["document"] = self.document.document_dict()
        if self.caption:
            data["caption"] = self.caption
            if self.caption_entities:
                data["caption_entities"] = self.caption_entities
        if self.location is not None:
            data["location"] = {"latitude": self.location[0], "longitude": self.location[1]}
        data.update(self.service)
        if self.reply_markup and "inline_keyboard" in self.reply_markup:
            data["reply_markup"] = {"inline_keyboard": self.reply_markup["inline_keyboard"]}
        return data


@dataclass(eq=False)
class SCallbackQuery:
    """A press on an inline button, waiting for answerCallbackQuery."""

    id: str
    from_user: SUser
    message: SMessage
    data: str
    chat_instance: str
    created: float  # monotonic time
    answered: bool = False
    answer: dict[str, Any] | None = None

    def to_dict(self) -> dict[str, Any]:
        """Return the Bot API CallbackQuery object."""
        return {
            "id": self.id,
            "from": self.from_user.to_dict(),
            "message": self.message.to_dict(),
            "chat_instance": self.chat_instance,
            "data": self.data,
        }


@dataclass
class CallRecord:
    """One Bot API call the bot made, with the sandbox's answer."""

    method: str
    params: dict[str, Any]
    status: int
    description: str | None
    time: float  # monotonic
    parameters: dict[str, Any] | None = None
    injected: bool = False

    @property
    def ok(self) -> bool:
        """Return whether the call succeeded."""
        return 200 <= self.status < 300

    @property
    def chat_id(self) -> Any:
        """Return the call's chat_id parameter (None when it had none)."""
        return self.params.get("chat_id")

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-friendly dict of the record."""
        return {
            "method": self.method,
            "params": self.params,
            "status": self.status,
            "description": self.description,
            "time": self.time,
            "parameters": self.parameters,
            "injected": self.injected,
        }


@dataclass
class Expectation:
    """A declared expected rejection: matches by method and/or description substring."""

    method: str | None = None
    contains: str | None = None
    matched: int = 0

    def matches(self, record: CallRecord) -> bool:
        """Return whether ``record`` is covered by this expectation."""
        if self.method is not None and record.method.lower() != self.method.lower():
            return False
        return self.contains is None or self.contains in (record.description or "")
