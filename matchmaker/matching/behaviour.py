"""What people did, as the engine reads it: pairs it keeps apart, pairings it favours.

Kept apart (``exclusion``, a hard rule like a block, each with its own code): one of the
two marked the other "not interested" (``not_interested``), declined the other's
meeting request (``request_declined``), or rated their meeting at the previous event
both attended "not valuable" (``rated_not_valuable``). Every field is one attendee's
own, so the rules work both ways: either side's mark keeps the pair apart.

Favoured (``valued_pairing_reasons``): the industry pairs and organisation-type pairs
whose meetings an earlier event's attendees rated valuable, a small bonus with a reason
of its own; like ``cross_industry`` it counts only for a pair with common ground.
"""

from __future__ import annotations

from collections.abc import Iterable

from matchmaker.matching.model import Attendee, Reason

# (exclusion code, the Attendee field naming the other side), in the order they are named.
KEPT_APART = (
    ("not_interested", "not_interested"),
    ("request_declined", "declined"),
    ("rated_not_valuable", "not_valuable_before"),
)


def exclusion(a: Attendee, b: Attendee) -> str | None:
    """The code of what keeps `a` and `b` apart, or None."""
    for code, field in KEPT_APART:
        if b.id in getattr(a, field) or a.id in getattr(b, field):
            return code
    return None


def kept_apart_pairs(people: Iterable[Attendee]) -> frozenset[tuple[int, int]]:
    """Every pair (smaller id, larger id) that `exclusion` keeps apart."""
    return frozenset((min(a.id, other), max(a.id, other)) for a in people
                     for _code, field in KEPT_APART for other in getattr(a, field)
                     if other != a.id)


def valued_pairing_reasons(lo: Attendee, hi: Attendee) -> list[Reason]:
    """The bonus reasons of a pair with common ground whose kinds were rated valuable."""
    reasons = []
    if hi.industry in lo.valued_industries or lo.industry in hi.valued_industries:
        reasons.append(Reason("valued_industry_pair", {"industries": (lo.industry, hi.industry)}))
    if hi.org_type in lo.valued_org_types or lo.org_type in hi.valued_org_types:
        reasons.append(Reason("valued_org_type_pair", {"org_types": (lo.org_type, hi.org_type)}))
    return reasons


# The certificate's figures (``Quality``): pairs of attendees taking part kept apart, per code.
COUNT_FIELDS = {"not_interested": "kept_apart_not_interested",
                "request_declined": "kept_apart_request_declined",
                "rated_not_valuable": "kept_apart_rated_not_valuable"}


def kept_apart_counts(people: Iterable[Attendee]) -> dict[str, int]:
    """How many pairs of attendees taking part each rule keeps apart (the first that applies)."""
    active = {a.id: a for a in people if a.consent and a.wants_meetings}
    counts = dict.fromkeys(COUNT_FIELDS.values(), 0)
    for low, high in kept_apart_pairs(active.values()):
        if low in active and high in active:
            code = exclusion(active[low], active[high])
            if code:
                counts[COUNT_FIELDS[code]] += 1
    return counts
