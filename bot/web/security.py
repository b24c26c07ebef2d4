"""Cross-site request refusal and security headers, as plain ASGI middleware around the whole web app.

CSRF: sqladmin's forms carry no token and its delete is a JavaScript DELETE, so rather than tokens on our forms
only, every unsafe request (POST, PUT, PATCH, DELETE) anywhere in the app must come from a page of this app: its
Origin (or, when a browser sends none, its Referer) must be the app's own origin or WEB_PUBLIC_URL's. Browsers
always send Origin on cross-site POSTs and a page cannot forge it, so a form on another site is refused with 403.
"""

from urllib.parse import urlsplit

from starlette.datastructures import Headers, MutableHeaders
from starlette.responses import PlainTextResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def origin_of(url: str) -> str | None:
    """`scheme://host[:port]` of a URL, lower-case; None when it has none."""
    parts = urlsplit(url.strip())
    if not parts.scheme or not parts.netloc:
        return None
    return f"{parts.scheme}://{parts.netloc}".lower()


class OriginCheck:
    """Refuse unsafe requests whose Origin/Referer is not this app (403), before anything else runs."""

    def __init__(self, app: ASGIApp, public_url: str = "") -> None:
        self.app = app
        self.public_origin = origin_of(public_url) if public_url else None

    def _allowed(self, scope: Scope, headers: Headers) -> set[str]:
        allowed = {self.public_origin} if self.public_origin else set()
        host = headers.get("host")
        if host:
            allowed.add(f"{scope.get('scheme', 'http')}://{host}".lower())
        return allowed

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Pass safe requests on; check the source of unsafe ones."""
        if scope["type"] == "http" and scope["method"] in UNSAFE_METHODS:
            headers = Headers(scope=scope)
            source = headers.get("origin")
            if not source or source == "null":  # "null": sandboxed frames and some redirects; not a page of ours
                referer = headers.get("referer")
                source = origin_of(referer) if referer else None
            else:
                source = source.strip().lower()
            if source is None or source not in self._allowed(scope, headers):
                response = PlainTextResponse("403 Forbidden: cross-site request refused", status_code=403)
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)


def tile_origin(template: str) -> str | None:
    """The origin of a tile URL template for the CSP (`{s}` subdomains become a wildcard)."""
    if not template:
        return None
    parts = urlsplit(template.replace("{s}", "tiles-subdomain"))
    if not parts.scheme or not parts.netloc:
        return None
    return f"{parts.scheme}://{parts.netloc.replace('tiles-subdomain', '*')}"


class SecurityHeaders:
    """No framing, no MIME sniffing, no caching of pages with data, and a strict CSP on our own pages."""

    def __init__(self, app: ASGIApp, *, tile_url: str = "", static_prefix: str = "/admin/static",
                 data_prefix: str = "/admin/data") -> None:
        self.app = app
        images = " ".join(filter(None, ("'self' data:", tile_origin(tile_url))))
        self.csp = (f"default-src 'self'; img-src {images}; style-src 'self' 'unsafe-inline'; script-src 'self'; "
                    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'")
        self.static_prefix = static_prefix
        self.data_prefix = data_prefix

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Add the headers to every response start."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope.get("path", "")
        static = path.startswith(self.static_prefix) or path.startswith(f"{self.data_prefix}/statics")

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers.setdefault("X-Frame-Options", "DENY")
                headers.setdefault("X-Content-Type-Options", "nosniff")
                headers.setdefault("Referrer-Policy", "same-origin")
                if not static:
                    headers.setdefault("Cache-Control", "no-store")
                # sqladmin's own pages use inline scripts; they are for super admins only and get no CSP here
                if not path.startswith(self.data_prefix):
                    headers.setdefault("Content-Security-Policy", self.csp)
            await send(message)

        await self.app(scope, receive, with_headers)
