"""Keyboards of meetings: answers, the invite and summary steps, detail actions (callback data `mtg:...`)."""

from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.render import shorten
from bot.texts import t
from bot.ui import Button, keyboard, paged
from db.models import Agency, Chat, Meeting, MeetingStatus, RsvpAnswer

GROUPS_PER_PAGE = 6
ANSWER_CODES = {RsvpAnswer.YES: "yes", RsvpAnswer.NO: "no", RsvpAnswer.DELEGATE: "delegate"}


def rsvp_markup(meeting_id: int, lang: str) -> InlineKeyboardMarkup:
    """Hadir / Tidak hadir / Diwakilkan, and the calendar file."""
    return keyboard([[(t(f"meetings.answer_{code}", lang), f"mtg:rsvp:{meeting_id}:{code}")
                      for code in ANSWER_CODES.values()],
                     [(t("meetings.ics_button", lang), f"mtg:ics:{meeting_id}")]])


def ics_markup(meeting_id: int, lang: str) -> InlineKeyboardMarkup:
    """Only the calendar file (notices of reschedules and cancellations)."""
    return keyboard([[(t("meetings.ics_button", lang), f"mtg:ics:{meeting_id}")]])


def cancel_row(lang: str) -> list[Button]:
    """The dialogue's cancel button."""
    return [(t("common.cancel", lang), "mtg:cancel")]


def _mark(chosen: bool, label: str) -> str:
    return f"✅ {label}" if chosen else label


def invite_rows(agencies: list[Agency], groups: list[Chat], names: dict[str, str], data: dict[str, Any],
                lang: str) -> list[list[Button]]:
    """Agency toggles, a page of group toggles, the region-scope toggle, next and cancel."""
    chosen_agencies = set(data.get("agencies") or [])
    chosen_groups = set(data.get("groups") or [])
    buttons = [(_mark(a.code in chosen_agencies, a.short), f"mtg:ag:{a.code}") for a in agencies]
    rows: list[list[Button]] = [buttons[i:i + 3] for i in range(0, len(buttons), 3)]
    items = []
    for group in groups:
        owner = t("meetings.command_post", lang) if group.is_command_post else names.get(group.agency_code or "", "")
        label = shorten(f"{group.title or group.tg_chat_id} · {owner}", 48)
        items.append((_mark(group.tg_chat_id in chosen_groups, label), f"mtg:gr:{group.tg_chat_id}"))
    if items:
        page_rows, _ = paged(items, page=int(data.get("gpage") or 0), per_page=GROUPS_PER_PAGE, nav="mtg:gp:",
                             lang=lang, columns=1)
        rows += page_rows
    if chosen_agencies and data.get("region"):
        scope = "meetings.scope_all" if data.get("all_regions") else "meetings.scope_region"
        rows.append([(t(scope, lang), "mtg:sc")])
    rows.append([(t("meetings.next_button", lang), "mtg:sum"), *cancel_row(lang)])
    return rows


def summary_rows(choices: list[int], chosen: list[int], labels: dict[int, str], lang: str) -> list[list[Button]]:
    """Reminder toggles, send, back to the invitations, cancel."""
    buttons = [(_mark(m in chosen, labels[m]), f"mtg:rm:{m}") for m in choices]
    rows = [buttons[i:i + 3] for i in range(0, len(buttons), 3)]
    rows.append([(t("meetings.send_button", lang), "mtg:send")])
    rows.append([(t("meetings.back_to_invite", lang), "mtg:inv"), *cancel_row(lang)])
    return rows


def detail_rows(meeting: Meeting, *, manage: bool, lang: str) -> list[list[Button]]:
    """Reschedule and cancel for organisers, the calendar file, back to the list."""
    rows: list[list[Button]] = []
    if manage and meeting.status == MeetingStatus.SCHEDULED:
        rows.append([(t("meetings.reschedule_button", lang), f"mtg:rs:{meeting.id}"),
                     (t("meetings.cancel_meeting_button", lang), f"mtg:cx:{meeting.id}")])
    rows.append([(t("meetings.ics_button", lang), f"mtg:ics:{meeting.id}")])
    rows.append([(t("meetings.list_button", lang), "mtg:list")])
    return rows


def private_link_markup(label: str, bot_username: str, payload: str) -> InlineKeyboardMarkup:
    """A button opening the private chat with the bot at a deep link."""
    return InlineKeyboardMarkup([[InlineKeyboardButton(label, url=f"https://t.me/{bot_username}?start={payload}")]])
