"""The balanced LP: the score LP with a concave reward for each attendee's first meetings.

Attendee i needs `need_i` further meetings for the schedule to reach the target level
(`shares.py`). Tier variables s_ik in [0, 1], k = 1..need_i, with sum_k s_ik <= degree_i,
earn r_k = M (K - k + 1), M larger than any pair's score and K the largest need: the
k-th meeting of a person is worth M more than their (k+1)-th, so the LP serves the
worst-off first and uses the score to choose among equally fair solutions. Its x guides
the construction of large balanced schedules (`heuristic.py`) when tables are scarce;
with tables for everybody the score LP's x is as balanced and costs one LP less
(measured on synthetic events: same distribution, equal or higher total). The score
bound always comes from the score LP alone (`quality.py`).
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp
from scipy.optimize import linprog

from matchmaker.matching.problem import Problem


def tables_scarce(problem: Problem) -> bool:
    """Fewer tables than half the meetings the attendees may have: the table row binds."""
    return float(problem.tables_free.sum()) < problem.capacity.sum() / 2


def balanced_x(problem: Problem, need: np.ndarray) -> np.ndarray:
    """x per candidate edge of the balanced LP (zeros if HiGHS fails)."""
    u, v, w = problem.u, problem.v, problem.w
    n, edges = problem.n, len(w)
    if edges == 0:
        return np.zeros(0)
    need = np.minimum(need, problem.capacity)
    incidence = sp.csr_matrix(
        (np.ones(2 * edges), (np.concatenate([u, v]), np.tile(np.arange(edges), 2))),
        shape=(n, edges),
    )
    owner = np.repeat(np.arange(n), need)
    tier = np.concatenate([np.arange(1, k + 1) for k in need]) if need.sum() else owner
    tiers = sp.csr_matrix((np.ones(len(owner)), (owner, np.arange(len(owner)))),
                          shape=(n, len(owner)))
    rows = [sp.hstack([incidence, sp.csr_matrix((n, len(owner)))]), sp.hstack([-incidence, tiers]),
            sp.csr_matrix(np.concatenate([np.ones(edges), np.zeros(len(owner))])[None, :])]
    upper = [problem.capacity.astype(float), np.zeros(n), np.array([float(problem.tables_free.sum())])]
    big = float(w.max()) + 1
    reward = big * (int(need.max(initial=0)) - tier + 1)
    goal = -np.concatenate([w.astype(float), reward.astype(float)])
    result = linprog(goal, A_ub=sp.vstack(rows).tocsr(), b_ub=np.concatenate(upper),
                     bounds=(0, 1), method="highs-ipm")
    return result.x[:edges] if result.status == 0 else np.zeros(edges)
