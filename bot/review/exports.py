"""/ekspor: the incidents of a filter as CSV or XLSX, built in the background and sent as a document.

PTB handles one update at a time, so the export cannot run inside the handler: the handler says the file is
being prepared and starts a task (kept in `bot_data`, one per person); the task streams the file to a temporary
folder (`db.exports`), sends it, and removes it. Files over the upload limit are not sent: the person is asked to
narrow the filter.
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
from bot.texts import t
from bot.ui import keyboard, reply, show
from db import clock, filters
from db.access import Actor, Cap
from db.errors import Conflict, InvalidInput
from db.exports import export_incidents
from db.filters import WIB, IncidentFilter

log = logging.getLogger(__name__)
RUNNING = "review_exports"  # bot_data key: Telegram user id -> the task building that person's file
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
    """`exp:f:<view>:<csv|xlsx>` — start building the file; say it is being prepared."""
    query, user, chat = update.callback_query, update.effective_user, update.effective_chat
    assert query is not None and user is not None and chat is not None
    parts = (query.data or "").split(":")
    if len(parts) != 4 or not parts[2].isdigit() or parts[3] not in FORMATS:
        raise InvalidInput("review.bad_choice")
    running: dict[int, asyncio.Task[None]] = context.bot_data.setdefault(RUNNING, {})
    if user.id in running:
        raise Conflict("review.export_running")
    fmt: Literal["csv", "xlsx"] = "csv" if parts[3] == "csv" else "xlsx"
    actor, lang = context.need_actor(), context.lang
    async with context.session_factory() as session:
        _, f = await filters.get_view(session, int(parts[2]), tg_user_id=user.id)
        count = await filters.count_incidents(session, actor, f)
        described = await filter_text(session, f, lang)
    await show(update, t("review.export_preparing", lang, format=fmt.upper(), count=count, filter=described))
    job = _Job(context.application, chat.id, actor, f, fmt, lang, described, context.settings.export_max_bytes)
    task = asyncio.create_task(job.run(), name=f"export-{user.id}")
    running[user.id] = task  # the reference keeps the task alive; removed when it ends
    task.add_done_callback(lambda _: running.pop(user.id, None))
    set_outcome("ok")


def running_exports(app: Application[Any, Any, Any, Any, Any, Any]) -> list[asyncio.Task[None]]:
    """The exports still being built (tests await them; a shutdown may too)."""
    return list(app.bot_data.get(RUNNING, {}).values())


class _Job:
    """One person's export: build the file off the event loop, send it, clean up, and say what went wrong."""

    def __init__(self, app: Application[Any, Any, Any, Any, Any, Any], chat_id: int, actor: Actor,
                 f: IncidentFilter, fmt: Literal["csv", "xlsx"], lang: str, described: str, limit: int) -> None:
        self.app, self.chat_id, self.actor, self.f = app, chat_id, actor, f
        self.fmt, self.lang, self.described, self.limit = fmt, lang, described, limit

    async def run(self) -> None:
        folder = Path(await asyncio.to_thread(tempfile.mkdtemp, prefix="sinergi-export-"))
        stamp = clock.now().astimezone(WIB).strftime("%Y%m%d-%H%M")
        path = folder / f"insiden-{stamp}.{self.fmt}"
        bot = self.app.bot
        try:
            result = await export_incidents(self.app.bot_data["session_factory"], self.actor, self.f, self.fmt, path,
                                            lang=self.lang)
            if result.bytes > self.limit:
                await bot.send_message(self.chat_id, t("review.export_too_big", self.lang, size=_size(result.bytes),
                                                       limit=_size(self.limit)))
                return
            data = await asyncio.to_thread(path.read_bytes)
            caption = t("review.export_ready", self.lang, count=result.rows, filter=self.described)
            await bot.send_document(self.chat_id, data, filename=path.name, caption=caption, write_timeout=300)
        except Exception:
            log.exception("export for chat %s failed", self.chat_id)
            with contextlib.suppress(TelegramError):  # e.g. the person blocked the bot meanwhile
                await bot.send_message(self.chat_id, t("review.export_failed", self.lang))
        finally:
            await asyncio.to_thread(shutil.rmtree, folder, True)


def _size(size: int) -> str:
    """`12.3 MB`, or `40 KB` under a megabyte."""
    if size >= 1024 * 1024:
        return f"{size / 1024 / 1024:.1f}".removesuffix(".0") + " MB"
    return f"{max(1, round(size / 1024))} KB"
