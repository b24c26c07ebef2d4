"""Regions: the tree (province → city/regency → district → village), paths and lookups."""

from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from db.models import Agency, Region


async def get_region(session: AsyncSession, code: str) -> Region | None:
    """The active region with this Kemendagri code."""
    region = await session.get(Region, code)
    return region if region is not None and region.active else None


async def children(session: AsyncSession, parent_code: str | None) -> list[Region]:
    """Active regions directly below `parent_code` (provinces for None), in code order."""
    stmt = select(Region).where(Region.active)
    stmt = stmt.where(col(Region.parent_code).is_(None) if parent_code is None else Region.parent_code == parent_code)
    return list((await session.scalars(stmt.order_by(col(Region.code)))).all())


async def has_children(session: AsyncSession, code: str) -> bool:
    """Whether any active region lies below `code`."""
    return await session.scalar(select(Region.code).where(Region.parent_code == code, Region.active).limit(1)) \
        is not None


async def lineage(session: AsyncSession, code: str) -> list[Region]:
    """The region and its ancestors, nearest first (a village, its district, city, province)."""
    chain: list[Region] = []
    current = await session.get(Region, code)
    while current is not None and len(chain) < 8:
        chain.append(current)
        current = await session.get(Region, current.parent_code) if current.parent_code else None
    return chain


async def path_label(session: AsyncSession, code: str | None) -> str:
    """`Kebayoran Baru, Jakarta Selatan, DKI Jakarta` (plain text: escape before use in HTML)."""
    if code is None:
        return "-"
    return ", ".join(region.name for region in await lineage(session, code)) or code


async def descendant_codes(session: AsyncSession, code: str) -> list[str]:
    """The region and every region below it (for filters 'this region and its sub-regions')."""
    found = [code]
    frontier = [code]
    while frontier:
        rows = (await session.scalars(select(Region.code).where(col(Region.parent_code).in_(frontier)))).all()
        frontier = list(rows)
        found.extend(frontier)
    return found


async def active_agencies(session: AsyncSession) -> list[Agency]:
    """Agencies people may register with, in display order."""
    stmt = select(Agency).where(Agency.active).order_by(col(Agency.sort_order), col(Agency.code))
    return list((await session.scalars(stmt)).all())


async def get_agency(session: AsyncSession, code: str) -> Agency | None:
    """The active agency with this code."""
    agency = await session.get(Agency, code)
    return agency if agency is not None and agency.active else None
