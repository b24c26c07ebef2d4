"""The guided report's steps: what each one asks (text and keyboard) and what its buttons do to the draft."""

from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select
from telegram import InlineKeyboardMarkup, KeyboardButton, ReplyKeyboardMarkup

from bot import region_picker
from bot.incidents.views import card
from bot.texts import esc, t
from bot.ui import Button, keyboard
from db import evidence, incidents
from db.errors import NotFound
from db.models import Category, CategoryGroup, Incident, Severity

ORDER = ("group", "category", "region", "place", "description", "evidence", "severity", "summary")
EDITABLE = {"category": "group", "region": "region", "place": "place", "description": "description",
            "evidence": "evidence", "severity": "severity"}
Markup = InlineKeyboardMarkup | ReplyKeyboardMarkup | None


def _nav(lang: str, *, back: bool = True) -> list[Button]:
    row: list[Button] = [(t("common.back", lang), "inc:prev")] if back else []
    return [*row, (t("common.cancel", lang), "inc:cancel")]


def complete(draft: Incident, step: str) -> None:
    """The reporter finished `step`: go on (or back to the summary when they were editing one part)."""
    if draft.draft_data.get("editing") and step != "group":
        incidents.set_draft(draft, step="summary", editing=False)
        return
    if draft.draft_data.get("fill") and step != "group":
        # finishing a one-line report: only the parts it lacked, then evidence and the rest
        missing = incidents.missing_parts(draft)
        target = {"category": "group", "region": "region", "description": "description"}[missing[0]] \
            if missing else "evidence"
        incidents.set_draft(draft, step=target, fill=bool(missing))
        return
    following = ORDER[ORDER.index(step) + 1] if step in ORDER and step != "summary" else "summary"
    incidents.set_draft(draft, step=following)


def evidence_keyboard(count: int, lang: str) -> InlineKeyboardMarkup:
    """Done (with the count so far), back and cancel."""
    return keyboard([[(t("incident.done_button", lang, count=count), "inc:done")], _nav(lang)])


async def prompt(session: AsyncSession, draft: Incident, lang: str) -> tuple[str, Markup]:
    """The question of the draft's current step."""
    step = draft.draft_step or "group"
    builder = {"group": _group, "category": _category, "region": _region, "place": _place,
               "description": _description, "evidence": _evidence, "severity": _severity,
               "summary": _summary, "edit": _edit}.get(step, _group)
    return await builder(session, draft, lang)


async def _group(session: AsyncSession, draft: Incident, lang: str) -> tuple[str, Markup]:
    groups = (await session.scalars(select(CategoryGroup).order_by(col(CategoryGroup.sort_order)))).all()
    rows = [[(g.label(lang), f"inc:grp:{g.code}")] for g in groups]
    return t("incident.ask_group", lang), keyboard([*rows, _nav(lang, back=False)])


async def _category(session: AsyncSession, draft: Incident, lang: str) -> tuple[str, Markup]:
    group_code = draft.draft_data.get("group")
    group = await session.get(CategoryGroup, group_code) if group_code else None
    found = (await session.scalars(select(Category).where(Category.group_code == group_code, Category.active)
                                   .order_by(col(Category.sort_order)))).all()
    rows = [[(c.label(lang)[:60], f"inc:cat:{c.code}")] for c in found]
    return t("incident.ask_category", lang, group=esc(group.label(lang) if group else "")), keyboard(
        [*rows, _nav(lang)])


async def _region(session: AsyncSession, draft: Incident, lang: str) -> tuple[str, Markup]:
    browse = draft.draft_data.get("browse")
    current, rows = await region_picker.rows(session, browse=browse, page=int(draft.draft_data.get("page", 0)),
                                             lang=lang, prefix="inc")
    category = await session.get(Category, draft.category_code) if draft.category_code else None
    where = t("people.region_within", lang, region=esc(current.name)) if current else ""
    text = t("incident.ask_region", lang, category=esc(category.label(lang) if category else "-"), where=where)
    return text, keyboard(rows)


async def _place(session: AsyncSession, draft: Incident, lang: str) -> tuple[str, Markup]:
    from db import regions

    region = await regions.path_label(session, draft.region_code)
    markup = ReplyKeyboardMarkup(
        [[KeyboardButton(t("incident.share_location", lang), request_location=True)],
         [KeyboardButton(t("common.back", lang)), KeyboardButton(t("common.cancel", lang))]],
        resize_keyboard=True, one_time_keyboard=True)
    return t("incident.ask_place", lang, region=esc(region)), markup


