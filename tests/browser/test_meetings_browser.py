"""An attendee reads their published meetings, with the reasons, on desktop and phone."""

import pytest
from flask import Flask
from playwright.sync_api import Page, expect
from sqlalchemy import select

from matchmaker.extensions import db
from matchmaker.models import Attendee, Meeting
from matchmaker.services.attendees.imports import import_attendees
from matchmaker.services.events.events import all_events
from matchmaker.services.schedule.planning import plan_schedule
from matchmaker.services.schedule.publishing import publish
from matchmaker.synthetic import generate_attendees
from tests.support.browser import accessibility_violations, horizontal_overflow

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def meeting_link(live_app: Flask) -> str:
    """The private page of a German-speaking attendee who has meetings in the published plan."""
    with live_app.app_context():
        (event,) = all_events()
        import_attendees(event, generate_attendees(30, seed=3, slots=10), "test", confirmed=True)
        plan_schedule(event)
        publish(event, "organiser@example.org")
        attendee_id = db.session.scalars(select(Meeting.attendee_a_id)).first()
        attendee = db.session.get(Attendee, attendee_id)
        attendee.language = "de"
        link = f"/me/{attendee.token}"
        db.session.commit()
        db.session.remove()
    return link


def test_published_meetings_show_partner_table_and_reasons(page: Page, meeting_link):
    page.goto(meeting_link)
    meetings = page.get_by_role("heading", name="Ihre Gespräche")
    expect(meetings).to_be_visible()
    first = page.locator(".meeting").first
    expect(first).to_contain_text("Tisch")
    expect(first.locator(".reasons li").first).to_be_visible()


@pytest.mark.parametrize("viewport", ["page", "phone_page"])
def test_meetings_page_has_no_accessibility_violations(request, viewport, meeting_link):
    browser_page = request.getfixturevalue(viewport)
    browser_page.goto(meeting_link)
    assert accessibility_violations(browser_page) == []


def test_meetings_fit_a_phone_screen(phone_page: Page, meeting_link):
    phone_page.goto(meeting_link)
    assert horizontal_overflow(phone_page) == 0
