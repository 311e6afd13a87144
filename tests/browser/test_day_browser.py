"""The event day in a real Chromium: the attendee's now page on a phone (axe, 375 px, read
offline from the last visit after a reload) and the meeting area's display screen."""

from datetime import datetime, timedelta

import pytest
from flask import Flask
from playwright.sync_api import Browser, Page, expect
from sqlalchemy import select

from matchmaker import clock
from matchmaker.extensions import db
from matchmaker.models import Attendee, Meeting
from matchmaker.services.attendees.imports import import_attendees
from matchmaker.services.events.events import all_events
from matchmaker.services.schedule.planning import plan_schedule
from matchmaker.services.schedule.publishing import publish
from matchmaker.synthetic import generate_attendees
from tests.support.browser import (
    PHONE,
    accessibility_violations,
    horizontal_overflow,
    log_in,
    open_page,
)
from tests.support.factories import add_organiser

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def day(live_app: Flask) -> tuple[str, datetime]:
    """A German-speaking attendee's now link, and the start of their first meeting."""
    with live_app.app_context():
        (event,) = all_events()
        import_attendees(event, generate_attendees(30, seed=3, slots=10), "test", confirmed=True)
        plan_schedule(event)
        publish(event, "organiser@example.org")
        add_organiser("tag@example.org")
        meeting = db.session.scalars(select(Meeting).join(Meeting.slot).order_by("starts_at")).first()
        attendee = db.session.get(Attendee, meeting.attendee_a_id)
        attendee.language = "de"
        found = (f"/me/{attendee.token}/now", meeting.slot.starts_at)
        db.session.commit()
        db.session.remove()
    return found


@pytest.fixture
def during_first_meeting(day, monkeypatch) -> str:
    monkeypatch.setattr(clock, "venue_now", lambda: day[1] + timedelta(minutes=3))
    return day[0]


def test_now_page_passes_axe_and_fits_a_phone(phone_page: Page, during_first_meeting):
    phone_page.goto(during_first_meeting)
    expect(phone_page.get_by_role("heading", name="Jetzt", exact=True)).to_be_visible()
    assert accessibility_violations(phone_page) == []
    assert horizontal_overflow(phone_page) == 0


def test_we_met_button_records_the_meeting(phone_page: Page, during_first_meeting):
    phone_page.goto(during_first_meeting)
    phone_page.get_by_role("button", name="Wir haben uns getroffen").click()
    expect(phone_page.get_by_text("Als stattgefunden vermerkt.", exact=True)).to_be_visible()


def test_now_page_reads_offline_after_a_reload(chromium: Browser, live_url, during_first_meeting):
    context = chromium.new_context(base_url=live_url, viewport=PHONE, locale="de-DE")
    try:
        page = context.new_page()
        page.goto(during_first_meeting)
        page.evaluate("navigator.serviceWorker.ready.then(() => true)")
        page.reload()  # now controlled by the worker, which keeps this visit
        partner = page.locator(".now-who").first.inner_text()
        context.set_offline(True)
        page.reload()
        expect(page.locator(".now-who").first).to_have_text(partner)
        expect(page.locator(".now-table").first).to_contain_text("Tisch")
    finally:
        context.close()


@pytest.mark.parametrize("viewport", [{"width": 1920, "height": 1080}, PHONE], ids=["tv", "phone"])
def test_display_screen_passes_axe(chromium: Browser, live_url, day, monkeypatch, viewport):
    monkeypatch.setattr(clock, "venue_now", lambda: day[1] + timedelta(minutes=3))
    with open_page(chromium, live_url, viewport) as page:
        log_in(page, "tag@example.org")
        page.goto("/organiser/go-cluster-2027/display")
        expect(page.get_by_text("noch 17 Minuten")).to_be_visible()
        assert accessibility_violations(page) == []
        assert horizontal_overflow(page) <= 0
