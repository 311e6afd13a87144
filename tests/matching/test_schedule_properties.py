"""Every hard constraint, fairness, determinism and the bound, on random small events.

Each property runs on every engine path: the exact one (integer programme), the
large-event one (LP rounding, slot colouring, matchings, and for small events slot
re-optimisation), forced with `exact_limit=0`, and the same without re-optimisation, as
events above `SMALL_EVENT` attendees are planned.
"""

from __future__ import annotations

import importlib
import random
from collections import Counter
from dataclasses import replace
from unittest.mock import patch

import pytest
from hypothesis import given, settings

from matchmaker.matching import Event, ScheduleResult, pair_score, schedule
from matchmaker.matching.scoring import tag_key
from tests.matching.reference import optimum
from tests.matching.strategies import crowded_events, events

PATHS = pytest.mark.parametrize("path", ["exact", "matching", "no_rounds"])
engine = importlib.import_module("matchmaker.matching.schedule")
EXAMPLES = settings(max_examples=25, deadline=None)
CONSTRAINTS = settings(max_examples=60, deadline=None)
CROWDED = settings(max_examples=30, deadline=None, derandomize=True)


def run(event: Event, path: str) -> ScheduleResult:
    if path == "exact":
        return schedule(event)
    rounds_up_to = 0 if path == "no_rounds" else engine.SMALL_EVENT
    with patch.object(engine, "SMALL_EVENT", rounds_up_to):
        return schedule(event, exact_limit=0)


@PATHS
@CONSTRAINTS
@given(event=events())
def test_any_event_keeps_every_hard_constraint(event, path):
    # One engine run per event, every constraint checked on it: nine tests that each ran
    # the engine on 25 events of their own cost four times as much for fewer events.
    result = run(event, path)
    assert not double_booked(result), "somebody is in two meetings of one slot"
    pairs = [m.meeting.pair for m in result.meetings]
    assert len(pairs) == len(set(pairs)), "a pair meets twice"
    assert not outside_availability(event, result), "a meeting in a slot its attendee is away"
    assert not above_maximum(event, result), "more meetings than somebody's maximum"
    assert tables_fit(event, result), "two meetings at one table, or a table or slot that is not there"
    assert {m.meeting for m in result.meetings if m.locked} == set(event.locked), "locked meetings changed"
    assert not forbidden_meetings(event, result), "a pair that must not meet was planned"
    assert all(pair[0] < pair[1] for pair in pairs), "a pair not ordered smaller id first"
    assert result.quality.upper_bound >= result.quality.total_score, "the bound is below the total"


def double_booked(result: ScheduleResult) -> list[tuple[int, int]]:
    seats = Counter((i, m.meeting.slot) for m in result.meetings for i in m.meeting.pair)
    return [seat for seat, count in seats.items() if count > 1]


def outside_availability(event: Event, result: ScheduleResult) -> list[tuple[int, int]]:
    """Planned (not locked) meetings in a slot one of the pair is unavailable."""
    people = {a.id: a for a in event.attendees}
    return [m.meeting.pair for m in result.meetings if not m.locked
            and any(m.meeting.slot in people[i].unavailable_slots for i in m.meeting.pair)]


def above_maximum(event: Event, result: ScheduleResult) -> list[int]:
    locked = Counter(i for m in event.locked for i in m.pair)
    planned = Counter(i for m in result.meetings if not m.locked for i in m.meeting.pair)
    return [a.id for a in event.attendees
            if planned[a.id] > max(0, (event.slots if a.max_meetings is None
                                       else a.max_meetings) - locked[a.id])]


def tables_fit(event: Event, result: ScheduleResult) -> bool:
    seats = [(m.meeting.slot, m.meeting.table) for m in result.meetings]
    return len(seats) == len(set(seats)) and all(
        1 <= s <= event.slots and 1 <= t <= event.tables for s, t in seats)


def forbidden_meetings(event: Event, result: ScheduleResult) -> list[tuple[int, int]]:
    """Planned pairs of one organisation, blocked, or with someone who did not consent or
    does not want meetings."""
    people = {a.id: a for a in event.attendees}
    forbidden = []
    for m in result.meetings:
        a, b = (people[i] for i in m.meeting.pair)
        if not m.locked and (tag_key(a.organisation) == tag_key(b.organisation)
                             or m.meeting.pair in event.blocked_pairs
                             or not (a.consent and b.consent and a.wants_meetings and b.wants_meetings)):
            forbidden.append(m.meeting.pair)
    return forbidden


@PATHS
@EXAMPLES
@given(event=events())
def test_any_event_covers_as_many_attendees_as_possible(event, path):
    result = run(event, path)
    with_locked = {i for m in event.locked for i in m.pair}
    covered = {i for m in result.meetings for i in m.meeting.pair} - with_locked
    assert len(covered) == optimum(event).covered


@PATHS
@EXAMPLES
@given(event=events(), seed=...)
def test_shuffled_input_gives_same_schedule(event, seed: int, path):
    people = list(event.attendees)
    random.Random(seed).shuffle(people)
    shuffled = replace(event, attendees=tuple(people), locked=tuple(reversed(event.locked)))
    assert run(shuffled, path).meetings == run(event, path).meetings


@EXAMPLES
@given(event=events())
def test_any_event_meeting_scores_match_pair_score(event):
    people = {a.id: a for a in event.attendees}
    for m in run(event, "exact").meetings:
        a, b = (people[i] for i in m.meeting.pair)
        assert m.score == pair_score(a, b, event.weights, event.blocked_pairs,
                                     event.synonyms).score


@PATHS
@CROWDED
@given(event=crowded_events())
def test_crowded_event_keeps_slots_tables_and_maximums(event, path):
    # More people than seats: the constraints that crowding strains, on one run per event.
    result = run(event, path)
    assert not double_booked(result), "somebody is in two meetings of one slot"
    assert tables_fit(event, result), "two meetings at one table, or a table or slot that is not there"
    assert not above_maximum(event, result), "more meetings than somebody's maximum"
