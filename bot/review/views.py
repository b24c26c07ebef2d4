"""How reviews read: a filter in words, the incident list with its buttons, the filter menus."""

from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from bot.incidents.views import ICONS
from bot.render import fmt_date, shorten
from bot.texts import esc, t
from bot.ui import Button, paged
from db import filters, regions
from db.access import Actor, Cap
from db.filters import PERIOD_CODES, IncidentFilter
from db.models import Category, CategoryGroup, Incident, IncidentStatus, Region, Severity

PER_PAGE = 10
STATUSES = [s for s in IncidentStatus if s != IncidentStatus.DRAFT]


def period_text(since: str | None, until: str | None, lang: str) -> str:
    """`20/11/2024–26/11/2024` (WIB days; `until` is exclusive), or one day."""
    if not since and not until:
        return t("review.period_all", lang)
    first = fmt_date(datetime.fromisoformat(since)) if since else "…"
    last = fmt_date(datetime.fromisoformat(until) - timedelta(seconds=1)) if until else "…"
    return first if first == last else f"{first}–{last}"


async def filter_text(session: AsyncSession, f: IncidentFilter, lang: str, *, with_period: bool = True) -> str:
    """The filter in words ("Status: Baru · Wilayah: Jakarta Selatan (+ sub-wilayah) · ..."), escaped."""
    parts: list[str] = []
    if f.statuses:
        names = ", ".join(t(f"status.incident.{s}", lang) for s in f.statuses)
        parts.append(t("review.f_status", lang, value=names))
    if f.category_group:
        group = await session.get(CategoryGroup, f.category_group)
        parts.append(t("review.f_group", lang, value=esc(group.label(lang) if group else f.category_group)))
    if f.categories:
        labels = [c.label(lang) if (c := await session.get(Category, code)) else code for code in f.categories]
        parts.append(t("review.f_category", lang, value=esc(", ".join(labels))))
    if f.region:
        region = await session.get(Region, f.region)
        parts.append(t("review.f_region", lang, value=esc(region.name if region else f.region)))
    if f.severities:
        labels = [s.label(lang) if (s := await session.get(Severity, code)) else code for code in f.severities]
        parts.append(t("review.f_severity", lang, value=esc(", ".join(labels))))
    if f.agency:
        agency = await regions.get_agency(session, f.agency)
        parts.append(t("review.f_agency", lang, value=esc(agency.short if agency else f.agency)))
    if with_period and (f.since or f.until):
        parts.append(t("review.f_period", lang, value=period_text(f.since, f.until, lang)))
    if f.text:
        parts.append(t("review.f_text", lang, value=esc(f.text)))
    return " · ".join(parts) if parts else t("review.f_none", lang)


async def incident_line(session: AsyncSession, index: int, incident: Incident, lang: str) -> str:
    """`3. 🟠 INS-20241127-3 · Bentrokan · Kebayoran Baru · 27/11 10:05 · Baru` and a short description."""
    category = await session.get(Category, incident.category_code) if incident.category_code else None
    region = await session.get(Region, incident.region_code) if incident.region_code else None
    when = incident.reported_at or incident.created_at
    return t("review.row", lang, index=index, icon=ICONS.get(incident.severity_code or "", "⚪️"),
             number=esc(incident.number or "-"), category=esc(category.label(lang) if category else "-"),
             region=esc(region.name if region else "-"), when=when.astimezone(filters.WIB).strftime("%d/%m %H:%M"),
             status=t(f"status.incident.{incident.status.value}", lang),
             description=esc(shorten(" ".join(incident.description.split()), 70) or "-"))


async def list_page(session: AsyncSession, actor: Actor, view_id: int, f: IncidentFilter, page: int,
                    lang: str) -> tuple[str, list[list[Button]]]:
    """One page of the list: the count, the filter, ten rows, and the buttons (open, ◀ ▶, filters)."""
    items, total, page = await filters.page_incidents(session, actor, f, page=page, per_page=PER_PAGE)
    lines = [t("review.list_title", lang, count=total), t("review.filter_line", lang,
                                                          filter=await filter_text(session, f, lang)), ""]
    if not items:
        lines.append(t("review.list_empty", lang))
    first = page * PER_PAGE + 1
    lines += [await incident_line(session, first + i, item, lang) for i, item in enumerate(items)]
    if items:
        lines += ["", t("review.list_hint", lang)]
    opens: list[Button] = [(str(first + i), f"lst:o:{item.number}") for i, item in enumerate(items)]
    rows, _ = paged(opens, page=page, per_page=PER_PAGE, nav=f"lst:pg:{view_id}:", lang=lang, columns=5,
                    total=total)
    rows += filter_rows(view_id, lang)
    extra: list[Button] = []
    if actor.can(Cap.SEE_AGENCY_INCIDENTS):
        extra.append((t("review.b_stats", lang), f"lst:a:{view_id}"))
    if actor.can(Cap.EXPORT):
        extra.append((t("review.b_export", lang), f"lst:e:{view_id}"))
    rows.append(extra)
    return "\n".join(lines), rows


