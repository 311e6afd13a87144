"""Booking on acceptance on the pages: only possible requests are offered, the requests page
books with a proposed time, and the booked meeting is in the schedule, calendar, PDF, the
grid and the audit log; the organisers switch it per event."""

import subprocess

import pytest
from sqlalchemy import select

from matchmaker.extensions import db
from matchmaker.models import Event, Meeting, MeetingRequest
from matchmaker.services.attendees import booking
from matchmaker.services.schedule.planning import plan_schedule
from matchmaker.services.schedule.publishing import publish
from tests.support.attendees import add_attendee, add_matching_pair, add_meeting
from tests.support.factories import post_form

EVENT_URL = "/organiser/go-cluster-2027"


@pytest.fixture
def open_event(event: Event) -> Event:
    """The test event with a published schedule without meetings."""
    add_attendee(event, "Zora")
    plan_schedule(event)
    publish(event, "organiser@example.org")
    db.session.commit()
    return event


@pytest.fixture
def pair(open_event):
    return add_matching_pair(open_event)


def page(client, attendee, path=""):
    return client.get(f"/me/{attendee.token}{path}").get_data(as_text=True)


def ask(client, pair):
    """Ben asks Anna, proposing 11:10 and 11:30."""
    anna, ben = pair
    post_form(client, f"/me/{ben.token}/participants/{anna.number}", slots=["3", "4"])
    return db.session.scalar(select(MeetingRequest.id))


def booked_on_the_page(client, pair):
    """Ben asks Anna, proposing 11:10 and 11:30; Anna accepts 11:30 on her requests page."""
    request_id = ask(client, pair)
    return post_form(client, f"/me/{pair[0].token}/requests/{request_id}/accept", slot="4",
                     token_from=f"/me/{pair[0].token}/requests")


def test_person_page_offers_only_the_times_both_have_free(client, pair):
    anna, ben = pair
    ben.unavailable_slots = list(range(1, 9))
    db.session.commit()
    html = page(client, anna, f"/participants/{ben.number}")
    assert 'name="slots" type="checkbox" value="9"' in html and 'value="10"' in html
    assert 'name="slots" type="checkbox" value="8"' not in html


def test_person_page_of_someone_fully_booked_says_so_and_offers_no_request(client, pair, open_event):
    anna, ben = pair
    ben.max_meetings = 1
    add_meeting(open_event, ben, add_attendee(open_event, "Carla"))
    html = page(client, anna, f"/participants/{ben.number}")
    assert "Ben Beispiel ist ausgebucht" in html and 'name="message"' not in html


def test_participant_list_marks_who_is_fully_booked(client, pair, open_event):
    anna, ben = pair
    ben.max_meetings = 1
    add_meeting(open_event, ben, add_attendee(open_event, "Carla"))
    html = page(client, anna, "/participants")
    ben_card = html[html.index(f"/participants/{ben.number}"):]
    assert ben_card[:ben_card.index("</li>")].count("Ausgebucht") == 1


def test_suggestions_offer_no_request_without_a_common_free_time(client, pair):
    anna, ben = pair
    anna.unavailable_slots, ben.unavailable_slots = list(range(1, 6)), list(range(6, 11))
    db.session.commit()
    html = page(client, anna, "/suggestions")
    assert "Keine gemeinsame freie Zeit" in html
    assert f"/participants/{ben.number}\"" not in html  # no link to ask (the favourite form stays)


def test_accepting_a_proposed_time_on_the_requests_page_books_it(client, pair):
    anna, ben = pair
    ask(client, pair)
    html = page(client, anna, "/requests")
    assert html.count('type="radio" name="slot"') == 2 and "11:10–11:30" in html
    booked_on_the_page(client, pair)
    html = page(client, anna, "/requests")
    assert "Das Gespräch ist gebucht: 11:30–11:50 an Tisch 1." in html
    assert "Gebucht: 11:30–11:50, Tisch 1" in html


def test_booked_meeting_is_in_the_calendar_file_and_the_pdf(client, pair, tmp_path):
    anna, ben = pair
    booked_on_the_page(client, pair)
    assert "DTSTART;TZID=Europe/Berlin:20270616T113000" in page(client, anna, "/schedule.ics")
    (tmp_path / "s.pdf").write_bytes(client.get(f"/me/{ben.token}/schedule.pdf").data)
    text = subprocess.run(["pdftotext", str(tmp_path / "s.pdf"), "-"], capture_output=True,
                          text=True, check=True).stdout
    assert "11:30" in text and "Anna Beispiel" in text


def test_booked_meeting_is_in_the_grid_and_the_audit_log(organiser_client, pair):
    booked_on_the_page(organiser_client, pair)
    grid = organiser_client.get(f"{EVENT_URL}/schedule/").get_data(as_text=True)
    audit = organiser_client.get(f"{EVENT_URL}/audit").get_data(as_text=True)
    assert "Anna Beispiel" in grid and "Ben Beispiel" in grid
    assert "Gespräch von der Person beim Annehmen einer Anfrage gebucht" in audit
    assert f"attendee {pair[0].number} Anna Beispiel" in audit and "Von den Teilnehmenden gebucht" in grid


def test_organisers_switch_booking_on_acceptance_off_in_the_settings(organiser_client, open_event):
    html = organiser_client.get(f"{EVENT_URL}/settings").get_data(as_text=True)
    assert 'checked class="checkbox" id="booking_on_acceptance"' in html
    form = {"title": open_event.title, "starts_on": "2027-06-16", "venue": "bcc Berlin",
            "capacity": "200", "blocks": "10:30x5, 14:00x5", "meeting_minutes": "20",
            "table_names": "\n".join(str(n) for n in range(1, 61))}
    post_form(organiser_client, f"{EVENT_URL}/settings", form, token_from="/organiser/")
    db.session.expire_all()
    assert open_event.booking_on_acceptance is False and not booking.booking_open(open_event)
    assert db.session.scalar(select(Meeting.id)) is None
