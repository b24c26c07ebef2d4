"""Keyboards of registration, approvals and role cards (callback data stays far below 64 bytes)."""

from bot.texts import t
from bot.ui import Button, keyboard
from db.models import Agency, Role, Stakeholder


def agency_keyboard(agencies: list[Agency], lang: str, prefix: str) -> list[list[Button]]:
    """Agency buttons, two per row, data `<prefix>:ag:<code>`."""
    buttons = [(a.short, f"{prefix}:ag:{a.code}") for a in agencies]
    return [buttons[i:i + 2] for i in range(0, len(buttons), 2)]


def confirm_rows(lang: str, prefix: str) -> list[list[Button]]:
    """Send / edit / cancel."""
    return [[(t("common.send", lang), f"{prefix}:send")],
            [(t("common.edit", lang), f"{prefix}:edit"), (t("common.cancel", lang), f"{prefix}:cancel")]]


def approval_markup(person: Stakeholder, lang: str):  # type: ignore[no-untyped-def]
    """Approve / reject buttons of an approval request."""
    suffix = f"{person.id}:{person.application_no}"
    return keyboard([[(t("people.approve_button", lang), f"reg:ok:{suffix}"),
                      (t("people.reject_button", lang), f"reg:no:{suffix}")]])


def role_card_rows(person: Stakeholder, *, superadmin: bool, lang: str) -> list[list[Button]]:
    """The buttons an admin may use on a person's card."""
    rows: list[list[Button]] = []
    if person.status.value != "active":
        return rows
    choices = [Role.MEMBER, Role.LIAISON] if not superadmin else list(Role)
    for role in choices:
        if role != person.role:
            rows.append([(t("role.make", lang, role=t(f"role.{role.value}", lang)),
                          f"role:set:{person.id}:{role.value}")])
    if superadmin:
        rows.append([(t("role.revoke_button", lang), f"role:revoke:{person.id}")])
    return rows


__all__ = ["agency_keyboard", "approval_markup", "confirm_rows", "role_card_rows"]
