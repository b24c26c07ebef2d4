"""The lapsit's figures on a fixed dataset: each section exact, scoped per role, nothing for an empty day."""

from datetime import datetime
from itertools import count

from db import lapsit
from db.access import Actor
from db.models import (
    CategoryRole,
    Incident,
    IncidentAgency,
    IncidentStatus,
    Meeting,
    MeetingAgency,
    MeetingStatus,
    Role,
    Stakeholder,
    Status,
)
from db.stages import WIB

NOW = datetime(2024, 11, 28, 6, 0, tzinfo=WIB)  # the morning report after voting day
_uids = count(1)


def wib(*args: int) -> datetime:
    return datetime(*args, tzinfo=WIB)


def incident(session, number: str | None, *, category: str, severity: str, status: IncidentStatus, region: str,
             reported_at: datetime, reporter_tg_id: int = 555) -> Incident:
    """An incident as intake would have stored it."""
    row = Incident(number=number, category_code=category, severity_code=severity, status=status, region_code=region,
                   reported_at=reported_at, description="uraian", reporter_tg_id=reporter_tg_id,
                   reporter_name="Pelapor")
    session.add(row)
    return row


async def add_incidents(session_factory, specs: list[dict]) -> None:
    """Insert incidents and each agency's part (specs: `incident`'s arguments plus agencies: {code: (role, acked)})."""
    async with session_factory() as session, session.begin():
        rows = [(incident(session, **{k: v for k, v in spec.items() if k != "agencies"}), spec["agencies"])
                for spec in specs]
        await session.flush()
        for row, agencies in rows:
            for code, (role, acked) in agencies.items():
                session.add(IncidentAgency(incident_id=row.id, agency_code=code, role=role, acknowledged_at=acked))


RESP, INFO = CategoryRole.RESPONSIBLE, CategoryRole.INFORMED
DATASET = [
    # in the past 24 hours, open, BAWASLU has not acknowledged within 15 minutes (tinggi)
    dict(number="INS-20241127-1", category="POLITIK_UANG", severity="tinggi", status=IncidentStatus.NEW,
         region="31.74.01", reported_at=wib(2024, 11, 27, 10),
         agencies={"BAWASLU": (RESP, None), "POLRI": (INFO, None)}),
    # in the past 24 hours, open, acknowledged in time
    dict(number="INS-20241127-2", category="BENTROKAN", severity="kritis", status=IncidentStatus.ACKNOWLEDGED,
         region="31.73", reported_at=wib(2024, 11, 27, 20), agencies={"POLRI": (RESP, wib(2024, 11, 27, 20, 3))}),
    # in the past 24 hours, resolved
    dict(number="INS-20241127-3", category="LOGISTIK", severity="sedang", status=IncidentStatus.RESOLVED,
         region="31.74", reported_at=wib(2024, 11, 27, 12), agencies={"KPU": (RESP, wib(2024, 11, 27, 12, 30))}),
    # older, still open, POLRI never acknowledged (rendah: 4 hours)
    dict(number="INS-20241125-1", category="UNJUK_RASA", severity="rendah", status=IncidentStatus.IN_PROGRESS,
         region="32.76", reported_at=wib(2024, 11, 25, 9), agencies={"POLRI": (RESP, None)}),
    # older and closed: in no section
    dict(number="INS-20241126-1", category="POLITIK_UANG", severity="sedang", status=IncidentStatus.RESOLVED,
         region="31.74", reported_at=wib(2024, 11, 26, 9), agencies={"BAWASLU": (RESP, wib(2024, 11, 26, 9, 5))}),
    # exactly 24 hours old (the window is the 24 hours up to now, the start excluded) and rejected: nowhere
    dict(number="INS-20241127-0", category="HOAKS_DISINFORMASI", severity="sedang", status=IncidentStatus.REJECTED,
         region="36.74", reported_at=wib(2024, 11, 27, 6), agencies={"POLRI": (RESP, wib(2024, 11, 27, 6, 10))}),
    # a draft is nobody's incident yet
    dict(number=None, category="BENTROKAN", severity="kritis", status=IncidentStatus.DRAFT, region="31.74",
         reported_at=wib(2024, 11, 27, 23), agencies={}),
]


async def add_meetings(session_factory) -> None:
    """Today's meetings (one POLRI's, one KPU's with BAWASLU invited), a cancelled one and tomorrow's."""
    async with session_factory() as session, session.begin():
        rows = [Meeting(uid=f"m{i}@test", title=title, starts_at=at, place_text=place, organizer_tg_id=1,
                        organizer_agency_code=agency, status=status)
                for i, (title, at, place, agency, status) in enumerate([
                    ("Rakor evaluasi", wib(2024, 11, 28, 10), "Polda Metro Jaya", "POLRI", MeetingStatus.SCHEDULED),
                    ("Pleno <rekap>", wib(2024, 11, 28, 14), None, "KPU", MeetingStatus.SCHEDULED),
                    ("Dibatalkan", wib(2024, 11, 28, 9), None, "POLRI", MeetingStatus.CANCELLED),
                    ("Besok", wib(2024, 11, 29, 9), None, "POLRI", MeetingStatus.SCHEDULED)])]
        session.add_all(rows)
        await session.flush()
        session.add(MeetingAgency(meeting_id=rows[1].id, agency_code="BAWASLU"))


