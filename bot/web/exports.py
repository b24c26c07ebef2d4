"""Exports of the current incident list (CSV or XLSX) through the chat's streaming exporter, as background jobs.

A big export takes longer than a reverse proxy waits for an answer, so POST starts a job (its own task; the web
admin and the bot keep serving others) and the browser follows the job's page until the file is ready. A job and
its file belong to the account that started it: anyone else gets 404. Jobs live in this process, their files in
a private temporary folder, removed an hour after they were made and when the process stops.
"""

import asyncio
import contextlib
import logging
import secrets
import shutil
import tempfile
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Literal

from starlette.requests import Request
from starlette.responses import FileResponse, Response

from bot.texts import lookup
from bot.web.auth import factory, require_user
from bot.web.incident_list import FIELDS, ListQuery, build_filter
from bot.web.render import page, redirect
from db import clock
from db.access import Cap
from db.errors import InvalidInput, NotAllowed, NotFound
from db.exports import export_incidents

log = logging.getLogger(__name__)
KEEP = timedelta(hours=1)
FORMATS = ("csv", "xlsx")


@dataclass
class ExportJob:
    """One export: whose, which file, and how it went."""

    id: str
    account_id: int
    fmt: Literal["csv", "xlsx"]
    path: Path
    created_at: datetime
    task: asyncio.Task[None] | None = None
    rows: int | None = None
    failed: bool = False
    done: asyncio.Event = field(default_factory=asyncio.Event)


class ExportJobs:
    """The running and finished exports of this process."""

    def __init__(self) -> None:
        self.jobs: dict[str, ExportJob] = {}
        self._folder: Path | None = None

    def folder(self) -> Path:
        """The private folder for export files (made on first use, mode 0700)."""
        if self._folder is None:
            self._folder = Path(tempfile.mkdtemp(prefix="sinergi-exports-"))
        return self._folder

    def get(self, job_id: str, account_id: int) -> ExportJob:
        """The job if it is this account's; NotFound otherwise (the same answer as for no job at all)."""
        self.prune()
        job = self.jobs.get(job_id)
        if job is None or job.account_id != account_id:
            raise NotFound("web.export_unknown")
        return job

    def prune(self) -> None:
        """Forget finished jobs older than an hour and delete their files."""
        limit = clock.now() - KEEP
        for job_id, job in list(self.jobs.items()):
            if job.created_at < limit and job.done.is_set():
                job.path.unlink(missing_ok=True)
                del self.jobs[job_id]

    async def wait(self, job_id: str) -> ExportJob:
        """Wait until a job has finished (tests, shutdown)."""
        job = self.jobs[job_id]
        await job.done.wait()
        return job

    async def close(self) -> None:
        """Stop running exports and remove every file."""
        for job in self.jobs.values():
            if job.task is not None and not job.task.done():
                job.task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await job.task
        self.jobs.clear()
        if self._folder is not None:
            await asyncio.to_thread(shutil.rmtree, self._folder, True)
            self._folder = None


def jobs_of(request: Request) -> ExportJobs:
    """The app's export jobs."""
    result: ExportJobs = request.app.state.exports
    return result


async def start_export(request: Request) -> Response:
    """Start an export of the list the form describes; go to its page."""
    user = await require_user(request)
    if not user.actor.can(Cap.EXPORT):
        raise NotAllowed("web.export_not_allowed")
    async with request.form(max_files=0, max_fields=20) as form:
        fmt = str(form.get("format", ""))
        query = ListQuery.from_params({name: str(form.get(name, "")) for name in FIELDS})
    if fmt not in FORMATS:
        raise InvalidInput("web.export_format")
    jobs, session_factory = jobs_of(request), factory(request)
    async with session_factory() as session, session.begin():
        f, _problems = await build_filter(session, query)
        job_id = secrets.token_urlsafe(18)
        user.record(session, "web.export", f"export:{job_id}", format=fmt, filter=f.to_dict())
    job = ExportJob(id=job_id, account_id=user.account.id or 0, fmt="csv" if fmt == "csv" else "xlsx",
                    path=jobs.folder() / f"{job_id}.{fmt}", created_at=clock.now())
    jobs.prune()
    jobs.jobs[job_id] = job

    async def run() -> None:
        try:
            result = await export_incidents(session_factory, user.actor, f, job.fmt, job.path, lang=user.lang,
                                            labels=lookup(user.lang))
            job.rows = result.rows
        except Exception:
            log.exception("export %s failed", job_id)
            job.failed = True
        finally:
            job.done.set()

    job.task = asyncio.create_task(run(), name=f"export-{job_id}")
    return redirect(f"/admin/exports/{job_id}")


async def export_status(request: Request) -> Response:
    """The job's page: still working (the page refreshes itself), ready with a download link, or failed."""
    user = await require_user(request)
    job = jobs_of(request).get(request.path_params["job_id"], user.account.id or 0)
    return page(request, "export.html", lang=user.lang, user=user, job=job)


async def export_file(request: Request) -> Response:
    """The finished file, named after the moment it was made (WIB)."""
    user = await require_user(request)
    job = jobs_of(request).get(request.path_params["job_id"], user.account.id or 0)
    if not job.done.is_set() or job.failed or not job.path.exists():
        raise NotFound("web.export_unknown")
    from bot.render import WIB

    name = f"insiden-{job.created_at.astimezone(WIB).strftime('%Y%m%d-%H%M')}.{job.fmt}"
    media = "text/csv; charset=utf-8" if job.fmt == "csv" else \
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return FileResponse(job.path, media_type=media, filename=name)
