"""How an incident reads: the card used in summaries, alerts, detail views; digest lines; notices."""

from sqlalchemy.ext.asyncio import AsyncSession

from bot.render import fmt_dt, shorten
from bot.texts import esc, t
from db import evidence, regions
from db.models import Agency, Category, Incident, Severity

ICONS = {"rendah": "🟢", "sedang": "🟡", "tinggi": "🟠", "kritis": "🔴"}
ALERT_DESCRIPTION = 700  # enough to act on; the full text is in /insiden


async def labels(session: AsyncSession, incident: Incident, lang: str) -> dict[str, str]:
    """Category, severity, region and status of an incident as escaped display strings."""
    category = await session.get(Category, incident.category_code) if incident.category_code else None
    severity = await session.get(Severity, incident.severity_code) if incident.severity_code else None
    region = await regions.path_label(session, incident.region_code) if incident.region_code else None
    unknown = t("incident.unknown_part", lang)
    return {
        "category": esc(category.label(lang)) if category else unknown,
        "severity": esc(severity.label(lang)) if severity else unknown,
        "region": esc(region) if region else unknown,
        "status": t(f"status.incident.{incident.status.value}", lang),
        "icon": ICONS.get(incident.severity_code or "", "⚪️"),
    }


def place_text(incident: Incident, lang: str) -> str:
    """Place, polling station and coordinates, escaped."""
    parts = []
    if incident.place_text:
        parts.append(esc(incident.place_text))
    elif incident.tps:
        parts.append(t("incident.tps", lang, tps=esc(incident.tps)))
    if incident.latitude is not None and incident.longitude is not None:
        parts.append(f"📍 {incident.latitude:.5f}, {incident.longitude:.5f}")
    return " · ".join(parts) or "-"


async def reporter_text(session: AsyncSession, incident: Incident, *, names: bool) -> str:
    """Agency and position always; the name only where the reader may see it."""
    agency = await session.get(Agency, incident.reporter_agency_code) if incident.reporter_agency_code else None
    parts = [agency.short if agency else "", incident.reporter_position or ""]
    if names:
        parts.insert(0, incident.reporter_name)
    return esc(" — ".join(p for p in parts if p) or "-")


async def card(session: AsyncSession, incident: Incident, lang: str, *, names: bool,
               description_limit: int | None = ALERT_DESCRIPTION) -> str:
    """The incident as a block of HTML (description escaped and, for alerts, shortened)."""
    label = await labels(session, incident, lang)
    files = await evidence.count_files(session, incident.id) if incident.id else 0
    description = incident.description or "-"
    if description_limit is not None:
        description = shorten(description, description_limit)
    when = incident.occurred_at or incident.reported_at or incident.created_at
    return t("incident.card", lang, icon=label["icon"], title=incident.number or t("incident.draft_title", lang),
             category=label["category"], severity=label["severity"], status=label["status"],
             region=label["region"], place=place_text(incident, lang), when=fmt_dt(when),
             reporter=await reporter_text(session, incident, names=names),
             evidence=t("incident.evidence_count", lang, count=files) if files else t("incident.evidence_none", lang),
             description=esc(description))
