"""The long-running process: polling, the outbox dispatcher, command menus, clean shutdown on SIGTERM."""

import asyncio
import logging
import signal

from telegram import Update
from telegram.error import InvalidToken, NetworkError, TelegramError

from bot import scheduler
from bot.app import build_application
from bot.config import Settings
from bot.dispatcher import Dispatcher
from bot.menus import set_default_menus
from db.session import make_engine, make_session_factory

log = logging.getLogger(__name__)


async def run(settings: Settings) -> int:
    """Run until SIGTERM or SIGINT; return the process exit code."""
    engine = make_engine(settings.database_url)
    session_factory = make_session_factory(engine)
    app = build_application(settings, session_factory=session_factory)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    try:
        try:
            await app.initialize()  # getMe: proves the token and the server
        except (InvalidToken, NetworkError) as exc:
            log.error("cannot reach the Bot API (%s): %s", settings.telegram_api_url or "api.telegram.org", exc)
            return 1
        dispatcher = Dispatcher(app.bot, session_factory, settings)
        app.bot_data["dispatcher"] = dispatcher
        try:
            await set_default_menus(app.bot)
        except TelegramError as exc:
            log.warning("could not set the command menus: %s", exc)
        scheduler.schedule(app)
        await app.start()
        assert app.updater is not None
        await app.updater.start_polling(allowed_updates=Update.ALL_TYPES)
        await dispatcher.start()
        log.info("Sinergi is running as @%s", app.bot.username)
        await stop.wait()
        log.info("stopping: finishing the sends in flight")
        await dispatcher.stop()
        await app.updater.stop()
        await app.stop()
        await app.shutdown()
        log.info("stopped cleanly")
        return 0
    finally:
        for sig in (signal.SIGTERM, signal.SIGINT):
            loop.remove_signal_handler(sig)
        await engine.dispose()
