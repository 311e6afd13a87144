"""An organiser moves and locks a meeting in the schedule grid, keyboard and all."""

import pytest
from flask import Flask
from playwright.sync_api import Page, expect
from sqlalchemy import select

from matchmaker.extensions import db
from matchmaker.models import Attendee, Meeting, MeetingTable, Slot
from matchmaker.services.attendees.imports import import_attendees
from matchmaker.services.events.events import all_events
from matchmaker.services.schedule import edit
from matchmaker.services.schedule.planning import plan_schedule
from matchmaker.synthetic import generate_attendees
from tests.support.attendees import add_attendee
from tests.support.browser import accessibility_violations, keep_screenshot, log_in
from tests.support.factories import add_organiser

pytestmark = pytest.mark.browser

SCHEDULE = "/organiser/go-cluster-2027/schedule/"
LATE_COMERS = ("anna@example.org", "bernd@example.org")


@pytest.fixture(scope="module")
def planned(live_app: Flask) -> None:
    with live_app.app_context():
        (event,) = all_events()
        import_attendees(event, generate_attendees(30, seed=3, slots=10), "test", confirmed=True)
        plan_schedule(event)
        anna = add_attendee(event, "Anna", offers=["Wasserstoff"])
        bernd = add_attendee(event, "Bernd", seeks=["Wasserstoff"])
        meeting = edit.add_meeting(event, (anna.id, bernd.id), 1, 20, actor="organiser@example.org")
        edit.set_locked(event, meeting.id, False, actor="organiser@example.org")
        db.session.commit()
        add_organiser()
        db.session.remove()



def free_place(live_app: Flask) -> tuple[Meeting, int, int]:
    """The unlocked meeting of the two late-comers (who have no other), the next slot, and
    a table on the grid's first page that is free in that slot."""
    with live_app.app_context():
        meeting = db.session.scalars(select(Meeting).where(Meeting.attendee_a_id == late_pair()[0])).one()
        slot = meeting.slot.number % 10 + 1
        taken = set(db.session.scalars(select(MeetingTable.number).join(Meeting).join(Slot).where(Slot.number == slot)))
        table = min(set(range(1, 21)) - taken)
        db.session.expunge_all()
        return meeting, slot, table


def late_pair() -> tuple[int, int]:
    return tuple(db.session.scalars(select(Attendee.id).where(Attendee.email.in_(LATE_COMERS))
                                    .order_by(Attendee.id)))


def test_organiser_locks_and_moves_a_meeting_in_the_grid(page: Page, planned, live_app):
    meeting, slot, table = free_place(live_app)
    log_in(page)
    page.goto(SCHEDULE)
    cell = page.locator(f"#meeting-{meeting.id}")
    expect(cell).to_contain_text("Nicht fixiert")
    cell.get_by_role("button", name="Fixieren").click()
    expect(page.get_by_role("status")).to_contain_text("Das Gespräch ist fixiert")
    cell = page.locator(f"#meeting-{meeting.id}")
    expect(cell).to_contain_text("Fixiert")
    cell.locator("summary").focus()
    page.keyboard.press("Enter")
    cell.get_by_label("Zeitfenster").select_option(str(slot))
    cell.get_by_label("Tischnummer").fill(str(table))
    cell.get_by_role("button", name="Verschieben", exact=True).click()
    expect(page.get_by_role("status")).to_contain_text("verschoben und fixiert")
    row = page.get_by_role("row").filter(has=page.get_by_role("rowheader", name=f"Tisch {table}", exact=True))
    moved = row.locator(f"#meeting-{meeting.id}")
    expect(moved).to_contain_text("Fixiert")
    with live_app.app_context():
        stored = db.session.get(Meeting, meeting.id)
        assert (stored.slot.number, stored.table.number, stored.locked) == (slot, table, True)
        db.session.remove()


@pytest.mark.parametrize("viewport", ["page", "phone_page"])
def test_schedule_page_has_no_accessibility_violations(request, viewport, planned):
    browser_page = request.getfixturevalue(viewport)
    log_in(browser_page)
    browser_page.goto(SCHEDULE)
    keep_screenshot(browser_page, f"schedule-{viewport}")
    assert accessibility_violations(browser_page) == []


@pytest.mark.parametrize("viewport", ["page", "phone_page"])
def test_meeting_and_add_pages_have_no_accessibility_violations(request, viewport, planned, live_app):
    with live_app.app_context():
        meeting_id = db.session.scalars(select(Meeting.id)).first()
        db.session.remove()
    browser_page = request.getfixturevalue(viewport)
    log_in(browser_page)
    for path in (f"{SCHEDULE}meetings/{meeting_id}", f"{SCHEDULE}add", f"{SCHEDULE}publish",
                 f"{SCHEDULE}meetings/{meeting_id}/cancel"):
        browser_page.goto(path)
        assert accessibility_violations(browser_page) == [], path
