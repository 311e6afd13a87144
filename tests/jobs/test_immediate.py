"""Jobs in huey's immediate mode: the job runs inside ``start_job``, as in the tests of
other features; progress, results, failures and event scoping."""

import pytest
from sqlalchemy import delete, select

from matchmaker.extensions import db
from matchmaker.jobs import (
    KINDS,
    JobResult,
    ResultFile,
    job_result_file,
    job_status,
    latest_job,
    start_job,
)
from matchmaker.jobs.runner import run_job
from matchmaker.models import Job, Meeting, ScheduleRun
from matchmaker.services import DomainError
from matchmaker.services.schedule import matchmaking
from tests.jobs.conftest import ORGANISER, other_event, seed


def meeting_rows() -> list[tuple]:
    return list(db.session.execute(
        select(Meeting.slot_id, Meeting.table_id, Meeting.attendee_a_id, Meeting.attendee_b_id,
               Meeting.score).order_by(Meeting.slot_id, Meeting.table_id)))


def test_matchmaking_job_ends_done_with_all_phases_counted(immediate, seeded):
    job = start_job(seeded, "matchmaking", {}, ORGANISER)
    view = job_status(seeded, job.id)
    assert (view.status, view.done, view.total, view.phase, view.percent) == ("done", 3, 3, "stored", 100)
    assert view.result["quality"]["meetings"] == len(meeting_rows()) > 0
    assert view.created_by == ORGANISER and view.started_at and view.finished_at


def test_matchmaking_job_gives_the_same_schedule_as_match_command(immediate, seeded, runner):
    assert runner.invoke(args=["match"]).exit_code == 0
    by_command = meeting_rows()
    db.session.execute(delete(Meeting))
    db.session.execute(delete(ScheduleRun))
    db.session.commit()
    start_job(seeded, "matchmaking", {}, ORGANISER)
    assert meeting_rows() == by_command


def test_matchmaking_without_confirmed_attendees_fails_with_its_code(immediate, event):
    job = start_job(event, "matchmaking", {}, ORGANISER)
    view = job_status(event, job.id)
    assert (view.status, view.error) == ("failed", "no_confirmed_attendees")


@pytest.mark.both_databases
def test_store_failing_half_way_keeps_the_previous_schedule(immediate, seeded, monkeypatch):
    start_job(seeded, "matchmaking", {}, ORGANISER)
    before = meeting_rows()
    seed(seeded, count=60)  # new attendees: a re-plan would change meetings

    def store_then_crash(event, result):
        real_store(event, result)
        raise RuntimeError("disk full")

    real_store = matchmaking.store_schedule
    monkeypatch.setattr(matchmaking, "store_schedule", store_then_crash)
    job = start_job(seeded, "matchmaking", {}, ORGANISER)
    view = job_status(seeded, job.id)
    assert (view.status, view.error, view.error_detail) == ("failed", "crashed", "RuntimeError: disk full")
    assert meeting_rows() == before
    assert len(db.session.scalars(select(ScheduleRun)).all()) == 1


def test_job_of_another_event_is_not_found(immediate, seeded):
    job = start_job(seeded, "matchmaking", {}, ORGANISER)
    with pytest.raises(DomainError) as error:
        job_status(other_event(), job.id)
    assert error.value.code == "job_not_found"


def test_result_file_of_another_event_is_not_found(immediate, seeded):
    job = start_job(seeded, "matchmaking", {}, ORGANISER)
    with pytest.raises(DomainError) as error:
        job_result_file(other_event(), job.id)
    assert error.value.code == "job_not_found"


def test_result_file_is_kept_private_and_offered_for_download(immediate, event, monkeypatch):
    monkeypatch.setitem(KINDS, "print_test", lambda event, params, progress: JobResult(
        {"pages": 1}, ResultFile("Terminpläne.pdf", b"%PDF-1.7 test")))
    job = start_job(event, "print_test", {}, ORGANISER)
    name, mimetype, path = job_result_file(event, job.id)
    assert (name, mimetype, path.read_bytes()) == ("Terminpläne.pdf", "application/pdf", b"%PDF-1.7 test")
    assert (path.parent.stat().st_mode & 0o777, path.stat().st_mode & 0o777) == (0o700, 0o600)
    assert job_status(event, job.id).has_file


def test_job_without_file_offers_no_download(immediate, seeded):
    job = start_job(seeded, "matchmaking", {}, ORGANISER)
    with pytest.raises(DomainError) as error:
        job_result_file(seeded, job.id)
    assert error.value.code == "no_result_file"


def test_unknown_kind_is_refused_before_anything_is_stored(immediate, event):
    with pytest.raises(DomainError) as error:
        start_job(event, "format_disk", {}, ORGANISER)
    assert error.value.code == "unknown_job_kind"
    assert db.session.scalars(select(Job)).all() == []


def test_params_that_are_not_json_are_refused(immediate, event):
    with pytest.raises(DomainError) as error:
        start_job(event, "bulk_mail", {"mail_ids": {1, 2}}, ORGANISER)
    assert error.value.code == "bad_job_params"


@pytest.mark.both_databases
def test_latest_job_is_the_newest_of_its_kind(immediate, seeded):
    start_job(seeded, "matchmaking", {}, ORGANISER)
    newest = start_job(seeded, "matchmaking", {}, ORGANISER)
    start_job(seeded, "bulk_mail", {"mail_ids": []}, ORGANISER)
    assert latest_job(seeded, "matchmaking").id == newest.id
    assert latest_job(other_event(), "matchmaking") is None


def test_job_of_a_kind_this_worker_does_not_know_fails_readably(app, event):
    job = Job(event_id=event.id, kind="retired_kind", params={}, created_by=ORGANISER)
    db.session.add(job)
    db.session.commit()
    run_job(job.id)
    view = job_status(event, job.id)
    assert (view.status, view.error) == ("failed", "unknown_job_kind")
    assert view.error_detail == "kind: retired_kind"
