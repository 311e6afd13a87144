"""Integer score of one pair, with reasons phrased for both sides.

The score is symmetric by construction: both attendees are put in id order first, so
`pair_score(a, b)` and `pair_score(b, a)` return the same score and the same reasons.
The vectorised scorer in `matrix.py` computes the same numbers for many pairs at once;
a property test keeps the two in agreement.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import lru_cache
from types import MappingProxyType

from matchmaker.matching.model import Attendee, PairScore, Reason, Weights
from matchmaker.vocabulary import BIG_ORG_TYPES, SMALL_ORG_TYPES


def tag_key(tag: str) -> str:
    """Comparison key of a tag or name: whitespace collapsed, case-folded."""
    return " ".join(tag.split()).casefold()


def tag_spellings(tags: Iterable[str]) -> dict[str, str]:
    """Map each tag key to its first spelling (so duplicates count once)."""
    return dict(_spellings_view(tags))


def _spellings_view(tags: Iterable[str]) -> Mapping[str, str]:
    """Read-only `tag_spellings`, cached for the tuples and frozensets attendees hold."""
    if isinstance(tags, tuple | frozenset):
        return _cached_spellings(tags)
    return _spellings(tags)


@lru_cache(maxsize=65536)
def _cached_spellings(tags: tuple[str, ...] | frozenset[str]) -> Mapping[str, str]:
    return MappingProxyType(_spellings(sorted(tags) if isinstance(tags, frozenset) else tags))


def _spellings(tags: Iterable[str]) -> dict[str, str]:
    spellings: dict[str, str] = {}
    for tag in tags:
        key = tag_key(tag)
        if key:
            spellings.setdefault(key, " ".join(tag.split()))
    return spellings


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
    return None


def pair_score(
    a: Attendee,
    b: Attendee,
    weights: Weights = Weights(),
    blocked_pairs: frozenset[tuple[int, int]] = frozenset(),
) -> PairScore:
    """Score and reasons of a meeting of `a` and `b` (0 and `excluded` if it may not happen)."""
    excluded = exclusion(a, b, blocked_pairs)
    if excluded:
        return PairScore(0, (), excluded)
    lo, hi = (a, b) if a.id < b.id else (b, a)
    reasons = _content_reasons(lo, hi)
    has_common_ground = any(
        r.code in ("shared_themes", "offer_matches_seek") for r in reasons
    )
    if has_common_ground and lo.industry != hi.industry:
        reasons.append(Reason("cross_industry", {"industries": (lo.industry, hi.industry)}))
    if is_complementary(lo.org_type, hi.org_type):
        reasons.append(
            Reason("complementary_org_types", {"org_types": (lo.org_type, hi.org_type)})
        )
    reasons.extend(_must_meet_reasons(lo, hi))
    return PairScore(sum(_points(r, weights) for r in reasons), tuple(reasons))


def _content_reasons(lo: Attendee, hi: Attendee) -> list[Reason]:
    reasons = []
    themes = sorted(lo.themes & hi.themes)
    if themes:
        reasons.append(Reason("shared_themes", {"themes": tuple(themes)}))
    lo_keywords = _spellings_view(lo.keywords)
    shared = sorted(lo_keywords.keys() & _spellings_view(hi.keywords).keys())
    if shared:
        keywords = tuple(lo_keywords[key] for key in shared)
        reasons.append(Reason("shared_keywords", {"keywords": keywords}))
    for offerer, seeker in ((lo, hi), (hi, lo)):
        offers = _spellings_view(offerer.offers)
        for key in sorted(offers.keys() & _spellings_view(seeker.seeks).keys()):
            params = {"tag": offers[key], "offered_by": offerer.id, "sought_by": seeker.id}
            reasons.append(Reason("offer_matches_seek", params))
    return reasons


def _must_meet_reasons(lo: Attendee, hi: Attendee) -> list[Reason]:
    lo_asks, hi_asks = hi.id in lo.must_meet, lo.id in hi.must_meet
    if lo_asks and hi_asks:
        return [Reason("must_meet_mutual")]
    if lo_asks or hi_asks:
        return [Reason("must_meet_one_sided", {"requested_by": lo.id if lo_asks else hi.id})]
    return []


def _points(reason: Reason, weights: Weights) -> int:
    if reason.code == "shared_themes":
        return weights.shared_theme * len(reason.params["themes"])
    if reason.code == "shared_keywords":
        return weights.shared_keyword * len(reason.params["keywords"])
    return int(getattr(weights, reason.code))
