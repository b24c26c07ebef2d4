"""The sandbox served over real HTTP by ``python -m bot.sandbox``."""

from __future__ import annotations

import os
import select
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

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


def test_serves_over_http_and_stops_on_sigterm() -> None:
    port = _free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen(
        [sys.executable, "-m", "bot.sandbox", "--host", "127.0.0.1", "--port", str(port), "--token", TOKEN],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        line = _read_line(process, timeout=15)
        assert f"http://127.0.0.1:{port}" in line
        base = f"http://127.0.0.1:{port}"
        with httpx.Client(base_url=base, timeout=5) as client:
            me = client.get(f"/bot{TOKEN}/getMe").json()
            assert me["ok"] and me["result"]["is_bot"] and me["result"]["username"] == "sinergi_test_bot"
            assert client.get("/botWRONG/getMe").status_code == 404
            user = client.post("/sandbox/users", json={"first_name": "Ani"}).json()
            assert client.post("/sandbox/say", json={"user_id": user["id"], "text": "/start"}).json()[
                "delivered"
            ]
            updates = client.post(f"/bot{TOKEN}/getUpdates", data={"timeout": "1"}).json()["result"]
            assert updates[0]["message"]["text"] == "/start"
            sent = client.post(
                f"/bot{TOKEN}/sendMessage",
                data={"chat_id": str(user["id"]), "text": "<b>hai</b>", "parse_mode": "HTML"},
            ).json()
            assert sent["result"]["entities"][0]["type"] == "bold"
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=10) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        if process.stdout:
            process.stdout.close()
        if process.stderr:
            process.stderr.close()


@pytest.mark.parametrize("sig", [signal.SIGINT])
def test_stops_on_sigint(sig: signal.Signals) -> None:
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "bot.sandbox", "--port", str(port)],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        _read_line(process, timeout=15)
        process.send_signal(sig)
        assert process.wait(timeout=10) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        if process.stdout:
            process.stdout.close()
