"""The organisers see what waits for an attendee's answer: freed slots offered on (to whom,
until when) and proposed moves (which meeting, where to, by whom) in the grid and in a list
on the schedule page; they may withdraw either, and every step of a chain of offers and of
a move is in their audit log with the attendee or organiser who did it."""

import re
from datetime import UTC
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from matchmaker.extensions import db
from matchmaker.models import Attendee, AttendeeStatus, AuditEntry, Meeting, MeetingMove, OfferStatus
from matchmaker.services.schedule.edit import add_meeting as add_meeting_by_hand
from tests.attendee.own_meetings_scene import mails_to, post, publish_now, slot_of
from tests.attendee.test_slot_offers import filling, offers_to
from tests.support.attendees import add_attendee, add_meeting
from tests.support.factories import post_form
from tests.support.html import words

SCHEDULE = "/organiser/go-cluster-2027/schedule/"
AUDIT = "/organiser/go-cluster-2027/audit"


@pytest.fixture
def meeting(event, anna, ben):
    """Anna (fills her free slots) meets Ben in slot 1 at table 1; published."""
    meeting_id = add_meeting(event, anna, ben, slot=1).id
    anna.fills_free_slots = True
    db.session.commit()
    publish_now(event)
    return meeting_id


def text(response) -> str:
    return words(response.get_data(as_text=True))


def grid_cell(page: str, meeting_id: int) -> str:
    """The words in the grid's cell of the meeting."""
    cell = re.search(rf'<td id="meeting-{meeting_id}".*?</td>', page, re.S)
    assert cell is not None
    return words(cell.group())


def local_time(moment) -> str:
    return moment.replace(tzinfo=UTC).astimezone(ZoneInfo("Europe/Berlin")).strftime("%H:%M")


def organiser_post(client, path: str) -> None:
    post_form(client, f"{SCHEDULE}{path}", token_from=SCHEDULE)


def test_an_open_offer_shows_in_its_grid_cell_with_whom_and_until_when(organiser_client, event, ben, meeting, now):
    good = filling(event, "Gut", offers=["Wasserstoff"])
    post(organiser_client, ben, f"/my-meetings/{meeting}/give-back")
    [offer] = offers_to(good)
    page = text(organiser_client.get(SCHEDULE))
    assert (f"Angeboten an Gut Beispiel, für ein Gespräch mit Anna Beispiel, bis {local_time(offer.expires_at)}"
            in page)
    assert "1 offenes Angebot" in page


def test_a_proposed_move_shows_in_the_meeting_cell_and_the_list(organiser_client, anna, meeting, now):
    post(organiser_client, anna, f"/my-meetings/{meeting}/move", slot="3")
    page = text(organiser_client.get(SCHEDULE))
    assert "Verlegung vorgeschlagen von Anna Beispiel: in Zeitfenster 3, Tisch 1" in page
    assert "Verlegung hierher vorgeschlagen für das Gespräch von Anna Beispiel und Ben Beispiel" in page
    assert "1 vorgeschlagene Verlegung" in page


def test_without_anything_open_the_published_schedule_says_so(organiser_client, meeting):
    page = text(organiser_client.get(SCHEDULE))
    assert "Keine offenen Angebote." in page and "Keine vorgeschlagenen Verlegungen." in page
    assert "Angeboten an" not in page


@pytest.mark.both_databases
def test_an_offer_that_ran_out_goes_on_when_the_organiser_reads_the_grid(organiser_client, event, ben, meeting, now):
    first = filling(event, "Erste", offers=["Wasserstoff"], keywords=["Leichtbau"])
    second = filling(event, "Zweite")
    post(organiser_client, ben, f"/my-meetings/{meeting}/give-back")
    now.move(31)
    page = text(organiser_client.get(SCHEDULE))
    db.session.expire_all()
    assert offers_to(first)[0].status == OfferStatus.EXPIRED
    assert "Angeboten an Zweite Beispiel" in page and "Angeboten an Erste Beispiel" not in page
    assert offers_to(second)[0].status == OfferStatus.PENDING


