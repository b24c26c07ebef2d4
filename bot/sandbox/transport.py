"""An httpx transport that talks to a sandbox in-process, plus PTB request helpers."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import httpx
from telegram.request import HTTPXRequest

from bot.sandbox.asgi import FAULT_HEADER, TRANSPORT_HEADER, create_app

if TYPE_CHECKING:
    from bot.sandbox.core import Sandbox


class SandboxTransport(httpx.AsyncBaseTransport):
    """Route httpx requests to the sandbox's ASGI app and apply injected network faults.

    An injected "timeout" raises httpx.ReadTimeout and "drop" raises httpx.RemoteProtocolError,
    which PTB turns into TimedOut and NetworkError as with a real connection.
    """

    def __init__(self, sandbox: Sandbox) -> None:
        self.sandbox = sandbox
        self._inner = httpx.ASGITransport(app=create_app(sandbox))

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        """Send the request to the app; turn the app's fault marker into the httpx exception."""
        request.headers[TRANSPORT_HEADER] = "1"
        response = await self._inner.handle_async_request(request)
        fault = response.headers.get(FAULT_HEADER)
        if fault is None:
            return response
        await response.aclose()
        if fault == "timeout":
            raise httpx.ReadTimeout("sandbox: injected read timeout", request=request)
        raise httpx.RemoteProtocolError("sandbox: server disconnected without sending a response", request=request)

    async def aclose(self) -> None:
        """Close the inner transport."""
        await self._inner.aclose()


def make_request(sandbox: Sandbox, **kwargs: Any) -> HTTPXRequest:
    """Return a PTB HTTPXRequest whose traffic goes to ``sandbox`` in-process.

    ``kwargs`` are HTTPXRequest's own (read_timeout, connection_pool_size...); an
    ``httpx_kwargs`` dict among them is merged with the sandbox transport.
    """
    httpx_kwargs = {**kwargs.pop("httpx_kwargs", {}), "transport": SandboxTransport(sandbox)}
    return HTTPXRequest(httpx_kwargs=httpx_kwargs, **kwargs)
