"""The offline desk's server side: the list the desk keeps (nothing private, never cached)
and the check-ins it queued, sent later: each made once however often it is sent, with a
clear answer for what is refused, and nothing accepted without the session's CSRF token."""

from datetime import UTC, datetime, timedelta

from flask.testing import FlaskClient
from sqlalchemy import func, select

from matchmaker.extensions import db
from matchmaker.models import Attendee, AttendeeStatus, AuditEntry, Event, utcnow
from tests.support.attendees import add_attendee
from tests.support.factories import csrf_token, make_event

from .conftest import EVENT_URL

LIST = f"{EVENT_URL}/check-in/list.json"
SYNC = f"{EVENT_URL}/check-in/sync"


def send(client: FlaskClient, *items: dict, token: str | None = None):
    token = token if token is not None else csrf_token(client, f"{EVENT_URL}/check-in")
    return client.post(SYNC, json={"check_ins": list(items)}, headers={"X-CSRFToken": token})


def queued(code: str, client_id: str = "desk-a-0001", at: str | None = None) -> dict:
    return {"id": client_id, "code": code, "at": at}


def check_ins(person: Attendee) -> int:
    return db.session.scalar(select(func.count()).select_from(AuditEntry).where(
        AuditEntry.attendee_id == person.id, AuditEntry.action == "check_in")) or 0


def test_list_holds_the_desk_fields_and_no_email(organiser_client: FlaskClient, event: Event) -> None:
    anna = add_attendee(event, "Anna")
    response = organiser_client.get(LIST)
    assert response.headers["Cache-Control"] == "no-store"
    (row,) = response.get_json()["people"]
    assert row == {"number": anna.number, "name": "Anna Beispiel", "organisation": "Anna GmbH",
                   "badge_code": anna.badge_code, "status": "registered", "checked_in": False}
    assert "anna@example.org" not in response.get_data(as_text=True)


def test_list_without_login_is_refused(client: FlaskClient, event: Event) -> None:
    add_attendee(event, "Anna")
    response = client.get(LIST)
    assert response.status_code == 302 and "Anna" not in response.get_data(as_text=True)


def test_queued_check_in_sent_checks_in_at_the_desk_time(organiser_client: FlaskClient, event: Event) -> None:
    anna = add_attendee(event, "Anna")
    at = datetime.now(UTC).replace(microsecond=0) - timedelta(minutes=5)
    response = send(organiser_client, queued(anna.badge_code.lower(), at=at.isoformat()))
    (result,) = response.get_json()["results"]
    db.session.refresh(anna)
    assert result["outcome"] == "checked_in" and result["number"] == anna.number
    assert anna.checked_in_at == at.replace(tzinfo=None)


def test_same_queue_sent_twice_checks_in_once(organiser_client: FlaskClient, event: Event) -> None:
    anna = add_attendee(event, "Anna")
    send(organiser_client, queued(anna.badge_code))
    db.session.refresh(anna)
    first = anna.checked_in_at
    (again,) = send(organiser_client, queued(anna.badge_code)).get_json()["results"]
    db.session.refresh(anna)
    assert again["outcome"] == "checked_in" and anna.checked_in_at == first and check_ins(anna) == 1


def test_replay_after_undo_does_not_check_in_again(organiser_client: FlaskClient, event: Event) -> None:
    anna = add_attendee(event, "Anna")
    send(organiser_client, queued(anna.badge_code))
    anna.checked_in_at = None
    db.session.commit()
    send(organiser_client, queued(anna.badge_code))
    db.session.refresh(anna)
    assert anna.checked_in_at is None and check_ins(anna) == 1


def test_two_desks_checking_in_one_person_keep_the_first(organiser_client: FlaskClient, event: Event) -> None:
    anna = add_attendee(event, "Anna")
    send(organiser_client, queued(str(anna.number), client_id="desk-a-0001"))
    db.session.refresh(anna)
    first = anna.checked_in_at
    (second,) = send(organiser_client, queued(anna.badge_code, client_id="desk-b-0001")).get_json()["results"]
    db.session.refresh(anna)
    assert second["outcome"] == "already" and anna.checked_in_at == first and check_ins(anna) == 1


