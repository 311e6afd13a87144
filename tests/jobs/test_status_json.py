"""The JSON the page polls, in the page's language, and 404 for another event's job."""

from flask import Flask, g
from sqlalchemy import update

from matchmaker.extensions import db
from matchmaker.jobs import job_status, start_job
from matchmaker.jobs.web import job_json, job_status_response
from matchmaker.models import Job, JobStatus
from tests.jobs.conftest import ORGANISER, other_event


def polled(app: Flask, event, job_id: int):
    with app.test_request_context():
        return job_status_response(event, job_id)


def test_running_job_json_has_progress_and_a_german_label(app, seeded):
    job = start_job(seeded, "matchmaking", {}, ORGANISER)
    db.session.execute(update(Job).values(status=JobStatus.RUNNING, progress_done=1,
                                          progress_total=3, message="solving"))
    db.session.commit()
    response = polled(app, seeded, job.id)
    assert response.headers["Cache-Control"] == "no-store"
    assert {key: response.json[key] for key in ("status", "finished", "done", "total", "percent",
                                                "phase", "label")} == {
        "status": "running", "finished": False, "done": 1, "total": 3, "percent": 33,
        "phase": "solving", "label": "Die Termine werden geplant"}


def test_failed_job_json_explains_the_error_in_english(app, immediate, event):
    job = start_job(event, "matchmaking", {}, ORGANISER)
    with app.test_request_context():
        g.page_language = "en"
        data = job_json(job_status(event, job.id))
    assert (data["status"], data["finished"], data["error"]) == ("failed", True, "no_confirmed_attendees")
    assert data["error_message"].startswith("Nobody to match yet")


def test_job_of_another_event_polls_as_404(app, immediate, seeded):
    job = start_job(seeded, "matchmaking", {}, ORGANISER)
    assert polled(app, other_event(), job.id).status_code == 404