def test_a_withdrawn_offer_is_void_goes_to_nobody_and_is_audited(organiser_client, event, ben, meeting, now):
    first = filling(event, "Erste", offers=["Wasserstoff"], keywords=["Leichtbau"])
    second = filling(event, "Zweite")
    post(organiser_client, ben, f"/my-meetings/{meeting}/give-back")
    [offer] = offers_to(first)
    organiser_post(organiser_client, f"offers/{offer.id}/withdraw")
    db.session.expire_all()
    assert offer.status == OfferStatus.VOID and offers_to(second) == []
    post(organiser_client, first, f"/offers/{offer.id}/accept")
    assert db.session.scalar(select(Meeting).where(Meeting.attendee_b_id == first.id)) is None
    assert "Angebot eines frei gewordenen Termins vom Veranstaltungsteam zurückgezogen" in text(
        organiser_client.get(AUDIT))
    [mail] = mails_to(first, "slot_offer_withdrawn")
    assert mail.subject.startswith("Der Ihnen angebotene freie Gesprächstermin ist nicht mehr verfügbar")
    assert "hat den Ihnen angebotenen freien Gesprächstermin zurückgezogen" in mail.body_text
    assert "10:30" in mail.body_text and first.token in mail.body_text
    assert mails_to(second, "slot_offer_withdrawn") == []


def test_a_withdrawn_proposal_is_gone_and_the_meeting_stays(organiser_client, anna, ben, meeting):
    post(organiser_client, anna, f"/my-meetings/{meeting}/move", slot="3")
    organiser_post(organiser_client, f"meetings/{meeting}/proposal/withdraw")
    assert db.session.scalar(select(MeetingMove)) is None and slot_of(meeting) == 1
    post(organiser_client, ben, f"/my-meetings/{meeting}/move/accept")
    assert slot_of(meeting) == 1
    assert "Vorschlag zur Verlegung eines Gesprächs vom Veranstaltungsteam zurückgezogen" in text(
        organiser_client.get(AUDIT))
    [to_anna], [to_ben] = mails_to(anna, "move_withdrawn"), mails_to(ben, "move_withdrawn")  # German, English
    assert to_anna.subject.startswith("Ihr Gespräch bleibt zu seiner Zeit")
    assert "hat den Vorschlag zurückgezogen, Ihr Gespräch auf" in to_anna.body_text
    assert to_ben.subject.startswith("Your meeting stays at its time")
    assert "have withdrawn the proposal to move your meeting to" in to_ben.body_html
    for mail, person in ((to_anna, anna), (to_ben, ben)):
        assert "10:30" in mail.body_text and "11:10" in mail.body_text and person.token in mail.body_text


def test_an_english_speaker_is_told_in_english_that_an_offer_was_withdrawn(organiser_client, event, ben,
                                                                            meeting, now):
    good = filling(event, "Gut", offers=["Wasserstoff"], language="en")
    post(organiser_client, ben, f"/my-meetings/{meeting}/give-back")
    [offer] = offers_to(good)
    organiser_post(organiser_client, f"offers/{offer.id}/withdraw")
    [mail] = mails_to(good, "slot_offer_withdrawn")
    assert mail.subject.startswith("The free meeting slot offered to you is no longer available")
    assert "have withdrawn the free meeting slot offered to you" in mail.body_html


def test_an_offer_to_someone_who_cancelled_since_is_withdrawn_without_a_mail(organiser_client, event, ben,
                                                                            meeting, now):
    good = filling(event, "Gut", offers=["Wasserstoff"])
    post(organiser_client, ben, f"/my-meetings/{meeting}/give-back")
    [offer] = offers_to(good)
    post(organiser_client, good, "/cancel")
    organiser_post(organiser_client, f"offers/{offer.id}/withdraw")
    db.session.expire_all()
    assert good.status == AttendeeStatus.CANCELLED and offer.status == OfferStatus.VOID
    assert mails_to(good, "slot_offer_withdrawn") == []


