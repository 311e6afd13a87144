"""Booking on acceptance in a real Chromium on a 375 px phone: asking with proposed times and
accepting one of them books the meeting at once; both pages pass axe-core and fit the screen."""

import pytest
from flask import Flask
from playwright.sync_api import Page, expect
from sqlalchemy import select

from matchmaker.extensions import db
from matchmaker.models import Event
from matchmaker.services.schedule.planning import plan_schedule
from matchmaker.services.schedule.publishing import publish
from tests.support.attendees import add_attendee
from tests.support.browser import assert_accessible, horizontal_overflow

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def links(live_app: Flask) -> tuple[str, str, int]:
    """A published schedule; Carla's and Dora's private links and Dora's number."""
    with live_app.app_context():
        event = db.session.scalars(select(Event)).one()
        add_attendee(event, "Zora")
        plan_schedule(event)
        publish(event, "organiser@example.org")
        carla, dora = add_attendee(event, "Carla"), add_attendee(event, "Dora")
        result = f"/me/{carla.token}", f"/me/{dora.token}", dora.number
        db.session.commit()
        db.session.remove()
    return result


def test_asking_with_proposed_times_and_accepting_one_books_the_meeting(phone_page: Page, links):
    carla, dora, dora_number = links
    phone_page.goto(f"{carla}/participants/{dora_number}")
    phone_page.get_by_label("10:50–11:10").check()
    phone_page.get_by_label("14:00–14:20").check()
    assert_accessible(phone_page)
    assert horizontal_overflow(phone_page) == 0
    phone_page.get_by_role("button", name="Anfrage senden").click()
    expect(phone_page.get_by_role("status").first).to_contain_text("Ihre Anfrage ist gesendet")

    phone_page.goto(f"{dora}/requests")
    expect(phone_page.get_by_label("10:50–11:10")).to_be_checked()
    phone_page.get_by_label("14:00–14:20").check()
    assert_accessible(phone_page)
    assert horizontal_overflow(phone_page) == 0
    phone_page.get_by_role("button", name="Anfrage von Carla Beispiel annehmen").click()
    expect(phone_page.get_by_role("status").first).to_contain_text(
        "Das Gespräch ist gebucht: 14:00–14:20 an Tisch 1.")
    expect(phone_page.get_by_text("Gebucht: 14:00–14:20, Tisch 1")).to_be_visible()
    assert_accessible(phone_page)
