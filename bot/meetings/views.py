"""Texts built from meetings: times with weekday names, the invitation with live counts, reminders, the detail
view, the scheduling summary and the list."""

from collections import Counter
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import select

from bot.render import MESSAGE_LIMIT, fmt_dt, shorten, visible_len
from bot.texts import esc, t
from bot.ui import Button
from db import regions
from db.meetings import Overview
from db.models import Agency, Meeting, MeetingStatus, Rsvp, RsvpAnswer

NAMES_PER_AGENCY = (50, 10, 0)  # tried in turn until the detail view fits one message
ANSWER_ICONS = {RsvpAnswer.YES: "✅", RsvpAnswer.NO: "❌", RsvpAnswer.DELEGATE: "👥"}


def fmt_when(value: datetime, lang: str, tz: ZoneInfo) -> str:
    """`Selasa, 06/08/2024 14:00 WIB`."""
    day = t("meetings.weekdays", lang).split(",")[value.astimezone(tz).weekday()]
    return f"{day}, {fmt_dt(value, tz)}"


def duration_label(minutes: int, lang: str) -> str:
    """1440 → "1 hari", 180 → "3 jam", 30 → "30 menit", 0 → "saat mulai"."""
    if minutes == 0:
        return t("meetings.dur_start", lang)
    for size, unit in ((1440, "day"), (60, "hour")):
        if minutes >= size and minutes % size == 0:
            count = minutes // size
            return t(f"meetings.dur_{unit}{'' if count == 1 else 's'}", lang, n=count)
    return t("meetings.dur_minute" if minutes == 1 else "meetings.dur_minutes", lang, n=minutes)


def remaining_label(start: datetime, now: datetime, lang: str) -> str:
    """How long until `start`, rounded to its largest unit ("1 hari", "1 jam", "25 menit")."""
    minutes = max(0, round((start - now).total_seconds() / 60))
    if minutes >= 1440:
        return duration_label(round(minutes / 1440) * 1440, lang)
    if minutes >= 60:
        return duration_label(round(minutes / 60) * 60, lang)
    return duration_label(minutes, lang)


def reminders_label(minutes: list[int], lang: str) -> str:
    """`1 hari, 1 jam sebelumnya` (or "tidak ada")."""
    if not minutes:
        return t("meetings.no_reminders", lang)
    labels = ", ".join(duration_label(m, lang) for m in sorted(minutes, reverse=True))
    return t("meetings.reminders_before", lang, labels=labels)


async def agency_names(session: AsyncSession) -> dict[str, str]:
    """Short names of every agency by code (a small table)."""
    return {agency.code: agency.short for agency in (await session.scalars(select(Agency))).all()}


def _place(meeting: Meeting, lang: str) -> str:
    if meeting.place_text:
        return esc(meeting.place_text)
    if meeting.latitude is not None and meeting.longitude is not None:
        return t("meetings.place_on_map", lang, lat=f"{meeting.latitude:.5f}", lon=f"{meeting.longitude:.5f}")
    return "-"


async def info_lines(session: AsyncSession, meeting: Meeting, lang: str, tz: ZoneInfo, *,
                     agenda: bool = True) -> list[str]:
    """Title, time, place, region, agenda and organiser, one per line."""
    region = (esc(await regions.path_label(session, meeting.region_code)) if meeting.region_code
              else t("meetings.whole_jurisdiction", lang))
    names = await agency_names(session)
    organiser = esc(meeting.organizer_label)
    if meeting.organizer_agency_code:
        organiser += f" ({esc(names.get(meeting.organizer_agency_code, meeting.organizer_agency_code))})"
    lines = [f"<b>{esc(meeting.title)}</b>",
             t("meetings.line_when", lang, when=fmt_when(meeting.starts_at, lang, tz)),
             t("meetings.line_place", lang, place=_place(meeting, lang)),
             t("meetings.line_region", lang, region=region)]
    if agenda and meeting.agenda:
        lines.append(t("meetings.line_agenda", lang, agenda=esc(meeting.agenda)))
    lines.append(t("meetings.line_organizer", lang, organizer=organiser))
    return lines


def _count_text(counter: Counter[RsvpAnswer], lang: str) -> str:
    if not sum(counter.values()):
        return t("meetings.no_answer_yet", lang)
    return " · ".join(f"{ANSWER_ICONS[a]} {counter[a]}" for a in RsvpAnswer)


def count_lines(ov: Overview, names: dict[str, str], lang: str) -> list[str]:
    """Live counts per agency: `Polri: ✅ 2 · ❌ 0 · 👥 1`."""
    lines = []
    for code, counter in ov.counts().items():
        label = names.get(code, code) if code is not None else t("meetings.other_answers", lang)
        lines.append(f"{esc(label)}: {_count_text(counter, lang)}")
    return lines


def _invited_line(ov: Overview, lang: str) -> str:
    agencies = ", ".join(esc(a.short) for a in ov.agencies) or "-"
    return t("meetings.line_invited", lang, agencies=agencies, groups=ov.chat_count)


