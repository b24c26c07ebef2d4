"""Domain errors: raised by services, turned into a message in the user's language by the Telegram layer."""

from typing import Any


class DomainError(Exception):
    """A refusal the user should read: `key` names a text in the catalog, `params` fill its placeholders."""

    def __init__(self, key: str, **params: Any) -> None:
        super().__init__(key)
        self.key = key
        self.params = params


class NotAllowed(DomainError):
    """The person may not do this."""


class NotFound(DomainError):
    """The thing does not exist, or the person may not know that it does."""


class InvalidInput(DomainError):
    """The input cannot be used as given."""


class Conflict(DomainError):
    """The thing is not in a state that allows this (already decided, already closed...)."""


class RateLimited(DomainError):
    """Too many requests of this kind from this person."""
