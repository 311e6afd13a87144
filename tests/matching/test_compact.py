"""Compact days: re-timing meetings never breaks a rule, never changes pairs, score or
fair level, never gives anybody more idle slots, and closes gaps where it can."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from matchmaker.matching import Event, Meeting, ScheduleResult, schedule
from matchmaker.matching.compact import compact, idle_slots
from matchmaker.matching.plan import Plan
from matchmaker.matching.problem import build_problem
from tests.matching.strategies import attendee, crowded_events, events

EXAMPLES = settings(max_examples=30, deadline=None, derandomize=True)


@st.composite
def busy_events(draw) -> Event:
    """Crowded or small events where some attendees also chose programme sessions."""
    event = draw(st.one_of(crowded_events(), events(max_slots=5)))
    session_slots = st.sets(st.integers(1, event.slots), max_size=2).map(frozenset)
    people = tuple(replace(a, session_slots=draw(session_slots)) for a in event.attendees)
    return replace(event, attendees=people)


def both(event: Event, exact: bool) -> tuple[ScheduleResult, ScheduleResult]:
    limit = {} if exact else {"exact_limit": 0}
    return (schedule(replace(event, compact_days=False), **limit),
            schedule(replace(event, compact_days=True), **limit))


def meetings_of(result: ScheduleResult) -> list[Meeting]:
    return [m.meeting for m in result.meetings]


@EXAMPLES
@given(event=busy_events(), exact=st.booleans())
def test_compacted_schedule_same_pairs_score_and_fair_level(event, exact):
    plain, compacted = both(event, exact)
    assert sorted(m.pair for m in meetings_of(compacted)) == sorted(m.pair for m in meetings_of(plain))
    assert compacted.total_score == plain.total_score
    assert compacted.quality.fair_level == plain.quality.fair_level


@EXAMPLES
@given(event=busy_events(), exact=st.booleans())
def test_compacted_schedule_keeps_every_rule(event, exact):
    result = both(event, exact)[1]
    people = {a.id: a for a in event.attendees}
    seats = Counter((i, m.slot) for m in meetings_of(result) for i in m.pair)
    tables = Counter((m.slot, m.table) for m in meetings_of(result))
    assert max(seats.values(), default=1) == 1 and max(tables.values(), default=1) == 1
    assert all(1 <= m.table <= event.tables for m in meetings_of(result))
    assert set(event.locked) <= {m.meeting for m in result.meetings if m.locked}
    for m in result.meetings:
        if not m.locked:
            busy = [people[i].unavailable_slots | people[i].session_slots for i in m.meeting.pair]
            assert all(m.meeting.slot not in slots for slots in busy)


@EXAMPLES
@given(event=busy_events(), exact=st.booleans())
def test_compacted_schedule_nobody_gets_more_idle_slots(event, exact):
    plain, compacted = both(event, exact)
    before, after = idle_slots(event, meetings_of(plain)), idle_slots(event, meetings_of(compacted))
    assert all(after[i] <= before[i] for i in before)
    assert compacted.quality.idle_slots_total <= plain.quality.idle_slots_total


def test_meetings_at_slots_2_5_9_become_consecutive():
    """The issue's 10:30, 12:10 and 15:20 as slots 2, 5 and 9 (5 idle slots) become three
    slots in a row; the partners have nothing else that day."""
    people = (attendee(1, seeks=("KI",)), *(attendee(i, offers=("KI",)) for i in (2, 3, 4)))
    event = Event(people, slots=10, tables=2)
    problem = build_problem(event, k=3)
    plan = Plan(problem)
    keys = problem.edge_keys().tolist()
    for partner, slot in ((2, 2), (3, 5), (4, 9)):
        plan.add(keys.index(problem.position(partner)), slot)  # position of 1 is 0
    assert compact(plan) == 5
    slots = sorted(int(plan.slot_of[e]) for e in plan.scheduled())
    assert slots[-1] - slots[0] == 2


def test_idle_slots_skip_unavailable_and_session_slots():
    people = (attendee(1, unavailable_slots=frozenset({3}), session_slots=frozenset({4})),
              attendee(2), attendee(3))
    event = Event(people, slots=6, tables=2)
    meetings = [Meeting.of(1, 2, 2, 1), Meeting.of(1, 3, 6, 1)]
    assert idle_slots(event, meetings) == {1: 1, 2: 0, 3: 0}


def test_locked_meeting_stays_in_its_slot_when_compacting():
    people = (attendee(1), attendee(2), attendee(3))
    event = Event(people, slots=6, tables=2, locked=(Meeting.of(1, 2, 6, 1),))
    result = schedule(event)
    assert Meeting.of(1, 2, 6, 1) in meetings_of(result)
    assert idle_slots(event, meetings_of(result))[1] == 0
