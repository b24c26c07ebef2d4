"""Real processes for smoke tests: the simulated Telegram over HTTP and `python -m bot` against it."""

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def child_env(**overrides: str) -> dict[str, str]:
    """The environment for a child process: ours minus the project's settings, plus `overrides`."""
    env = {k: v for k, v in os.environ.items() if k not in {
        "BOT_TOKEN", "DATABASE_URL", "SUPERADMIN_IDS", "TELEGRAM_API_URL", "LOG_LEVEL", "TIMEZONE",
        "DEFAULT_LANGUAGE", "OUTBOX_POLL_SECONDS", "WEB_HOST", "WEB_PORT", "WEB_SECRET_KEY", "WEB_PUBLIC_URL",
        "MAP_TILE_URL", "COMMAND_POST_DIGEST_MINUTES", "REPORT_RATE_LIMIT", "DUPLICATE_WINDOW_MINUTES",
        "MEETING_REMINDER_MINUTES", "STAGE_REMINDER_DAYS", "LAPSIT_TIME"}}
    env["PYTHONPATH"] = str(ROOT)
    env["WEB_PORT"] = "0"  # no web admin unless a test asks for one: parallel runs must not fight over :8080
    env.update(overrides)
    return env


@contextmanager
def sandbox_server(token: str) -> Iterator[str]:
    """Run `python -m bot.sandbox` on a free port; yield its root URL."""
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "bot.sandbox", "--port", str(port), "--token", token],
                               cwd=ROOT, env=child_env(), stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               text=True)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{url}/bot{token}/getMe", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.1)
        else:
            raise RuntimeError("the sandbox server did not start")
        yield url
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.communicate()


def wait_for(predicate, timeout: float = 20.0, interval: float = 0.1):  # type: ignore[no-untyped-def]
    """Poll `predicate` until it returns something truthy; return it (or raise after `timeout`)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError("condition not met in time")
