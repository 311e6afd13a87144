"""The quality certificate: total, a provable upper bound on the best total, and fairness figures.

Why the bound is valid
----------------------
Locked meetings are fixed, so the best total is (their score) + (best total of the
residual problem). Take any feasible schedule and let x_e = 1 if the pair e meets in it
(outside the locked meetings). Then x is a 0/1 vector over the *allowed* pairs (both may
meet, not the same organisation, not blocked, not already locked, and - pair-level slot
feasibility - at least one slot free for both), with
    sum_{e at i} x_e <= cap_i   (cap_i = min(max_meetings_i, free slots_i) - locked_i)
    sum_e x_e <= T              (T = free tables summed over all slots)
So the score of its meetings is at most the optimum of the LP relaxation
    max w.x  s.t. those rows, 0 <= x <= 1,
whose dual is
    min sum_i cap_i y_i + T t + sum_e z_e   s.t. y_i + y_j + t + z_e >= w_e, y, t, z >= 0.
By weak duality *any* dual-feasible (y, t, z) bounds the schedule's score. We solve the LP
on the candidate graph with HiGHS (extended by the most violated other pairs for up to two
rounds), keep its y and t (clipped at 0), and then set z_e = max(0, w_e - y_i - y_j - t)
for *every* allowed pair of the full problem, computed in numpy row blocks. This point is
dual feasible by construction, whatever the LP solver's tolerances, so its value is a
valid upper bound for the full problem, not only for the candidate graph. Because the
total is an integer, the bound is rounded down (after a small float guard).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from scipy.optimize import linprog

from matchmaker.matching.model import Quality, ScoredMeeting
from matchmaker.matching.problem import Problem
from matchmaker.matching.scoring import is_complementary

MAX_ROUNDS = 2
MIN_OUTSIDE = 0.0005
SMALL_EVENT = 600
ADD_PER_ROW = 10


@dataclass(frozen=True)
class LpSolution:
    """Primal x (per candidate edge) and duals y (per attendee), t (tables) of the LP."""

    x: np.ndarray
    y: np.ndarray
    t: float

    def pool(self, problem: Problem) -> np.ndarray:
        """Edges the LP uses or finds worth using (reduced cost >= 0): the matching pool.

        Small events match on all candidate edges (fast enough, slightly better).
        """
        if problem.n <= SMALL_EVENT:
            return np.ones(len(problem.w), dtype=bool)
        reduced = problem.w - self.y[problem.u] - self.y[problem.v] - self.t
        return (self.x > 1e-6) | (reduced >= -1e-6)


def solve_lp(problem: Problem, edges: tuple[np.ndarray, ...] | None = None) -> LpSolution:
    """The LP relaxation on the candidate edges (or `edges` = (u, v, w))."""
    u, v, w = edges or (problem.u, problem.v, problem.w)
    if len(w) == 0:
        return LpSolution(np.zeros(0), np.zeros(problem.n), 0.0)
    return _lp(problem, u, v, w)


def upper_bound(problem: Problem, first: LpSolution | None = None,
                rounds: int = MAX_ROUNDS) -> int:
    """An upper bound on the best score of the meetings not locked (see module docstring)."""
    if problem.n == 0 or len(problem.w) == 0:
        return 0
    u, v, w = problem.u, problem.v, problem.w
    for round_number in range(rounds + 1):
        lp = first if round_number == 0 and first is not None else solve_lp(problem, (u, v, w))
        y, t = lp.y, lp.t
        value, violated = _dual_value(problem, y, t, collect=round_number < rounds)
        if not len(violated[0]):
            break
        u, v, w = _merge((u, v, w), violated, problem.n)
    return math.floor(value + 1e-7 * max(1.0, value))


def _lp(problem: Problem, u, v, w) -> LpSolution:
    n, edges = problem.n, len(w)
    incidence = sp.csr_matrix(
        (np.ones(2 * edges), (np.concatenate([u, v]), np.tile(np.arange(edges), 2))),
        shape=(n, edges),
    )
    tables = float(problem.tables_free.sum())
    table_row = tables < problem.capacity.sum() / 2
    rows = sp.vstack([incidence, sp.csr_matrix(np.ones((1, edges)))]) if table_row else incidence
    upper = np.concatenate([problem.capacity, [tables] if table_row else []]).astype(float)
    result = linprog(-w.astype(float), A_ub=rows.tocsr(), b_ub=upper, bounds=(0, 1),
                     method="highs")
    if result.status != 0:
        return LpSolution(np.zeros(edges), np.zeros(n), 0.0)
    duals = np.maximum(0.0, -result.ineqlin.marginals)
    return LpSolution(result.x, duals[:n], float(duals[n]) if table_row else 0.0)


def _dual_value(problem: Problem, y: np.ndarray, t: float, collect: bool):
    """sum cap*y + T*t + sum over all allowed pairs of max(0, w - y_i - y_j - t).

    With `collect`, also return the most violated pairs outside the candidate graph, unless
    their total violation is below MIN_OUTSIDE of the value (not worth another LP).
    """
    value = float(problem.capacity @ y) + float(problem.tables_free.sum()) * t
    candidates = _candidate_matrix(problem)
    found: list[tuple[np.ndarray, ...]] = []
    outside = 0.0
    for start, scores in problem.matrix.blocks():
        rows = np.arange(start, start + scores.shape[0])
        slack = scores - y[rows, None] - y[None, :] - t
        slack[(scores <= 0) | (np.arange(problem.n)[None, :] <= rows[:, None])] = 0
        slack = np.maximum(slack, 0.0)
        value += float(slack.sum())
        slack[candidates[start:start + len(rows)].toarray()] = 0
        outside += float(slack.sum())
        if collect:
            found.append(_most_violated(start, scores, slack))
    if outside < MIN_OUTSIDE * value:
        found = []
    return value, _stack(found)


def _candidate_matrix(problem: Problem) -> sp.csr_matrix:
    n, edges = problem.n, len(problem.w)
    ones = np.ones(2 * edges, dtype=bool)
    rows, cols = np.concatenate([problem.u, problem.v]), np.concatenate([problem.v, problem.u])
    return sp.csr_matrix((ones, (rows, cols)), shape=(n, n))


def _most_violated(start: int, scores: np.ndarray, slack: np.ndarray) -> tuple[np.ndarray, ...]:
    """Each row's ADD_PER_ROW most violated pairs (slack of candidates already zeroed)."""
    width = min(ADD_PER_ROW, slack.shape[1])
    cols = np.argsort(-slack, axis=1, kind="stable")[:, :width]
    rows = np.repeat(np.arange(slack.shape[0]), width)
    cols = cols.ravel()
    keep = slack[rows, cols] > 1e-9
    rows, cols = rows[keep], cols[keep]
    return rows + start, cols, scores[rows, cols]


