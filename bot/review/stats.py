"""/statistik: three charts of the chosen period (per day by category group, per region, time to acknowledge)
and a short summary, scoped like every incident view; period buttons redraw for another period."""

import asyncio

from sqlalchemy.ext.asyncio import AsyncSession
from telegram import Update
from telegram.constants import ChatAction

from bot.context import BotContext, set_outcome
from bot.errors import answer_query
from bot.review import charts
from bot.review.views import filter_text, period_text
from bot.texts import esc, t
from bot.ui import keyboard
from db import clock, filters, stats
from db.errors import InvalidInput
from db.filters import PERIOD_CODES, IncidentFilter
from db.stats import Stats

SUMMARY_ITEMS = 5  # regions and agencies named in the text (the charts show more)


async def stats_command(update: Update, context: BotContext) -> None:
    """`/statistik [filter words]` — the last 7 days unless the words name a period."""
    user = update.effective_user
    assert user is not None
    words = " ".join(context.args or [])
    async with context.session_factory() as session, session.begin():
        f = await filters.parse_filter_words(session, words, clock.now()) if words else IncidentFilter()
        f = stats.with_default_period(f, clock.now())
        view = await filters.create_view(session, tg_user_id=user.id, f=f)
    await _send(update, context, view.id or 0)


async def show_stats(update: Update, context: BotContext, view_id: int) -> None:
    """Statistics for a list's filter (the list's 📊 button): its period, or the last 7 days (in a view of their
    own, so the period buttons leave the list alone)."""
    user = update.effective_user
    assert user is not None
    async with context.session_factory() as session, session.begin():
        _, f = await filters.get_view(session, view_id, tg_user_id=user.id)
        view = await filters.create_view(session, tg_user_id=user.id, f=stats.with_default_period(f, clock.now()))
    await _send(update, context, view.id or 0)


async def on_button(update: Update, context: BotContext) -> None:
    """`sta:p:<view>:<period code>` — the same filter over another period."""
    query, user = update.callback_query, update.effective_user
    assert query is not None and user is not None
    parts = (query.data or "").split(":")
    if len(parts) != 4 or not parts[2].isdigit() or parts[3] not in PERIOD_CODES:
        raise InvalidInput("review.bad_choice")
    async with context.session_factory() as session, session.begin():
        view, f = await filters.get_view(session, int(parts[2]), tg_user_id=user.id)
        filters.save_view(view, filters.with_period(f, parts[3], clock.now()))
    await _send(update, context, int(parts[2]))


async def _send(update: Update, context: BotContext, view_id: int) -> None:
    """Compute, draw off the event loop, send the charts as photos and the summary with the period buttons."""
    chat, user = update.effective_chat, update.effective_user
    assert chat is not None and user is not None
    await answer_query(update)
    actor = context.need_actor()
    lang = context.lang
    async with context.session_factory() as session:
        _, f = await filters.get_view(session, view_id, tg_user_id=user.id)
        figures = await stats.collect(session, actor, f)
        names = await stats.names(session, lang)
        summary = await summary_text(session, figures, f, names, lang)
    await context.bot.send_chat_action(chat.id, ChatAction.UPLOAD_PHOTO)
    chart_list = charts.series(figures, names, lang)
    images = await asyncio.to_thread(charts.draw, chart_list)
    for chart, image in zip(chart_list, images, strict=True):
        await context.bot.send_photo(chat.id, image, caption=esc(chart.title))
    buttons = [(t(f"review.period_{code}", lang), f"sta:p:{view_id}:{code}") for code in PERIOD_CODES]
    await context.bot.send_message(chat.id, summary, reply_markup=keyboard([buttons[:3], buttons[3:]]))
    set_outcome("ok")


async def summary_text(session: AsyncSession, figures: Stats, f: IncidentFilter,
                       names: dict[str, dict[str, str]], lang: str) -> str:
    """Totals by status and group, the busiest regions, acknowledgement times — a few lines."""
    period = period_text(figures.since.isoformat(), figures.until.isoformat(), lang)
    lines = [t("review.stats_title", lang, period=period),
             t("review.filter_line", lang, filter=await filter_text(session, f, lang, with_period=False))]
    if figures.total == 0:
        return "\n".join([*lines, "", t("review.stats_empty", lang)])
    statuses = " · ".join(f"{t(f'status.incident.{code}', lang)} {n}" for code, n in
                          sorted(figures.by_status.items(), key=lambda item: -item[1]))
    groups = " · ".join(f"{esc(names['groups'].get(g, g) if g else t('review.no_category', lang))} "
                        f"{sum(figures.per_day[g])}" for g in figures.groups if sum(figures.per_day[g]))
    regions = " · ".join(f"{esc(names['regions'].get(code, code) if code else t('review.no_region', lang))} {n}"
                         for code, n in figures.regions[:SUMMARY_ITEMS])
    lines += ["", t("review.stats_total", lang, count=figures.total, statuses=statuses),
              t("review.stats_groups", lang, items=groups), t("review.stats_regions", lang, items=regions)]
    if figures.ack:
        ack = " · ".join(t("review.stats_ack_item", lang, agency=esc(names["agencies"].get(a.agency_code, "")),
                           median=_minutes(a.median_minutes), p90=_minutes(a.p90_minutes))
                         for a in figures.ack[:SUMMARY_ITEMS])
        lines.append(t("review.stats_ack", lang, items=ack))
    lines.append(t("review.stats_waiting", lang, count=figures.waiting))
    return "\n".join(lines)


def _minutes(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"
