"""A generated incident dataset covering every role's scope, and the expected answers computed from it in plain
Python (never by calling the scoping function): who sees what, what each filter keeps, the statistics' figures."""

import random
import statistics
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import numpy
from sqlalchemy import insert, select

from db.access import Actor
from db.models import Evidence, Incident, IncidentAgency, IncidentEvent, Role, Stakeholder, Status

WIB = ZoneInfo("Asia/Jakarta")
NOW = datetime(2024, 11, 27, 8, 0, tzinfo=WIB)  # the harness clock
GROUPS = {"POLITIK_UANG": "pelanggaran", "NETRALITAS_ASN": "pelanggaran", "BENTROKAN": "kamtibmas",
          "HOAKS_DISINFORMASI": "kamtibmas", "GANGGUAN_TPS": "kamtibmas", "LOGISTIK": "teknis",
          "HAK_PILIH_DPT": "teknis"}
REGIONS = ["31.74", "31.74.01", "31.74.01.1001", "31.74.04", "31.71", "31.71.01", "31.73", "31.72", "31.75",
           "31.01", "32.76", "32.75", "36.74", "36.71", "31"]
AGENCIES = ["POLRI", "KPU", "BAWASLU", "TNI", "PEMDA"]
STATUSES = ["new"] * 3 + ["acknowledged"] * 2 + ["in_progress"] * 2 + ["resolved"] * 3 + ["rejected", "duplicate",
                                                                                            "draft"]
SEVERITIES = ["rendah", "sedang", "tinggi", "kritis"]
TEXTS = ["Massa berkumpul di depan kantor kecamatan", "Kotak suara rusak saat dibuka", "Hoaks beredar di grup WA",
         "Pembagian sembako oleh tim sukses", "Surat suara kurang di TPS", "Spanduk dirusak orang tak dikenal"]
PLACES = [None, "Pasar Minggu", "Jl. Sudirman", "Balai warga RW 05", None]


@dataclass
class Row:
    """One generated incident and what the database holds about it."""

    number: str | None
    status: str
    category: str
    severity: str
    region: str
    reported_at: datetime
    reporter_tg_id: int
    reporter_agency: str
    reporter_name: str
    description: str
    place: str | None
    agencies: dict[str, tuple[str, datetime | None]] = field(default_factory=dict)  # code -> (role, acked at)
    id: int = 0

    @property
    def group(self) -> str:
        return GROUPS[self.category]


@dataclass(frozen=True)
class Viewer:
    """Who looks: everything (posko, super admin), an agency's (liaison, agency admin) or only their own."""

    tg_id: int
    scope: str  # all, agency, own
    agency: str | None = None


def generate(reporters: list[tuple[int, str, str]], *, count: int = 150, seed: int = 8) -> list[Row]:
    """Incidents over the 12 days before NOW in every status (drafts too), region, category and agency mix;
    reporters are (tg id, agency, name) and report a fair share each."""
    rnd = random.Random(seed)
    rows = []
    for i in range(count):
        status = rnd.choice(STATUSES)
        reported_at = NOW - timedelta(minutes=rnd.randint(1, 12 * 24 * 60))
        chosen = rnd.sample(AGENCIES, rnd.randint(1, 3))
        parts: dict[str, tuple[str, datetime | None]] = {}
        for index, code in enumerate(chosen):
            role = "responsible" if index == 0 or rnd.random() < 0.4 else "informed"
            acked = None
            if role == "responsible" and rnd.random() < 0.6:
                acked = min(reported_at + timedelta(minutes=rnd.randint(1, 240)), NOW)
            parts[code] = (role, acked)
        tg_id, agency, name = reporters[i % len(reporters)]
        day = reported_at.astimezone(WIB).strftime("%Y%m%d")
        rows.append(Row(number=None if status == "draft" else f"INS-{day}-{1000 + i}", status=status,
                        category=rnd.choice(list(GROUPS)), severity=rnd.choice(SEVERITIES),
                        region=rnd.choice(REGIONS), reported_at=reported_at, reporter_tg_id=tg_id,
                        reporter_agency=agency, reporter_name=name, description=f"{rnd.choice(TEXTS)} #{i}",
                        place=rnd.choice(PLACES), agencies=parts))
    return rows


async def insert_rows(session_factory, rows: list[Row], *, events: bool = True, evidence: bool = True) -> None:
    """Bulk-insert the incidents (core INSERT, executemany), their agencies, timeline and evidence."""
    now = NOW.astimezone(ZoneInfo("UTC"))
    values = [dict(number=r.number, category_code=r.category, severity_code=r.severity, status=r.status,
                   region_code=r.region, place_text=r.place, description=r.description, reporter_tg_id=r.reporter_tg_id,
                   reporter_name=r.reporter_name, reporter_agency_code=r.reporter_agency, reporter_position="Petugas",
                   draft_data={}, reported_at=None if r.status == "draft" else r.reported_at, created_at=now,
                   updated_at=now) for r in rows]
    async with session_factory() as session, session.begin():
        await session.execute(insert(Incident.__table__), values)  # core executemany: 20,000 rows in a second
        ids = dict((await session.execute(select(Incident.number, Incident.id))).all())
        for row in rows:
            row.id = ids.get(row.number, 0)  # drafts have no number (nobody sees them; they need no parts)
        parts = [dict(incident_id=r.id, agency_code=code, role=role, acknowledged_at=acked, escalation_level=0)
                 for r in rows if r.number for code, (role, acked) in r.agencies.items()]
        await session.execute(insert(IncidentAgency.__table__), parts)
        if events:
            timeline = [dict(incident_id=r.id, at=r.reported_at, kind="created", actor_tg_id=r.reporter_tg_id,
                             actor_label=r.reporter_name, actor_agency_code=r.reporter_agency, agency_code=None,
                             detail={})
                        for r in rows if r.number]
            timeline += [dict(incident_id=r.id, at=acked, kind="acknowledged", actor_tg_id=1, actor_label="Penerima",
                              actor_agency_code=code, agency_code=code, detail={})
                         for r in rows if r.number for code, (_, acked) in r.agencies.items() if acked]
            await session.execute(insert(IncidentEvent.__table__), timeline)
        if evidence:
            # executemany needs the same keys in every row
            items = [dict(incident_id=r.id, kind="text", text=f"Pesan asli {r.number}", file_id=None,
                          file_unique_id=None, file_size=None, sha256=None, added_at=r.reported_at)
                     for r in rows[::5] if r.number]
            items += [dict(incident_id=r.id, kind="photo", text=None, file_id=f"photo-{r.id}",
                           file_unique_id=f"u{r.id}", file_size=2048, sha256="ab" * 32, added_at=r.reported_at)
                      for r in rows[::7] if r.number]
            await session.execute(insert(Evidence.__table__), items)


