"""Handlers of the core feature."""

from telegram import Update

from bot.context import BotContext, set_outcome
from bot.texts import t


async def start(update: Update, context: BotContext) -> None:
    """Greet the person and say what the bot is for."""
    if update.effective_message is None:
        return
    await update.effective_message.reply_text(t("core.start", context.lang))
    set_outcome("ok")
