"""The balanced policy: the level of the worst-off first (each against what they can have),
then the total; and its figures in the certificate."""

from __future__ import annotations

import itertools
from collections import Counter
from dataclasses import replace

import numpy as np
import pytest
import scipy.sparse as sp
from hypothesis import given, settings
from scipy.optimize import linprog

from matchmaker.exchange.event_rows import event_from_rows
from matchmaker.matching import Event, Meeting, Weights, pair_score, schedule
from matchmaker.matching.problem import build_problem
from matchmaker.matching.shares import entitlements, partners, targets
from matchmaker.synthetic import generate_attendees
from tests.matching.reference import balanced_optimum, level_of
from tests.matching.reference import entitlements as reference_entitlements
from tests.matching.strategies import attendee, crowded_events, events
from tests.matching.test_schedule_exact import feasible

DERANDOMISED = settings(max_examples=40, deadline=None, derandomize=True)


def planned_score(result) -> int:
    return sum(m.score for m in result.meetings if not m.locked)


@settings(max_examples=30, deadline=None)
@given(event=events(max_attendees=12, max_slots=3, policy="balanced"))
def test_small_event_level_and_total_equal_exact_reference(event):
    result = schedule(event)
    assert (level_of(event, result.meetings), planned_score(result)) == balanced_optimum(event)


@settings(max_examples=15, deadline=None)
@given(event=events(max_attendees=5, max_slots=2, locked=False, policy="balanced"))
def test_tiny_event_level_and_total_equal_brute_force(event):
    result = schedule(event)
    assert (level_of(event, result.meetings), planned_score(result)) == brute_force(event)


def brute_force(event: Event) -> tuple[int, int]:
    """Best (level, coverage, score) over every assignment of pairs to slots or none."""
    people = {a.id: a for a in event.attendees}
    pairs = [(a, b, s) for a, b in itertools.combinations(sorted(people), 2)
             if (s := pair_score(people[a], people[b], event.weights, event.blocked_pairs,
                                 event.synonyms).score) > 0]
    wanted = reference_entitlements(event)
    best = (-1, -1, -1)
    for choice in itertools.product(range(event.slots + 1), repeat=len(pairs)):
        meetings = [(a, b, slot, s) for (a, b, s), slot in zip(pairs, choice, strict=True) if slot]
        if feasible(event, people, meetings):
            have = Counter(i for a, b, _, _ in meetings for i in (a, b))
            short = [have[i] for i in people if have[i] < wanted[i]]
            level = min(short) if short else max(wanted.values(), default=0)
            best = max(best, (level, len(have), sum(s for *_, s in meetings)))
    return best[0], best[2]


@DERANDOMISED
@given(event=crowded_events(policy="balanced"))
def test_crowded_event_nobody_below_fair_share_when_a_schedule_allows_it(event):
    level, _ = balanced_optimum(event)
    wanted = reference_entitlements(event)
    have = Counter(i for m in schedule(event).meetings for i in m.meeting.pair)
    assert all(have[i] >= min(level, e) for i, e in wanted.items())


@DERANDOMISED
@given(event=crowded_events(policy="balanced"))
def test_crowded_event_level_within_its_bound(event):
    quality = schedule(event).quality
    assert quality.fair_level <= quality.fair_level_bound
    assert quality.fair_level == level_of(event, schedule(event).meetings)


def test_exact_solver_reaches_a_reachable_level_bound():
    # Level 2 (everyone with room for two meets twice) is reachable only as 1-2, 2-3, 3-4;
    # stopping at level 1 would allow the higher-scoring 1-4, 2-3.
    people = (
        attendee(1, org_type="research", seeks=("KI", "X"), max_meetings=1),
        attendee(2, org_type="cluster", offers=("X", "Y"), seeks=("X",)),
        attendee(3, org_type="large", seeks=("Y", "X")),
        attendee(4, org_type="cluster", offers=("KI", "X"), max_meetings=1),
    )
    result = schedule(Event(people, slots=2, tables=2, policy="balanced"))
    assert result.quality.method == "exact"
    assert result.quality.fair_level == result.quality.fair_level_bound == 2
    assert sorted(m.meeting.pair for m in result.meetings) == [(1, 2), (2, 3), (3, 4)]


@pytest.fixture(scope="module")
def scarce_tables():
    """The go-cluster conference with seats short: 200 attendees, 10 slots, 60 tables."""
    event, _ = event_from_rows(generate_attendees(200, seed=1), slots=10, tables=60)
    return event, schedule(event), schedule(replace(event, policy="total"))


def test_scarce_tables_everyone_who_can_have_five_gets_five(scarce_tables):
    event, balanced, _ = scarce_tables
    problem = build_problem(event, k=1)
    may = {int(i) for i, cap, count in zip(problem.matrix.ids, problem.capacity,
                                           partners(problem), strict=True) if cap >= 5 and count >= 5}
    have = Counter(i for m in balanced.meetings for i in m.meeting.pair)
    assert len(may) > 150 and all(have[i] >= 5 for i in may)


