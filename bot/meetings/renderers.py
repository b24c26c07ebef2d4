"""Renderers of the meeting outbox kinds: invitations (and their live edits), reminders, reschedule/cancel notices.
They render at send time, so an invitation or reminder always shows the current time and answers."""

from bot.meetings.keyboards import ics_markup, rsvp_markup
from bot.meetings.views import invitation_text, reminder_text, update_text
from bot.outbox_render import RenderContext, Rendered, renderer
from db import clock, meetings
from db.errors import NotFound
from db.meetings import INVITE, INVITE_EDIT, REMINDER, UPDATE, Overview
from db.models import MeetingStatus


async def _overview(ctx: RenderContext) -> Overview | None:
    try:
        return await meetings.overview(ctx.session, int(ctx.payload["meeting_id"]))
    except NotFound:
        return None


@renderer(INVITE)
async def render_invite(ctx: RenderContext) -> Rendered | None:
    """The invitation with Hadir / Tidak hadir / Diwakilkan (and the place on a map, when shared)."""
    ov = await _overview(ctx)
    if ov is None or ov.meeting.status == MeetingStatus.CANCELLED:
        return None
    meeting = ov.meeting
    location = (meeting.latitude, meeting.longitude) if meeting.latitude is not None \
        and meeting.longitude is not None else None
    return Rendered(text=await invitation_text(ctx.session, ov, ctx.lang, ctx.settings.tz),
                    reply_markup=rsvp_markup(ov.meeting.id or 0, ctx.lang), location=location)


@renderer(INVITE_EDIT)
async def render_invite_edit(ctx: RenderContext) -> Rendered | None:
    """A delivered invitation as it stands now: counts, new time, or cancelled (buttons gone)."""
    ov = await _overview(ctx)
    if ov is None:
        return None
    open_ = ov.meeting.status == MeetingStatus.SCHEDULED
    return Rendered(text=await invitation_text(ctx.session, ov, ctx.lang, ctx.settings.tz),
                    reply_markup=rsvp_markup(ov.meeting.id or 0, ctx.lang) if open_ else None,
                    edit_message_id=int(ctx.payload["message_id"]))


@renderer(REMINDER)
async def render_reminder(ctx: RenderContext) -> Rendered | None:
    """A reminder naming the agencies that have not answered (skipped for a cancelled meeting)."""
    ov = await _overview(ctx)
    if ov is None or ov.meeting.status == MeetingStatus.CANCELLED:
        return None
    return Rendered(text=await reminder_text(ctx.session, ov, ctx.lang, ctx.settings.tz, clock.now()),
                    reply_markup=rsvp_markup(ov.meeting.id or 0, ctx.lang))


@renderer(UPDATE)
async def render_update(ctx: RenderContext) -> Rendered | None:
    """The notice of a reschedule or cancellation, with the updated calendar file."""
    try:
        meeting = await meetings.get_meeting(ctx.session, int(ctx.payload["meeting_id"]))
    except NotFound:
        return None
    text = await update_text(ctx.session, meeting, str(ctx.payload.get("change")), ctx.payload.get("previous"),
                             ctx.lang, ctx.settings.tz)
    return Rendered(text=text, reply_markup=ics_markup(meeting.id or 0, ctx.lang))
