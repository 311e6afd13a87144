"""A schedule under construction: which candidate edge meets in which slot."""

from __future__ import annotations

import numpy as np

from matchmaker.matching.problem import Problem


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

    def open_in(self, node: int) -> np.ndarray:
        """(slots,) bool: the node is available and not yet busy in the slot."""
        return self.problem.free[node] & (self.busy[node] < 0)

    def has_room(self, edge: int) -> bool:
        """Both attendees of `edge` are below their capacity."""
        p = self.problem
        return bool(self.count[p.u[edge]] < p.capacity[p.u[edge]]
                    and self.count[p.v[edge]] < p.capacity[p.v[edge]])

    def other(self, edge: int, node: int) -> int:
        p = self.problem
        return int(p.v[edge] if p.u[edge] == node else p.u[edge])
