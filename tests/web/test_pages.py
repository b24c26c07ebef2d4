"""The web admin's pages over HTTP: sign-in, the incident list with the chat's filters, the detail with its timeline
and evidence, actions announced in the chats, people, stages, meetings, the map, exports and sqladmin."""

import csv
import io
from datetime import timedelta

from sqlmodel import col, select

from bot.sandbox import TINY_PNG
from db.models import (
    AuditEntry,
    IncidentEvent,
    IncidentStatus,
    OutboxMessage,
    OutboxStatus,
    Stakeholder,
    Status,
    WebRole,
)
from tests.web.conftest import login, make_account
from tests.web.scenario import guided_report, incident, register, report_with_photo


async def _two_incidents(sandbox, world):
    """INS-20241127-1: Provokasi with photo and location (POLRI); INS-20241127-2: DPT (KPU), an hour later."""
    officer = await world.active_member(name="Bripka Sari", position="Bhabinkamtibmas")
    polri = await world.group("Polres Jaksel", members=[officer])
    await guided_report(sandbox, officer)
    polri_alert = await sandbox.next_message(polri)
    kpu_staff = await world.active_member(name="Staf KPU", agency="KPU")
    kpu = await world.group("KPU Jaksel", agency="KPU", members=[kpu_staff], bot_admin=True)
    await report_with_photo(sandbox, kpu_staff, kpu, "/lapor dpt jaksel: pemilih tidak ada di DPT", TINY_PNG)
    return polri_alert, kpu


async def test_login_list_filters_sort_and_paging(sandbox, world, session_factory, client, clock):
    await _two_incidents(sandbox, world)
    await make_account(session_factory, "posko", WebRole.POSKO)
    response = await login(client, "posko")
    assert response.status_code == 303 and response.headers["location"] == "/admin/incidents"
    page = (await client.get("/admin/incidents")).text
    assert "INS-20241127-1" in page and "INS-20241127-2" in page and "2 insiden" in page
    by_words = (await client.get("/admin/incidents", params={"q": "provokasi"})).text  # the chat's words
    assert "INS-20241127-1" in by_words and "INS-20241127-2" not in by_words
    by_agency = (await client.get("/admin/incidents", params={"agency": "KPU"})).text
    assert "INS-20241127-2" in by_agency and "INS-20241127-1" not in by_agency
    by_severity = (await client.get("/admin/incidents", params={"severity": "tinggi"})).text
    assert "INS-20241127-1" in by_severity and "INS-20241127-2" not in by_severity
    ascending = (await client.get("/admin/incidents", params={"sort": "number", "dir": "asc"})).text
    assert ascending.index("INS-20241127-1") < ascending.index("INS-20241127-2")
    descending = (await client.get("/admin/incidents", params={"sort": "number", "dir": "desc"})).text
    assert descending.index("INS-20241127-2") < descending.index("INS-20241127-1")
    bad = (await client.get("/admin/incidents", params={"agency": "NOPE", "since": "27-11-2024"})).text
    assert "Instansi itu tidak dikenal" in bad and "Tanggal harus berbentuk" in bad
    tomorrow = (clock.now() + timedelta(days=1)).date().isoformat()
    assert "Tidak ada insiden yang cocok" in (await client.get("/admin/incidents", params={"since": tomorrow})).text


async def test_paging_keeps_the_filter(sandbox, world, session_factory, client):
    for n in range(26):  # one more than a page; each in a private chat (a chat takes about one message a second)
        officer = await world.active_member()
        await sandbox.say(officer, f"/lapor hoaks jaksel: pesan berantai nomor {n}")
    await make_account(session_factory, "polri", WebRole.AGENCY_ADMIN, "POLRI")
    await login(client, "polri")
    first = (await client.get("/admin/incidents", params={"q": "hoaks"})).text
    assert "Halaman 1 dari 2" in first and "q=hoaks&amp;sort=reported&amp;dir=desc&amp;page=2" in first
    second = (await client.get("/admin/incidents", params={"q": "hoaks", "page": "2"})).text
    assert "Halaman 2 dari 2" in second and second.count('href="/admin/incidents/') == 1


