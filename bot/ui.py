"""Small helpers handlers share: answer by editing the pressed message or replying, keyboards with paging."""

import html
import re
from collections.abc import Sequence

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update

from bot.errors import answer_query
from bot.render import CALLBACK_DATA_LIMIT
from bot.texts import t

Button = tuple[str, str]  # (label, callback data)


def plain(html_text: str) -> str:
    """What Telegram shows of an HTML text (tags removed, entities decoded)."""
    return html.unescape(re.sub(r"<[^>]+>", "", html_text))


def keyboard(rows: Sequence[Sequence[Button]]) -> InlineKeyboardMarkup:
    """An inline keyboard from rows of (label, callback data); data over 64 bytes is a bug, caught here."""
    for row in rows:
        for _label, data in row:
            if len(data.encode()) > CALLBACK_DATA_LIMIT:
                raise ValueError(f"callback data too long: {data!r}")
    return InlineKeyboardMarkup([[InlineKeyboardButton(label, callback_data=data) for label, data in row]
                                 for row in rows if row])


def paged(items: Sequence[Button], *, page: int, per_page: int, nav: str, lang: str,
          columns: int = 2, total: int | None = None) -> tuple[list[list[Button]], int]:
    """Rows of one page of items plus a ◀ n/m ▶ row whose buttons carry `nav` + page; returns (rows, page).

    With `total`, `items` are already just that page's items (paged in the database).
    """
    count = len(items) if total is None else total
    pages = max(1, -(-count // per_page))
    page = min(max(page, 0), pages - 1)
    chunk = list(items) if total is not None else list(items[page * per_page:(page + 1) * per_page])
    rows = [chunk[i:i + columns] for i in range(0, len(chunk), columns)]
    if pages > 1:
        navigation: list[Button] = []
        if page > 0:
            navigation.append((t("common.prev", lang), f"{nav}{page - 1}"))
        navigation.append((t("common.page", lang, page=page + 1, pages=pages), f"{nav}{page}"))
        if page < pages - 1:
            navigation.append((t("common.next", lang), f"{nav}{page + 1}"))
        rows.append(navigation)
    return rows, page


def _same(message: Message, text: str, markup: InlineKeyboardMarkup | None) -> bool:
    current_markup = message.reply_markup if message.reply_markup and message.reply_markup.inline_keyboard else None
    wanted_markup = markup if markup and markup.inline_keyboard else None
    same_markup = (current_markup.to_dict() if current_markup else None) == (
        wanted_markup.to_dict() if wanted_markup else None)
    return same_markup and (message.text or message.caption or "") == plain(text)


async def show(update: Update, text: str, markup: InlineKeyboardMarkup | None = None) -> Message | None:
    """Show `text`: edit the message whose button was pressed (unless nothing changes), else reply."""
    query = update.callback_query
    if query is not None and isinstance(query.message, Message):
        await answer_query(update)
        if _same(query.message, text, markup):
            return query.message  # Telegram refuses an edit that changes nothing
        edited = await query.message.edit_text(text, reply_markup=markup)
        return edited if isinstance(edited, Message) else query.message
    message = update.effective_message
    if message is None:
        return None
    return await message.reply_text(text, reply_markup=markup)


async def reply(update: Update, text: str, markup: InlineKeyboardMarkup | None = None) -> Message | None:
    """Send a new message in the chat of the update (answering the button press first, if any)."""
    await answer_query(update)
    message = update.effective_message
    if message is None:
        return None
    if update.callback_query is not None:
        return await message.chat.send_message(text, reply_markup=markup)
    return await message.reply_text(text, reply_markup=markup)
