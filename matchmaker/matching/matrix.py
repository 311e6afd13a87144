"""Scores of many pairs at once, in row blocks, without a Python object per pair.

Themes are a small dense 0/1 matrix, tags are sparse incidence matrices over the
case-folded tag vocabulary, so shared counts are matrix products. A block of rows gives a
dense (rows x n) integer array whose entries equal `scoring.pair_score(...).score` for
pairs that may meet and 0 otherwise. Positions follow attendee ids in ascending order.
Scores may be negative (a same-cluster penalty larger than the rest); such pairs are
not candidates, like pairs scoring 0. Up to DENSE_LIMIT attendees, all rows are computed once and kept as a compact integer
matrix (int16 while scores fit: 50 MB at 5,000 attendees), because the candidate graph
and the bound (`quality.py`) read every row several times.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import fields
from functools import cached_property

import numpy as np
import scipy.sparse as sp

from matchmaker.matching.behaviour import kept_apart_pairs
from matchmaker.matching.model import Attendee, Event, Weights
from matchmaker.matching.scoring import CLUSTER_MANAGER, cluster_of, tag_key, tag_spellings
from matchmaker.matching.similar_counts import SimilarCounts, add_into
from matchmaker.matching.synonyms import Synonyms
from matchmaker.vocabulary import BIG_ORG_TYPES, SMALL_ORG_TYPES

BLOCK_ENTRIES = 1_500_000
DENSE_LIMIT = 8000


class ScoreMatrix:
    """Vectorised scores of an event; `slot_masks` (bit s-1 = slot s free) adds slot feasibility."""

    def __init__(self, event: Event, slot_masks: np.ndarray | None = None) -> None:
        people = sorted(event.attendees, key=lambda a: a.id)
        self.event = event
        self.ids = np.array([a.id for a in people], dtype=np.int64)
        self.n = len(people)
        self.position = {int(i): p for p, i in enumerate(self.ids)}
        self._themes = _incidence(people, lambda a: sorted(a.themes)).toarray().astype(np.int32)
        synonyms = event.synonyms
        self._keywords = _incidence(
            people, lambda a: sorted(tag_spellings(a.keywords, synonyms)))
        offers, seeks = _shared_incidence(people, synonyms)
        self._offers, self._seeks = offers, seeks
        self._industry = _codes([a.industry for a in people])
        self._org = _codes([tag_key(a.organisation) for a in people])
        self._small = np.array([a.org_type in SMALL_ORG_TYPES for a in people], dtype=bool)
        self._big = np.array([a.org_type in BIG_ORG_TYPES for a in people], dtype=bool)
        self._cluster = _codes([tag_key(cluster_of(a)) for a in people], empty=-1)
        self._manager = np.array([a.org_type == CLUSTER_MANAGER for a in people], dtype=bool)
        self._active = np.array([a.consent and a.wants_meetings for a in people], dtype=bool)
        self._requests = self._request_matrix(people)
        self._requested_by = self._requests.T.tocsr()
        self._favourites = self._favourite_matrix(people)
        self._favourite_of = self._favourites.T.tocsr()
        self._blocked = self._pair_matrix(event.blocked_pairs | kept_apart_pairs(people))
        self._valued = (_valued([a.industry for a in people], [a.valued_industries for a in people]),
                        _valued([a.org_type for a in people], [a.valued_org_types for a in people]))
        self._similar = SimilarCounts(people, synonyms, lambda tags: tag_spellings(tags, synonyms)) \
            if synonyms.similar else None
        self.slot_masks = slot_masks
        if slot_masks is not None:
            self._active &= slot_masks != 0
            self._narrow_masks = slot_masks.astype(np.min_scalar_type(int(slot_masks.max(initial=0))))
        self._score_type = _score_type(event.weights, people)

    def requests_coo(self) -> list[tuple[int, int]]:
        """Must-meet requests as (requester, requested) positions."""
        coo = self._requests.tocoo()
        return sorted(zip(coo.row.tolist(), coo.col.tolist(), strict=True))

    def block_rows(self) -> int:
        return max(1, BLOCK_ENTRIES // max(1, self.n))

    def blocks(self, as_int64: bool = True) -> Iterator[tuple[int, np.ndarray]]:
        """Yield (first row, scores of a block of rows) covering all rows in order: int64,
        or with `as_int64` False the dense matrix's own integer type (no copy)."""
        step = self.block_rows()
        for start in range(0, self.n, step):
            stop = min(self.n, start + step)
            if self.n <= DENSE_LIMIT:
                block = self.dense[start:stop]
                yield start, block.astype(np.int64) if as_int64 else block
            else:
                yield start, self.block(start, stop)

    def row(self, position: int) -> np.ndarray:
        """Scores of one attendee against all, from the dense matrix once it is built."""
        if "dense" in self.__dict__:
            return self.dense[position].astype(np.int64)
        return self.block(position, position + 1)[0]

    @cached_property
    def dense(self) -> np.ndarray:
        """All scores as one (n x n) matrix: int16, or int64 if some score does not fit."""
        dense = np.zeros((self.n, self.n), dtype=np.int16)
        small = np.iinfo(np.int16)
        step = self.block_rows()
        for start in range(0, self.n, step):
            scores = self._block(start, min(self.n, start + step))
            if scores.size and not small.min <= scores.min() <= scores.max() <= small.max:
                dense = dense.astype(np.int64)
            dense[start:start + len(scores)] = scores
        return dense

    def block(self, start: int, stop: int) -> np.ndarray:
        """Scores of rows start..stop-1 against all attendees (int64, 0 = may not meet)."""
        return self._block(start, stop).astype(np.int64, copy=False)

    def _block(self, start: int, stop: int) -> np.ndarray:
        """`block` in `_score_type` (int32 where every score fits: half the memory traffic)."""
        rows = slice(start, stop)
        w = self.event.weights
        themes = self._themes[rows] @ self._themes.T
        keywords = (self._keywords[rows] @ self._keywords.T).toarray()
        matches = (self._offers[rows] @ self._seeks.T + self._seeks[rows] @ self._offers.T)
        matches = matches.toarray()
        kind = self._score_type
        score = w.shared_theme * themes.astype(kind) + w.shared_keyword * keywords.astype(kind, copy=False)
        score += w.offer_matches_seek * matches.astype(kind, copy=False)
        cross = (self._industry[rows, None] != self._industry[None, :]) & (
            (themes > 0) | (matches > 0)
        )
        _add(score, w.cross_industry, cross)
        small, big = self._small, self._big
        complementary = (small[rows, None] & big[None, :]) | (big[rows, None] & small[None, :])
        _add(score, w.complementary_org_types, complementary)
        cluster = self._cluster
        same = (cluster[rows, None] == cluster[None, :]) & (cluster[rows, None] >= 0)
        _add(score, w.same_cluster, same)
        managers = self._manager[rows, None] & self._manager[None, :]
        _add(score, w.cluster_exchange, managers & ~same & (themes > 0))
        _add_marks(score, self._requests[rows] + self._requested_by[rows],
                   w.must_meet_one_sided, w.must_meet_mutual)
        _add_marks(score, self._favourites[rows] + self._favourite_of[rows],
                   w.favourite, w.must_meet_one_sided)
        score += self._valued_bonus(rows, (themes > 0) | (matches > 0))
        if self._similar is not None:
            similar_keywords, similar_matches = self._similar.block(start, stop)
            add_into(score, similar_keywords, w.similar_keyword)
            add_into(score, similar_matches, w.similar_interest)
        score[~self._allowed(start, stop)] = 0
        return score

    def _valued_bonus(self, rows: slice, common_ground: np.ndarray) -> np.ndarray | int:
        """``behaviour.valued_pairing_reasons``: industry and organisation-type pairs."""
        bonus: np.ndarray | int = 0
        w = self.event.weights
        for (codes, marks), weight in zip(self._valued, (w.valued_industry_pair, w.valued_org_type_pair),
                                          strict=True):
            if marks.any():
                valued = marks[rows][:, codes] | marks[:, codes[rows]].T
                bonus = bonus + weight * (valued & common_ground)
        return bonus

    def _allowed(self, start: int, stop: int) -> np.ndarray:
        rows = slice(start, stop)
        allowed = self._active[rows, None] & self._active[None, :]
        allowed &= self._org[rows, None] != self._org[None, :]
        blocked = self._blocked[rows].tocoo()
        allowed[blocked.row, blocked.col] = False
        if self.slot_masks is not None:
            masks = self._narrow_masks
            allowed &= (masks[rows, None] & masks[None, :]) != 0
        allowed[np.arange(stop - start), np.arange(start, stop)] = False
        return allowed

    def _request_matrix(self, people: Sequence[Attendee]) -> sp.csr_matrix:
        return self._wish_matrix([a.must_meet for a in people], people)

    def _favourite_matrix(self, people: Sequence[Attendee]) -> sp.csr_matrix:
        return self._wish_matrix([a.favourites for a in people], people)

    def _wish_matrix(self, wishes: Sequence[frozenset[int]],
                     people: Sequence[Attendee]) -> sp.csr_matrix:
        """(wisher, wished) positions: requests or favourites."""
        pairs = [
            (p, self.position[other])
            for p, (a, wanted) in enumerate(zip(people, wishes, strict=True))
            for other in sorted(wanted)
            if other in self.position and other != a.id
        ]
        return self._sparse(pairs)

    def _pair_matrix(self, pairs: frozenset[tuple[int, int]]) -> sp.csr_matrix:
        known = [
            (self.position[a], self.position[b])
            for a, b in sorted(pairs)
            if a in self.position and b in self.position
        ]
        return self._sparse(known + [(q, p) for p, q in known])

    def _sparse(self, pairs: list[tuple[int, int]]) -> sp.csr_matrix:
        rows = np.array([p for p, _ in pairs], dtype=np.int64)
        cols = np.array([q for _, q in pairs], dtype=np.int64)
        data = np.ones(len(pairs), dtype=np.int64)
        matrix = sp.csr_matrix((data, (rows, cols)), shape=(self.n, self.n))
        matrix.data[:] = 1  # duplicates count once
        return matrix