async def test_detail_photo_timeline_and_resolve_edits_the_alerts(sandbox, world, session_factory, client):
    polri_alert, _kpu = await _two_incidents(sandbox, world)
    await make_account(session_factory, "admin.polri", WebRole.AGENCY_ADMIN, "POLRI")
    await login(client, "admin.polri")
    first = await incident(session_factory, "INS-20241127-1")
    page = (await client.get(f"/admin/incidents/{first.id}")).text
    assert "Sekelompok orang membagikan selebaran" in page and "dilaporkan oleh Bripka Sari" in page
    assert 'data-lat="-6.2745"' in page
    evidence_url = page.split('<img src="')[1].split('"')[0]
    photo = await client.get(evidence_url)
    assert photo.status_code == 200 and photo.content == TINY_PNG and photo.headers["content-type"] == "image/jpeg"
    response = await client.post(f"/admin/incidents/{first.id}/act",
                                 data={"action": "resolve", "note": "Selebaran disita, situasi kondusif."})
    assert response.status_code == 303
    after = (await client.get(f"/admin/incidents/{first.id}")).text
    assert "ditandai selesai" in after and "diselesaikan oleh web:admin.polri: Selebaran disita" in after
    await sandbox.dispatch()
    assert "🏁 Selesai" in polri_alert.text and "Selebaran disita, situasi kondusif." in polri_alert.text
    assert polri_alert.buttons == []
    async with session_factory() as session:
        events = (await session.scalars(select(IncidentEvent).where(IncidentEvent.incident_id == first.id)
                                        .order_by(col(IncidentEvent.id)))).all()
        audit = (await session.scalars(select(AuditEntry).where(AuditEntry.action == "web.incident.resolve"))).all()
    assert [(e.kind, e.actor_label) for e in events][-1] == ("resolved", "web:admin.polri")
    assert [a.actor_label for a in audit] == ["web:admin.polri"]


async def test_take_note_and_bad_input(sandbox, world, session_factory, client):
    polri_alert, _kpu = await _two_incidents(sandbox, world)
    await make_account(session_factory, "admin.polri", WebRole.AGENCY_ADMIN, "POLRI")
    await login(client, "admin.polri")
    first = await incident(session_factory, "INS-20241127-1")
    await client.post(f"/admin/incidents/{first.id}/act", data={"action": "take"})
    await sandbox.dispatch()
    assert "🛠 Ditangani oleh web:admin.polri" in polri_alert.text
    await client.post(f"/admin/incidents/{first.id}/act", data={"action": "note", "note": "Tim meluncur."})
    empty = await client.post(f"/admin/incidents/{first.id}/act", data={"action": "resolve", "note": "   "},
                              follow_redirects=True)
    assert "Catatan tidak boleh kosong." in empty.text
    dup = await client.post(f"/admin/incidents/{first.id}/act", data={"action": "duplicate", "original": "INS-1"},
                            follow_redirects=True)
    assert "Laporan INS-1 tidak ditemukan." in dup.text
    async with session_factory() as session:
        kinds = (await session.scalars(select(IncidentEvent.kind).where(IncidentEvent.incident_id == first.id)
                                       .order_by(col(IncidentEvent.id)))).all()
    assert kinds == ["created", "taken", "acknowledged", "note"]
    assert (await incident(session_factory, "INS-20241127-1")).status == IncidentStatus.IN_PROGRESS


