"""Registration numbers start at 1 in every event: a number means a person of this event."""

import pytest

from tests.support.attendees import add_attendee
from tests.support.factories import add_organiser, login, make_event


@pytest.fixture
def second_events_organiser(app, client):
    """Two events whose first attendee both have number 1; logged in for the second."""
    first = make_event(slug="first-2027", title="Erste Veranstaltung")
    second = make_event(slug="second-2027", title="Zweite Veranstaltung")
    add_attendee(first, "Erstling")
    add_attendee(second, "Zweitling")
    add_organiser("second@example.org", events=(second,))
    login(client, "second@example.org", "richtig-geheim")
    return client


def test_attendee_number_of_second_event_opens_that_events_person(second_events_organiser):
    page = second_events_organiser.get("/organiser/second-2027/attendees/1").get_data(as_text=True)
    assert "Zweitling" in page
    assert "Erstling" not in page
