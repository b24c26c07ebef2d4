"""Election stages and meetings: lists and edit forms, through `db.stages` and `db.meetings`.

Our own pages rather than sqladmin's: a stage's new dates must move its reminders (`stages.set_dates` cancels and
re-queues them), and a meeting's new time or cancellation must reach every invited group and re-queue its
reminders (`meetings.reschedule` / `cancel`); a plain edit of the row would leave the outbox behind.
"""

from datetime import date, datetime, time

from starlette.requests import Request
from starlette.responses import Response

from bot.web.auth import factory, require_user
from bot.web.render import flash, flash_error, page, redirect
from db import meetings, stages
from db.access import Cap
from db.clock import LOCAL_TZ
from db.errors import DomainError, InvalidInput, NotFound

WIB = LOCAL_TZ  # the display zone: TIMEZONE, Asia/Jakarta unless configured otherwise


def _number(request: Request, name: str, missing: str) -> int:
    raw = request.path_params[name]
    if not raw.isdigit() or len(raw) > 12:
        raise NotFound(missing)
    return int(raw)


async def _form(request: Request) -> dict[str, str]:
    async with request.form(max_files=0, max_fields=12, max_part_size=16 * 1024) as raw:
        return {key: str(value).strip() for key, value in raw.items() if isinstance(value, str)}


async def stage_list(request: Request) -> Response:
    """Every stage with its dates; super admins get an edit link."""
    user = await require_user(request)
    async with factory(request)() as session:
        rows = await stages.list_stages(session)
    return page(request, "stages.html", lang=user.lang, user=user, stages=rows,
                can_edit=user.actor.can(Cap.MANAGE_STAGES))


async def stage_form(request: Request) -> Response:
    """The edit form of one stage (super admins)."""
    user = await require_user(request)
    user.actor.require(Cap.MANAGE_STAGES)
    async with factory(request)() as session:
        stage = await stages.get_stage(session, _number(request, "stage_id", "stages.unknown"))
    return page(request, "stage_edit.html", lang=user.lang, user=user, stage=stage,
                start_time=stage.start_at.astimezone(WIB).strftime("%H:%M") if stage.start_at else "",
                end_time=stage.end_at.astimezone(WIB).strftime("%H:%M") if stage.end_at else "")


def _period(form: dict[str, str]) -> stages.Period | None:
    """Dates and optional times from the form, checked by the chat's own parser (no dates: unchanged)."""
    start, end = form.get("start_date", ""), form.get("end_date", "") or form.get("start_date", "")
    if not start and not end and not form.get("start_time") and not form.get("end_time"):
        return None
    try:
        date.fromisoformat(start), date.fromisoformat(end)
        for name in ("start_time", "end_time"):
            if form.get(name):
                time.fromisoformat(form[name])
    except ValueError:
        raise InvalidInput("stages.dates_invalid") from None
    if bool(form.get("start_time")) != bool(form.get("end_time")):
        raise InvalidInput("web.stage_times_both")
    text = f"{start} {form.get('start_time', '')} - {end} {form.get('end_time', '')}"
    return stages.parse_period(text)


async def stage_save(request: Request) -> Response:
    """Save new dates (its reminders move with them) and guidance; back to the list."""
    user = await require_user(request)
    user.actor.require(Cap.MANAGE_STAGES)
    stage_id = _number(request, "stage_id", "stages.unknown")
    form = await _form(request)
    offsets = request.app.state.settings.stage_reminder_days
    try:
        async with factory(request)() as session, session.begin():
            stage = await stages.get_stage(session, stage_id)
            period = _period(form)
            before = (stage.start_date, stage.end_date, stage.start_at, stage.end_at)
            if period is not None and (period.start_date, period.end_date, period.start_at, period.end_at) != before:
                await stages.set_dates(session, actor=user.actor, stage_id=stage_id, period=period, offsets=offsets)
            for lang in ("id", "en"):
                text = form.get(f"guidance_{lang}", "")
                if text != stage.guidance(lang).strip():
                    await stages.set_guidance(session, actor=user.actor, stage_id=stage_id, lang=lang, text=text)
            user.record(session, "web.stage.edited", f"stage:{stage_id}",
                        start=stage.start_date.isoformat() if stage.start_date else None,
                        end=stage.end_date.isoformat() if stage.end_date else None)
    except NotFound:
        raise
    except DomainError as error:
        flash_error(request, error)
        return redirect(f"/admin/stages/{stage_id}")
    flash(request, "ok", "web.stage_saved", name=stage.name(user.lang))
    return redirect("/admin/stages")


async def meeting_list(request: Request) -> Response:
    """Upcoming meetings the viewer organises or is invited to (all of them for the command post)."""
    user = await require_user(request)
    async with factory(request)() as session:
        rows = await meetings.list_for_person(session, actor=user.actor)
        counts = await meetings.answer_counts(session, [m.id for m in rows if m.id is not None])
    return page(request, "meetings.html", lang=user.lang, user=user, meetings=rows, counts=counts,
                manage={m.id: meetings.can_manage(user.actor, m) for m in rows})


async def meeting_form(request: Request) -> Response:
    """A meeting with its answers, and the reschedule / cancel form for those who may."""
    user = await require_user(request)
    meeting_id = _number(request, "meeting_id", "meetings.unknown")
    async with factory(request)() as session:
        meeting = await meetings.get_meeting(session, meeting_id)
        if not await meetings.may_see(session, user.actor, meeting):
            raise NotFound("meetings.unknown")
        overview = await meetings.overview(session, meeting_id)
    local = meeting.starts_at.astimezone(WIB)
    return page(request, "meeting_edit.html", lang=user.lang, user=user, meeting=meeting, overview=overview,
                can_manage=meetings.can_manage(user.actor, meeting), day=local.date().isoformat(),
                hour=local.strftime("%H:%M"))


async def meeting_save(request: Request) -> Response:
    """Reschedule (every invited group is told, reminders re-queued) or cancel."""
    user = await require_user(request)
    meeting_id = _number(request, "meeting_id", "meetings.unknown")
    form = await _form(request)
    try:
        async with factory(request)() as session, session.begin():
            meeting = await meetings.get_meeting(session, meeting_id)
            if not await meetings.may_see(session, user.actor, meeting):
                raise NotFound("meetings.unknown")
            if form.get("action") == "cancel":
                await meetings.cancel(session, actor=user.actor, meeting_id=meeting_id)
                user.record(session, "web.meeting.cancelled", meetings.subject(meeting_id))
                done = "web.meeting_cancelled"
            else:
                try:
                    starts_at = datetime.combine(date.fromisoformat(form.get("day", "")),
                                                 time.fromisoformat(form.get("time", "")), WIB)
                except ValueError:
                    raise InvalidInput("web.meeting_time_invalid") from None
                await meetings.reschedule(session, actor=user.actor, meeting_id=meeting_id, starts_at=starts_at)
                user.record(session, "web.meeting.rescheduled", meetings.subject(meeting_id),
                            starts_at=starts_at.isoformat())
                done = "web.meeting_rescheduled"
    except NotFound:
        raise
    except DomainError as error:
        flash_error(request, error)
        return redirect(f"/admin/meetings/{meeting_id}")
    flash(request, "ok", done, title=meeting.title)
    return redirect("/admin/meetings")
