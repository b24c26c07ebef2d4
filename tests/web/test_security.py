"""The web admin's security over HTTP: every route closed without a session, cross-site requests refused, agency
scoping (404 for others' incidents, evidence and exports), the login throttle, cookies, and no bot token anywhere."""

import re

import httpx
from sqlmodel import select
from starlette.routing import Mount, Route

from bot.sandbox import TINY_PNG
from db.models import Evidence, IncidentStatus, WebRole
from tests.harness.telegram import TOKEN
from tests.web.conftest import ORIGIN, login, make_account
from tests.web.scenario import guided_report, incident, report_with_photo

# Static files: our stylesheet, the map script and Leaflet, and sqladmin's own CSS/JS. They hold no data and the
# login page needs them; everything else must be closed.
STATIC_MOUNTS = {"/admin/static", "/admin/data/statics"}
SAMPLE = {"incident_id": "1", "evidence_id": "1", "job_id": "x", "person_id": "1", "stage_id": "1",
          "meeting_id": "1", "identity": "audit-entry", "pk": "1", "export_type": "csv", "column_name": "action"}
UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}


def routes_of(app) -> list[tuple[str, str]]:
    """(path with sample parameters, method) for every route, walking into mounts (sqladmin's included)."""
    found: list[tuple[str, str]] = []

    def walk(routes, prefix: str) -> None:
        for route in routes:
            if isinstance(route, Mount):
                path = prefix + route.path
                if path in STATIC_MOUNTS:
                    continue
                walk(route.routes, path)
            elif isinstance(route, Route):
                path = re.sub(r"{(\w+)(:\w+)?}", lambda m: SAMPLE[m.group(1)], prefix + route.path)
                found.extend((path, method) for method in sorted(route.methods or {"GET"}) if method != "HEAD")
            else:
                raise AssertionError(f"a route of an unexpected kind: {route!r}")

    walk(app.routes, "")
    return found


async def _incidents_of_two_agencies(sandbox, world):
    """INS-20241127-1: Provokasi (POLRI), photo and location; INS-20241127-2: DPT (KPU only), photo."""
    officer = await world.active_member(name="Bripka Sari")
    await guided_report(sandbox, officer)
    kpu_staff = await world.active_member(name="Staf KPU", agency="KPU")
    kpu = await world.group("KPU Jaksel", agency="KPU", members=[kpu_staff], bot_admin=True)
    await report_with_photo(sandbox, kpu_staff, kpu, "/lapor dpt jaksel: pemilih tidak ada di DPT", TINY_PNG)


def test_the_route_walk_sees_sqladmin_and_our_pages(web_app):
    paths = {path for path, _method in routes_of(web_app)}
    assert {"/admin/incidents", "/admin/incidents/1/act", "/admin/data/audit-entry/list",
            "/admin/data/audit-entry/delete", "/admin/data/login"} <= paths
    assert len(paths) > 30


async def test_every_route_is_closed_without_a_session(sandbox, world, web_app, client):
    await _incidents_of_two_agencies(sandbox, world)
    for path, method in routes_of(web_app):
        response = await client.request(method, path, follow_redirects=method == "GET")
        where = f"{method} {path}"
        if method == "GET":
            assert response.url.path == "/admin/login", where  # followed every redirect to the login page
            assert response.status_code == 200 and 'name="password"' in response.text, where
        elif path == "/admin/login":
            assert response.status_code == 401, where  # no credentials: refused
        else:
            assert response.status_code in (303, 401, 403), where
            if response.status_code == 303:
                assert response.headers["location"].startswith("/admin/login"), where
        assert "INS-2024" not in response.text, where
    static = await client.get("/admin/static/leaflet/leaflet.js")
    assert static.status_code == 200 and "Leaflet" in static.text[:2000]
    assert (await client.get("/admin/static/../templates/base.html")).status_code == 404


