"""Election stages (tahapan): the schedule super admins edit, what is on now and next, and stage reminders.

Stage dates are calendar dates in WIB (inclusive); `start_at` / `end_at` hold exact times where known. Reminders
to every active group are outbox rows (subject `stage:<id>`), created a little ahead of their time by a periodic
task and re-created when an admin moves a stage, so a reminder always follows the stage's current dates.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from db import audit, clock, outbox
from db.access import Actor, Cap
from db.clock import LOCAL_TZ
from db.errors import InvalidInput, NotFound
from db.models import Chat, ChatType, OutboxMessage, OutboxStatus, Stage

WIB = LOCAL_TZ  # the display zone: TIMEZONE, Asia/Jakarta unless configured otherwise
REMINDER_KIND = "stage_reminder"
REMINDER_TIME = time(6, 0)  # every reminder goes out at 06:00 WIB ("the first morning" and the days before)
# Reminder rows are created this far ahead: far enough that an edit has pending rows to move, near enough that
# the periodic check stays small with hundreds of groups.
REMINDER_HORIZON = timedelta(days=2)
# A reminder never created before its time (a fresh install, a stage just moved) is still queued this late,
REMINDER_GRACE = timedelta(hours=12)
# and one that could not go out in time (the bot was down) is still sent this late.
REMINDER_LATE = timedelta(days=1)
NAME_MAX = 200
GUIDANCE_MAX = 600

_LONG_AGO = datetime(1900, 1, 1, tzinfo=WIB)
_DATE = r"(\d{4})-(\d{1,2})-(\d{1,2})|(\d{1,2})[/.](\d{1,2})[/.](\d{4})"
_MOMENT = re.compile(rf"(?:{_DATE})(?:\s*(?:,|pukul|jam|at)?\s*(\d{{1,2}})[.:](\d{{2}}))?", re.IGNORECASE)


@dataclass(frozen=True)
class Period:
    """A stage's dates as typed by an admin: calendar dates in WIB, exact times when given."""

    start_date: date
    end_date: date
    start_at: datetime | None = None
    end_at: datetime | None = None


@dataclass(frozen=True)
class Overview:
    """What /tahapan shows: the stages on now, the next ones (starting on the same day) and today's date."""

    today: date
    current: list[Stage]
    upcoming: list[Stage]


def wib_date(moment: datetime) -> date:
    """The calendar date in WIB of an aware moment."""
    return moment.astimezone(WIB).date()


def at_wib(day: date, when: time = time(0, 0)) -> datetime:
    """`day` at `when` WIB as an aware moment."""
    return datetime.combine(day, when, tzinfo=WIB)


def start_moment(stage: Stage) -> datetime | None:
    """When the stage starts (its exact time, else 00:00 WIB of its first day); None when unknown."""
    if stage.start_at is not None:
        return stage.start_at
    return at_wib(stage.start_date) if stage.start_date is not None else None


def end_moment(stage: Stage) -> datetime | None:
    """When the stage is over (exclusive): its exact end, else midnight after its last day; None when undated."""
    if stage.end_at is not None:
        return stage.end_at
    last = stage.end_date or stage.start_date  # a stage with a start and no end lasts that one day
    return at_wib(last + timedelta(days=1)) if last is not None else None


def is_current(stage: Stage, now: datetime) -> bool:
    """Whether the stage is on at `now` (a stage known only by its end runs until then)."""
    start, end = start_moment(stage), end_moment(stage)
    if end is None:
        return False
    return (start is None or start <= now) and now < end


def _order(stage: Stage) -> tuple[datetime, int, int]:
    return (start_moment(stage) or _LONG_AGO, stage.sort_order, stage.id or 0)


async def list_stages(session: AsyncSession) -> list[Stage]:
    """Every stage in schedule order (the seed's order; file order breaks ties)."""
    return list((await session.scalars(select(Stage).where(col(Stage.active))
                                       .order_by(col(Stage.sort_order), col(Stage.id)))).all())


