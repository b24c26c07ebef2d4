"""Renderers of the people feature's outbox kinds: approval requests (and their edits), menus."""

from bot.menus import personal_commands
from bot.outbox_render import RenderContext, Rendered, renderer
from bot.people.keyboards import approval_markup
from bot.people.views import approval_text
from db import chats, people
from db.models import Stakeholder, Status


async def _approval(ctx: RenderContext) -> tuple[Stakeholder, str, bool] | None:
    person = await ctx.session.get(Stakeholder, ctx.payload["stakeholder_id"])
    if person is None:
        return None
    application_no = int(ctx.payload["application_no"])
    open_ = person.status == Status.PENDING and person.application_no == application_no
    return person, await approval_text(ctx.session, person, application_no, ctx.lang), open_


@renderer("approval")
async def render_approval(ctx: RenderContext) -> Rendered | None:
    """An approval request with Setujui / Tolak, unless it was decided before it could be sent."""
    found = await _approval(ctx)
    if found is None or not found[2]:
        return None
    person, text, _ = found
    return Rendered(text=text, reply_markup=approval_markup(person, ctx.lang))


@renderer("approval_edit")
async def render_approval_edit(ctx: RenderContext) -> Rendered | None:
    """The approval request as it stands now (buttons gone once decided)."""
    found = await _approval(ctx)
    if found is None:
        return None
    person, text, open_ = found
    return Rendered(text=text, reply_markup=approval_markup(person, ctx.lang) if open_ else None,
                    edit_message_id=int(ctx.payload["message_id"]))


@renderer("menu")
async def render_menu(ctx: RenderContext) -> Rendered | None:
    """The person's own command menu for their role and language; skipped for people who never wrote."""
    chat = await chats.get_chat(ctx.session, ctx.row.chat_id)
    if chat is None or not chat.active:
        return None  # Telegram knows no private chat with someone who never opened the bot
    actor = await people.load_actor(ctx.session, ctx.row.chat_id, ctx.settings.superadmin_ids)
    return Rendered(commands=personal_commands(actor, ctx.lang))