def _score_type(weights: Weights, people: Sequence[Attendee]) -> type[np.signedinteger]:
    """int32 if no partial sum of a score can leave its range, else int64. Generic over the
    weights, so a new reason stays safe: every score is a sum of weights, each counted at
    most (1 + the most tags anyone has) squared times."""
    tags = max((len(a.themes) + len(a.keywords) + len(a.offers) + len(a.seeks)
                for a in people), default=0)
    largest = sum(abs(int(getattr(weights, f.name))) for f in fields(weights)) * (1 + tags) ** 2
    return np.int32 if largest <= np.iinfo(np.int32).max else np.int64


def _add(score: np.ndarray, weight: int, where: np.ndarray) -> None:
    """score += weight where `where` holds, in place and in score's own type."""
    score += where * score.dtype.type(weight)  # (np.add's where= is ten times slower)


def _add_marks(score: np.ndarray, marks: sp.csr_matrix, once: int, twice: int) -> None:
    """Add `once` where a sparse count is 1 and `twice` where it is 2 or more."""
    marks = marks.tocoo()
    score[marks.row, marks.col] += np.where(marks.data >= 2, twice, np.where(marks.data == 1, once, 0))


def _codes(values: list[str], empty: int | None = None) -> np.ndarray:
    """Integer code per value (sorted order); `empty` is the code of "" if given."""
    vocabulary = {v: i for i, v in enumerate(sorted(set(values)))}
    if empty is not None:
        vocabulary[""] = empty
    return np.array([vocabulary[v] for v in values], dtype=np.int64)


