"""The attendee's matchmaking pages through real requests: forms, answers and bad input."""

import pytest
from sqlalchemy import select

from matchmaker.extensions import db
from matchmaker.models import MeetingRequest, RequestStatus
from matchmaker.services.schedule.planning import plan_schedule
from matchmaker.services.schedule.publishing import publish
from tests.support.attendees import add_attendee
from tests.support.factories import post_form
from tests.support.mailbox import outbox_messages, text_part


def ask(client, requester, target, message="Gern über Wasserstoff sprechen"):
    path = f"/me/{requester.token}/participants/{target.number}"
    return post_form(client, path, message=message)


def post_button(client, attendee, path):
    return post_form(client, f"/me/{attendee.token}{path}", token_from=f"/me/{attendee.token}/cancel")


@pytest.mark.parametrize("page", ["suggestions", "participants", "requests", "schedule"])
def test_matchmaking_pages_render(client, anna, ben, page):
    response = client.get(f"/me/{anna.token}/{page}")
    assert response.status_code == 200 and 'aria-current="page"' in response.get_data(as_text=True)


def test_suggestions_page_shows_the_partner_and_why(client, anna, ben):
    page = client.get(f"/me/{anna.token}/suggestions").get_data(as_text=True)
    assert "Ben Beispiel" in page and "Ihr Gegenüber bietet „Wasserstoff“ an" in page


def test_sending_a_request_mails_the_other_person(client, anna, ben, outbox):
    assert ask(client, anna, ben).status_code == 302
    message = outbox_messages(outbox)[-1]
    assert message["To"] == ben.email and f"/me/{ben.token}/requests" in text_part(message)


def test_accepting_through_the_page_marks_the_request_accepted(client, anna, ben):
    ask(client, anna, ben)
    request_id = db.session.scalar(select(MeetingRequest.id))
    assert post_button(client, ben, f"/requests/{request_id}/accept").status_code == 302
    assert db.session.scalar(select(MeetingRequest.status)) == RequestStatus.ACCEPTED


def test_incoming_request_is_listed_with_its_message(client, anna, ben):
    ask(client, anna, ben, "Hydrogen?")
    page = client.get(f"/me/{ben.token}/requests").get_data(as_text=True)
    assert "Anna Beispiel" in page and "Hydrogen?" in page and "Accept the request" in page


def test_too_long_a_message_is_refused_with_a_message(client, anna, ben):
    response = ask(client, anna, ben, "x" * 501)
    assert response.status_code == 200 and "höchstens 500 Zeichen" in response.get_data(as_text=True)
    assert db.session.scalars(select(MeetingRequest)).all() == []


def test_a_second_request_is_refused_with_a_message(client, anna, ben):
    ask(client, anna, ben)
    response = ask(client, anna, ben)
    assert response.status_code == 200
    assert "bereits um ein Gespräch gebeten" in response.get_data(as_text=True)


def test_answering_someone_elses_request_is_refused_with_a_message(client, anna, ben, event):
    ask(client, anna, ben)
    request_id = db.session.scalar(select(MeetingRequest.id))
    carla = add_attendee(event, "Carla")
    response = post_button(client, carla, f"/requests/{request_id}/accept")
    assert response.status_code == 302
    assert "gibt es nicht" in client.get(f"/me/{carla.token}/requests").get_data(as_text=True)


def test_a_button_without_csrf_token_changes_nothing(client, anna, ben):
    ask(client, anna, ben)
    request_id = db.session.scalar(select(MeetingRequest.id))
    client.post(f"/me/{ben.token}/requests/{request_id}/accept")
    assert db.session.scalar(select(MeetingRequest.status)) == RequestStatus.PENDING


def test_someone_without_consent_has_no_page(client, anna, event):
    shy = add_attendee(event, "Shy", matching_consent=False)
    assert client.get(f"/me/{anna.token}/participants/{shy.number}").status_code == 404


def test_blocking_through_the_page_hides_the_person(client, anna, ben):
    path = f"/me/{anna.token}/participants/{ben.number}"
    post_form(client, f"{path}/block", token_from=path)
    assert client.get(path).status_code == 404
    assert "Ben Beispiel" in client.get(f"/me/{anna.token}/requests").get_data(as_text=True)


def test_filters_with_unknown_values_show_nobody_not_an_error(client, anna, ben):
    response = client.get(f"/me/{anna.token}/participants?org_type=nonsense&page=abc&keyword=" + "x" * 300)
    assert response.status_code == 200


def test_schedule_before_publication_says_so(client, anna, ben, event):
    plan_schedule(event)
    page = client.get(f"/me/{anna.token}/schedule").get_data(as_text=True)
    assert "noch nicht veröffentlicht" in page and "Ben Beispiel" not in page


def test_schedule_shows_meetings_and_free_slots(client, anna, ben, event):
    plan_schedule(event)
    publish(event, "organiser@example.org")
    page = client.get(f"/me/{anna.token}/schedule").get_data(as_text=True)
    assert "Ben Beispiel" in page and "Energie und Umwelt" in page
    assert page.count(">Frei<") == len(event.slots) - 1
    assert "Mittwoch, 16. Juni 2027" in page


def test_english_schedule_writes_the_date_the_british_way(client, anna, ben, event):
    plan_schedule(event)
    publish(event, "organiser@example.org")
    page = client.get(f"/me/{ben.token}/schedule").get_data(as_text=True)
    assert "Wednesday, 16 June 2027" in page and "Free" in page


def test_feed_address_is_created_on_request_only(client, anna, ben, event):
    plan_schedule(event)
    publish(event, "organiser@example.org")
    path = f"/me/{anna.token}/schedule"
    assert "/me/feed/" not in client.get(path).get_data(as_text=True)
    post_form(client, f"{path}/feed", token_from=path)
    assert "/me/feed/" in client.get(path).get_data(as_text=True)


def test_person_page_is_in_the_readers_language(client, anna, ben):
    page = client.get(f"/me/{ben.token}/participants/{anna.number}").get_data(as_text=True)
    assert '<html lang="en">' in page and "Ask for a meeting" in page
