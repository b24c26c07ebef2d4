"""Renderers of the core's outbox kinds."""

from bot.outbox_render import RenderContext, Rendered, renderer
from bot.texts import esc, t


@renderer("chat_inactive")
async def render_chat_inactive(ctx: RenderContext) -> Rendered:
    """Tell a super admin that a group can no longer be reached."""
    payload = ctx.payload
    return Rendered(text=t("core.chat_inactive", ctx.lang, title=esc(payload.get("title") or "-"),
                           chat_id=payload["chat_id"], reason=esc(payload.get("reason", ""))))


@renderer("text")
async def render_text(ctx: RenderContext) -> Rendered:
    """A catalog text: payload {"key": ..., "params": {...}} with params escaped already; a param named
    `<name>_key` is itself a catalog key, translated into the recipient's language as `<name>`."""
    payload = ctx.payload
    params: dict[str, object] = {}
    for name, value in payload.get("params", {}).items():
        if name.endswith("_key"):
            params[name.removesuffix("_key")] = t(str(value), ctx.lang)
        else:
            params[name] = value
    return Rendered(text=t(payload["key"], ctx.lang, **params))
