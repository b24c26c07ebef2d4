"""The audit log: every registration, role and group decision, and every admin edit."""

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from db.models import AuditEntry


def record(session: AsyncSession, *, actor_tg_id: int | None, action: str, subject: str = "",
           actor_label: str = "", **detail: Any) -> AuditEntry:
    """Add an audit entry in the caller's transaction."""
    entry = AuditEntry(actor_tg_id=actor_tg_id, actor_label=actor_label or (
        f"telegram:{actor_tg_id}" if actor_tg_id is not None else "system"), action=action, subject=subject,
        detail=detail)
    session.add(entry)
    return entry
