"""The sandbox served over real HTTP by ``python -m bot.sandbox``."""

from __future__ import annotations

import asyncio
import os
import select
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "123456:HTTPTEST"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _read_line(process: subprocess.Popen[str], timeout: float) -> str:
    assert process.stdout is not None
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        ready, _, _ = select.select([process.stdout], [], [], 0.1)
        if ready:
            return process.stdout.readline()
        if process.poll() is not None:
            break
    raise AssertionError(f"no output from the sandbox server (exit code {process.poll()})")


@contextmanager
def _server(*args: str) -> Iterator[tuple[str, str, subprocess.Popen[str]]]:
    """Run the server; yield (base URL, its ready line, the process). Killed if still running at the end."""
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "bot.sandbox", "--host", "127.0.0.1", "--port", str(port), *args],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        line = _read_line(process, timeout=15)
        yield f"http://127.0.0.1:{port}", line, process
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        if process.stdout:
            process.stdout.close()


def test_serves_over_http_and_stops_on_sigterm() -> None:
    with _server("--token", TOKEN) as (base, line, process):
        assert base in line
        with httpx.Client(base_url=base, timeout=5) as client:
            me = client.get(f"/bot{TOKEN}/getMe").json()
            assert me["ok"] and me["result"]["is_bot"] and me["result"]["username"] == "sinergi_test_bot"
            assert client.get("/botWRONG/getMe").status_code == 404
            user = client.post("/sandbox/users", json={"first_name": "Ani"}).json()
            assert client.post("/sandbox/say", json={"user_id": user["id"], "text": "/start"}).json()["delivered"]
            updates = client.post(f"/bot{TOKEN}/getUpdates", data={"timeout": "1"}).json()["result"]
            assert updates[0]["message"]["text"] == "/start"
            form = {"chat_id": str(user["id"]), "text": "<b>hai</b>", "parse_mode": "HTML"}
            sent = client.post(f"/bot{TOKEN}/sendMessage", data=form).json()
            assert sent["result"]["entities"][0]["type"] == "bold"
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=10) == 0


def test_sigint_answers_pending_long_polls_and_exits_0() -> None:
    answers: list[dict[str, object]] = []
    with _server() as (base, _, process):

        def poll() -> None:
            answers.append(httpx.post(f"{base}/bot123456:TEST/getUpdates", data={"timeout": "30"}, timeout=40).json())

        poller = threading.Thread(target=poll)
        poller.start()
        time.sleep(0.3)
        started = time.monotonic()
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=10) == 0
        poller.join(timeout=10)
        assert answers == [{"ok": True, "result": []}]
        assert time.monotonic() - started < 3


async def _polls(base: str) -> None:
    poll = f"{base}/bot123456:TEST/getUpdates"
    async with httpx.AsyncClient(timeout=40) as first, httpx.AsyncClient(timeout=40) as second:
        # A client that gives up its poll (PTB stopping) and then confirms the offset is not refused.
        abandoned = asyncio.create_task(first.post(poll, data={"timeout": "30"}))
        await asyncio.sleep(0.3)
        abandoned.cancel()
        await asyncio.sleep(0.05)
        assert (await second.post(poll, data={"timeout": "0"})).json() == {"ok": True, "result": []}
        assert (await second.get(f"{base}/sandbox/rejections")).json() == []
        # Two live pollers: the older one is terminated with 409, like Telegram does.
        waiting = asyncio.create_task(first.post(poll, data={"timeout": "30"}))
        await asyncio.sleep(0.3)
        await second.post(poll, data={"timeout": "0"})
        answer = await waiting
        assert answer.status_code == 409
        assert "terminated by other getUpdates request" in answer.json()["description"]


def test_abandoned_long_poll_is_not_a_rejection_but_a_live_one_gets_409() -> None:
    with _server() as (base, _, process):
        asyncio.run(_polls(base))
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=10) == 0
