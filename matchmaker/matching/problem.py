"""The residual scheduling problem: what is left once locked meetings are in place.

Positions (0..n-1) follow attendee ids in ascending order; slot index s stands for slot
number s + 1. An attendee's capacity is the number of further meetings they may have:
min(max_meetings, available slots) minus their locked meetings, and zero if they do not
take part. Candidate edges are the sparse top-k graph of pairs that still may meet.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import cached_property

import networkx as nx
import numpy as np

from matchmaker.matching.candidates import candidate_pairs, graph_from_arrays
from matchmaker.matching.matrix import ScoreMatrix
from matchmaker.matching.model import Event


class ScheduleError(ValueError):
    """Inputs the scheduler cannot honour, e.g. two locked meetings at one table."""

    def __init__(self, code: str, **params: object) -> None:
        self.code, self.params = code, params
        super().__init__(f"{code}: {params}")


@dataclass
class Problem:
    event: Event
    matrix: ScoreMatrix
    free: np.ndarray  # (n, slots) bool: slot open for a new meeting
    capacity: np.ndarray  # (n,) further meetings allowed
    locked_count: np.ndarray  # (n,) locked meetings
    tables_free: np.ndarray  # (slots,) tables not taken by locked meetings
    u: np.ndarray  # candidate edges as positions, u < v, sorted
    v: np.ndarray
    w: np.ndarray

    @cached_property
    def graph(self) -> nx.Graph:
        """The candidate edges as a networkx graph keyed by attendee id."""
        return graph_from_arrays(self.matrix.ids, self.u, self.v, self.w)

    @cached_property
    def incident(self) -> list[np.ndarray]:
        """The candidate edges of each position, ascending."""
        ends = np.concatenate([self.u, self.v])
        edges = np.tile(np.arange(len(self.w)), 2)
        order = np.lexsort((edges, ends))
        cuts = np.searchsorted(ends[order], np.arange(self.n + 1))
        return [edges[order[cuts[i]:cuts[i + 1]]] for i in range(self.n)]

    @property
    def n(self) -> int:
        return self.matrix.n

    @property
    def slots(self) -> int:
        return self.event.slots

    def edge_keys(self) -> np.ndarray:
        return self.u * self.n + self.v

    def position(self, attendee_id: int) -> int:
        return self.matrix.position[attendee_id]


def build_problem(
    event: Event, k: int, extra_pairs: Iterable[tuple[int, int]] = ()
) -> Problem:
    """Residual capacities, free slots and the candidate graph (plus `extra_pairs` by id)."""
    people = sorted(event.attendees, key=lambda a: a.id)
    position = {a.id: p for p, a in enumerate(people)}
    check_locked(event, position)
    n, slots = len(people), event.slots
    free = np.ones((n, slots), dtype=bool)
    for p, a in enumerate(people):
        for s in a.unavailable_slots | a.session_slots:
            if 1 <= s <= slots:
                free[p, s - 1] = False
    wanted = np.array(
        [min(slots if a.max_meetings is None else a.max_meetings, int(free[p].sum()))
         if a.consent and a.wants_meetings else 0 for p, a in enumerate(people)],
        dtype=np.int64,
    )
    locked_count = np.zeros(n, dtype=np.int64)
    tables_free = np.full(slots, event.tables, dtype=np.int64)
    for m in event.locked:
        for attendee in m.pair:
            free[position[attendee], m.slot - 1] = False
            locked_count[position[attendee]] += 1
        tables_free[m.slot - 1] -= 1
    capacity = np.maximum(0, np.minimum(wanted - locked_count, free.sum(axis=1)))
    masks = (free.astype(np.int64) << np.arange(slots, dtype=np.int64)).sum(axis=1)
    masks[capacity == 0] = 0
    residual = replace(event, blocked_pairs=event.blocked_pairs | {m.pair for m in event.locked})
    matrix = ScoreMatrix(residual, slot_masks=masks)
    extra = [(position[a], position[b]) for a, b in extra_pairs
             if a in position and b in position]
    u, v, w = candidate_pairs(matrix, k, extra)
    return Problem(event, matrix, free, capacity, locked_count, tables_free, u, v, w)


def check_locked(event: Event, position: dict[int, int]) -> None:
    """Raise `ScheduleError` unless the locked meetings are consistent with each other."""
    seen_attendee: set[tuple[int, int]] = set()
    seen_table: set[tuple[int, int]] = set()
    seen_pair: set[tuple[int, int]] = set()
    for m in sorted(event.locked, key=lambda m: (m.slot, m.table, m.pair)):
        if any(a not in position for a in m.pair):
            raise ScheduleError("unknown_attendee", pair=m.pair)
        if not (1 <= m.slot <= event.slots and 1 <= m.table <= event.tables):
            raise ScheduleError("outside_grid", slot=m.slot, table=m.table)
        if (m.slot, m.table) in seen_table:
            raise ScheduleError("table_taken", slot=m.slot, table=m.table)
        if m.pair in seen_pair:
            raise ScheduleError("pair_repeated", pair=m.pair)
        for a in m.pair:
            if (a, m.slot) in seen_attendee:
                raise ScheduleError("double_booked", attendee=a, slot=m.slot)
            seen_attendee.add((a, m.slot))
        seen_table.add((m.slot, m.table))
        seen_pair.add(m.pair)
