"""On the event day an organiser sees the meetings at risk and re-plans around who is
missing, on a phone (375 px), asked first; every page passes axe."""

from datetime import datetime

import pytest
from flask import Flask
from playwright.sync_api import Page, expect
from sqlalchemy import select

from matchmaker.extensions import db
from matchmaker.models import Meeting
from matchmaker.services.events.events import all_events
from matchmaker.services.schedule.planning import plan_schedule
from matchmaker.services.schedule.publishing import publish
from tests.support.attendees import add_attendee
from tests.support.browser import accessibility_violations, horizontal_overflow, log_in
from tests.support.factories import add_organiser

pytestmark = pytest.mark.browser

SCHEDULE = "/organiser/go-cluster-2027/schedule/"


@pytest.fixture(scope="module")
def absent_name(live_app: Flask) -> str:
    """Five who match, one meeting each at most; the first meeting's first attendee is missing."""
    with live_app.app_context():
        (event,) = all_events()
        people = [add_attendee(event, name, offers=["Wasserstoff"], seeks=["Wasserstoff"],
                               max_meetings=1) for name in ("Anna", "Ben", "Carla", "Dora", "Emil")]
        plan_schedule(event)
        publish(event, "organiser@example.org")
        first = db.session.scalars(select(Meeting).order_by(Meeting.id)).first()
        for person in people:
            if person.id != first.attendee_a_id:
                person.checked_in_at = datetime(2027, 6, 16, 8, 0)
        name = first.attendee_a.full_name
        db.session.commit()
        add_organiser()
        db.session.remove()
        return name


def test_organiser_replans_around_the_missing_on_a_phone(phone_page: Page, absent_name: str):
    page = phone_page
    log_in(page)
    page.goto(SCHEDULE)
    section = page.get_by_role("region", name="Der Veranstaltungstag: gefährdete Gespräche")
    expect(section).to_contain_text(f"nicht eingecheckt: {absent_name}")
    assert accessibility_violations(page) == [] and horizontal_overflow(page) == 0
    section.get_by_role("button", name="Um die Fehlenden herum umplanen …").click()
    expect(page.get_by_role("heading", name="Den Tag umplanen?")).to_be_visible()
    expect(page.locator("main")).to_contain_text("1 Gespräch wird abgesagt")
    assert accessibility_violations(page) == [] and horizontal_overflow(page) == 0
    page.get_by_role("button", name="Jetzt umplanen").click()
    expect(page.get_by_role("status")).to_contain_text("Umgeplant. Abgesagte Gespräche: 1, neue: 1")
    expect(page.get_by_role("region", name="Der Veranstaltungstag: gefährdete Gespräche")) \
        .to_contain_text("Kein kommendes Gespräch ist gefährdet.")
