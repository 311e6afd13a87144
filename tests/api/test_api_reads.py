"""The read-only API: what each route answers with a token of the event, page links,
ETags, and that every call is in the audit log."""

from datetime import UTC, datetime

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from matchmaker.extensions import db
from matchmaker.models import ApiToken, AuditEntry, Event
from matchmaker.services.api.tokens import create_token
from matchmaker.services.attendees.check_in import check_in
from tests.support.attendees import add_attendee
from tests.support.scene import published_scene


@pytest.fixture
def token(event: Event) -> str:
    secret = create_token(event, "CRM", "team@example.org").secret
    db.session.commit()
    return secret


def get(client: FlaskClient, path: str, token: str, **headers: str):
    return client.get(path, headers={"Authorization": f"Bearer {token}", **headers})


def test_attendees_with_the_events_token_lists_its_registrations(client, event, token):
    anna = add_attendee(event, "Anna")
    response = get(client, "/api/v1/events/go-cluster-2027/attendees", token)
    assert response.status_code == 200
    [row] = response.json["data"]
    assert row["id"] == anna.number and row["email"] == "anna@example.org"
    assert row["status"] == "registered" and row["badge_code"] == anna.badge_code
    assert row["checked_in_at"] is None


def test_attendee_rows_hold_nothing_beyond_the_export(client, event, token):
    add_attendee(event, "Anna")
    row = get(client, "/api/v1/events/go-cluster-2027/attendees", token).json["data"][0]
    assert set(row) == {"id", "status", "first_name", "last_name", "email", "organisation",
                        "position", "org_type", "industry", "email_confirmed", "signed_up_at",
                        "badge_code", "checked_in_at"}


def test_pages_link_to_the_next_and_previous_page(client, event, token):
    for name in ("Anna", "Bernd", "Clara"):
        add_attendee(event, name)
    response = get(client, "/api/v1/events/go-cluster-2027/attendees?page=2&per_page=1", token)
    body = response.json
    assert [row["first_name"] for row in body["data"]] == ["Bernd"]
    assert body["meta"] == {"page": 2, "per_page": 1, "total": 3, "last_page": 3}
    assert body["links"]["next"].endswith("/attendees?page=3&per_page=1")
    assert body["links"]["prev"].endswith("/attendees?page=1&per_page=1")
    assert 'rel="next"' in response.headers["Link"]


@pytest.mark.parametrize("query", ["per_page=0", "per_page=201", "page=x", "page=-1"])
def test_page_numbers_out_of_range_are_a_json_400(client, event, token, query):
    response = get(client, f"/api/v1/events/go-cluster-2027/attendees?{query}", token)
    assert response.status_code == 400 and response.json["error"]["status"] == 400


def test_unchanged_list_with_its_etag_answers_304(client, event, token):
    add_attendee(event, "Anna")
    first = get(client, "/api/v1/events/go-cluster-2027/attendees", token)
    again = get(client, "/api/v1/events/go-cluster-2027/attendees", token,
                **{"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304 and again.data == b""


def test_changed_list_with_an_old_etag_answers_200(client, event, token):
    first = get(client, "/api/v1/events/go-cluster-2027/attendees", token)
    add_attendee(event, "Anna")
    again = get(client, "/api/v1/events/go-cluster-2027/attendees", token,
                **{"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 200 and len(again.json["data"]) == 1


def test_each_call_is_audited_under_the_tokens_name(client, event, token):
    get(client, "/api/v1/events/go-cluster-2027/check-ins?page=1", token)
    entry = db.session.scalars(select(AuditEntry).where(AuditEntry.action == "api_read")).one()
    assert entry.actor == "API: CRM"
    assert entry.changes == {"path": "/api/v1/events/go-cluster-2027/check-ins?page=1"}


def test_a_call_sets_the_tokens_last_use(client, event, token):
    get(client, "/api/v1/events/go-cluster-2027/attendees", token)
    assert db.session.scalars(select(ApiToken)).one().last_used_at is not None


def test_schedule_lists_the_published_meetings_with_attendee_ids(client, event, token):
    scene = published_scene(event)
    db.session.commit()
    data = get(client, "/api/v1/events/go-cluster-2027/schedule", token).json["data"]
    assert sorted([scene.anna.number, scene.ben.number]) in [row["attendee_ids"] for row in data]
    assert data[0]["starts_at"].endswith("+02:00")  # June in Berlin and data[0]["table"]["number"] >= 1


def test_schedule_before_publishing_is_empty(client, event, token):
    add_attendee(event, "Anna")
    response = get(client, "/api/v1/events/go-cluster-2027/schedule", token)
    assert response.status_code == 200 and response.json["data"] == []


def test_check_ins_list_who_arrived(client, event, token):
    anna, _bernd = add_attendee(event, "Anna"), add_attendee(event, "Bernd")
    check_in(event, anna, "desk")
    db.session.commit()
    [row] = get(client, "/api/v1/events/go-cluster-2027/check-ins", token).json["data"]
    assert row["attendee_id"] == anna.number and row["badge_code"] == anna.badge_code
    assert datetime.fromisoformat(row["checked_in_at"]) <= datetime.now(UTC)


def test_api_answers_set_no_cookie(client, event, token):
    response = get(client, "/api/v1/events/go-cluster-2027/attendees", token)
    assert "Set-Cookie" not in response.headers


def test_openapi_describes_every_api_route(app: Flask, client):
    paths = client.get("/api/v1/openapi.json").json["paths"]
    routes = {rule.rule.replace("<slug>", "{slug}") for rule in app.url_map.iter_rules()
              if rule.endpoint.startswith("api.")}
    assert routes and routes <= set(paths)
