"""Fairness: who could have a meeting, a last repair for those below their need, and why not.

An attendee is *coverable* when they may take further meetings and have at least one
candidate partner (positive score, both may meet, a common free slot). Under the
best-total policy the engine gives every coverable attendee one meeting before it
maximises the total; under the balanced policy each attendee's need is their share of
the target level (`shares.py`).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from matchmaker.matching.model import Attendee, Unmatched
from matchmaker.matching.plan import Plan
from matchmaker.matching.problem import Problem


def coverable(problem: Problem) -> np.ndarray:
    degree = np.bincount(problem.u, minlength=problem.n) + np.bincount(
        problem.v, minlength=problem.n
    )
    return (problem.capacity > 0) & (degree > 0)


def coverage_need(problem: Problem) -> np.ndarray:
    """The best-total policy's need: one meeting for every coverable attendee without one."""
    return (coverable(problem) & (problem.locked_count == 0)).astype(np.int64)


def repair(plan: Plan, need: np.ndarray) -> None:
    """Raise each attendee below their `need` by one meeting at a time, at the smallest
    loss, the most deprived first; repeat while moves help.

    A move meets partner j in slot s. j's meeting in s moves to another slot where both
    of its attendees are open, or else it is dropped (or, if j is full, j's cheapest other
    meeting is; if the slot has no free table, its cheapest meeting is), but only if the
    attendees losing a meeting keep at least what the raised attendee then has or their
    own need (else the other attendee gets a new meeting in its place: a short augmenting
    path). A pinned meeting (re-planning) only gives way to an attendee without any
    meeting, so that raising the level never undoes the previous plan.
    """
    p = plan.problem
    for _ in range(int(need.max(initial=0))):
        short = np.nonzero(plan.count < need)[0]
        order = short[np.argsort(plan.count[short] + p.locked_count[short], kind="stable")]
        raised = [node for node in order.tolist()
                  if plan.count[node] < need[node] and _raise(plan, node, need)]
        if not raised:
            return


def _raise(plan: Plan, node: int, need: np.ndarray) -> bool:
    p = plan.problem
    floor = _floor(plan, node, need)
    pinned_ok = bool(plan.count[node] + p.locked_count[node] == 0)
    spares = _table_spares(plan, floor, pinned_ok)
    found: dict[tuple[int, int, int], tuple[int, int] | None] = {}
    best = None
    node_open = plan.open_in(node)
    for edge in p.incident[node][plan.slot_of[p.incident[node]] == 0].tolist():
        partner = plan.other(edge, node)
        for slot in (np.flatnonzero(node_open & p.free[partner]) + 1).tolist():
            move = _move(plan, node, partner, edge, slot, floor, spares, found, pinned_ok)
            if move is not None and (best is None or move[0] > best[0]):
                best = move
    if best is not None:
        _apply(plan, *best[1:])
    return best is not None


def _floor(plan: Plan, node: int, need: np.ndarray) -> np.ndarray:
    """(n,) meetings (locked included) each attendee must keep when `node` gains one."""
    p = plan.problem
    after = plan.count[node] + p.locked_count[node] + 1
    return np.minimum(need + p.locked_count, after)


def _table_spares(plan: Plan, floor: np.ndarray, pinned_ok: bool) -> dict[int, int]:
    """Per slot without a free table: its cheapest meeting both attendees can give up."""
    p = plan.problem
    have = plan.count + p.locked_count
    spare = have - 1 >= floor
    edges = plan.scheduled()
    edges = edges[spare[p.u[edges]] & spare[p.v[edges]] & (pinned_ok | ~plan.fixed[edges])]
    full = plan.used_tables >= p.tables_free
    edges = edges[full[plan.slot_of[edges] - 1]]
    costs = p.w[edges] + np.where(plan.fixed[edges], int(p.w.sum()) + 1, 0)  # as `_cost`
    edges = edges[np.lexsort((edges, costs))]
    slots, first = np.unique(plan.slot_of[edges], return_index=True)
    return dict(zip(slots.tolist(), edges[first].tolist(), strict=True))


