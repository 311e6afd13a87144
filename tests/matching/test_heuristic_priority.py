"""The heuristic path (large events): in every slot's matching, attendees below their
need (their fair share) are served before a higher total."""

import numpy as np

from matchmaker.matching import Event, heuristic
from matchmaker.matching.fairness import coverage_need
from matchmaker.matching.plan import Plan
from matchmaker.matching.problem import Problem, build_problem
from tests.matching.strategies import attendee


def contended() -> Problem:
    """One slot: 1-2 (11 points) alone beats 2-3 with 1-4 (5 + 2), but leaves 3 and 4 out."""
    hub = attendee(2, org_type="research", offers=("KI",))
    rival = attendee(1, org_type="sme", seeks=("KI",), keywords=("X",))
    lonely = attendee(3, org_type="startup")
    partner = attendee(4, org_type="cluster", keywords=("X",))
    return build_problem(Event((rival, hub, lonely, partner), slots=1, tables=2), k=4)


def pairs(plan: Plan) -> set[tuple[int, int]]:
    ids, p = plan.problem.matrix.ids, plan.problem
    return {(int(ids[p.u[e]]), int(ids[p.v[e]])) for e in plan.scheduled()}


def test_slot_matching_gives_everyone_below_their_need_a_meeting_first():
    problem = contended()
    plan = Plan(problem)
    heuristic.construct(plan, np.zeros(len(problem.w)), coverage_need(problem))
    assert pairs(plan) == {(2, 3), (1, 4)}


def test_slot_reoptimisation_keeps_those_below_their_need_served():
    problem = contended()
    plan = Plan(problem)
    heuristic.construct(plan, np.zeros(len(problem.w)), coverage_need(problem))
    heuristic.improve(plan, coverage_need(problem), time_limit=10, rounds=3)
    assert pairs(plan) == {(2, 3), (1, 4)}
