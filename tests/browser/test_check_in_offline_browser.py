"""The check-in desk when the venue network fails, in a real Chromium: offline, codes typed
at the desk are checked in against the list it keeps, counted as waiting and sent once the
network is back; sent again they change nothing; two desks checking in one person make one
check-in; the desk page opens offline from its service worker; logging out deletes the list."""

from collections.abc import Iterator

import pytest
from flask import Flask
from playwright.sync_api import Browser, Page, expect
from sqlalchemy import func, select

from matchmaker.extensions import db
from matchmaker.models import Attendee, AttendeeStatus, AuditEntry, utcnow
from matchmaker.services.events.events import all_events
from tests.support.attendees import add_attendee
from tests.support.browser import (
    PHONE,
    assert_accessible,
    horizontal_overflow,
    log_in,
    open_page,
)
from tests.support.factories import add_organiser

pytestmark = pytest.mark.browser
DESK = "/organiser/go-cluster-2027/check-in"
FIELD = "Badge-Code, Anmeldenummer oder Name"
NAMES = ("Anna", "Ben", "Carla", "Dora", "Emil", "Frieda", "Gustav", "Hanna", "Ida", "Jana")
KEPT_PEOPLE = """async () => {
  const name = "check-in-desk:" + document.getElementById("desk-offline").dataset.desk;
  const kept = await new Promise(done => { indexedDB.open(name).onsuccess = e => done(e.target.result); });
  return new Promise(done => {
    kept.transaction("people").objectStore("people").count().onsuccess = e => done(e.target.result);
  });
}"""


@pytest.fixture(scope="module")
def codes(live_app: Flask) -> dict[str, str]:
    with live_app.app_context():
        (event,) = all_events()
        found = {name: add_attendee(event, name).badge_code for name in NAMES}
        add_organiser()
        db.session.remove()
    return found


def arrivals(app: Flask, *names: str) -> dict[str, tuple[int, object]]:
    """For each person: how many check-ins the audit log has, and the stored time."""
    with app.app_context():
        found = {}
        for name in names:
            person = db.session.scalar(select(Attendee).where(Attendee.first_name == name))
            count = db.session.scalar(select(func.count()).select_from(AuditEntry).where(
                AuditEntry.attendee_id == person.id, AuditEntry.action == "check_in"))
            found[name] = (count, person.checked_in_at)
        db.session.remove()
    return found


def open_desk(page: Page) -> None:
    log_in(page)
    page.goto(DESK)
    expect(page.locator("#desk-offline[data-list-loaded]")).to_be_attached()


def type_code(page: Page, code: str) -> None:
    field = page.get_by_label(FIELD)
    field.fill(code)
    field.press("Enter")


@pytest.fixture
def second_page(chromium: Browser, live_url: str) -> Iterator[Page]:
    with open_page(chromium, live_url) as another:
        yield another


def test_offline_check_ins_wait_and_are_sent_once_online(page: Page, live_app: Flask, codes: dict[str, str]) -> None:
    open_desk(page)
    page.context.set_offline(True)
    for name in ("Anna", "Ben", "Carla"):
        type_code(page, codes[name].lower())
        expect(page.get_by_role("heading", name=f"{name} Beispiel")).to_be_visible()
    expect(page.get_by_text("Offline, wird gesendet")).to_be_visible()
    expect(page.get_by_text("3 Check-ins warten auf das Senden")).to_be_visible()
    assert all(count == 0 for count, _ in arrivals(live_app, "Anna", "Ben", "Carla").values())
    page.context.set_offline(False)
    expect(page.get_by_text("0 Check-ins warten auf das Senden")).to_be_visible()
    assert all(count == 1 and at for count, at in arrivals(live_app, "Anna", "Ben", "Carla").values())


def test_queue_sent_again_changes_nothing(page: Page, live_app: Flask, codes: dict[str, str]) -> None:
    open_desk(page)
    page.context.set_offline(True)
    type_code(page, codes["Dora"])
    with page.expect_request(lambda request: request.url.endswith("/check-in/sync")) as sent:
        page.context.set_offline(False)
    expect(page.get_by_text("0 Check-ins warten auf das Senden")).to_be_visible()
    before = arrivals(live_app, "Dora")
    replay = page.request.post(sent.value.url, data=sent.value.post_data,
                               headers=sent.value.headers)
    assert replay.ok and arrivals(live_app, "Dora") == before and before["Dora"][0] == 1


def test_two_desks_checking_in_one_person_make_one_check_in(
        page: Page, second_page: Page, live_app: Flask, codes: dict[str, str]) -> None:
    for desk in (page, second_page):
        open_desk(desk)
        desk.context.set_offline(True)
        type_code(desk, codes["Emil"])
        expect(desk.get_by_text("1 Check-in wartet auf das Senden")).to_be_visible()
    for desk in (page, second_page):
        desk.context.set_offline(False)
        expect(desk.get_by_text("0 Check-ins warten auf das Senden")).to_be_visible()
    assert arrivals(live_app, "Emil")["Emil"][0] == 1


