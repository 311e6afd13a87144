"""Organisers find, change and write to attendees; every change is in the audit log."""

import re
from datetime import datetime

import pytest
from sqlalchemy import select

from matchmaker.extensions import db
from matchmaker.models import Attendee, AttendeeStatus, AuditEntry, Meeting, OutgoingMail
from matchmaker.services.schedule.planning import planning_input
from tests.support.attendees import add_attendee, add_meeting
from tests.support.factories import post_form

from .conftest import EVENT_URL


def post(client, path: str, **data):
    """A form of the event's dashboard (its path below ``EVENT_URL``)."""
    return post_form(client, EVENT_URL + path, token_from="/organiser/", **data)


@pytest.mark.both_databases
def test_search_finds_name_email_and_organisation(organiser_client, event):
    for name in ("Ada", "Bea", "Cem"):
        add_attendee(event, name)
    page = organiser_client.get(f"{EVENT_URL}/attendees?q=bea").get_data(as_text=True)
    assert "1 Person gefunden" in page and "Bea Beispiel" in page and "Ada Beispiel" not in page
    assert "Cem Beispiel" in organiser_client.get(f"{EVENT_URL}/attendees?q=CEM+GMBH").get_data(as_text=True)


@pytest.mark.both_databases
def test_filters_combine(organiser_client, event):
    add_attendee(event, "Ada", org_type="research", themes=["skills"])
    add_attendee(event, "Bea", org_type="research", themes=["open_innovation"])
    add_attendee(event, "Cem", org_type="sme", themes=["skills"], confirmed=False)
    page = organiser_client.get(f"{EVENT_URL}/attendees?org_type=research&theme=skills").get_data(as_text=True)
    assert "Ada Beispiel" in page and "Bea Beispiel" not in page and "Cem Beispiel" not in page
    page = organiser_client.get(f"{EVENT_URL}/attendees?confirmed=no").get_data(as_text=True)
    assert "Cem Beispiel" in page and "Ada Beispiel" not in page


@pytest.mark.both_databases
def test_list_pages_and_sorts(organiser_client, event):
    for number in range(55):
        add_attendee(event, f"P{number:02d}")
    first = organiser_client.get(f"{EVENT_URL}/attendees?sort=name").get_data(as_text=True)
    second = organiser_client.get(f"{EVENT_URL}/attendees?sort=name&page=2").get_data(as_text=True)
    assert "Seite 1 von 2" in first and "P54 Beispiel" in second and "P54 Beispiel" not in first


@pytest.mark.both_databases
def test_nonsense_filters_show_everybody_instead_of_failing(organiser_client, event):
    add_attendee(event, "Ada")
    response = organiser_client.get(f"{EVENT_URL}/attendees?page=-3&sort=x&status=zzz&theme=%22")
    assert response.status_code == 200 and "Ada Beispiel" in response.get_data(as_text=True)


def test_edit_is_saved_and_logged_with_before_and_after(organiser_client, event):
    ada = add_attendee(event, "Ada")
    data = {"email": "ada.neu@example.org", "first_name": "Ada", "last_name": "Lovelace",
            "organisation": "Ada GmbH", "org_type": "sme", "industry": "logistics",
            "language": "en", "organiser_notes": "VIP", "wants_meetings": "y"}
    assert post(organiser_client, f"/attendees/{ada.number}", **data).status_code == 302
    db.session.refresh(ada)
    assert (ada.email, ada.last_name, ada.organiser_notes) == ("ada.neu@example.org", "Lovelace", "VIP")
    entry = db.session.scalars(select(AuditEntry)).one()
    assert entry.actor == "team@example.org" and entry.changes["last_name"] == ["Beispiel", "Lovelace"]


@pytest.mark.both_databases
def test_edit_to_an_address_taken_in_the_event_is_refused(organiser_client, event):
    ada, _ = add_attendee(event, "Ada"), add_attendee(event, "Bea")
    response = post(organiser_client, f"/attendees/{ada.number}", email="bea@example.org",
                    first_name="Ada", last_name="B", organisation="O", org_type="sme",
                    industry="logistics", language="de")
    assert "hat bereits diese Adresse" in response.get_data(as_text=True)
    db.session.refresh(ada)
    assert ada.email == "ada@example.org"


