"""The core feature: /start and the outbox's own notices."""

from telegram.ext import Application, CommandHandler

from bot.core import renderers as renderers
from bot.core.handlers import start


def register(app: Application) -> None:  # type: ignore[type-arg]
    """Add the core handlers."""
    app.add_handler(CommandHandler("start", start))
