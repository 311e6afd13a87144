"""Team meetings on the grid: a colleague of the same organisation joins a meeting, checked
against every conflict the grid refuses, and the table seats everybody."""

import pytest
from sqlalchemy import select

from matchmaker.extensions import db
from matchmaker.models import (
    AttendeeBlock,
    ChoiceStatus,
    Meeting,
    MeetingColleague,
    ProgrammeSession,
    ScheduleRun,
    SessionChoice,
    SessionKind,
    utcnow,
)
from matchmaker.services import DomainError
from matchmaker.services.attendees import self_service
from matchmaker.services.schedule import edit, team_meetings
from matchmaker.services.schedule.day_replan import replan_from
from matchmaker.services.schedule.planning import plan_schedule, refresh_meetings
from tests.organiser.conftest import EVENT_URL
from tests.support.attendees import add_attendee, add_meeting
from tests.support.factories import post_form

ACTOR = "team@example.org"


@pytest.fixture
def people(event):
    """Anna and Carl of Wasser AG, Ben of Strom GmbH; Anna meets Ben in slot 1 at table 1."""
    anna = add_attendee(event, "Anna", organisation="Wasser AG")
    carl = add_attendee(event, "Carl", organisation=" wasser  ag")
    ben = add_attendee(event, "Ben", organisation="Strom GmbH")
    meeting = add_meeting(event, anna, ben, slot=1)
    return anna, carl, ben, meeting


def join(event, meeting, colleague):
    return team_meetings.add_colleague(event, meeting.id, colleague.id, actor=ACTOR)


def refused(event, meeting, colleague) -> str:
    with pytest.raises(DomainError) as caught:
        join(event, meeting, colleague)
    db.session.rollback()
    return caught.value.code


def colleague_rows():
    return list(db.session.scalars(select(MeetingColleague)))


@pytest.mark.both_databases
def test_colleague_added_on_the_meeting_page_joins_beside_their_colleague_and_locks_it(
        organiser_client, event, people):
    anna, carl, _ben, meeting = people
    page = organiser_client.get(f"{EVENT_URL}/schedule/meetings/{meeting.id}").get_data(as_text=True)
    assert "Carl Beispiel, neben Anna Beispiel" in page
    response = post_form(organiser_client, f"{EVENT_URL}/schedule/meetings/{meeting.id}/colleagues",
                         token_from=f"{EVENT_URL}/schedule/meetings/{meeting.id}", colleague=carl.id)
    assert response.status_code == 302
    [row] = colleague_rows()
    assert (row.attendee_id, row.beside_id) == (carl.id, anna.id)
    assert db.session.get_one(Meeting, meeting.id).locked


def test_colleague_of_another_organisation_is_refused(event, people):
    _anna, _carl, _ben, meeting = people
    stranger = add_attendee(event, "Dora", organisation="Luft KG")
    assert refused(event, meeting, stranger) == "colleague_not_same_organisation"


def test_one_of_the_two_cannot_join_their_own_meeting_again(event, people):
    anna, _carl, _ben, meeting = people
    assert refused(event, meeting, anna) == "colleague_already_in_meeting"


def test_a_third_colleague_beside_one_person_is_refused(event, people):
    _anna, carl, _ben, meeting = people
    event.tables[0].seats = 8
    join(event, meeting, carl)
    join(event, meeting, add_attendee(event, "Dora", organisation="Wasser AG"))
    assert refused(event, meeting, add_attendee(event, "Emil", organisation="Wasser AG")) == "team_side_full"


def test_a_team_meeting_larger_than_its_table_is_refused(event, people):
    _anna, carl, _ben, meeting = people
    event.tables[0].seats = 3
    join(event, meeting, carl)
    assert refused(event, meeting, add_attendee(event, "Dora", organisation="Wasser AG")) == "table_too_small"


def test_colleague_with_a_meeting_in_the_slot_is_double_booked(event, people):
    _anna, carl, _ben, meeting = people
    add_meeting(event, carl, add_attendee(event, "Dora", organisation="Luft KG"), slot=1, table=2)
    assert refused(event, meeting, carl) == "double_booking"


def test_colleague_in_another_team_meeting_of_the_slot_is_double_booked(event, people):
    anna, carl, _ben, meeting = people
    dora = add_attendee(event, "Dora", organisation="Wasser AG")
    other = add_meeting(event, dora, add_attendee(event, "Emil", organisation="Luft KG"), slot=1, table=2)
    join(event, other, carl)
    assert refused(event, meeting, carl) == "double_booking"


def test_colleague_unavailable_in_the_slot_is_refused(event, people):
    _anna, carl, _ben, meeting = people
    carl.unavailable_slots = [1]
    assert refused(event, meeting, carl) == "slot_unavailable"


