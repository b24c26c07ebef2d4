"""The sandbox as an ASGI app: the Bot API routes, file downloads and a small control API."""

from __future__ import annotations

import asyncio
import json
from typing import TYPE_CHECKING, Any

from starlette.applications import Starlette
from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from bot.sandbox.control import control_routes
from bot.sandbox.errors import ClientGoneError, InjectedNetworkError, client_gone_probe
from bot.sandbox.files import Files

if TYPE_CHECKING:
    from bot.sandbox.core import Sandbox

FAULT_HEADER = "x-sandbox-fault"
TRANSPORT_HEADER = "x-sandbox-transport"
NETWORK_TIMEOUT_DELAY = 30.0  # HTTP mode: how long an injected "timeout" keeps the client waiting
_MAX_FIELD = 16 * 1024 * 1024
DISCONNECT_GRACE = 0.2  # how long a terminated long poll waits to learn whether its client left


async def _read_params(request: Request) -> tuple[dict[str, Any], Files]:
    """Collect parameters from the query string and a form, multipart or JSON body."""
    params: dict[str, Any] = dict(request.query_params)
    files: Files = {}
    content_type = request.headers.get("content-type", "")
    if content_type.startswith("application/json"):
        body = await request.body()
        if body:
            data = json.loads(body)
            if isinstance(data, dict):
                params.update(data)
    elif content_type.startswith(("multipart/form-data", "application/x-www-form-urlencoded")):
        async with request.form(max_part_size=_MAX_FIELD) as form:  # closes the spooled upload files
            for key, value in form.multi_items():
                if isinstance(value, UploadFile):
                    files[key] = (value.filename or key, await value.read(), value.content_type)
                else:
                    params[key] = value
    return params, files


def create_app(sandbox: Sandbox) -> Starlette:
    """Return the Starlette app serving ``sandbox`` (Bot API, files, /sandbox control API)."""

    async def api(request: Request) -> Response:
        token, method = request.path_params["token"], request.path_params["method"]
        try:
            params, files = await _read_params(request)
        except ValueError:
            return JSONResponse(
                {"ok": False, "error_code": 400, "description": "Bad Request: can't parse request"},
                status_code=400,
            )

        async def client_gone() -> bool:
            # After the body, the next ASGI message is http.disconnect once the client is gone.
            try:
                message = await asyncio.wait_for(request.receive(), DISCONNECT_GRACE)
            except TimeoutError:
                return False
            return bool(message["type"] == "http.disconnect")

        probe = client_gone_probe.set(client_gone)
        try:
            status, body = await sandbox.handle(token, method, params, files)
        except ClientGoneError:
            return Response(status_code=499)
        except InjectedNetworkError as fault:
            if request.headers.get(TRANSPORT_HEADER) != "1" and fault.kind == "timeout":
                await asyncio.sleep(NETWORK_TIMEOUT_DELAY)  # a real client gives up first
            # The in-process transport turns this marker into httpx.ReadTimeout/RemoteProtocolError.
            return Response(
                status_code=599 if request.headers.get(TRANSPORT_HEADER) == "1" else 502,
                headers={FAULT_HEADER: fault.kind},
            )
        finally:
            client_gone_probe.reset(probe)
        return JSONResponse(body, status_code=status)

    async def download(request: Request) -> Response:
        token, path = request.path_params["token"], request.path_params["file_path"]
        file = sandbox.files_by_path.get(path)
        if token != sandbox.token or file is None:
            return JSONResponse({"ok": False, "error_code": 404, "description": "Not Found"}, status_code=404)
        return Response(file.content(), media_type=file.mime_type or "application/octet-stream")

    routes = [
        Route("/bot{token}/{method}", api, methods=["GET", "POST"]),
        Route("/file/bot{token}/{file_path:path}", download, methods=["GET"]),
        *control_routes(sandbox),
    ]
    return Starlette(routes=routes)
