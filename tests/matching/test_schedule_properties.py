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
CROWDED = settings(max_examples=30, deadline=None, derandomize=True)


def run(event: Event, path: str) -> ScheduleResult:
    if path == "exact":
        return schedule(event)
    rounds_up_to = 0 if path == "no_rounds" else engine.SMALL_EVENT
    with patch.object(engine, "SMALL_EVENT", rounds_up_to):
        return schedule(event, exact_limit=0)


@PATHS
@EXAMPLES
@given(event=events())
def test_any_event_nobody_double_booked_in_a_slot(event, path):
    assert not double_booked(run(event, path))


def double_booked(result: ScheduleResult) -> list[tuple[int, int]]:
    seats = Counter((i, m.meeting.slot) for m in result.meetings for i in m.meeting.pair)
    return [seat for seat, count in seats.items() if count > 1]


@PATHS
@EXAMPLES
@given(event=events())
def test_any_event_pair_meets_at_most_once(event, path):
    pairs = [m.meeting.pair for m in run(event, path).meetings]
    assert len(pairs) == len(set(pairs))


@PATHS
@EXAMPLES
@given(event=events())
def test_any_event_unavailable_slots_respected_outside_locked(event, path):
    people = {a.id: a for a in event.attendees}
    for m in run(event, path).meetings:
        if not m.locked:
            assert all(m.meeting.slot not in people[i].unavailable_slots for i in m.meeting.pair)


@PATHS
@EXAMPLES
@given(event=events())
def test_any_event_max_meetings_respected_outside_locked(event, path):
    assert not above_maximum(event, run(event, path))


def above_maximum(event: Event, result: ScheduleResult) -> list[int]:
    locked = Counter(i for m in event.locked for i in m.pair)
    planned = Counter(i for m in result.meetings if not m.locked for i in m.meeting.pair)
    return [a.id for a in event.attendees
            if planned[a.id] > max(0, (event.slots if a.max_meetings is None
                                       else a.max_meetings) - locked[a.id])]


@PATHS
@EXAMPLES
@given(event=events())
def test_any_event_one_meeting_per_table_and_slot(event, path):
    assert tables_fit(event, run(event, path))


def tables_fit(event: Event, result: ScheduleResult) -> bool:
    seats = [(m.meeting.slot, m.meeting.table) for m in result.meetings]
    return len(seats) == len(set(seats)) and all(
        1 <= s <= event.slots and 1 <= t <= event.tables for s, t in seats)


@PATHS
@EXAMPLES
@given(event=events())
def test_any_event_locked_meetings_kept_exactly(event, path):
    result = run(event, path)
    assert {m.meeting for m in result.meetings if m.locked} == set(event.locked)


@PATHS
@EXAMPLES
@given(event=events())
def test_any_event_forbidden_pairs_never_meet(event, path):
    people = {a.id: a for a in event.attendees}
    for m in run(event, path).meetings:
        if m.locked:
            continue
        a, b = (people[i] for i in m.meeting.pair)
        assert tag_key(a.organisation) != tag_key(b.organisation)
        assert m.meeting.pair not in event.blocked_pairs
        assert a.consent and b.consent and a.wants_meetings and b.wants_meetings


@PATHS
@EXAMPLES
@given(event=events())
def test_any_event_pairs_ordered_smaller_first(event, path):
    assert all(m.meeting.pair[0] < m.meeting.pair[1] for m in run(event, path).meetings)


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


@PATHS
@EXAMPLES
@given(event=events())
def test_any_event_bound_at_least_total(event, path):
    quality = run(event, path).quality
    assert quality.upper_bound >= quality.total_score


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
def test_crowded_event_nobody_double_booked_in_a_slot(event, path):
    assert not double_booked(run(event, path))


@PATHS
@CROWDED
@given(event=crowded_events())
def test_crowded_event_one_meeting_per_table_and_slot(event, path):
    assert tables_fit(event, run(event, path))


@PATHS
@CROWDED
@given(event=crowded_events())
def test_crowded_event_max_meetings_respected(event, path):
    assert not above_maximum(event, run(event, path))
