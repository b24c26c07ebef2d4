"""Errors the sandbox answers with, shaped like the Bot API's error responses."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from contextvars import ContextVar
from typing import Any, Literal

NetworkKind = Literal["timeout", "drop"]


class ApiError(Exception):
    """A Bot API error answer: HTTP status, description and optional response parameters."""

    def __init__(self, code: int, description: str, parameters: dict[str, Any] | None = None) -> None:
        super().__init__(description)
        self.code = code
        self.description = description
        self.parameters = parameters

    def body(self) -> dict[str, Any]:
        """Return the JSON body Telegram sends for this error."""
        body: dict[str, Any] = {"ok": False, "error_code": self.code, "description": self.description}
        if self.parameters:
            body["parameters"] = dict(self.parameters)
        return body


class InjectedNetworkError(Exception):
    """An injected network failure; the transport turns it into an httpx exception."""

    def __init__(self, kind: NetworkKind) -> None:
        super().__init__(f"injected network fault: {kind}")
        self.kind: NetworkKind = kind


class ClientGoneError(Exception):
    """The client closed the connection before the answer; nobody will read it."""


# Set by the HTTP layer for the current request: returns True when the client has disconnected.
client_gone_probe: ContextVar[Callable[[], Awaitable[bool]] | None] = ContextVar("client_gone_probe", default=None)


def bad_request(text: str, parameters: dict[str, Any] | None = None) -> ApiError:
    """Return a 400 error with Telegram's ``Bad Request: `` prefix."""
    return ApiError(400, f"Bad Request: {text}", parameters)


def forbidden(text: str) -> ApiError:
    """Return a 403 error with Telegram's ``Forbidden: `` prefix."""
    return ApiError(403, f"Forbidden: {text}")


def too_many_requests(retry_after: int) -> ApiError:
    """Return the 429 flood-control answer with its ``retry_after`` parameter."""
    return ApiError(429, f"Too Many Requests: retry after {retry_after}", {"retry_after": retry_after})


def chat_not_found() -> ApiError:
    """Return the error for a chat the bot cannot see."""
    return bad_request("chat not found")


def not_simulated(what: str) -> ApiError:
    """Return the error for a valid Bot API feature the sandbox does not implement.

    Tests fail on it like on any rejection, so a missing simulation is noticed instead of
    silently accepted.
    """
    return bad_request(f"{what} is not simulated by the sandbox")


def tdlib_error(message: str) -> ApiError:
    """Return a 400 error for a TDLib error text as the Bot API server words it.

    The Bot API lowercases the first letter of TDLib's messages ("Keyboard button text must be
    non-empty" becomes "Bad Request: keyboard button text must be non-empty").
    """
    return bad_request(message[:1].lower() + message[1:])
