"""Periodic upkeep that has no triggering event: e.g. queueing tomorrow's situation report, or stage reminders
after the seed loaded new stages. Each task is idempotent (outbox dedupe keys) and runs at start-up and then
every minute through PTB's JobQueue; tests call `run_periodic` directly after moving the clock."""

import logging
from collections.abc import Awaitable, Callable

from telegram.ext import Application, ContextTypes

from bot.config import Settings
from db.session import SessionFactory

log = logging.getLogger(__name__)

PeriodicTask = Callable[[SessionFactory, Settings], Awaitable[None]]
AppTask = Callable[[Application], Awaitable[None]]
PERIODIC: dict[str, PeriodicTask] = {}
APP_PERIODIC: dict[str, AppTask] = {}  # upkeep that needs the running application (its bot, its tasks)
INTERVAL_SECONDS = 60


def periodic(name: str) -> Callable[[PeriodicTask], PeriodicTask]:
    """Register an idempotent upkeep task under `name`."""

    def decorate(fn: PeriodicTask) -> PeriodicTask:
        PERIODIC[name] = fn
        return fn

    return decorate


def periodic_with_app(name: str) -> Callable[[AppTask], AppTask]:
    """Register an idempotent upkeep task that needs the application."""

    def decorate(fn: AppTask) -> AppTask:
        APP_PERIODIC[name] = fn
        return fn

    return decorate


async def run_periodic(session_factory: SessionFactory, settings: Settings,
                       app: Application | None = None) -> None:
    """Run every upkeep task once (those needing the application only when given one); a failure stops no other."""
    for name, task in PERIODIC.items():
        try:
            await task(session_factory, settings)
        except Exception:
            log.exception("periodic task %s failed", name)
    if app is None:
        return
    for name, app_task in APP_PERIODIC.items():
        try:
            await app_task(app)
        except Exception:
            log.exception("periodic task %s failed", name)


async def _job(context: ContextTypes.DEFAULT_TYPE) -> None:
    await run_periodic(context.bot_data["session_factory"], context.bot_data["settings"], context.application)


def schedule(app: Application) -> None:
    """Run the upkeep at start-up and every minute (the outbox holds what is due; this only fills it)."""
    if app.job_queue is None:
        raise RuntimeError("python-telegram-bot was installed without the job-queue extra")
    app.job_queue.run_repeating(_job, interval=INTERVAL_SECONDS, first=1, name="sinergi-upkeep")
