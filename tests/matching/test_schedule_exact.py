"""On small events the engine reaches the exact optimum (fairness first, then score)."""

from __future__ import annotations

import itertools

from hypothesis import given, settings

from matchmaker.matching import Event, pair_score, schedule
from tests.matching.reference import optimum
from tests.matching.strategies import attendee, events


def planned_score(event: Event) -> int:
    return sum(m.score for m in schedule(event).meetings if not m.locked)


@settings(max_examples=30, deadline=None)
@given(event=events(max_attendees=12, max_slots=3, policy="total"))
def test_small_event_total_equals_exact_optimum(event):
    assert planned_score(event) == optimum(event).score


@settings(max_examples=15, deadline=None)
@given(event=events(max_attendees=5, max_slots=2, locked=False, policy="total"))
def test_tiny_event_total_equals_brute_force(event):
    assert planned_score(event) == brute_force(event)


def test_contended_partner_goes_to_the_attendee_with_no_other_option():
    # 1 likes 2 best, but 3 can only meet 2; one slot: fairness gives 2 to 3.
    hub = attendee(2, org_type="research", offers=("KI",))
    rival = attendee(1, org_type="sme", seeks=("KI",), keywords=("X",))
    lonely = attendee(3, org_type="startup")
    partner = attendee(4, org_type="cluster", keywords=("X",))
    event = Event((rival, hub, lonely, partner), slots=1, tables=2, policy="total")
    pairs = {m.meeting.pair for m in schedule(event).meetings}
    assert pairs == {(2, 3), (1, 4)}


def brute_force(event: Event) -> int:
    """Best (coverage, score) over every assignment of pairs to slots or none."""
    people = {a.id: a for a in event.attendees}
    pairs = [
        (a, b, s) for a, b in itertools.combinations(sorted(people), 2)
        if (s := pair_score(people[a], people[b], event.weights, event.blocked_pairs,
                            event.synonyms).score) > 0
    ]
    best = (-1, -1)
    for choice in itertools.product(range(event.slots + 1), repeat=len(pairs)):
        meetings = [(a, b, slot, s) for (a, b, s), slot in zip(pairs, choice, strict=True) if slot]
        if feasible(event, people, meetings):
            covered = len({i for a, b, _, _ in meetings for i in (a, b)})
            best = max(best, (covered, sum(s for *_, s in meetings)))
    return best[1]


def feasible(event: Event, people, meetings) -> bool:
    seats = [(i, slot) for a, b, slot, _ in meetings for i in (a, b)]
    if len(seats) != len(set(seats)):
        return False
    for slot in range(1, event.slots + 1):
        if sum(1 for m in meetings if m[2] == slot) > event.tables:
            return False
    for i, person in people.items():
        mine = [slot for j, slot in seats if j == i]
        limit = event.slots if person.max_meetings is None else person.max_meetings
        if len(mine) > limit or any(s in person.unavailable_slots for s in mine):
            return False
    return True


def test_event_without_attendees_gives_empty_schedule_with_bound_zero():
    from matchmaker.matching import Event, schedule

    result = schedule(Event((), slots=10, tables=5))
    assert (result.meetings, result.quality.total_score, result.quality.upper_bound) == ((), 0, 0)


def test_lone_attendee_is_reported_without_compatible_partner():
    from matchmaker.matching import Attendee, Event, schedule

    result = schedule(Event((Attendee(1, "Solo GmbH", "sme", "logistics"),), slots=3, tables=1))
    assert [(u.attendee_id, u.code) for u in result.unmatched] == [(1, "no_compatible_partner")]