def filter_rows(view_id: int, lang: str) -> list[list[Button]]:
    """The buttons that open each filter menu, type a filter, or clear it."""
    menu = f"lst:m:{view_id}:"
    return [[(t("review.b_status", lang), menu + "st"), (t("review.b_category", lang), menu + "ct:0"),
             (t("review.b_region", lang), menu + "rg:-:0")],
            [(t("review.b_severity", lang), menu + "sv"), (t("review.b_agency", lang), menu + "ag"),
             (t("review.b_period", lang), menu + "pd")],
            [(t("review.b_type", lang), f"lst:t:{view_id}"), (t("review.b_clear", lang), f"lst:x:{view_id}:all")]]


def _tick(label: str, chosen: bool) -> str:
    return f"✓ {label}" if chosen else label


def done_row(view_id: int, lang: str) -> list[Button]:
    """Back to the list (page 1), with the filter as it now is."""
    return [(t("review.b_show", lang), f"lst:pg:{view_id}:0")]


async def menu(session: AsyncSession, view_id: int, f: IncidentFilter, name: str, args: list[str],
               lang: str) -> tuple[str, list[list[Button]]]:
    """A filter menu: the prompt and its buttons (`st`, `sv`, `ct`, `ag`, `pd`, `rg`)."""
    choose = f"lst:s:{view_id}:"
    rows: list[list[Button]] = []
    if name == "st":
        items = [(_tick(t(f"status.incident.{s.value}", lang), s.value in f.statuses), f"{choose}st:{s.value}")
                 for s in STATUSES]
        rows = [items[i:i + 2] for i in range(0, len(items), 2)]
        rows.append([(t("review.b_open", lang), f"{choose}st:open"), (t("review.b_any", lang),
                                                                       f"lst:x:{view_id}:st")])
    elif name == "sv":
        severities = await filters.severities(session)
        items = [(_tick(s.label(lang), s.code in f.severities), f"{choose}sv:{s.code}") for s in severities]
        rows = [items[i:i + 2] for i in range(0, len(items), 2)]
        rows.append([(t("review.b_any", lang), f"lst:x:{view_id}:sv")])
    elif name == "ct":
        groups, categories = await filters.category_choices(session)
        rows += [[(_tick(f"📂 {g.label(lang)}", f.category_group == g.code), f"{choose}cg:{g.code}")]
                 for g in groups]  # group names are long: one a row
        items = [(_tick(c.label(lang), c.code in f.categories), f"{choose}ct:{c.code}") for c in categories]
        page = int(args[0]) if args and args[0].isdigit() else 0
        paged_rows, _ = paged(items, page=page, per_page=8, nav=f"lst:m:{view_id}:ct:", lang=lang)
        rows += paged_rows
        rows.append([(t("review.b_any", lang), f"lst:x:{view_id}:ct")])
    elif name == "ag":
        items = [(_tick(a.short, f.agency == a.code), f"{choose}ag:{a.code}")
                 for a in await regions.active_agencies(session)]
        rows = [items[i:i + 3] for i in range(0, len(items), 3)]
        rows.append([(t("review.b_any", lang), f"lst:x:{view_id}:ag")])
    elif name == "pd":
        items = [(t(f"review.period_{code}", lang), f"lst:p:{view_id}:{code}") for code in (*PERIOD_CODES, "all")]
        rows = [items[i:i + 3] for i in range(0, len(items), 3)]
    elif name == "rg":
        return await region_menu(session, view_id, f, args, lang)
    rows.append(done_row(view_id, lang))
    return t(f"review.menu_{name}", lang, filter=await filter_text(session, f, lang)), rows


async def region_menu(session: AsyncSession, view_id: int, f: IncidentFilter, args: list[str],
                      lang: str) -> tuple[str, list[list[Button]]]:
    """Browse the region tree: deeper with a region's button, "📍 Pilih" for the level shown."""
    code = args[0] if args and args[0] != "-" else None
    page = int(args[1]) if len(args) > 1 and args[1].isdigit() else 0
    current = await regions.get_region(session, code) if code else None
    items = [(_tick(region.name, f.region == region.code),
              f"lst:m:{view_id}:rg:{region.code}:0" if deeper else f"lst:s:{view_id}:rg:{region.code}")
             for region, deeper in await filters.region_choices(session, current.code if current else None)]
    rows, _ = paged(items, page=page, per_page=8, nav=f"lst:m:{view_id}:rg:{current.code if current else '-'}:",
                    lang=lang)
    if current is not None:
        rows.insert(0, [(t("common.this_level", lang, name=current.name), f"lst:s:{view_id}:rg:{current.code}")])
        rows.append([(t("common.back", lang), f"lst:m:{view_id}:rg:{current.parent_code or '-'}:0")])
    rows.append([(t("review.b_any", lang), f"lst:x:{view_id}:rg"), *done_row(view_id, lang)])
    return t("review.menu_rg", lang, filter=await filter_text(session, f, lang)), rows
