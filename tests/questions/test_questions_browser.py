"""Answering the organiser's own questions in a real Chromium, on a 375 px phone too; the
pages are audited in the event's own look (accent colour and logo)."""

from collections.abc import Iterator

import pytest
from flask import Flask
from playwright.sync_api import Browser, Page, expect
from sqlalchemy import select

from matchmaker.extensions import db
from matchmaker.models import Event
from matchmaker.services.events.look import set_accent, set_logo
from matchmaker.services.events.questions import add_question
from tests.browser.test_sign_up_browser import THANK_YOU, open_and_fill_in, submit
from tests.look.test_logo_and_colour import png
from tests.questions.conftest import QUESTIONS, answers_by_key
from tests.support.browser import (
    DESKTOP,
    PHONE,
    accessibility_violations,
    horizontal_overflow,
    log_in,
    open_page,
)
from tests.support.factories import add_organiser

pytestmark = pytest.mark.browser
CONSENT = "Ich willige ausdrücklich ein"


@pytest.fixture(scope="module", autouse=True)
def event_questions(live_app: Flask) -> Iterator[None]:
    with live_app.app_context():
        event = db.session.scalar(select(Event))
        for draft in QUESTIONS:
            add_question(event, draft, "team@example.org")
        set_accent(event, "#8f7200", "team@example.org")  # the pages are audited in the event's look
        set_logo(event, png(), "team@example.org")
        add_organiser()
        db.session.commit()
        db.session.remove()
    yield


def answer_questions(page: Page) -> None:
    page.get_by_label("Rechnungsadresse", exact=True).fill("Musterstraße 1\n01067 Dresden")
    page.get_by_label("Mittagessen (optional)").select_option(label="Vegan")
    page.get_by_label("Robotik").check()
    page.get_by_label("Newsletter erwünscht (optional)").select_option(label="nein")
    page.get_by_label("Barrierefreiheit: Was brauchen Sie? (optional)").fill("Induktionsschleife")


def test_phone_person_answers_questions_and_gives_consent_after_the_error(phone_page: Page, live_app: Flask):
    open_and_fill_in(phone_page, "fragen@example.org")
    answer_questions(phone_page)
    submit(phone_page)
    consent = phone_page.get_by_label(CONSENT)
    expect(consent).to_have_attribute("aria-invalid", "true")
    expect(phone_page.get_by_label("Barrierefreiheit: Was brauchen Sie? (optional)")).to_have_value("Induktionsschleife")
    assert horizontal_overflow(phone_page) == 0
    consent.check()
    submit(phone_page)
    expect(phone_page.get_by_role("heading", level=1, name=THANK_YOU)).to_be_visible()
    with live_app.app_context():
        assert answers_by_key("fragen@example.org") == {
            "invoice": "Musterstraße 1\n01067 Dresden", "lunch": "vegan", "workshops": ["robotics"],
            "newsletter": False, "access": "Induktionsschleife"}
        db.session.remove()


def open_consent_error(page: Page) -> None:
    page.goto("/go-cluster-2027/register")
    answer_questions(page)
    submit(page)
    expect(page.get_by_role("alert")).to_be_visible()


def open_questions_page(page: Page) -> None:
    log_in(page)
    page.goto("/organiser/go-cluster-2027/settings/questions")


def open_look_page(page: Page) -> None:
    log_in(page)
    page.goto("/organiser/go-cluster-2027/settings/look")


PAGES = {"sign-up": lambda page: page.goto("/go-cluster-2027/register"),
         "sign-up-errors": open_consent_error, "organiser-questions": open_questions_page,
         "organiser-look": open_look_page}


@pytest.mark.parametrize("size", ["desktop", "375px"])
@pytest.mark.parametrize("name", PAGES)
def test_question_pages_have_no_wcag_violations(chromium: Browser, live_url: str, name: str, size: str):
    with open_page(chromium, live_url, DESKTOP if size == "desktop" else PHONE) as page:
        PAGES[name](page)
        assert accessibility_violations(page) == []
        assert horizontal_overflow(page) == 0