def _valued(kinds: list[str], valued: list[frozenset[str]]) -> tuple[np.ndarray, np.ndarray]:
    """Each person's kind as a code, and (person x kind) whether they value pairings with it."""
    vocabulary = {kind: i for i, kind in enumerate(sorted(set(kinds)))}
    marks = np.zeros((len(kinds), len(vocabulary)), dtype=bool)
    for person, partners in enumerate(valued):
        marks[person, [vocabulary[k] for k in sorted(partners) if k in vocabulary]] = True
    return np.array([vocabulary[kind] for kind in kinds], dtype=np.int64), marks


def _incidence(people: Sequence[Attendee], keys_of: Callable) -> sp.csr_matrix:
    keys = [keys_of(a) for a in people]
    return _csr(keys, sorted({k for ks in keys for k in ks}))


def _shared_incidence(
    people: Sequence[Attendee], synonyms: Synonyms
) -> tuple[sp.csr_matrix, sp.csr_matrix]:
    offers = [sorted(tag_spellings(a.offers, synonyms)) for a in people]
    seeks = [sorted(tag_spellings(a.seeks, synonyms)) for a in people]
    vocabulary = sorted({k for ks in offers + seeks for k in ks})
    return _csr(offers, vocabulary), _csr(seeks, vocabulary)


def _csr(keys: list[list[str]], vocabulary: list[str]) -> sp.csr_matrix:
    column = {k: i for i, k in enumerate(vocabulary)}
    indptr = np.cumsum([0] + [len(ks) for ks in keys])
    indices = np.array([column[k] for ks in keys for k in ks], dtype=np.int64)
    data = np.ones(len(indices), dtype=np.int32)  # counts of shared tags fit
    return sp.csr_matrix((data, indices, indptr), shape=(len(keys), max(1, len(vocabulary))))
