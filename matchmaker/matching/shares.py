"""Fair shares: what each attendee can have, the level a schedule reaches, and its bound.

Attendees below the bound are reported with the first reason that applies: `own_limits`
(they have what their maximum and availability allow), `few_partners` (they meet every
possible partner), `partners_full` (every partner they do not meet is at their own
limit), `tables_full` (no table is free in any slot they have free), `partners_busy`
(the partners with room are busy whenever they are free).

An attendee's *entitlement* is the number of meetings (locked ones included) they could
have on their own terms: their limit (min(max_meetings, available slots)), at most one
per possible partner (may meet, positive score, a common free slot). A schedule reaches
*level* L when every attendee has at least min(L, entitlement) meetings; the balanced
policy first maximises the level, then the total score.

Why the level bound is valid: a schedule at level L gives attendee i at least
t_i = min(L, e_i) - locked_i further meetings. (1) Seats: slot s holds at most
min(free tables, floor(open attendees / 2)) further meetings, so sum_i t_i is at most
twice the seats summed over the slots. (2) Pairs: the schedule's pairs are a 0/1 vector x
over all allowed pairs with t_i <= sum_{e at i} x_e <= capacity_i and sum_e x_e <= seats,
so the LP relaxation of those rows (over every allowed pair, not only the candidates) is
feasible. The bound is the largest L passing both; (2) is only checked while the full
pair list is small (`LP_PAIRS`), otherwise (1) alone gives a weaker but valid bound. The
candidate pairs are tried first: if the LP is feasible on them, it is on all pairs.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import scipy.sparse as sp
from scipy.optimize import linprog

from matchmaker.matching.model import ScoredMeeting, Shortfall
from matchmaker.matching.problem import Problem

LP_PAIRS = 60_000


def partners(problem: Problem) -> np.ndarray:
    """(n,) number of possible further partners of each attendee (full residual problem)."""
    counts = np.zeros(problem.n, dtype=np.int64)
    for start, scores in problem.matrix.blocks():
        counts[start:start + len(scores)] = (scores > 0).sum(axis=1)
    return counts


def entitlements(problem: Problem) -> np.ndarray:
    """(n,) meetings each attendee could have on their own terms, locked ones included."""
    return problem.locked_count + np.minimum(problem.capacity, partners(problem))


def targets(problem: Problem, entitlement: np.ndarray, level: int) -> np.ndarray:
    """(n,) further meetings each attendee needs for the schedule to reach `level`."""
    return np.maximum(0, np.minimum(level, entitlement) - problem.locked_count)


def level_of(meetings: np.ndarray, entitlement: np.ndarray) -> int:
    """The level `meetings` (per attendee, locked included) reaches."""
    short = meetings < entitlement
    return int(meetings[short].min()) if short.any() else int(entitlement.max(initial=0))


def seats(problem: Problem) -> int:
    """Further meetings the slots can hold at most: tables, and attendees open in each."""
    open_per_slot = (problem.free & (problem.capacity > 0)[:, None]).sum(axis=0)
    return int(np.minimum(problem.tables_free, open_per_slot // 2).sum())


def level_bound(problem: Problem, entitlement: np.ndarray) -> int:
    """A provable upper bound on the level of any schedule (see the module docstring)."""
    if problem.n == 0:
        return 0
    top, total_seats = int(entitlement.max(initial=0)), seats(problem)
    level = top
    while level > 0 and targets(problem, entitlement, level).sum() > 2 * total_seats:
        level -= 1
    if problem.n * (problem.n - 1) // 2 > LP_PAIRS:
        return level
    pairs = _all_pairs(problem)
    while level > 0 and not (
        _fractional(problem, (problem.u, problem.v), entitlement, level, total_seats)
        or _fractional(problem, pairs, entitlement, level, total_seats)
    ):
        level -= 1
    return level


def _all_pairs(problem: Problem) -> tuple[np.ndarray, np.ndarray]:
    u, v = [], []
    for start, scores in problem.matrix.blocks():
        rows, cols = np.nonzero(scores > 0)
        upper = cols > rows + start
        u.append(rows[upper] + start)
        v.append(cols[upper])
    return np.concatenate(u), np.concatenate(v)


def _fractional(problem: Problem, pairs, entitlement: np.ndarray, level: int,
                total_seats: int) -> bool:
    """Is the LP relaxation at `level` feasible (degree bounds, seats) on all pairs?"""
    u, v = pairs
    need = targets(problem, entitlement, level)
    if len(u) == 0:
        return not need.any()
    edges = len(u)
    incidence = sp.csr_matrix(
        (np.ones(2 * edges), (np.concatenate([u, v]), np.tile(np.arange(edges), 2))),
        shape=(problem.n, edges),
    )
    rows = sp.vstack([incidence, -incidence, sp.csr_matrix(np.ones((1, edges)))]).tocsr()
    upper = np.concatenate([problem.capacity, -need, [total_seats]]).astype(float)
    result = linprog(np.zeros(edges), A_ub=rows, b_ub=upper, bounds=(0, 1), method="highs")
    return result.status == 0


def meetings_per_position(problem: Problem, meetings: Sequence[ScoredMeeting]) -> np.ndarray:
    """(n,) meetings of each attendee, locked ones included."""
    return np.bincount(_positions(problem, meetings).ravel(), minlength=problem.n)


def _positions(problem: Problem, meetings: Sequence[ScoredMeeting]) -> np.ndarray:
    """(meetings, 2) positions of each meeting's two attendees."""
    ids = np.array([m.meeting.pair for m in meetings], dtype=np.int64).reshape(-1, 2)
    return np.searchsorted(problem.matrix.ids, ids)


def shortfalls(
    problem: Problem, meetings: Sequence[ScoredMeeting], level: int
) -> tuple[Shortfall, ...]:
    """The attendees (taking part in matchmaking) with fewer than `level` meetings, and why."""
    pairs = _positions(problem, meetings)
    counts = np.bincount(pairs.ravel(), minlength=problem.n)
    slots = np.array([m.meeting.slot - 1 for m in meetings], dtype=np.int64)
    busy = np.zeros((problem.n, problem.slots), dtype=bool)
    busy[pairs[:, 0], slots] = busy[pairs[:, 1], slots] = True
    tables_used = np.bincount(slots, minlength=problem.slots)
    met: dict[int, list[int]] = {}
    for a, b in pairs.tolist():
        met.setdefault(a, []).append(b)
        met.setdefault(b, []).append(a)
    limit = problem.locked_count + problem.capacity
    tables_left = tables_used < problem.event.tables
    people = sorted(problem.event.attendees, key=lambda a: a.id)
    result = []
    for p, person in enumerate(people):
        if person.consent and person.wants_meetings and counts[p] < level:
            partner = problem.matrix.row(p) > 0
            partner[met.get(p, [])] = False
            unmet = np.flatnonzero(partner)  # as np.setdiff1d, without its sort
            open_slots = problem.free[p] & ~busy[p] & tables_left
            reason = _reason(counts, limit, p, unmet, open_slots)
            result.append(Shortfall(person.id, int(counts[p]), reason))
    return tuple(result)


def _reason(counts: np.ndarray, limit: np.ndarray, p: int, unmet: np.ndarray,
            open_slots: np.ndarray) -> str:
    if counts[p] >= limit[p]:
        return "own_limits"
    if len(unmet) == 0:
        return "few_partners"
    if not (counts[unmet] < limit[unmet]).any():
        return "partners_full"
    return "partners_busy" if open_slots.any() else "tables_full"