def test_scarce_tables_best_total_policy_leaves_some_below_five(scarce_tables):
    _, balanced, total = scarce_tables
    assert total.quality.p10_meetings < 5 <= balanced.quality.p10_meetings


def test_scarce_tables_balanced_reaches_the_provable_level(scarce_tables):
    _, balanced, _ = scarce_tables
    assert balanced.quality.fair_level == balanced.quality.fair_level_bound >= 5


def test_scarce_tables_total_within_one_percent_of_best_total_at_that_level(scarce_tables):
    event, balanced, _ = scarce_tables
    best = best_fractional_total(event, balanced.quality.fair_level)
    assert balanced.quality.total_score >= 0.99 * best


def best_fractional_total(event: Event, level: int) -> float:
    """The LP bound on the total of any schedule at `level` (every allowed pair)."""
    problem = build_problem(event, k=len(event.attendees))
    u, v, w, n = problem.u, problem.v, problem.w, problem.n
    incidence = sp.csr_matrix((np.ones(2 * len(w)), (np.concatenate([u, v]),
                               np.tile(np.arange(len(w)), 2))), shape=(n, len(w)))
    need = targets(problem, entitlements(problem), level)
    rows = sp.vstack([incidence, -incidence, sp.csr_matrix(np.ones((1, len(w))))])
    upper = np.concatenate([problem.capacity, -need, [problem.tables_free.sum()]])
    result = linprog(-w.astype(float), A_ub=rows.tocsr(), b_ub=upper, bounds=(0, 1))
    return -result.fun


def test_enough_tables_balanced_no_worse_than_best_total():
    event, _ = event_from_rows(generate_attendees(200, seed=3), slots=10, tables=100)
    balanced, total = schedule(event).quality, schedule(replace(event, policy="total")).quality
    assert balanced.min_meetings >= total.min_meetings
    assert balanced.fair_level >= total.fair_level
    assert balanced.ratio >= total.ratio - 0.002


def two_slot_event(**fields) -> Event:
    people = (attendee(1, org_type="sme"), attendee(2, org_type="large"),
              attendee(3, org_type="startup"), attendee(4, org_type="research", **fields))
    return Event(people, slots=2, tables=1)


def test_certificate_histogram_counts_every_attendee_taking_part():
    quality = schedule(two_slot_event()).quality
    assert sum(quality.meetings_histogram) == quality.attendees_considered == 4
    assert quality.meetings_histogram == (0, 4)


def test_attendee_below_level_because_tables_ran_out_says_so():
    quality = schedule(two_slot_event()).quality
    assert (quality.fair_level, quality.fair_level_bound) == (1, 1)
    assert quality.below_fair_level == ()


def test_attendee_whose_maximum_holds_them_below_the_level_is_listed_with_own_limits():
    skills = frozenset({"skills"})
    people = tuple(attendee(i, themes=skills, max_meetings=1 if i == 1 else None)
                   for i in range(1, 5))
    quality = schedule(Event(people, slots=3, tables=4)).quality
    assert quality.fair_level == quality.fair_level_bound == 2
    assert [(s.attendee_id, s.reason) for s in quality.below_fair_level] == [(1, "own_limits")]


def test_attendees_left_without_table_are_listed_with_tables_full():
    people = tuple(attendee(i, org_type="sme" if i % 2 else "large") for i in range(1, 7))
    quality = schedule(Event(people, slots=1, tables=2)).quality
    assert quality.fair_level == 0 and quality.fair_level_bound == 0
    assert quality.zero_meetings == 2


def test_certificate_counts_cross_cluster_meetings_and_cluster_manager_pairs():
    themes = frozenset({"cluster_management"})
    people = (
        attendee(1, org_type="cluster", organisation="Photonik BW", themes=themes),
        attendee(2, org_type="cluster", organisation="Cluster Leichtbau Nord", themes=themes),
        attendee(3, org_type="sme", cluster="Photonik BW"),
        attendee(4, org_type="large"),
    )
    result = schedule(Event(people, slots=1, tables=2, weights=Weights(same_cluster=0)))
    assert {m.meeting.pair for m in result.meetings} == {(1, 2), (3, 4)}
    assert result.quality.cluster_manager_pairs == 1
    assert result.quality.cross_cluster_share == 0.5


def test_same_cluster_penalty_steers_towards_other_clusters():
    people = (attendee(1, org_type="sme", cluster="Photonik BW"),
              attendee(2, org_type="large", cluster="Photonik BW"),
              attendee(3, org_type="large", cluster="Cluster Leichtbau Nord"))
    result = schedule(Event(people, slots=1, tables=1))
    assert [m.meeting.pair for m in result.meetings] == [(1, 3)]


def test_locked_meetings_count_towards_the_level():
    people = (attendee(1, org_type="sme"), attendee(2, org_type="large"),
              attendee(3, org_type="large"))
    event = Event(people, slots=2, tables=1, locked=(Meeting((1, 2), 1, 1),))
    quality = schedule(event).quality
    assert quality.fair_level == quality.fair_level_bound == 2
    assert quality.total_score == 2 * Weights().complementary_org_types
