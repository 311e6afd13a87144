"""The fairness repair: an attendee without a meeting gets one where a move allows it."""

from __future__ import annotations

import importlib
from collections import Counter
from unittest.mock import patch

from matchmaker.matching import Event, Meeting, fairness, schedule
from matchmaker.matching.plan import Plan
from matchmaker.matching.problem import build_problem
from tests.matching.strategies import attendee, contended_event

engine = importlib.import_module("matchmaker.matching.schedule")


def test_repair_moves_partner_meeting_to_another_slot_instead_of_dropping_it():
    problem = build_problem(contended_event(), k=10)
    plan = Plan(problem)
    plan.add(0, 1)  # 1-3 in slot 1, the only slot of 2
    fairness.repair(plan, fairness.coverage_need(problem))
    assert plan.slot_of.tolist() == [2, 1]


def test_raising_an_attendee_never_fills_a_slot_beyond_its_free_tables():
    # Found by the property tests on the large-event path: raising 5 (no meeting yet) into
    # slot 2 dropped 3's meeting and gave 3 a replacement in that same slot, whose last
    # free table 5's new meeting took. Handing out tables then failed (StopIteration).
    absent = {"organisation": "ACME GmbH", "wants_meetings": False, "consent": False}
    theme = {"themes": frozenset({"open_innovation"})}
    acme_away_first = {"organisation": "ACME GmbH", "unavailable_slots": frozenset({1}), **theme}
    people = (
        attendee(1, **absent), attendee(2, **absent), attendee(6, **absent), attendee(8, **absent),
        attendee(3, organisation="Nordwerk AG", max_meetings=1, must_meet=frozenset({4}), **theme),
        attendee(4, **acme_away_first), attendee(5, organisation="Fraunhofer IWS", **theme),
        attendee(7, **acme_away_first),
    )
    locked = (Meeting((1, 2), slot=2, table=1), Meeting((4, 7), slot=3, table=1))
    event = Event(people, slots=3, tables=2, locked=locked)
    with patch.object(engine, "SMALL_EVENT", 0):  # no re-optimisation, as above 200 people
        result = schedule(event, exact_limit=0)
    seats = Counter((m.meeting.slot, m.meeting.table) for m in result.meetings)
    assert max(seats.values()) == 1 and all(table <= 2 for _, table in seats)
    assert len(result.meetings) == 4
