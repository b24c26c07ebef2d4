"""Evidence: written once with its hash, never updated; a duplicate's evidence is linked by new rows."""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, func, select

from db import clock
from db.models import Evidence, EvidenceKind

MAX_ATTACHMENTS = 10
DOWNLOAD_LIMIT = 20 * 1024 * 1024  # the Bot API's getFile limit


@dataclass
class EvidenceInput:
    """What the Telegram layer learned about one piece of evidence (plain values, no Telegram types)."""

    kind: EvidenceKind
    file_id: str | None = None
    file_unique_id: str | None = None
    file_size: int | None = None
    mime_type: str | None = None
    file_name: str | None = None
    sha256: str | None = None
    hash_note: str | None = None
    text: str | None = None
    forward_origin_type: str | None = None
    forward_origin_name: str | None = None
    forward_origin_id: int | None = None
    forward_date: datetime | None = None
    source_chat_id: int | None = None
    source_message_id: int | None = None


def add(session: AsyncSession, incident_id: int, item: EvidenceInput, *, added_by: int | None) -> Evidence:
    """Record a piece of evidence for an incident (or a draft)."""
    row = Evidence(incident_id=incident_id, added_by_tg_id=added_by, added_at=clock.now(), **item.__dict__)
    session.add(row)
    return row


async def count_files(session: AsyncSession, incident_id: int) -> int:
    """How many files (not texts) an incident has."""
    return int(await session.scalar(select(func.count()).select_from(Evidence).where(
        Evidence.incident_id == incident_id, Evidence.kind != EvidenceKind.TEXT)) or 0)


async def list_for(session: AsyncSession, incident_id: int) -> list[Evidence]:
    """An incident's evidence in the order it came."""
    return list((await session.scalars(select(Evidence).where(Evidence.incident_id == incident_id)
                                       .order_by(col(Evidence.id)))).all())


async def copy_to(session: AsyncSession, source_incident_id: int, target_incident_id: int,
                  *, added_by: int | None) -> int:
    """Link a duplicate's evidence to its original as new rows (the originals stay untouched)."""
    copied = 0
    for item in await list_for(session, source_incident_id):
        values = {k: v for k, v in item.model_dump().items() if k not in ("id", "incident_id", "added_at",
                                                                          "added_by_tg_id", "copied_from_id")}
        session.add(Evidence(**values, incident_id=target_incident_id, copied_from_id=item.id,
                             added_by_tg_id=added_by, added_at=clock.now()))
        copied += 1
    return copied
