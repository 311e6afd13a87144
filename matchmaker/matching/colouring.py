"""Put chosen meetings into slots: a list edge-colouring of the chosen pairs.

Each slot is a colour; a pair may take a slot only if both attendees are available and
not yet busy in it, and the slot still has a table. Pairs are placed first-fit in the
given order; a pair that finds no common open slot tries a Kempe-chain swap: with slot
alpha open at one end and beta open at the other, the alternating alpha/beta path from
the other end swaps its two slots, which frees alpha there. A swap is only made when
every moved meeting stays available and within the tables, so the plan stays feasible.
"""

from __future__ import annotations

import numpy as np

from matchmaker.matching.plan import Plan

MAX_PATH = 40  # alternating paths are short in practice; this caps the work per pair


def assign(plan: Plan, edges: np.ndarray) -> list[int]:
    """Place each edge (in order) unless an attendee is full; return the edges left out."""
    left = []
    for edge in edges.tolist():
        if plan.slot_of[edge] or not plan.has_room(edge):
            continue
        if not (_first_fit(plan, edge) or _kempe(plan, edge)):
            left.append(edge)
    return left


def _tables_left(plan: Plan) -> np.ndarray:
    return plan.used_tables < plan.problem.tables_free


def _first_fit(plan: Plan, edge: int) -> bool:
    p = plan.problem
    common = plan.open_in(p.u[edge]) & plan.open_in(p.v[edge]) & _tables_left(plan)
    slots = np.flatnonzero(common)
    if len(slots):
        plan.add(edge, int(slots[0]) + 1)
    return bool(len(slots))


def _kempe(plan: Plan, edge: int) -> bool:
    """Free a slot for `edge` by swapping two slots along an alternating path."""
    p = plan.problem
    for start, end in ((int(p.u[edge]), int(p.v[edge])), (int(p.v[edge]), int(p.u[edge]))):
        alphas = np.flatnonzero(plan.open_in(end) & p.free[start])
        betas = np.flatnonzero(plan.open_in(start))
        for alpha in alphas.tolist():
            for beta in betas.tolist():
                path = _path(plan, start, alpha, beta, end)
                if path is not None and _swappable(plan, path, alpha, beta):
                    _swap(plan, path, alpha, beta)
                    plan.add(edge, alpha + 1)
                    return True
    return False


def _path(plan: Plan, node: int, alpha: int, beta: int, avoid: int) -> list[int] | None:
    """The alternating alpha/beta path from `node` (None if too long or it reaches `avoid`)."""
    path: list[int] = []
    slot = alpha
    while (edge := int(plan.busy[node, slot])) >= 0:
        path.append(edge)
        node = plan.other(edge, node)
        if node == avoid or len(path) > MAX_PATH:
            return None
        slot = beta if slot == alpha else alpha
    return path


def _swappable(plan: Plan, path: list[int], alpha: int, beta: int) -> bool:
    p = plan.problem
    moves = 0
    for edge in path:
        target = beta if plan.slot_of[edge] - 1 == alpha else alpha
        if plan.fixed[edge] or not (p.free[p.u[edge], target] and p.free[p.v[edge], target]):
            return False
        moves += 1 if target == alpha else -1
    room = p.tables_free - plan.used_tables
    return room[alpha] >= moves + 1 and room[beta] >= -moves


def _swap(plan: Plan, path: list[int], alpha: int, beta: int) -> None:
    targets = [beta if plan.slot_of[e] - 1 == alpha else alpha for e in path]
    for edge in path:
        plan.remove(edge)
    for edge, target in zip(path, targets, strict=True):
        plan.add(edge, target + 1)
