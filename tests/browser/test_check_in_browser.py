"""The check-in desk in a real Chromium: a keyboard-wedge scanner types the badge code and
Enter into the labelled field; the green confirmation shows and the field has the focus
again for the next scan. axe-core finds nothing, and the desk fits a 375 px phone."""

import pytest
from flask import Flask
from playwright.sync_api import Page, expect

from matchmaker.badge_code import shown
from matchmaker.extensions import db
from matchmaker.services.events.events import all_events
from tests.support.attendees import add_attendee
from tests.support.browser import assert_accessible, horizontal_overflow, log_in
from tests.support.factories import add_organiser

pytestmark = pytest.mark.browser
DESK = "/organiser/go-cluster-2027/check-in"
FIELD = "Badge-Code, Anmeldenummer oder Name"


@pytest.fixture(scope="module")
def badge_codes(live_app: Flask) -> list[str]:
    with live_app.app_context():
        (event,) = all_events()
        codes = [add_attendee(event, name).badge_code for name in ("Anna", "Ben", "Carla", "Dora")]
        add_organiser()
        db.session.remove()
    return codes


def test_scanned_code_and_enter_checks_in_and_focuses_the_field_again(page: Page, badge_codes: list[str]) -> None:
    log_in(page)
    page.goto(DESK)
    field = page.get_by_label(FIELD)
    expect(field).to_be_focused()
    field.press_sequentially(shown(badge_codes[0]).lower())
    field.press("Enter")
    expect(page.get_by_role("heading", name="Anna Beispiel")).to_be_visible()
    expect(page.get_by_text("Anna Beispiel ist eingecheckt.")).to_be_visible()
    expect(page.get_by_label(FIELD)).to_be_focused()
    page.get_by_label(FIELD).press_sequentially(badge_codes[1])
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Ben Beispiel")).to_be_visible()
    expect(page.get_by_label(FIELD)).to_be_focused()


def test_desk_has_no_accessibility_violations(page: Page, badge_codes: list[str]) -> None:
    log_in(page)
    page.goto(DESK)
    page.get_by_label(FIELD).fill("Beispiel")
    page.keyboard.press("Enter")
    expect(page.get_by_role("button", name="Carla Beispiel einchecken")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Carla Beispiel einchecken").click()
    expect(page.get_by_role("heading", name="Carla Beispiel")).to_be_visible()
    assert_accessible(page)


def test_desk_fits_a_phone(phone_page: Page, badge_codes: list[str]) -> None:
    log_in(phone_page)
    phone_page.goto(DESK)
    phone_page.get_by_label(FIELD).fill("Beispiel")
    phone_page.keyboard.press("Enter")
    expect(phone_page.get_by_role("button", name="Dora Beispiel einchecken")).to_be_visible()
    assert horizontal_overflow(phone_page) == 0
    phone_page.get_by_role("button", name="Dora Beispiel einchecken").click()
    expect(phone_page.get_by_role("heading", name="Dora Beispiel")).to_be_visible()
    assert horizontal_overflow(phone_page) == 0