async def get_stage(session: AsyncSession, stage_id: int) -> Stage:
    """The stage with this id (NotFound when it was removed)."""
    stage = await session.get(Stage, stage_id)
    if stage is None or not stage.active:
        raise NotFound("stages.unknown")
    return stage


async def overview(session: AsyncSession, now: datetime | None = None) -> Overview:
    """The stages on now and the next one(s) to start."""
    now = now or clock.now()
    stages = await list_stages(session)
    current = sorted((s for s in stages if is_current(s, now)), key=_order)
    starts = {s.id: wib_date(start) for s in stages if (start := start_moment(s)) is not None and start > now}
    first_day = min(starts.values(), default=None)
    upcoming = sorted((s for s in stages if first_day is not None and starts.get(s.id) == first_day), key=_order)
    return Overview(today=wib_date(now), current=current, upcoming=upcoming)


# ---- typed input -------------------------------------------------------------------------------------------

def _moment(match: re.Match[str]) -> tuple[date, time | None]:
    iso_y, iso_m, iso_d, day, month, year, hour, minute = match.groups()
    try:
        parsed = date(int(iso_y), int(iso_m), int(iso_d)) if iso_y else date(int(year), int(month), int(day))
        clock_time = time(int(hour), int(minute)) if hour is not None else None
    except ValueError:
        raise InvalidInput("stages.dates_invalid") from None
    if not 2000 <= parsed.year <= 2100:
        raise InvalidInput("stages.dates_invalid")
    return parsed, clock_time


def parse_period(text: str) -> Period:
    """`24/11/2024 - 26/11/2024`, `27/11/2024 07.00 - 27/11/2024 13.00`, `2024-11-27` (one day) → a Period."""
    matches = list(_MOMENT.finditer(text))
    leftover = _MOMENT.sub(" ", text)
    # whatever is not a date must be a separator: "-", "s.d.", "sampai", "to"...
    if not matches or len(matches) > 2 or re.sub(r"[\s\-–—]|s\.?/?d\.?|sampai|hingga|to|until|wib", "", leftover,
                                                  flags=re.IGNORECASE):
        raise InvalidInput("stages.dates_invalid")
    start_day, start_time = _moment(matches[0])
    end_day, end_time = _moment(matches[-1]) if len(matches) == 2 else (start_day, None)
    start_at = at_wib(start_day, start_time) if start_time is not None else None
    end_at = at_wib(end_day, end_time) if end_time is not None else None
    if end_day < start_day or (start_at is not None and end_at is not None and end_at <= start_at):
        raise InvalidInput("stages.dates_order")
    return Period(start_date=start_day, end_date=end_day, start_at=start_at, end_at=end_at)


def clean_text(text: str, *, limit: int, empty_key: str, long_key: str) -> str:
    """Collapse blank space; refuse empty or over-long text."""
    cleaned = "\n".join(" ".join(line.split()) for line in text.strip().splitlines()).strip()
    if not cleaned:
        raise InvalidInput(empty_key)
    if len(cleaned) > limit:
        raise InvalidInput(long_key, limit=limit, length=len(cleaned))
    return cleaned


def split_names(text: str) -> tuple[str, str]:
    """`Nama | English name` → both; one name serves both languages."""
    name_id, _, name_en = text.partition("|")
    name_id = clean_text(name_id, limit=NAME_MAX, empty_key="stages.name_empty", long_key="stages.name_too_long")
    name_en = clean_text(name_en, limit=NAME_MAX, empty_key="stages.name_empty",
                         long_key="stages.name_too_long") if name_en.strip() else name_id
    return name_id, name_en


# ---- edits (super admins) ------------------------------------------------------------------------------------

def _dates(stage: Stage) -> dict[str, str | None]:
    return {name: (value.isoformat() if value is not None else None) for name, value in (
        ("start_date", stage.start_date), ("end_date", stage.end_date), ("start_at", stage.start_at),
        ("end_at", stage.end_at))}


