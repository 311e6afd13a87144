"""A full re-run of the matchmaking on the event day keeps what already happened: a
meeting the new schedule has again keeps its row, its "we met" and its feedback."""

from dataclasses import replace
from datetime import datetime

import pytest
from sqlalchemy import select

from matchmaker.extensions import db
from matchmaker.matching import Meeting as PlannedMeeting
from matchmaker.models import FeedbackOutcome, Meeting, MeetingFeedback
from matchmaker.services.schedule.matchmaking import run_matchmaking
from matchmaker.services.schedule.planning import planning_input, solve, store_schedule
from matchmaker.services.schedule.publishing import publish

MET = datetime(2027, 6, 16, 10, 35)


@pytest.fixture
def met(event, pair) -> Meeting:
    """Anna and Ben's published meeting, confirmed as held and rated valuable by Ben."""
    run_matchmaking(event)
    publish(event, "organiser@example.org")
    meeting = db.session.scalars(select(Meeting)).one()
    meeting.met_at = MET
    db.session.add(MeetingFeedback(meeting_id=meeting.id, attendee_id=pair[1].id,
                                   outcome=FeedbackOutcome.VALUABLE))
    db.session.commit()
    return meeting


def feedback_of(meeting: Meeting) -> list[tuple[int, FeedbackOutcome]]:
    return [tuple(row) for row in db.session.execute(
        select(MeetingFeedback.attendee_id, MeetingFeedback.outcome)
        .where(MeetingFeedback.meeting_id == meeting.id))]


def test_rerun_with_the_same_meeting_keeps_its_row_and_met_at(event, met):
    before = (met.id, met.slot_id, met.table_id)
    run_matchmaking(event)
    again = db.session.scalars(select(Meeting)).one()
    assert (again.id, again.slot_id, again.table_id, again.met_at) == (*before, MET)


def test_rerun_with_the_same_meeting_keeps_its_feedback(event, pair, met):
    run_matchmaking(event)
    again = db.session.scalars(select(Meeting)).one()
    assert feedback_of(again) == [(pair[1].id, FeedbackOutcome.VALUABLE)]


def test_meeting_moved_to_another_table_of_its_slot_takes_met_at_and_feedback(event, pair, met):
    table_before = met.table_id
    planned = solve(planning_input(event))
    moved = tuple(replace(m, meeting=PlannedMeeting(m.meeting.pair, m.meeting.slot, m.meeting.table + 1))
                  for m in planned.meetings)
    store_schedule(event, replace(planned, meetings=moved))
    db.session.commit()
    again = db.session.scalars(select(Meeting)).one()
    assert again.table_id != table_before and again.met_at == MET
    assert feedback_of(again) == [(pair[1].id, FeedbackOutcome.VALUABLE)]
