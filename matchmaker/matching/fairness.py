"""Fairness: who could have a meeting, a last repair for those still without, and why not.

An attendee is *coverable* when they may take further meetings and have at least one
candidate partner (positive score, both may meet, a common free slot). The engine aims
to give every coverable attendee at least one meeting before it maximises the total.
"""

from __future__ import annotations

import numpy as np

from matchmaker.matching.heuristic import Plan
from matchmaker.matching.model import Unmatched
from matchmaker.matching.problem import Problem


def coverable(problem: Problem) -> np.ndarray:
    degree = np.bincount(problem.u, minlength=problem.n) + np.bincount(
        problem.v, minlength=problem.n
    )
    return (problem.capacity > 0) & (degree > 0)


def repair(plan: Plan, can_cover: np.ndarray) -> None:
    """Give each coverable attendee still without a meeting one, at the smallest loss.

    A move meets partner j in slot s; j's meeting in s (or, if j is full, j's cheapest
    other meeting) is dropped, but only if that partner keeps a meeting.
    """
    p = plan.problem
    for node in np.nonzero(can_cover & ~plan.covered())[0]:
        best = None
        for edge in np.nonzero((p.u == node) | (p.v == node))[0]:
            if plan.slot_of[edge]:
                continue
            partner = int(p.v[edge] if p.u[edge] == node else p.u[edge])
            for slot in range(1, p.slots + 1):
                move = _move(plan, int(node), partner, int(edge), slot, can_cover)
                if move is not None and (best is None or move[0] > best[0]):
                    best = move
        if best is not None:
            _, edge, slot, dropped = best
            for old in dropped:
                plan.remove(old)
            plan.add(edge, slot)


def _move(plan: Plan, node: int, partner: int, edge: int, slot: int, can_cover: np.ndarray):
    p = plan.problem
    if not (p.free[node, slot - 1] and p.free[partner, slot - 1]):
        return None
    if plan.busy[node, slot - 1] >= 0 or plan.count[node] >= p.capacity[node]:
        return None
    dropped = []
    clash = int(plan.busy[partner, slot - 1])
    if clash >= 0:
        dropped.append(clash)
    elif plan.used_tables[slot - 1] >= p.tables_free[slot - 1]:
        return None
    if plan.count[partner] - len(dropped) >= p.capacity[partner]:
        others = [int(e) for e in plan.busy[partner] if e >= 0 and e != clash]
        if not others:
            return None
        dropped.append(min(others, key=lambda e: (_cost(plan, e), e)))
    if any(not _droppable(plan, e, partner, can_cover) for e in dropped):
        return None
    return int(p.w[edge]) - sum(_cost(plan, e) for e in dropped), edge, slot, dropped


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