def _apply(
    plan: Plan, edge: int, slot: int, dropped: list[int], moved: tuple[int, int] | None,
    replacements: Sequence[tuple[int, int]] = (),
) -> None:
    for old in dropped:
        plan.remove(old)
    if moved is not None:
        plan.remove(moved[0])
        plan.add(*moved)
    plan.add(edge, slot)
    for new in replacements:
        plan.add(*new)


def _move(plan: Plan, node: int, partner: int, edge: int, slot: int, floor: np.ndarray,
          spares: dict[int, int], found: dict, pinned_ok: bool):
    """The best way to add `edge` in `slot` (gain first), or None; `found` caches
    replacements, which depend on the plan, the loser, its lost meeting and `partner`."""
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
    spare = None
    if clash >= 0:
        dropped.append(clash)
    elif plan.used_tables[slot - 1] >= p.tables_free[slot - 1]:
        spare = spares.get(slot)
        if spare is None:
            return None
    if plan.count[partner] - len(dropped) >= p.capacity[partner]:
        others = [int(e) for e in plan.busy[partner] if e >= 0 and e != clash]
        if not others:
            return None
        dropped.append(min(others, key=lambda e: (_cost(plan, e), e)))
    if not pinned_ok and plan.fixed[dropped].any():
        return None
    replacements: list[tuple[int, int]] = []
    for old in dropped:
        loser = plan.other(old, partner)
        if plan.count[loser] + p.locked_count[loser] - 1 < floor[loser]:
            key = (loser, old, partner)
            if key not in found:
                found[key] = _replacement(plan, loser, old, (node, partner))
            if found[key] is None or replacements:  # one at most: no double booking
                return None
            replacements.append(found[key])
    gain = int(p.w[edge]) - sum(_cost(plan, e) for e in dropped)
    gain += sum(int(p.w[e]) for e, _ in replacements)
    if spare is not None:
        gain -= _cost(plan, spare)
        dropped.append(spare)
    if replacements and not _tables_suffice(plan, slot, dropped, replacements):
        return None
    return gain, edge, slot, dropped, None, replacements


def _tables_suffice(plan: Plan, slot: int, dropped: list[int],
                    replacements: list[tuple[int, int]]) -> bool:
    """Whether each slot still has a table per meeting after the move. A replacement is
    chosen among the tables free before it, so it may take the one the new meeting in
    `slot` needs."""
    used = plan.used_tables.copy()
    for old in dropped:
        used[plan.slot_of[old] - 1] -= 1
    used[slot - 1] += 1
    for _, new_slot in replacements:
        used[new_slot - 1] += 1
    return bool((used <= plan.problem.tables_free).all())


def _replacement(
    plan: Plan, node: int, dropped: int, taken: tuple[int, int]
) -> tuple[int, int] | None:
    """The best new (edge, slot) for `node`, who loses meeting `dropped`; its partner must
    be open in that slot, below capacity and not one of the two attendees in `taken`."""
    p = plan.problem
    lost_slot = int(plan.slot_of[dropped])
    node_open = plan.open_in(node)
    node_open[lost_slot - 1] = bool(p.free[node, lost_slot - 1])
    edges = p.incident[node]
    edges = edges[plan.slot_of[edges] == 0]
    others = np.where(p.u[edges] == node, p.v[edges], p.u[edges])
    open_others = p.free[others] & (plan.busy[others] < 0)
    fits = node_open[None, :] & open_others & (plan.used_tables < p.tables_free)[None, :]
    ok = (plan.count[others] < p.capacity[others]) & (others != taken[0]) & (others != taken[1]) & fits.any(axis=1)
    if not ok.any():
        return None
    best = int(np.argmax(np.where(ok, p.w[edges], np.iinfo(np.int64).min)))
    return int(edges[best]), int(np.argmax(fits[best])) + 1


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
            code = "in_sessions" if in_sessions_only(a, problem.event.slots) else "no_availability"
        elif not can_cover[p]:
            code = "no_compatible_partner"
        else:
            code = "partners_fully_booked"
        result.append(Unmatched(a.id, code))
    return result


def in_sessions_only(attendee: Attendee, slots: int) -> bool:
    """Whether the chosen sessions, not the attendee's own unavailability, took the last slot."""
    return len(attendee.unavailable_slots & set(range(1, slots + 1))) < slots \
        and bool(attendee.session_slots)
