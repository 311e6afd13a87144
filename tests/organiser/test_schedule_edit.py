"""Editing the schedule by hand through the service: every conflict refused, by name."""

import pytest
from sqlalchemy import select

from matchmaker.extensions import db
from matchmaker.models import AttendeeStatus, AuditEntry, Meeting
from matchmaker.services import DomainError
from matchmaker.services.attendees.imports import import_attendees
from matchmaker.services.schedule import edit
from matchmaker.services.schedule.planning import plan_schedule
from matchmaker.services.schedule.publishing import publish
from matchmaker.services.schedule.runs import schedule_published
from matchmaker.synthetic import generate_attendees
from tests.support.attendees import add_attendee


@pytest.fixture
def people(event):
    """Anna offers what Bernd seeks; Carla and Dora are further matchable attendees."""
    return {
        "anna": add_attendee(event, "Anna", offers=["Wasserstoff"]),
        "bernd": add_attendee(event, "Bernd", seeks=["Wasserstoff"], industry_code="ict_software"),
        "carla": add_attendee(event, "Carla", unavailable_slots=[4], max_meetings=1),
        "dora": add_attendee(event, "Dora"),
    }


def refused(call, *args) -> DomainError:
    with pytest.raises(DomainError) as caught:
        call(*args, actor="organiser@example.org")
    db.session.rollback()
    return caught.value


def test_added_meeting_is_locked_and_scored_by_the_engine(event, people):
    meeting = edit.add_meeting(event, (people["bernd"].id, people["anna"].id), 2, 7, actor="organiser@example.org")
    db.session.commit()
    assert (meeting.slot.number, meeting.table.number, meeting.locked) == (2, 7, True)
    assert meeting.attendee_a_id < meeting.attendee_b_id
    assert meeting.score == 11 and {r["code"] for r in meeting.reasons} == {"offer_matches_seek", "cross_industry"}


def test_moved_meeting_is_at_its_new_place_and_locked(event, people):
    meeting = edit.add_meeting(event, (people["anna"].id, people["bernd"].id), 1, 1, actor="organiser@example.org")
    edit.set_locked(event, meeting.id, False, actor="organiser@example.org")
    edit.move_meeting(event, meeting.id, 3, 9, actor="organiser@example.org")
    db.session.commit()
    assert (meeting.slot.number, meeting.table.number, meeting.locked) == (3, 9, True)


def test_move_within_its_own_slot_to_another_table_is_allowed(event, people):
    meeting = edit.add_meeting(event, (people["anna"].id, people["bernd"].id), 1, 1, actor="organiser@example.org")
    edit.move_meeting(event, meeting.id, 1, 2, actor="organiser@example.org")
    assert meeting.table.number == 2


def test_unlocked_meeting_stays_where_it_is(event, people):
    meeting = edit.add_meeting(event, (people["anna"].id, people["bernd"].id), 1, 1, actor="organiser@example.org")
    edit.set_locked(event, meeting.id, False, actor="organiser@example.org")
    db.session.commit()
    assert (meeting.locked, meeting.slot.number) == (False, 1)


def test_cancelled_meeting_is_gone(event, people):
    meeting = edit.add_meeting(event, (people["anna"].id, people["bernd"].id), 1, 1, actor="organiser@example.org")
    edit.cancel_meeting(event, meeting.id, actor="organiser@example.org")
    db.session.commit()
    assert db.session.scalars(select(Meeting)).all() == []


@pytest.mark.both_databases
def test_double_booking_names_the_attendee(event, people):
    edit.add_meeting(event, (people["anna"].id, people["bernd"].id), 1, 1, actor="organiser@example.org")
    error = refused(edit.add_meeting, event, (people["anna"].id, people["dora"].id), 1, 2)
    assert (error.code, error.params) == ("double_booking", {"attendee": "Anna Beispiel", "slot": 1})


def test_unavailable_slot_names_the_attendee(event, people):
    error = refused(edit.add_meeting, event, (people["carla"].id, people["dora"].id), 4, 1)
    assert (error.code, error.params["attendee"], error.params["slot"]) == ("slot_unavailable", "Carla Beispiel", 4)


def test_occupied_table_names_table_and_slot(event, people):
    edit.add_meeting(event, (people["anna"].id, people["bernd"].id), 1, 1, actor="organiser@example.org")
    error = refused(edit.add_meeting, event, (people["carla"].id, people["dora"].id), 1, 1)
    assert (error.code, error.params) == ("table_occupied", {"slot": 1, "table": "1"})


@pytest.mark.both_databases
def test_move_onto_an_occupied_table_is_refused(event, people):
    edit.add_meeting(event, (people["anna"].id, people["bernd"].id), 1, 1, actor="organiser@example.org")
    other = edit.add_meeting(event, (people["carla"].id, people["dora"].id), 2, 1, actor="organiser@example.org")
    assert refused(edit.move_meeting, event, other.id, 1, 1).code == "table_occupied"


@pytest.mark.both_databases
def test_same_pair_twice_is_refused(event, people):
    edit.add_meeting(event, (people["anna"].id, people["bernd"].id), 1, 1, actor="organiser@example.org")
    error = refused(edit.add_meeting, event, (people["bernd"].id, people["anna"].id), 2, 1)
    assert (error.code, error.params) == ("pair_already_meets", {"slot": 1})


def test_same_organisation_is_refused(event, people):
    colleague = add_attendee(event, "Erik", organisation="anna gmbh")
    error = refused(edit.add_meeting, event, (people["anna"].id, colleague.id), 1, 1)
    assert error.code == "same_organisation" and error.params["organisation"] == "Anna GmbH"


