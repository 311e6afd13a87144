"""The slot colouring: whatever the order of the pairs, the plan stays feasible."""

from __future__ import annotations

from collections import Counter

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from matchmaker.matching import Event
from matchmaker.matching.colouring import assign
from matchmaker.matching.plan import Plan
from matchmaker.matching.problem import build_problem
from tests.matching.strategies import contended_event, events

ANY_ORDER = given(event=events(max_attendees=10, max_slots=4), seed=st.integers(0, 2**16))
EXAMPLES = settings(max_examples=60, deadline=None)


def coloured(event: Event, order_seed: int) -> tuple[Plan, np.ndarray]:
    """The plan after colouring all candidate pairs in a random order, and its edges."""
    problem = build_problem(event, k=10)
    plan = Plan(problem)
    assign(plan, np.random.default_rng(order_seed).permutation(len(problem.w)))
    return plan, plan.scheduled()


@EXAMPLES
@ANY_ORDER
def test_any_order_nobody_double_booked_and_only_available_slots(event, seed):
    plan, edges = coloured(event, seed)
    ends = (plan.problem.u, plan.problem.v)
    seats = Counter((int(end[e]), int(plan.slot_of[e])) for e in edges for end in ends)
    assert all(count == 1 for count in seats.values())
    assert all(plan.problem.free[node, slot - 1] for node, slot in seats)


@EXAMPLES
@ANY_ORDER
def test_any_order_tables_and_capacities_respected(event, seed):
    plan, edges = coloured(event, seed)
    p = plan.problem
    assert (np.bincount(plan.slot_of[edges] - 1, minlength=p.slots) <= p.tables_free).all()
    per_node = np.bincount(np.concatenate([p.u[edges], p.v[edges]]), minlength=p.n)
    assert (per_node <= p.capacity).all()


def test_kempe_swap_moves_a_meeting_to_make_room():
    problem = build_problem(contended_event(), k=10)  # 1-3 first in slot 1, must move
    plan = Plan(problem)
    assert assign(plan, np.arange(len(problem.w))) == []
    assert sorted(plan.slot_of.tolist()) == [1, 2]
