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
    """A ready text from the catalog: payload {"key": ..., "params": {...}} (params already escaped)."""
    payload = ctx.payload
    return Rendered(text=t(payload["key"], ctx.lang, **payload.get("params", {})))
