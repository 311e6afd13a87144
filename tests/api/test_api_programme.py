"""The programme in the API: the event's sessions, paged, with ETags, audited, limited,
and only for a token of the event."""

from collections.abc import Iterator
from datetime import time
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from matchmaker import create_app
from matchmaker.extensions import db
from matchmaker.models import AuditEntry, Event
from matchmaker.services.api.tokens import create_token, revoke_token
from matchmaker.services.programme.choices import choose_session
from tests.conftest import IsolatedClient, app_config
from tests.programme.support import add_programme_session
from tests.support.attendees import add_attendee
from tests.support.factories import make_event

PROGRAMME = "/api/v1/events/go-cluster-2027/programme"


@pytest.fixture
def token(event: Event) -> str:
    secret = create_token(event, "CRM", "team@example.org").secret
    db.session.commit()
    return secret


def get(client: FlaskClient, token: str, path: str = PROGRAMME, **headers: str):
    return client.get(path, headers={"Authorization": f"Bearer {token}", **headers})


def test_programme_lists_the_events_sessions_with_their_seats(client, event, token):
    workshop = add_programme_session(event, "Wasserstoff-Werkstatt", time(10), time(11), capacity=1)
    choose_session(add_attendee(event, "Anna"), workshop.id)
    choose_session(add_attendee(event, "Bernd"), workshop.id)
    db.session.commit()
    [row] = get(client, token).json["data"]
    assert row["id"] == workshop.id and row["title"] == "Wasserstoff-Werkstatt"
    assert row["kind"] == "workshop" and row["room"] == "Saal 1" and row["capacity"] == 1
    assert row["starts_at"].endswith("T10:00:00+02:00")  # venue time, June in Berlin
    assert (row["seats_taken"], row["waiting"]) == (1, 1)


def test_programme_rows_name_no_attendee(client, event, token):
    add_programme_session(event, "Podium", time(9), time(10), kind="panel")
    row = get(client, token).json["data"][0]
    assert set(row) == {"id", "title", "kind", "starts_at", "ends_at", "room", "capacity",
                        "themes", "description", "seats_taken", "waiting"}


def test_programme_is_ordered_by_start_and_paged(client, event, token):
    for title, hour in (("Später", 14), ("Früh", 9), ("Mittag", 12)):
        add_programme_session(event, title, time(hour), time(hour + 1))
    body = get(client, token, f"{PROGRAMME}?page=2&per_page=1").json
    assert [row["title"] for row in body["data"]] == ["Mittag"]
    assert body["meta"] == {"page": 2, "per_page": 1, "total": 3, "last_page": 3}
    assert body["links"]["next"].endswith("/programme?page=3&per_page=1")


def test_unchanged_programme_with_its_etag_answers_304(client, event, token):
    add_programme_session(event, "Podium", time(9), time(10))
    first = get(client, token)
    assert get(client, token, **{"If-None-Match": first.headers["ETag"]}).status_code == 304


def test_programme_with_a_new_session_and_an_old_etag_answers_200(client, event, token):
    first = get(client, token)
    add_programme_session(event, "Podium", time(9), time(10))
    again = get(client, token, **{"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 200 and len(again.json["data"]) == 1


def test_programme_call_is_audited_under_the_tokens_name(client, event, token):
    get(client, token)
    entry = db.session.scalars(select(AuditEntry).where(AuditEntry.action == "api_read")).one()
    assert entry.actor == "API: CRM" and entry.changes == {"path": PROGRAMME}


def test_programme_with_another_events_token_is_the_same_404_as_no_event(client, event, token):
    add_programme_session(make_event(slug="other-2027", title="Andere"), "Geheim", time(9), time(10))
    other = get(client, token, "/api/v1/events/other-2027/programme")
    missing = get(client, token, "/api/v1/events/no-such-event/programme")
    assert other.status_code == missing.status_code == 404 and other.data == missing.data


def test_programme_with_a_revoked_token_is_a_401(client, event):
    made = create_token(event, "CRM", "team@example.org")
    revoke_token(event, made.token.id, "team@example.org")
    db.session.commit()
    response = get(client, made.secret)
    assert response.status_code == 401 and response.json["error"]["status"] == 401


@pytest.fixture
def limited_app(database_url: str, instance_folder: Path) -> Iterator[Flask]:
    app = create_app({**app_config(database_url, instance_folder), "RATELIMIT_ENABLED": True,
                      "RATELIMIT_API": "2 per minute"})
    app.test_client_class = IsolatedClient
    with app.app_context():
        yield app
        db.session.remove()
        db.engine.dispose()


def test_programme_calls_beyond_the_limit_get_429(limited_app):
    secret = create_token(make_event(), "CRM", "team").secret
    db.session.commit()
    client = limited_app.test_client()
    assert [get(client, secret).status_code for _ in range(3)] == [200, 200, 429]
