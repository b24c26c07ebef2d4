"""/insiden without a number: the incidents the person may see, newest first, ten a page, with filter buttons.

The filter lives in a stored view (`list_views`), so buttons carry only `lst:<action>:<view id>:...`, paging
keeps the filter and a restart changes nothing. In groups the list opens in the private chat (a deep link with
the view), since a group would see what only the asking person may see.
"""

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ChatType

from bot.context import BotContext, set_outcome
from bot.errors import answer_query
from bot.incidents.detail import incident_command
from bot.review import views
from bot.review.exports import offer_export
from bot.review.stats import show_stats
from bot.texts import t
from bot.ui import keyboard, reply, show
from db import clock, conversations, filters
from db.access import Cap
from db.errors import InvalidInput, NotFound

KIND = "review_filter"  # the typed-filter dialogue


async def list_command(update: Update, context: BotContext) -> None:
    """`/insiden [filter words]`: the list in private; in a group, a button to open it in private."""
    chat, user = update.effective_chat, update.effective_user
    assert chat is not None and user is not None
    words = " ".join(context.args or [])
    async with context.session_factory() as session, session.begin():
        f = await filters.parse_filter_words(session, words, clock.now()) if words else filters.IncidentFilter()
        view = await filters.create_view(session, tg_user_id=user.id, f=f)
    view_id = view.id or 0
    if chat.type != ChatType.PRIVATE:
        url = f"https://t.me/{context.bot.username}?start=lst_{view_id}"
        markup = InlineKeyboardMarkup([[InlineKeyboardButton(t("review.open_private", context.lang), url=url)]])
        await reply(update, t("review.list_in_private", context.lang), markup)
        set_outcome("ok")
        return
    await _show_list(update, context, view_id, 0, new=True)


async def start_list(update: Update, context: BotContext, payload: str) -> None:
    """`/start lst_<view>`: the list a group member asked for, in private."""
    context.need_actor().require(Cap.REPORT)
    _, _, rest = payload.partition("_")
    if not rest.isdigit():
        raise NotFound("review.view_gone")
    await _show_list(update, context, int(rest), 0, new=True)


async def _show_list(update: Update, context: BotContext, view_id: int, page: int, *, new: bool = False) -> None:
    user = update.effective_user
    assert user is not None
    async with context.session_factory() as session:
        _, f = await filters.get_view(session, view_id, tg_user_id=user.id)
        text, rows = await views.list_page(session, context.need_actor(), view_id, f, page, context.lang)
    if new:
        await reply(update, text, keyboard(rows))
    else:
        await show(update, text, keyboard(rows))
    set_outcome("ok")


async def on_button(update: Update, context: BotContext) -> None:
    """`lst:pg|m|s|p|x|t|o|a|e:...` — page, filter menus and choices, typed filter, open, stats, export."""
    query, user = update.callback_query, update.effective_user
    assert query is not None and user is not None
    parts = (query.data or "").split(":")
    action = parts[1] if len(parts) > 1 else ""
    if action == "o" and len(parts) == 3:
        await answer_query(update)
        context.args = [parts[2]]
        await incident_command(update, context)  # the detail view, with its own scope check
        return
    if len(parts) < 3 or not parts[2].isdigit():
        raise InvalidInput("review.bad_choice")
    view_id, args = int(parts[2]), parts[3:]
    if action == "pg":
        await _show_list(update, context, view_id, int(args[0]) if args and args[0].isdigit() else 0)
    elif action == "m":
        await _menu(update, context, view_id, args)
    elif action in ("s", "p", "x"):
        await _choose(update, context, view_id, action, args)
    elif action == "t":
        await _ask_words(update, context, view_id)
    elif action == "a":
        await show_stats(update, context, view_id)
    elif action == "e":
        await offer_export(update, context, view_id)
    else:
        raise InvalidInput("review.bad_choice")


async def _menu(update: Update, context: BotContext, view_id: int, args: list[str]) -> None:
    user = update.effective_user
    assert user is not None
    if not args:
        raise InvalidInput("review.bad_choice")
    async with context.session_factory() as session:
        _, f = await filters.get_view(session, view_id, tg_user_id=user.id)
        text, rows = await views.menu(session, view_id, f, args[0], args[1:], context.lang)
    await show(update, text, keyboard(rows))
    set_outcome("ok")


async def _choose(update: Update, context: BotContext, view_id: int, action: str, args: list[str]) -> None:
    """Apply a choice; toggles (status, severity) stay in their menu, everything else shows the list again."""
    user = update.effective_user
    assert user is not None
    async with context.session_factory() as session, session.begin():
        view, f = await filters.get_view(session, view_id, tg_user_id=user.id)
        if action == "p" and args:
            f = filters.with_period(f, args[0], clock.now())
        elif action == "x" and args:
            f = await filters.with_choice(session, f, "x", args[0])
        elif action == "s" and len(args) == 2:
            f = await filters.with_choice(session, f, args[0], args[1])
        else:
            raise InvalidInput("review.bad_choice")
        filters.save_view(view, f)
    if action == "s" and args[0] in filters.TOGGLED:
        await _menu(update, context, view_id, [args[0]])
    else:
        await _show_list(update, context, view_id, 0)


async def _ask_words(update: Update, context: BotContext, view_id: int) -> None:
    chat, user = update.effective_chat, update.effective_user
    assert chat is not None and user is not None
    async with context.session_factory() as session, session.begin():
        await filters.get_view(session, view_id, tg_user_id=user.id)
        await conversations.begin(session, tg_user_id=user.id, tg_chat_id=chat.id, kind=KIND, step="words",
                                  data={"view": view_id})
    await reply(update, t("review.ask_words", context.lang))
    set_outcome("ok")


async def on_words(update: Update, context: BotContext) -> None:
    """The typed filter: its parts replace the same parts of the view's filter, then the list shows again."""
    message, user, chat = update.effective_message, update.effective_user, update.effective_chat
    conversation = context.conversation
    assert message is not None and user is not None and chat is not None and conversation is not None
    if not message.text or not message.text.strip():
        await message.reply_text(t("review.words_only", context.lang))
        set_outcome("refused")
        return
    async with context.session_factory() as session, session.begin():
        view, f = await filters.get_view(session, int(conversation.data["view"]), tg_user_id=user.id)
        typed = await filters.parse_filter_words(session, message.text, clock.now())
        filters.save_view(view, filters.merge(f, typed))
        await conversations.cancel(session, user.id, chat.id)
    await _show_list(update, context, view.id or 0, 0, new=True)
