"""The progress of a job in a real Chromium: static/jobs.js under the strict CSP follows
the job and reloads the page when it is done; without JavaScript the page refreshes."""

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Blueprint, Flask, render_template_string
from playwright.sync_api import Browser, expect

from matchmaker.extensions import db
from matchmaker.jobs import KINDS, JobResult, job_status, start_job
from matchmaker.jobs.queue import embedded_worker
from matchmaker.jobs.web import job_json, job_status_response
from matchmaker.models import Event
from tests.support.browser import assert_accessible, open_page
from tests.support.factories import make_event
from tests.support.live_server import app_on_sqlite_copy, dispose, live_server

pytestmark = pytest.mark.browser
PAGE = """{% extends "base.html" %}
{% from "jobs/_progress.html" import job_head, job_progress %}
{% block head %}{{ job_head(job) }}{% endblock %}
{% block content %}<h1>Matchmaking</h1>
{{ job_progress(job, url_for("jobs_test.status", job_id=job.id), request.path) }}{% endblock %}"""


def slow(event: Event, params: dict, progress) -> JobResult:
    for step in range(params["steps"]):
        progress(step, params["steps"], "solving")
        time.sleep(0.4)
    return JobResult({"steps": params["steps"]})


def page_blueprint() -> Blueprint:
    """A page as the dashboard will have one: the job's state, and its JSON to poll."""
    blueprint = Blueprint("jobs_test", __name__)

    @blueprint.get("/_test/jobs/<int:job_id>")
    def show(job_id: int) -> str:
        event = db.session.scalars(db.select(Event)).one()
        return render_template_string(PAGE, job=job_json(job_status(event, job_id)), event=event)

    @blueprint.get("/_test/jobs/<int:job_id>/status")
    def status(job_id: int):
        return job_status_response(db.session.scalars(db.select(Event)).one(), job_id)

    return blueprint


@pytest.fixture(scope="module")
def jobs_app(sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Flask]:
    app = app_on_sqlite_copy(sqlite_template, tmp_path_factory.mktemp("live-jobs"))
    app.config["JOBS_STORAGE"] = "sqlite"  # a real queue and worker, as in production
    app.register_blueprint(page_blueprint())
    with app.app_context():
        make_event()
        db.session.remove()
    with pytest.MonkeyPatch.context() as patch, embedded_worker(app):
        patch.setitem(KINDS, "slow", slow)
        yield app
    dispose(app)


@pytest.fixture(scope="module")
def jobs_url(jobs_app: Flask) -> Iterator[str]:
    with live_server(jobs_app) as url:
        yield url


def started(app: Flask, steps: int) -> int:
    with app.app_context():
        event = db.session.scalars(db.select(Event)).one()
        job_id = start_job(event, "slow", {"steps": steps}, "team@example.org").id
        db.session.remove()
    return job_id


def test_page_follows_the_job_and_shows_it_done(chromium: Browser, jobs_app, jobs_url):
    job_id = started(jobs_app, steps=4)
    with open_page(chromium, jobs_url) as page:
        errors: list[str] = []  # script errors and CSP refusals (not the missing favicon)
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.on("console", lambda message: errors.append(message.text)
                if "Content Security Policy" in message.text else None)
        page.goto(f"/_test/jobs/{job_id}")
        expect(page.get_by_role("status")).to_have_text("Die Termine werden geplant")
        expect(page.get_by_role("status")).to_have_text("Fertig")
        expect(page.get_by_role("link", name="Aktualisieren")).to_have_count(0)
        assert errors == []


def test_page_without_javascript_refreshes_until_done(chromium: Browser, jobs_app, jobs_url):
    job_id = started(jobs_app, steps=2)
    context = chromium.new_context(base_url=jobs_url, java_script_enabled=False, locale="de-DE")
    try:
        page = context.new_page()
        page.goto(f"/_test/jobs/{job_id}")
        expect(page.get_by_role("link", name="Aktualisieren")).to_be_visible()
        expect(page.get_by_role("status")).to_have_text("Fertig", timeout=15_000)
    finally:
        context.close()


def test_running_job_page_passes_the_accessibility_audit(chromium: Browser, jobs_app, jobs_url):
    job_id = started(jobs_app, steps=10)
    with open_page(chromium, jobs_url) as page:
        page.goto(f"/_test/jobs/{job_id}")
        expect(page.get_by_role("status")).to_have_text("Die Termine werden geplant")
        assert_accessible(page)
