"""Exact schedule for small events: an integer programme over (pair, slot) variables.

The optimum the engine aims for, stated precisely: among all schedules that satisfy the
hard constraints,
- best total (`solve_exact`): first maximise the number of coverable attendees with at
  least one meeting, then the total score. Solved with HiGHS via `scipy.milp`: first the
  score alone; only if that leaves a coverable attendee without a meeting, a coverage
  phase and a score phase with the coverage fixed;
- balanced (`solve_balanced`): first maximise the level (`shares.py`: everybody gets at
  least min(level, what they can have)), then the total score at that level: the best
  total with the level's lower bounds, trying levels from the provable bound down. If no
  level of at least 1 is feasible, the best-total optimum (coverage first) is the answer.
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp
from scipy.optimize import Bounds, LinearConstraint, milp

from matchmaker.matching.problem import Problem
from matchmaker.matching.shares import targets

INFEASIBLE = 2  # scipy.optimize.milp status

MAX_VARIABLES = 3000
TIME_LIMIT = 10.0


def variables(problem: Problem) -> tuple[np.ndarray, np.ndarray]:
    """(edge, slot index) of every pair-slot combination both attendees have free."""
    both = problem.free[problem.u] & problem.free[problem.v]
    edge, slot = np.nonzero(both)
    return edge, slot


def solve_exact(problem: Problem, can_cover: np.ndarray) -> dict[int, int] | None:
    """Optimal {edge: slot number}; None if HiGHS does not prove optimality in time."""
    edges, slots = variables(problem)
    if len(edges) == 0:
        return {}
    rows = _constraints(problem, edges, slots)
    x = _solve(-problem.w[edges].astype(float), rows, integral=len(edges))
    if x is None:
        return None
    chosen = x[: len(edges)] > 0.5
    if not _uncovered(problem, edges[chosen], can_cover).any():
        return dict(zip(edges[chosen].tolist(), (slots[chosen] + 1).tolist(), strict=True))
    return _solve_fair(problem, edges, slots, rows, can_cover)


def solve_balanced(
    problem: Problem, can_cover: np.ndarray, entitlement: np.ndarray, bound: int
) -> dict[int, int] | None:
    """Optimal balanced {edge: slot number}; None if HiGHS does not prove it in time."""
    edges, slots = variables(problem)
    if len(edges) == 0:
        return {}
    rows = _constraints(problem, edges, slots)
    ends = np.concatenate([problem.u[edges], problem.v[edges]])
    degree = _rows(ends, np.tile(np.arange(len(edges)), 2), problem.n, len(edges))
    goal = -problem.w[edges].astype(float)
    for level in range(bound, 0, -1):
        floor = LinearConstraint(degree, targets(problem, entitlement, level), np.inf)
        result = _milp(goal, [rows, floor], len(edges))
        if result.status == INFEASIBLE:
            continue
        if result.status != 0 or result.x is None:
            return None
        chosen = np.round(result.x) > 0.5
        return dict(zip(edges[chosen].tolist(), (slots[chosen] + 1).tolist(), strict=True))
    return solve_exact(problem, can_cover)


def _solve_fair(problem, edges, slots, rows, can_cover) -> dict[int, int] | None:
    nodes = np.nonzero(can_cover & (problem.locked_count == 0))[0]
    link = _coverage_rows(problem, edges, nodes)
    size = len(edges) + len(nodes)
    cover_goal = np.concatenate([np.zeros(len(edges)), -np.ones(len(nodes))])
    constraints = [_widen(rows, len(nodes)), link]
    x = _solve(cover_goal, constraints, integral=size)
    if x is None:
        return None
    covered = int(round(x[len(edges):].sum()))
    at_least = LinearConstraint(sp.csr_matrix(-cover_goal[None, :]), covered, np.inf)
    score_goal = np.concatenate([-problem.w[edges].astype(float), np.zeros(len(nodes))])
    x = _solve(score_goal, constraints + [at_least], integral=size)
    if x is None:
        return None
    chosen = x[: len(edges)] > 0.5
    return dict(zip(edges[chosen].tolist(), (slots[chosen] + 1).tolist(), strict=True))


def _constraints(problem: Problem, edges: np.ndarray, slots: np.ndarray) -> LinearConstraint:
    """Rows: attendee per slot <= 1, attendee total <= capacity, pair <= 1, slot <= tables."""
    n, count = problem.n, len(edges)
    column = np.arange(count)
    a, b = problem.u[edges], problem.v[edges]
    blocks = [
        _rows(np.concatenate([a * problem.slots + slots, b * problem.slots + slots]),
              np.concatenate([column, column]), n * problem.slots, count),
        _rows(np.concatenate([a, b]), np.concatenate([column, column]), n, count),
        _rows(edges, column, len(problem.w), count),
        _rows(slots, column, problem.slots, count),
    ]
    upper = np.concatenate([
        np.ones(n * problem.slots), problem.capacity, np.ones(len(problem.w)),
        problem.tables_free,
    ]).astype(float)
    return LinearConstraint(sp.vstack(blocks).tocsr(), -np.inf, upper)


def _coverage_rows(problem: Problem, edges: np.ndarray, nodes: np.ndarray) -> LinearConstraint:
    """covered_i - (meetings of i) <= 0 for each coverable node i."""
    index = {int(node): k for k, node in enumerate(nodes)}
    rows, cols = [], []
    for column, edge in enumerate(edges):
        for node in (int(problem.u[edge]), int(problem.v[edge])):
            if node in index:
                rows.append(index[node])
                cols.append(column)
    meets = sp.csr_matrix(
        (np.ones(len(rows)), (rows, cols)), shape=(len(nodes), len(edges))
    )
    matrix = sp.hstack([-meets, sp.identity(len(nodes))]).tocsr()
    return LinearConstraint(matrix, -np.inf, 0)


def _rows(row: np.ndarray, col: np.ndarray, height: int, width: int) -> sp.csr_matrix:
    return sp.csr_matrix((np.ones(len(row)), (row, col)), shape=(height, width))


def _widen(rows: LinearConstraint, extra: int) -> LinearConstraint:
    matrix = sp.hstack([rows.A, sp.csr_matrix((rows.A.shape[0], extra))]).tocsr()
    return LinearConstraint(matrix, rows.lb, rows.ub)


def _uncovered(problem: Problem, edges: np.ndarray, can_cover: np.ndarray) -> np.ndarray:
    covered = problem.locked_count > 0
    covered[problem.u[edges]] = True
    covered[problem.v[edges]] = True
    return can_cover & ~covered


def _solve(goal: np.ndarray, constraints, integral: int) -> np.ndarray | None:
    result = _milp(goal, constraints, integral)
    if result.status != 0 or result.x is None:
        return None
    return np.round(result.x)


def _milp(goal: np.ndarray, constraints, integral: int):
    return milp(
        goal,
        integrality=np.ones(integral),
        bounds=Bounds(0, 1),
        constraints=constraints,
        options={"mip_rel_gap": 0.0, "time_limit": TIME_LIMIT},
    )