async def set_dates(session: AsyncSession, *, actor: Actor, stage_id: int, period: Period,
                    offsets: Sequence[int]) -> Stage:
    """Change a stage's dates; its pending reminders are cancelled and re-created for the new dates."""
    actor.require(Cap.MANAGE_STAGES)
    stage = await get_stage(session, stage_id)
    before = _dates(stage)
    stage.start_date, stage.end_date = period.start_date, period.end_date
    stage.start_at, stage.end_at = period.start_at, period.end_at
    stage.customized = True
    audit.record(session, actor_tg_id=actor.tg_user_id, actor_label=actor.label, action="stage.dates_changed",
                 subject=f"stage:{stage_id}", code=stage.code, before=before, after=_dates(stage))
    await release_reminders(session, stage_id, reason="stage dates changed")
    await ensure_reminders(session, offsets=offsets, stage_ids=[stage_id])
    return stage


async def set_guidance(session: AsyncSession, *, actor: Actor, stage_id: int, lang: str, text: str) -> Stage:
    """Change a stage's guidance in one language (pending reminders render the new text)."""
    actor.require(Cap.MANAGE_STAGES)
    stage = await get_stage(session, stage_id)
    guidance = clean_text(text, limit=GUIDANCE_MAX, empty_key="stages.guidance_empty",
                          long_key="stages.guidance_too_long")
    field = "guidance_en" if lang == "en" else "guidance_id"
    before = getattr(stage, field)
    setattr(stage, field, guidance)
    stage.customized = True
    audit.record(session, actor_tg_id=actor.tg_user_id, actor_label=actor.label, action="stage.guidance_changed",
                 subject=f"stage:{stage_id}", code=stage.code, lang=lang, before=before, after=guidance)
    return stage


async def _new_code(session: AsyncSession, name: str) -> str:
    base = re.sub(r"[^A-Z0-9]+", "_", name.upper()).strip("_")[:40] or "TAHAPAN"
    taken = set((await session.scalars(select(Stage.code).where(col(Stage.code).startswith(base)))).all())
    code, n = base, 1
    while code in taken:
        n += 1
        code = f"{base}_{n}"
    return code


async def add_stage(session: AsyncSession, *, actor: Actor, name_id: str, name_en: str, period: Period,
                    offsets: Sequence[int]) -> Stage:
    """Add a stage (placed in the schedule by its start) and queue its reminders."""
    actor.require(Cap.MANAGE_STAGES)
    stages = await list_stages(session)
    before = [s.sort_order for s in stages if s.start_date is not None and s.start_date <= period.start_date]
    stage = Stage(code=await _new_code(session, name_id), sort_order=max(before, default=0), name_id=name_id,
                  name_en=name_en, start_date=period.start_date, end_date=period.end_date,
                  start_at=period.start_at, end_at=period.end_at, customized=True)
    session.add(stage)
    await session.flush()
    assert stage.id is not None
    audit.record(session, actor_tg_id=actor.tg_user_id, actor_label=actor.label, action="stage.added",
                 subject=f"stage:{stage.id}", code=stage.code, name_id=name_id, name_en=name_en,
                 after=_dates(stage))
    await ensure_reminders(session, offsets=offsets, stage_ids=[stage.id])
    return stage


async def remove_stage(session: AsyncSession, *, actor: Actor, stage_id: int) -> Stage:
    """Remove a stage and cancel its pending reminders."""
    actor.require(Cap.MANAGE_STAGES)
    stage = await get_stage(session, stage_id)
    audit.record(session, actor_tg_id=actor.tg_user_id, actor_label=actor.label, action="stage.removed",
                 subject=f"stage:{stage_id}", code=stage.code, name_id=stage.name_id, before=_dates(stage),
                 guidance_id=stage.guidance_id, guidance_en=stage.guidance_en)
    await release_reminders(session, stage_id, reason="stage removed")
    # kept as a removed, customized row: the seed loader leaves customized rows alone, so it stays removed
    stage.active, stage.customized = False, True
    return stage


# ---- reminders ---------------------------------------------------------------------------------------------

