"""Texts built from stages: periods, /tahapan's overview, the full schedule, the admin's card, reminders."""

from datetime import date, datetime, timedelta

from bot.render import fmt_dt
from bot.texts import esc, t
from db import stages
from db.models import Stage


def _day(value: date) -> str:
    return value.strftime("%d/%m/%Y")


def _clock(value: datetime) -> str:
    return value.astimezone(stages.WIB).strftime("%H:%M")


def period(stage: Stage, lang: str) -> str:
    """`24/11/2024 – 26/11/2024`, `27/11/2024 07:00 – 13:00 WIB`, `s.d. 26/01/2024`, or "not set"."""
    start, end = stage.start_date, stage.end_date or stage.start_date
    if start is None:
        return t("stages.period_until", lang, end=_day(end)) if end is not None else t("stages.period_none", lang)
    assert end is not None
    first = fmt_dt(stage.start_at) if stage.start_at is not None else _day(start)
    if stage.end_at is not None:
        same_day = stages.wib_date(stage.end_at) == start
        last = f"{_clock(stage.end_at)} WIB" if same_day else fmt_dt(stage.end_at)
        if stage.start_at is not None and same_day:
            first = f"{_day(start)} {_clock(stage.start_at)}"
    elif end != start:
        last = _day(end)
    else:
        return first
    return t("stages.period_range", lang, start=first, end=last)


def _left(stage: Stage, today: date, lang: str) -> str:
    end = stages.end_moment(stage)
    assert end is not None
    days = (stages.wib_date(end - timedelta(microseconds=1)) - today).days  # the end is exclusive
    if days <= 0:
        return t("stages.ends_today", lang)
    return t("stages.ends_tomorrow", lang) if days == 1 else t("stages.ends_in", lang, days=days)


def countdown(start_day: date, today: date, lang: str) -> str:
    """"mulai 3 hari lagi" / "mulai besok" / "mulai hari ini"."""
    days = (start_day - today).days
    if days <= 0:
        return t("stages.starts_today", lang)
    return t("stages.starts_tomorrow", lang) if days == 1 else t("stages.starts_in", lang, days=days)


def _start_day(stage: Stage) -> date:
    start = stages.start_moment(stage)
    assert start is not None
    return stages.wib_date(start)


def overview_text(view: stages.Overview, now: datetime, lang: str) -> str:
    """What /tahapan shows: the stages on now (with guidance), the next ones with a countdown in days."""
    lines = [t("stages.title", lang, date=fmt_dt(now)), "", t("stages.current_title", lang)]
    if not view.current:
        lines.append(t("stages.none_current", lang))
    for stage in view.current:
        lines.append(t("stages.current_line", lang, name=esc(stage.name(lang)), period=period(stage, lang),
                       left=_left(stage, view.today, lang)))
        if stage.guidance(lang):
            lines.append(t("stages.guidance_line", lang, guidance=esc(stage.guidance(lang))))
    lines += ["", t("stages.next_title", lang)]
    if not view.upcoming:
        lines.append(t("stages.none_next", lang))
    for stage in view.upcoming:
        lines.append(t("stages.next_line", lang, name=esc(stage.name(lang)), period=period(stage, lang),
                       countdown=countdown(_start_day(stage), view.today, lang)))
        if stage.guidance(lang):
            lines.append(t("stages.guidance_line", lang, guidance=esc(stage.guidance(lang))))
    lines += ["", t("stages.schedule_hint", lang)]
    return "\n".join(lines)


def schedule_text(all_stages: list[Stage], now: datetime, lang: str) -> str:
    """Every stage on one line each: ✅ over, ▶️ on now, 🔜 to come, ❔ undated."""
    lines = [t("stages.schedule_title", lang, count=len(all_stages))]
    for stage in all_stages:
        end = stages.end_moment(stage)
        if stages.is_current(stage, now):
            mark = "▶️"
        elif end is None:
            mark = "❔"
        else:
            mark = "✅" if end <= now else "🔜"
        lines.append(t("stages.schedule_line", lang, mark=mark, name=esc(stage.name(lang)),
                       period=period(stage, lang)))
    return "\n".join(lines)


def card_text(stage: Stage, lang: str) -> str:
    """A stage as its manager sees it: both names, dates, both guidances."""
    none = t("common.none", lang)
    return t("stages.card", lang, name_id=esc(stage.name_id), name_en=esc(stage.name_en), period=period(stage, lang),
             guidance_id=esc(stage.guidance_id) or none, guidance_en=esc(stage.guidance_en) or none)


def reminder_text(stage: Stage, now: datetime, lang: str) -> str:
    """A stage reminder, its countdown computed when it is sent."""
    days = (_start_day(stage) - stages.wib_date(now)).days
    if days > 1:
        when = t("stages.reminder_in", lang, days=days)
    elif days >= 0:
        when = t("stages.reminder_tomorrow" if days == 1 else "stages.reminder_today", lang)
    else:
        when = t("stages.reminder_running", lang)  # sent late, after its first day (the bot was down)
    lines = [t("stages.reminder_title", lang), "",
             t("stages.reminder_line", lang, name=esc(stage.name(lang)), when=when, period=period(stage, lang))]
    if stage.guidance(lang):
        lines += ["", t("stages.reminder_guidance", lang, guidance=esc(stage.guidance(lang)))]
    return "\n".join(lines)
