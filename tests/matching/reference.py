"""An independent exact reference: one integer programme over every (pair, slot).

Written from the problem statement, not from the engine: all pairs with a positive score
are variables (no candidate graph), and the lexicographic goal (first the number of
attendees without a locked meeting who get a meeting, then the total score) is a single
objective with a weight M larger than any total. The balanced reference tries every
level from the highest entitlement down, with the level's lower bounds as rows.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp

from matchmaker.matching import Event, pair_score


@dataclass(frozen=True)
class Optimum:
    score: int  # score of the meetings that are not locked
    covered: int  # attendees without a locked meeting who get one


def optimum(event: Event, floors: dict[int, int] | None = None) -> Optimum | None:
    """The (coverage, score) optimum; with `floors`, each attendee gets at least that many
    further meetings (None if no schedule can)."""
    people = {a.id: a for a in event.attendees}
    locked_slots = {(i, m.slot) for m in event.locked for i in m.pair}
    locked_pairs = {m.pair for m in event.locked}
    variables = []  # (a, b, slot, score)
    for a in sorted(people):
        for b in sorted(people):
            score = pair_score(people[a], people[b], event.weights, event.blocked_pairs,
                               event.synonyms).score
            if a < b and score > 0 and (a, b) not in locked_pairs:
                for s in range(1, event.slots + 1):
                    if all(_open(people[i], s, locked_slots) for i in (a, b)):
                        variables.append((a, b, s, score))
    if not variables:
        return Optimum(0, 0) if not any((floors or {}).values()) else None
    return _solve(event, people, variables, floors or {})


def entitlements(event: Event) -> dict[int, int]:
    """Locked meetings plus min(capacity, partners with a positive score, room and a common
    open slot), per attendee."""
    people = {a.id: a for a in event.attendees}
    locked_slots = {(i, m.slot) for m in event.locked for i in m.pair}
    locked_pairs = {m.pair for m in event.locked}
    capacity = {i: _capacity(event, person) for i, person in people.items()}
    result = {}
    for i, person in people.items():
        partners = sum(
            1 for j, other in people.items()
            if j != i and capacity[j] > 0 and (min(i, j), max(i, j)) not in locked_pairs
            and pair_score(person, other, event.weights, event.blocked_pairs,
                           event.synonyms).score > 0
            and any(_open(person, s, locked_slots) and _open(other, s, locked_slots)
                    for s in range(1, event.slots + 1)))
        locked = sum(1 for m in event.locked if i in m.pair)
        result[i] = locked + min(capacity[i], partners)
    return result


def balanced_optimum(event: Event) -> tuple[int, int]:
    """(level, score of the meetings not locked) of the best balanced schedule."""
    wanted = entitlements(event)
    locked = {i: sum(1 for m in event.locked if i in m.pair) for i in wanted}
    for level in range(max(wanted.values(), default=0), 0, -1):
        floors = {i: max(0, min(level, e) - locked[i]) for i, e in wanted.items()}
        found = optimum(event, floors)
        if found is not None:
            return level, found.score
    return 0, optimum(event).score


def level_of(event: Event, meetings) -> int:
    """The level a schedule reaches: the fewest meetings among attendees below their
    entitlement (the highest entitlement if nobody is)."""
    wanted = entitlements(event)
    have = {i: sum(1 for m in meetings if i in m.meeting.pair) for i in wanted}
    short = [have[i] for i in wanted if have[i] < wanted[i]]
    return min(short) if short else max(wanted.values(), default=0)


def _open(person, slot, locked_slots) -> bool:
    return slot not in person.unavailable_slots and (person.id, slot) not in locked_slots


def _capacity(event: Event, person) -> int:
    if not (person.consent and person.wants_meetings):
        return 0
    available = event.slots - len({s for s in person.unavailable_slots if 1 <= s <= event.slots})
    wanted = min(event.slots if person.max_meetings is None else person.max_meetings, available)
    locked = sum(1 for m in event.locked if person.id in m.pair)
    free = sum(1 for s in range(1, event.slots + 1) if s not in person.unavailable_slots
               and not any(person.id in m.pair and m.slot == s for m in event.locked))
    return max(0, min(wanted - locked, free))


def _solve(event: Event, people, variables, floors: dict[int, int]) -> Optimum | None:
    with_locked = {i for m in event.locked for i in m.pair}
    coverable = sorted({i for a, b, _, _ in variables for i in (a, b)} - with_locked)
    nv, nc = len(variables), len(coverable)
    rows, upper = [], []

    def add(columns, bound):
        row = np.zeros(nv + nc)
        for column, value in columns:
            row[column] = value
        rows.append(row)
        upper.append(bound)

    for i in sorted(people):
        mine = [k for k, (a, b, _, _) in enumerate(variables) if i in (a, b)]
        add([(k, 1) for k in mine], _capacity(event, people[i]))
        for s in range(1, event.slots + 1):
            add([(k, 1) for k in mine if variables[k][2] == s], 1)
        if i in coverable:
            add([(k, -1) for k in mine] + [(nv + coverable.index(i), 1)], 0)
        if floors.get(i):
            add([(k, -1) for k in mine], -floors[i])
    for pair in {(a, b) for a, b, _, _ in variables}:
        add([(k, 1) for k, v in enumerate(variables) if v[:2] == pair], 1)
    for s in range(1, event.slots + 1):
        taken = sum(1 for m in event.locked if m.slot == s)
        add([(k, 1) for k, v in enumerate(variables) if v[2] == s], event.tables - taken)
    scores = np.array([v[3] for v in variables], dtype=float)
    big = scores.sum() + 1
    goal = -np.concatenate([scores, np.full(nc, big)])
    result = milp(goal, integrality=np.ones(nv + nc), bounds=Bounds(0, 1),
                  constraints=LinearConstraint(np.array(rows), -np.inf, np.array(upper)),
                  options={"mip_rel_gap": 0.0})
    if result.status == 2:
        return None
    x = np.round(result.x)
    return Optimum(int(scores @ x[:nv]), int(x[nv:].sum()))
