"""An organiser's whole day in the dashboard, in a real Chromium: log in, filter the
attendees, edit one, import a file, run the matchmaking, move and lock a meeting, run it
again, publish, and the attendee's "Ihr Terminplan" mail is in the outbox."""

from email import message_from_bytes, policy
from pathlib import Path

import pytest
from flask import Flask
from playwright.sync_api import Page, expect
from sqlalchemy import select

from matchmaker import PROJECT_DIR
from matchmaker.extensions import db
from matchmaker.models import Meeting, MeetingTable, Slot
from matchmaker.services.attendees.imports import import_attendees
from matchmaker.services.events.events import all_events
from matchmaker.synthetic import generate_attendees
from tests.support.browser import accessibility_violations, log_in
from tests.support.factories import add_organiser

pytestmark = pytest.mark.browser
DASHBOARD = "/organiser/go-cluster-2027"
# The matchmaking job runs inside the request here (the test config's immediate queue), and
# publishing writes a mail per attendee: on a loaded machine both take far longer than the
# 10 s a click may take elsewhere. A click waits for the page it leads to.
LONG_REQUEST_MS = 180_000


@pytest.fixture(scope="module", autouse=True)
def seeded(live_app: Flask) -> None:
    with live_app.app_context():
        (event,) = all_events()
        import_attendees(event, generate_attendees(24, seed=11, slots=10), "test", confirmed=True)
        add_organiser()
        db.session.remove()



def a_meeting_and_a_free_table(app: Flask) -> tuple[int, int, int]:
    """A meeting, its slot, and a table that is free in that slot."""
    with app.app_context():
        meeting = db.session.scalars(select(Meeting).order_by(Meeting.id)).first()
        slot = meeting.slot.number
        taken = set(db.session.scalars(select(MeetingTable.number).join(Meeting, Meeting.table_id == MeetingTable.id)
                                       .join(Slot, Slot.id == Meeting.slot_id).where(Slot.number == slot)))
        result = meeting.id, slot, min(set(range(1, 61)) - taken)
        db.session.remove()
    return result


def schedule_mails(app: Flask) -> list[str]:
    folder = Path(app.config["MAIL_OUTBOX_DIR"])
    subjects = [str(message_from_bytes(path.read_bytes(), policy=policy.default)["Subject"])
                for path in sorted(folder.glob("*.eml"))]
    return [subject for subject in subjects if subject.startswith("Ihr Terminplan")]


def test_organiser_runs_the_event_from_the_browser(page: Page, live_app: Flask):
    log_in(page)
    page.get_by_role("link", name="go-cluster Jahrestagung 2027").click()
    page.get_by_role("link", name="Teilnehmende", exact=True).click()
    page.get_by_label("Art der Organisation").select_option("research")
    page.get_by_role("button", name="Anzeigen").click()
    page.locator("tbody a").first.click()
    page.get_by_label("Interne Notizen (werden der Person nie angezeigt)").fill("Bittet um Tisch am Fenster")
    page.get_by_role("button", name="Änderungen speichern").click()
    expect(page.get_by_text("Gespeichert.")).to_be_visible()

    page.get_by_role("link", name="Import und Export").click()
    page.get_by_label("Teilnehmendendatei (CSV oder Excel .xlsx)").set_input_files(
        str(PROJECT_DIR / "docs/examples/attendees.csv"))
    page.get_by_role("button", name="Datei prüfen").click()
    page.get_by_label("Wir haben diese E-Mail-Adressen geprüft: als bestätigt übernehmen").check()
    page.get_by_role("button", name="12 Personen importieren").click()
    expect(page.get_by_text("12 Personen importiert")).to_be_visible()

    page.get_by_role("link", name="Gesprächsplan", exact=True).click()
    page.get_by_role("button", name="Matchmaking starten").click(timeout=LONG_REQUEST_MS)
    expect(page.get_by_text("Entwurf")).to_be_visible(timeout=LONG_REQUEST_MS)
    meeting_id, slot, table = a_meeting_and_a_free_table(live_app)
    page.goto(f"{DASHBOARD}/schedule/meetings/{meeting_id}")
    page.get_by_label("Tischnummer").fill(str(table))
    page.get_by_role("button", name="Verschieben und fixieren").click()
    page.goto(f"{DASHBOARD}/schedule/meetings/{meeting_id}")
    expect(page.get_by_text("Fixiert", exact=True)).to_be_visible()
    expect(page.get_by_text(f"{table}", exact=True)).to_be_visible()

    page.goto(f"{DASHBOARD}/schedule/")
    page.get_by_role("button", name="Matchmaking erneut starten").click(timeout=LONG_REQUEST_MS)
    with live_app.app_context():
        moved = db.session.get(Meeting, meeting_id)
        assert (moved.slot.number, moved.table.number, moved.locked) == (slot, table, True)
        db.session.remove()

    page.get_by_role("link", name="Gesprächsplan veröffentlichen").click()
    page.get_by_role("button", name="Jetzt veröffentlichen").click(timeout=LONG_REQUEST_MS)
    expect(page.get_by_text("Der Gesprächsplan ist veröffentlicht")).to_be_visible(timeout=LONG_REQUEST_MS)
    assert accessibility_violations(page) == []
    assert len(schedule_mails(live_app)) > 10
