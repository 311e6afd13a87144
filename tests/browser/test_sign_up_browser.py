"""A person signs up in a real Chromium: by labels and roles, in German, on a phone too."""

import pytest
from flask import Flask
from playwright.sync_api import Browser, Page, expect
from sqlalchemy import select

from matchmaker.extensions import db
from matchmaker.models import Attendee, AttendeeStatus
from tests.support.browser import (
    DESKTOP,
    PHONE,
    accessibility_violations,
    horizontal_overflow,
    keep_screenshot,
    open_page,
)

pytestmark = pytest.mark.browser

TYPED = {
    "Vorname": "Jürgen",
    "Nachname": "Müller",
    "E-Mail-Adresse": "juergen.mueller@example.org",
    "Organisation": "Müller Präzisionstechnik GmbH",
    "Position (optional)": "Geschäftsführer",
    "Ihr Cluster (optional)": "Cluster Mechatronik Sachsen",
    "Stichworte": "Leichtbau, Additive Fertigung",
    "Was ich anbiete": "Prototypenbau",
    "Was ich suche": "KI, Forschungspartner",
    "Höchstzahl an Gesprächen (optional)": "5",
}
CHOSEN = {
    "Art der Organisation": "KMU (kleines oder mittleres Unternehmen)",
    "Branche oder Technologiefeld": "Produktion und Maschinenbau",
}
TICKED = [
    "Open Innovation",
    "Fachkräftesicherung durch Aus- und Weiterbildung",
    "10:30–10:50",
    "14:00–14:20",
    "Ich habe die Datenschutzhinweise gelesen und bin einverstanden",
    "Mein Profil anderen Teilnehmenden zeigen",
]
THANK_YOU = "Vielen Dank für Ihre Anmeldung"
MISSING = "Bitte füllen Sie dieses Feld aus."


def fill_in(page: Page, typed: dict[str, str]) -> None:
    for label, value in typed.items():
        page.get_by_label(label, exact=True).fill(value)
    for label, option in CHOSEN.items():
        page.get_by_label(label, exact=True).select_option(label=option)
    for label in TICKED:
        page.get_by_label(label).check()


def submit(page: Page) -> None:
    page.get_by_role("button", name="Anmelden").click()


def open_and_fill_in(page: Page, email: str, without: str | None = None) -> None:
    """Open the sign-up form and fill in everything (but the field ``without``) as a person would."""
    page.goto("/go-cluster-2027/register")
    typed = {**TYPED, "E-Mail-Adresse": email}
    fill_in(page, {label: value for label, value in typed.items() if label != without})


def stored(app: Flask, email: str) -> Attendee | None:
    with app.app_context():
        attendee = db.session.scalar(select(Attendee).where(Attendee.email == email))
        db.session.remove()
        return attendee


def test_person_filling_in_german_form_is_registered_with_their_choices(page: Page, live_app: Flask):
    open_and_fill_in(page, "juergen.mueller@example.org")
    submit(page)
    expect(page.get_by_role("heading", level=1, name=THANK_YOU)).to_be_visible()
    attendee = stored(live_app, "juergen.mueller@example.org")
    assert attendee.status == AttendeeStatus.REGISTERED
    assert (attendee.first_name, attendee.last_name, attendee.org_type) == ("Jürgen", "Müller", "sme")
    assert attendee.themes == ["open_innovation", "skills"]
    assert attendee.unavailable_slots == [1, 6]
    assert attendee.matching_consent_at is not None


def test_missing_last_name_is_shown_in_summary_and_at_field(page: Page):
    open_and_fill_in(page, "ohne.nachname@example.org", without="Nachname")
    submit(page)
    expect(page.get_by_role("alert")).to_contain_text(f"Nachname: {MISSING}")
    last_name = page.get_by_label("Nachname", exact=True)
    expect(last_name).to_have_attribute("aria-invalid", "true")
    expect(last_name).to_have_accessible_description(f"Fehler: {MISSING}")


def test_form_with_error_keeps_everything_typed_and_ticked(page: Page):
    open_and_fill_in(page, "alles.bleibt@example.org", without="Nachname")
    submit(page)
    expect(page.get_by_role("alert")).to_be_visible()
    for label, value in {**TYPED, "Nachname": "", "E-Mail-Adresse": "alles.bleibt@example.org"}.items():
        expect(page.get_by_label(label, exact=True)).to_have_value(value)
    for label, option in CHOSEN.items():
        expect(page.get_by_label(label, exact=True).locator("option:checked")).to_have_text(option)
    for label in TICKED:
        expect(page.get_by_label(label)).to_be_checked()


def test_corrected_form_is_accepted_after_error(page: Page, live_app: Flask):
    open_and_fill_in(page, "korrigiert@example.org", without="Nachname")
    submit(page)
    page.get_by_role("alert").get_by_role("link", name=f"Nachname: {MISSING}").click()
    expect(page.get_by_label("Nachname", exact=True)).to_be_focused()
    page.keyboard.type("Korrigiert")
    submit(page)
    expect(page.get_by_role("heading", level=1, name=THANK_YOU)).to_be_visible()
    assert stored(live_app, "korrigiert@example.org").last_name == "Korrigiert"


