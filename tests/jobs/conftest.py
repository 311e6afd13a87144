"""Fixtures for background jobs: an event with confirmed attendees, the queue modes, a
worker thread on the real SQLite queue, a loopback SMTP server."""

import time
from collections.abc import Iterator
from datetime import date
from datetime import time as clock

import pytest
from flask import Flask

from matchmaker.database import reads_only
from matchmaker.extensions import db
from matchmaker.jobs import JobView, job_status
from matchmaker.jobs.queue import embedded_worker
from matchmaker.models import Event
from matchmaker.services.attendees.imports import import_attendees
from matchmaker.services.events.events import EventPlan, SlotBlock, create_event
from matchmaker.synthetic import generate_attendees
from tests.support.postgres import create_database

ORGANISER = "team@example.org"


def seed(event: Event, count: int = 40) -> None:
    import_attendees(event, generate_attendees(count, seed=5, slots=10), "test", confirmed=True)
    db.session.commit()


def other_event() -> Event:
    event = create_event(EventPlan(
        slug="herbstforum-2027", title="Herbstforum 2027", starts_on=date(2027, 10, 6),
        venue="Leipzig", capacity=50, blocks=(SlotBlock(clock(10, 0), 4),), meeting_minutes=20,
        table_count=10,
    ))
    db.session.commit()
    return event


def wait_until_finished(event: Event, job_id: int, seconds: float = 60) -> JobView:
    """Poll the job's row, only reading (no SQLite write lock: the worker writes meanwhile,
    and a busy machine made a writing poll wait past SQLite's 30 s busy timeout), and
    without holding a transaction in between."""
    reads_only()
    deadline = time.monotonic() + seconds
    while True:
        job = job_status(event, job_id)
        db.session.commit()
        if job.finished:
            return job
        assert time.monotonic() < deadline, f"job {job_id} still {job.status} after {seconds} s"
        time.sleep(0.05)


@pytest.fixture
def seeded(event: Event) -> Event:
    seed(event)
    return event


@pytest.fixture
def immediate(app: Flask) -> Flask:
    app.config["JOBS_STORAGE"] = "immediate"
    return app


@pytest.fixture(autouse=True)
def sqlite_queue(request: pytest.FixtureRequest) -> None:
    """Tests of the queue run on its real default storage (other tests run jobs at once)."""
    if "app" in request.fixturenames:
        request.getfixturevalue("app").config["JOBS_STORAGE"] = "sqlite"


@pytest.fixture
def worker(app: Flask) -> Iterator[Flask]:
    """A huey consumer thread on the default SQLite queue in the instance folder."""
    with embedded_worker(app, workers=1):
        yield app


@pytest.fixture(scope="session")
def queue_database_url(postgres_url: str) -> str:
    """A database of its own for huey's PostgreSQL queue (its tables are not the app's)."""
    return create_database(postgres_url.rsplit("/", 1)[0], "matchmaker_jobs_queue")
