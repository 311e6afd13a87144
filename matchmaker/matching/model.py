"""Plain, frozen inputs and outputs of the matchmaking engine (integer ids, no framework)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from matchmaker.matching.synonyms import NO_SYNONYMS, Synonyms

# "balanced": first the meetings of the worst-off attendees (each against what they can
# have), then the total score; "total": the best total once everybody who can has one.
POLICIES = ("balanced", "total")

# Candidate partners per attendee in the sparse graph (``candidates``); here, beside the
# other plain settings, so that the console's help reads it without loading the solvers.
DEFAULT_K = 30


@dataclass(frozen=True)
class Weights:
    """Points per reason; every score is an integer sum of these."""

    shared_theme: int = 3
    shared_keyword: int = 2
    offer_matches_seek: int = 6
    cross_industry: int = 5
    complementary_org_types: int = 5
    must_meet_one_sided: int = 40
    must_meet_mutual: int = 80
    # Networking between clusters: people of one cluster already know each other (a
    # penalty, so negative), cluster managers of two clusters with a shared theme gain.
    same_cluster: int = -5
    cluster_exchange: int = 5
    # Someone an attendee marked as interesting (a favourite): a small bonus; marked by
    # both, the pair scores a one-sided request (``must_meet_one_sided``) instead.
    favourite: int = 10
    # Kinds of pairs an earlier event rated valuable (``behaviour.py``; an event's choice,
    # off by default): a small bonus per industry pair and per organisation-type pair.
    valued_industry_pair: int = 2
    valued_org_type_pair: int = 2
    # Tags of different spelling that a text-embedding model puts close in meaning
    # (``similar.py``): half the points of the literal match, an offer for a seek or a
    # keyword.
    similar_interest: int = 3
    similar_keyword: int = 1


@dataclass(frozen=True)
class Attendee:
    """One participant as the engine sees them; slots are 1-based."""

    id: int
    organisation: str
    org_type: str
    industry: str
    themes: frozenset[str] = frozenset()
    keywords: tuple[str, ...] = ()
    offers: tuple[str, ...] = ()
    seeks: tuple[str, ...] = ()
    unavailable_slots: frozenset[int] = frozenset()
    max_meetings: int | None = None
    wants_meetings: bool = True
    consent: bool = True
    must_meet: frozenset[int] = frozenset()
    cluster: str = ""
    # Slots that overlap a session of the programme the attendee chose (``sessions``):
    # unavailable like ``unavailable_slots``, with their own reason when nothing is left.
    session_slots: frozenset[int] = frozenset()
    favourites: frozenset[int] = frozenset()
    # What keeps a pair apart (``behaviour.py``), each the attendee's own doing: whom they
    # marked "not interested", whose meeting request they declined, and with whom their
    # meeting at the previous event both attended was rated "not valuable" (by either).
    not_interested: frozenset[int] = frozenset()
    declined: frozenset[int] = frozenset()
    not_valuable_before: frozenset[int] = frozenset()
    # The partners' industries and organisation types whose pairings with the attendee's
    # own an earlier event rated valuable (``behaviour.valued_pairing_reasons``).
    valued_industries: frozenset[str] = frozenset()
    valued_org_types: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Meeting:
    """A meeting of `pair` (always smaller id first) in `slot` at `table` (both 1-based)."""

    pair: tuple[int, int]
    slot: int
    table: int

    def __post_init__(self) -> None:
        a, b = self.pair
        if not a < b:
            raise ValueError(f"pair must be (smaller, larger) ids, got {self.pair}")

    @classmethod
    def of(cls, x: int, y: int, slot: int, table: int) -> Meeting:
        """Build a meeting from two ids in any order."""
        return cls((min(x, y), max(x, y)), slot, table)


@dataclass(frozen=True)
class Event:
    """Everything the scheduler needs; `locked` meetings are kept exactly as they are."""

    attendees: tuple[Attendee, ...]
    slots: int
    tables: int
    weights: Weights = Weights()
    blocked_pairs: frozenset[tuple[int, int]] = frozenset()
    locked: tuple[Meeting, ...] = ()
    policy: str = "balanced"
    synonyms: Synonyms = NO_SYNONYMS
    # Re-time meetings after solving so that attendees wait fewer slots (``compact.py``).
    compact_days: bool = True

    def __post_init__(self) -> None:
        if self.policy not in POLICIES:
            raise ValueError(f"policy must be one of {POLICIES}, got {self.policy!r}")


@dataclass(frozen=True)
class Reason:
    """A translatable reason: a machine code and its parameters (attendee ids, tags, codes)."""

    code: str
    params: dict[str, Any] = field(default_factory=dict, hash=False)


@dataclass(frozen=True)
class PairScore:
    """Score of a pair with its reasons; `excluded` names why the pair may never meet."""

    score: int
    reasons: tuple[Reason, ...] = ()
    excluded: str | None = None


@dataclass(frozen=True)
class Suggestion:
    partner_id: int
    score: int
    reasons: tuple[Reason, ...]


@dataclass(frozen=True)
class ScoredMeeting:
    meeting: Meeting
    score: int
    reasons: tuple[Reason, ...]
    locked: bool = False


@dataclass(frozen=True)
class Unmatched:
    """An attendee without any meeting and the code saying why."""

    attendee_id: int
    code: str


@dataclass(frozen=True)
class Shortfall:
    """An attendee with fewer meetings than the fair level, and why (see `shares.py`)."""

    attendee_id: int
    meetings: int
    reason: str


@dataclass(frozen=True)
class Quality:
    """The certificate of a run: how close the total is to the best possible, how evenly
    the meetings are shared (the level and its provable bound, see `shares.py`), and
    how much the clusters network among each other."""

    total_score: int
    upper_bound: int
    ratio: float
    meetings: int
    attendees_considered: int
    min_meetings: int
    mean_meetings: float
    zero_meetings: int
    cross_industry_share: float
    complementary_share: float
    must_meet_requested: int
    must_meet_honoured: int
    candidate_edges: int
    method: str
    policy: str = "balanced"
    p10_meetings: int = 0
    median_meetings: int = 0
    max_meetings: int = 0
    meetings_histogram: tuple[int, ...] = ()  # [k] = attendees with k meetings
    fair_level: int = 0
    fair_level_bound: int = 0
    below_fair_level: tuple[Shortfall, ...] = ()
    cross_cluster_share: float = 0.0
    cluster_manager_pairs: int = 0
    changed_meetings: int = 0
    # Idle slots between an attendee's first and last meeting (``compact.py``), over the
    # attendees with a meeting: the sum, the median and the most of one attendee.
    idle_slots_total: int = 0
    idle_slots_median: int = 0
    idle_slots_worst: int = 0
    # Pairs of attendees taking part that what they did keeps apart (``behaviour.py``), by rule.
    kept_apart_not_interested: int = 0
    kept_apart_request_declined: int = 0
    kept_apart_rated_not_valuable: int = 0


@dataclass(frozen=True)
class Changes:
    """How a re-plan differs from the previous schedule (meetings compared by pair, slot, table)."""

    kept: tuple[Meeting, ...] = ()
    changed: tuple[Meeting, ...] = ()
    added: tuple[Meeting, ...] = ()

    @property
    def changed_count(self) -> int:
        return len(self.changed)


@dataclass(frozen=True)
class ScheduleResult:
    meetings: tuple[ScoredMeeting, ...]
    unmatched: tuple[Unmatched, ...]
    quality: Quality
    changes: Changes | None = None

    @property
    def changed_count(self) -> int:
        return self.changes.changed_count if self.changes else 0

    @property
    def total_score(self) -> int:
        return self.quality.total_score
