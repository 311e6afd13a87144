"""Hypothesis strategies and small builders for engine tests."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import strategies as st

from matchmaker.matching import Attendee, Event, Meeting
from matchmaker.matching.model import POLICIES
from matchmaker.matching.synonyms import NO_SYNONYMS, parse_synonyms

ORGANISATIONS = ("ACME GmbH", " acme  gmbh", "Fraunhofer IWS", "Nordwerk AG", "Start AI", "TU X")
INDUSTRIES = ("ict_software", "energy_environment", "logistics")
TAGS = ("KI", "ki", "AI", "Künstliche Intelligenz", "Wasserstoff", "H2", "Leichtbau",
        "Fachkräfte", "Predictive  Maintenance")
CLUSTERS = ("", "", "Photonik BW", "photonik  bw", "Cluster Leichtbau Nord")
SYNONYM_LISTS = (NO_SYNONYMS, parse_synonyms("KI = AI = Künstliche Intelligenz\nWasserstoff = H2"))
# Similar tags as a model might give them (``similar.py``): one pair within a group drops out.
SIMILAR_PAIRS = (("KI", "Leichtbau"), ("H2", "Fachkräfte"), ("ai", "wasserstoff"),
                 ("Predictive Maintenance", "Leichtbau"), ("KI", "AI"))
SYNONYM_LISTS += tuple(s.with_similar(SIMILAR_PAIRS) for s in SYNONYM_LISTS)
THEMES = ("open_innovation", "skills", "non_technical", "cluster_management")
ORG_TYPES = ("sme", "startup", "large", "research", "cluster", "public", "other")


def attendee(id: int, **fields) -> Attendee:
    """An attendee with harmless defaults (own organisation, ict_software, sme)."""
    defaults = dict(organisation=f"Org {id}", org_type="sme", industry="ict_software")
    return Attendee(id=id, **{**defaults, **fields})


def contended_event() -> Event:
    """2 is only available in slot 1; 1 and 3 can meet in either slot, one table."""
    people = (
        attendee(1, seeks=("KI",)),
        attendee(2, seeks=("KI",), unavailable_slots=frozenset({2})),
        attendee(3, offers=("KI",)),
    )
    return Event(people, slots=2, tables=1)


# Strategies built once: building them again for every attendee (and mapping with a new
# lambda each time) cost Hypothesis more than the engine's own run on the crowded events.
TAG_LISTS = st.lists(st.sampled_from(TAGS), max_size=3).map(tuple)
SOME_THEMES = st.sets(st.sampled_from(THEMES), max_size=2).map(frozenset)
MAXIMUMS = st.one_of(st.none(), st.integers(0, 3))
BOOLEANS = st.booleans()
VALUED_INDUSTRIES = st.sets(st.sampled_from(INDUSTRIES), max_size=2).map(frozenset)
VALUED_ORG_TYPES = st.sets(st.sampled_from(ORG_TYPES), max_size=2).map(frozenset)


@st.composite
def attendees(draw, ids: list[int], slots: int) -> tuple[Attendee, ...]:
    some_slots = st.sets(st.integers(1, slots), max_size=slots).map(frozenset)
    others = st.sets(st.sampled_from(ids), max_size=2)
    one_other = st.sets(st.sampled_from(ids), max_size=1)
    people = []
    for i in ids:
        people.append(Attendee(
            id=i,
            organisation=draw(st.sampled_from(ORGANISATIONS)),
            org_type=draw(st.sampled_from(ORG_TYPES)),
            industry=draw(st.sampled_from(INDUSTRIES)),
            themes=draw(SOME_THEMES),
            keywords=draw(TAG_LISTS), offers=draw(TAG_LISTS), seeks=draw(TAG_LISTS),
            unavailable_slots=draw(some_slots),
            max_meetings=draw(MAXIMUMS),
            wants_meetings=draw(BOOLEANS) or draw(BOOLEANS),
            consent=draw(st.integers(0, 9)) > 0,
            must_meet=frozenset(draw(others) - {i}),
            cluster=draw(st.sampled_from(CLUSTERS)),
            favourites=frozenset(draw(others) - {i}),
            **behaviour(draw, one_other, i),
        ))
    return tuple(people)


def behaviour(draw, one_other: st.SearchStrategy[set[int]], i: int) -> dict[str, frozenset]:
    """What the attendee did (``matching.behaviour``): mostly nothing, sometimes marks."""
    if draw(st.integers(0, 3)) > 0:
        return {}
    return dict(not_interested=frozenset(draw(one_other) - {i}), declined=frozenset(draw(one_other) - {i}),
                not_valuable_before=frozenset(draw(one_other) - {i}),
                valued_industries=draw(VALUED_INDUSTRIES), valued_org_types=draw(VALUED_ORG_TYPES))


@st.composite
def events(draw, max_attendees: int = 8, max_slots: int = 3, locked: bool = True,
           policy: str | None = None) -> Event:
    """Random small events: shared organisations, blocked pairs, locked meetings, either
    policy (unless given), with or without synonyms."""
    ids = sorted(draw(st.sets(st.integers(1, 60), min_size=2, max_size=max_attendees)))
    slots = draw(st.integers(1, max_slots))
    tables = draw(st.integers(1, 4))
    people = draw(attendees(ids, slots))
    return _event(draw, ids, people, slots, tables, locked, policy)


@st.composite
def crowded_events(draw, policy: str | None = None) -> Event:
    """More attendees and slots than `events`, few tables, maximums close to the slot
    count: every slot is contended, so double bookings and table overflows would show."""
    ids = sorted(draw(st.sets(st.integers(1, 99), min_size=10, max_size=16)))
    slots = draw(st.integers(4, 6))
    tables = draw(st.integers(1, 3))
    maximums = st.one_of(st.none(), st.integers(slots - 1, slots))
    people = tuple(replace(a, max_meetings=draw(maximums), consent=True, wants_meetings=True)
                   for a in draw(attendees(ids, slots)))
    return _event(draw, ids, people, slots, tables, True, policy)


def _event(draw, ids, people, slots, tables, locked, policy) -> Event:
    pairs = [(a, b) for a in ids for b in ids if a < b]
    blocked = frozenset(draw(st.sets(st.sampled_from(pairs), max_size=2)))
    wished = draw(st.lists(st.tuples(st.sampled_from(pairs), st.integers(1, slots),
                                     st.integers(1, tables)), max_size=3)) if locked else []
    return Event(people, slots, tables, blocked_pairs=blocked, locked=_consistent(wished),
                 policy=policy or draw(st.sampled_from(POLICIES)),
                 synonyms=draw(st.sampled_from(SYNONYM_LISTS)))


def _consistent(wished) -> tuple[Meeting, ...]:
    kept: list[Meeting] = []
    for pair, slot, table in wished:
        clash = any(
            m.pair == pair or (m.slot == slot and (m.table == table or set(m.pair) & set(pair)))
            for m in kept
        )
        if not clash:
            kept.append(Meeting(pair, slot, table))
    return tuple(kept)
