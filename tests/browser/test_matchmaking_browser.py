"""The attendee's side of matchmaking in a real Chromium: a suggestion becomes a request,
the other accepts, the organisers plan and publish, both see the meeting and download it.
Every new page passes axe-core (WCAG 2.1 A and AA) on a desktop and a 375 px phone."""

import re
from datetime import date
from pathlib import Path

import pytest
from flask import Flask
from icalendar import Calendar
from playwright.sync_api import Page, expect
from sqlalchemy import select

from matchmaker.extensions import db
from matchmaker.models import Event, Meeting
from matchmaker.services.attendees import meeting_requests
from matchmaker.services.schedule.planning import plan_schedule
from matchmaker.services.schedule.publishing import publish
from tests.support.attendees import add_attendee, add_matching_pair
from tests.support.browser import assert_accessible, horizontal_overflow, keep_screenshot

pytestmark = pytest.mark.browser


def run(app: Flask, work):
    """Do ``work`` as the organisers' side would, in its own app context."""
    with app.app_context():
        result = work(db.session.scalars(select(Event)).one())
        db.session.commit()
        db.session.remove()
    return result


@pytest.fixture(scope="module")
def pair_links(live_app: Flask) -> tuple[str, str]:
    def create(event):
        anna, ben = add_matching_pair(event)
        return f"/me/{anna.token}", f"/me/{ben.token}"
    return run(live_app, create)


def test_suggestion_request_acceptance_schedule_and_download(page: Page, live_app, pair_links):
    anna, ben = pair_links
    page.goto(f"{anna}/suggestions")
    expect(page.get_by_role("heading", name="Ben Beispiel")).to_be_visible()
    expect(page.get_by_text("Ihr Gegenüber bietet „Wasserstoff“ an, was Sie suchen.")).to_be_visible()
    page.get_by_role("link", name="Ben Beispiel um ein Gespräch bitten").click()
    page.get_by_label("Eine kurze Nachricht (freiwillig)").fill("Gern über Wasserstoff sprechen")
    page.get_by_role("button", name="Anfrage senden").click()
    expect(page.get_by_role("status").first).to_contain_text("Ihre Anfrage ist gesendet")

    page.goto(f"{ben}/requests")  # Ben reads English
    expect(page.get_by_text("Gern über Wasserstoff sprechen")).to_be_visible()
    page.get_by_role("button", name="Accept the request from Anna Beispiel").click()
    expect(page.get_by_role("status").first).to_contain_text("You accepted the request")

    def plan_and_publish(event):
        plan_schedule(event)
        publish(event, "organiser@example.org")
    run(live_app, plan_and_publish)

    for link, partner, mutual, download_link in (
            (anna, "Ben Beispiel", "Sie haben sich dieses Gespräch beide gewünscht.",
             "Ihre Gespräche herunterladen (.ics-Datei)"),
            (ben, "Anna Beispiel", "You both asked for this meeting.", "Download your meetings (.ics file)")):
        page.goto(f"{link}/schedule")
        expect(page.locator(".meeting-who")).to_contain_text(partner)
        expect(page.get_by_text(mutual)).to_be_visible()
        with page.expect_download() as download:
            page.get_by_role("link", name=download_link).click()
        calendar = Calendar.from_ical(Path(download.value.path()).read_bytes())
        [meeting] = calendar.walk("VEVENT")
        assert partner in str(meeting.get("summary"))
        keep_screenshot(page, "attendee-schedule")


@pytest.fixture(scope="module")
def audited_pages(live_app: Flask) -> list[str]:
    """A published plan, an open request, a block and a meeting to give feedback on."""
    def create(event):
        cara = add_attendee(event, "Cara", org_type="startup", themes=["skills"], offers=["Sensorik"],
                            keywords=["Robotik"], cluster="Cluster Nord")
        dirk = add_attendee(event, "Dirk", org_type="large", industry_code="automotive_mobility",
                            themes=["skills"], seeks=["Sensorik"], cluster="Cluster Süd")
        emma = add_attendee(event, "Emma", org_type="research", themes=["skills"], seeks=["Sensorik"])
        meeting_requests.send_request(emma, cara, "Hallo")
        meeting_requests.block(cara, add_attendee(event, "Fritz", themes=["skills"]))
        plan_schedule(event)
        publish(event, "organiser@example.org")
        event.starts_on = date.today()
        db.session.flush()
        meeting = db.session.scalars(select(Meeting).where(
            (Meeting.attendee_a_id == cara.id) | (Meeting.attendee_b_id == cara.id))).first()
        me = f"/me/{cara.token}"
        return [f"{me}/suggestions", f"{me}/participants", f"{me}/participants/{dirk.number}",
                f"{me}/requests", f"{me}/schedule", f"{me}/feedback/{meeting.id}?answer=valuable"]
    return run(live_app, create)


@pytest.mark.parametrize("viewport", ["page", "phone_page"])
@pytest.mark.parametrize("index", range(6), ids=["suggestions", "participants", "person", "requests",
                                                  "schedule", "feedback"])
def test_matchmaking_pages_pass_axe_and_fit_the_screen(request, viewport, index, audited_pages):
    browser_page = request.getfixturevalue(viewport)
    browser_page.goto(audited_pages[index])
    expect(browser_page.get_by_role("heading", level=1)).to_be_visible()
    assert_accessible(browser_page)
    assert horizontal_overflow(browser_page) == 0


def test_feed_address_can_be_created_and_copied(page: Page, audited_pages):
    page.goto(audited_pages[4])
    page.get_by_role("button", name="Kalenderadresse erstellen").click()
    expect(page.get_by_label("Ihre private Kalenderadresse")).to_have_value(
        re.compile(r"/me/feed/[A-Za-z0-9_-]+\.ics$"))
    assert_accessible(page)
