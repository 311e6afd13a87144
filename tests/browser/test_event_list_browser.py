"""The start page of a cluster week in a real Chromium on a 375 px phone: search, filters
and page links fit the screen and axe-core finds nothing."""

from datetime import date, time, timedelta

import pytest
from flask import Flask
from playwright.sync_api import Page, expect

from matchmaker.extensions import db
from matchmaker.services.events.events import EventPlan, SlotBlock, create_event
from tests.support.browser import assert_accessible, horizontal_overflow

pytestmark = pytest.mark.browser


def test_event_list_page_two_fits_a_phone_and_passes_axe(live_app: Flask, phone_page: Page) -> None:
    with live_app.app_context():
        for number in range(24):
            create_event(EventPlan(
                slug=f"treffen-{number:02d}", title=f"Netzwerktreffen Süd {number}",
                starts_on=date.today() + timedelta(days=10 + number), venue="Nürnberg", capacity=10,
                blocks=(SlotBlock(time(10), 1),), meeting_minutes=20, table_count=0))
        db.session.commit()
        db.session.remove()
    phone_page.goto("/")
    phone_page.get_by_label("Titel oder Ort suchen").fill("netzwerktreffen sud")
    phone_page.get_by_role("button", name="Anzeigen").click()
    phone_page.get_by_role("navigation", name="Seiten").get_by_role("link", name="Seite 2").click()
    expect(phone_page.get_by_role("link", name="Seite 2")).to_have_attribute("aria-current", "page")
    expect(phone_page.get_by_role("heading", level=2)).to_have_count(4)
    assert "q=netzwerktreffen+sud" in phone_page.url
    assert horizontal_overflow(phone_page) == 0
    assert_accessible(phone_page)
