"""The worker side: run one job from the queue to its end, recording it in its row.

A job is claimed atomically (queued -> running), so it runs once even if the queue
delivered it twice. While it runs, a heartbeat thread touches the row, so the page can
tell a slow job from one whose worker died (see ``service.job_status``). Whatever the
kind raises, the row ends ``failed`` with a code and a readable detail, the session is
rolled back (nothing half-written is committed) and the worker goes on with the next job.
"""

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import Any, cast

from flask import current_app
from sqlalchemy import CursorResult, Engine, update
from sqlalchemy.exc import SQLAlchemyError

from ..extensions import db
from ..models import Event, Job, JobStatus, utcnow
from ..services import DomainError
from .kinds import KINDS, JobResult, ResultFile

logger = logging.getLogger(__name__)
DETAIL_LIMIT = 2000


def run_job(job_id: int) -> None:
    """Run the job if it is still queued (inside an app context)."""
    if not claim(job_id):
        logger.info("job %s is not queued any more: skipped", job_id)
        return
    job = db.session.get_one(Job, job_id)
    kind, params = KINDS.get(job.kind), dict(job.params)
    event = db.session.get_one(Event, job.event_id)
    db.session.commit()
    try:
        if kind is None:  # queued by a newer version of the app than this worker runs
            raise DomainError("unknown_job_kind", kind=job.kind)
        with heartbeat(db.engine, job_id, current_app.config["JOBS_HEARTBEAT_SECONDS"]):
            try:
                result = kind(event, params, partial(report, job_id))
            finally:
                # What the kind left uncommitted is not part of the result. Dropped before
                # the block ends: its locks would hold up the last beat the block waits for.
                db.session.rollback()
    except DomainError as error:
        fail(job_id, error.code, domain_detail(error))
    except Exception as error:  # a crashed job must not take the worker down with it
        logger.exception("job %s crashed", job_id)
        fail(job_id, "crashed", f"{type(error).__name__}: {error}")
    else:
        finish(job_id, result)


def claim(job_id: int) -> bool:
    now = utcnow()
    claimed = cast(CursorResult[Any], db.session.execute(  # an UPDATE: it has the rowcount
        update(Job).where(Job.id == job_id, Job.status == JobStatus.QUEUED)
        .values(status=JobStatus.RUNNING, started_at=now, heartbeat_at=now)
    )).rowcount
    db.session.commit()
    return claimed == 1


def report(job_id: int, done: int, total: int, phase: str = "") -> None:
    """Record progress; commits the session (see ``kinds``)."""
    db.session.execute(update(Job).where(Job.id == job_id).values(
        progress_done=max(done, 0), progress_total=max(total, done, 0), message=phase[:80],
        heartbeat_at=utcnow()))
    db.session.commit()


def finish(job_id: int, result: JobResult) -> None:
    job = db.session.get_one(Job, job_id)
    job.result = result.summary
    if result.file is not None:
        job.result_file = store_file(job_id, result.file)
    job.status, job.finished_at = JobStatus.DONE, utcnow()
    job.progress_done = job.progress_total = max(job.progress_total, 1)
    db.session.commit()


def fail(job_id: int, code: str, detail: str) -> None:
    job = db.session.get_one(Job, job_id)
    job.status, job.finished_at = JobStatus.FAILED, utcnow()
    job.error, job.error_detail = code, detail[:DETAIL_LIMIT]
    db.session.commit()


def domain_detail(error: DomainError) -> str:
    return "; ".join(f"{key}: {value}" for key, value in sorted(error.params.items()))


def result_dir(job_id: int) -> Path:
    return Path(current_app.config["JOBS_RESULT_DIR"]) / str(job_id)


def store_file(job_id: int, file: ResultFile) -> str:
    """Write the file into ``jobs/<id>/``, readable by the app alone; returns its name."""
    folder = result_dir(job_id)
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    folder.chmod(0o700)
    name = Path(file.name).name or "result"
    path = folder / name
    path.touch(mode=0o600)
    path.write_bytes(file.content)
    return name


@contextmanager
def heartbeat(engine: Engine, job_id: int, seconds: float) -> Iterator[None]:
    """Touch the job's row every ``seconds`` from a thread of its own (its own connection)
    while the block runs, also when the kind is busy in one long computation."""
    stop = threading.Event()

    def beat() -> None:
        while not stop.wait(seconds):
            try:
                with engine.begin() as connection:
                    connection.execute(
                        update(Job).where(Job.id == job_id).values(heartbeat_at=utcnow()))
            except SQLAlchemyError as error:  # the next beat tries again
                logger.warning("job %s: heartbeat not written: %s", job_id, type(error).__name__)

    thread = threading.Thread(target=beat, name=f"job-{job_id}-heartbeat", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join()
