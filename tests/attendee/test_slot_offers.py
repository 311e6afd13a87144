"""Fill my free slots: a slot given back is offered, one person at a time, to the best
scoring person who has the setting on and the slot free; each offer waits the event's
time, then goes to the next person; accepted, the meeting is booked for both."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from matchmaker.extensions import db
from matchmaker.models import Meeting, OfferStatus, SlotOffer
from matchmaker.services.attendees import meeting_requests
from tests.attendee.own_meetings_scene import mails_to, post, publish_now
from tests.support.attendees import add_attendee, add_meeting
from tests.support.factories import post_form


def filling(event, name, **fields):
    """Someone with "fill my free slots" on who would like to meet Anna (scores with her)."""
    person = add_attendee(event, name, org_type="research", themes=["open_innovation"], **fields)
    person.fills_free_slots = True
    db.session.commit()
    return person


@pytest.fixture
def given_back(client, event, anna, ben):
    """Anna (setting on) and Ben meet in slot 1; Ben gives the meeting back; returns a
    function that does it, so that tests can set up candidates first."""
    meeting_id = add_meeting(event, anna, ben, slot=1).id
    anna.fills_free_slots = True
    db.session.commit()
    publish_now(event)
    return lambda: post(client, ben, f"/my-meetings/{meeting_id}/give-back")


def offers_to(person):
    return db.session.scalars(select(SlotOffer).where(SlotOffer.offered_to_id == person.id)).all()


def test_the_freed_slot_goes_to_the_best_scoring_person_with_the_setting_on(event, given_back, now):
    good = filling(event, "Gut", offers=["Wasserstoff"])
    fair = filling(event, "Mittel")
    given_back()
    [offer] = offers_to(good)
    assert offer.status == OfferStatus.PENDING and offers_to(fair) == []
    assert offer.expires_at == now.at + timedelta(minutes=30) and len(mails_to(good, "slot_offered")) == 1


def test_nobody_is_offered_the_slot_when_the_partner_left_alone_has_the_setting_off(event, anna, given_back):
    good = filling(event, "Gut", offers=["Wasserstoff"])
    anna.fills_free_slots = False
    db.session.commit()
    given_back()
    assert offers_to(good) == []


def test_people_without_the_setting_busy_full_or_blocked_are_passed_over(event, anna, given_back):
    without = add_attendee(event, "Ohne", org_type="research", offers=["Wasserstoff"])
    busy = filling(event, "Belegt", offers=["Wasserstoff"])
    other = add_attendee(event, "Dritte", org_type="large")
    db.session.add(Meeting(event_id=event.id, slot_id=event.slots[0].id, table_id=event.tables[1].id,
                           attendee_a_id=busy.id, attendee_b_id=other.id))
    db.session.commit()
    full = filling(event, "Voll", offers=["Wasserstoff"], max_meetings=0)
    blocked = filling(event, "Blockiert", offers=["Wasserstoff"])
    meeting_requests.block(anna, blocked)
    colleague = filling(event, "Kollegin", offers=["Wasserstoff"], organisation="Anna GmbH")
    fair = filling(event, "Mittel")
    given_back()
    assert [len(offers_to(p)) for p in (without, busy, full, blocked, colleague, fair)] == [0, 0, 0, 0, 0, 1]


def test_someone_who_meets_the_partner_already_or_is_unavailable_is_passed_over(event, anna, given_back):
    met = filling(event, "Kennt", offers=["Wasserstoff"])
    add_meeting(event, anna, met, slot=5)
    away = filling(event, "Weg", offers=["Wasserstoff"], unavailable_slots=[1])
    fair = filling(event, "Mittel")
    given_back()
    assert [len(offers_to(p)) for p in (met, away, fair)] == [0, 0, 1]


def test_the_offer_shows_table_time_partner_and_why(client, event, given_back, now):
    good = filling(event, "Gut", offers=["Wasserstoff"])
    given_back()
    page = client.get(f"/me/{good.token}/my-meetings").get_data(as_text=True)
    assert "Tisch 1 um 10:30 mit Anna Beispiel, Anna GmbH" in page
    assert "Sie bieten „Wasserstoff“ an, was Ihr Gegenüber sucht." in page


@pytest.mark.both_databases
def test_accepting_books_the_meeting_for_both_and_tells_the_partner(client, event, anna, given_back, now):
    good = filling(event, "Gut", offers=["Wasserstoff"])
    given_back()
    [offer] = offers_to(good)
    post(client, good, f"/offers/{offer.id}/accept")
    meeting = db.session.scalar(select(Meeting).where(Meeting.attendee_b_id == good.id))
    assert meeting.attendee_a_id == anna.id and meeting.slot.number == 1
    assert len(mails_to(anna, "slot_filled")) == 1


@pytest.mark.both_databases
def test_a_chain_of_offers_expires_one_after_the_other(client, event, anna, given_back, now):
    first = filling(event, "Erste", offers=["Wasserstoff"], keywords=["Leichtbau"])
    second = filling(event, "Zweite", offers=["Wasserstoff"])
    third = filling(event, "Dritte")
    given_back()
    now.move(31)
    client.get(f"/me/{third.token}/my-meetings")  # any read moves overdue offers on
    [expired] = offers_to(first)
    [offered] = offers_to(second)
    assert expired.status == OfferStatus.EXPIRED and offered.status == OfferStatus.PENDING
    assert offers_to(third) == []
    now.move(31)
    client.get(f"/me/{first.token}/my-meetings")
    db.session.expire_all()
    assert offers_to(second)[0].status == OfferStatus.EXPIRED
    assert offers_to(third)[0].status == OfferStatus.PENDING and len(mails_to(third, "slot_offered")) == 1
    assert len(offers_to(first)) == 1  # never offered the same slot twice


def test_an_expired_offer_cannot_be_accepted(client, event, given_back, now):
    good = filling(event, "Gut", offers=["Wasserstoff"])
    given_back()
    [offer] = offers_to(good)
    now.move(30)
    post(client, good, f"/offers/{offer.id}/accept")
    assert db.session.scalar(select(Meeting).where(Meeting.attendee_b_id == good.id)) is None
    page = client.get(f"/me/{good.token}/my-meetings").get_data(as_text=True)
    assert "nicht mehr offen" in page


def test_the_organiser_sets_how_long_an_offer_waits(organiser_client, event, given_back, now):
    post_form(organiser_client, "/organiser/go-cluster-2027/settings/offers", token_from="/organiser/go-cluster-2027/settings/matchmaking",
              offer_minutes=10)
    good = filling(event, "Gut", offers=["Wasserstoff"])
    given_back()
    assert offers_to(good)[0].expires_at == now.at + timedelta(minutes=10)


def test_the_setting_is_switched_on_the_attendees_page(client, anna):
    post(client, anna, "/my-meetings/fill-free-slots", on="1")
    db.session.expire_all()
    assert anna.fills_free_slots


def test_the_console_command_moves_overdue_offers_on(runner, event, given_back, now):
    first = filling(event, "Erste", offers=["Wasserstoff"])
    second = filling(event, "Zweite")
    given_back()
    now.move(31)
    result = runner.invoke(args=["advance-offers"])
    assert result.exit_code == 0 and "1 slots offered" in result.output
    db.session.expire_all()
    assert offers_to(first)[0].status == OfferStatus.EXPIRED and offers_to(second)[0].status == OfferStatus.PENDING
