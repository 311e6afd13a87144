"""Similar-interest counts of many pairs at once (``similar.py`` gives them one by one)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import scipy.sparse as sp

from matchmaker.matching.model import Attendee
from matchmaker.matching.similar import Spell
from matchmaker.matching.synonyms import Synonyms


class SimilarCounts:
    """Number of similar-interest reasons of many pairs at once, as sparse products.

    For one relation, with A the tags of one side and B of the other (0/1 rows over the
    keys) and S the symmetric similar pairs, the count of pair (i, j) is
    sum over k1, k2 of A[i,k1] (1 - B[j,k1]) S[k1,k2] B[j,k2] (1 - A[i,k2]); expanded,
    that is four matrix products (P: rows of pairs of keys an attendee holds both of).
    """

    def __init__(self, people: Sequence[Attendee], synonyms: Synonyms, spell: Spell) -> None:
        tags = [[sorted(spell(getattr(a, side))) for a in people]
                for side in ("keywords", "offers", "seeks")]
        column = {key: i for i, key in enumerate(sorted(
            {key for side in tags for keys in side for key in keys}))}
        pairs = [(column[a], column[b]) for a, b in synonyms.similar_pairs()
                 if a in column and b in column]
        size = max(1, len(column))
        rows = [a for a, b in pairs] + [b for a, b in pairs]
        cols = [b for a, b in pairs] + [a for a, b in pairs]
        self._similar = sp.csr_matrix((np.ones(len(rows), dtype=np.int64), (rows, cols)),
                                      shape=(size, size))
        both = sp.csr_matrix((np.ones(2 * len(pairs), dtype=np.int64),
                              (rows, list(range(len(pairs))) * 2)),
                             shape=(size, max(1, len(pairs))))
        self._parts = [self._prepare(_rows(side, column, size), both) for side in tags]

    def _prepare(self, tags: sp.csr_matrix, both: sp.csr_matrix) -> tuple[sp.csr_matrix, ...]:
        """The tags, their similar keys, the tags' own count of similar keys, held pairs."""
        near = (tags @ self._similar).tocsr()
        held = ((tags @ both) == 2).astype(np.int64).tocsr()
        return tags, near, tags.multiply(near).tocsr(), held

    def block(self, start: int, stop: int) -> tuple[np.ndarray, np.ndarray]:
        """Counts of rows start..stop-1 against everybody (int64): similar keywords, and
        similar offers and seeks."""
        keywords, offers, seeks = self._parts
        matches = self._count(offers, seeks, start, stop)
        matches += self._count(seeks, offers, start, stop)
        return self._count(keywords, keywords, start, stop), matches

    @staticmethod
    def _count(a: tuple[sp.csr_matrix, ...], b: tuple[sp.csr_matrix, ...],
               start: int, stop: int) -> np.ndarray:
        """Pairs (row i of side `a`, column j of side `b`) for rows start..stop-1."""
        a_tags, a_near, a_own, a_both = (m[start:stop] for m in a)
        b_tags, b_near, b_own, b_both = b
        total = a_near @ b_tags.T - a_tags @ b_own.T - a_own @ b_tags.T + 2 * (a_both @ b_both.T)
        return np.asarray(total.toarray(), dtype=np.int64)


def _rows(keys: list[list[str]], column: Mapping[str, int], size: int) -> sp.csr_matrix:
    indptr = np.cumsum([0] + [len(ks) for ks in keys])
    indices = np.array([column[k] for ks in keys for k in ks], dtype=np.int64)
    data = np.ones(len(indices), dtype=np.int64)
    return sp.csr_matrix((data, indices, indptr), shape=(len(keys), size))
