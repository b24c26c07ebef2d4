"""Command menus: the defaults for private chats and groups, per Telegram app language (id and en)."""

from telegram import BotCommand, BotCommandScopeAllGroupChats, BotCommandScopeAllPrivateChats
from telegram.ext import ExtBot

from bot.texts import LANGUAGES, t

PRIVATE_DEFAULT = ("start",)
GROUP_DEFAULT = ("start",)


def commands_for(names: tuple[str, ...] | list[str], lang: str) -> list[BotCommand]:
    """BotCommand objects with descriptions from the catalog (`menu.<command>`)."""
    return [BotCommand(name, t(f"menu.{name}", lang)) for name in names]


async def set_default_menus(bot: ExtBot) -> None:  # type: ignore[type-arg]
    """Set the menus everyone sees before their own is set: private and group scopes, in both languages."""
    for lang in LANGUAGES:
        code = "" if lang == "id" else lang  # Indonesian is the default for every other app language too
        await bot.set_my_commands(commands_for(PRIVATE_DEFAULT, lang), scope=BotCommandScopeAllPrivateChats(),
                                  language_code=code or None)
        await bot.set_my_commands(commands_for(GROUP_DEFAULT, lang), scope=BotCommandScopeAllGroupChats(),
                                  language_code=code or None)
