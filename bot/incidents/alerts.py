"""An alert as it stands now: the card, who did what, and the buttons the readers of that chat may use."""

from sqlalchemy.ext.asyncio import AsyncSession
from telegram import InlineKeyboardMarkup

from bot.incidents.views import card
from bot.render import fmt_dt
from bot.texts import esc, t
from bot.ui import Button, keyboard
from db import incidents
from db.access import Actor, Cap
from db.models import OPEN_STATUSES, Agency, Incident
from db.models.reference import CategoryRole


async def _agency_label(session: AsyncSession, code: str) -> str:
    agency = await session.get(Agency, code)
    return agency.short if agency else code


async def status_lines(session: AsyncSession, incident: Incident, lang: str) -> list[str]:
    """Acknowledgements per agency, who took it, how it ended, a likely duplicate."""
    lines = []
    for part in await incidents.agencies_of(session, incident.id or 0):
        if part.role != CategoryRole.RESPONSIBLE:
            continue
        agency = esc(await _agency_label(session, part.agency_code))
        if part.acknowledged_at is not None:
            lines.append(t("response.status_acked", lang, agency=agency, who=esc(part.acknowledged_by_label or "-"),
                           at=fmt_dt(part.acknowledged_at, with_zone=False)))
        else:
            lines.append(t("response.status_waiting", lang, agency=agency))
    if incident.taken_at is not None:
        lines.append(t("response.status_taken", lang, who=esc(incident.taken_by_label or "-"),
                       at=fmt_dt(incident.taken_at, with_zone=False)))
    if incident.resolved_at is not None:
        lines.append(t("response.status_resolved", lang, at=fmt_dt(incident.resolved_at, with_zone=False),
                       note=esc(incident.resolution_note or "")))
    if incident.duplicate_of_id is not None:
        original = await incidents.get_incident(session, incident.duplicate_of_id)
        lines.append(t("response.status_duplicate", lang, number=esc(original.number if original else "?")))
    elif incident.likely_duplicate_of_id is not None and incident.status in OPEN_STATUSES:
        likely = await incidents.get_incident(session, incident.likely_duplicate_of_id)
        if likely is not None:
            lines.append(t("response.status_likely", lang, number=esc(likely.number)))
    return lines


async def buttons(session: AsyncSession, incident: Incident, lang: str, *, chat_agency: str | None,
                  viewer: Actor | None = None) -> list[list[Button]]:
    """Action buttons: Terima for the chat's agency (or one per waiting agency where no agency is implied),
    Tangani, Selesai, Duplikat; none once the incident is closed."""
    if incident.status not in OPEN_STATUSES:
        return []
    iid = incident.id
    waiting = [p.agency_code for p in await incidents.agencies_of(session, iid or 0)
               if p.role == CategoryRole.RESPONSIBLE and p.acknowledged_at is None]
    rows: list[list[Button]] = []
    if chat_agency is not None:
        if chat_agency in waiting:
            rows.append([(t("response.ack_button", lang), f"act:ack:{iid}:{chat_agency}")])
    else:
        if viewer is not None and not viewer.can(Cap.ACT_ANY_ALERT):
            waiting = [code for code in waiting if code == viewer.agency_code]
        for code in waiting[:4]:
            rows.append([(t("response.ack_for", lang, agency=await _agency_label(session, code)),
                          f"act:ack:{iid}:{code}")])
    action_row: list[Button] = []
    if incident.taken_by_tg_id is None:
        action_row.append((t("response.take_button", lang), f"act:take:{iid}"))
    action_row += [(t("response.resolve_button", lang), f"act:done:{iid}"),
                   (t("response.duplicate_button", lang), f"act:dup:{iid}")]
    rows.append(action_row)
    if incident.likely_duplicate_of_id is not None:
        likely = await incidents.get_incident(session, incident.likely_duplicate_of_id)
        if likely is not None and likely.number:
            rows.append([(t("response.duplicate_of_button", lang, number=likely.number),
                          f"act:dupof:{iid}:{likely.id}")])
    return rows


async def alert_text(session: AsyncSession, incident: Incident, lang: str, *, names: bool) -> str:
    """The card followed by the status lines."""
    body = await card(session, incident, lang, names=names)
    lines = await status_lines(session, incident, lang)
    return body + ("\n\n" + "\n".join(lines) if lines else "")


async def alert_markup(session: AsyncSession, incident: Incident, lang: str, *,
                       chat_agency: str | None, viewer: Actor | None = None) -> InlineKeyboardMarkup | None:
    """The buttons as a keyboard (None when there are none)."""
    rows = await buttons(session, incident, lang, chat_agency=chat_agency, viewer=viewer)
    return keyboard(rows) if rows else None