def test_two_desks_keep_the_earlier_arrival_time(organiser_client: FlaskClient, event: Event) -> None:
    anna = add_attendee(event, "Anna")
    first_seen = datetime.now(UTC).replace(microsecond=0) - timedelta(minutes=30)
    send(organiser_client, queued(anna.badge_code, client_id="desk-b-0001"))
    send(organiser_client, queued(anna.badge_code, client_id="desk-a-0001", at=first_seen.isoformat()))
    db.session.refresh(anna)
    assert anna.checked_in_at == first_seen.replace(tzinfo=None) and check_ins(anna) == 1


def test_desk_clock_in_the_future_is_not_believed(organiser_client: FlaskClient, event: Event) -> None:
    anna = add_attendee(event, "Anna")
    send(organiser_client, queued(anna.badge_code, at="2099-01-01T09:00:00.000Z"))
    db.session.refresh(anna)
    assert anna.checked_in_at is not None and anna.checked_in_at <= utcnow()


def test_unknown_code_is_answered_and_nothing_stored(organiser_client: FlaskClient, event: Event) -> None:
    anna = add_attendee(event, "Anna")
    (result,) = send(organiser_client, queued("ZZZZ-ZZZZ")).get_json()["results"]
    db.session.refresh(anna)
    assert result["outcome"] == "unknown" and "Badge-Code" in result["message"]
    assert anna.checked_in_at is None


def test_another_events_code_is_unknown_here(organiser_client: FlaskClient, event: Event) -> None:
    other = make_event(slug="anderes-2027", title="Anderes Treffen")
    stranger = add_attendee(other, "Stella")
    (result,) = send(organiser_client, queued(stranger.badge_code)).get_json()["results"]
    db.session.refresh(stranger)
    assert result["outcome"] == "unknown" and stranger.checked_in_at is None


def test_cancelled_attendee_sent_later_is_refused_with_reason(organiser_client: FlaskClient, event: Event) -> None:
    gone = add_attendee(event, "Gerd")
    gone.status, gone.cancelled_at = AttendeeStatus.CANCELLED, utcnow()
    db.session.commit()
    (result,) = send(organiser_client, queued(gone.badge_code)).get_json()["results"]
    db.session.refresh(gone)
    assert result["outcome"] == "cancelled" and "storniert" in result["message"]
    assert gone.checked_in_at is None


def test_bad_json_is_refused(organiser_client: FlaskClient, event: Event) -> None:
    token = csrf_token(organiser_client, f"{EVENT_URL}/check-in")
    response = organiser_client.post(SYNC, data="{not json", content_type="application/json",
                                      headers={"X-CSRFToken": token})
    assert response.status_code == 400 and "error" in response.get_json()


def test_check_in_without_an_id_is_refused_and_nothing_stored(organiser_client: FlaskClient, event: Event) -> None:
    anna = add_attendee(event, "Anna")
    response = send(organiser_client, {"code": anna.badge_code})
    db.session.refresh(anna)
    assert response.status_code == 400 and anna.checked_in_at is None


def test_sync_without_csrf_token_is_refused(organiser_client: FlaskClient, event: Event) -> None:
    anna = add_attendee(event, "Anna")
    response = send(organiser_client, queued(anna.badge_code), token="")
    db.session.refresh(anna)
    assert response.status_code == 400 and anna.checked_in_at is None


def test_desk_worker_scope_is_the_desk(organiser_client: FlaskClient, event: Event) -> None:
    response = organiser_client.get(f"{EVENT_URL}/check-in/worker.js")
    assert response.headers["Service-Worker-Allowed"] == f"{EVENT_URL}/check-in"
    assert "javascript" in response.mimetype
