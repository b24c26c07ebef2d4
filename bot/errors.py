"""The error handler: domain errors become a message in the user's language; anything else is logged."""

import logging

from telegram import Update
from telegram.error import BadRequest, Forbidden

from bot.context import BotContext, current_outcome, set_outcome
from bot.render import CALLBACK_ANSWER_LIMIT, shorten
from bot.texts import esc, has, t
from db.errors import DomainError

log = logging.getLogger(__name__)


def describe_update(update: object) -> str:
    """Who and where, never what they wrote (message text stays out of the logs)."""
    if not isinstance(update, Update):
        return repr(type(update).__name__)
    user = update.effective_user.id if update.effective_user else None
    chat = update.effective_chat.id if update.effective_chat else None
    return f"update={update.update_id} user={user} chat={chat}"


async def on_error(update: object, context: BotContext) -> None:
    """Answer the person (a domain refusal, or a short apology) and log unexpected errors with a traceback."""
    error = context.error
    # a button's refusal is read by the person who pressed it, in their own language
    lang = context.answer_lang if isinstance(update, Update) and update.callback_query else context.lang
    if isinstance(error, DomainError):
        set_outcome("refused")
        key = error.key if has(error.key) else "core.error"
        # parameters may carry what the person typed: escape them like any user text
        params = {name: esc(value) if isinstance(value, str) else value for name, value in error.params.items()}
        text = t(key, lang, **params)
    else:
        set_outcome("error")
        log.error("error while handling %s", describe_update(update), exc_info=error)
        text = t("core.error", lang)
    if not isinstance(update, Update):
        return
    try:
        await reply_or_answer(update, text)
    except (BadRequest, Forbidden) as exc:  # the apology itself may fail (e.g. the person blocked the bot)
        log.warning("could not tell %s about an error: %s", describe_update(update), exc)


async def reply_or_answer(update: Update, text: str) -> None:
    """Answer a button press with a short alert, or a message with a reply."""
    query = update.callback_query
    if query is not None and not query_answered():
        await answer_query(update, text, alert=True)
        return
    if update.effective_message is not None:
        await update.effective_message.reply_text(text)


def query_answered() -> bool:
    """Whether the callback query of the current update was answered already (it may be answered once)."""
    box = current_outcome.get()
    return bool(box and box.extra.get("answered"))


async def answer_query(update: Update, text: str | None = None, *, alert: bool = False) -> None:
    """Answer the button press once (Telegram refuses a second answer), with at most 200 characters."""
    query = update.callback_query
    if query is None or query_answered():
        return
    box = current_outcome.get()
    if box is not None:
        box.extra["answered"] = True
    await query.answer(shorten(_plain(text), CALLBACK_ANSWER_LIMIT) if text else None, show_alert=alert)


def _plain(text: str) -> str:
    import html
    import re

    return html.unescape(re.sub(r"<[^>]+>", "", text))