async def test_every_unsafe_route_refuses_a_cross_site_request(sandbox, world, session_factory, web_app, client):
    await _incidents_of_two_agencies(sandbox, world)
    await make_account(session_factory, "super", WebRole.SUPERADMIN)
    await login(client, "super")
    first = await incident(session_factory, "INS-20241127-1")
    unsafe = [(path.replace("/incidents/1/", f"/incidents/{first.id}/"), method)
              for path, method in routes_of(web_app) if method in UNSAFE]
    assert len(unsafe) >= 10
    forged = {"action": "resolve", "note": "ditutup dari situs lain"}
    for path, method in unsafe:
        for headers in ({"Origin": "https://evil.example"}, {"Origin": "null", "Referer": "https://evil.example/x"},
                        {"Origin": "http://admin.test.evil.example"}):
            response = await client.request(method, path, headers=headers, data=forged)
            assert response.status_code == 403 and "cross-site" in response.text, (method, path, headers)
    # a browser that sends no Origin must at least send our Referer
    bare = httpx.AsyncClient(transport=client._transport, base_url=ORIGIN, cookies=client.cookies)
    async with bare:
        assert (await bare.post(f"/admin/incidents/{first.id}/act", data=forged)).status_code == 403
        assert (await incident(session_factory, "INS-20241127-1")).status == IncidentStatus.NEW
        ok = await bare.post(f"/admin/incidents/{first.id}/act", data=forged,
                             headers={"Referer": f"{ORIGIN}/admin/incidents/{first.id}"})
    assert ok.status_code == 303  # the same request from our own page goes through
    assert (await incident(session_factory, "INS-20241127-1")).status == IncidentStatus.RESOLVED


async def test_an_agency_admin_gets_404_for_another_agencys_incident_evidence_and_export(
        sandbox, world, session_factory, web_app):
    await _incidents_of_two_agencies(sandbox, world)
    await make_account(session_factory, "admin.polri", WebRole.AGENCY_ADMIN, "POLRI")
    await make_account(session_factory, "admin.kpu", WebRole.AGENCY_ADMIN, "KPU")
    kpu_incident = await incident(session_factory, "INS-20241127-2")
    async with session_factory() as session:
        (photo,) = (await session.scalars(select(Evidence).where(Evidence.incident_id == kpu_incident.id))).all()
    transport = httpx.ASGITransport(app=web_app)
    async with httpx.AsyncClient(transport=transport, base_url=ORIGIN, headers={"Origin": ORIGIN}) as kpu, \
            httpx.AsyncClient(transport=transport, base_url=ORIGIN, headers={"Origin": ORIGIN}) as polri:
        await login(kpu, "admin.kpu")
        await login(polri, "admin.polri")
        detail = f"/admin/incidents/{kpu_incident.id}"
        evidence = f"{detail}/evidence/{photo.id}"
        # the KPU admin sees them, ...
        assert (await kpu.get(detail)).status_code == 200
        assert (await kpu.get(evidence)).content == TINY_PNG
        started = await kpu.post("/admin/exports", data={"format": "csv"})
        job = started.headers["location"]
        await web_app.state.exports.wait(job.rsplit("/", 1)[1])
        assert "INS-20241127-2" in (await kpu.get(f"{job}/file")).content.decode("utf-8-sig")
        # ... the Polri admin does not: their URLs are "not found", and acting on them changes nothing
        for path in (detail, evidence, job, f"{job}/file"):
            response = await polri.get(path)
            assert response.status_code == 404 and "INS-20241127-2" not in response.text, path
        acted = await polri.post(f"{detail}/act", data={"action": "note", "note": "dari instansi lain"})
        assert acted.status_code == 404
        listed = (await polri.get("/admin/incidents")).text
        assert "INS-20241127-1" in listed and "INS-20241127-2" not in listed
        points = (await polri.get("/admin/map/points")).json()["points"]
        assert [p["number"] for p in points] == ["INS-20241127-1"]
        own = await polri.post("/admin/exports", data={"format": "csv", "agency": "KPU"})
        await web_app.state.exports.wait(own.headers["location"].rsplit("/", 1)[1])
        exported = (await polri.get(own.headers["location"] + "/file")).content.decode("utf-8-sig")
        assert "INS-20241127-2" not in exported  # asking for KPU's incidents does not widen the scope
    await web_app.state.exports.close()


async def test_the_throttle_engages_after_repeated_bad_passwords(sandbox, session_factory, web_app, clock):
    await make_account(session_factory, "admin.polri", WebRole.AGENCY_ADMIN, "POLRI")

    def client_from(address: str) -> httpx.AsyncClient:
        transport = httpx.ASGITransport(app=web_app, client=(address, 40000))
        return httpx.AsyncClient(transport=transport, base_url=ORIGIN, headers={"Origin": ORIGIN})

    async with client_from("10.0.0.1") as attacker, client_from("10.0.0.2") as colleague:
        for _ in range(5):
            assert (await login(attacker, "admin.polri", "tebakan-salah-123")).status_code == 401
        throttled = await login(attacker, "admin.polri")  # even the right password waits now
        assert throttled.status_code == 429 and "Coba lagi dalam 15 menit" in throttled.text
        assert int(throttled.headers["retry-after"]) == 15 * 60
        assert (await login(colleague, "admin.polri")).status_code == 429  # the account is locked everywhere
        clock.advance(minutes=15, seconds=1)
        assert (await login(colleague, "admin.polri")).status_code == 303
        # per address: guessing across many names from one address stops too
        for n in range(10):
            assert (await login(attacker, f"nama{n}", "tebakan-salah-123")).status_code == 401
        assert (await login(attacker, "admin.polri")).status_code == 429
        assert (await login(colleague, "admin.polri")).status_code == 303


