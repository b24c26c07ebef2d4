"""Reading an incident's timeline and checking who may see an incident (through the one scoping function)."""

from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from db.access import Actor
from db.incidents import by_number
from db.models import Incident, IncidentEvent
from db.scope import visible_incidents


async def events(session: AsyncSession, incident_id: int) -> list[IncidentEvent]:
    """The timeline, oldest first."""
    return list((await session.scalars(select(IncidentEvent).where(IncidentEvent.incident_id == incident_id)
                                       .order_by(col(IncidentEvent.at), col(IncidentEvent.id)))).all())


async def visible_by_number(session: AsyncSession, actor: Actor, number: str) -> Incident | None:
    """The incident with this number if the actor may see it (None otherwise: others get "not found")."""
    incident = await by_number(session, number)
    if incident is None:
        return None
    allowed = await session.scalar(select(Incident.id).where(Incident.id == incident.id, visible_incidents(actor)))
    return incident if allowed is not None else None
