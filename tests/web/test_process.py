"""The web admin in the real process: `python -m bot admin ...` manages accounts, and `python -m bot` serves the
admin beside the bot (one process, one event loop) until SIGTERM stops both cleanly."""

import signal
import subprocess
import sys

import httpx
import pytest

from tests.harness.processes import ROOT, child_env, free_port, sandbox_server, wait_for
from tests.web.conftest import PASSWORD, login

TOKEN = "7777777:WEB-smoke-token-must-never-leak"


def _admin(db_url: str, *args: str, password: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "bot", "admin", *args], cwd=ROOT, input=password, text=True,
                          env=child_env(DATABASE_URL=db_url), capture_output=True, timeout=60)


async def test_admin_accounts_from_the_command_line(db_url, web_app, client):
    created = _admin(db_url, "create", "Admin.Polri", "--role", "agency_admin", "--agency", "polri",
                     "--password-stdin", password=PASSWORD + "\n")
    assert created.returncode == 0 and "Akun admin.polri dibuat (agency_admin)." in created.stdout, created.stderr
    assert (await login(client, "admin.polri")).status_code == 303
    assert (await client.get("/admin/incidents")).status_code == 200
    refused = [
        _admin(db_url, "create", "admin.polri", "--role", "posko", "--password-stdin", password=PASSWORD),
        _admin(db_url, "create", "baru", "--role", "liaison", "--password-stdin", password=PASSWORD),
        _admin(db_url, "create", "pendek", "--role", "posko", "--password-stdin", password="rahasia"),
        _admin(db_url, "create", "x", "--role", "posko", "--password-stdin", password=PASSWORD),
    ]
    assert [r.returncode for r in refused] == [1, 1, 1, 1]
    assert "sudah dipakai" in refused[0].stderr and "membutuhkan instansi" in refused[1].stderr
    assert "minimal 10 karakter" in refused[2].stderr and "Nama pengguna: 3-64" in refused[3].stderr
    # a new password ends the open session
    changed = _admin(db_url, "passwd", "admin.polri", "--password-stdin", password="kata sandi yang baru sekali\n")
    assert changed.returncode == 0, changed.stderr
    gone = await client.get("/admin/incidents")
    assert gone.status_code == 303 and gone.headers["location"].startswith("/admin/login")
    assert (await login(client, "admin.polri")).status_code == 401
    assert (await login(client, "admin.polri", "kata sandi yang baru sekali")).status_code == 303
    # disabling ends it too, and no sign-in works afterwards
    assert _admin(db_url, "disable", "admin.polri").returncode == 0
    assert (await client.get("/admin/incidents")).status_code == 303
    assert (await login(client, "admin.polri", "kata sandi yang baru sekali")).status_code == 401
    unknown = _admin(db_url, "disable", "siapa")
    assert unknown.returncode == 1 and "Akun siapa tidak ada." in unknown.stderr


@pytest.mark.slow
def test_bot_process_serves_the_admin_and_stops_both_on_sigterm(db_url, tmp_path):
    created = _admin(db_url, "create", "boss", "--role", "superadmin", "--password-stdin", password=PASSWORD)
    assert created.returncode == 0, created.stderr
    port = free_port()
    web = f"http://127.0.0.1:{port}"
    with sandbox_server(TOKEN) as url:
        env = child_env(BOT_TOKEN=TOKEN, TELEGRAM_API_URL=url, DATABASE_URL=db_url, WEB_PORT=str(port),
                        WEB_HOST="127.0.0.1", WEB_SECRET_KEY="x" * 40, LOG_LEVEL="INFO")
        bot = subprocess.Popen([sys.executable, "-m", "bot"], cwd=tmp_path, env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)
        try:
            def answering() -> httpx.Response | None:
                try:
                    return httpx.get(f"{web}/", timeout=1)
                except httpx.HTTPError:
                    return None

            root = wait_for(answering)
            assert root.status_code == 302 and root.headers["location"] == "/admin"
            with httpx.Client(base_url=web, headers={"Origin": web}, timeout=5) as http:
                assert http.post("/admin/login", data={"username": "boss", "password": PASSWORD}).status_code == 303
                page = http.get("/admin/incidents")
                assert page.status_code == 200 and "Insiden" in page.text
                assert TOKEN.split(":")[1] not in page.text
            wait_for(lambda: any(c["method"] == "getUpdates" for c in httpx.get(f"{url}/sandbox/calls").json()))
        finally:
            bot.send_signal(signal.SIGTERM)
            output, _ = bot.communicate(timeout=30)
        assert bot.returncode == 0, output
        assert "web admin at http://127.0.0.1:" in output and "stopped cleanly" in output
        assert TOKEN.split(":")[1] not in output
    with pytest.raises(httpx.ConnectError):
        httpx.get(f"{web}/", timeout=1)
