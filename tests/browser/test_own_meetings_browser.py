"""On a phone (375 px): an attendee proposes another time and the partner accepts, a
meeting is cancelled with a note, and a freed slot offered is accepted with one click;
every page passes axe and fits the screen."""

import pytest
from flask import Flask
from playwright.sync_api import Page, expect
from sqlalchemy import select

from matchmaker.extensions import db
from matchmaker.models import Attendee, SlotOffer
from matchmaker.services.events.events import all_events
from matchmaker.services.schedule.own_meetings import give_back
from tests.attendee.own_meetings_scene import publish_now
from tests.support.attendees import add_attendee, add_meeting
from tests.support.browser import accessibility_violations, horizontal_overflow

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def people(live_app: Flask) -> dict[str, dict]:
    """Anna meets Ben (slot 1) and Dora (slot 2); Frida meets Gustav (slot 4); Anna,
    Gustav, Carla and Hanna fill their free slots. Each person's link and meeting ids."""
    with live_app.app_context():
        (event,) = all_events()
        made = {name: add_attendee(event, name, org_type="research" if name in "Ben Carla Hanna" else "sme",
                                   themes=["open_innovation"])
                for name in ("Anna", "Ben", "Carla", "Dora", "Frida", "Gustav", "Hanna")}
        for name in ("Anna", "Gustav", "Carla", "Hanna"):
            made[name].fills_free_slots = True
        meetings = {"anna_ben": add_meeting(event, made["Anna"], made["Ben"], slot=1).id,
                    "anna_dora": add_meeting(event, made["Anna"], made["Dora"], slot=2).id,
                    "frida_gustav": add_meeting(event, made["Frida"], made["Gustav"], slot=4).id}
        publish_now(event)
        result = {name: {"link": f"/me/{a.token}", "id": a.id} for name, a in made.items()}
        db.session.remove()
    return {**result, "meetings": meetings}


def clean(page: Page) -> None:
    assert accessibility_violations(page) == []
    assert horizontal_overflow(page) == 0


def test_a_move_is_proposed_and_accepted_on_a_phone(chromium, live_url, phone_page: Page, people):
    phone_page.goto(people["Anna"]["link"] + "/my-meetings")
    clean(phone_page)
    phone_page.get_by_role("link", name="Andere Zeit für das Gespräch mit Dora Beispiel vorschlagen").click()
    phone_page.wait_for_url("**/move")
    clean(phone_page)
    phone_page.get_by_label("Neue Zeit").select_option(label="11:30–11:50")
    phone_page.get_by_role("button", name="Vorschlag senden").click()
    expect(phone_page.get_by_text("Bis zur Zustimmung bleibt es zu seiner Zeit.")).to_be_visible()
    phone_page.goto(people["Dora"]["link"] + "/my-meetings")
    expect(phone_page.get_by_text("Anna Beispiel schlägt vor, es auf 11:30–11:50")).to_be_visible()
    clean(phone_page)
    phone_page.get_by_role("button", name="Neue Zeit annehmen").click()
    expect(phone_page.get_by_text("Das Gespräch ist verlegt.")).to_be_visible()
    expect(phone_page.locator(".meeting-when").first).to_contain_text("11:30–11:50")


def test_a_meeting_is_cancelled_with_a_note_on_a_phone(phone_page: Page, live_app, people):
    phone_page.goto(people["Ben"]["link"] + "/my-meetings")
    phone_page.get_by_role("link", name="Gespräch mit Anna Beispiel absagen").click()
    phone_page.wait_for_url("**/give-back")
    clean(phone_page)
    phone_page.get_by_label("Eine Nachricht an Ihr Gegenüber (freiwillig)").fill("Flug gestrichen")
    phone_page.get_by_role("button", name="Gespräch absagen").click()
    expect(phone_page.get_by_text("Das Gespräch mit Anna Beispiel ist abgesagt")).to_be_visible()
    phone_page.goto(people["Anna"]["link"] + "/my-meetings")
    expect(phone_page.get_by_text("Flug gestrichen")).to_be_visible()
    clean(phone_page)


def test_an_offered_slot_is_accepted_with_one_click_on_a_phone(phone_page: Page, live_app, people):
    with live_app.app_context():
        frida = db.session.get_one(Attendee, people["Frida"]["id"])
        give_back(frida, people["meetings"]["frida_gustav"], None)
        offer = db.session.scalar(select(SlotOffer).where(SlotOffer.partner_id == people["Gustav"]["id"]))
        offered_to = next(name for name in ("Carla", "Hanna") if people[name]["id"] == offer.offered_to_id)
        db.session.commit()
        db.session.remove()
    phone_page.goto(people[offered_to]["link"] + "/my-meetings")
    expect(phone_page.get_by_text("Tisch 1 um 11:30 mit Gustav Beispiel")).to_be_visible()
    clean(phone_page)
    phone_page.get_by_role("button", name="Gespräch mit Gustav Beispiel annehmen").click()
    expect(phone_page.get_by_text("Das Gespräch ist für Sie beide gebucht")).to_be_visible()
    expect(phone_page.locator(".meeting-who")).to_contain_text(["Gustav Beispiel"])
    clean(phone_page)


def test_a_colleague_is_brought_to_a_meeting_on_a_phone(phone_page: Page, live_app, people):
    with live_app.app_context():
        (event,) = all_events()
        ida, jan = (add_attendee(event, name, organisation="Wasser AG") for name in ("Ida", "Jan"))
        kai = add_attendee(event, "Kai", organisation="Strom GmbH", org_type="research")
        add_meeting(event, ida, kai, slot=6, table=5)
        links = {"ida": f"/me/{ida.token}", "jan": f"/me/{jan.token}"}
        db.session.remove()
    phone_page.goto(links["ida"] + "/my-meetings")
    phone_page.get_by_role("link", name="Kollegin oder Kollegen zum Gespräch mit Kai Beispiel mitbringen").click()
    phone_page.wait_for_url("**/colleagues")
    clean(phone_page)
    phone_page.get_by_label("Kollegin oder Kollege").select_option(label="Jan Beispiel")
    phone_page.get_by_role("button", name="Diese Person mitbringen").click()
    expect(phone_page.get_by_text("nimmt am Gespräch teil")).to_be_visible()
    expect(phone_page.get_by_role("button", name="Jan Beispiel vom Gespräch abmelden")).to_be_visible()
    clean(phone_page)
    phone_page.goto(links["jan"] + "/schedule")
    expect(phone_page.get_by_text("Ebenfalls am Tisch: Ida Beispiel")).to_be_visible()
    clean(phone_page)
    phone_page.goto(links["jan"] + "/my-meetings")
    clean(phone_page)
    phone_page.get_by_role("button", name="Gespräch mit Kai Beispiel verlassen").click()
    expect(phone_page.get_by_text("die Zeit ist für Sie wieder frei")).to_be_visible()