def test_over_maximum_names_the_attendee_and_the_maximum(event, people):
    edit.add_meeting(event, (people["carla"].id, people["anna"].id), 1, 1, actor="organiser@example.org")
    error = refused(edit.add_meeting, event, (people["carla"].id, people["dora"].id), 2, 1)
    assert (error.code, error.params) == ("over_maximum", {"attendee": "Carla Beispiel", "maximum": 1})


@pytest.mark.parametrize(("change", "why"), [
    ({"status": AttendeeStatus.CANCELLED}, "cancelled"),
    ({"status": AttendeeStatus.WAITLISTED}, "waitlisted"),
    ({"email_confirmed_at": None}, "email_not_confirmed"),
    ({"matching_consent_at": None}, "no_consent"),
    ({"wants_meetings": False}, "does_not_want_meetings"),
])
def test_attendee_not_taking_part_is_not_matchable(event, people, change, why):
    for name, value in change.items():
        setattr(people["dora"], name, value)
    db.session.commit()
    error = refused(edit.add_meeting, event, (people["anna"].id, people["dora"].id), 1, 1)
    assert (error.code, error.params) == ("attendee_not_matchable", {"attendee": "Dora Beispiel", "why": why})


def test_same_attendee_twice_is_refused(event, people):
    assert refused(edit.add_meeting, event, (people["anna"].id, people["anna"].id), 1, 1).code == "same_attendee"


def test_unknown_slot_and_table_are_refused(event, people):
    pair = (people["anna"].id, people["bernd"].id)
    assert refused(edit.add_meeting, event, pair, 11, 1).code == "slot_not_found"
    assert refused(edit.add_meeting, event, pair, 1, 61).code == "table_not_found"


def test_meeting_of_another_event_is_not_found(event, people):
    meeting = edit.add_meeting(event, (people["anna"].id, people["bernd"].id), 1, 1, actor="organiser@example.org")
    meeting.event_id = event.id + 1000
    assert refused(edit.set_locked, event, meeting.id, True).code == "meeting_not_found"


def test_matchable_attendees_leave_out_those_not_taking_part(event, people):
    people["dora"].wants_meetings = False
    db.session.commit()
    assert [a.first_name for a in edit.matchable_attendees(event)] == ["Anna", "Bernd", "Carla"]


def test_locked_meeting_survives_a_new_run(runner, event, people):
    import_attendees(event, generate_attendees(30, seed=5, slots=10), "test", confirmed=True)
    meeting = edit.add_meeting(event, (people["anna"].id, people["bernd"].id), 6, 60, actor="organiser@example.org")
    db.session.commit()
    result = runner.invoke(args=["match"])
    assert result.exit_code == 0, result.output
    kept = db.session.scalars(select(Meeting).where(Meeting.attendee_a_id == people["anna"].id,
                                                    Meeting.attendee_b_id == people["bernd"].id)).one()
    assert (kept.id, kept.slot.number, kept.table.number, kept.locked) == (meeting.id, 6, 60, True)


def test_edit_of_a_published_schedule_stays_published(event, people):
    import_attendees(event, generate_attendees(20, seed=5, slots=10), "test", confirmed=True)
    plan_schedule(event)
    publish(event, "organiser@example.org")
    meeting = db.session.scalars(select(Meeting)).first()
    edit.cancel_meeting(event, meeting.id, actor="organiser@example.org")
    db.session.commit()
    assert schedule_published(event)


def audit_rows(event) -> list[tuple[str, str, int | None, dict]]:
    return [(e.actor, e.action, e.attendee_id, e.changes)
            for e in db.session.scalars(select(AuditEntry).where(AuditEntry.event_id == event.id)
                                        .order_by(AuditEntry.id))]


def test_moved_meeting_is_in_the_audit_log_of_both_attendees(event, people):
    anna, bernd = people["anna"], people["bernd"]
    meeting = edit.add_meeting(event, (anna.id, bernd.id), 1, 1, actor="ada@example.org")
    edit.move_meeting(event, meeting.id, 3, 9, actor="bob@example.org")
    db.session.commit()
    moved = [row for row in audit_rows(event) if row[1] == "meeting_moved"]
    assert moved == [
        ("bob@example.org", "meeting_moved", anna.id,
         {"with": f"{bernd.number} {bernd.full_name}", "slot": 3, "table": "9"}),
        ("bob@example.org", "meeting_moved", bernd.id,
         {"with": f"{anna.number} {anna.full_name}", "slot": 3, "table": "9"}),
    ]


def test_each_edit_writes_its_own_audit_action(event, people):
    meeting = edit.add_meeting(event, (people["anna"].id, people["bernd"].id), 1, 1,
                               actor="ada@example.org")
    edit.set_locked(event, meeting.id, False, actor="ada@example.org")
    edit.set_locked(event, meeting.id, True, actor="ada@example.org")
    edit.cancel_meeting(event, meeting.id, actor="ada@example.org")
    db.session.commit()
    actions = [action for _, action, _, _ in audit_rows(event)]
    assert actions == [action for action in ("meeting_added", "meeting_unlocked", "meeting_locked",
                                             "meeting_cancelled") for _ in range(2)]


def test_publishing_records_who_published(event, people):
    import_attendees(event, generate_attendees(20, seed=5, slots=10), "test", confirmed=True)
    run, _ = plan_schedule(event)
    publish(event, "ada@example.org")
    db.session.commit()
    assert audit_rows(event)[-1] == ("ada@example.org", "schedule_published", None,
                                     {"meetings": run.quality["meetings"]})
