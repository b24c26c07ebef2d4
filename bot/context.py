"""The per-update context: typed access to what `build_application` put in bot_data, and who is asking."""

from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from telegram.ext import Application, CallbackContext, ExtBot

from bot.config import Settings
from bot.texts import DEFAULT_LANG
from db.access import Actor
from db.models import Conversation
from db.session import SessionFactory

if TYPE_CHECKING:
    from bot.dispatcher import Dispatcher


@dataclass
class UpdateOutcome:
    """What became of one update, for the log line written when it is done."""

    outcome: str = "unhandled"
    command: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


current_outcome: ContextVar[UpdateOutcome | None] = ContextVar("current_outcome", default=None)


def set_outcome(outcome: str) -> None:
    """Record the outcome of the update being handled (ok, refused, ignored, error...)."""
    box = current_outcome.get()
    if box is not None:
        box.outcome = outcome


class BotContext(CallbackContext[ExtBot[None], dict[Any, Any], dict[Any, Any], dict[Any, Any]]):
    """One per update and handler group; `load_member` (group -1) fills `lang` and the person."""

    def __init__(self, application: Application[Any, Any, Any, Any, Any, Any], chat_id: int | None = None,
                 user_id: int | None = None) -> None:
        super().__init__(application=application, chat_id=chat_id, user_id=user_id)
        self._lang: str | None = None
        self.actor: Actor | None = None
        self.person_lang: str | None = None
        self.conversation: Conversation | None = None

    @property
    def session_factory(self) -> SessionFactory:
        """The database session factory."""
        factory: SessionFactory = self.bot_data["session_factory"]
        return factory

    @property
    def settings(self) -> Settings:
        """The settings the application was built with."""
        settings: Settings = self.bot_data["settings"]
        return settings

    @property
    def dispatcher(self) -> "Dispatcher | None":
        """The outbox dispatcher of this process, when one runs."""
        return self.bot_data.get("dispatcher")

    @property
    def lang(self) -> str:
        """The language to answer in: the person's in private, the group's in groups."""
        if self._lang is not None:
            return self._lang
        box = current_outcome.get()  # PTB hands the error handler a fresh context: the gate's choice is here
        if box is not None and box.extra.get("lang"):
            return str(box.extra["lang"])
        settings = self.bot_data.get("settings")
        return settings.default_language if settings is not None else DEFAULT_LANG

    @lang.setter
    def lang(self, value: str) -> None:
        self._lang = value
        box = current_outcome.get()
        if box is not None:
            box.extra["lang"] = value

    def need_actor(self) -> Actor:
        """The actor loaded by the gate (every handler after group -1 has one)."""
        if self.actor is None:
            raise RuntimeError("handler ran without the gate")
        return self.actor

    @property
    def answer_lang(self) -> str:
        """The language for a private answer to the person (button alerts in groups use it)."""
        if self.person_lang:
            return self.person_lang
        box = current_outcome.get()
        if box is not None and box.extra.get("answer_lang"):
            return str(box.extra["answer_lang"])
        return self.lang