@pytest.mark.both_databases
def test_cancel_gives_the_seat_to_the_waiting_list(organiser_client, event):
    event.capacity = 1
    ada, bea = add_attendee(event, "Ada"), add_attendee(event, "Bea")
    post(organiser_client, f"/attendees/{ada.number}/status", action="cancel")
    db.session.refresh(ada), db.session.refresh(bea)
    assert (ada.status, bea.status) == (AttendeeStatus.CANCELLED, AttendeeStatus.REGISTERED)
    assert sorted(db.session.scalars(select(OutgoingMail.kind))) == ["cancelled_by_organiser", "promoted"]


@pytest.mark.both_databases
def test_waiting_list_moves_only_into_a_free_seat(organiser_client, event):
    event.capacity = 1
    ada, bea = add_attendee(event, "Ada"), add_attendee(event, "Bea")
    page = post(organiser_client, f"/attendees/{bea.number}/status", action="from_waiting_list")
    assert "kein Platz frei" in organiser_client.get(page.location).get_data(as_text=True)
    post(organiser_client, f"/attendees/{ada.number}/status", action="to_waiting_list")
    post(organiser_client, f"/attendees/{bea.number}/status", action="from_waiting_list")
    db.session.refresh(ada), db.session.refresh(bea)
    assert (ada.status, bea.status) == (AttendeeStatus.WAITLISTED, AttendeeStatus.REGISTERED)


def test_moving_to_the_waiting_list_removes_meetings(organiser_client, event):
    ada, bea = add_attendee(event, "Ada"), add_attendee(event, "Bea")
    add_meeting(event, ada, bea)
    post(organiser_client, f"/attendees/{ada.number}/status", action="to_waiting_list")
    assert db.session.scalars(select(Meeting)).all() == []


def test_bulk_confirm_confirms_the_selected_only(organiser_client, event):
    people = [add_attendee(event, name, confirmed=False) for name in ("Ada", "Bea", "Cem")]
    post(organiser_client, "/attendees/selection", action="confirm",
         selected=[str(people[0].number), str(people[2].number)])
    confirmed = {a.first_name for a in db.session.scalars(select(Attendee)) if a.email_confirmed_at}
    assert confirmed == {"Ada", "Cem"}


def test_message_preview_counts_recipients_and_sends_nothing(organiser_client, event):
    add_attendee(event, "Ada"), add_attendee(event, "Bea")
    before = db.session.scalar(select(db.func.count()).select_from(OutgoingMail))
    page = post(organiser_client, "/messages?status=registered", subject="Anreise",
                body="Bitte <b>pünktlich</b> kommen.").get_data(as_text=True)
    assert "An 2 Empfänger/innen senden" in page and "Bitte &lt;b&gt;pünktlich&lt;/b&gt; kommen." in page
    assert db.session.scalar(select(db.func.count()).select_from(OutgoingMail)) == before


def test_message_goes_to_the_filtered_attendees_with_their_own_link(organiser_client, event):
    ada = add_attendee(event, "Ada", org_type="research")
    add_attendee(event, "Bea", org_type="sme")
    post(organiser_client, "/messages?org_type=research", subject="Anreise", body="Bitte pünktlich.",
         confirmed="yes")
    sent = db.session.scalars(select(OutgoingMail).where(OutgoingMail.kind == "message")).all()
    assert [mail.recipient for mail in sent] == ["ada@example.org"]
    assert sent[0].status == "sent"  # by the bulk mail job
    assert ada.token in sent[0].body_text and "Bitte pünktlich." in sent[0].body_html


def test_blocked_pair_reaches_the_engine_and_loses_its_meeting(organiser_client, event):
    ada, bea = add_attendee(event, "Ada"), add_attendee(event, "Bea")
    add_meeting(event, ada, bea)
    post(organiser_client, f"/attendees/{ada.number}/block", other=str(bea.number))
    assert db.session.scalars(select(Meeting)).all() == []
    assert planning_input(event).engine_event.blocked_pairs == {tuple(sorted((ada.id, bea.id)))}


