"""Booking on acceptance: after publication an accepted request is a meeting at once, in the
best common free slot at a free table; nobody is offered the impossible."""

import csv
import io

import pytest
from sqlalchemy import select

from matchmaker.extensions import db
from matchmaker.models import Attendee, AuditEntry, Event, Meeting, MeetingRequest, RequestStatus
from matchmaker.services import DomainError
from matchmaker.services.attendees import booking
from matchmaker.services.schedule.edit import add_meeting as add_meeting_by_hand
from matchmaker.services.schedule.export import schedule_csv
from matchmaker.services.schedule.planning import plan_schedule
from matchmaker.services.schedule.publishing import publish
from matchmaker.services.schedule.report import grid_cells
from tests.support.attendees import add_attendee, add_meeting
from tests.support.factories import make_event


def published(event: Event) -> Event:
    """The event with a published schedule without meetings (one person alone was planned):
    booking on acceptance is open."""
    add_attendee(event, "Zora")
    plan_schedule(event)
    publish(event, "organiser@example.org")
    db.session.commit()
    return event


@pytest.fixture
def open_event(app) -> Event:
    return published(make_event(tables=2))


@pytest.fixture
def people(open_event: Event) -> tuple[Attendee, Attendee, Attendee, Attendee]:
    return tuple(add_attendee(open_event, name) for name in ("Anna", "Ben", "Carla", "Dora"))


def ask(requester, target, proposed=()):
    outcome = booking.ask(requester, target, None, proposed)
    db.session.commit()
    return outcome.request


def accept(attendee, request, slot=None):
    outcome = booking.accept(attendee, request.id, slot)
    db.session.commit()
    return outcome


def where(meeting: Meeting) -> tuple[int, int]:
    return meeting.slot.number, meeting.table.number


def test_accepting_after_publication_books_the_earliest_common_free_slot(people):
    anna, ben, *_ = people
    ben.unavailable_slots = [1]
    outcome = accept(ben, ask(anna, ben))
    assert where(outcome.meeting) == (2, 1) and outcome.meeting.locked
    assert outcome.request.status == RequestStatus.ACCEPTED


def test_accepting_books_the_proposed_slot_the_other_chose(people):
    anna, ben, *_ = people
    assert where(accept(ben, ask(anna, ben, [3, 5]), slot=5).meeting) == (5, 1)


def test_accepting_without_a_choice_books_the_first_proposed_slot_still_free(people, open_event):
    anna, ben, carla, _ = people
    request = ask(anna, ben, [3, 5])
    add_meeting(open_event, ben, carla, slot=3)
    db.session.commit()
    assert where(accept(ben, request).meeting)[0] == 5


def test_booking_takes_a_free_table_of_the_slot(people, open_event):
    anna, ben, carla, dora = people
    add_meeting(open_event, carla, dora, slot=1)  # at table 1
    db.session.commit()
    assert where(accept(ben, ask(anna, ben, [1])).meeting) == (1, 2)


def test_accepting_a_slot_taken_meanwhile_is_refused_and_the_request_stays_open(people, open_event):
    anna, ben, carla, _ = people
    request = ask(anna, ben, [3])
    add_meeting(open_event, anna, carla, slot=3)
    db.session.commit()
    with pytest.raises(DomainError) as refused:
        booking.accept(ben, request.id, 3)
    db.session.rollback()
    assert refused.value.code == "slot_taken"
    assert db.session.get(MeetingRequest, request.id).status == RequestStatus.PENDING


def test_accepting_without_a_common_free_slot_leaves_the_request_accepted_unplaced(people):
    anna, ben, *_ = people
    request = ask(anna, ben)
    ben.unavailable_slots = list(range(1, 11))
    outcome = accept(ben, request)
    assert outcome.meeting is None and outcome.booking_open
    assert outcome.request.status == RequestStatus.ACCEPTED
    assert [mail.kind for mail in outcome.mails] == ["request_accepted"]


def test_accepting_before_publication_books_nothing(app):
    event = make_event(tables=2)
    anna, ben = add_attendee(event, "Anna"), add_attendee(event, "Ben")
    outcome = accept(ben, ask(anna, ben))
    assert outcome.meeting is None and not outcome.booking_open
    assert db.session.scalar(select(Meeting.id)) is None


