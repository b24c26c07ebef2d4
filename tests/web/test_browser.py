"""The web admin in a real browser (Debian's chromium via Playwright), served by uvicorn in the test's event loop
beside the bot under test: the issue's scenario from sign-in to sign-out."""

import os
from pathlib import Path

import pytest

from db.models import WebRole
from tests.web.conftest import PASSWORD, make_account
from tests.web.scenario import guided_report, register

try:
    from playwright.async_api import Page, expect
except ImportError:  # the browser fixture explains; REQUIRE_BROWSER=1 makes it a failure there
    if os.environ.get("REQUIRE_BROWSER", "") in ("1", "true", "yes"):
        raise
    pytest.skip("browser tests skipped: Playwright is not installed (pip install -e '.[dev]')",
                allow_module_level=True)

SHOTS = os.environ.get("WEB_SCREENSHOTS")  # a folder to keep screenshots of each step in (for people, not asserts)


async def _shot(page: Page, name: str) -> None:
    if SHOTS:
        await page.screenshot(path=str(Path(SHOTS) / f"{name}.png"), full_page=True)  # Playwright makes the folder


async def test_admin_scenario_in_a_browser(sandbox, world, session_factory, live_server, browser):
    officer = await world.active_member(name="Bripka Sari", position="Bhabinkamtibmas")
    polri = await world.group("Polres Jaksel", members=[officer])
    await guided_report(sandbox, officer)  # INS-20241127-1: Provokasi, tinggi, photo and location
    alert = await sandbox.next_message(polri)
    other = await world.active_member(name="Brigadir Andi")
    await sandbox.say(other, "/lapor hoaks jaksel: pesan berantai soal TPS dipindah")  # INS-20241127-2: sedang
    applicant = sandbox.add_user("Rina", last_name="Wati")
    await register(sandbox, applicant)
    await make_account(session_factory, "admin.polri", WebRole.AGENCY_ADMIN, "POLRI")

    page = await (await browser.new_context()).new_page()
    page.set_default_timeout(15_000)
    # log in (the root sends an anonymous visitor to the login page)
    await page.goto(live_server + "/")
    await expect(page).to_have_url(f"{live_server}/admin/login?next=/admin/incidents")
    await page.fill("input[name=username]", "admin.polri")
    await page.fill("input[name=password]", PASSWORD)
    await page.click("#login")
    await expect(page).to_have_url(f"{live_server}/admin/incidents")
    rows = page.locator("#incidents tbody tr")
    await expect(rows).to_have_count(2)
    await _shot(page, "1-list")

    # filter the list: severity tinggi leaves the Provokasi report only
    await page.select_option("select[name=severity]", "tinggi")
    await page.click("#apply-filter")
    await expect(rows).to_have_count(1)
    await expect(rows.first).to_contain_text("INS-20241127-1")
    await expect(page.locator("#incidents")).not_to_contain_text("INS-20241127-2")

    # open it: the photo (served by the admin) and the timeline
    await page.click("text=INS-20241127-1")
    await expect(page.locator("h1")).to_contain_text("INS-20241127-1")
    photo = page.locator("img.evidence-photo")
    await expect(photo).to_have_count(1)
    await page.wait_for_function("() => document.querySelector('img.evidence-photo').complete")
    assert await photo.evaluate("img => img.naturalWidth") > 0  # the image arrived and decoded
    await expect(page.locator("#timeline")).to_contain_text("dilaporkan oleh Bripka Sari")
    await expect(page.locator("#map .incident-marker")).to_have_count(1)
    await _shot(page, "2-detail")

    # change its status with a note; the alert in the group chat is edited as after the button
    await page.fill("#resolve-form textarea[name=note]", "Selebaran disita, situasi kondusif.")
    await page.click("#resolve")
    await expect(page.locator(".flash.ok")).to_contain_text("ditandai selesai")
    await expect(page.locator("#timeline")).to_contain_text("diselesaikan oleh web:admin.polri")
    await sandbox.dispatch()
    assert "🏁 Selesai" in alert.text and "Selebaran disita, situasi kondusif." in alert.text
    assert alert.buttons == []
    await _shot(page, "3-resolved")

    # approve the pending registration; the person is told in Telegram
    await page.click("text=Pemangku kepentingan")
    await expect(page.locator("#pending")).to_contain_text("Rina Wati")
    await page.locator("#pending tr", has_text="Rina Wati").locator("button[value=approve]").click()
    await expect(page.locator(".flash.ok")).to_contain_text("Rina Wati disetujui")
    await expect(page.locator("#no-pending")).to_be_visible()
    told = await sandbox.next_message(applicant)
    assert "disetujui" in told.text

    # the map shows the incident's marker (the other report has no location)
    await page.click("header >> text=Peta")
    markers = page.locator("#map .incident-marker")
    await expect(markers).to_have_count(1)
    await markers.first.click(force=True)
    await expect(page.locator(".leaflet-popup-content")).to_contain_text("INS-20241127-1")
    await _shot(page, "4-map")

    # log out: the pages are closed again
    await page.click("#logout")
    await expect(page).to_have_url(f"{live_server}/admin/login?lang=id")
    await page.goto(live_server + "/admin/incidents")
    await expect(page).to_have_url(f"{live_server}/admin/login?next=/admin/incidents")
