"""Jobs on a real queue and a real consumer: huey's SQLite queue with a worker thread,
``matchmaker worker`` as its own process, PostgreSQL as the queue of several hosts."""

import logging
import os
import signal
import subprocess
import sys
import threading
import time
from datetime import timedelta

import pytest
from sqlalchemy import select, update

from matchmaker.database import reads_only
from matchmaker.extensions import db
from matchmaker.jobs import KINDS, job_status, start_job
from matchmaker.jobs.kinds import JobResult
from matchmaker.jobs.queue import embedded_worker, make_huey
from matchmaker.models import Event, Job, JobStatus, Meeting, utcnow
from matchmaker.services import DomainError
from tests.jobs.conftest import ORGANISER, wait_until_finished

pytestmark = pytest.mark.both_databases


def test_worker_thread_runs_matchmaking_job_to_done(worker, seeded):
    job = start_job(seeded, "matchmaking", {}, ORGANISER)
    view = wait_until_finished(seeded, job.id)
    assert (view.status, view.done, view.total) == ("done", 3, 3)
    assert len(db.session.scalars(select(Meeting)).all()) == view.result["quality"]["meetings"] > 0


def test_crashed_job_fails_and_the_worker_runs_the_next_one(worker, seeded, monkeypatch):
    def broken(event, params, progress):
        progress(1, 2, "loading")
        raise ZeroDivisionError("division by zero")

    monkeypatch.setitem(KINDS, "broken", broken)
    crashed = wait_until_finished(seeded, start_job(seeded, "broken", {}, ORGANISER).id)
    assert (crashed.status, crashed.error, crashed.done) == ("failed", "crashed", 1)
    after = wait_until_finished(seeded, start_job(seeded, "matchmaking", {}, ORGANISER).id)
    assert after.status == "done"


def test_second_job_of_a_kind_is_refused_while_the_first_waits(app, seeded):
    first = start_job(seeded, "matchmaking", {}, ORGANISER)
    with pytest.raises(DomainError) as error:
        start_job(seeded, "matchmaking", {}, ORGANISER)
    assert (error.value.code, error.value.params) == ("job_already_running", {"job_id": first.id})


def test_queued_job_nobody_takes_says_that_no_worker_runs(app, seeded):
    app.config["JOBS_STALE_SECONDS"] = 0
    job = start_job(seeded, "matchmaking", {}, ORGANISER)
    view = job_status(seeded, job.id)
    assert (view.status, view.waiting_for_worker) == ("queued", True)


def test_running_job_whose_heartbeat_stopped_is_shown_failed(app, seeded):
    job = start_job(seeded, "matchmaking", {}, ORGANISER)
    long_ago = utcnow() - timedelta(seconds=app.config["JOBS_STALE_SECONDS"] + 1)
    db.session.execute(update(Job).values(status=JobStatus.RUNNING, heartbeat_at=long_ago))
    view = job_status(seeded, job.id)
    assert (view.status, view.error, view.finished) == ("failed", "worker_lost", True)


def test_job_whose_worker_died_does_not_block_a_new_one(app, seeded):
    start_job(seeded, "matchmaking", {}, ORGANISER)
    long_ago = utcnow() - timedelta(seconds=app.config["JOBS_STALE_SECONDS"] + 1)
    db.session.execute(update(Job).values(status=JobStatus.RUNNING, heartbeat_at=long_ago))
    assert start_job(seeded, "matchmaking", {}, ORGANISER).id == 2


def test_long_job_keeps_its_heartbeat_without_progress(worker, seeded, monkeypatch):
    # A job silent for a long time is kept alive by its heartbeat alone (that a stopped beat
    # shows the job failed is the test above). Asserted on the beats themselves, not on a
    # stale time racing a sleep: on a loaded machine single beats may be late or find
    # SQLite's lock taken, and a fixed silence against a stale time failed there.
    worker.config.update(JOBS_HEARTBEAT_SECONDS=0.1)
    release = threading.Event()

    def quiet(event, params, progress):
        db.session.rollback()  # as a real long step does (the engine): no lock held meanwhile
        release.wait(60)
        return KINDS["matchmaking"](event, params, progress)

    monkeypatch.setitem(KINDS, "quiet", quiet)
    job_id = start_job(seeded, "quiet", {}, ORGANISER).id
    beats = heartbeats_seen(job_id, count=3)
    release.set()
    view = wait_until_finished(seeded, job_id)
    assert len(set(beats)) == 3 and view.status == "done" and view.done == 3