async def invitation_text(session: AsyncSession, ov: Overview, lang: str, tz: ZoneInfo) -> str:
    """The invitation posted in every invited group, with live counts (or the cancellation)."""
    meeting = ov.meeting
    cancelled = meeting.status == MeetingStatus.CANCELLED
    header = t("meetings.invitation_cancelled" if cancelled else "meetings.invitation_title", lang)
    lines = [header, *await info_lines(session, meeting, lang, tz), _invited_line(ov, lang)]
    if meeting.sequence and not cancelled:
        lines.append(t("meetings.rescheduled_note", lang))
    if not cancelled:
        names = await agency_names(session)
        lines += ["", t("meetings.counts_title", lang), *count_lines(ov, names, lang)]
    return "\n".join(lines)


async def reminder_text(session: AsyncSession, ov: Overview, lang: str, tz: ZoneInfo, now: datetime) -> str:
    """A reminder naming the invited agencies that have not answered."""
    meeting = ov.meeting
    lines = [t("meetings.reminder_title", lang, remaining=remaining_label(meeting.starts_at, now, lang)),
             *await info_lines(session, meeting, lang, tz, agenda=False), ""]
    silent = ov.silent()
    if silent:
        lines.append(t("meetings.silent_agencies", lang, agencies=", ".join(esc(a.short) for a in silent)))
    else:
        lines.append(t("meetings.all_answered", lang))
    return "\n".join(lines)


async def update_text(session: AsyncSession, meeting: Meeting, change: str, previous: str | None, lang: str,
                      tz: ZoneInfo) -> str:
    """The notice of a reschedule or a cancellation."""
    if change == "cancelled":
        return t("meetings.cancelled_notice", lang, title=esc(meeting.title),
                 when=fmt_when(meeting.starts_at, lang, tz))
    old = fmt_when(datetime.fromisoformat(previous), lang, tz) if previous else "-"
    return t("meetings.rescheduled_notice", lang, title=esc(meeting.title), old=old,
             new=fmt_when(meeting.starts_at, lang, tz))


def _answers_by_agency(answers: list[Rsvp], names: dict[str, str], lang: str, limit: int) -> list[str]:
    grouped: dict[str | None, list[Rsvp]] = {}
    for rsvp in answers:
        grouped.setdefault(rsvp.agency_code, []).append(rsvp)
    lines = []
    for code, people in grouped.items():
        label = names.get(code, code) if code is not None else t("meetings.other_answers", lang)
        parts = [f"{ANSWER_ICONS[r.answer]} {esc(r.name)}" for r in people[:limit]]
        if len(people) > limit:
            parts.append(t("meetings.and_more", lang, count=len(people) - limit))
        lines.append(f"{esc(label)}: " + ", ".join(parts))
    return lines


async def detail_text(session: AsyncSession, ov: Overview, lang: str, tz: ZoneInfo, *, full: bool) -> str:
    """The detail view: who answered what and who has not (`full`, for organisers), or the counts."""
    meeting = ov.meeting
    lines = [t("meetings.detail_title", lang)]
    if meeting.status == MeetingStatus.CANCELLED:
        lines.append(t("meetings.status_cancelled", lang))
    lines += [*await info_lines(session, meeting, lang, tz), _invited_line(ov, lang),
              t("meetings.line_reminders", lang, reminders=reminders_label(meeting.reminder_minutes, lang)), ""]
    names = await agency_names(session)
    lines.append(t("meetings.answers_title", lang))
    silent = ov.silent()
    tail = (t("meetings.silent_agencies", lang, agencies=", ".join(esc(a.short) for a in silent))
            if silent else t("meetings.all_answered", lang))
    if not full:
        return "\n".join([*lines, *count_lines(ov, names, lang), tail])
    # the detail view is one edited message: with very many answers, fewer names per agency
    for limit in NAMES_PER_AGENCY:
        answered = _answers_by_agency(ov.answers, names, lang, limit) or [t("meetings.no_answer_yet", lang)]
        text = "\n".join([*lines, *answered, tail])
        if visible_len(text) <= MESSAGE_LIMIT:
            break
    return text


def list_text(meetings: list[Meeting], counts: dict[int, Counter[RsvpAnswer]], lang: str, tz: ZoneInfo) -> str:
    """`/rapat`: the upcoming meetings, one per line with their answers so far."""
    if not meetings:
        return f"{t('meetings.list_title', lang)}\n\n{t('meetings.list_empty', lang)}"
    lines = [t("meetings.list_title", lang), ""]
    for number, meeting in enumerate(meetings, 1):
        counter = counts.get(meeting.id or 0, Counter())
        when = fmt_when(meeting.starts_at, lang, tz)
        lines.append(f"{number}. <b>{esc(shorten(meeting.title, 80))}</b>\n    🗓 {when} — {_count_text(counter, lang)}")
    return "\n".join(lines)


def list_buttons(meetings: list[Meeting]) -> list[list[Button]]:
    """One detail button per meeting."""
    return [[(f"{n}. {shorten(m.title, 40)}", f"mtg:det:{m.id}")] for n, m in enumerate(meetings, 1)]
