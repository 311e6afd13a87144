"""Slot-by-slot maximum-weight matching with slot re-optimisation (large events).

First every slot gets a maximum-weight matching of the attendees still free in it
(greedy over slots). Then, in rounds, each slot is emptied and matched again given all
other slots; that never lowers the total because the slot's old meetings are one of the
matchings considered. In those rounds, edges of attendees who would otherwise have no
meeting carry a bonus larger than any slot's total, so the matching covers them first
(fairness before score). The matching kernel is rustworkx's blossom algorithm (measured
~50-100x faster than networkx's on the same graphs).
"""

from __future__ import annotations

import time

import numpy as np
import rustworkx as rx

from matchmaker.matching.problem import Problem

MIN_ROUND_GAIN = 0.0005


class Plan:
    """Which candidate edge meets in which slot (0 = not scheduled); `fixed` edges stay."""

    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        edges = len(problem.w)
        self.slot_of = np.zeros(edges, dtype=np.int64)
        self.fixed = np.zeros(edges, dtype=bool)
        self.busy = np.full((problem.n, problem.slots), -1, dtype=np.int64)
        self.count = np.zeros(problem.n, dtype=np.int64)
        self.used_tables = np.zeros(problem.slots, dtype=np.int64)

    def add(self, edge: int, slot: int, fixed: bool = False) -> None:
        p = self.problem
        self.slot_of[edge], self.fixed[edge] = slot, fixed
        for node in (p.u[edge], p.v[edge]):
            self.busy[node, slot - 1] = edge
            self.count[node] += 1
        self.used_tables[slot - 1] += 1

    def remove(self, edge: int) -> None:
        p, slot = self.problem, int(self.slot_of[edge])
        for node in (p.u[edge], p.v[edge]):
            self.busy[node, slot - 1] = -1
            self.count[node] -= 1
        self.used_tables[slot - 1] -= 1
        self.slot_of[edge], self.fixed[edge] = 0, False

    def scheduled(self) -> np.ndarray:
        return np.nonzero(self.slot_of)[0]

    def total(self) -> int:
        return int(self.problem.w[self.slot_of > 0].sum())

    def covered(self) -> np.ndarray:
        return (self.count + self.problem.locked_count) > 0


def improve(
    plan: Plan, coverable: np.ndarray, pool: np.ndarray, time_limit: float, rounds: int = 6
) -> None:
    """Greedy slot-by-slot matching, then re-optimise slots while that helps or time allows.

    Each slot is matched on the `pool` edges first (those the LP relaxation uses), then the
    attendees still free in that slot are matched on all candidate edges. The pool keeps
    the blossom algorithm's graphs small: its time grows with nodes x edges.
    """
    started = time.perf_counter()
    for slot in range(1, plan.problem.slots + 1):
        _rematch(plan, slot, None, pool)
    for _ in range(rounds):
        before = plan.total()
        gained = 0
        for slot in range(1, plan.problem.slots + 1):
            gained += _rematch(plan, slot, coverable, pool)
            if time.perf_counter() - started > time_limit:
                return
        if gained == 0 or plan.total() - before < MIN_ROUND_GAIN * before:
            return


def _rematch(plan: Plan, slot: int, coverable: np.ndarray | None, pool: np.ndarray) -> int:
    """Replace the slot's movable meetings by the best matching; return the gain."""
    p = plan.problem
    old = [int(e) for e in np.nonzero((plan.slot_of == slot) & ~plan.fixed)[0]]
    for edge in old:
        plan.remove(edge)
    bonus = _bonus(plan, coverable)
    gain = p.w + bonus[p.u] + bonus[p.v]
    chosen = []
    for restrict in (pool, None):
        limit = int(p.tables_free[slot - 1] - plan.used_tables[slot - 1])
        found = _matching(p, _open_edges(plan, slot, restrict), gain)
        found = sorted(found, key=lambda e: (-gain[e], e))[: max(0, limit)]
        for edge in found:
            plan.add(edge, slot)
        chosen += found
    old_gain, new_gain = int(gain[old].sum()), int(gain[chosen].sum())
    if new_gain < old_gain:
        for edge in chosen:
            plan.remove(edge)
        for edge in old:
            plan.add(edge, slot)
    return max(0, new_gain - old_gain)


def _bonus(plan: Plan, coverable: np.ndarray | None) -> np.ndarray:
    """Per-node bonus: larger than any slot total for coverable nodes without a meeting."""
    p = plan.problem
    bonus = np.zeros(p.n, dtype=np.int64)
    if coverable is not None:
        big = int(p.w.sum()) + 1
        bonus[coverable & ~plan.covered()] = big
    return bonus


def _open_edges(plan: Plan, slot: int, restrict: np.ndarray | None) -> np.ndarray:
    p = plan.problem
    open_node = p.free[:, slot - 1] & (plan.count < p.capacity) & (plan.busy[:, slot - 1] < 0)
    mask = (plan.slot_of == 0) & open_node[p.u] & open_node[p.v]
    if restrict is not None:
        mask &= restrict
    return np.nonzero(mask)[0]


def _matching(p: Problem, edges: np.ndarray, gain: np.ndarray) -> list[int]:
    """Maximum-weight matching over the given edges; returns sorted edge indices."""
    if len(edges) == 0:
        return []
    graph = rx.PyGraph()
    graph.add_nodes_from(range(p.n))
    graph.extend_from_weighted_edge_list(
        list(zip(p.u[edges].tolist(), p.v[edges].tolist(), gain[edges].tolist()))
    )
    pairs = rx.max_weight_matching(graph, weight_fn=int)
    keys = p.edge_keys()
    found = np.searchsorted(keys, [min(a, b) * p.n + max(a, b) for a, b in pairs])
    return sorted(int(e) for e in found)