def visible(rows: list[Row], viewer: Viewer) -> list[Row]:
    """What the role table says the viewer sees: submitted incidents, all / their agency's or their own / own."""
    result = []
    for row in rows:
        if row.status == "draft":
            continue
        own = row.reporter_tg_id == viewer.tg_id
        if viewer.scope == "all" or own or (viewer.scope == "agency" and viewer.agency in row.agencies):
            result.append(row)
    return result


def wib_day(day: int, month: int = 11) -> datetime:
    return datetime(2024, month, day, tzinfo=WIB)


def keep(row: Row, *, statuses=None, categories=None, group=None, region=None, severities=None, agency=None,
         since=None, until=None, text=None) -> bool:
    """Whether a filter keeps the row (regions by their Kemendagri code prefix: a sub-region extends the code)."""
    return ((not statuses or row.status in statuses) and (not categories or row.category in categories)
            and (not group or row.group == group)
            and (not region or row.region == region or row.region.startswith(region + "."))
            and (not severities or row.severity in severities) and (not agency or agency in row.agencies)
            and (since is None or row.reported_at >= since) and (until is None or row.reported_at < until)
            and (not text or text.lower() in f"{row.description} {row.place or ''} {row.number}".lower()))


def newest_first(rows: list[Row]) -> list[str]:
    """Numbers in list order."""
    return [r.number for r in sorted(rows, key=lambda r: (r.reported_at, r.id), reverse=True)]


def per_day_by_group(rows: list[Row], first: datetime, days: int) -> dict[str, list[int]]:
    """Counts per WIB day (from `first`) and category group."""
    counts = {g: [0] * days for g in ("pelanggaran", "kamtibmas", "teknis")}
    for row in rows:
        index = (row.reported_at.astimezone(WIB).date() - first.date()).days
        if 0 <= index < days:
            counts[row.group][index] += 1
    return counts


def city_of(region: str) -> str:
    """The city (kab/kota) of a region code, or the province itself."""
    return ".".join(region.split(".")[:2])


def ack_minutes(rows: list[Row]) -> dict[str, tuple[int, float, float]]:
    """Per agency: acknowledgements, median and 90th percentile minutes (numpy's percentile as a second opinion)."""
    minutes: dict[str, list[float]] = {}
    for row in rows:
        for code, (_, acked) in row.agencies.items():
            if acked is not None:
                minutes.setdefault(code, []).append((acked - row.reported_at).total_seconds() / 60)
    return {code: (len(v), round(statistics.median(v), 1), round(float(numpy.percentile(v, 90)), 1))
            for code, v in minutes.items()}


MEMBER, LIAISON_KPU, ADMIN_BAWASLU, POSKO, OTHER_POLRI, OTHER_TNI = 501, 502, 503, 504, 505, 506
REPORTERS = [(MEMBER, "POLRI", "Bripda Anggota"), (LIAISON_KPU, "KPU", "Penghubung KPU"),
             (OTHER_POLRI, "POLRI", "Aiptu Lain"), (OTHER_TNI, "TNI", "Serda Lain"),
             (ADMIN_BAWASLU, "BAWASLU", "Admin B"), (777, "PEMDA", "Staf Pemda")]


def actor(tg_id: int, role: Role | None, agency: str = "POLRI") -> Actor:
    if role is None:
        return Actor(tg_user_id=tg_id, stakeholder=None, is_superadmin=True)
    return Actor(tg_user_id=tg_id, stakeholder=Stakeholder(
        tg_user_id=tg_id, full_name=f"P{tg_id}", agency_code=agency, region_code="31.74", position="x", role=role,
        status=Status.ACTIVE))


# db-level tests: actors that need no sandbox, and who they are in the role table
ROLES = {
    "member": (actor(MEMBER, Role.MEMBER), Viewer(MEMBER, "own")),
    "liaison_kpu": (actor(LIAISON_KPU, Role.LIAISON, "KPU"), Viewer(LIAISON_KPU, "agency", "KPU")),
    "admin_bawaslu": (actor(ADMIN_BAWASLU, Role.AGENCY_ADMIN, "BAWASLU"), Viewer(ADMIN_BAWASLU, "agency", "BAWASLU")),
    "posko": (actor(POSKO, Role.POSKO), Viewer(POSKO, "all")),
    "superadmin": (actor(900_001, None), Viewer(900_001, "all")),
}
