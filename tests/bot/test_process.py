"""The bot as a real process: `python -m bot` against the simulated Telegram over HTTP, and its settings."""

import signal
import subprocess
import sys

import httpx
import pytest

from tests.harness.processes import ROOT, child_env, sandbox_server, wait_for

TOKEN = "7777777:SMOKE-token-must-never-be-logged"


def _bot_messages(url: str, chat_id: int) -> list[dict]:
    response = httpx.get(f"{url}/sandbox/messages", params={"chat_id": chat_id}, timeout=5)
    return [m for m in response.json() if m["from_bot"]]


@pytest.mark.slow
def test_bot_process_answers_start_and_stops_cleanly_on_sigterm(db_url, tmp_path):
    with sandbox_server(TOKEN) as url:
        user = httpx.post(f"{url}/sandbox/users", json={"first_name": "Sari"}, timeout=5).json()
        env = child_env(BOT_TOKEN=TOKEN, TELEGRAM_API_URL=url, DATABASE_URL=db_url, LOG_LEVEL="DEBUG",
                        OUTBOX_POLL_SECONDS="1")
        bot = subprocess.Popen([sys.executable, "-m", "bot"], cwd=tmp_path, env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)
        try:
            wait_for(lambda: any(c["method"] == "getUpdates" for c in httpx.get(f"{url}/sandbox/calls").json()))
            httpx.post(f"{url}/sandbox/say", json={"user_id": user["id"], "text": "/start"}, timeout=5)
            replies = wait_for(lambda: _bot_messages(url, user["id"]))
            assert "Selamat datang di Sinergi" in replies[0]["text"]
            commands = [c for c in httpx.get(f"{url}/sandbox/calls").json() if c["method"] == "setMyCommands"]
            assert len(commands) >= 4  # private and group menus, Indonesian and English
        finally:
            bot.send_signal(signal.SIGTERM)
            output, _ = bot.communicate(timeout=30)
        assert bot.returncode == 0, output
        assert "stopped cleanly" in output
        assert "command=/start outcome=ok" in output
        assert TOKEN not in output and TOKEN.split(":")[1] not in output
        rejected = httpx.get(f"{url}/sandbox/rejections").json()
        assert rejected == []


def _run_bot(env_overrides: dict[str, str], tmp_path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "bot"], cwd=tmp_path, env=child_env(**env_overrides),
                          capture_output=True, text=True, timeout=60)


@pytest.mark.parametrize(("name", "value"), [
    ("SUPERADMIN_IDS", "12345,abc"),
    ("DATABASE_URL", "mysql://localhost/db"),
    ("TELEGRAM_API_URL", "127.0.0.1:8081"),
    ("TIMEZONE", "Mars/Olympus"),
    ("DEFAULT_LANGUAGE", "fr"),
    ("LOG_LEVEL", "LOUD"),
    ("BOT_TOKEN", "not-a-token"),
    ("OUTBOX_POLL_SECONDS", "-1"),
])
def test_bad_setting_gives_one_line_and_exit_2(name, value, tmp_path):
    result = _run_bot({"BOT_TOKEN": "1:abc", name: value}, tmp_path)
    assert result.returncode == 2
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and name in lines[0], result.stderr
    assert result.stdout == ""


def test_missing_token_says_what_to_set(tmp_path):
    result = _run_bot({}, tmp_path)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [result.stderr.strip()]
    assert "BOT_TOKEN" in result.stderr


def test_settings_come_from_dotenv(tmp_path):
    (tmp_path / ".env").write_text("SUPERADMIN_IDS=oops\n", encoding="utf-8")
    result = _run_bot({}, tmp_path)
    assert result.returncode == 2 and "SUPERADMIN_IDS" in result.stderr


def test_seed_command_needs_no_token(db_url, tmp_path):
    result = subprocess.run([sys.executable, "-m", "bot", "seed"], cwd=tmp_path,
                            env=child_env(DATABASE_URL=db_url), capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "up to date" in result.stdout  # the test database was seeded already


def test_root_is_the_project(tmp_path):
    assert (ROOT / "pyproject.toml").exists()
