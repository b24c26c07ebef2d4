"""Choosing a region with buttons: province first, then deeper, "this level" at any depth, with paging.

Shared by registration, group registration and later dialogues; buttons read `<prefix>:rg:<code>`,
`<prefix>:here:<code>`, `<prefix>:pg:<parent>:<page>` and `<prefix>:back`.
"""

from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from bot.texts import t
from bot.ui import Button, paged
from db import regions
from db.errors import NotFound
from db.models import Region

PAGE_SIZE = 8


@dataclass
class Pick:
    """The outcome of one press: a chosen region, or where to browse next."""

    chosen: Region | None
    browse: str | None
    page: int = 0


async def step(session: AsyncSession, action: str, args: list[str], browse: str | None) -> Pick:
    """Apply a picker button (`rg`, `here`, `pg`, `back`) to the current browsing position."""
    if action == "back":
        current = await regions.get_region(session, browse) if browse else None
        return Pick(chosen=None, browse=current.parent_code if current else None)
    if action == "pg":
        target = None if not args or args[0] == "-" else args[0]
        page = int(args[1]) if len(args) > 1 and args[1].isdigit() else 0
        return Pick(chosen=None, browse=target, page=page)
    region = await regions.get_region(session, args[0] if args else "")
    if region is None:
        raise NotFound("people.region_unknown")
    if action == "here" or not await regions.has_children(session, region.code):
        return Pick(chosen=region, browse=region.parent_code)
    return Pick(chosen=None, browse=region.code)


async def rows(session: AsyncSession, *, browse: str | None, page: int, lang: str,
               prefix: str) -> tuple[Region | None, list[list[Button]]]:
    """The browsing position and its buttons: this level, the regions below (paged), back and cancel."""
    current = await regions.get_region(session, browse) if browse else None
    below = await regions.children(session, current.code if current else None)
    items = [(r.name, f"{prefix}:rg:{r.code}") for r in below]
    result, _ = paged(items, page=page, per_page=PAGE_SIZE, nav=f"{prefix}:pg:{current.code if current else '-'}:",
                      lang=lang)
    if current is not None:
        result.insert(0, [(t("common.this_level", lang, name=current.name), f"{prefix}:here:{current.code}")])
    result.append([(t("common.back", lang), f"{prefix}:back"), (t("common.cancel", lang), f"{prefix}:cancel")])
    return current, result
