"""A slot that overlaps a session someone has a seat in is never offered to them: not as a
common free slot when asking for a meeting, not as a move, not as a freed slot."""

from datetime import time

import pytest
from sqlalchemy import select

from matchmaker.extensions import db
from matchmaker.models import Attendee, Event, SlotOffer
from matchmaker.services.attendees import booking
from matchmaker.services.programme.choices import choose_session
from matchmaker.services.schedule.own_meetings import give_back, move_choices
from matchmaker.services.schedule.planning import plan_schedule
from matchmaker.services.schedule.publishing import publish
from tests.attendee.own_meetings_scene import publish_now
from tests.programme.support import add_programme_session
from tests.support.attendees import add_attendee, add_matching_pair, add_meeting

# The event's slots: 1-5 from 10:30, 6-10 from 14:00, 20 minutes each.


def seated(event: Event, person: Attendee, start: time, end: time) -> None:
    session = add_programme_session(event, f"Werkstatt {person.first_name}", start, end)
    choose_session(person, session.id)
    db.session.commit()


@pytest.fixture
def pair(event: Event) -> tuple[Attendee, Attendee]:
    return add_matching_pair(event)


def test_asking_offers_no_slot_overlapping_a_session_of_either(event: Event):
    anna, ben = add_attendee(event, "Anna"), add_attendee(event, "Ben")
    add_attendee(event, "Zora")
    plan_schedule(event)
    publish(event, "organiser@example.org")
    seated(event, anna, time(10, 30), time(11, 10))
    seated(event, ben, time(14, 0), time(14, 20))
    assert booking.request_options(anna, ben).slots == [3, 4, 5, 7, 8, 9, 10]


def test_a_move_is_not_offered_into_a_session_of_the_partner(event: Event, pair):
    anna, ben = pair
    meeting_id = add_meeting(event, anna, ben, slot=1).id
    publish_now(event)
    seated(event, ben, time(10, 50), time(11, 30))
    assert [choice.number for choice in move_choices(anna, meeting_id)] == [4, 5, 6, 7, 8, 9, 10]


def test_a_freed_slot_is_not_offered_to_someone_in_a_session_then(event: Event, pair):
    anna, ben = pair
    meeting_id = add_meeting(event, anna, ben, slot=1).id
    anna.fills_free_slots = True
    seated_person = add_attendee(event, "Gut", org_type="research", offers=["Wasserstoff"],
                                 themes=["open_innovation"])
    free_person = add_attendee(event, "Frei", org_type="research", themes=["open_innovation"])
    seated_person.fills_free_slots = free_person.fills_free_slots = True
    publish_now(event)
    seated(event, seated_person, time(10, 40), time(11, 0))
    give_back(ben, meeting_id, None)
    db.session.commit()
    offered = db.session.scalars(select(SlotOffer.offered_to_id)).all()
    assert offered == [free_person.id]