def reminder_window(stage: Stage, offset: int) -> tuple[datetime, datetime] | None:
    """(due, not_after) of the reminder `offset` days before the stage; None when it has no sense."""
    start, end = start_moment(stage), end_moment(stage)
    if stage.start_date is None or start is None or end is None:
        return None
    due = at_wib(stage.start_date - timedelta(days=offset), REMINDER_TIME)
    # a day late at most, and never after the stage started ("starts in N days") or its first day (the morning one)
    not_after = min(start, due + REMINDER_LATE) if offset > 0 else min(end, at_wib(stage.start_date
                                                                                 + timedelta(days=1)))
    return (due, not_after) if due < not_after else None


async def reminder_chats(session: AsyncSession) -> list[int]:
    """Telegram ids of the active registered groups (agency groups and command posts)."""
    stmt = select(Chat.tg_chat_id).where(
        col(Chat.active), col(Chat.type).in_([ChatType.GROUP, ChatType.SUPERGROUP]),
        col(Chat.region_code).is_not(None), sa.or_(col(Chat.agency_code).is_not(None), col(Chat.is_command_post)))
    return list((await session.scalars(stmt.order_by(col(Chat.id)))).all())


def reminder_key(stage: Stage, offset: int, chat_id: int) -> str:
    """The dedupe key: one reminder per stage, offset, start date and group."""
    assert stage.start_date is not None
    return f"stage:{stage.id}:{offset}:{stage.start_date.isoformat()}:{chat_id}"


async def ensure_reminders(session: AsyncSession, *, offsets: Sequence[int], now: datetime | None = None,
                           stage_ids: Sequence[int] | None = None) -> int:
    """Queue the reminders due within the horizon that do not exist yet (idempotent); return how many."""
    now = now or clock.now()
    stmt = select(Stage).where(col(Stage.start_date).is_not(None), col(Stage.active))
    if stage_ids is not None:
        stmt = stmt.where(col(Stage.id).in_(list(stage_ids)))
    plans: list[tuple[Stage, int, datetime, datetime]] = []
    for stage in (await session.scalars(stmt)).all():
        for offset in sorted(set(offsets)):
            window = reminder_window(stage, offset)
            if window is not None and now - REMINDER_GRACE <= window[0] <= now + REMINDER_HORIZON \
                    and now < window[1]:
                plans.append((stage, offset, *window))
    if not plans:
        return 0
    chat_ids = await reminder_chats(session)
    wanted = {reminder_key(stage, offset, chat_id): (stage, offset, due, not_after, chat_id)
              for stage, offset, due, not_after in plans for chat_id in chat_ids}
    existing: set[str] = set()
    keys = list(wanted)
    for start in range(0, len(keys), 500):
        chunk = keys[start:start + 500]
        existing.update(k for k in (await session.scalars(
            select(OutboxMessage.dedupe_key).where(col(OutboxMessage.dedupe_key).in_(chunk)))).all() if k)
    created = 0
    for key, (stage, offset, due, not_after, chat_id) in wanted.items():
        if key in existing:
            continue
        assert stage.start_date is not None
        await outbox.enqueue(session, kind=REMINDER_KIND, chat_id=chat_id, subject=f"stage:{stage.id}",
                             dedupe_key=key, due_at=due, not_after=not_after,
                             payload={"stage_id": stage.id, "offset": offset,
                                      "start": stage.start_date.isoformat()})
        created += 1
    return created


async def release_reminders(session: AsyncSession, stage_id: int, *, reason: str) -> int:
    """Cancel a stage's waiting reminders and free their dedupe keys (the stage may come back to those dates)."""
    result = await session.execute(
        sa.update(OutboxMessage)
        .where(col(OutboxMessage.subject) == f"stage:{stage_id}", col(OutboxMessage.kind) == REMINDER_KIND,
               col(OutboxMessage.status) == OutboxStatus.PENDING)
        .values(status=OutboxStatus.CANCELLED, dedupe_key=None, last_error=reason)
        .execution_options(synchronize_session=False))
    return int(getattr(result, "rowcount", 0) or 0)
