""""Not interested" in a real Chromium on a 375 px phone: the button on a suggestion takes
the person off, the list below the suggestions brings them back, and the person page says
so; every state passes axe-core (WCAG 2.1 A and AA) without sideways scrolling."""

import pytest
from flask import Flask
from playwright.sync_api import Page, expect
from sqlalchemy import select

from matchmaker.extensions import db
from matchmaker.models import Event
from tests.support.attendees import add_matching_pair
from tests.support.browser import assert_accessible, horizontal_overflow

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def anna_ben(live_app: Flask) -> tuple[str, int]:
    with live_app.app_context():
        anna, ben = add_matching_pair(db.session.scalars(select(Event)).one())
        db.session.commit()
        link, number = f"/me/{anna.token}", ben.number
        db.session.remove()
    return link, number


def fits_and_passes(page: Page) -> None:
    assert_accessible(page)
    assert horizontal_overflow(page) == 0


def test_not_interested_is_marked_and_taken_back_on_a_phone(phone_page: Page, anna_ben):
    anna, _ben = anna_ben
    phone_page.goto(f"{anna}/suggestions")
    phone_page.get_by_role("button", name="Kein Interesse an Ben Beispiel").click()
    expect(phone_page.get_by_role("status").first).to_contain_text("nicht mehr vorgeschlagen")
    expect(phone_page.get_by_role("heading", name="Ben Beispiel")).to_have_count(0)
    expect(phone_page.get_by_role("heading", name="Personen, die Sie als „kein Interesse“ markiert haben")).to_be_visible()
    fits_and_passes(phone_page)
    phone_page.get_by_role("button", name="Ben Beispiel wieder vorschlagen").click()
    expect(phone_page.get_by_role("heading", name="Ben Beispiel")).to_be_visible()
    fits_and_passes(phone_page)


def test_the_person_page_shows_the_mark_and_takes_it_back(phone_page: Page, anna_ben):
    anna, ben = anna_ben
    phone_page.goto(f"{anna}/participants/{ben}")
    phone_page.get_by_role("button", name="Kein Interesse an Ben Beispiel").click()
    expect(phone_page.get_by_text("Sie haben Ben Beispiel als „kein Interesse“ markiert")).to_be_visible()
    fits_and_passes(phone_page)
    phone_page.get_by_role("button", name="Ben Beispiel wieder vorschlagen").click()
    expect(phone_page.get_by_role("button", name="Kein Interesse an Ben Beispiel")).to_be_visible()
