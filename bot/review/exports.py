"""/ekspor: the incidents of a filter as CSV or XLSX, built in the background and sent as a document.

PTB handles one update at a time, so the export cannot run inside the handler: the handler records the request
(`db.exportjobs`, one unfinished request per person), says the file is being prepared and starts a task; the task
claims the job with a lease, streams the file to a temporary folder (`db.exports`), sends it, and removes it. If
the process dies meanwhile, the upkeep resumes the job once the lease lapsed. Files over the upload limit are not
sent: the person is asked to narrow the filter.
"""

import asyncio
import contextlib
import logging
import shutil
import tempfile
from pathlib import Path
from typing import Any, Literal

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import Application

from bot.context import BotContext, set_outcome
from bot.review.views import filter_text
from bot.texts import lookup, t
from bot.ui import keyboard, reply, show
from db import clock, exportjobs, filters, people
from db.access import Cap
from db.errors import Conflict, InvalidInput
from db.exports import export_incidents
from db.filters import WIB, IncidentFilter

log = logging.getLogger(__name__)
RUNNING = "review_exports"  # bot_data key: export job id -> the task building its file
FORMATS = ("csv", "xlsx")


async def export_command(update: Update, context: BotContext) -> None:
    """`/ekspor [filter words]` — how many incidents match, and the format buttons."""
    user = update.effective_user
    assert user is not None
    words = " ".join(context.args or [])
    async with context.session_factory() as session, session.begin():
        f = await filters.parse_filter_words(session, words, clock.now()) if words else IncidentFilter()
        view = await filters.create_view(session, tg_user_id=user.id, f=f)
    await offer_export(update, context, view.id or 0)


async def start_export(update: Update, context: BotContext, payload: str) -> None:
    """`/start ekspor` (the private-chat link of /ekspor typed in a group)."""
    context.need_actor().require(Cap.EXPORT)
    context.args = []
    await export_command(update, context)


async def offer_export(update: Update, context: BotContext, view_id: int) -> None:
    """The export message of a view: the filter, the count, CSV / XLSX, and a way to change the filter."""
    user = update.effective_user
    assert user is not None
    lang = context.lang
    async with context.session_factory() as session:
        _, f = await filters.get_view(session, view_id, tg_user_id=user.id)
        count = await filters.count_incidents(session, context.need_actor(), f)
        described = await filter_text(session, f, lang)
    rows = [[(t("review.b_csv", lang), f"exp:f:{view_id}:csv"), (t("review.b_xlsx", lang),
                                                                 f"exp:f:{view_id}:xlsx")]] if count else []
    rows.append([(t("review.b_change_filter", lang), f"lst:pg:{view_id}:0")])
    text = t("review.export_offer" if count else "review.export_nothing", lang, count=count, filter=described)
    if update.callback_query is not None:
        await show(update, text, keyboard(rows))
    else:
        await reply(update, text, keyboard(rows))
    set_outcome("ok")


async def on_button(update: Update, context: BotContext) -> None:
    """`exp:f:<view>:<csv|xlsx>` — record the request, say it is being prepared, build it in the background."""
    query, user, chat = update.callback_query, update.effective_user, update.effective_chat
    assert query is not None and user is not None and chat is not None
    parts = (query.data or "").split(":")
    if len(parts) != 4 or not parts[2].isdigit() or parts[3] not in FORMATS:
        raise InvalidInput("review.bad_choice")
    actor, lang = context.need_actor(), context.lang
    async with context.session_factory() as session, session.begin():
        _, f = await filters.get_view(session, int(parts[2]), tg_user_id=user.id)
        count = await filters.count_incidents(session, actor, f)
        described = await filter_text(session, f, lang)
        job = await exportjobs.queue(session, tg_user_id=user.id, chat_id=chat.id, f=f, fmt=parts[3], lang=lang)
    await show(update, t("review.export_preparing", lang, format=parts[3].upper(), count=count, filter=described))
    start_job(context.application, job.id or 0)
    set_outcome("ok")