def test_accepting_with_booking_switched_off_books_nothing(people, open_event):
    anna, ben, *_ = people
    open_event.booking_on_acceptance = False
    assert accept(ben, ask(anna, ben)).meeting is None


def test_booked_meeting_is_in_the_audit_log_with_the_attendee_as_actor(people):
    anna, ben, *_ = people
    accept(ben, ask(anna, ben))
    entries = db.session.scalars(select(AuditEntry).where(AuditEntry.action == "meeting_booked")).all()
    assert {entry.attendee_id for entry in entries} == {anna.id, ben.id}
    assert {entry.actor for entry in entries} == {f"attendee {ben.number} Ben Beispiel"}


def test_a_booked_meeting_is_marked_for_the_grid_and_export_and_one_placed_by_hand_is_not(people, open_event):
    anna, ben, carla, dora = people
    booked = accept(ben, ask(anna, ben)).meeting
    placed = add_meeting_by_hand(open_event, (carla.id, dora.id), 3, 1, actor="team@example.org")
    db.session.commit()
    cells = {meeting.id: meeting for meeting in grid_cells(open_event).values()}
    assert cells[booked.id].booked_by_attendees and not cells[placed.id].booked_by_attendees
    rows = {row["name_1"]: row["booked_by_attendees"]
            for row in csv.DictReader(io.StringIO(schedule_csv(open_event)))}
    assert rows == {"Anna Beispiel": "yes", "Carla Beispiel": "no"}


def test_booked_meeting_tells_both_time_and_table_by_mail(people):
    anna, ben, *_ = people
    mails = accept(ben, ask(anna, ben, [2])).mails
    assert sorted(mail.recipient for mail in mails) == sorted([anna.email, ben.email])
    assert all("10:50–11:10" in mail.body_text and "Tisch 1" in mail.body_text for mail in mails)


def test_asking_someone_at_their_maximum_is_refused(people, open_event):
    anna, ben, carla, _ = people
    ben.max_meetings = 1
    add_meeting(open_event, ben, carla)
    with pytest.raises(DomainError, match="fully_booked"):
        booking.ask(anna, ben, None)


def test_asking_at_ones_own_maximum_is_refused(people, open_event):
    anna, ben, carla, _ = people
    anna.max_meetings = 1
    add_meeting(open_event, anna, carla)
    with pytest.raises(DomainError, match="you_are_fully_booked"):
        booking.ask(anna, ben, None)


def test_asking_without_a_common_free_slot_is_refused(people):
    anna, ben, *_ = people
    anna.unavailable_slots = list(range(1, 6))
    ben.unavailable_slots = list(range(6, 11))
    with pytest.raises(DomainError, match="no_common_slot"):
        booking.ask(anna, ben, None)


def test_a_slot_without_a_free_table_is_no_common_free_slot(people, open_event):
    anna, ben, carla, dora = people
    erik, fritz = add_attendee(open_event, "Erik"), add_attendee(open_event, "Fritz")
    add_meeting(open_event, carla, dora, slot=4)
    add_meeting_by_hand(open_event, (erik.id, fritz.id), 4, 2, actor="organiser@example.org")
    db.session.commit()
    slots = booking.request_options(anna, ben).slots
    assert 4 not in slots and 3 in slots


def test_proposing_a_slot_one_of_them_has_not_free_is_refused(people):
    anna, ben, *_ = people
    ben.unavailable_slots = [2]
    with pytest.raises(DomainError, match="slot_not_free"):
        booking.ask(anna, ben, None, [1, 2])


def test_proposing_more_than_three_slots_is_refused(people):
    anna, ben, *_ = people
    with pytest.raises(DomainError, match="too_many_slots"):
        booking.ask(anna, ben, None, [1, 2, 3, 4])


def test_asking_someone_who_asked_already_books_the_meeting(people):
    anna, ben, *_ = people
    ask(ben, anna)
    outcome = booking.ask(anna, ben, None, [4])
    assert where(outcome.meeting) == (4, 1)
