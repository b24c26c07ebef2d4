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
PERIODIC: dict[str, PeriodicTask] = {}
INTERVAL_SECONDS = 60


def periodic(name: str) -> Callable[[PeriodicTask], PeriodicTask]:
    """Register an idempotent upkeep task under `name`."""

    def decorate(fn: PeriodicTask) -> PeriodicTask:
        PERIODIC[name] = fn
        return fn

    return decorate


async def run_periodic(session_factory: SessionFactory, settings: Settings) -> None:
    """Run every upkeep task once; one failing does not stop the others."""
    for name, task in PERIODIC.items():
        try:
            await task(session_factory, settings)
        except Exception:
            log.exception("periodic task %s failed", name)


async def _job(context: ContextTypes.DEFAULT_TYPE) -> None:
    await run_periodic(context.bot_data["session_factory"], context.bot_data["settings"])


def schedule(app: Application) -> None:
    """Run the upkeep at start-up and every minute (the outbox holds what is due; this only fills it)."""
    if app.job_queue is None:
        raise RuntimeError("python-telegram-bot was installed without the job-queue extra")
    app.job_queue.run_repeating(_job, interval=INTERVAL_SECONDS, first=1, name="sinergi-upkeep")
