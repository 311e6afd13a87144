"""The graph of candidate pairs (networkx), sparse top-k for large events, full for export.

Nodes are attendee ids, edges carry the integer `weight` (the pair's score). Graphs are
built from sorted edge lists, so the same input always gives the same graph.
"""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx
import numpy as np

from matchmaker.matching.matrix import ScoreMatrix
from matchmaker.matching.model import DEFAULT_K, Event, Suggestion
from matchmaker.matching.scoring import pair_score


def full_graph(event: Event) -> nx.Graph:
    """Every pair with a positive score (slots ignored): the graph for small events and export."""
    matrix = ScoreMatrix(event)
    return graph_from_arrays(matrix.ids, *positive_pairs(matrix))


def candidate_graph(event: Event, k: int = DEFAULT_K) -> nx.Graph:
    """Each attendee's best `k` partners plus all must-meet pairs (slots ignored)."""
    matrix = ScoreMatrix(event)
    return graph_from_arrays(matrix.ids, *candidate_pairs(matrix, k))


def graph_from_arrays(
    ids: np.ndarray, u: np.ndarray, v: np.ndarray, w: np.ndarray
) -> nx.Graph:
    """A networkx graph on all `ids` with edges (ids[u], ids[v], weight=w) in sorted order."""
    graph = nx.Graph()
    graph.add_nodes_from(int(i) for i in ids)
    graph.add_weighted_edges_from(
        zip(ids[u].tolist(), ids[v].tolist(), w.tolist(), strict=True)
    )
    return graph


def positive_pairs(matrix: ScoreMatrix) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """All pairs (u < v positions) with a positive score, sorted."""
    parts = []
    for start, scores in matrix.blocks():
        rows, cols = np.nonzero(scores > 0)
        upper = cols > rows + start
        parts.append((rows[upper] + start, cols[upper], scores[rows[upper], cols[upper]]))
    return _concatenate(parts)


def candidate_pairs(
    matrix: ScoreMatrix, k: int = DEFAULT_K, extra: Iterable[tuple[int, int]] = ()
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Union of every row's top-k pairs, must-meet pairs and `extra` position pairs, sorted."""
    parts = [_top_k(start, scores, k) for start, scores in matrix.blocks(as_int64=False)]
    requested = matrix.requests_coo()
    wanted = sorted({(min(a, b), max(a, b)) for a, b in [*requested, *extra] if a != b})
    parts.append(_scored(matrix, wanted))
    u, v, w = _concatenate(parts)
    keys = np.unique(u * matrix.n + v, return_index=True)[1]
    return u[keys], v[keys], w[keys]


def suggestions(event: Event, attendee_id: int, limit: int = 10) -> list[Suggestion]:
    """The attendee's best partners (highest score first, then lower id) with reasons."""
    matrix = ScoreMatrix(event)
    position = matrix.position[attendee_id]
    scores = matrix.block(position, position + 1)[0]
    order = np.lexsort((matrix.ids, -scores))
    best = [int(p) for p in order[:limit] if scores[p] > 0]
    people = {a.id: a for a in event.attendees}
    me = people[attendee_id]
    result = []
    for p in best:
        scored = pair_score(me, people[int(matrix.ids[p])], event.weights, event.blocked_pairs,
                            event.synonyms)
        result.append(Suggestion(int(matrix.ids[p]), scored.score, scored.reasons))
    return result


def _top_k(start: int, scores: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each row's k best columns; ties go to the lower column, so the choice is unique."""
    n = scores.shape[1]
    if n - 1 > k:
        # -key of key = score * (n + 1) + (n - column), in int32 when it cannot overflow
        fits = (np.iinfo(scores.dtype).max + 1) * (n + 1) <= np.iinfo(np.int32).max
        kind = np.dtype(np.int32 if fits else np.int64)
        negative_key = scores.astype(kind)
        negative_key *= -(n + 1)
        negative_key += (np.arange(n) - n).astype(kind)
        cols = np.argpartition(negative_key, k, axis=1)[:, :k]
        rows = np.repeat(np.arange(scores.shape[0]), k)
        cols = cols.ravel()
    else:
        rows, cols = np.nonzero(scores >= 0)
    values = scores[rows, cols]
    keep = values > 0
    rows, cols, values = rows[keep] + start, cols[keep], values[keep]
    return np.minimum(rows, cols), np.maximum(rows, cols), values


def _scored(
    matrix: ScoreMatrix, pairs: list[tuple[int, int]]
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    partners: dict[int, list[int]] = {}
    for a, b in pairs:
        partners.setdefault(a, []).append(b)
    found = []
    for a, others in sorted(partners.items()):
        row = matrix.row(a)
        found += [(a, b, int(row[b])) for b in others if row[b] > 0]
    array = np.array(found, dtype=np.int64).reshape(-1, 3)
    return array[:, 0], array[:, 1], array[:, 2]


def _concatenate(
    parts: list[tuple[np.ndarray, np.ndarray, np.ndarray]],
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    if not parts:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, empty
    u, v, w = (np.concatenate([np.asarray(p[i], dtype=np.int64) for p in parts]) for i in range(3))
    order = np.lexsort((v, u))
    return u[order], v[order], w[order]
