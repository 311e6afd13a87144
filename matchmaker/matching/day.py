"""Re-planning during the event day: absent attendees out from slot N, their partners refilled.

`replan_day` guarantees: every meeting before `from_slot` stays exactly as it was (pair,
slot, table), and so does every meeting from `from_slot` on in which nobody is absent
(locked or not): nothing moves that did not have to. Meetings from `from_slot` on with an
absent attendee are cancelled (an absent attendee cannot keep even a locked meeting).
Each present attendee this leaves alone in a slot may get a new partner in that slot:
someone present and open there (free, available, below their maximum), by a
maximum-weight matching of the engine's candidate graph, so the engine's scores and rules
hold (blocks, same organisation, consent, unavailability, maximum, tables, and no pair
meets twice). Every new meeting has at least one attendee who was left alone in its slot.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, replace

import numpy as np

from matchmaker.matching.heuristic import _matching as max_weight_matching
from matchmaker.matching.model import Event, Meeting, ScoredMeeting
from matchmaker.matching.plan import Plan
from matchmaker.matching.problem import Problem, build_problem
from matchmaker.matching.schedule import candidate_count
from matchmaker.matching.scoring import pair_score


@dataclass(frozen=True)
class DayReplan:
    """The day's schedule after the re-plan, and how it differs from the one before."""

    kept: tuple[Meeting, ...]  # every meeting that stays, locked ones included
    cancelled: tuple[Meeting, ...]  # meetings from slot N with an absent attendee
    added: tuple[ScoredMeeting, ...]  # the refills, with their scores and reasons
    left_alone: int  # (attendee, slot) places the cancellations freed for present people

    @property
    def meetings(self) -> tuple[Meeting, ...]:
        return tuple(sorted(self.kept + tuple(m.meeting for m in self.added),
                            key=lambda m: (m.slot, m.table)))

    @property
    def changed_people(self) -> frozenset[int]:
        moved = self.cancelled + tuple(m.meeting for m in self.added)
        return frozenset(a for m in moved for a in m.pair)


def replan_day(
    event: Event,
    meetings: Sequence[Meeting],
    from_slot: int,
    absent: Collection[int],
    *,
    k: int | None = None,
) -> DayReplan:
    """Cancel the meetings of `absent` attendees from `from_slot` on and refill the places.

    `meetings` are the current schedule's meetings other than `event.locked`; raises
    ValueError for a slot outside the day.
    """
    if not 1 <= from_slot <= event.slots:
        raise ValueError(f"from_slot must be within 1..{event.slots}, got {from_slot}")
    absent = frozenset(absent)
    current = sorted(set(meetings) | set(event.locked), key=lambda m: (m.slot, m.table, m.pair))
    cancelled = [m for m in current if m.slot >= from_slot and absent & set(m.pair)]
    gone = set(cancelled)
    kept = [m for m in current if m not in gone]
    alone = {(a, m.slot) for m in cancelled for a in m.pair if a not in absent}
    rest = _rest_of_day(event, kept, from_slot, absent)
    problem = build_problem(rest, candidate_count(len(rest.attendees)) if k is None else k)
    plan = Plan(problem)
    for slot in range(from_slot, event.slots + 1):
        _refill(plan, slot - from_slot + 1,
                {problem.position(a) for a, s in alone if s == slot})
    added = _new_meetings(problem, plan, from_slot - 1)
    return DayReplan(tuple(kept), tuple(cancelled), _scored(event, added), len(alone))


def _rest_of_day(event: Event, kept: list[Meeting], from_slot: int,
                 absent: frozenset[int]) -> Event:
    """The engine's event for slots `from_slot`.. renumbered from 1: the kept meetings
    there locked, the pairs that met earlier blocked, maxima less the earlier meetings,
    absent attendees unavailable throughout."""
    shift = from_slot - 1
    earlier = [m for m in kept if m.slot < from_slot]
    met: dict[int, int] = {}
    for m in earlier:
        for a in m.pair:
            met[a] = met.get(a, 0) + 1
    slots = event.slots - shift
    people = tuple(replace(
        a, max_meetings=None if a.max_meetings is None else max(0, a.max_meetings - met.get(a.id, 0)),
        unavailable_slots=frozenset(range(1, slots + 1)) if a.id in absent
        else frozenset(s - shift for s in a.unavailable_slots if s > shift),
        session_slots=frozenset(s - shift for s in a.session_slots if s > shift),
    ) for a in event.attendees)
    later = tuple(replace(m, slot=m.slot - shift) for m in kept if m.slot >= from_slot)
    return replace(event, attendees=people, slots=slots, locked=later,
                   blocked_pairs=event.blocked_pairs | {m.pair for m in earlier})


def _refill(plan: Plan, slot: int, alone: set[int]) -> None:
    """The best matching in `slot` of edges with an attendee left alone there."""
    p = plan.problem
    if not alone:
        return
    open_node = p.free[:, slot - 1] & (plan.count < p.capacity) & (plan.busy[:, slot - 1] < 0)
    lonely = np.zeros(p.n, dtype=bool)
    lonely[sorted(alone)] = True
    usable = (plan.slot_of == 0) & open_node[p.u] & open_node[p.v] & (lonely[p.u] | lonely[p.v])
    found = max_weight_matching(p, np.nonzero(usable)[0], p.w)
    limit = int(p.tables_free[slot - 1] - plan.used_tables[slot - 1])
    for edge in sorted(found, key=lambda e: (-p.w[e], e))[: max(0, limit)]:
        plan.add(edge, slot)


def _new_meetings(problem: Problem, plan: Plan, shift: int) -> list[Meeting]:
    """The plan's meetings at the lowest free table of their slot, numbered as in the day."""
    taken = {(m.slot, m.table) for m in problem.event.locked}
    added = []
    ids = problem.matrix.ids
    for edge in sorted(plan.scheduled().tolist(), key=lambda e: (int(plan.slot_of[e]), e)):
        slot = int(plan.slot_of[edge])
        table = next(t for t in range(1, problem.event.tables + 1) if (slot, t) not in taken)
        taken.add((slot, table))
        added.append(Meeting.of(int(ids[problem.u[edge]]), int(ids[problem.v[edge]]),
                                slot + shift, table))
    return added


def _scored(event: Event, meetings: list[Meeting]) -> tuple[ScoredMeeting, ...]:
    people = {a.id: a for a in event.attendees}
    result = []
    for m in meetings:
        scored = pair_score(people[m.pair[0]], people[m.pair[1]], event.weights,
                            event.blocked_pairs, event.synonyms)
        result.append(ScoredMeeting(m, scored.score, scored.reasons))
    return tuple(result)
