"""One personal agenda: the sessions an attendee has a seat in and their meetings in one
day plan, in time order, on their page, in the PDF schedule, the desk's print and iCal."""

import re
from datetime import time

import pytest
from flask.testing import FlaskClient
from icalendar import Calendar

from matchmaker.extensions import db
from matchmaker.models import Attendee, Event
from matchmaker.services.documents import printing
from matchmaker.services.programme.choices import choose_session
from matchmaker.services.schedule import calendar
from matchmaker.services.schedule.planning import plan_schedule
from matchmaker.services.schedule.publishing import publish
from tests.documents.pdf_text import pdftotext
from tests.programme.support import add_programme_session
from tests.support.attendees import add_matching_pair


@pytest.fixture
def anna(event: Event) -> Attendee:
    """Anna has a seat in a keynote before the first slot and in a workshop over the
    afternoon's first two slots (14:00 to 14:40); she and Ben meet, published."""
    anna, _ben = add_matching_pair(event)
    for title, start, end in (("Keynote Innovation", time(9), time(10)),
                              ("Werkstatt Fachkräfte", time(14), time(14, 40))):
        choose_session(anna, add_programme_session(event, title, start, end).id)
    plan_schedule(event)
    publish(event, "team@example.org")
    db.session.commit()
    return anna


def order_of(text: str, *needles: str) -> list[int]:
    return [text.index(needle) for needle in needles]


def test_page_shows_sessions_and_meetings_in_time_order(client: FlaskClient, anna: Attendee):
    page = client.get(f"/me/{anna.token}/schedule").get_data(as_text=True)
    places = order_of(page, "Keynote Innovation", "10:30", "Werkstatt Fachkräfte", "15:00")
    assert places == sorted(places) and "Ben Beispiel" in page and "14:20–14:40" not in page


def test_pdf_schedule_lists_sessions_in_the_day_plan(anna: Attendee):
    text = pdftotext(printing.schedule_pdf(anna), "-layout")
    places = order_of(text, "09:00–10:00", "Keynote Innovation", "10:30–10:50",
                      "14:00–14:40", "Werkstatt Fachkräfte", "15:00–15:20")
    assert places == sorted(places) and "14:20–14:40" not in text


def test_desk_print_carries_the_sessions_too(anna: Attendee):
    text = pdftotext(printing.all_schedules_pdf(anna.event), "-layout")
    assert "Werkstatt Fachkräfte" in text and "Keynote Innovation" in text


def test_ical_holds_sessions_and_meetings_in_time_order(anna: Attendee):
    events = list(Calendar.from_ical(calendar.attendee_calendar(anna)).walk("VEVENT"))
    summaries = [str(entry.get("summary")) for entry in events]
    starts = [entry.decoded("dtstart") for entry in events]
    assert summaries[0] == "Keynote Innovation" and "Werkstatt Fachkräfte" in summaries
    assert any(re.search("Ben Beispiel", s) for s in summaries) and starts == sorted(starts)