def start_job(app: Application[Any, Any, Any, Any, Any, Any], job_id: int) -> None:
    """Build a recorded export in a background task (PTB handles one update at a time: not in the handler)."""
    running: dict[int, asyncio.Task[None]] = app.bot_data.setdefault(RUNNING, {})
    if job_id in running:
        return
    task = asyncio.create_task(_run(app, job_id), name=f"export-{job_id}")
    running[job_id] = task  # the reference keeps the task alive; removed when it ends
    task.add_done_callback(lambda _: running.pop(job_id, None))


def running_exports(app: Application[Any, Any, Any, Any, Any, Any]) -> list[asyncio.Task[None]]:
    """The exports still being built (tests await them; a shutdown may too)."""
    return list(app.bot_data.get(RUNNING, {}).values())


async def resume_exports(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Upkeep: restart exports whose process died before sending them; tell people whose export kept failing."""
    async with app.bot_data["session_factory"]() as session, session.begin():
        resumable, exhausted = await exportjobs.stranded(session)
        for job in exhausted:
            await exportjobs.finish(session, job.id or 0, status="failed", error="gave up after repeated attempts")
    for job in exhausted:
        with contextlib.suppress(TelegramError):
            await app.bot.send_message(job.chat_id, t("review.export_failed", job.lang))
    for job_id in resumable:
        start_job(app, job_id)


async def _run(app: Application[Any, Any, Any, Any, Any, Any], job_id: int) -> None:
    """Claim the job, build the file off the event loop, send it, record the outcome, clean up."""
    session_factory = app.bot_data["session_factory"]
    settings = app.bot_data["settings"]
    async with session_factory() as session, session.begin():
        job = await exportjobs.claim(session, job_id)
        if job is None:
            return  # another process has it, or it is finished
        actor = await people.load_actor(session, job.tg_user_id, settings.superadmin_ids)  # today's role decides
        f = IncidentFilter.from_dict(job.filter)
        described = await filter_text(session, f, job.lang)
    fmt: Literal["csv", "xlsx"] = "xlsx" if job.fmt == "xlsx" else "csv"
    folder = Path(await asyncio.to_thread(tempfile.mkdtemp, prefix="sinergi-export-"))
    path = folder / f"insiden-{clock.now().astimezone(WIB).strftime('%Y%m%d-%H%M')}.{fmt}"
    status, rows, error = "failed", None, None
    try:
        if not actor.can(Cap.EXPORT):
            raise Conflict("access.not_allowed")
        result = await export_incidents(session_factory, actor, f, fmt, path, lang=job.lang,
                                            labels=lookup(job.lang))
        rows = result.rows
        if result.bytes > settings.export_max_bytes:
            await app.bot.send_message(job.chat_id, t("review.export_too_big", job.lang, size=_size(result.bytes),
                                                      limit=_size(settings.export_max_bytes)))
            error = "too big"
        else:
            data = await asyncio.to_thread(path.read_bytes)
            caption = t("review.export_ready", job.lang, count=result.rows, filter=described)
            await app.bot.send_document(job.chat_id, data, filename=path.name, caption=caption, write_timeout=300)
            status = "sent"
    except Exception as exc:
        log.exception("export %s for chat %s failed", job_id, job.chat_id)
        error = repr(exc)
        with contextlib.suppress(TelegramError):  # e.g. the person blocked the bot meanwhile
            await app.bot.send_message(job.chat_id, t("review.export_failed", job.lang))
    finally:
        await asyncio.to_thread(shutil.rmtree, folder, True)
    async with session_factory() as session, session.begin():
        await exportjobs.finish(session, job_id, status=status, rows=rows, error=error)


def _size(size: int) -> str:
    """`12.3 MB`, or `40 KB` under a megabyte."""
    if size >= 1024 * 1024:
        return f"{size / 1024 / 1024:.1f}".removesuffix(".0") + " MB"
    return f"{max(1, round(size / 1024))} KB"
