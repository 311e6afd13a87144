"""Fairness: who could have a meeting, a last repair for those still without, and why not.

An attendee is *coverable* when they may take further meetings and have at least one
candidate partner (positive score, both may meet, a common free slot). The engine aims
to give every coverable attendee at least one meeting before it maximises the total.
"""

from __future__ import annotations

import numpy as np

from matchmaker.matching.model import Unmatched
from matchmaker.matching.plan import Plan
from matchmaker.matching.problem import Problem


def coverable(problem: Problem) -> np.ndarray:
    degree = np.bincount(problem.u, minlength=problem.n) + np.bincount(
        problem.v, minlength=problem.n
    )
    return (problem.capacity > 0) & (degree > 0)


def repair(plan: Plan, can_cover: np.ndarray) -> None:
    """Give each coverable attendee still without a meeting one, at the smallest loss.

    A move meets partner j in slot s. j's meeting in s moves to another slot where both
    of its attendees are open, or else it is dropped (or, if j is full, j's cheapest other
    meeting is), but only if that meeting's other attendee keeps a meeting or gets a new
    one in its place (a short augmenting path).
    """
    p = plan.problem
    for node in np.nonzero(can_cover & ~plan.covered())[0]:
        best = None
        for edge in np.nonzero((p.u == node) | (p.v == node))[0]:
            if plan.slot_of[edge]:
                continue
            partner = plan.other(int(edge), int(node))
            for slot in range(1, p.slots + 1):
                move = _move(plan, int(node), partner, int(edge), slot, can_cover)
                if move is not None and (best is None or move[0] > best[0]):
                    best = move
        if best is not None:
            _apply(plan, *best[1:])


def _apply(
    plan: Plan, edge: int, slot: int, dropped: list[int], moved: tuple[int, int] | None,
    replacements: list[tuple[int, int]] = (),
) -> None:
    for old in dropped:
        plan.remove(old)
    if moved is not None:
        plan.remove(moved[0])
        plan.add(*moved)
    plan.add(edge, slot)
    for new in replacements:
        plan.add(*new)


def _move(plan: Plan, node: int, partner: int, edge: int, slot: int, can_cover: np.ndarray):
    p = plan.problem
    if not (p.free[node, slot - 1] and p.free[partner, slot - 1]):
        return None
    if plan.busy[node, slot - 1] >= 0 or plan.count[node] >= p.capacity[node]:
        return None
    dropped = []
    clash = int(plan.busy[partner, slot - 1])
    if clash >= 0 and plan.count[partner] < p.capacity[partner]:
        target = _relocation(plan, clash)
        if target is not None:
            return int(p.w[edge]), edge, slot, [], (clash, target)
    if clash >= 0:
        dropped.append(clash)
    elif plan.used_tables[slot - 1] >= p.tables_free[slot - 1]:
        return None
    if plan.count[partner] - len(dropped) >= p.capacity[partner]:
        others = [int(e) for e in plan.busy[partner] if e >= 0 and e != clash]
        if not others:
            return None
        dropped.append(min(others, key=lambda e: (_cost(plan, e), e)))
    replacements = []
    for old in dropped:
        if not _droppable(plan, old, partner, can_cover):
            found = _replacement(plan, plan.other(old, partner), old, (node, partner))
            if found is None or replacements:  # one replacement at most: no double booking
                return None
            replacements.append(found)
    gain = int(p.w[edge]) - sum(_cost(plan, e) for e in dropped)
    gain += sum(int(p.w[e]) for e, _ in replacements)
    return gain, edge, slot, dropped, None, replacements


def _replacement(
    plan: Plan, node: int, dropped: int, taken: tuple[int, int]
) -> tuple[int, int] | None:
    """The best new (edge, slot) for `node`, who loses meeting `dropped`; its partner must
    be open in that slot, below capacity and not one of the two attendees in `taken`."""
    p = plan.problem
    lost_slot = int(plan.slot_of[dropped])
    node_open = plan.open_in(node)
    node_open[lost_slot - 1] = bool(p.free[node, lost_slot - 1])
    best = None
    for edge in np.nonzero(((p.u == node) | (p.v == node)) & (plan.slot_of == 0))[0]:
        other = plan.other(int(edge), node)
        if other in taken or plan.count[other] >= p.capacity[other]:
            continue
        fits = node_open & plan.open_in(other) & (plan.used_tables < p.tables_free)
        slots = np.flatnonzero(fits)
        if len(slots) and (best is None or p.w[edge] > p.w[best[0]]):
            best = (int(edge), int(slots[0]) + 1)
    return best


def _relocation(plan: Plan, edge: int) -> int | None:
    """The first other slot where the (movable) meeting `edge` fits, if any."""
    p = plan.problem
    if plan.fixed[edge]:
        return None
    fits = plan.open_in(p.u[edge]) & plan.open_in(p.v[edge]) & (plan.used_tables < p.tables_free)
    slots = np.flatnonzero(fits)
    return int(slots[0]) + 1 if len(slots) else None


def _cost(plan: Plan, edge: int) -> int:
    """Dropping a pinned (previous) meeting costs far more than any score."""
    penalty = int(plan.problem.w.sum()) + 1 if plan.fixed[edge] else 0
    return int(plan.problem.w[edge]) + penalty


def _droppable(plan: Plan, edge: int, partner: int, can_cover: np.ndarray) -> bool:
    p = plan.problem
    other = int(p.v[edge] if p.u[edge] == partner else p.u[edge])
    return not can_cover[other] or plan.count[other] + p.locked_count[other] >= 2


def unmatched(problem: Problem, meetings_per_position: np.ndarray) -> list[Unmatched]:
    """Every attendee without any meeting (locked ones included) and the reason code."""
    can_cover = coverable(problem)
    result = []
    people = sorted(problem.event.attendees, key=lambda a: a.id)
    for p, a in enumerate(people):
        if meetings_per_position[p] > 0:
            continue
        if not a.consent:
            code = "no_consent"
        elif not a.wants_meetings:
            code = "does_not_want_meetings"
        elif a.max_meetings == 0:
            code = "max_meetings_zero"
        elif not problem.free[p].any():
            code = "no_availability"
        elif not can_cover[p]:
            code = "no_compatible_partner"
        else:
            code = "partners_fully_booked"
        result.append(Unmatched(a.id, code))
    return result
