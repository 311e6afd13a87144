"""The funder's report page in a real Chromium: no axe violations and no sideways
scrolling, on a laptop and on a 375 px phone, in German and English."""

import pytest
from flask import Flask
from playwright.sync_api import Browser, expect

from matchmaker.extensions import db
from matchmaker.services.events.events import event_by_slug
from tests.support.browser import (
    DESKTOP,
    PHONE,
    accessibility_violations,
    horizontal_overflow,
    keep_screenshot,
    log_in,
    open_page,
)
from tests.support.event_day import constructed_day
from tests.support.factories import add_organiser

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module", autouse=True)
def event_day(live_app: Flask) -> None:
    with live_app.app_context():
        constructed_day(event_by_slug("go-cluster-2027"))
        add_organiser()
        db.session.remove()


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["laptop", "phone"])
def test_report_page_passes_axe_and_fits_in_both_languages(chromium: Browser, live_url, viewport):
    with open_page(chromium, live_url, viewport) as page:
        log_in(page)
        page.goto("/organiser/go-cluster-2027/")
        page.get_by_role("link", name="Bericht").click()
        expect(page.get_by_role("heading", name="Bericht: was wirklich geschah", level=1)).to_be_visible()
        assert accessibility_violations(page) == []
        assert horizontal_overflow(page) <= 0
        keep_screenshot(page, f"report-{viewport['width']}")
        page.goto("/language/en?next=/organiser/go-cluster-2027/report")
        page.goto("/organiser/go-cluster-2027/report")
        expect(page.get_by_role("heading", name="Report: what really happened", level=1)).to_be_visible()
        assert accessibility_violations(page) == []
        assert horizontal_overflow(page) <= 0
