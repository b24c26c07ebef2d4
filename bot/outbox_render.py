"""Renderers: one per outbox kind, turning a row's payload into a message in the recipient's language at send time."""

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlalchemy.ext.asyncio import AsyncSession
from telegram import InlineKeyboardMarkup

from db.models import OutboxMessage

if TYPE_CHECKING:
    from bot.config import Settings


@dataclass
class Media:
    """A file to send: by Telegram file_id, or as bytes with a file name."""

    kind: str  # "photo" | "document"
    file_id: str | None = None
    data: bytes | None = None
    filename: str | None = None


@dataclass
class Rendered:
    """What a renderer wants sent (or edited)."""

    text: str = ""
    reply_markup: InlineKeyboardMarkup | None = None
    edit_message_id: int | None = None  # edit this message instead of sending a new one
    media: list[Media] = field(default_factory=list)  # one: sent with `text` as caption; several: an album
    location: tuple[float, float] | None = None
    disable_notification: bool = False
    commands: list[tuple[str, str]] | None = None  # set this chat's command menu instead of sending a message


@dataclass
class RenderContext:
    """What a renderer may use: an open read session, the row, the recipient's language, the settings."""

    session: AsyncSession
    row: OutboxMessage
    lang: str
    settings: "Settings"
    bot_username: str

    @property
    def payload(self) -> dict[str, Any]:
        """The row's payload."""
        return self.row.payload


Renderer = Callable[[RenderContext], Awaitable[Rendered | None]]

RENDERERS: dict[str, Renderer] = {}


def renderer(kind: str) -> Callable[[Renderer], Renderer]:
    """Register the renderer of an outbox kind (one per kind; returning None skips the row)."""

    def decorate(fn: Renderer) -> Renderer:
        if kind in RENDERERS and RENDERERS[kind] is not fn:
            raise RuntimeError(f"outbox kind {kind!r} has two renderers")
        RENDERERS[kind] = fn
        return fn

    return decorate


AfterSend = Callable[[AsyncSession, OutboxMessage], Awaitable[None]]
AFTER_SEND: dict[str, AfterSend] = {}


def after_send(kind: str) -> Callable[[AfterSend], AfterSend]:
    """Register what to record once a row of `kind` was delivered (in the transaction that marks it sent)."""

    def decorate(fn: AfterSend) -> AfterSend:
        AFTER_SEND[kind] = fn
        return fn

    return decorate
