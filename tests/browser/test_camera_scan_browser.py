"""Camera scanning in a real Chromium whose fake camera shows Ben's badge QR code (a Y4M
video, tests/support/fake_camera.py): at the check-in desk a scan checks Ben in, on Anna's
now page it confirms her meeting with him. Debian's Chromium has no BarcodeDetector, so jsQR
decodes; the tests also hide it explicitly, so they keep testing jsQR wherever Chromium gains
one, and one test gives the page a stand-in BarcodeDetector to show that it is preferred.
Both pages pass axe while the camera runs, at 375 px."""

from collections.abc import Iterator
from datetime import timedelta

import pytest
from flask import Flask
from playwright.sync_api import Browser, Page, expect

from matchmaker import clock
from matchmaker.extensions import db
from matchmaker.models import Attendee, Meeting, ScheduleRun, utcnow
from matchmaker.services.events.events import all_events
from tests.support.attendees import add_attendee, add_meeting
from tests.support.browser import (
    PHONE,
    accessibility_violations,
    fake_camera_chromium,
    horizontal_overflow,
    log_in,
    open_page,
)
from tests.support.factories import add_organiser
from tests.support.fake_camera import write_qr_video

pytestmark = pytest.mark.browser
DESK = "/organiser/go-cluster-2027/check-in"
HIDE_BARCODE_DETECTOR = "delete window.BarcodeDetector;"
READ_NOTHING = "delete window.BarcodeDetector; window.jsQR = function () { return null; };"


@pytest.fixture(scope="module")
def people(live_app: Flask) -> dict[str, str]:
    """Anna meets Ben in slot 1 (published); Cem is registered too. Their badge codes, Anna's
    now link and the meeting's start."""
    with live_app.app_context():
        (event,) = all_events()
        anna, ben, cem = (add_attendee(event, name) for name in ("Anna", "Ben", "Cem"))
        meeting = add_meeting(event, anna, ben, slot=1)
        db.session.add(ScheduleRun(event_id=event.id, quality={}, changed_count=0, published_at=utcnow()))
        add_organiser()
        found = {"ben": ben.badge_code, "cem": cem.badge_code, "now": f"/me/{anna.token}/now",
                 "meeting": meeting.id, "starts_at": meeting.slot.starts_at}
        db.session.commit()
        db.session.remove()
    return found


@pytest.fixture(scope="module")
def camera(pytestconfig: pytest.Config, tmp_path_factory: pytest.TempPathFactory, people) -> Iterator[Browser]:
    """A Chromium whose camera shows Ben's badge."""
    video = write_qr_video(tmp_path_factory.mktemp("camera") / "ben.y4m", people["ben"])
    with fake_camera_chromium(pytestconfig, video) as browser:
        yield browser


@pytest.fixture
def phone(camera: Browser, live_url: str) -> Iterator[Page]:
    with open_page(camera, live_url, PHONE) as page:
        yield page


def checked_in(live_app: Flask, code: str) -> bool:
    with live_app.app_context():
        found = db.session.query(Attendee).filter_by(badge_code=code).one().checked_in_at is not None
        db.session.remove()
    return found


def jsqr_loaded(page: Page, seconds: float = 10) -> bool:
    """Whether jsQR is loaded within ``seconds`` (asked without eval: the CSP forbids it)."""
    for _ in range(int(seconds * 10)):
        if page.evaluate("typeof window.jsQR") == "function":
            return True
        page.wait_for_timeout(100)
    return False


def test_camera_scan_at_the_desk_checks_the_badge_holder_in(phone: Page, live_app: Flask, people) -> None:
    phone.add_init_script(HIDE_BARCODE_DETECTOR)
    log_in(phone)
    phone.goto(DESK)
    assert phone.evaluate("'BarcodeDetector' in window") is False
    phone.get_by_role("button", name="Mit der Kamera scannen").click()
    expect(phone.get_by_role("heading", name="Ben Beispiel")).to_be_visible()
    expect(phone.get_by_text("Ben Beispiel ist eingecheckt.")).to_be_visible()
    assert jsqr_loaded(phone)  # the camera is on again, read by jsQR
    assert checked_in(live_app, people["ben"])
    expect(phone.get_by_role("button", name="Kamera ausschalten")).to_be_visible()  # on to the next badge


