"""Integer score of one pair, with reasons phrased for both sides.

The score is symmetric by construction: both attendees are put in id order first, so
`pair_score(a, b)` and `pair_score(b, a)` return the same score and the same reasons.
Tags compare by their synonym key (`synonyms.py`); reasons carry each attendee's own
spelling. The vectorised scorer in `matrix.py` computes the same numbers for many pairs
at once; a property test keeps the two in agreement.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import lru_cache
from types import MappingProxyType

from matchmaker.matching import behaviour
from matchmaker.matching.model import Attendee, PairScore, Reason, Weights
from matchmaker.matching.similar import similar_reasons
from matchmaker.matching.synonyms import NO_SYNONYMS, Synonyms, tag_key
from matchmaker.vocabulary import BIG_ORG_TYPES, SMALL_ORG_TYPES

__all__ = ["cluster_of", "exclusion", "is_complementary", "pair_score", "tag_key",
           "tag_spellings"]
CLUSTER_MANAGER = "cluster"


def tag_spellings(tags: Iterable[str], synonyms: Synonyms = NO_SYNONYMS) -> dict[str, str]:
    """Map each tag's (synonym) key to its first spelling (so duplicates count once)."""
    return dict(_spellings_view(tags, synonyms))


def _spellings_view(tags: Iterable[str], synonyms: Synonyms) -> Mapping[str, str]:
    """Read-only `tag_spellings`, cached for the tuples and frozensets attendees hold."""
    if isinstance(tags, tuple | frozenset):
        return _cached_spellings(tags, synonyms)
    return _spellings(tags, synonyms)


@lru_cache(maxsize=65536)
def _cached_spellings(
    tags: tuple[str, ...] | frozenset[str], synonyms: Synonyms
) -> Mapping[str, str]:
    ordered = sorted(tags) if isinstance(tags, frozenset) else tags
    return MappingProxyType(_spellings(ordered, synonyms))


def _spellings(tags: Iterable[str], synonyms: Synonyms) -> dict[str, str]:
    spellings: dict[str, str] = {}
    for tag in tags:
        key = synonyms.key(tag)
        if key:
            spellings.setdefault(key, " ".join(tag.split()))
    return spellings


def cluster_of(a: Attendee) -> str:
    """The attendee's cluster as written: their `cluster`, for a cluster manager without
    one their organisation (which is a cluster), else empty."""
    if a.cluster.strip():
        return " ".join(a.cluster.split())
    return " ".join(a.organisation.split()) if a.org_type == CLUSTER_MANAGER else ""


def is_complementary(org_type_a: str, org_type_b: str) -> bool:
    """SME or start-up with a large company or research institute (either way round)."""
    return (org_type_a in SMALL_ORG_TYPES and org_type_b in BIG_ORG_TYPES) or (
        org_type_b in SMALL_ORG_TYPES and org_type_a in BIG_ORG_TYPES
    )


def exclusion(
    a: Attendee, b: Attendee, blocked_pairs: frozenset[tuple[int, int]] = frozenset()
) -> str | None:
    """The code saying why a pair may never meet, or None when it may."""
    if a.id == b.id:
        return "same_attendee"
    if not (a.consent and b.consent):
        return "no_consent"
    if not (a.wants_meetings and b.wants_meetings):
        return "does_not_want_meetings"
    if tag_key(a.organisation) == tag_key(b.organisation):
        return "same_organisation"
    if (min(a.id, b.id), max(a.id, b.id)) in blocked_pairs:
        return "blocked"
    return behaviour.exclusion(a, b)  # what the two did keeps them apart


