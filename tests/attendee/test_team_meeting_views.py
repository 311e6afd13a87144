"""A team meeting as everybody at the table sees it: the colleague's schedule page, their
calendar file, the printed schedules and the table plan name everybody."""

import pytest

from matchmaker.extensions import db
from matchmaker.services.attendees.booking import availability
from matchmaker.services.schedule.team_meetings import add_colleague
from tests.attendee.own_meetings_scene import publish_now
from tests.documents.pdf_text import pdftotext
from tests.organiser.conftest import EVENT_URL
from tests.support.attendees import add_attendee, add_meeting


@pytest.fixture
def team(event):
    """Anna and her colleague Carl (Wasser AG) meet Ben (Strom GmbH) in slot 1, published."""
    anna = add_attendee(event, "Anna", organisation="Wasser AG")
    carl = add_attendee(event, "Carl", organisation="Wasser AG")
    ben = add_attendee(event, "Ben", organisation="Strom GmbH")
    meeting = add_meeting(event, anna, ben, slot=1)
    add_colleague(event, meeting.id, carl.id, actor="team@example.org")
    db.session.commit()
    publish_now(event)
    return anna, carl, ben


def test_the_colleagues_schedule_page_shows_the_meeting_with_everybody(client, team):
    _anna, carl, _ben = team
    page = client.get(f"/me/{carl.token}/schedule").get_data(as_text=True)
    assert "Ben Beispiel, Strom GmbH" in page and "Ebenfalls am Tisch: Anna Beispiel" in page


def test_the_partners_schedule_page_names_the_colleague_too(client, team):
    _anna, _carl, ben = team
    page = client.get(f"/me/{ben.token}/schedule").get_data(as_text=True)
    assert "Anna Beispiel, Wasser AG" in page and "Ebenfalls am Tisch: Carl Beispiel" in page


def test_the_colleagues_calendar_file_has_the_meeting_and_names_everybody(client, team):
    _anna, carl, _ben = team
    ics = client.get(f"/me/{carl.token}/schedule.ics").get_data(as_text=True).replace("\r\n ", "")
    assert "SUMMARY:1:1-Gespräch: Ben Beispiel (Strom GmbH)" in ics
    assert "Ebenfalls am Tisch: Anna Beispiel" in ics


def test_the_colleagues_printed_schedule_has_the_meeting_and_names_everybody(client, team):
    _anna, carl, _ben = team
    text = " ".join(pdftotext(client.get(f"/me/{carl.token}/schedule.pdf").data).split())
    assert "Ben Beispiel" in text and "Ebenfalls am Tisch: Anna Beispiel" in text


def test_the_table_plan_names_the_colleague_beside_their_colleague(organiser_client, team):
    text = " ".join(pdftotext(organiser_client.get(f"{EVENT_URL}/print/table-plan.pdf").data).split())
    assert "Anna Beispiel, Carl Beispiel" in text and "Ben Beispiel" in text


def test_a_colleague_sitting_in_is_not_offered_that_slot_for_a_booking(client, event, team):
    _anna, carl, _ben = team
    dora = add_attendee(event, "Dora", organisation="Luft KG")
    free = availability(event, [carl, dora])
    assert 1 not in free.common_free_slots(carl, dora) and 2 in free.common_free_slots(carl, dora)
