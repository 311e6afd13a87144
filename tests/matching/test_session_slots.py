"""Sessions of the programme: the engine never places a meeting in a slot that overlaps a
session the attendee chose, on every engine path, and says so when nothing is left."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from matchmaker.matching import Event, schedule
from matchmaker.matching.sessions import overlapping_slots
from tests.matching.strategies import attendee, events
from tests.matching.test_schedule_properties import EXAMPLES, PATHS, run

DAY = datetime(2027, 6, 16, 10, 0)
SLOT_MINUTES = 20


def slot_spans(slots: int) -> list[tuple[datetime, datetime]]:
    return [(DAY + timedelta(minutes=SLOT_MINUTES * s), DAY + timedelta(minutes=SLOT_MINUTES * (s + 1)))
            for s in range(slots)]


@st.composite
def events_with_sessions(draw: st.DrawFn) -> Event:
    """Random events whose attendees chose sessions at random times (5-minute steps),
    turned into busy slots as the app does."""
    event = draw(events(locked=False))
    spans = slot_spans(event.slots)
    people = []
    for person in event.attendees:
        sessions = []
        for _ in range(draw(st.integers(0, 2))):
            start = DAY + timedelta(minutes=5 * draw(st.integers(-4, 4 * event.slots)))
            sessions.append((start, start + timedelta(minutes=5 * draw(st.integers(1, 12)))))
        people.append(replace(person, session_slots=overlapping_slots(spans, sessions)))
    return replace(event, attendees=tuple(people))


@PATHS
@EXAMPLES
@given(event=events_with_sessions())
def test_any_event_no_meeting_over_a_chosen_session(event: Event, path: str) -> None:
    people = {a.id: a for a in event.attendees}
    for m in run(event, path).meetings:
        assert all(m.meeting.slot not in people[i].session_slots for i in m.meeting.pair)


def test_session_overlapping_by_a_minute_blocks_the_slot() -> None:
    spans = slot_spans(3)
    session = (spans[1][1] - timedelta(minutes=1), spans[2][0] + timedelta(minutes=30))
    assert overlapping_slots(spans, [session]) == {2, 3}


def test_session_ending_as_slot_starts_leaves_it_free() -> None:
    spans = slot_spans(2)
    assert overlapping_slots(spans, [(spans[0][0] - timedelta(hours=1), spans[0][0])]) == frozenset()


def test_attendee_in_sessions_all_day_gets_its_own_reason() -> None:
    people = (attendee(1, offers=("KI",), session_slots=frozenset({1, 2})),
              attendee(2, seeks=("KI",)))
    [first, second] = schedule(Event(people, slots=2, tables=1)).unmatched
    assert (first.attendee_id, first.code) == (1, "in_sessions")
    assert second.code == "no_compatible_partner"
