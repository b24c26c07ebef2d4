"""Rendering web pages: Jinja2 templates (autoescaped) with the text catalog, WIB times, and flash messages."""

from datetime import datetime
from pathlib import Path
from typing import Any

from markupsafe import Markup
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.templating import Jinja2Templates

from bot.render import fmt_dt
from bot.texts import DEFAULT_LANG, LANGUAGES, esc, has, t
from db.errors import DomainError

HERE = Path(__file__).resolve().parent
LANGS = LANGUAGES
templates = Jinja2Templates(directory=HERE / "templates")
templates.env.autoescape = True


def _when(value: datetime | None) -> str:
    return fmt_dt(value) if value is not None else "–"


templates.env.filters["wib"] = _when


def domain_message(error: DomainError, lang: str) -> Markup:
    """A refusal from a service in the user's language (catalog texts are Telegram HTML with escaped values)."""
    key = error.key if has(error.key) else "web.error"
    params = {name: esc(value) if isinstance(value, str) else value for name, value in error.params.items()}
    return Markup(t(key, lang, **params))  # the catalog's own markup; user values escaped above


def flash(request: Request, kind: str, key: str, **params: Any) -> None:
    """A message for the next page (after a redirect): `ok` or `error`, a web text key and its values."""
    request.session["flash"] = {"kind": kind, "key": key, "params": {k: str(v) for k, v in params.items()}}


def flash_error(request: Request, error: DomainError) -> None:
    """Keep a service's refusal for the next page."""
    request.session["flash"] = {"kind": "error", "key": error.key if has(error.key) else "web.error",
                                "params": {k: v if isinstance(v, int) else str(v) for k, v in error.params.items()},
                                "catalog": True}


def _take_flash(request: Request, lang: str) -> dict[str, Any] | None:
    data = request.session.pop("flash", None) if "session" in request.scope else None
    if not isinstance(data, dict) or not has(str(data.get("key", ""))):
        return None
    params = data.get("params") or {}
    if data.get("catalog"):
        text: str | Markup = domain_message(DomainError(data["key"], **params), lang)
    else:
        text = t(data["key"], lang, **params)
    return {"kind": data.get("kind", "ok"), "text": text}


def page(request: Request, template: str, *, lang: str, status_code: int = 200,
         headers: dict[str, str] | None = None, **context: Any) -> Response:
    """Render a template with `tr` (the catalog in `lang`), the flash message and the context."""
    def tr(key: str, **params: Any) -> str:
        return t(key, lang, **params)

    error = context.pop("error", None)
    if isinstance(error, tuple):
        error = tr(error[0], **error[1])
    return templates.TemplateResponse(request, template, {
        "tr": tr, "lang": lang if lang in LANGS else DEFAULT_LANG, "flash": _take_flash(request, lang),
        "error": error, **context}, status_code=status_code, headers=headers)


def redirect(path: str) -> RedirectResponse:
    """After a POST: see the result with a GET (303)."""
    return RedirectResponse(path, status_code=303)
