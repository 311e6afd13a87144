"""The fairness repair: an attendee without a meeting gets one where a move allows it."""

from __future__ import annotations

from matchmaker.matching import fairness
from matchmaker.matching.plan import Plan
from matchmaker.matching.problem import build_problem
from tests.matching.strategies import contended_event


def test_repair_moves_partner_meeting_to_another_slot_instead_of_dropping_it():
    problem = build_problem(contended_event(), k=10)
    plan = Plan(problem)
    plan.add(0, 1)  # 1-3 in slot 1, the only slot of 2
    fairness.repair(plan, fairness.coverage_need(problem))
    assert plan.slot_of.tolist() == [2, 1]