def actor(role: Role, agency: str) -> Actor:
    return Actor(tg_user_id=next(_uids), stakeholder=Stakeholder(
        tg_user_id=0, full_name="X", agency_code=agency, region_code="31", position="p", role=role,
        status=Status.ACTIVE))


async def test_full_view_has_exact_figures_per_section(session_factory):
    await add_incidents(session_factory, DATASET)
    await add_meetings(session_factory)
    async with session_factory() as session:
        report = await lapsit.build(session, actor=lapsit.COMMAND_POST_VIEW, now=NOW)
    assert report.agency_code is None
    assert [s.code for s in report.stages] == ["PENGHITUNGAN_REKAPITULASI", "PENYAMPAIAN_HASIL_TPS",
                                               "REKAP_KECAMATAN"]
    recent = report.recent
    assert recent.total == 3
    assert recent.regions == {"31.74": 2, "31.73": 1}
    assert recent.groups == {"pelanggaran": 1, "kamtibmas": 1, "teknis": 1}
    assert recent.severities == {"tinggi": 1, "kritis": 1, "sedang": 1}
    assert recent.statuses == {"new": 1, "acknowledged": 1, "resolved": 1}
    opened = report.open
    assert opened.total == 3
    assert opened.regions == {"31.74": 1, "31.73": 1, "32.76": 1}
    assert opened.statuses == {"new": 1, "acknowledged": 1, "in_progress": 1}
    assert [i.number for i in report.open_items] == ["INS-20241127-2", "INS-20241127-1", "INS-20241125-1"]
    assert [(o.number, o.agency_code, o.deadline) for o in report.overdue] == [
        ("INS-20241125-1", "POLRI", wib(2024, 11, 25, 13)), ("INS-20241127-1", "BAWASLU", wib(2024, 11, 27, 10, 15))]
    assert [m.title for m in report.meetings] == ["Rakor evaluasi", "Pleno <rekap>"]


async def test_agency_views_are_their_part(session_factory):
    await add_incidents(session_factory, DATASET)
    await add_meetings(session_factory)
    async with session_factory() as session:
        polri = await lapsit.build(session, actor=actor(Role.LIAISON, "POLRI"), now=NOW)
        bawaslu = await lapsit.build(session, actor=actor(Role.AGENCY_ADMIN, "BAWASLU"), now=NOW)
        kpu = await lapsit.build(session, actor=actor(Role.LIAISON, "KPU"), now=NOW)
        posko = await lapsit.build(session, actor=actor(Role.POSKO, "POLRI"), now=NOW)
    assert polri.agency_code == "POLRI" and posko.agency_code is None
    assert (polri.recent.total, polri.open.total) == (2, 3)  # informed of the money-politics report
    assert [(o.number, o.agency_code) for o in polri.overdue] == [("INS-20241125-1", "POLRI")]
    assert [m.title for m in polri.meetings] == ["Rakor evaluasi"]
    assert (bawaslu.recent.total, bawaslu.open.total) == (1, 1)
    assert [(o.number, o.agency_code) for o in bawaslu.overdue] == [("INS-20241127-1", "BAWASLU")]
    assert [m.title for m in bawaslu.meetings] == ["Pleno <rekap>"]  # invited
    assert (kpu.recent.total, kpu.open.total, kpu.overdue) == (1, 0, [])
    assert [m.title for m in kpu.meetings] == ["Pleno <rekap>"]
    assert (posko.recent.total, posko.open.total, len(posko.overdue)) == (3, 3, 2)


async def test_an_empty_day(session_factory):
    async with session_factory() as session:
        report = await lapsit.build(session, actor=lapsit.COMMAND_POST_VIEW, now=wib(2025, 1, 10, 6))
    assert (report.stages, report.recent.total, report.open.total, report.overdue, report.meetings) == (
        [], 0, 0, [], [])


async def test_daily_rows_once_per_command_post_and_day(session_factory):
    from datetime import time

    from sqlmodel import select

    from db.models import Chat, ChatType, OutboxMessage

    async with session_factory() as session, session.begin():
        session.add_all([Chat(tg_chat_id=-1, type=ChatType.GROUP, region_code="31", is_command_post=True),
                         Chat(tg_chat_id=-2, type=ChatType.GROUP, region_code="31", is_command_post=True, active=False),
                         Chat(tg_chat_id=-3, type=ChatType.GROUP, region_code="31", agency_code="POLRI")])
    for now in (wib(2024, 11, 27, 8), wib(2024, 11, 27, 23, 59), wib(2024, 11, 28, 5, 59)):
        async with session_factory() as session, session.begin():
            await lapsit.ensure_daily(session, at=time(6, 0), now=now)
    async with session_factory() as session, session.begin():
        await lapsit.ensure_daily(session, at=time(6, 0), now=wib(2024, 11, 28, 6, 0))
    async with session_factory() as session:
        rows = (await session.scalars(select(OutboxMessage).order_by(OutboxMessage.id))).all()
    assert [(r.chat_id, r.due_at, r.not_after, r.dedupe_key) for r in rows] == [
        (-1, wib(2024, 11, 28, 6), wib(2024, 11, 28, 12), "lapsit:-1:2024-11-28"),
        (-1, wib(2024, 11, 29, 6), wib(2024, 11, 29, 12), "lapsit:-1:2024-11-29")]
