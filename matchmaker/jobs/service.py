"""Starting jobs and reading their state: what the dashboard and the console call.

Everything is scoped by event: a job of another event is "not found". A running job
whose heartbeat stopped (its worker died) is shown as failed, so a page never waits for
ever; a queued job that no worker has taken for as long says that no worker seems to run.
"""

import json
import logging
import mimetypes
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from flask import current_app
from sqlalchemy import delete, select

from ..extensions import db
from ..models import Event, Job, JobStatus, utcnow
from ..services import DomainError
from .kinds import KINDS
from .queue import job_queue
from .runner import result_dir

ACTIVE = (JobStatus.QUEUED, JobStatus.RUNNING)
logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class JobView:
    """A job as the page shows it (plain values; ``status`` already says stale -> failed)."""

    id: int
    kind: str
    status: str
    done: int
    total: int
    phase: str
    error: str | None
    error_detail: str | None
    result: dict[str, Any]
    has_file: bool
    waiting_for_worker: bool
    created_by: str
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None

    @property
    def finished(self) -> bool:
        return self.status in (JobStatus.DONE, JobStatus.FAILED)

    @property
    def percent(self) -> int:
        if self.status == JobStatus.DONE:
            return 100
        return 100 * self.done // self.total if self.total else 0


def start_job(event: Event, kind: str, params: dict[str, Any], actor: str) -> Job:
    """Record a job and hand it to the queue. Commits the session (a worker on another
    host must see the row before it gets the task), so call it with nothing else pending.
    One job of a kind runs per event at a time."""
    if kind not in KINDS:
        raise DomainError("unknown_job_kind", kind=kind)
    try:
        json.dumps(params)
    except (TypeError, ValueError) as error:
        raise DomainError("bad_job_params", detail=str(error)) from error
    running = active_job(event, kind)
    if running is not None:
        raise DomainError("job_already_running", job_id=running.id)
    job = Job(event_id=event.id, kind=kind, params=params, created_by=actor)
    db.session.add(job)
    db.session.flush()
    job_id = job.id
    db.session.commit()  # and no new transaction until it is queued: SQLite's write lock
    enqueue_or_withdraw(job_id)
    return job


def enqueue_or_withdraw(job_id: int) -> None:
    """Hand the job to the queue; a queue that cannot be reached (Redis stopped) withdraws
    the recorded job, so it neither waits for ever nor blocks the next start."""
    try:
        # current_app is a LocalProxy; Flask types it as Flask, without the proxy's methods.
        job_queue(current_app._get_current_object()).enqueue(job_id)  # type: ignore[attr-defined]
    except Exception as error:  # whatever the storage's client raises (redis, psycopg, sqlite3)
        logger.error("job queue unreachable, job %s withdrawn: %s", job_id, error)
        db.session.rollback()
        db.session.execute(delete(Job).where(Job.id == job_id))
        db.session.commit()
        raise DomainError("job_queue_unavailable") from error


def active_job(event: Event, kind: str) -> Job | None:
    """The event's queued or running job of this kind, unless its worker died."""
    jobs = db.session.scalars(
        select(Job).where(Job.event_id == event.id, Job.kind == kind, Job.status.in_(ACTIVE))
        .order_by(Job.id.desc())
    )
    return next((job for job in jobs if not is_stale(job, utcnow())), None)


def job_status(event: Event, job_id: int) -> JobView:
    return view(find_job(event, job_id), utcnow())


def latest_job(event: Event, kind: str) -> JobView | None:
    """The event's newest job of this kind (for a page that shows the last run)."""
    job = db.session.scalar(select(Job).where(Job.event_id == event.id, Job.kind == kind)
                            .order_by(Job.id.desc()).limit(1))
    return None if job is None else view(job, utcnow())


def job_result_file(event: Event, job_id: int) -> tuple[str, str, Path]:
    """The finished job's file as (download name, mimetype, path)."""
    job = find_job(event, job_id)
    name = job.result_file
    path = result_dir(job.id) / name if name else None
    if job.status != JobStatus.DONE or not name or path is None or not path.is_file():
        raise DomainError("no_result_file")
    mimetype = mimetypes.guess_type(name)[0] or "application/octet-stream"
    return name, mimetype, path


def find_job(event: Event, job_id: int) -> Job:
    job = db.session.scalar(select(Job).where(Job.id == job_id, Job.event_id == event.id))
    if job is None:
        raise DomainError("job_not_found")
    return job


def is_stale(job: Job, now: datetime) -> bool:
    limit = timedelta(seconds=current_app.config["JOBS_STALE_SECONDS"])
    return job.status == JobStatus.RUNNING and (job.heartbeat_at or job.created_at) < now - limit


def view(job: Job, now: datetime) -> JobView:
    stale = is_stale(job, now)
    limit = timedelta(seconds=current_app.config["JOBS_STALE_SECONDS"])
    return JobView(
        id=job.id, kind=job.kind, status=JobStatus.FAILED if stale else job.status,
        done=job.progress_done, total=job.progress_total, phase=job.message,
        error="worker_lost" if stale else job.error, error_detail=job.error_detail,
        result=job.result, has_file=job.status == JobStatus.DONE and bool(job.result_file),
        waiting_for_worker=job.status == JobStatus.QUEUED and job.created_at < now - limit,
        created_by=job.created_by, created_at=job.created_at, started_at=job.started_at,
        finished_at=job.finished_at,
    )