def test_colleague_in_a_session_during_the_slot_is_refused(event, people):
    _anna, carl, _ben, meeting = people
    slot = event.slots[0]
    session = ProgrammeSession(event_id=event.id, title="Keynote", kind=SessionKind.TALK,
                               starts_at=slot.starts_at, ends_at=slot.ends_at)
    db.session.add(session)
    db.session.flush()
    db.session.add(SessionChoice(session_id=session.id, attendee_id=carl.id, status=ChoiceStatus.CHOSEN))
    db.session.commit()
    assert refused(event, meeting, carl) == "slot_in_session"


def test_colleague_who_meets_the_partner_anyway_is_refused(event, people):
    _anna, carl, ben, meeting = people
    add_meeting(event, carl, ben, slot=2, table=1)
    assert refused(event, meeting, carl) == "pair_already_meets"


def test_colleague_blocked_from_the_partner_is_refused(event, people):
    _anna, carl, ben, meeting = people
    db.session.add(AttendeeBlock(blocker_id=ben.id, blocked_id=carl.id))
    db.session.commit()
    assert refused(event, meeting, carl) == "blocked"


def test_colleague_at_their_maximum_is_refused(event, people):
    _anna, carl, _ben, meeting = people
    carl.max_meetings = 1
    add_meeting(event, carl, add_attendee(event, "Dora", organisation="Luft KG"), slot=3, table=1)
    assert refused(event, meeting, carl) == "over_maximum"


def test_colleague_with_an_unconfirmed_address_is_not_matchable(event, people):
    _anna, _carl, _ben, meeting = people
    assert refused(event, meeting, add_attendee(event, "Dora", confirmed=False,
                                                organisation="Wasser AG")) == "attendee_not_matchable"


def test_a_colleague_in_a_team_meeting_gets_no_other_meeting_in_that_slot(event, people):
    _anna, carl, _ben, meeting = people
    join(event, meeting, carl)
    dora = add_attendee(event, "Dora", organisation="Luft KG")
    with pytest.raises(DomainError) as caught:
        edit.add_meeting(event, (carl.id, dora.id), 1, 2, actor=ACTOR)
    assert (caught.value.code, caught.value.params["attendee"]) == ("double_booking", "Carl Beispiel")


def test_moving_a_team_meeting_to_a_slot_where_the_colleague_is_busy_is_refused(event, people):
    _anna, carl, _ben, meeting = people
    join(event, meeting, carl)
    add_meeting(event, carl, add_attendee(event, "Dora", organisation="Luft KG"), slot=2, table=2)
    with pytest.raises(DomainError) as caught:
        edit.move_meeting(event, meeting.id, 2, 1, actor=ACTOR)
    assert caught.value.code == "double_booking"


def test_moving_a_team_meeting_to_a_table_too_small_is_refused(event, people):
    _anna, carl, _ben, meeting = people
    join(event, meeting, carl)
    event.tables[1].seats = 2
    with pytest.raises(DomainError) as caught:
        edit.move_meeting(event, meeting.id, 1, 2, actor=ACTOR)
    assert caught.value.code == "table_too_small"


def test_moving_a_team_meeting_to_a_taken_table_is_refused(event, people):
    _anna, carl, _ben, meeting = people
    join(event, meeting, carl)
    add_meeting(event, add_attendee(event, "Dora", organisation="Luft KG"),
                   add_attendee(event, "Emil", organisation="Erde eG"), slot=2, table=1)
    with pytest.raises(DomainError) as caught:
        edit.move_meeting(event, meeting.id, 2, 1, actor=ACTOR)
    assert caught.value.code == "table_occupied"


def test_a_team_meeting_moved_by_hand_takes_its_colleague_along(event, people):
    _anna, carl, _ben, meeting = people
    join(event, meeting, carl)
    edit.move_meeting(event, meeting.id, 4, 3, actor=ACTOR)
    assert [row.attendee_id for row in colleague_rows()] == [carl.id]


def test_a_team_meeting_cannot_be_unlocked(event, people):
    _anna, carl, _ben, meeting = people
    join(event, meeting, carl)
    with pytest.raises(DomainError) as caught:
        edit.set_locked(event, meeting.id, False, actor=ACTOR)
    assert caught.value.code == "team_meeting_stays_locked"


def test_removing_the_colleague_frees_their_slot(organiser_client, event, people):
    _anna, carl, _ben, meeting = people
    join(event, meeting, carl)
    db.session.commit()
    post_form(organiser_client, f"{EVENT_URL}/schedule/meetings/{meeting.id}/colleagues/{carl.id}/remove",
              token_from=f"{EVENT_URL}/schedule/meetings/{meeting.id}")
    assert colleague_rows() == []
    edit.add_meeting(event, (carl.id, add_attendee(event, "Dora", organisation="Luft KG").id), 1, 2, actor=ACTOR)


def test_the_grid_names_the_colleague_at_the_table(organiser_client, event, people):
    _anna, carl, _ben, meeting = people
    join(event, meeting, carl)
    db.session.commit()
    page = organiser_client.get(f"{EVENT_URL}/schedule/").get_data(as_text=True)
    assert "Ebenfalls am Tisch: Carl Beispiel" in page