def open_error_state(page: Page) -> None:
    page.goto("/go-cluster-2027/register")
    page.get_by_label("E-Mail-Adresse", exact=True).fill("kein-at-zeichen.example.org")
    submit(page)
    expect(page.get_by_role("alert")).to_be_visible()


PAGES = {
    "event": lambda page: page.goto("/go-cluster-2027/"),
    "sign-up": lambda page: page.goto("/go-cluster-2027/register"),
    "sign-up-errors": open_error_state,
    "confirmation": lambda page: page.goto("/go-cluster-2027/register/done?waitlist=1"),
    "privacy": lambda page: page.goto("/privacy"),
}
SIZES = {"desktop": DESKTOP, "375px": PHONE}


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("name", PAGES)
def test_page_has_no_wcag_a_or_aa_violations(chromium: Browser, live_url: str, name: str, size: str):
    with open_page(chromium, live_url, SIZES[size]) as page:
        PAGES[name](page)
        keep_screenshot(page, f"{name}-{size}")
        violations = accessibility_violations(page)
    assert violations == [], f"axe-core on the {name} page at {size}:\n" + "\n".join(violations)


@pytest.mark.parametrize("name", PAGES)
def test_page_at_375px_needs_no_sideways_scrolling(phone_page: Page, name: str):
    PAGES[name](phone_page)
    assert horizontal_overflow(phone_page) <= 0, f"the {name} page is wider than 375 px"


def test_sign_up_button_at_375px_is_within_screen_and_clickable(phone_page: Page):
    phone_page.goto("/go-cluster-2027/register")
    button = phone_page.get_by_role("button", name="Anmelden")
    button.scroll_into_view_if_needed()
    box = button.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    button.click(trial=True)  # fails if anything covers it or it is not visible


def test_choosing_english_shows_english_form(page: Page):
    page.goto("/go-cluster-2027/register")
    page.get_by_role("button", name="English").click()
    expect(page.get_by_role("heading", level=1, name="Registration")).to_be_visible()
    expect(page.get_by_label("First name", exact=True)).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", "en")


def test_english_choice_is_remembered_on_next_page(page: Page):
    page.goto("/go-cluster-2027/register")
    page.get_by_role("button", name="English").click()
    page.get_by_role("link", name="Privacy notice", exact=True).click()
    expect(page.get_by_role("heading", level=1, name="Privacy notice")).to_be_visible()
    expect(page.get_by_role("link", name="Deutsch")).to_be_visible()


HALF_TYPED = {"Vorname": "Jürgen", "Nachname": "Müller", "E-Mail-Adresse": "juergen@example.org",
              "Organisation": "Müller Präzisionstechnik GmbH"}
HALF_TYPED_IN_ENGLISH = {"First name": "Jürgen", "Last name": "Müller",
                         "E-mail address": "juergen@example.org",
                         "Organisation": "Müller Präzisionstechnik GmbH"}


def fill_in_half(page: Page) -> None:
    page.goto("/go-cluster-2027/register")
    for label, value in HALF_TYPED.items():
        page.get_by_label(label, exact=True).fill(value)
    page.get_by_label("Art der Organisation", exact=True).select_option(value="research")
    page.get_by_label("Open Innovation").check()


def test_switching_language_on_half_filled_form_keeps_what_was_typed(page: Page):
    fill_in_half(page)
    page.get_by_role("navigation", name="Sprache").get_by_text("English").click()
    expect(page.get_by_role("heading", level=1, name="Registration")).to_be_visible()
    for label, value in HALF_TYPED_IN_ENGLISH.items():
        expect(page.get_by_label(label, exact=True)).to_have_value(value)
    expect(page.get_by_label("Type of organisation", exact=True)).to_have_value("research")
    expect(page.get_by_label("Open innovation")).to_be_checked()
    expect(page.get_by_role("alert")).to_have_count(0)  # nothing was checked yet


def test_switching_language_without_javascript_keeps_what_was_typed(chromium: Browser, live_url: str):
    context = chromium.new_context(base_url=live_url, java_script_enabled=False, locale="de-DE")
    try:
        page = context.new_page()
        fill_in_half(page)
        page.get_by_role("navigation", name="Sprache").get_by_text("English").click()
        page.get_by_role("navigation", name="Language").get_by_text("Deutsch").click()
        expect(page.get_by_role("heading", level=1, name="Anmeldung")).to_be_visible()
        for label, value in HALF_TYPED.items():
            expect(page.get_by_label(label, exact=True)).to_have_value(value)
        expect(page.get_by_label("Open Innovation")).to_be_checked()
    finally:
        context.close()


def test_error_summary_lists_the_errors_in_the_order_of_the_form(page: Page):
    page.goto("/go-cluster-2027/register")
    page.get_by_label("E-Mail-Adresse", exact=True).fill("kein-at-zeichen.example.org")
    page.get_by_label("Höchstzahl an Gesprächen (optional)", exact=True).fill("0")
    submit(page)
    links = page.get_by_role("alert").get_by_role("link").all_inner_texts()
    labels = [text.split(":")[0] for text in links]
    assert labels[:4] == ["Vorname", "Nachname", "E-Mail-Adresse", "Organisation"]
    assert labels.index("Höchstzahl an Gesprächen (optional)") > labels.index("E-Mail-Adresse")
    assert labels[-1].startswith("Ich habe die Datenschutzhinweise gelesen")
