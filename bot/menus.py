"""Command menus: defaults per chat kind and app language at start-up; a person's own menu per role."""

from telegram import BotCommand, BotCommandScopeAllGroupChats, BotCommandScopeAllPrivateChats
from telegram.ext import ExtBot

from bot.access import CommandSpec, Where, specs_in_order
from bot.texts import LANGUAGES, t
from db.access import Actor, Cap

# What a person who is not (yet) active can do, and what most group members use.
_DEFAULT_CAPS = {Cap.PUBLIC}
_GROUP_CAPS = {Cap.PUBLIC, Cap.REPORT}


def _menu(specs: list[CommandSpec], lang: str) -> list[tuple[str, str]]:
    return [(spec.display(lang), t(f"menu.{spec.name}", lang)) for spec in specs if spec.in_menu][:100]


def personal_commands(actor: Actor, lang: str) -> list[tuple[str, str]]:
    """The private-chat menu of this person: every command their role allows outside groups."""
    return _menu([s for s in specs_in_order() if s.where != Where.GROUP and actor.can(s.cap)], lang)


def default_private_commands(lang: str) -> list[tuple[str, str]]:
    """The private-chat menu of someone the bot does not know yet."""
    return _menu([s for s in specs_in_order() if s.where != Where.GROUP and s.cap in _DEFAULT_CAPS], lang)


def default_group_commands(lang: str) -> list[tuple[str, str]]:
    """The group menu: what members use in groups."""
    return _menu([s for s in specs_in_order() if s.where != Where.PRIVATE and s.cap in _GROUP_CAPS], lang)


async def set_default_menus(bot: ExtBot) -> None:
    """Set the menus everyone sees before their own is set, for private chats and groups, in id and en."""
    for lang in LANGUAGES:
        # Indonesian is the default for every app language without its own menu
        code = None if lang == "id" else lang
        private = [BotCommand(n, d) for n, d in default_private_commands(lang)]
        group = [BotCommand(n, d) for n, d in default_group_commands(lang)]
        await bot.set_my_commands(private, scope=BotCommandScopeAllPrivateChats(), language_code=code)
        await bot.set_my_commands(group, scope=BotCommandScopeAllGroupChats(), language_code=code)
