"""The event day's re-plan (`replan_day`) on random small events: its guarantees hold."""

from __future__ import annotations

from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from matchmaker.matching import Event, Meeting, pair_score, schedule
from matchmaker.matching.day import DayReplan, replan_day
from tests.matching.strategies import attendee, crowded_events, events

EXAMPLES = settings(max_examples=40, deadline=None)
CROWDED = settings(max_examples=60, deadline=None)


@st.composite
def days(draw, crowded: bool = False) -> tuple[Event, list[Meeting], int, frozenset[int], DayReplan]:
    """A planned event, a slot to re-plan from, some absent attendees, and the re-plan."""
    event = draw(crowded_events() if crowded else events(max_attendees=10, max_slots=4))
    planned = [m.meeting for m in schedule(event).meetings if not m.locked]
    from_slot = draw(st.integers(1, event.slots))
    ids = sorted(a.id for a in event.attendees)
    absent = frozenset(draw(st.sets(st.sampled_from(ids), max_size=max(1, len(ids) // 3))))
    return event, planned, from_slot, absent, replan_day(event, planned, from_slot, absent)


def before(meetings, from_slot: int) -> set[Meeting]:
    return {m for m in meetings if m.slot < from_slot}


@EXAMPLES
@given(day=days())
def test_any_day_nobody_absent_meets_from_the_slot(day):
    _, _, from_slot, absent, result = day
    assert not [m for m in result.meetings if m.slot >= from_slot and absent & set(m.pair)]


@EXAMPLES
@given(day=days())
def test_any_day_slots_before_the_replan_unchanged(day):
    event, planned, from_slot, _, result = day
    assert before(result.meetings, from_slot) == before([*planned, *event.locked], from_slot)


@EXAMPLES
@given(day=days())
def test_any_day_locked_meetings_of_present_people_unchanged(day):
    event, _, from_slot, absent, result = day
    staying = {m for m in event.locked if m.slot < from_slot or not absent & set(m.pair)}
    assert staying <= set(result.meetings)


@EXAMPLES
@given(day=days())
def test_any_day_only_meetings_with_an_absent_attendee_change(day):
    event, planned, from_slot, absent, result = day
    old = set(planned) | set(event.locked)
    assert old - set(result.meetings) == {m for m in old if m.slot >= from_slot and absent & set(m.pair)}


@EXAMPLES
@given(day=days())
def test_any_day_refills_follow_the_engine_rules(day):
    event, _, _, _, result = day
    people = {a.id: a for a in event.attendees}
    for added in result.added:
        m = added.meeting
        a, b = people[m.pair[0]], people[m.pair[1]]
        scored = pair_score(a, b, event.weights, event.blocked_pairs, event.synonyms)
        assert scored.excluded is None and scored.score > 0 and added.score == scored.score
        assert m.slot not in a.unavailable_slots | b.unavailable_slots
        assert 1 <= m.table <= event.tables


@CROWDED
@given(day=days(crowded=True))
def test_crowded_day_keeps_seats_tables_pairs_and_maximums(day):
    # One planned and re-planned crowded day per example, every rule checked on it: four
    # tests that each planned 40 days of their own cost twice as much for fewer days.
    event, planned, _, absent, result = day
    seats = Counter((a, m.slot) for m in result.meetings for a in m.pair)
    tables = Counter((m.slot, m.table) for m in result.meetings)
    assert max(seats.values(), default=1) == 1, "somebody is in two meetings of one slot"
    assert max(tables.values(), default=1) == 1, "two meetings at one table"
    assert len({m.pair for m in result.meetings}) == len(result.meetings), "a pair meets twice"
    counts = Counter(a for m in result.meetings for a in m.pair)
    before_counts = Counter(a for m in [*planned, *event.locked] for a in m.pair)
    assert all(counts[person.id] <= max(person.max_meetings, before_counts[person.id])
               for person in event.attendees if person.max_meetings is not None), "above a maximum"
    alone = {(a, m.slot) for m in result.cancelled for a in m.pair if a not in absent}
    for added in result.added:
        assert {(a, added.meeting.slot) for a in added.meeting.pair} & alone, "a refill nobody was left for"


def test_partner_absent_attendee_gets_the_free_partner():
    event = Event(tuple(_people()), slots=2, tables=2)
    planned = [Meeting((1, 2), 2, 1), Meeting((3, 4), 2, 2)]
    result = replan_day(event, planned, 2, {2, 4})
    assert [m.meeting for m in result.added] == [Meeting((1, 3), 2, 1)]


def _people():
    return [attendee(i, offers=("KI",), seeks=("KI",)) for i in (1, 2, 3, 4)]