def test_job_that_ends_with_uncommitted_writes_finishes_without_waiting_for_its_heartbeat(
        worker, seeded, monkeypatch, caplog):
    # The kind returns with a write uncommitted (dropped: not part of the result). On SQLite
    # that write locks the whole database, and the block's end waited for the heartbeat's
    # last beat, which waited for that lock until SQLite's busy timeout (30 s) made it give
    # up with "heartbeat not written". Now the beat gets the lock as soon as the kind ends.
    worker.config.update(JOBS_HEARTBEAT_SECONDS=0.02)
    title = seeded.title

    def leaves_a_write_open(event, params, progress):
        db.session.execute(update(Event).where(Event.id == event.id).values(title="not kept"))
        time.sleep(0.3)  # several beats fall into the open write
        return JobResult({"left": "open"})

    monkeypatch.setitem(KINDS, "open", leaves_a_write_open)
    with caplog.at_level(logging.WARNING, logger="matchmaker.jobs.runner"):
        view = wait_until_finished(seeded, start_job(seeded, "open", {}, ORGANISER).id, seconds=45)
    assert (view.status, view.result) == ("done", {"left": "open"})
    assert "heartbeat not written" not in caplog.text
    assert db.session.scalar(select(Event.title).where(Event.id == seeded.id)) == title


def heartbeats_seen(job_id: int, count: int, seconds: float = 60) -> list:
    """The job's distinct ``heartbeat_at`` values while it runs, read until ``count``."""
    reads_only()
    deadline, seen = time.monotonic() + seconds, []
    while len(seen) < count:
        assert time.monotonic() < deadline, f"only {len(seen)} heartbeats in {seconds} s"
        beat = db.session.scalar(select(Job.heartbeat_at).where(
            Job.id == job_id, Job.status == JobStatus.RUNNING))
        db.session.commit()
        if beat is not None and beat not in seen:
            seen.append(beat)
        time.sleep(0.05)
    return seen


def test_worker_command_runs_a_queued_job(app, seeded, database_url, instance_folder):
    job = start_job(seeded, "matchmaking", {}, ORGANISER)
    env = {**os.environ, "DATABASE_URL": database_url, "MATCHMAKER_INSTANCE_PATH": str(instance_folder),
           "MATCHMAKER_PUBLIC_BASE_URL": "http://localhost", "MATCHMAKER_ORGANISER_ADDRESS": "Teststraße 1, Berlin"}
    with subprocess.Popen([sys.executable, "-m", "matchmaker", "worker", "--workers", "1"], env=env,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True) as process:
        try:
            view = wait_until_finished(seeded, job.id)
        finally:
            process.send_signal(signal.SIGINT)
            output = process.communicate(timeout=30)[0]
    assert view.status == "done", output
    assert process.returncode == 0 and "Worker with 1 thread(s)" in output


def test_worker_command_refuses_the_immediate_queue(app, runner):
    app.config["JOBS_STORAGE"] = "immediate"
    result = runner.invoke(args=["worker"])
    assert result.exit_code == 1 and "nothing for a worker to do" in result.output


def test_postgresql_queue_carries_jobs_to_the_worker(app, seeded, queue_database_url):
    app.config["JOBS_STORAGE"] = queue_database_url
    with embedded_worker(app):
        view = wait_until_finished(seeded, start_job(seeded, "matchmaking", {}, ORGANISER).id)
    assert view.status == "done"


def test_redis_url_makes_a_redis_queue_on_that_server(app):
    app.config["JOBS_STORAGE"] = "redis://jobs.internal:6380/3"
    connection = make_huey(app).storage.conn.connection_pool.connection_kwargs
    assert (connection["host"], connection["port"], connection["db"]) == ("jobs.internal", 6380, 3)


def test_unknown_storage_is_refused_with_the_choices(app):
    app.config["JOBS_STORAGE"] = "memcached://x"
    with pytest.raises(ValueError, match="'sqlite', 'immediate', a redis:// or a postgresql://"):
        make_huey(app)
