"""Large events: LP rounding, slot colouring, small matchings, slot re-optimisation.

1. Construct: the LP relaxation (`quality.py`) already says which pairs should meet;
   its x_e = 1 edges (then the fractional ones, while capacities allow) are put into
   slots by a list edge-colouring (`colouring.py`).
2. Fill: per slot, a maximum-weight matching of the attendees still open in it (free,
   available, below their maximum). After step 1 those sets are small, and the blossom
   algorithm's time grows with the nodes and edges it is given, so this is cheap.
3. Re-optimise (small events only; see `schedule.py`): each slot is emptied and matched
   again given all other slots; that never lowers the total because the slot's old
   meetings are one of the matchings considered.
In steps 2 and 3, each attendee below their `need` (further meetings the policy asks for:
one for the best-total policy, their share of the level for the balanced one) carries a
bonus per missing meeting larger than any slot's total, so the matching serves them first
and the most deprived first (fairness before score).
The matching kernel is rustworkx's blossom algorithm (measured ~50-100x faster than
networkx's on the same graphs).
"""

from __future__ import annotations

import time

import numpy as np
import rustworkx as rx

from matchmaker.matching.colouring import assign
from matchmaker.matching.plan import Plan
from matchmaker.matching.problem import Problem

MIN_ROUND_GAIN = 0.0005


def construct(plan: Plan, x: np.ndarray, need: np.ndarray) -> None:
    """Colour the LP's edges into slots (integral ones first, heavier first), then fill."""
    p = plan.problem
    order = np.lexsort((np.arange(len(p.w)), -p.w, -np.round(2 * x)))
    assign(plan, order[x[order] > 1e-6])
    for slot in range(1, p.slots + 1):
        _fill(plan, slot, _bonus(plan, need))


def improve(plan: Plan, need: np.ndarray, time_limit: float, rounds: int) -> None:
    """Re-optimise slot by slot while a round gains enough and time allows."""
    started = time.perf_counter()
    for _ in range(rounds):
        before = plan.total()
        gained = 0
        for slot in range(1, plan.problem.slots + 1):
            gained += _rematch(plan, slot, need)
            if time.perf_counter() - started > time_limit:
                return
        if gained == 0 or plan.total() - before < MIN_ROUND_GAIN * before:
            return


def _fill(plan: Plan, slot: int, bonus: np.ndarray) -> list[int]:
    """Add the best matching of the attendees still open in `slot`; return its edges."""
    p = plan.problem
    gain = p.w + bonus[p.u] + bonus[p.v]
    limit = int(p.tables_free[slot - 1] - plan.used_tables[slot - 1])
    found = _matching(p, _open_edges(plan, slot), gain)
    found = sorted(found, key=lambda e: (-gain[e], e))[: max(0, limit)]
    for edge in found:
        plan.add(edge, slot)
    return found


def _rematch(plan: Plan, slot: int, need: np.ndarray) -> int:
    """Replace the slot's movable meetings by the best matching; return the gain."""
    p = plan.problem
    old = [int(e) for e in np.nonzero((plan.slot_of == slot) & ~plan.fixed)[0]]
    for edge in old:
        plan.remove(edge)
    bonus = _bonus(plan, need)
    gain = p.w + bonus[p.u] + bonus[p.v]
    chosen = _fill(plan, slot, bonus)
    old_gain, new_gain = int(gain[old].sum()), int(gain[chosen].sum())
    if new_gain < old_gain:
        for edge in chosen:
            plan.remove(edge)
        for edge in old:
            plan.add(edge, slot)
    return max(0, new_gain - old_gain)


def _bonus(plan: Plan, need: np.ndarray) -> np.ndarray:
    """Per-node bonus: per meeting still missing, more than any slot's total."""
    p = plan.problem
    return np.maximum(0, need - plan.count) * (int(p.w.sum()) + 1)


def _open_edges(plan: Plan, slot: int) -> np.ndarray:
    p = plan.problem
    open_node = p.free[:, slot - 1] & (plan.count < p.capacity) & (plan.busy[:, slot - 1] < 0)
    return np.nonzero((plan.slot_of == 0) & open_node[p.u] & open_node[p.v])[0]


def _matching(p: Problem, edges: np.ndarray, gain: np.ndarray) -> list[int]:
    """Maximum-weight matching over the given edges (on their nodes only); sorted indices."""
    if len(edges) == 0:
        return []
    nodes, ends = np.unique(np.concatenate([p.u[edges], p.v[edges]]), return_inverse=True)
    a, b = ends[: len(edges)], ends[len(edges):]
    graph = rx.PyGraph()
    graph.add_nodes_from(range(len(nodes)))
    graph.extend_from_weighted_edge_list(list(zip(a.tolist(), b.tolist(), gain[edges].tolist(), strict=True)))
    pairs = np.array(sorted(rx.max_weight_matching(graph, weight_fn=int)), dtype=np.int64)
    if len(pairs) == 0:
        return []
    keys = nodes[pairs.min(axis=1)] * p.n + nodes[pairs.max(axis=1)]
    return sorted(np.searchsorted(p.edge_keys(), keys).tolist())
