"""The attendee's own page and edit forms, reached with the private link."""

import json

import pytest
from flask import request_finished, request_started
from sqlalchemy import event as sql_event
from sqlalchemy import select

from matchmaker.extensions import db
from matchmaker.models import Attendee, OutgoingMail
from matchmaker.services.attendees.meeting_requests import send_request
from tests.support.attendees import add_attendee, add_meeting
from tests.support.factories import csrf_token, post_form
from tests.support.mailbox import outbox_messages


def stored(attendee: Attendee) -> Attendee:
    db.session.expire_all()
    return db.session.get(Attendee, attendee.id)


def test_page_shows_status_and_all_details(client, link):
    html = client.get(link).get_data(as_text=True)
    for text in ("Angemeldet", "Anmeldenummer 1", "juergen.mueller@example.org",
                 "Müller Präzisionstechnik GmbH", "Cluster Mechatronik Sachsen",
                 "Leichtbau, Additive Fertigung", "Prototypenbau", "KI, Forschungspartner"):
        assert text in html


def test_page_shows_the_badge_code_for_the_check_in_desk(client, attendee, link):
    html = client.get(link).get_data(as_text=True)
    assert f"Ihr Badge-Code: {attendee.badge_code[:4]}-{attendee.badge_code[4:]}" in html


def test_page_shows_in_attendees_language(client, event):
    anna = add_attendee(event, "Anna", language="en")
    html = client.get(f"/me/{anna.token}").get_data(as_text=True)
    assert "<h1>Your registration</h1>" in html


def test_language_switch_on_page_changes_stored_language(client, attendee, link):
    client.get(f"/language/en?next={link}")
    html = client.get(link).get_data(as_text=True)
    assert "<h1>Your registration</h1>" in html
    assert stored(attendee).language == "en"


def test_profile_change_is_saved(client, attendee, link):
    response = post_form(client, f"{link}/profile", first_name="Jürgen", last_name="Meier",
                         organisation="Meier AG", org_type="large", industry="logistics")
    assert response.status_code == 302
    saved = stored(attendee)
    assert (saved.last_name, saved.organisation, saved.industry_code) == ("Meier", "Meier AG", "logistics")
    assert saved.position is None


def test_invalid_profile_change_shows_error_summary_and_keeps_data(client, attendee, link):
    response = post_form(client, f"{link}/profile", first_name="", last_name="Meier",
                         organisation="Meier AG", org_type="large", industry="logistics")
    assert 'class="error-summary"' in response.get_data(as_text=True)
    assert stored(attendee).last_name == "Müller"


def test_interests_change_is_saved(client, attendee, link):
    post_form(client, f"{link}/interests", themes=["skills"], keywords="Wasserstoff", offers="",
              seeks="Kapital, Partner")
    saved = stored(attendee)
    assert (saved.themes, saved.keywords, saved.offers, saved.seeks) == (
        ["skills"], ["Wasserstoff"], [], ["Kapital", "Partner"])


def test_availability_change_is_saved(client, attendee, link):
    post_form(client, f"{link}/meetings", wants_meetings="y", unavailable_slots=["9", "1"],
              max_meetings="3", matching_consent="y")
    saved = stored(attendee)
    assert (saved.unavailable_slots, saved.max_meetings) == ([1, 9], 3)


def test_withdrawing_matching_consent_clears_time_and_version(client, attendee, link):
    post_form(client, f"{link}/meetings", wants_meetings="y")
    saved = stored(attendee)
    assert (saved.matching_consent_at, saved.matching_consent_version) == (None, None)


@pytest.mark.both_databases
def test_giving_matching_consent_stores_time_and_version(app, client, event):
    anna = add_attendee(event, "Anna", matching_consent=False)
    post_form(client, f"/me/{anna.token}/meetings", wants_meetings="y", matching_consent="y")
    saved = stored(anna)
    assert saved.matching_consent_at is not None
    assert saved.matching_consent_version == app.config["PRIVACY_NOTICE_VERSION"]


