"""Wiring: one `build_application` builds the PTB Application every run mode (and every test) uses."""

import logging
import time
from typing import Any

from telegram import LinkPreviewOptions, Update
from telegram.constants import ParseMode
from telegram.ext import AIORateLimiter, Application, ApplicationBuilder, ContextTypes, Defaults
from telegram.request import BaseRequest

from bot import broadcast, core, gate, groups, incidents, lapsit, meetings, people, review, stages
from bot.concurrency import PerChatUpdateProcessor
from bot.config import Settings
from bot.context import BotContext, UpdateOutcome, current_outcome
from bot.errors import describe_update, on_error
from db.clock import set_display_zone
from db.session import SessionFactory

log = logging.getLogger("bot.updates")

# Slightly under Telegram's limits (30 messages/s per bot, 20/min per group): the limiter's clock and
# Telegram's never agree exactly, and a 429 costs more than the margin.
OVERALL_PER_SECOND = 28
GROUP_PER_MINUTE = 19

FEATURES = (core, people, groups, incidents, stages, lapsit, broadcast, meetings, review)


class SinergiApplication(Application):
    """PTB's Application, plus one log line per handled update (who, where, what command, outcome, time)."""

    __slots__ = ()

    async def process_update(self, update: object) -> None:
        """Handle the update and log how it went (never the message text)."""
        box = UpdateOutcome(command=_command_of(update))
        token = current_outcome.set(box)
        started = time.perf_counter()
        try:
            await super().process_update(update)
        finally:
            current_outcome.reset(token)
            log.info("%s command=%s outcome=%s duration_ms=%.1f", describe_update(update), box.command or "-",
                     box.outcome, (time.perf_counter() - started) * 1000)


def _command_of(update: object) -> str:
    if not isinstance(update, Update):
        return ""
    if update.callback_query is not None:
        data = update.callback_query.data or ""
        return "button:" + ":".join(data.split(":")[:2])
    message = update.effective_message
    if message is not None and message.text and message.text.startswith("/"):
        return message.text.split()[0].split("@")[0][:40]
    if message is not None:
        return "message"
    return ""


def build_application(settings: Settings, *, session_factory: SessionFactory,
                      request: BaseRequest | None = None, get_updates_request: BaseRequest | None = None,
                      token: str | None = None, rate_limiter: Any = None) -> Application:
    """Build the Application: HTML by default, WIB times, the rate limiter, every feature's handlers."""
    set_display_zone(settings.tz)  # every time shown, in chat and on the web, is in this zone
    defaults = Defaults(parse_mode=ParseMode.HTML, tzinfo=settings.tz,
                        link_preview_options=LinkPreviewOptions(is_disabled=True))
    builder = (
        ApplicationBuilder()
        .application_class(SinergiApplication)
        .token(token or settings.token())
        .defaults(defaults)
        .context_types(ContextTypes(context=BotContext))
        .rate_limiter(rate_limiter or AIORateLimiter(overall_max_rate=OVERALL_PER_SECOND,
                                                     group_max_rate=GROUP_PER_MINUTE, max_retries=0))
        .concurrent_updates(PerChatUpdateProcessor())
    )
    if settings.api_base_url:
        builder = builder.base_url(settings.api_base_url).base_file_url(settings.api_file_url or "")
    if request is not None:
        builder = builder.request(request)
    if get_updates_request is not None:
        builder = builder.get_updates_request(get_updates_request)
    app = builder.build()
    # resources go into bot_data at build time: post_init runs only under run_polling/run_webhook
    app.bot_data.update(settings=settings, session_factory=session_factory)
    gate.register(app)
    for feature in FEATURES:
        feature.register(app)
    core.register_router(app)
    app.add_error_handler(on_error)
    return app
