"""Serving the web admin with uvicorn inside the bot's event loop (one process, one loop).

uvicorn's own signal handling would restore the default SIGTERM action and re-raise it, killing the process
before the bot stops; the runner owns the signals, so the server here captures none and is stopped by setting
`should_exit`.
"""

import asyncio
import contextlib
import logging
import socket
from collections.abc import Iterator

import uvicorn
from starlette.types import ASGIApp

log = logging.getLogger(__name__)


class EmbeddedServer(uvicorn.Server):
    """uvicorn without signal handlers of its own."""

    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        """The runner handles SIGTERM/SIGINT and sets `should_exit`."""
        yield


def listen(host: str, port: int) -> socket.socket:
    """A listening socket on host:port (port 0: any free port); raises OSError when it is taken."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    return socket.create_server((host, port), family=family, backlog=128)


class WebServer:
    """A running web admin: its socket, server and task."""

    def __init__(self, app: ASGIApp, sock: socket.socket, *, proxy_headers: bool = True) -> None:
        self.app, self.sock = app, sock
        config = uvicorn.Config(app, lifespan="off", log_config=None, proxy_headers=proxy_headers,
                                server_header=False, timeout_graceful_shutdown=5)
        self.server = EmbeddedServer(config)
        self.task: asyncio.Task[None] | None = None

    @property
    def port(self) -> int:
        """The port it listens on."""
        return int(self.sock.getsockname()[1])

    def start(self) -> None:
        """Serve in a task of the running loop (the socket listens already: early connections wait for it)."""
        self.task = asyncio.create_task(self.server.serve(sockets=[self.sock]), name="web-admin")
        self.task.add_done_callback(_report)

    async def stop(self) -> None:
        """Finish the requests in flight and stop."""
        self.server.should_exit = True
        if self.task is not None:
            await self.task
        self.sock.close()
        exports = getattr(getattr(self.app, "state", None), "exports", None)
        if exports is not None:
            await exports.close()  # running exports stop, their files go


def _report(task: asyncio.Task[None]) -> None:
    if not task.cancelled() and task.exception() is not None:
        log.error("the web admin stopped", exc_info=task.exception())