@pytest.mark.both_databases
def test_data_download_contains_every_stored_column(client, attendee, link):
    response = client.get(f"{link}/data.json")
    assert response.headers["Content-Disposition"] == 'attachment; filename="registration-1.json"'
    data = json.loads(response.get_data(as_text=True))
    assert set(data["registration"]) == {column.key for column in Attendee.__table__.columns}
    assert data["registration"]["last_name"] == "Müller"
    assert [mail["kind"] for mail in data["mails"]] == ["welcome"]


def downloaded(client, link: str) -> dict:
    return json.loads(client.get(f"{link}/data.json").get_data(as_text=True))


def test_data_download_contains_the_attendees_meetings(client, event, attendee, link):
    add_meeting(event, attendee, add_attendee(event, "Anna"), slot=2)
    meetings = downloaded(client, link)["meetings"]
    assert [(m["partner_name"], m["partner_organisation"], m["table"], m["starts_at"])
            for m in meetings] == [("Anna Beispiel", "Anna GmbH", event.tables[0].name,
                                    event.slots[1].starts_at.isoformat())]


def test_data_download_contains_the_attendees_meeting_requests(client, anna, ben):
    send_request(anna, ben, "Gern über Wasserstoff sprechen")
    db.session.commit()
    requests = downloaded(client, f"/me/{anna.token}")["meeting_requests"]
    assert [(r["name"], r["organisation"], r["status"], r["message"]) for r in requests] == [
        ("Ben Beispiel", "Ben GmbH", "pending", "Gern über Wasserstoff sprechen")]


def test_link_request_for_known_address_mails_the_link(client, attendee, outbox):
    response = post_form(client, "/go-cluster-2027/link", email="Juergen.Mueller@example.org ")
    assert response.status_code == 302
    assert outbox_messages(outbox)[-1]["Subject"] == "Ihr persönlicher Link: go-cluster Jahrestagung 2027"


def test_link_request_for_unknown_address_answers_the_same_and_sends_nothing(client, attendee, outbox):
    known = post_form(client, "/go-cluster-2027/link", email="juergen.mueller@example.org")
    unknown = post_form(client, "/go-cluster-2027/link", email="niemand@example.org")
    assert (unknown.status_code, unknown.location) == (known.status_code, known.location)
    assert len(outbox_messages(outbox)) == 2  # the welcome and one link mail


def statements_while_answering(app, client, path: str, **data):
    """The response to a form post, and the SQL statements sent until it was ready
    (not what runs after it has gone out)."""
    data["csrf_token"] = csrf_token(client, path)
    statements: list[str] = []
    answering: list[bool] = []

    def count(_connection, _cursor, statement, *_args) -> None:
        if answering:
            statements.append(statement)

    sql_event.listen(db.engine, "before_cursor_execute", count)
    try:
        with request_started.connected_to(lambda *_a, **_k: answering.append(True), app), \
                request_finished.connected_to(lambda *_a, **_k: answering.clear(), app):
            response = client.post(path, data=data)
    finally:
        sql_event.remove(db.engine, "before_cursor_execute", count)
    return response, statements


def test_link_request_does_the_same_work_for_known_and_unknown_address(app, client, attendee):
    known, known_work = statements_while_answering(
        app, client, "/go-cluster-2027/link", email="juergen.mueller@example.org")
    unknown, unknown_work = statements_while_answering(
        app, client, "/go-cluster-2027/link", email="niemand@example.org")
    assert known_work == unknown_work
    assert (known.status_code, known.location, known.get_data()) == \
        (unknown.status_code, unknown.location, unknown.get_data())


def test_link_request_leaves_the_same_deferred_mail_work_for_both(client, attendee, monkeypatch):
    deferred = []
    monkeypatch.setattr("matchmaker.public.routes.compose_after_response",
                        lambda compose, *args: deferred.append((compose.__name__, args[:-1])))
    for email in ("juergen.mueller@example.org", "niemand@example.org"):
        post_form(client, "/go-cluster-2027/link", email=email)
    assert len(deferred) == 2 and deferred[0] == deferred[1]


@pytest.mark.both_databases
def test_repeated_link_requests_send_one_mail_per_interval(client, attendee):
    for _ in range(3):
        post_form(client, "/go-cluster-2027/link", email="juergen.mueller@example.org")
    kinds = db.session.scalars(select(OutgoingMail.kind).order_by(OutgoingMail.id)).all()
    assert kinds == ["welcome", "link_again"]
