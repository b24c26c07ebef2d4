"""The registry of every command, button and dialogue with what it requires; the gate consults it.

Features register through `add_command`, `add_buttons` and `add_dialogue`, which add the PTB handler and
record the requirement together, so the gate (handler group -1) can decide before any handler runs.
"""

import enum
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from typing import Any

from telegram import Update
from telegram.ext import Application, CallbackQueryHandler, CommandHandler

from db.access import Cap


class Where(enum.StrEnum):
    """Which chats a command works in."""

    PRIVATE = "private"
    GROUP = "group"
    ANY = "any"


Callback = Callable[[Update, Any], Coroutine[Any, Any, None]]


@dataclass(frozen=True)
class CommandSpec:
    """A command: its Indonesian name, aliases (English first), what it needs, where it runs."""

    name: str
    aliases: tuple[str, ...]
    cap: Cap
    where: Where = Where.ANY
    in_menu: bool = True

    @property
    def english(self) -> str:
        """The English name (the first alias), or the name itself."""
        return self.aliases[0] if self.aliases else self.name

    def display(self, lang: str) -> str:
        """The command as a person of `lang` would type it."""
        return self.english if lang == "en" else self.name


@dataclass(frozen=True)
class ButtonSpec:
    """A family of buttons `prefix:action:...` and what pressing them needs."""

    key: str  # "prefix:action"
    cap: Cap


@dataclass(frozen=True)
class DialogueSpec:
    """A dialogue kind whose typed answers the conversation router hands to `on_input`."""

    kind: str
    cap: Cap
    on_input: Callback


COMMANDS: dict[str, CommandSpec] = {}  # by every name and alias
BUTTONS: dict[str, ButtonSpec] = {}
DIALOGUES: dict[str, DialogueSpec] = {}
ORDER: list[str] = []  # command names in registration order (help and menus follow it)


def add_command(app: Application, spec: CommandSpec, callback: Callback, *,
                group: int = 0) -> None:
    """Register a command with its aliases and record what it needs."""
    for name in (spec.name, *spec.aliases):
        COMMANDS[name] = spec
    if spec.name not in ORDER:
        ORDER.append(spec.name)
    app.add_handler(CommandHandler([spec.name, *spec.aliases], callback), group=group)


def add_buttons(app: Application, prefix: str, actions: dict[str, Cap],
                callback: Callback) -> None:
    """Register the handler of `prefix:*` buttons and what each action needs."""
    for action, cap in actions.items():
        BUTTONS[f"{prefix}:{action}"] = ButtonSpec(key=f"{prefix}:{action}", cap=cap)
    app.add_handler(CallbackQueryHandler(callback, pattern=rf"^{prefix}:"))


def add_dialogue(kind: str, cap: Cap, on_input: Callback) -> None:
    """Record a dialogue kind: who may continue it and which function takes typed answers."""
    DIALOGUES[kind] = DialogueSpec(kind=kind, cap=cap, on_input=on_input)


def button_key(data: str) -> str:
    """`prefix:action` of callback data."""
    return ":".join(data.split(":")[:2])


def command_spec(name: str) -> CommandSpec | None:
    """The spec of a command typed as `name` (without slash or @bot)."""
    return COMMANDS.get(name.lower())


def specs_in_order() -> list[CommandSpec]:
    """Every command once, in registration order."""
    return [COMMANDS[name] for name in ORDER]