def test_audit_log_filters_by_attendee(organiser_client, event):
    ada, bea = add_attendee(event, "Ada", confirmed=False), add_attendee(event, "Bea", confirmed=False)
    post(organiser_client, "/attendees/selection", action="confirm",
         selected=[str(ada.number), str(bea.number)])
    page = organiser_client.get(f"{EVENT_URL}/audit?attendee={ada.number}").get_data(as_text=True)
    assert "Ada Beispiel" in page and "Bea Beispiel" not in page and "E-Mail-Adresse bestätigt" in page


def test_attendee_page_gives_sign_up_time_with_a_four_digit_year(organiser_client, event):
    ada = add_attendee(event, "Ada")
    ada.signed_up_at = datetime(2026, 11, 3, 13, 5)  # UTC; 14:05 in Berlin
    db.session.commit()
    page = organiser_client.get(f"{EVENT_URL}/attendees/{ada.number}").get_data(as_text=True)
    assert "03.11.2026, 14:05" in page and "03.11.26" not in page


FIRST_PERSON = {
    "de": ["Themen, die Sie interessieren", "Was ich anbiete", "Was ich suche", "Ihr Cluster",
           "Ich möchte 1:1-Gespräche", "in denen ich NICHT"],
    "en": ["Themes that interest you", "What I can offer", "What I am looking for",
           "Cluster you belong to", "I would like 1:1 meetings", "in which I am NOT"],
}
THIRD_PERSON = {
    "de": ["Themen, die die Person interessieren", "Was die Person anbietet", "Was die Person sucht",
           "Cluster der Person", "Möchte 1:1-Gespräche", "in denen die Person NICHT"],
    "en": ["Themes that interest the attendee", "What the attendee can offer",
           "What the attendee is looking for", "Cluster the attendee belongs to",
           "Would like 1:1 meetings", "in which the attendee is NOT"],
}


@pytest.mark.parametrize("language", ["de", "en"])
def test_organiser_attendee_form_speaks_of_the_attendee_not_as_the_attendee(organiser_client, event, language):
    ada = add_attendee(event, "Ada")
    organiser_client.get(f"/language/{language}")
    page = organiser_client.get(f"{EVENT_URL}/attendees/{ada.number}").get_data(as_text=True)
    assert [words for words in FIRST_PERSON[language] if words in page] == []
    assert [words for words in THIRD_PERSON[language] if words not in page] == []


def test_block_menu_offers_the_others_by_name_in_phone_book_order(organiser_client, event):
    ada = add_attendee(event, "Ada")
    for first, last in [("Max", "Muff"), ("Ute", "Müller"), ("Eva", "von der Heide")]:
        add_attendee(event, first, last_name=last)
    gone = add_attendee(event, "Cem", last_name="Abel")
    gone.status = AttendeeStatus.CANCELLED
    db.session.commit()
    page = organiser_client.get(f"{EVENT_URL}/attendees/{ada.number}").get_data(as_text=True)
    menu = page[page.index('name="other"'):page.index("</select>", page.index('name="other"'))]
    assert re.findall(r">([^<,]+), ", menu) == ["von der Heide", "Müller", "Muff"]
    assert "Müller, Ute – Ute GmbH (Nr. 3)" in menu


def test_block_chosen_by_name_blocks_the_pair(organiser_client, event):
    ada, bea = add_attendee(event, "Ada"), add_attendee(event, "Bea", last_name="Özdemir")
    page = organiser_client.get(f"{EVENT_URL}/attendees/{ada.number}").get_data(as_text=True)
    value = re.search(r'<option value="(\d+)">Özdemir, Bea', page).group(1)
    post(organiser_client, f"/attendees/{ada.number}/block", other=value)
    assert planning_input(event).engine_event.blocked_pairs == {tuple(sorted((ada.id, bea.id)))}
