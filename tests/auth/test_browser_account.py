"""An organiser logs in and changes the password in a real Chromium, on a laptop and a
phone; every page passes axe-core with zero violations and needs no sideways scrolling."""

import pytest
from flask import Flask
from playwright.sync_api import Browser, Page, expect

from matchmaker.extensions import db
from tests.auth.conftest import PASSWORD, make_organiser
from tests.support.browser import DESKTOP, PHONE, accessibility_violations, horizontal_overflow, open_page

pytestmark = pytest.mark.browser

NEW = "ein ganz neues Passwort"
SIZES = {"laptop": DESKTOP, "phone": PHONE}


def check_page(page: Page) -> None:
    assert accessibility_violations(page) == [], page.url
    assert horizontal_overflow(page) == 0, page.url


def log_in(page: Page, email: str, password: str, remember: bool = False) -> None:
    page.goto("/organiser/login")
    page.get_by_label("E-Mail-Adresse", exact=True).fill(email)
    page.get_by_label("Passwort", exact=True).fill(password)
    if remember:
        page.get_by_label("Auf diesem Gerät angemeldet bleiben").check()
    page.get_by_role("button", name="Einloggen").click()


def change_password(page: Page, current: str, new: str) -> None:
    page.get_by_label("Bisheriges Passwort", exact=True).fill(current)
    page.get_by_label("Neues Passwort", exact=True).fill(new)
    page.get_by_label("Neues Passwort wiederholen", exact=True).fill(new)
    page.get_by_role("button", name="Passwort ändern").click()


@pytest.fixture
def organiser_email(live_app: Flask, request: pytest.FixtureRequest) -> str:
    email = f"{request.node.originalname[5:25]}.{request.node.callspec.id}@example.org".replace("_", "-")
    with live_app.app_context():
        make_organiser(email)
        db.session.remove()
    return email


@pytest.mark.parametrize("size", SIZES)
def test_organiser_logs_in_and_changes_password(chromium: Browser, live_url: str, organiser_email: str,
                                                size: str):
    with open_page(chromium, live_url, SIZES[size]) as page:
        page.goto("/organiser/login")
        check_page(page)
        log_in(page, organiser_email, PASSWORD, remember=True)
        expect(page.get_by_role("heading", level=1, name="Ihre Veranstaltungen")).to_be_visible()
        page.goto("/organiser/account")
        check_page(page)
        page.get_by_role("link", name="Passwort ändern").click()
        check_page(page)
        change_password(page, "falsch", NEW)
        expect(page.get_by_role("alert")).to_contain_text("Das ist nicht Ihr bisheriges Passwort.")
        check_page(page)
        change_password(page, PASSWORD, NEW)
        expect(page.get_by_role("status")).to_contain_text("Ihr Passwort ist geändert.")
        check_page(page)
        page.get_by_role("button", name="Ausloggen", exact=True).click()
        expect(page.get_by_role("status")).to_contain_text("Sie sind abgemeldet.")
        log_in(page, organiser_email, NEW)
        expect(page.get_by_role("heading", level=1, name="Ihre Veranstaltungen")).to_be_visible()


@pytest.mark.parametrize("size", SIZES)
def test_invitation_page_passes_audit(chromium: Browser, live_url: str, organiser_email: str, size: str):
    with open_page(chromium, live_url, SIZES[size]) as page:
        log_in(page, organiser_email, PASSWORD)
        page.goto("/organiser/account/invite")
        check_page(page)
        page.get_by_role("button", name="Einladung senden").click()
        expect(page.get_by_role("alert")).to_contain_text("Bitte geben Sie eine E-Mail-Adresse ein.")
        check_page(page)


def test_wrong_log_in_is_announced_and_passes_audit(chromium: Browser, live_url: str):
    with open_page(chromium, live_url, PHONE) as page:
        log_in(page, "niemand@example.org", "falsch")
        expect(page.get_by_role("alert")).to_contain_text("E-Mail-Adresse oder Passwort ist falsch.")
        check_page(page)


@pytest.mark.parametrize("size", ["phone"])
def test_guessable_new_password_is_refused_at_its_field_with_the_reason(
        chromium: Browser, live_url: str, organiser_email: str, size: str):
    with open_page(chromium, live_url, SIZES[size]) as page:
        log_in(page, organiser_email, PASSWORD)
        page.goto("/organiser/account/password")
        change_password(page, PASSWORD, "aaaaaaaaaaaa")
        expect(page.get_by_role("alert")).to_contain_text(
            "Dieses Passwort ist zu leicht zu erraten. Wiederholte Zeichen oder Wörter")
        check_page(page)
