"""/peran (/role): agency admins grant and take back liaison; super admins every role, and revoke people."""

from telegram import Update

from bot.context import BotContext, set_outcome
from bot.errors import answer_query
from bot.people.keyboards import role_card_rows
from bot.people.views import person_text
from bot.texts import esc, t
from bot.ui import Button, keyboard, paged, show
from db import people
from db.errors import NotFound
from db.models import Role, Stakeholder

PAGE_SIZE = people.PAGE_SIZE


async def roles_command(update: Update, context: BotContext) -> None:
    """/peran [who]: the list of people to manage, or one person's card."""
    args = context.args or []
    if args:
        async with context.session_factory() as session:
            person = await people.find_person(session, args[0])
            if person is None:
                raise NotFound("people.person_unknown")
        await _card(update, context, person.id or 0)
    else:
        await _list(update, context, 0)
    set_outcome("ok")


async def _list(update: Update, context: BotContext, page: int) -> None:
    actor = context.need_actor()
    lang = context.lang
    async with context.session_factory() as session:
        rows_, total = await people.list_people(session, actor=actor, page=page)
    if total == 0:
        await show(update, t("role.list_empty", lang))
        return
    items: list[Button] = [(f"{p.full_name} · {t(f'role.{p.role.value}', lang)}"
                            + ("" if p.status.value == "active" else " 🚫"), f"role:card:{p.id}") for p in rows_]
    rows, _ = paged(items, page=page, per_page=PAGE_SIZE, nav="role:list:", lang=lang, columns=1, total=total)
    await show(update, t("role.list_title", lang, total=total), keyboard(rows))


async def _card(update: Update, context: BotContext, stakeholder_id: int) -> None:
    actor = context.need_actor()
    async with context.session_factory() as session:
        person = await session.get(Stakeholder, stakeholder_id)
        if person is None or (not actor.is_superadmin and person.agency_code != actor.agency_code):
            raise NotFound("people.person_unknown")
        text = await person_text(session, person, context.lang)
    rows = role_card_rows(person, superadmin=actor.is_superadmin, lang=context.lang)
    rows.append([(t("common.back", context.lang), "role:list:0")])
    await show(update, text, keyboard(rows))


async def on_button(update: Update, context: BotContext) -> None:
    """`role:` buttons: list pages, cards, role changes and revocation."""
    query = update.callback_query
    assert query is not None
    parts = (query.data or "").split(":")
    action = parts[1]
    try:
        target = int(parts[2])
    except (IndexError, ValueError):
        raise NotFound("people.person_unknown") from None
    if action == "list":
        await _list(update, context, target)
    elif action == "card":
        await _card(update, context, target)
    elif action == "set":
        try:
            role = Role(parts[3])
        except (IndexError, ValueError):
            raise NotFound("people.person_unknown") from None
        async with context.session_factory() as session, session.begin():
            await people.set_role(session, actor=context.need_actor(), stakeholder_id=target, role=role)
        await answer_query(update, t("role.changed_answer", context.answer_lang))
        await _card(update, context, target)
    elif action == "revoke":
        async with context.session_factory() as session, session.begin():
            await people.revoke(session, actor=context.need_actor(), stakeholder_id=target)
        await answer_query(update, t("role.revoked_answer", context.answer_lang))
        await _card(update, context, target)
    set_outcome("ok")


__all__ = ["esc", "on_button", "roles_command"]