async def _description(session: AsyncSession, draft: Incident, lang: str) -> tuple[str, Markup]:
    return t("incident.ask_description", lang), keyboard([_nav(lang)])


async def _evidence(session: AsyncSession, draft: Incident, lang: str) -> tuple[str, Markup]:
    count = await evidence.count_files(session, draft.id or 0)
    return t("incident.ask_evidence", lang), evidence_keyboard(count, lang)


async def _severity(session: AsyncSession, draft: Incident, lang: str) -> tuple[str, Markup]:
    if draft.severity_code is None and draft.category_code is not None:
        draft.severity_code = (await incidents.category(session, draft.category_code)).default_severity
    levels = (await session.scalars(select(Severity).order_by(col(Severity.rank)))).all()
    rows = [[(("✓ " if s.code == draft.severity_code else "") + s.label(lang), f"inc:sev:{s.code}")
             for s in levels]]
    rows.append([(t("incident.continue_button", lang), "inc:sevok")])
    return t("incident.ask_severity", lang), keyboard([*rows, _nav(lang)])


async def _summary(session: AsyncSession, draft: Incident, lang: str) -> tuple[str, Markup]:
    text = t("incident.summary", lang, card=await card(session, draft, lang, names=True, description_limit=None))
    rows = [[(t("common.send", lang), "inc:send")],
            [(t("common.edit", lang), "inc:edit"), (t("common.cancel", lang), "inc:cancel")]]
    return text, keyboard(rows)


async def _edit(session: AsyncSession, draft: Incident, lang: str) -> tuple[str, Markup]:
    fields = list(EDITABLE)
    rows = [[(t(f"incident.field.{f}", lang), f"inc:ed:{f}") for f in fields[i:i + 3]] for i in range(0, 6, 3)]
    rows.append([(t("incident.back_to_summary", lang), "inc:sum")])
    return t("incident.edit_which", lang), keyboard(rows)


async def apply_button(session: AsyncSession, draft: Incident, action: str, args: list[str], lang: str) -> None:
    """Change the draft for a pressed button (the caller shows the next prompt)."""
    step = draft.draft_step or "group"
    if action == "grp":
        incidents.set_draft(draft, step="category", group=args[0] if args else None)
    elif action == "cat":
        found = await incidents.category(session, args[0] if args else "")
        draft.category_code, draft.severity_code = found.code, found.default_severity
        complete(draft, "category")
    elif action in ("rg", "here", "pg", "back"):
        await _region_button(session, draft, action, args)
    elif action == "prev":
        _previous(draft, step)
    elif action == "done" and step == "evidence":
        complete(draft, "evidence")
    elif action == "sev":
        draft.severity_code = (await incidents.severity(session, args[0] if args else "")).code
    elif action == "sevok" and step == "severity":
        complete(draft, "severity")
    elif action == "edit":
        incidents.set_draft(draft, step="edit")
    elif action == "ed" and args and args[0] in EDITABLE:
        incidents.set_draft(draft, step=EDITABLE[args[0]], editing=True, browse=None, page=0)
    elif action == "sum":
        incidents.set_draft(draft, step="summary", editing=False)
    elif action == "send" and step == "summary":
        incidents.set_draft(draft, step="submit")
    else:
        raise NotFound("access.stale_dialogue")


async def _region_button(session: AsyncSession, draft: Incident, action: str, args: list[str]) -> None:
    browse = draft.draft_data.get("browse")
    if action == "back" and browse is None:
        _previous(draft, "region")
        return
    pick = await region_picker.step(session, action, args, browse)
    if pick.chosen is not None:
        draft.region_code = pick.chosen.code
        incidents.set_draft(draft, browse=pick.browse, page=0)
        complete(draft, "region")
    else:
        incidents.set_draft(draft, step="region", browse=pick.browse, page=pick.page)


def _previous(draft: Incident, step: str) -> None:
    if draft.draft_data.get("editing") or step in ("edit", "group"):
        incidents.set_draft(draft, step="summary" if step != "group" else "group", editing=False)
        return
    index = ORDER.index(step) if step in ORDER else 0
    incidents.set_draft(draft, step=ORDER[max(index - 1, 0)])
