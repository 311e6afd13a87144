"""An attendee in a real Chromium: open the link from the outbox, change availability,
download the data, cancel. Every page passes an axe-core audit (WCAG 2.1 A and AA)."""

import json
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.support.browser import assert_accessible, horizontal_overflow, keep_screenshot

pytestmark = pytest.mark.browser


def test_attendee_changes_availability_downloads_data_and_cancels(page: Page, live_link: str):
    page.goto(live_link)
    expect(page.get_by_role("heading", level=1)).to_have_text("Ihre Anmeldung")
    assert_accessible(page)

    page.get_by_role("link", name="Verfügbarkeit und Gesprächswünsche ändern").click()
    page.wait_for_url("**/meetings")
    assert_accessible(page)
    page.get_by_label("11:10–11:30").check()
    page.get_by_role("button", name="Änderungen speichern").click()
    expect(page.get_by_role("status")).to_have_text("Ihre Änderungen wurden gespeichert.")
    assert_accessible(page)

    with page.expect_download() as download:
        page.get_by_role("link", name="Alle Ihre Daten herunterladen (JSON-Datei)").first.click()
    data = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    assert data["registration"]["unavailable_slots"] == [2, 3, 7]

    page.get_by_role("link", name="Anmeldung stornieren").click()
    page.wait_for_url("**/cancel")
    assert_accessible(page)
    page.get_by_role("button", name="Meine Anmeldung stornieren").click()
    expect(page.get_by_role("status")).to_contain_text("Ihre Anmeldung ist storniert.")
    expect(page.get_by_text("Storniert", exact=True)).to_be_visible()
    assert_accessible(page)


def test_attendee_page_fits_a_phone_screen(phone_page: Page, live_link: str):
    phone_page.goto(live_link)
    keep_screenshot(phone_page, "attendee-home-phone")
    assert horizontal_overflow(phone_page) == 0
    assert_accessible(phone_page)


@pytest.mark.parametrize("path", ["/profile", "/interests", "/erase"])
def test_other_attendee_pages_pass_axe(page: Page, live_link: str, path: str):
    page.goto(live_link + path)
    assert_accessible(page)


def test_link_request_page_passes_axe_also_with_an_error(page: Page, live_url: str):
    page.goto("/go-cluster-2027/link")
    assert_accessible(page)
    page.get_by_role("button", name="Link senden").click()
    expect(page.get_by_role("alert")).to_contain_text("Bitte geben Sie Ihre E-Mail-Adresse ein.")
    assert_accessible(page)