@pytest.mark.both_databases
def test_a_new_run_keeps_the_team_meeting_and_plans_nothing_else_for_the_colleague_then(event, people):
    """Carl is free only in slot 1, where he sits in Anna's meeting: the run keeps that
    meeting with him, and gives him no meeting of his own (although Dora would suit him)."""
    anna, carl, ben, meeting = people
    for person in (anna, carl, ben):
        person.seeks, person.themes = ["Wasserstoff"], ["open_innovation"]
    carl.unavailable_slots = list(range(2, len(event.slots) + 1))
    add_attendee(event, "Dora", organisation="Luft KG", org_type="research", offers=["Wasserstoff"],
                 themes=["open_innovation"])
    join(event, meeting, carl)
    db.session.commit()
    plan_schedule(event)
    db.session.commit()
    assert [(row.meeting_id, row.attendee_id) for row in colleague_rows()] == [(meeting.id, carl.id)]
    assert db.session.scalars(select(Meeting).where(
        (Meeting.attendee_a_id == carl.id) | (Meeting.attendee_b_id == carl.id))).all() == []


def test_the_organiser_sets_the_seats_of_a_table(organiser_client, event):
    response = post_form(organiser_client, f"{EVENT_URL}/settings/table-seats", seats="2: 6\n3 : 2")
    assert response.status_code == 302
    assert [table.seats for table in event.tables[:4]] == [4, 6, 2, 4]
    page = organiser_client.get(f"{EVENT_URL}/settings/table-seats").get_data(as_text=True)
    assert "2: 6\n3: 2" in page


def test_a_line_that_is_not_table_and_seats_is_refused(organiser_client, event):
    response = post_form(organiser_client, f"{EVENT_URL}/settings/table-seats", seats="2: 6\nTisch 3")
    assert response.status_code == 422 and "Zeile 2 ist keine Tischnummer" in response.get_data(as_text=True)
    assert event.tables[1].seats == 4


def test_a_table_cannot_shrink_below_the_team_meeting_at_it(organiser_client, event, people):
    _anna, carl, _ben, meeting = people
    join(event, meeting, carl)
    db.session.commit()
    response = post_form(organiser_client, f"{EVENT_URL}/settings/table-seats", seats="1: 2")
    assert response.status_code == 422 and event.tables[0].seats == 4


def test_a_colleague_who_cancels_leaves_the_team_meeting_which_stays(event, people):
    _anna, carl, _ben, meeting = people
    join(event, meeting, carl)
    db.session.commit()
    self_service.cancel(carl)
    db.session.commit()
    assert colleague_rows() == [] and db.session.get(Meeting, meeting.id) is not None


def test_a_colleague_who_becomes_unavailable_then_leaves_the_team_meeting(event, people):
    _anna, carl, _ben, meeting = people
    join(event, meeting, carl)
    carl.unavailable_slots = [1]
    refresh_meetings(carl)
    assert colleague_rows() == [] and db.session.get(Meeting, meeting.id) is not None


def test_the_day_replan_gives_a_colleague_sitting_in_no_other_meeting_then(event, people):
    """Emil does not come: Dora, left alone in slot 1, would suit Carl, who is free except
    that he sits in Anna's team meeting then; the re-plan does not give him to her."""
    anna, carl, ben, meeting = people
    dora = add_attendee(event, "Dora", organisation="Luft KG", org_type="research", offers=["Wasserstoff"],
                        themes=["open_innovation"])
    emil = add_attendee(event, "Emil", organisation="Erde eG")
    carl.seeks, carl.themes = ["Wasserstoff"], ["open_innovation"]
    add_meeting(event, dora, emil, slot=1, table=2)
    join(event, meeting, carl)
    for person in (anna, carl, ben, dora):
        person.checked_in_at = utcnow()
    db.session.add(ScheduleRun(event_id=event.id, quality={}, published_at=utcnow()))
    db.session.commit()
    replan_from(event, 1, actor=ACTOR)
    db.session.commit()
    assert db.session.scalars(select(Meeting).where(
        (Meeting.attendee_a_id == carl.id) | (Meeting.attendee_b_id == carl.id))).all() == []
    assert [row.attendee_id for row in colleague_rows()] == [carl.id]


def test_the_grid_finds_a_colleague_sitting_in(organiser_client, event, people):
    _anna, carl, _ben, meeting = people
    join(event, meeting, carl)
    db.session.commit()
    page = organiser_client.get(f"{EVENT_URL}/schedule/?who=Carl").get_data(as_text=True)
    assert "1 Gespräch von Personen" in page and f"#meeting-{meeting.id}" in page


def test_adding_a_colleague_to_a_meeting_that_is_gone_is_not_found(organiser_client, event, people):
    _anna, carl, _ben, meeting = people
    response = post_form(organiser_client, f"{EVENT_URL}/schedule/meetings/{meeting.id + 99}/colleagues",
                         token_from=f"{EVENT_URL}/schedule/meetings/{meeting.id}", colleague=carl.id)
    assert response.status_code == 404
