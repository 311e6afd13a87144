"""Every organiser page on a 375 px phone: nothing sideways, log-out and the language
switch on screen, the header accessible. The pages come from the URL map (GET routes of
the organiser blueprint that answer with HTML), so a new page is checked without a list."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from flask import Flask
from playwright.sync_api import Browser, Locator, expect
from sqlalchemy import select

from matchmaker.extensions import db
from matchmaker.models import Meeting
from matchmaker.services.attendees.imports import import_attendees
from matchmaker.services.events.events import event_by_slug
from matchmaker.services.schedule.planning import plan_schedule
from matchmaker.synthetic import generate_attendees
from tests.support.browser import AXE_OPTIONS, PHONE, log_in, open_page
from tests.support.factories import add_organiser, login
from tests.support.routes import example_path, rules_of

pytestmark = pytest.mark.browser
PHONE_WIDTH = PHONE["width"]


@pytest.fixture(scope="module")
def organiser_pages(live_app: Flask) -> list[str]:
    """The paths of every organiser GET route that gives an HTML page, with real ids."""
    with live_app.app_context():
        event = event_by_slug("go-cluster-2027")
        import_attendees(event, generate_attendees(30, seed=5, slots=10), "test", confirmed=True)
        plan_schedule(event)
        add_organiser("admin@example.org")
        meeting_id = db.session.scalars(select(Meeting.id).order_by(Meeting.id)).first()
        db.session.commit()
        paths = [example_path(live_app, rule.endpoint, slug="go-cluster-2027", meeting_id=meeting_id)
                 for rule in rules_of("organiser") if "GET" in rule.methods]
        db.session.remove()
    client = live_app.test_client()
    login(client, "admin@example.org", "richtig-geheim")
    return [path for path in paths if is_html_page(client, path)]


def is_html_page(client, path: str) -> bool:
    with client.get(path) as response:  # closed: a static file (the desk's worker) stays open else
        return response.status_code == 200 and response.mimetype == "text/html"


def within_phone_width(element: Locator) -> bool:
    box = element.bounding_box()
    return box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE_WIDTH


def test_there_are_organiser_pages_to_check(organiser_pages):
    assert len(organiser_pages) >= 15 and "/organiser/go-cluster-2027/schedule/" in organiser_pages


def test_every_organiser_page_fits_a_phone_with_log_out_and_language_switch_on_screen(
        chromium: Browser, live_url: str, organiser_pages: list[str]):
    problems = {}
    with open_page(chromium, live_url, PHONE) as page:
        log_in(page, "admin@example.org")
        for path in organiser_pages:
            page.goto(path)
            log_out = page.get_by_role("button", name="Ausloggen")
            language = page.get_by_role("navigation", name="Sprache").get_by_role("link")
            expect(log_out).to_be_visible()
            expect(language).to_be_visible()
            found = {
                "wider than the phone": page.evaluate("document.documentElement.scrollWidth") > PHONE_WIDTH,
                "log-out off screen": not within_phone_width(log_out),
                "language switch off screen": not within_phone_width(language),
                "header violations": Axe().run(page, context="header", options=AXE_OPTIONS)
                .response["violations"],
            }
            if any(found.values()):
                problems[path] = found
    assert problems == {}
