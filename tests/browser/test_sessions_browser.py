"""Choosing sessions in a real Chromium on a phone (375 px, axe): ticked at sign-up, and
chosen on the attendee's own sessions page."""

from datetime import time

import pytest
from flask import Flask
from playwright.sync_api import Page, expect
from sqlalchemy import select

from matchmaker.extensions import db
from matchmaker.models import Attendee, ProgrammeSession, SessionChoice
from matchmaker.services.events.events import all_events
from tests.browser.test_sign_up_browser import THANK_YOU, TYPED, fill_in, submit
from tests.programme.support import add_programme_session
from tests.support.attendees import add_attendee
from tests.support.browser import accessibility_violations, horizontal_overflow

pytestmark = pytest.mark.browser

WORKSHOP = "Fachkräfte gewinnen: Ausbildung im Verbund"


@pytest.fixture(scope="module")
def anna_sessions(live_app: Flask) -> str:
    """A workshop (one seat left of two) and a keynote; Anna's sessions page."""
    with live_app.app_context():
        (event,) = all_events()
        add_programme_session(event, WORKSHOP, time(9), time(10), capacity=2)
        add_programme_session(event, "Keynote Offene Innovation", time(11), time(12), kind="talk")
        path = f"/me/{add_attendee(event, 'Anna').token}/sessions"
        db.session.commit()
        db.session.remove()
    return path


def seated(app: Flask, email: str) -> list[str]:
    with app.app_context():
        titles = list(db.session.scalars(
            select(ProgrammeSession.title).join(SessionChoice).join(Attendee)
            .where(Attendee.email == email)))
        db.session.remove()
    return titles


def test_session_ticked_at_sign_up_on_a_phone_is_chosen(phone_page: Page, live_app: Flask,
                                                        anna_sessions: str):
    phone_page.goto("/go-cluster-2027/register")
    fill_in(phone_page, {**TYPED, "E-Mail-Adresse": "sina@example.org"})
    workshop = phone_page.get_by_label(WORKSHOP)
    expect(workshop).to_have_accessible_name(f"09:00–10:00 · {WORKSHOP} (Workshop, Saal 1) · "
                                             "2 von 2 Plätzen frei")
    workshop.check()
    assert accessibility_violations(phone_page) == []
    assert horizontal_overflow(phone_page) == 0
    submit(phone_page)
    expect(phone_page.get_by_role("heading", level=1, name=THANK_YOU)).to_be_visible()
    assert seated(live_app, "sina@example.org") == [WORKSHOP]


def test_attendee_chooses_a_session_on_their_page_on_a_phone(phone_page: Page, live_app: Flask,
                                                            anna_sessions: str):
    phone_page.goto(anna_sessions)
    phone_page.get_by_role("button", name="„Keynote Offene Innovation“ wählen").click()
    expect(phone_page.get_by_text("Sie haben einen Platz.")).to_be_visible()
    assert accessibility_violations(phone_page) == []
    assert horizontal_overflow(phone_page) == 0
    assert seated(live_app, "anna@example.org") == ["Keynote Offene Innovation"]
