"""The web admin beside the bot: `create_web_app(settings, session_factory, bot)` (bot/web/app.py).

Imported lazily, so `python -m bot admin ...` and `seed` do not load Starlette, sqladmin and Jinja2.
"""

from typing import Any

__all__ = ["create_web_app"]


def __getattr__(name: str) -> Any:
    if name == "create_web_app":
        from bot.web.app import create_web_app

        return create_web_app
    raise AttributeError(name)
