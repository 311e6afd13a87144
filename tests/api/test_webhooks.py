"""Webhooks: deliveries written with what they report, signed, sent to a real receiver on
loopback, retried when it answers 500, is down or too slow, and given up after a day."""

import hashlib
import hmac
import json
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import select

from matchmaker import create_app
from matchmaker.extensions import db
from matchmaker.models import DeliveryStatus, Event, WebhookDelivery, utcnow
from matchmaker.services.attendees.check_in import check_in
from matchmaker.services.attendees.registration import (
    Registration,
    promote_from_waiting_list,
    sign_up,
)
from matchmaker.services.attendees.self_service import cancel
from matchmaker.services.schedule.planning import plan_schedule
from matchmaker.services.webhooks import KINDS
from matchmaker.services.webhooks.endpoints import add_endpoint
from matchmaker.services.webhooks.sending import Outcome, SendingRules, send_due, store
from tests.conftest import app_config, empty_all_tables
from tests.support.attendees import add_attendee
from tests.support.factories import submit_sign_up
from tests.support.scene import published_scene
from tests.support.webhook_receiver import Receiver, start_receiver

RULES = SendingRules(timeout=0.5, first_wait=0, give_up_after=timedelta(hours=24))


@pytest.fixture
def app(database_url: str, instance_folder: Path) -> Iterator[Flask]:
    """Deliveries are queued on a real (SQLite) queue that no worker reads: the tests send
    them with ``send_due``, or start a worker."""
    app = create_app({**app_config(database_url, instance_folder), "JOBS_STORAGE": "sqlite",
                      "WEBHOOK_ALLOW_HTTP_LOOPBACK": True, "WEBHOOK_TIMEOUT_SECONDS": 0.5})
    with app.app_context():
        if db.engine.dialect.name == "postgresql":
            empty_all_tables()
        yield app
        db.session.remove()
        db.engine.dispose()


def hook(event: Event, url: str, kinds: tuple[str, ...] = KINDS) -> str:
    secret = add_endpoint(event, url, list(kinds), "team@example.org", allow_http_loopback=True).secret
    db.session.commit()
    return secret


def deliveries() -> list[WebhookDelivery]:
    db.session.expire_all()
    return list(db.session.scalars(select(WebhookDelivery).order_by(WebhookDelivery.id)))


@pytest.mark.both_databases
def test_sign_up_writes_a_delivery_and_sends_nothing_itself(client, event, receiver):
    hook(event, receiver.url)
    assert submit_sign_up(client).status_code == 302
    [delivery] = deliveries()
    assert delivery.kind == "registration.created" and delivery.status == DeliveryStatus.PENDING
    assert json.loads(delivery.body)["data"]["email"] == "juergen.mueller@example.org"
    assert receiver.received == []


@pytest.mark.both_databases
def test_rolled_back_registration_writes_no_delivery(event, receiver):
    hook(event, receiver.url)
    sign_up(event, Registration(email="anna@example.org", first_name="Anna", last_name="B",
                                organisation="A GmbH", org_type="sme", industry_code="logistics",
                                language="de", privacy_notice_version="test"))
    db.session.flush()
    db.session.rollback()
    db.session.commit()
    assert deliveries() == []


def test_endpoint_gets_only_the_kinds_it_chose(event, receiver):
    hook(event, receiver.url, kinds=("attendee.checked_in",))
    anna = add_attendee(event, "Anna")
    db.session.commit()
    check_in(event, anna, "desk")
    db.session.commit()
    assert [d.kind for d in deliveries()] == ["attendee.checked_in"]


def test_cancellation_and_promotion_from_the_waiting_list_are_told(app, receiver):
    from tests.support.factories import make_event
    event = make_event(capacity=1)
    anna, bernd = add_attendee(event, "Anna"), add_attendee(event, "Bernd")  # Bernd waits
    db.session.commit()
    hook(event, receiver.url)
    cancel(anna)
    promote_from_waiting_list(event)
    db.session.commit()
    told = [(d.kind, json.loads(d.body)["data"]["id"]) for d in deliveries()]
    assert ("registration.cancelled", anna.number) in told
    assert ("registration.promoted", bernd.number) in told


def test_publishing_the_schedule_is_told(event, receiver):
    hook(event, receiver.url, kinds=("schedule.published",))
    published_scene(event)
    db.session.commit()
    [delivery] = deliveries()
    assert json.loads(delivery.body)["data"]["meetings"] >= 1


