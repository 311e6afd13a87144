"""The task queue (huey) that carries background jobs from the web app to the workers.

Only a job's id travels through the queue; what the job is and how far it got lives in
the ``job`` table. The queue is built on first use (``create_app`` has no side effects),
from ``JOBS_STORAGE``: ``sqlite`` (huey's SQLite storage in the instance folder, the
embedded default), a ``redis://`` URL or a ``postgresql://`` URL (several hosts), or
``immediate`` (the job runs at once, inside the caller; for tests).

huey (with the Redis and PostgreSQL clients it loads) is imported when the first queue is
built, not with the app: most console commands and pages never queue a job.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from flask import Flask

from ..extensions import db
from .webhooks import register_task as register_webhook_task

if TYPE_CHECKING:
    from huey import Huey
    from huey.api import TaskWrapper
    from huey.consumer import Consumer

QUEUE_NAME = "matchmaker"
TASK_NAME = "matchmaker.run_job"
EXTENSION_KEY = "matchmaker.jobs"


@dataclass(frozen=True)
class JobQueue:
    huey: Huey
    run_job: TaskWrapper  # the huey task: ``run_job(job_id)`` enqueues
    send_webhooks: TaskWrapper  # ``send_webhooks()`` enqueues the sending of due webhooks

    def enqueue(self, job_id: int) -> None:
        self.run_job(job_id)


def job_queue(app: Flask) -> JobQueue:
    """The app's queue, with the task that runs jobs registered on it."""
    queue = app.extensions.get(EXTENSION_KEY)
    if queue is None:
        huey = make_huey(app)
        huey.on_shutdown("close_storage")(storage_closer(huey))
        queue = app.extensions[EXTENSION_KEY] = JobQueue(huey, register_task(huey, app),
                                                         register_webhook_task(huey, app))
    return queue


def make_huey(app: Flask) -> Huey:
    from huey import MemoryHuey, PostgresHuey, RedisHuey, SqliteHuey

    storage = str(app.config["JOBS_STORAGE"])
    if storage == "immediate":
        return MemoryHuey(QUEUE_NAME, results=False, immediate=True)
    if storage.startswith(("redis://", "rediss://", "unix://")):
        return RedisHuey(QUEUE_NAME, results=False, url=storage)
    if storage.startswith(("postgresql://", "postgresql+psycopg://", "postgres://")):
        dsn = "postgresql://" + storage.partition("://")[2]  # libpq knows no driver names
        return PostgresHuey(QUEUE_NAME, results=False, dsn=dsn)
    if storage == "sqlite":
        return SqliteHuey(QUEUE_NAME, results=False, filename=str(queue_file(app)))
    raise ValueError(f"JOBS_STORAGE must be 'sqlite', 'immediate', a redis:// or a "
                     f"postgresql:// URL, not {storage!r}")


def storage_closer(huey: Huey) -> Callable[[], None]:
    """A stopping worker closes its connections (PostgreSQL's LISTEN one is per thread);
    one at a time, since huey's ``close`` is not safe against a concurrent one."""
    closing = threading.Lock()

    def close() -> None:
        with closing:
            huey.storage.close()

    return close


def queue_file(app: Flask) -> Path:
    """The SQLite queue file, created readable by the app alone."""
    path = Path(app.instance_path) / "jobs-queue.sqlite"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.touch(mode=0o600)
    return path


def register_task(huey: Huey, app: Flask) -> TaskWrapper:
    """The one huey task: run a job in its own app context (and database session)."""
    from .runner import run_job

    @huey.task(name=TASK_NAME)
    def run(job_id: int) -> None:
        with app.app_context():
            try:
                run_job(job_id)
            finally:
                db.session.remove()

    return run


def embedded_consumer(huey: Huey, workers: int) -> Consumer:
    """A huey consumer that runs beside another server in the same process: it leaves
    the process's signal handlers (Ctrl-C stops the server) alone."""
    from huey.consumer import Consumer

    class EmbeddedConsumer(Consumer):
        def _set_signal_handlers(self) -> None:
            pass

    return EmbeddedConsumer(huey, workers=workers, periodic=False, initial_delay=0.05,
                            max_delay=0.5, check_worker_health=False)


@contextmanager
def embedded_worker(app: Flask, workers: int = 1) -> Iterator[Consumer | None]:
    """Run jobs in threads of this process while the block runs (the demo, tests).
    With the ``immediate`` queue there is nothing to consume: yields None."""
    huey = job_queue(app).huey
    if huey.immediate:
        yield None
        return
    consumer = embedded_consumer(huey, workers)
    consumer.start()
    try:
        yield consumer
    finally:
        consumer.stop(graceful=True)
        huey.storage.close()