async def test_approve_and_reject_registrations_tell_the_applicants(sandbox, world, session_factory, client):
    rina, dodi = sandbox.add_user("Rina"), sandbox.add_user("Dodi")
    await register(sandbox, rina)
    await register(sandbox, dodi)
    await make_account(session_factory, "admin.polri", WebRole.AGENCY_ADMIN, "POLRI")
    await login(client, "admin.polri")
    page = (await client.get("/admin/people")).text
    assert "Rina" in page and "Dodi" in page
    async with session_factory() as session:
        people = {p.full_name: p for p in (await session.scalars(select(Stakeholder))).all()}
    ok = await client.post(f"/admin/people/{people['Rina'].id}/decide",
                           data={"decision": "approve", "application_no": "1"}, follow_redirects=True)
    assert "Rina disetujui" in ok.text
    await client.post(f"/admin/people/{people['Dodi'].id}/decide", data={"decision": "reject", "application_no": "1"})
    assert "disetujui" in (await sandbox.next_message(rina)).text
    assert "ditolak" in (await sandbox.next_message(dodi)).text
    stale = await client.post(f"/admin/people/{people['Dodi'].id}/decide",
                              data={"decision": "approve", "application_no": "1"}, follow_redirects=True)
    assert "Pendaftaran ini sudah diputuskan." in stale.text
    role = await client.post(f"/admin/people/{people['Rina'].id}/role", data={"role": "liaison"},
                             follow_redirects=True)
    assert "Peran Rina diubah" in role.text
    async with session_factory() as session:
        rina_row = await session.get(Stakeholder, people["Rina"].id)
        dodi_row = await session.get(Stakeholder, people["Dodi"].id)
        web_audit = (await session.scalars(select(AuditEntry.action).where(
            col(AuditEntry.actor_label) == "web:admin.polri").order_by(col(AuditEntry.id)))).all()
    assert rina_row.status == Status.ACTIVE and rina_row.role.value == "liaison"
    assert dodi_row.status == Status.REJECTED
    assert web_audit == ["web.login", "web.registration.approved", "web.registration.rejected", "web.role.changed"]


async def test_stage_edit_moves_its_reminders(sandbox, world, session_factory, client, settings):
    await world.group("Polres Jaksel")
    await make_account(session_factory, "super", WebRole.SUPERADMIN)
    await login(client, "super")
    assert "Pemungutan" in (await client.get("/admin/stages")).text
    from db import stages

    async with session_factory() as session:
        stage = next(s for s in await stages.list_stages(session) if s.start_date and s.start_date.isoformat()
                     > "2024-11-27")
    form = (await client.get(f"/admin/stages/{stage.id}")).text
    assert stage.name_id in form
    start = "2024-11-28"
    saved = await client.post(f"/admin/stages/{stage.id}", data={
        "start_date": start, "end_date": start, "start_time": "", "end_time": "",
        "guidance_id": stage.guidance_id, "guidance_en": stage.guidance_en}, follow_redirects=True)
    assert "disimpan" in saved.text
    async with session_factory() as session:
        rows = (await session.scalars(select(OutboxMessage).where(OutboxMessage.subject == f"stage:{stage.id}")
                                      .order_by(col(OutboxMessage.id)))).all()
        audit = (await session.scalars(select(AuditEntry.action).where(
            col(AuditEntry.subject) == f"stage:{stage.id}").order_by(col(AuditEntry.id)))).all()
    pending = [r for r in rows if r.status == OutboxStatus.PENDING]
    assert pending and all(r.payload["start"] == start for r in pending)
    assert audit == ["stage.dates_changed", "web.stage.edited"]
    bad = await client.post(f"/admin/stages/{stage.id}", data={
        "start_date": "2024-11-30", "end_date": "2024-11-29", "guidance_id": stage.guidance_id,
        "guidance_en": stage.guidance_en}, follow_redirects=True)
    assert "Akhir tahapan harus sesudah awalnya" in bad.text
    async with session_factory() as session:
        undated = next(s for s in await stages.list_stages(session) if s.start_date is None)
    guidance = await client.post(f"/admin/stages/{undated.id}", data={
        "start_date": "", "end_date": "", "guidance_id": "Arahan baru.", "guidance_en": undated.guidance_en},
        follow_redirects=True)
    assert "disimpan" in guidance.text
    async with session_factory() as session:
        undated = await stages.get_stage(session, undated.id)
    assert undated.guidance_id == "Arahan baru." and undated.start_date is None


async def test_export_of_the_current_list(sandbox, world, session_factory, client):
    await _two_incidents(sandbox, world)
    await make_account(session_factory, "posko", WebRole.POSKO, language="en")
    await login(client, "posko")
    started = await client.post("/admin/exports", data={"format": "csv", "agency": "KPU"})
    assert started.status_code == 303
    job_id = started.headers["location"].rsplit("/", 1)[1]
    await client._transport.app.state.exports.wait(job_id)  # type: ignore[attr-defined]
    status = (await client.get(started.headers["location"])).text
    assert "Ready: 1 incidents." in status
    file = await client.get(f"/admin/exports/{job_id}/file")
    assert file.status_code == 200 and "attachment" in file.headers["content-disposition"]
    rows = list(csv.reader(io.StringIO(file.content.decode("utf-8-sig"))))
    assert len(rows) == 2 and rows[1][0] == "INS-20241127-2"


