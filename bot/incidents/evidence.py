"""Turning Telegram messages into evidence: media fetched with getFile and hashed, forward origins kept."""

import asyncio
import hashlib
import logging

from telegram import (
    Message,
    MessageOrigin,
    MessageOriginChannel,
    MessageOriginChat,
    MessageOriginHiddenUser,
    MessageOriginUser,
)
from telegram.error import BadRequest
from telegram.ext import ExtBot

from db.evidence import DOWNLOAD_LIMIT, EvidenceInput
from db.models import EvidenceKind

log = logging.getLogger(__name__)
_THREAD_HASH_BYTES = 1024 * 1024  # hash bigger files off the event loop


def _origin(origin: MessageOrigin | None) -> dict[str, object]:
    if origin is None:
        return {}
    fields: dict[str, object] = {"forward_date": origin.date}
    if isinstance(origin, MessageOriginUser):
        fields.update(forward_origin_type="user", forward_origin_name=origin.sender_user.full_name,
                      forward_origin_id=origin.sender_user.id)
    elif isinstance(origin, MessageOriginHiddenUser):
        fields.update(forward_origin_type="hidden_user", forward_origin_name=origin.sender_user_name)
    elif isinstance(origin, MessageOriginChannel):
        fields.update(forward_origin_type="channel", forward_origin_name=origin.chat.title or origin.chat.username,
                      forward_origin_id=origin.chat.id)
    elif isinstance(origin, MessageOriginChat):
        fields.update(forward_origin_type="chat", forward_origin_name=origin.sender_chat.title,
                      forward_origin_id=origin.sender_chat.id)
    return fields


def _media(message: Message) -> tuple[EvidenceKind, str, str, int | None, str | None, str | None] | None:
    """(kind, file_id, file_unique_id, size, mime type, file name) of the message's file, if any."""
    if message.photo:
        photo = max(message.photo, key=lambda p: (p.file_size or 0, p.width * p.height))
        return EvidenceKind.PHOTO, photo.file_id, photo.file_unique_id, photo.file_size, "image/jpeg", None
    for kind, item in ((EvidenceKind.DOCUMENT, message.document), (EvidenceKind.VIDEO, message.video),
                       (EvidenceKind.AUDIO, message.audio), (EvidenceKind.AUDIO, message.voice),
                       (EvidenceKind.VIDEO, message.animation)):
        if item is not None:
            return (kind, item.file_id, item.file_unique_id, item.file_size, getattr(item, "mime_type", None),
                    getattr(item, "file_name", None))
    return None


def has_media(message: Message) -> bool:
    """Whether the message carries a file that can be evidence."""
    return _media(message) is not None


async def fingerprint(bot: ExtBot, file_id: str, size: int | None) -> tuple[str | None, str | None]:
    """(SHA-256, None) of a file fetched with getFile, or (None, why not) when it is over the 20 MB limit."""
    if size is not None and size > DOWNLOAD_LIMIT:
        return None, f"too big to download ({size} bytes > 20 MB)"
    try:
        file = await bot.get_file(file_id)
    except BadRequest as exc:
        if "too big" in str(exc).lower():
            return None, "too big to download (over 20 MB)"
        raise
    data = bytes(await file.download_as_bytearray())
    if len(data) > _THREAD_HASH_BYTES:
        digest = await asyncio.to_thread(lambda: hashlib.sha256(data).hexdigest())
    else:
        digest = hashlib.sha256(data).hexdigest()
    return digest, None


async def from_message(bot: ExtBot, message: Message, *, include_text: bool) -> list[EvidenceInput]:
    """Evidence in a message: its file (hashed) with the caption, and/or its text; the forward origin on each."""
    origin = _origin(message.forward_origin)
    source = {"source_chat_id": message.chat.id, "source_message_id": message.message_id}
    found: list[EvidenceInput] = []
    media = _media(message)
    if media is not None:
        kind, file_id, unique_id, size, mime, name = media
        digest, note = await fingerprint(bot, file_id, size)
        found.append(EvidenceInput(kind=kind, file_id=file_id, file_unique_id=unique_id, file_size=size,
                                   mime_type=mime, file_name=name, sha256=digest, hash_note=note,
                                   text=message.caption, **source, **origin))  # type: ignore[arg-type]
    elif include_text and message.text:
        found.append(EvidenceInput(kind=EvidenceKind.TEXT, text=message.text, **source, **origin))  # type: ignore[arg-type]
    return found
