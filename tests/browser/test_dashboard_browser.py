"""Organisers in a real Chromium: two events, access per event, every dashboard page
audited by axe-core (zero WCAG 2.1 AA violations) on a laptop and on a tablet."""

import pytest
from flask import Flask
from playwright.sync_api import Browser, expect

from matchmaker.extensions import db
from matchmaker.services.attendees.imports import import_attendees
from matchmaker.services.events.events import event_by_slug
from matchmaker.synthetic import generate_attendees
from tests.support.browser import DESKTOP, accessibility_violations, horizontal_overflow, log_in, open_page
from tests.support.factories import add_organiser, make_event

pytestmark = pytest.mark.browser
TABLET = {"width": 768, "height": 1024}


@pytest.fixture(scope="module", autouse=True)
def two_events(live_app: Flask) -> None:
    """The conference (made by live_app) with attendees, a workshop, an organiser each."""
    with live_app.app_context():
        conference = event_by_slug("go-cluster-2027")
        import_attendees(conference, generate_attendees(30, seed=5, slots=10), "test", confirmed=True)
        workshop = make_event(capacity=30, tables=8, slug="workshop-2027", title="Workshop KMU 2027")
        add_organiser("konferenz@example.org", events=(conference,))
        add_organiser("workshop@example.org", events=(workshop,))
        add_organiser("admin@example.org")
        db.session.remove()


def test_person_registers_for_the_second_event_and_only_its_organiser_sees_them(chromium: Browser, live_url):
    with open_page(chromium, live_url) as visitor:
        visitor.goto("/")
        expect(visitor.get_by_role("link", name="go-cluster Jahrestagung 2027")).to_be_visible()
        visitor.get_by_role("link", name="Workshop KMU 2027").click()
        visitor.get_by_role("link", name="Jetzt anmelden").click()
        for label, value in {"Vorname": "Zeynep", "Nachname": "Yılmaz", "E-Mail-Adresse": "zeynep@example.org",
                             "Organisation": "Yılmaz Robotik GmbH"}.items():
            visitor.get_by_label(label, exact=True).fill(value)
        visitor.get_by_label("Art der Organisation").select_option("startup")
        visitor.get_by_label("Branche oder Technologiefeld").select_option("ict_software")
        visitor.get_by_label("Ich habe die Datenschutzhinweise gelesen und bin einverstanden").check()
        visitor.get_by_role("button", name="Anmelden").click()
        expect(visitor.get_by_role("heading", name="Vielen Dank für Ihre Anmeldung")).to_be_visible()
    with open_page(chromium, live_url) as organiser:
        log_in(organiser, "workshop@example.org")
        organiser.get_by_role("link", name="Workshop KMU 2027").click()
        organiser.get_by_role("link", name="Teilnehmende").click()
        expect(organiser.get_by_role("link", name="Zeynep Yılmaz")).to_be_visible()
    with open_page(chromium, live_url) as other:
        log_in(other, "konferenz@example.org")
        expect(other.get_by_role("link", name="Workshop KMU 2027")).to_have_count(0)
        other.goto("/organiser/workshop-2027/attendees")
        expect(other.get_by_text("Zeynep")).to_have_count(0)
        other.goto("/organiser/go-cluster-2027/attendees?q=zeynep")
        expect(other.get_by_text("0 Personen gefunden")).to_be_visible()


def test_organiser_filters_edits_and_blocks(chromium: Browser, live_url):
    with open_page(chromium, live_url) as page:
        log_in(page, "admin@example.org")
        page.goto("/organiser/go-cluster-2027/attendees")
        page.get_by_label("Art der Organisation").select_option("research")
        page.get_by_role("button", name="Anzeigen").click()
        expect(page.get_by_role("status").first).to_contain_text("gefunden")
        page.locator("tbody a").first.click()
        page.get_by_label("Interne Notizen (werden der Person nie angezeigt)").fill("Möchte Podiumsplatz")
        page.get_by_role("button", name="Änderungen speichern").click()
        expect(page.get_by_text("Gespeichert.")).to_be_visible()
        expect(page.get_by_role("cell", name="Angaben geändert")).to_be_visible()


def test_bulk_cancel_of_all_matching_the_filter_asks_first_and_can_be_called_off(chromium: Browser, live_url):
    with open_page(chromium, live_url) as page:
        log_in(page, "admin@example.org")
        page.goto("/organiser/go-cluster-2027/attendees?org_type=research")
        found = int(page.get_by_role("status").first.inner_text().split()[0])
        page.get_by_label(f"Alle {found} zum Filter passenden Personen, auf allen Seiten").check()
        page.get_by_label("Mit den ausgewählten Personen").select_option(label="Anmeldung stornieren")
        page.get_by_role("button", name="Auf die Ausgewählten anwenden").click()
        expect(page.get_by_role("heading", level=1)).to_have_text(f"{found} Anmeldungen stornieren?")
        expect(page.get_by_label("Jede Person per E-Mail benachrichtigen, in ihrer Sprache")).to_be_checked()
        page.get_by_role("link", name="Zurück zur Liste, nichts stornieren").click()
        page.goto("/organiser/go-cluster-2027/attendees?org_type=research&status=cancelled")
        expect(page.get_by_text("0 Personen gefunden")).to_be_visible()


DASHBOARD_PAGES = [
    "/organiser/", "/organiser/events/new", "/organiser/go-cluster-2027/",
    "/organiser/go-cluster-2027/attendees", "/organiser/go-cluster-2027/attendees/1",
    "/organiser/go-cluster-2027/attendees/cancel?numbers=1,2",
    "/organiser/go-cluster-2027/messages?status=registered",
    "/organiser/go-cluster-2027/blocked-pairs", "/organiser/go-cluster-2027/audit",
    "/organiser/go-cluster-2027/settings", "/organiser/go-cluster-2027/import",
    "/organiser/industries", "/organiser/go-cluster-2027/settings/matchmaking",
    "/organiser/go-cluster-2027/team", "/organiser/go-cluster-2027/print",
    "/organiser/go-cluster-2027/schedule/", "/organiser/account",
    "/organiser/go-cluster-2027/settings/table-seats",
]


@pytest.mark.parametrize("viewport", [DESKTOP, TABLET], ids=["laptop", "tablet"])
def test_every_dashboard_page_passes_axe(chromium: Browser, live_url, viewport):
    with open_page(chromium, live_url, viewport) as page:
        log_in(page, "admin@example.org")
        problems = {}
        for path in DASHBOARD_PAGES:
            page.goto(path)
            violations = accessibility_violations(page)
            if violations:
                problems[path] = violations
            assert horizontal_overflow(page) <= 0, path
        assert problems == {}


def test_dashboard_is_usable_with_the_keyboard(chromium: Browser, live_url):
    with open_page(chromium, live_url) as page:
        log_in(page, "admin@example.org")
        page.goto("/organiser/go-cluster-2027/")
        for _ in range(30):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.textContent.trim()") == "Teilnehmende":
                break
        page.keyboard.press("Enter")
        expect(page.get_by_role("heading", name="Teilnehmende", level=1)).to_be_visible()