async def test_data_pages_are_for_superadmins(sandbox, world, session_factory, client):
    await make_account(session_factory, "admin.polri", WebRole.AGENCY_ADMIN, "POLRI")
    await make_account(session_factory, "super", WebRole.SUPERADMIN)
    await login(client, "admin.polri")
    assert (await client.get("/admin/data/")).status_code == 403
    assert (await client.get("/admin/data/audit-entry/list")).status_code == 403
    await client.post("/admin/logout")
    await login(client, "super")
    index = await client.get("/admin/data/")
    assert index.status_code == 200
    audit = await client.get("/admin/data/audit-entry/list")
    assert audit.status_code == 200 and "web.login" in audit.text


async def test_meetings_reschedule_and_cancel_tell_the_groups(sandbox, world, session_factory, client):
    from tests.bot.meetings_steps import latest_meeting, schedule

    organiser = await world.liaison(name="Kompol Budi")
    group = await world.group("Polres Jaksel", members=[organiser])
    await schedule(sandbox, organiser, title="Rakor pengamanan debat")
    invitation = await sandbox.next_message(group)
    assert "Rakor pengamanan debat" in invitation.text
    meeting = await latest_meeting(session_factory)
    await make_account(session_factory, "budi", WebRole.LIAISON, "POLRI", stakeholder_tg_id=organiser.id)
    await make_account(session_factory, "tni", WebRole.AGENCY_ADMIN, "TNI")
    await login(client, "tni")
    assert "Rakor pengamanan debat" not in (await client.get("/admin/meetings")).text
    assert (await client.get(f"/admin/meetings/{meeting.id}")).status_code == 404
    await client.post("/admin/logout")
    await login(client, "budi")
    assert "Rakor pengamanan debat" in (await client.get("/admin/meetings")).text
    moved = await client.post(f"/admin/meetings/{meeting.id}", data={"action": "reschedule", "day": "2024-11-29",
                                                                    "time": "10:00"}, follow_redirects=True)
    assert "dijadwalkan ulang" in moved.text
    notice = await sandbox.next_message(group)
    assert "Rapat dijadwalkan ulang" in notice.text and "29/11/2024 10:00" in notice.text
    past = await client.post(f"/admin/meetings/{meeting.id}", data={"action": "reschedule", "day": "2024-11-01",
                                                                   "time": "10:00"}, follow_redirects=True)
    assert "Waktu rapat sudah lewat" in past.text
    await client.post(f"/admin/meetings/{meeting.id}", data={"action": "cancel"})
    assert "Rapat dibatalkan" in (await sandbox.next_message(group)).text
    async with session_factory() as session:
        actions = (await session.scalars(select(AuditEntry.action).where(
            col(AuditEntry.actor_label) == "web:budi").order_by(col(AuditEntry.id)))).all()
    assert actions == ["web.login", "web.meeting.rescheduled", "web.meeting.cancelled"]


async def test_map_tiles_come_from_the_configured_server_only(sandbox, world, session_factory, settings):
    import httpx

    from bot.web.app import create_web_app
    from tests.web.conftest import ORIGIN

    await make_account(session_factory, "posko", WebRole.POSKO)
    tiles = "https://{s}.tiles.example.org/{z}/{x}/{y}.png"
    for tile_url, img_src in ((tiles, "img-src 'self' data: https://*.tiles.example.org;"),
                              ("", "img-src 'self' data:;")):
        app = create_web_app(settings.model_copy(update={"map_tile_url": tile_url}), session_factory, None)
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url=ORIGIN,
                                     headers={"Origin": ORIGIN}) as http:
            await login(http, "posko")
            response = await http.get("/admin/map")
        assert f'data-tiles="{tile_url}"' in response.text
        assert img_src in response.headers["content-security-policy"]
