"""Who sees which incidents — the one scoping function chat lists, the lapsit, exports and the web admin use.

Command post staff and super admins see everything; liaisons and agency admins the incidents their agency is
responsible for or informed of (and their own reports); members their own reports.
"""

import sqlalchemy as sa
from sqlmodel import col, select

from db.access import Actor, Cap
from db.models import Incident, IncidentAgency, IncidentStatus


def visible_incidents(actor: Actor) -> sa.ColumnElement[bool]:
    """A WHERE clause selecting the submitted incidents `actor` may see (apply it in the query)."""
    submitted = col(Incident.status) != IncidentStatus.DRAFT
    if actor.can(Cap.SEE_ALL_INCIDENTS):
        return submitted
    own = col(Incident.reporter_tg_id) == actor.tg_user_id
    if actor.can(Cap.SEE_AGENCY_INCIDENTS) and actor.agency_code:
        theirs = sa.exists(select(IncidentAgency.incident_id).where(
            col(IncidentAgency.incident_id) == col(Incident.id), col(IncidentAgency.agency_code) == actor.agency_code))
        return sa.and_(submitted, sa.or_(own, theirs))
    return sa.and_(submitted, own)


def agency_scope_code(actor: Actor) -> str | None:
    """The agency an actor's view is limited to (None: everything, or only their own reports for members)."""
    if actor.can(Cap.SEE_ALL_INCIDENTS):
        return None
    return actor.agency_code if actor.can(Cap.SEE_AGENCY_INCIDENTS) else None


def sees_reporter_names(actor: Actor, incident: Incident) -> bool:
    """Reporter names: the reporter's own agency from liaison up, command post staff, super admins, the reporter."""
    if actor.can(Cap.SEE_ALL_INCIDENTS) or actor.tg_user_id == incident.reporter_tg_id:
        return True
    return actor.can(Cap.SEE_AGENCY_INCIDENTS) and actor.agency_code == incident.reporter_agency_code