def test_a_new_run_of_a_published_schedule_is_told_as_published(event, receiver):
    published_scene(event)
    db.session.commit()
    hook(event, receiver.url, kinds=("schedule.published",))
    plan_schedule(event)
    db.session.commit()
    assert [d.kind for d in deliveries()] == ["schedule.published"]


def test_delivery_is_signed_over_timestamp_and_body(event, receiver):
    secret = hook(event, receiver.url)
    add_attendee(event, "Anna")
    db.session.commit()
    assert send_due(RULES).sent == 1
    [got] = receiver.received
    stamp, _, digest = got.headers["X-Matchmaker-Signature"].partition(",v1=")
    timestamp = stamp.removeprefix("t=")
    expected = hmac.new(secret.encode(), timestamp.encode() + b"." + got.body, hashlib.sha256).hexdigest()
    assert hmac.compare_digest(digest, expected)
    assert got.headers["X-Matchmaker-Event"] == "registration.created"
    assert deliveries()[0].status == DeliveryStatus.SENT


@pytest.mark.both_databases
def test_receiver_answering_500_is_tried_again_until_it_answers_200(event, receiver):
    hook(event, receiver.url)
    add_attendee(event, "Anna")
    db.session.commit()
    receiver.answer = 500
    assert send_due(RULES).retrying == 1
    [delivery] = deliveries()
    assert delivery.status == DeliveryStatus.PENDING and delivery.last_status_code == 500
    receiver.answer = 200
    assert send_due(RULES).sent == 1
    assert deliveries()[0].status == DeliveryStatus.SENT and deliveries()[0].attempts == 2


def test_receiver_that_is_down_gets_the_delivery_when_it_is_back(event):
    down = start_receiver()
    port = down.server.server_address[1]
    url = down.url
    down.stop()
    hook(event, url)
    add_attendee(event, "Anna")
    db.session.commit()
    assert send_due(RULES).retrying == 1
    assert "Connection" in (deliveries()[0].last_error or "")
    back = start_receiver(port)
    try:
        assert send_due(RULES).sent == 1
        assert len(back.received) == 1
    finally:
        back.stop()


def test_slow_receiver_times_out_and_is_tried_again(event, receiver):
    hook(event, receiver.url)
    add_attendee(event, "Anna")
    db.session.commit()
    receiver.slow = True
    assert send_due(RULES).retrying == 1
    assert "timed out" in (deliveries()[0].last_error or "")


def test_wait_doubles_after_each_failed_attempt(event, receiver):
    hook(event, receiver.url)
    add_attendee(event, "Anna")
    db.session.commit()
    rules = SendingRules(timeout=1, first_wait=30, give_up_after=timedelta(hours=24))
    waits = []
    for attempts in (1, 2, 3):
        delivery = deliveries()[0]
        delivery.attempts = attempts
        db.session.commit()
        before = utcnow()
        store(delivery.id, Outcome(500, "HTTP 500"), rules)
        waits.append(round((deliveries()[0].next_attempt_at - before).total_seconds()))
    assert waits == [30, 60, 120]


def test_delivery_failing_for_a_day_is_given_up(event, receiver):
    hook(event, receiver.url)
    add_attendee(event, "Anna")
    db.session.commit()
    delivery = deliveries()[0]
    delivery.created_at, delivery.attempts = utcnow() - timedelta(hours=24), 12
    db.session.commit()
    store(delivery.id, Outcome(None, "ConnectionRefusedError"), RULES)
    assert deliveries()[0].status == DeliveryStatus.FAILED


def test_the_worker_sends_a_sign_up_to_the_receiver(app, client, event, receiver: Receiver):
    from matchmaker.jobs.queue import embedded_worker

    hook(event, receiver.url, kinds=("registration.created",))
    with embedded_worker(app):
        assert submit_sign_up(client).status_code == 302
        assert receiver.arrived.wait(15)
    body = json.loads(receiver.received[0].body)
    assert body["type"] == "registration.created" and body["event"] == "go-cluster-2027"


def test_the_worker_tries_again_after_a_500_until_the_receiver_takes_it(app, client, event, receiver):
    from matchmaker.jobs.queue import embedded_worker

    app.config["WEBHOOK_RETRY_SECONDS"] = 0.1
    receiver.answers = [500]
    hook(event, receiver.url, kinds=("registration.created",))
    with embedded_worker(app):
        assert submit_sign_up(client).status_code == 302
        assert receiver.arrived.wait(15)
    assert len(receiver.received) == 2
    assert receiver.received[0].body == receiver.received[1].body