def test_desk_passes_axe_and_fits_a_phone_while_the_camera_runs(phone: Page, people) -> None:
    phone.add_init_script(READ_NOTHING)  # a scan would leave the page
    log_in(phone)
    phone.goto(DESK)
    phone.get_by_role("button", name="Mit der Kamera scannen").click()
    expect(phone.get_by_role("button", name="Kamera ausschalten")).to_be_visible()
    assert accessibility_violations(phone) == []
    assert horizontal_overflow(phone) == 0
    phone.get_by_role("button", name="Kamera ausschalten").click()
    expect(phone.get_by_role("button", name="Mit der Kamera scannen")).to_be_focused()


def test_browsers_own_barcode_detector_is_preferred(phone: Page, live_app: Flask, people) -> None:
    phone.add_init_script("window.BarcodeDetector = class { static getSupportedFormats() {"
                          " return Promise.resolve(['qr_code']); }"
                          f" detect() {{ return Promise.resolve([{{rawValue: '{people['cem']}'}}]); }} }};")
    log_in(phone)
    phone.goto(DESK)
    phone.get_by_role("button", name="Mit der Kamera scannen").click()
    expect(phone.get_by_role("heading", name="Cem Beispiel")).to_be_visible()
    assert phone.evaluate("typeof window.jsQR") == "undefined"
    assert checked_in(live_app, people["cem"])


def test_camera_scan_on_the_now_page_confirms_the_meeting(phone: Page, live_app: Flask, people, monkeypatch) -> None:
    monkeypatch.setattr(clock, "venue_now", lambda: people["starts_at"] + timedelta(minutes=3))
    phone.add_init_script(HIDE_BARCODE_DETECTOR)
    phone.goto(people["now"])
    phone.get_by_role("button", name="Badge des Gegenübers scannen").click()
    expect(phone.get_by_text("Danke: Ihr Gespräch mit Ben Beispiel ist als stattgefunden vermerkt.")).to_be_visible()
    with live_app.app_context():
        assert db.session.get(Meeting, people["meeting"]).met_at is not None
        db.session.remove()


def test_now_page_passes_axe_and_fits_a_phone_while_the_camera_runs(phone: Page, people, monkeypatch) -> None:
    monkeypatch.setattr(clock, "venue_now", lambda: people["starts_at"] + timedelta(minutes=3))
    phone.add_init_script(READ_NOTHING)  # a scan would leave the page
    phone.goto(people["now"])
    phone.get_by_role("button", name="Badge des Gegenübers scannen").click()
    expect(phone.get_by_role("button", name="Kamera ausschalten")).to_be_visible()
    assert accessibility_violations(phone) == []
    assert horizontal_overflow(phone) == 0


def test_without_a_camera_the_button_explains(page: Page, people, monkeypatch) -> None:
    monkeypatch.setattr(clock, "venue_now", lambda: people["starts_at"] + timedelta(minutes=3))
    page.goto(people["now"])  # the shared Chromium has no camera at all
    page.get_by_role("button", name="Badge des Gegenübers scannen").click()
    expect(page.get_by_text("Auf diesem Gerät ist keine Kamera zu finden.")).to_be_visible()
    expect(page.get_by_label("Badge-Code der Person, die Sie getroffen haben")).to_be_visible()


def test_camera_refused_by_the_browser_is_explained(page: Page, people, monkeypatch) -> None:
    monkeypatch.setattr(clock, "venue_now", lambda: people["starts_at"] + timedelta(minutes=3))
    page.add_init_script("navigator.mediaDevices.getUserMedia = () =>"
                         " Promise.reject(new DOMException('no', 'NotAllowedError'));")
    page.goto(people["now"])
    page.get_by_role("button", name="Badge des Gegenübers scannen").click()
    expect(page.get_by_text("Der Browser hat die Kamera nicht freigegeben.")).to_be_visible()


def test_now_page_waits_with_its_refresh_while_the_camera_runs(phone: Page, people, monkeypatch) -> None:
    monkeypatch.setattr(clock, "venue_now", lambda: people["starts_at"] + timedelta(minutes=3))
    phone.clock.install()
    phone.add_init_script(READ_NOTHING)
    phone.goto(people["now"])
    phone.evaluate("window.sameVisit = true")
    phone.get_by_role("button", name="Badge des Gegenübers scannen").click()
    expect(phone.get_by_role("button", name="Kamera ausschalten")).to_be_visible()
    phone.clock.run_for(3 * 60_000)
    assert phone.evaluate("window.sameVisit") is True
    phone.get_by_role("button", name="Kamera ausschalten").click()
    with phone.expect_navigation():
        phone.clock.run_for(61_000)
