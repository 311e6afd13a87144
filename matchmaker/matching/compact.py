"""Compact days: fewer idle slots between an attendee's first and last meeting.

An attendee's *idle slots* are the slots after their first and before their last meeting
(locked meetings included) in which they have no meeting although they could: slots they
marked unavailable and slots of sessions they chose do not count.

`compact(plan)` only re-times meetings the plan may move (not locked, not pinned by a
re-plan): every pair keeps meeting, so the total score, everybody's number of meetings
and with it the fair level are unchanged by construction. A move exchanges the slots s
and t along a Kempe chain: the alternating path of meetings in s and t through one
meeting (a single meeting that moves to a slot where both are open is the shortest
chain). Every moved meeting's two attendees are available in its new slot, nobody meets
twice in a slot, and the tables of both slots suffice, so the plan stays feasible. Only
the two ends of a chain change their days (everybody inside it keeps a meeting in both
slots); a move is made only if neither end gets more idle slots and together they get
fewer. So nobody's idle count ever rises, the total falls with every move (the pass
ends), and edges and slots are tried in ascending order (the result is deterministic).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from matchmaker.matching.model import Event, Meeting
from matchmaker.matching.plan import Plan

MAX_SWEEPS = 8
MAX_CHAIN = 40  # alternating paths are short in practice; this caps the work per move


@dataclass(frozen=True)
class IdleFigures:
    """Idle slots per attendee with at least one meeting: the sum, the median, the worst."""

    total: int
    median: int
    worst: int


def idle_count(meets: int, available: int) -> int:
    """Idle slots of one attendee from bit masks (bit s = slot s) of their meetings and of
    the slots they are available in."""
    if not meets:
        return 0
    first = (meets & -meets).bit_length() - 1
    span = (1 << meets.bit_length()) - (1 << first)
    return (span & available & ~meets).bit_count()


def idle_slots(event: Event, meetings: Iterable[Meeting]) -> dict[int, int]:
    """Idle slots of every attendee who has a meeting, by attendee id."""
    meets: dict[int, int] = {}
    for m in meetings:
        for attendee in m.pair:
            meets[attendee] = meets.get(attendee, 0) | 1 << (m.slot - 1)
    every = (1 << event.slots) - 1
    available = {a.id: every & ~_mask(a.unavailable_slots | a.session_slots)
                 for a in event.attendees}
    return {i: idle_count(mask, available.get(i, every)) for i, mask in sorted(meets.items())}


def idle_figures(idle: dict[int, int]) -> IdleFigures:
    values = np.array(list(idle.values()) or [0])
    return IdleFigures(int(values.sum()),
                       int(np.percentile(values, 50, method="inverted_cdf")), int(values.max()))


def _mask(slots: Iterable[int]) -> int:
    return sum(1 << (s - 1) for s in set(slots) if s >= 1)


def compact(plan: Plan, sweeps: int = MAX_SWEEPS) -> int:
    """Re-time the plan's movable meetings to lower idle slots (see the module docstring);
    return by how many idle slots the total fell."""
    state = _State(plan)
    before = state.total()
    for _ in range(sweeps):
        if not _sweep(state):
            break
    return before - state.total()


class _State:
    """The plan's days as bit masks (meetings, availability) and plain lists, for speed."""

    def __init__(self, plan: Plan) -> None:
        p = plan.problem
        self.plan = plan
        self.slots = p.slots
        bits = 1 << np.arange(p.slots, dtype=np.int64)
        self.available = [int(x) for x in (p.free.astype(np.int64) * bits).sum(axis=1)]
        locked = np.zeros(p.n, dtype=np.int64)
        for m in p.event.locked:
            for attendee in m.pair:
                locked[p.position(attendee)] |= 1 << (m.slot - 1)
        busy = plan.busy
        self.meets = (locked | ((busy >= 0) * bits).sum(axis=1)).tolist()
        self.busy = busy.tolist()
        self.slot_of = plan.slot_of.tolist()
        self.scheduled = plan.scheduled().tolist()  # compaction never adds or drops one
        self.fixed = plan.fixed.tolist()
        self.u, self.v = p.u.tolist(), p.v.tolist()
        self.ends = (p.u ^ p.v).tolist()  # node ^ ends[edge]: the edge's other node
        self.room = (p.tables_free - plan.used_tables).tolist()
        self.idle = [idle_count(m, a) for m, a in zip(self.meets, self.available, strict=True)]

    def total(self) -> int:
        return sum(self.idle)


def _sweep(state: _State) -> bool:
    """Try every movable meeting of an attendee with idle slots once; True if one moved."""
    moved, idle = False, state.idle
    for edge in state.scheduled:
        s = state.slot_of[edge] - 1
        if state.fixed[edge]:
            continue
        if not (idle[state.u[edge]] or idle[state.v[edge]]):
            continue
        for t in range(state.slots):
            if t != s and _try(state, edge, s, t):
                moved = True
                break
    return moved


def _try(state: _State, edge: int, s: int, t: int) -> bool:
    """Swap slots s and t along the chain through `edge` if that shortens the ends' days."""
    edges = [edge]
    if not _better(state, edges, s, t):
        return False
    to_t = sum(1 for e in edges if state.slot_of[e] - 1 == s)
    _apply(state, edges, s, t, to_t - (len(edges) - to_t))
    return True


def _better(state: _State, edges: list[int], s: int, t: int) -> bool:
    """Walk the chain of `edges[0]` in slots s and t (appending its meetings to `edges`);
    True if it may swap: no cycle, not longer than MAX_CHAIN, nothing fixed, both ends
    available in their new slot, neither end with more idle slots and one with fewer,
    tables for both slots. Each refusal returns as soon as it can be made (every refusal
    is final, nothing is changed)."""
    busy, fixed, ends = state.busy, state.fixed, state.ends
    available, meets = state.available, state.meets
    edge, toggle, gained, other_slot = edges[0], (1 << s) ^ (1 << t), 0, s ^ t
    for start in (state.u[edge], state.v[edge]):
        node, slot = start, t
        while (nxt := busy[node][slot]) >= 0:
            if nxt == edge or len(edges) > MAX_CHAIN or fixed[nxt]:
                return False
            edges.append(nxt)
            node ^= ends[nxt]  # the meeting's other attendee
            slot ^= other_slot  # s <-> t
        if not available[node] >> slot & 1:
            return False
        old = state.idle[node]
        new = idle_count(meets[node] ^ toggle, available[node])
        if new > old:
            return False
        gained += old - new
    to_t = sum(1 for e in edges if state.slot_of[e] - 1 == s)
    to_s = len(edges) - to_t
    return gained > 0 and state.room[t] >= to_t - to_s and state.room[s] >= to_s - to_t


def _apply(state: _State, edges: Sequence[int], s: int, t: int, net_to_t: int) -> None:
    plan = state.plan
    targets = [t if state.slot_of[e] - 1 == s else s for e in edges]
    for e in edges:
        plan.remove(e)
        for node in (state.u[e], state.v[e]):
            state.busy[node][state.slot_of[e] - 1] = -1
            state.meets[node] &= ~(1 << (state.slot_of[e] - 1))
    for e, target in zip(edges, targets, strict=True):
        plan.add(e, target + 1)
        state.slot_of[e] = target + 1
        for node in (state.u[e], state.v[e]):
            state.busy[node][target] = e
            state.meets[node] |= 1 << target
            state.idle[node] = idle_count(state.meets[node], state.available[node])
    state.room[t] -= net_to_t
    state.room[s] += net_to_t
