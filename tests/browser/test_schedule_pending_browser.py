"""The organiser's schedule page with an open offer and a proposed move: on a desktop and
at 375 px it passes axe, the page itself never scrolls sideways (the grid scrolls in its
own region), a meeting two attendees booked says so in its cell, and the organiser
withdraws the offer from the list."""

import pytest
from flask import Flask
from playwright.sync_api import Page, expect

from matchmaker.extensions import db
from matchmaker.services.events.events import all_events
from matchmaker.services.schedule.edit import add_meeting as add_meeting_by_hand
from matchmaker.services.schedule.own_meetings import give_back, propose_move
from tests.attendee.own_meetings_scene import publish_now
from tests.support.attendees import add_attendee, add_meeting
from tests.support.browser import accessibility_violations, horizontal_overflow, keep_screenshot, log_in
from tests.support.factories import add_organiser

pytestmark = pytest.mark.browser

SCHEDULE = "/organiser/go-cluster-2027/schedule/"


@pytest.fixture(scope="module")
def pending(live_app: Flask) -> None:
    """Frida gives back her meeting with Gustav (who fills his free slots): it is offered
    to Carla. Anna proposes to move her meeting with Ben to slot 3. Dora and Emil booked
    theirs."""
    with live_app.app_context():
        (event,) = all_events()
        made = {name: add_attendee(event, name, org_type="research" if name in ("Ben", "Carla") else "sme",
                                   themes=["open_innovation"])
                for name in ("Anna", "Ben", "Carla", "Dora", "Emil", "Frida", "Gustav")}
        made["Gustav"].fills_free_slots = made["Carla"].fills_free_slots = True
        anna_ben = add_meeting(event, made["Anna"], made["Ben"], slot=1).id
        frida_gustav = add_meeting(event, made["Frida"], made["Gustav"], slot=2).id
        publish_now(event)
        propose_move(made["Anna"], anna_ben, 3)
        give_back(made["Frida"], frida_gustav, None)
        add_meeting_by_hand(event, (made["Dora"].id, made["Emil"].id), 4, 2, actor="attendee", booked=True)
        db.session.commit()
        add_organiser()
        db.session.remove()


@pytest.mark.parametrize("viewport", ["page", "phone_page"])
def test_open_offers_and_moves_pass_axe_and_fit_the_screen(request, viewport, pending):
    browser_page = request.getfixturevalue(viewport)
    log_in(browser_page)
    browser_page.goto(SCHEDULE)
    expect(browser_page.get_by_role("table", name="1 offenes Angebot")).to_contain_text("Carla Beispiel")
    expect(browser_page.get_by_role("table", name="1 vorgeschlagene Verlegung")).to_contain_text("Anna Beispiel")
    expect(browser_page.locator(".cell-meeting", has_text="Dora Beispiel")).to_contain_text(
        "Fixiert · Von den Teilnehmenden gebucht")
    keep_screenshot(browser_page, f"schedule-pending-{viewport}")
    assert accessibility_violations(browser_page) == []
    assert horizontal_overflow(browser_page) == 0


def test_the_organiser_withdraws_the_offer_on_a_phone(phone_page: Page, pending):
    log_in(phone_page)
    phone_page.goto(SCHEDULE)
    phone_page.get_by_role("button", name="Zurückziehen das Angebot an Carla Beispiel").click()
    expect(phone_page.get_by_role("status")).to_contain_text("Das Angebot ist zurückgezogen")
    expect(phone_page.get_by_text("Keine offenen Angebote.")).to_be_visible()
