"""Event settings and the industry list from the dashboard."""

from datetime import datetime

import pytest
from sqlalchemy import select

from matchmaker.extensions import db
from matchmaker.models import AttendeeStatus, Industry, Meeting
from tests.support.attendees import add_attendee, add_meeting
from tests.support.factories import csrf_token, post_form

from .conftest import EVENT_URL

SETTINGS = {"title": "go-cluster Jahrestagung 2027", "starts_on": "2027-06-16",
            "venue": "bcc Berlin", "capacity": "200", "blocks": "10:30x5, 14:00x5",
            "meeting_minutes": "20", "table_names": "\n".join(str(n) for n in range(1, 61))}


def save(client, **changes):
    return post_form(client, f"{EVENT_URL}/settings", {**SETTINGS, **changes}, token_from="/organiser/")


def test_settings_form_shows_the_current_grid(organiser_client, event):
    page = organiser_client.get(f"{EVENT_URL}/settings").get_data(as_text=True)
    assert 'value="10:30x5, 14:00x5"' in page


def test_shorter_grid_says_which_meetings_it_removes_before_saving(organiser_client, event):
    ada, bea = add_attendee(event, "Ada"), add_attendee(event, "Bea")
    add_meeting(event, ada, bea, slot=10)
    page = save(organiser_client, blocks="10:30x5, 14:00x4").get_data(as_text=True)
    assert "1 geplantes Gespräch wird gelöscht." in page
    assert len(event.slots) == 10 and db.session.scalars(select(Meeting)).all()
    assert save(organiser_client, blocks="10:30x5, 14:00x4", confirmed="yes").status_code == 302
    db.session.expire_all()
    assert len(event.slots) == 9 and db.session.scalars(select(Meeting)).all() == []


def test_new_times_and_table_names_are_saved(organiser_client, event):
    save(organiser_client, blocks="09:00x3", meeting_minutes="15", table_names="Lounge A\nLounge B")
    db.session.expire_all()
    assert [slot.starts_at.time().isoformat() for slot in event.slots] == ["09:00:00", "09:15:00", "09:30:00"]
    assert [table.name for table in event.tables] == ["Lounge A", "Lounge B"]


def test_the_theme_is_shown_and_changed_on_the_settings_page(organiser_client, event):
    event.theme = "skills"
    db.session.commit()
    page = organiser_client.get(f"{EVENT_URL}/settings").get_data(as_text=True)
    assert '<option selected value="skills">' in page
    save(organiser_client, theme="open_innovation")
    db.session.expire_all()
    assert event.theme == "open_innovation"


@pytest.mark.both_databases
def test_registration_window_is_stored_in_utc(organiser_client, event):
    save(organiser_client, registration_opens="2027-03-01T09:00", registration_closes="2027-06-01T18:00")
    db.session.expire_all()
    assert event.registration_opens_at == datetime(2027, 3, 1, 8, 0)  # 09:00 CET
    assert event.registration_closes_at == datetime(2027, 6, 1, 16, 0)  # 18:00 CEST


def test_bad_settings_are_refused_with_messages(organiser_client, event):
    page = save(organiser_client, blocks="10:30x5, 11:00x5").get_data(as_text=True)
    assert "überschneiden sich" in page
    page = save(organiser_client, capacity="9" * 400, blocks="morgens", table_names="1\n1").get_data(as_text=True)
    assert "ganze Zahl" in page and "BEGINN x ZEITFENSTER" in page and "eigenen Namen" in page
    db.session.expire_all()
    assert event.capacity == 200


@pytest.mark.both_databases
def test_more_seats_move_the_waiting_list_up(organiser_client, event):
    event.capacity = 1
    db.session.commit()
    add_attendee(event, "Ada")
    bea = add_attendee(event, "Bea")
    save(organiser_client, capacity="2")
    db.session.refresh(bea)
    assert bea.status == AttendeeStatus.REGISTERED


def test_industries_can_be_renamed_and_added(organiser_client, event):
    token = csrf_token(organiser_client, "/organiser/")
    organiser_client.post("/organiser/industries", data={
        "csrf_token": token, "code": "quantum_tech", "name_de": "Quantentechnologie",
        "name_en": "Quantum technology"})
    organiser_client.post("/organiser/industries", data={
        "csrf_token": token, "rename": "1", "code": ["logistics"],
        "de-logistics": "Logistik und Verkehr", "en-logistics": "Logistics and transport"})
    assert db.session.get(Industry, "quantum_tech").name_de == "Quantentechnologie"
    assert db.session.get(Industry, "logistics").name_de == "Logistik und Verkehr"
    assert "Quantentechnologie" in organiser_client.get("/go-cluster-2027/register").get_data(as_text=True)