def _stack(parts) -> tuple[np.ndarray, ...]:
    if not parts:
        return (np.zeros(0, dtype=np.int64),) * 3
    return tuple(np.concatenate([p[i] for p in parts]).astype(np.int64) for i in range(3))


def _merge(edges, extra, n) -> tuple[np.ndarray, ...]:
    u, v, w = (np.concatenate([a, b]) for a, b in zip(edges, extra))
    keys, first = np.unique(u * n + v, return_index=True)
    return u[first], v[first], w[first]


def certificate(
    problem: Problem, meetings: Sequence[ScoredMeeting], residual_bound: int, method: str
) -> Quality:
    """Figures of a finished schedule against the bound."""
    event = problem.event
    total = sum(m.score for m in meetings)
    bound = sum(m.score for m in meetings if m.locked) + residual_bound
    people = {a.id: a for a in event.attendees}
    considered = [a.id for a in event.attendees if a.consent and a.wants_meetings]
    per_person = {i: 0 for i in considered}
    for m in meetings:
        for i in m.meeting.pair:
            if i in per_person:
                per_person[i] += 1
    counts = list(per_person.values()) or [0]
    requested = _must_meet_pairs(event.attendees)
    met = {m.meeting.pair for m in meetings}
    return Quality(
        total_score=total,
        upper_bound=bound,
        ratio=round(total / bound, 4) if bound > 0 else 1.0,
        meetings=len(meetings),
        attendees_considered=len(considered),
        min_meetings=min(counts),
        mean_meetings=round(sum(counts) / len(counts), 2),
        zero_meetings=sum(1 for c in counts if c == 0) if considered else 0,
        cross_industry_share=_share(meetings, lambda a, b: a.industry != b.industry, people),
        complementary_share=_share(meetings, _complementary, people),
        must_meet_requested=len(requested),
        must_meet_honoured=len(requested & met),
        candidate_edges=len(problem.w),
        method=method,
    )


def _complementary(a, b) -> bool:
    return is_complementary(a.org_type, b.org_type)


def _share(meetings: Sequence[ScoredMeeting], test, people) -> float:
    if not meetings:
        return 0.0
    hits = sum(1 for m in meetings if test(people[m.meeting.pair[0]], people[m.meeting.pair[1]]))
    return round(hits / len(meetings), 4)


def _must_meet_pairs(attendees) -> set[tuple[int, int]]:
    ids = {a.id for a in attendees}
    return {
        (min(a.id, other), max(a.id, other))
        for a in attendees for other in a.must_meet if other in ids and other != a.id
    }