async def test_cookies_are_http_only_same_site_and_expire(sandbox, session_factory, settings, web_app, client,
                                                          clock):
    await make_account(session_factory, "posko", WebRole.POSKO)
    response = await login(client, "posko")
    cookie = response.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=lax" in cookie and "max-age=28800" in cookie and "path=/admin" in cookie
    assert "secure" not in cookie
    clock.advance(hours=11)
    assert (await client.get("/admin/incidents")).status_code == 200
    clock.advance(hours=1, minutes=1)  # no session outlives 12 hours, however busy
    expired = await client.get("/admin/incidents")
    assert expired.status_code == 303 and expired.headers["location"].startswith("/admin/login")
    from bot.web.app import create_web_app

    https_app = create_web_app(settings.model_copy(update={"web_public_url": "https://sinergi.example.go.id"}),
                               web_app.state.session_factory, None)
    transport = httpx.ASGITransport(app=https_app)
    async with httpx.AsyncClient(transport=transport, base_url="https://sinergi.example.go.id",
                                 headers={"Origin": "https://sinergi.example.go.id"}) as https:
        secure = await login(https, "posko")
    assert "secure" in secure.headers["set-cookie"].lower()


async def test_the_bot_token_appears_in_no_response(sandbox, world, session_factory, web_app, client):
    await _incidents_of_two_agencies(sandbox, world)
    await make_account(session_factory, "super", WebRole.SUPERADMIN)
    secret = TOKEN.split(":", 1)[1]
    responses = [await client.get("/admin/incidents"), await login(client, "super")]
    visited: set[str] = set()
    queue = ["/admin/incidents", "/admin/map", "/admin/map/points", "/admin/people", "/admin/stages",
             "/admin/meetings", "/admin/data/", "/admin/data/audit-entry/list"]
    while queue and len(visited) < 80:  # follow our links (incident pages, evidence files, exports)
        path = queue.pop(0)
        if path in visited:
            continue
        visited.add(path)
        response = await client.get(path)
        responses.append(response)
        if response.headers.get("content-type", "").startswith("text/html"):
            queue += [link for link in re.findall(r'(?:href|src)="(/admin/(?:incidents|data)/[^"?#]*)"', response.text)
                      if "/static" not in link]
    started = await client.post("/admin/exports", data={"format": "xlsx"})
    await web_app.state.exports.wait(started.headers["location"].rsplit("/", 1)[1])
    responses.append(await client.get(started.headers["location"] + "/file"))
    assert any("/evidence/" in str(r.url) and r.status_code == 200 for r in responses)
    for response in responses:
        blob = response.content + str(response.headers).encode()
        assert TOKEN.encode() not in blob and secret.encode() not in blob, response.url
    assert (await client.get("/admin/incidents/1/evidence/999")).status_code == 404


async def test_documents_download_instead_of_running_in_our_pages(sandbox, world, session_factory, client):
    reporter = await world.active_member()
    group = await world.group(members=[reporter], bot_admin=True)
    page = sandbox.add_file(b"<script>alert(document.cookie)</script>", kind="document", mime_type="text/html",
                            file_name="bukti.html")
    shared = await sandbox.say(reporter, chat=group, document=page)
    await sandbox.say(reporter, "/lapor hoaks jaksel: halaman palsu beredar", chat=group, reply_to=shared)
    await make_account(session_factory, "posko", WebRole.POSKO)
    await login(client, "posko")
    found = await incident(session_factory, "INS-20241127-1")
    async with session_factory() as session:
        (item,) = (await session.scalars(select(Evidence).where(Evidence.incident_id == found.id))).all()
    served = await client.get(f"/admin/incidents/{found.id}/evidence/{item.id}")
    assert served.status_code == 200 and served.content.startswith(b"<script>")
    assert served.headers["content-type"] == "application/octet-stream"
    assert served.headers["content-disposition"] == 'attachment; filename="bukti.html"'
    assert "sandbox" in served.headers["content-security-policy"]
    assert served.headers["x-content-type-options"] == "nosniff"