def pair_score(
    a: Attendee,
    b: Attendee,
    weights: Weights = Weights(),
    blocked_pairs: frozenset[tuple[int, int]] = frozenset(),
    synonyms: Synonyms = NO_SYNONYMS,
) -> PairScore:
    """Score and reasons of a meeting of `a` and `b` (0 and `excluded` if it may not happen)."""
    excluded = exclusion(a, b, blocked_pairs)
    if excluded:
        return PairScore(0, (), excluded)
    lo, hi = (a, b) if a.id < b.id else (b, a)
    reasons = _content_reasons(lo, hi, synonyms)
    has_common_ground = any(
        r.code in ("shared_themes", "offer_matches_seek") for r in reasons
    )
    if has_common_ground and lo.industry != hi.industry:
        reasons.append(Reason("cross_industry", {"industries": (lo.industry, hi.industry)}))
    if has_common_ground:
        reasons.extend(behaviour.valued_pairing_reasons(lo, hi))
    if is_complementary(lo.org_type, hi.org_type):
        reasons.append(
            Reason("complementary_org_types", {"org_types": (lo.org_type, hi.org_type)})
        )
    reasons.extend(_cluster_reasons(lo, hi))
    reasons.extend(_must_meet_reasons(lo, hi))
    reasons.extend(_favourite_reasons(lo, hi))
    # Similar interests (``similar.py``): tags a text-embedding model put close in meaning.
    reasons.extend(similar_reasons(lo, hi, synonyms, lambda tags: _spellings_view(tags, synonyms)))
    return PairScore(sum(_points(r, weights) for r in reasons), tuple(reasons))


def _content_reasons(lo: Attendee, hi: Attendee, synonyms: Synonyms) -> list[Reason]:
    """Shared themes and tags; `keywords` are spelled as `keywords_of` (the smaller id)
    wrote them, `partner_keywords` as the other did; `tag` as offered, `sought_tag` as
    sought."""
    reasons = []
    themes = sorted(lo.themes & hi.themes)
    if themes:
        reasons.append(Reason("shared_themes", {"themes": tuple(themes)}))
    lo_keywords = _spellings_view(lo.keywords, synonyms)
    hi_keywords = _spellings_view(hi.keywords, synonyms)
    shared = sorted(lo_keywords.keys() & hi_keywords.keys())
    if shared:
        reasons.append(Reason("shared_keywords", {
            "keywords": tuple(lo_keywords[key] for key in shared), "keywords_of": lo.id,
            "partner_keywords": tuple(hi_keywords[key] for key in shared),
        }))
    for offerer, seeker in ((lo, hi), (hi, lo)):
        offers = _spellings_view(offerer.offers, synonyms)
        seeks = _spellings_view(seeker.seeks, synonyms)
        for key in sorted(offers.keys() & seeks.keys()):
            params = {"tag": offers[key], "offered_by": offerer.id, "sought_by": seeker.id,
                      "sought_tag": seeks[key]}
            reasons.append(Reason("offer_matches_seek", params))
    return reasons


def _cluster_reasons(lo: Attendee, hi: Attendee) -> list[Reason]:
    """Same cluster (they know each other already), or two cluster managers of different
    clusters with a shared theme (the exchange between clusters, whatever the industry)."""
    lo_cluster, hi_cluster = cluster_of(lo), cluster_of(hi)
    if lo_cluster and tag_key(lo_cluster) == tag_key(hi_cluster):
        return [Reason("same_cluster", {"cluster": lo_cluster})]
    managers = lo.org_type == hi.org_type == CLUSTER_MANAGER
    if managers and lo.themes & hi.themes:
        return [Reason("cluster_exchange", {"clusters": (lo_cluster, hi_cluster)})]
    return []


def _must_meet_reasons(lo: Attendee, hi: Attendee) -> list[Reason]:
    lo_asks, hi_asks = hi.id in lo.must_meet, lo.id in hi.must_meet
    if lo_asks and hi_asks:
        return [Reason("must_meet_mutual")]
    if lo_asks or hi_asks:
        return [Reason("must_meet_one_sided", {"requested_by": lo.id if lo_asks else hi.id})]
    return []


def _favourite_reasons(lo: Attendee, hi: Attendee) -> list[Reason]:
    """Marked as interesting by one (``favourite``) or by both (``favourite_mutual``,
    worth a one-sided request)."""
    lo_marks, hi_marks = hi.id in lo.favourites, lo.id in hi.favourites
    if lo_marks and hi_marks:
        return [Reason("favourite_mutual")]
    if lo_marks or hi_marks:
        return [Reason("favourite", {"marked_by": lo.id if lo_marks else hi.id})]
    return []


def _points(reason: Reason, weights: Weights) -> int:
    if reason.code == "shared_themes":
        return weights.shared_theme * len(reason.params["themes"])
    if reason.code == "shared_keywords":
        return weights.shared_keyword * len(reason.params["keywords"])
    if reason.code == "favourite_mutual":
        return weights.must_meet_one_sided
    if reason.code == "similar_interest" and reason.params["kind"] == "keywords":
        return weights.similar_keyword
    return int(getattr(weights, reason.code))
