"""The long-running process: polling, the outbox dispatcher, command menus, the web admin beside them (uvicorn in
the same event loop), clean shutdown of all of them on SIGTERM."""

import asyncio
import logging
import signal
from typing import TYPE_CHECKING

from telegram import Update
from telegram.error import InvalidToken, NetworkError, TelegramError
from telegram.ext import Application

from bot import scheduler
from bot.app import build_application
from bot.config import Settings
from bot.dispatcher import Dispatcher
from bot.menus import set_default_menus
from db.session import SessionFactory, make_engine, make_session_factory

if TYPE_CHECKING:
    from bot.web.server import WebServer

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
        web = _start_web(settings, session_factory, app)
        log.info("Sinergi is running as @%s", app.bot.username)
        await stop.wait()
        log.info("stopping: finishing the sends in flight")
        if web is not None:
            await web.stop()
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


def _start_web(settings: Settings, session_factory: SessionFactory, app: Application) -> "WebServer | None":
    """Serve the web admin in this event loop (WEB_PORT=0: not at all). A taken port is logged and the bot runs
    on without it: alerts matter more than the admin pages."""
    if settings.web_port == 0:
        return None
    from bot.web.app import create_web_app
    from bot.web.server import WebServer, listen

    try:
        sock = listen(settings.web_host, settings.web_port)
    except OSError as exc:
        log.error("web admin not started: cannot listen on %s:%s (%s); set WEB_PORT to a free port, or 0",
                  settings.web_host, settings.web_port, exc.strerror or exc)
        return None
    web = WebServer(create_web_app(settings, session_factory, app.bot), sock)
    web.start()
    log.info("web admin at http://%s:%s/admin", settings.web_host, web.port)
    return web
