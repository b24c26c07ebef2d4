"""Serve the sandbox over HTTP: ``python -m bot.sandbox --host 127.0.0.1 --port 8081 [--token T]``."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import signal
import socket
import sys
from collections.abc import Generator

import uvicorn

from bot.sandbox.asgi import create_app
from bot.sandbox.core import Sandbox
from bot.sandbox.flood import FloodLimits


class _Server(uvicorn.Server):
    """A uvicorn server that exits with status 0 on SIGTERM/SIGINT.

    uvicorn's own handler re-raises the signal after shutdown, which would make the process
    die "killed by SIGTERM"; a clean stop is what supervisors and tests expect.
    """

    @contextlib.contextmanager
    def capture_signals(self) -> Generator[None, None, None]:
        """Turn SIGTERM/SIGINT into a graceful shutdown request."""
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(sig, self._request_exit)
        try:
            yield
        finally:
            for sig in (signal.SIGTERM, signal.SIGINT):
                loop.remove_signal_handler(sig)

    def __init__(self, config: uvicorn.Config, sandbox: Sandbox) -> None:
        super().__init__(config)
        self.sandbox = sandbox

    def _request_exit(self) -> None:
        self.should_exit = True
        self.sandbox.close_polls()


async def serve(host: str, port: int, sandbox: Sandbox) -> None:
    """Run the HTTP server until a stop signal; print the URL once listening."""
    config = uvicorn.Config(
        create_app(sandbox),
        host=host,
        port=port,
        log_level="warning",
        lifespan="off",
        timeout_graceful_shutdown=2,  # do not wait out long polls when asked to stop
    )
    server = _Server(config, sandbox)
    ready = asyncio.Event()
    original_startup = server.startup

    async def startup(sockets: list[socket.socket] | None = None) -> None:
        await original_startup(sockets)
        ready.set()

    server.startup = startup  # type: ignore[method-assign]
    task = asyncio.create_task(server.serve())
    waiter = asyncio.create_task(ready.wait())
    await asyncio.wait({task, waiter}, return_when=asyncio.FIRST_COMPLETED)
    waiter.cancel()
    if server.started:
        print(f"Telegram sandbox listening on http://{host}:{port} (bot token {sandbox.token})", flush=True)
    await task


def main(argv: list[str] | None = None) -> int:
    """Parse arguments and serve."""
    parser = argparse.ArgumentParser(prog="python -m bot.sandbox", description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8081)
    parser.add_argument("--token", default="123456:TEST")
    parser.add_argument("--bot-username", default="sinergi_test_bot")
    parser.add_argument("--no-flood", action="store_true", help="disable flood control (benchmarks)")
    args = parser.parse_args(argv)
    sandbox = Sandbox(args.token, bot_username=args.bot_username, flood=FloodLimits(enabled=not args.no_flood))
    asyncio.run(serve(args.host, args.port, sandbox))
    return 0


if __name__ == "__main__":
    sys.exit(main())