def test_desk_opens_offline_and_keeps_no_other_page(page: Page, codes: dict[str, str]) -> None:
    open_desk(page)
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.reload()
    expect(page.locator("#desk-offline[data-list-loaded]")).to_be_attached()
    page.context.set_offline(True)
    page.reload()
    expect(page.get_by_text("Offline: Check-ins werden auf diesem Gerät gespeichert")).to_be_visible()
    type_code(page, codes["Frieda"])
    expect(page.get_by_role("heading", name="Frieda Beispiel")).to_be_visible()
    kept = page.evaluate("caches.open('check-in-desk-v1').then(c => c.keys()).then(k => k.map(r => r.url))")
    assert kept and all(url.endswith(DESK) or "/static/" in url for url in kept)


def test_logging_out_deletes_the_kept_list(page: Page, codes: dict[str, str]) -> None:
    open_desk(page)
    assert page.evaluate("indexedDB.databases().then(d => d.length)") == 1
    page.get_by_role("button", name="Ausloggen").click()
    expect(page.get_by_label("Passwort")).to_be_visible()
    assert page.evaluate("indexedDB.databases().then(d => d.length)") == 0
    assert page.evaluate("caches.keys().then(k => k.length)") == 0


def test_offline_desk_is_accessible_and_fits_a_phone(chromium: Browser, live_url: str, codes: dict[str, str]) -> None:
    with open_page(chromium, live_url, PHONE) as phone:
        open_desk(phone)
        phone.context.set_offline(True)
        type_code(phone, codes["Gustav"])
        expect(phone.get_by_role("heading", name="Gustav Beispiel")).to_be_visible()
        type_code(phone, "nobody")
        expect(phone.get_by_role("alert")).to_contain_text("nobody")
        assert horizontal_overflow(phone) == 0
        assert_accessible(phone)
        phone.context.set_offline(False)


def test_code_sent_into_a_dead_network_is_checked_in_at_the_desk(page: Page, codes: dict[str, str]) -> None:
    open_desk(page)
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.reload()  # now the desk's worker answers, and keeps the desk page
    expect(page.locator("#desk-offline[data-list-loaded]")).to_be_attached()
    page.context.route("**/*", lambda route: route.abort())  # the venue's Wi-Fi is up, its line is not
    type_code(page, codes["Hanna"])
    expect(page.get_by_role("heading", name="Hanna Beispiel")).to_be_visible()
    expect(page.get_by_text("1 Check-in wartet auf das Senden")).to_be_visible()


def test_ended_session_deletes_the_kept_list(page: Page, codes: dict[str, str]) -> None:
    open_desk(page)
    assert page.evaluate(KEPT_PEOPLE) == len(NAMES)
    page.context.clear_cookies()
    page.evaluate("window.dispatchEvent(new Event('online'))")  # the desk's next refresh
    expect(page.get_by_role("alert")).to_contain_text("Die Liste auf diesem Gerät wurde gelöscht")
    assert page.evaluate(KEPT_PEOPLE) == 0


def test_scanner_hook_checks_in_like_typing(page: Page, codes: dict[str, str]) -> None:
    open_desk(page)
    page.context.set_offline(True)
    page.evaluate("code => window.checkInDesk.submitCode(code)", codes["Hanna"].lower())
    expect(page.get_by_role("heading", name="Hanna Beispiel")).to_be_visible()
    expect(page.get_by_text("1 Check-in wartet auf das Senden")).to_be_visible()


def test_online_check_in_passes_through_the_desk_worker(page: Page, live_app: Flask, codes: dict[str, str]) -> None:
    open_desk(page)
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.reload()
    assert page.evaluate("navigator.serviceWorker.controller !== null")
    type_code(page, codes["Ida"])
    expect(page.get_by_text("Ida Beispiel ist eingecheckt.")).to_be_visible()
    assert arrivals(live_app, "Ida")["Ida"][0] == 1


def test_desk_whose_session_ended_leaves_the_form_to_the_server(page: Page, codes: dict[str, str]) -> None:
    open_desk(page)
    page.context.clear_cookies()
    page.evaluate("window.dispatchEvent(new Event('online'))")
    expect(page.get_by_role("alert")).to_contain_text("Bitte melden Sie sich wieder an")
    type_code(page, codes["Ida"])  # not queued here: the server answers (no session, no form)
    expect(page.get_by_role("heading", name="Das Formular ist abgelaufen")).to_be_visible()


def cancel(app: Flask, name: str) -> None:
    with app.app_context():
        person = db.session.scalar(select(Attendee).where(Attendee.first_name == name))
        person.status, person.cancelled_at = AttendeeStatus.CANCELLED, utcnow()
        db.session.commit()
        db.session.remove()


def test_refusal_of_a_sent_check_in_is_shown_after_sending(page: Page, live_app: Flask, codes: dict[str, str]) -> None:
    open_desk(page)
    cancel(live_app, "Jana")  # after the desk fetched its list
    page.context.set_offline(True)
    type_code(page, codes["Jana"])
    expect(page.get_by_role("heading", name="Jana Beispiel")).to_be_visible()
    page.context.set_offline(False)
    refused = page.get_by_role("region", name="Nach dem Senden nicht eingecheckt")
    expect(refused).to_contain_text("Die Anmeldung von Jana Beispiel ist storniert")
    expect(page.get_by_text("0 Check-ins warten auf das Senden")).to_be_visible()
    assert arrivals(live_app, "Jana")["Jana"][0] == 0
