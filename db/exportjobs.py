"""Export requests made in chat: stored first, claimed with a lease while a task builds the file, resumed by the
upkeep after a restart (a person who asked for a file gets it, or is told it failed)."""

from datetime import timedelta

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from db import clock
from db.errors import Conflict
from db.filters import IncidentFilter
from db.models import ExportJob

LEASE = timedelta(minutes=15)  # longer than the biggest export takes; a lapsed lease means its process died
MAX_ATTEMPTS = 3


async def queue(session: AsyncSession, *, tg_user_id: int, chat_id: int, f: IncidentFilter, fmt: str,
                lang: str) -> ExportJob:
    """Record an export request (one unfinished request per person)."""
    now = clock.now()
    busy = await session.scalar(select(ExportJob.id).where(
        ExportJob.tg_user_id == tg_user_id, col(ExportJob.status).in_(["pending", "running"])))
    if busy is not None:
        raise Conflict("review.export_running")
    job = ExportJob(tg_user_id=tg_user_id, chat_id=chat_id, filter=f.to_dict(), fmt=fmt, lang=lang, created_at=now)
    session.add(job)
    await session.flush()
    return job


async def claim(session: AsyncSession, job_id: int) -> ExportJob | None:
    """Take a job to work on (a pending one, or one whose worker's lease ran out); None if someone has it."""
    now = clock.now()
    claimed = await session.execute(
        sa.update(ExportJob)
        .where(col(ExportJob.id) == job_id, col(ExportJob.attempts) < MAX_ATTEMPTS, sa.or_(
            col(ExportJob.status) == "pending",
            sa.and_(col(ExportJob.status) == "running", col(ExportJob.claimed_until) < now)))
        .values(status="running", claimed_until=now + LEASE, attempts=col(ExportJob.attempts) + 1)
        .execution_options(synchronize_session=False))
    if not getattr(claimed, "rowcount", 0):
        return None
    return await session.get(ExportJob, job_id, populate_existing=True)


async def stranded(session: AsyncSession) -> tuple[list[int], list[ExportJob]]:
    """(jobs to resume, jobs that ran out of attempts): pending ones and those whose lease lapsed."""
    now = clock.now()
    rows = (await session.scalars(select(ExportJob).where(sa.or_(
        col(ExportJob.status) == "pending",
        sa.and_(col(ExportJob.status) == "running", col(ExportJob.claimed_until) < now))))).all()
    return ([j.id for j in rows if j.attempts < MAX_ATTEMPTS and j.id is not None],
            [j for j in rows if j.attempts >= MAX_ATTEMPTS])


async def finish(session: AsyncSession, job_id: int, *, status: str, rows: int | None = None,
                 error: str | None = None) -> None:
    """Close a job as sent or failed."""
    job = await session.get(ExportJob, job_id)
    if job is not None:
        job.status, job.rows, job.error = status, rows, (error or "")[:300] or None
        job.finished_at, job.claimed_until = clock.now(), None
