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
    sum over k1, k2 of A[i,k1] (1 - B[j,k1]) S[k1,k2] B[j,k2] (1 - A[i,k2]). Expanded:
    (AS - A∘AS) B' - A (B∘BS)' + 2 PA PB' (P: a row per attendee, a column per similar
    pair, 1 where the attendee holds both of its keys), which is one product of the
    side-by-side matrices [AS - A∘AS, -A, 2 PA] and [B, B∘BS, PB]'. The results are
    sparse: most pairs share no similar tags.
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
        similar = sp.csr_matrix((np.ones(len(rows), dtype=np.int64), (rows, cols)),
                                shape=(size, size))
        both = sp.csr_matrix((np.ones(2 * len(pairs), dtype=np.int64),
                              (rows, list(range(len(pairs))) * 2)),
                             shape=(size, max(1, len(pairs))))
        keywords, offers, seeks = (_Side(_rows(side, column, size), similar, both)
                                   for side in tags)
        self._keywords = (keywords.left(), keywords.right().T.tocsr())
        self._matches = (sp.hstack([offers.left(), seeks.left()]).tocsr(),
                         sp.hstack([seeks.right(), offers.right()]).T.tocsr())

    def block(self, start: int, stop: int) -> tuple[sp.coo_matrix, sp.coo_matrix]:
        """Counts of rows start..stop-1 against everybody, sparse: similar keywords, and
        similar offers and seeks (both directions)."""
        return tuple(  # type: ignore[return-value]
            (left[start:stop] @ right).tocoo() for left, right in (self._keywords, self._matches))


class _Side:
    """One side's tags A with AS - A∘AS, A∘AS and P (see `SimilarCounts`)."""

    def __init__(self, tags: sp.csr_matrix, similar: sp.csr_matrix, both: sp.csr_matrix) -> None:
        near = tags @ similar
        self.tags = tags
        self.own = tags.multiply(near).tocsr()
        self.near_only = (near - self.own).tocsr()
        self.held = ((tags @ both) == 2).astype(np.int64).tocsr()

    def left(self) -> sp.csr_matrix:
        return sp.hstack([self.near_only, -self.tags, 2 * self.held]).tocsr()

    def right(self) -> sp.csr_matrix:
        return sp.hstack([self.tags, self.own, self.held]).tocsr()


def add_into(score: np.ndarray, counts: sp.coo_matrix, weight: int) -> None:
    """score[i, j] += weight * counts[i, j] for the stored entries (each once)."""
    counts.sum_duplicates()
    score[counts.row, counts.col] += weight * counts.data


def _rows(keys: list[list[str]], column: Mapping[str, int], size: int) -> sp.csr_matrix:
    indptr = np.cumsum([0] + [len(ks) for ks in keys])
    indices = np.array([column[k] for ks in keys for k in ks], dtype=np.int64)
    data = np.ones(len(indices), dtype=np.int64)
    return sp.csr_matrix((data, indices, indptr), shape=(len(keys), size))