def test_withdrawing_an_offer_that_ran_out_meanwhile_is_refused(organiser_client, event, ben, meeting, now):
    good = filling(event, "Gut", offers=["Wasserstoff"])
    post(organiser_client, ben, f"/my-meetings/{meeting}/give-back")
    [offer] = offers_to(good)
    now.move(31)
    organiser_post(organiser_client, f"offers/{offer.id}/withdraw")
    db.session.expire_all()
    assert offer.status == OfferStatus.EXPIRED and mails_to(good, "slot_offer_withdrawn") == []  # gone on


def test_withdrawing_an_answered_offer_is_refused(organiser_client, event, ben, meeting, now):
    good = filling(event, "Gut", offers=["Wasserstoff"])
    post(organiser_client, ben, f"/my-meetings/{meeting}/give-back")
    [offer] = offers_to(good)
    post(organiser_client, good, f"/offers/{offer.id}/accept")
    organiser_post(organiser_client, f"offers/{offer.id}/withdraw")
    db.session.expire_all()
    assert offer.status == OfferStatus.ACCEPTED
    assert "nicht mehr offen" in text(organiser_client.get(SCHEDULE))


def test_a_meeting_from_an_accepted_offer_is_marked_booked_by_the_attendees(organiser_client, event, anna,
                                                                           ben, meeting, now):
    good = filling(event, "Gut", offers=["Wasserstoff"])
    carla = add_attendee(event, "Carla", org_type="research")
    post(organiser_client, ben, f"/my-meetings/{meeting}/give-back")
    [offer] = offers_to(good)
    post(organiser_client, good, f"/offers/{offer.id}/accept")
    placed = add_meeting_by_hand(event, (ben.id, carla.id), 2, 1, actor="team@example.org")
    db.session.commit()
    booked = db.session.scalar(select(Meeting).where(Meeting.attendee_b_id == good.id))
    page = organiser_client.get(SCHEDULE).get_data(as_text=True)
    assert "Fixiert · Von den Teilnehmenden gebucht · Wert" in grid_cell(page, booked.id)
    assert "Fixiert · Wert" in grid_cell(page, placed.id)
    detail = text(organiser_client.get(f"{SCHEDULE}meetings/{booked.id}"))
    assert "Fixiert · Von den Teilnehmenden gebucht" in detail


def test_a_chain_of_offers_is_in_the_audit_log_with_who_did_each_step(organiser_client, event, ben, meeting, now):
    first = filling(event, "Erste", offers=["Wasserstoff"], keywords=["Leichtbau"])
    second = filling(event, "Zweite")
    post(organiser_client, ben, f"/my-meetings/{meeting}/give-back")
    now.move(31)
    organiser_client.get(SCHEDULE)
    [offer] = offers_to(second)
    post(organiser_client, second, f"/offers/{offer.id}/accept")
    log = text(organiser_client.get(AUDIT))
    for label in ("Gespräch von einer teilnehmenden Person abgesagt", "frei gewordenen Termin angeboten",
                  "Angebot eines frei gewordenen Termins abgelaufen",
                  "angebotenen Termin angenommen: Gespräch gebucht"):
        assert label in log
    assert f"attendee {ben.number} Ben Beispiel" in log and f"attendee {second.number} Zweite Beispiel" in log
    assert "matchmaking (free slots)" in log and entries_of("slot_offer_expired") == [first.number]


def test_a_proposed_and_accepted_move_is_in_the_audit_log_with_both_actors(organiser_client, anna, ben, meeting):
    post(organiser_client, anna, f"/my-meetings/{meeting}/move", slot="3")
    post(organiser_client, ben, f"/my-meetings/{meeting}/move/accept")
    log = text(organiser_client.get(AUDIT))
    assert f"attendee {anna.number} Anna Beispiel" in log and f"attendee {ben.number} Ben Beispiel" in log
    assert set(entries_of("move_proposed")) == set(entries_of("move_accepted")) == {anna.number, ben.number}


def entries_of(action: str) -> list[int]:
    """The registration numbers of the attendees whose log has ``action``."""
    return list(db.session.scalars(select(Attendee.number).join(AuditEntry, AuditEntry.attendee_id == Attendee.id)
                                   .where(AuditEntry.action == action)))
