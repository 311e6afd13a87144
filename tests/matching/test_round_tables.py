"""Round tables: everyone placed once per round, seats respected, colleagues apart, no
tablemate of the previous round again (where the layout allows it), deterministic."""

from itertools import combinations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from matchmaker.matching.model import Attendee
from matchmaker.matching.round_tables import Layout, TooManyPeople, Topic, form_tables

PROPERTY = settings(max_examples=40, deadline=None, derandomize=True)
INDUSTRIES = ("it", "auto", "health", "energy", "logistics")
THEMES = ("open_innovation", "skills", "non_tech", "cluster_management")


def person(i: int, org: int, industry: int = 0, themes: tuple[str, ...] = (),
           keywords: tuple[str, ...] = (), cluster: str = "") -> Attendee:
    return Attendee(i, f"Org {org}", "sme", INDUSTRIES[industry % len(INDUSTRIES)],
                    frozenset(themes), keywords=keywords, cluster=cluster)


@st.composite
def sessions(draw: st.DrawFn, distinct_orgs: bool = False) -> tuple[list[Attendee], Layout]:
    tables = draw(st.integers(1, 5))
    seats = draw(st.integers(1, 7))
    n = draw(st.integers(0, tables * seats))
    if distinct_orgs:
        orgs = list(range(n))
    else:
        orgs = [draw(st.integers(0, max(0, n // 2))) for _ in range(n)]
    people = [person(i + 1, orgs[i], draw(st.integers(0, 4)),
                     tuple(draw(st.sets(st.sampled_from(THEMES), max_size=2))),
                     cluster=draw(st.sampled_from(("", "Cluster A", "Cluster B"))))
              for i in range(n)]
    return people, Layout(tables, seats, draw(st.integers(1, 3)),
                          (Topic("Skills", frozenset({"skills"})),))


def together(plan, round_number: int) -> set[tuple[int, int]]:  # type: ignore[no-untyped-def]
    return {pair for group in plan.groups if group.round == round_number
            for pair in combinations(group.members, 2)}


@PROPERTY
@given(sessions(), st.integers(0, 3))
def test_any_session_everyone_seated_once_per_round_within_seats(session, seed) -> None:  # type: ignore[no-untyped-def]
    people, layout = session
    plan = form_tables(people, layout, seed=seed)
    for group in plan.groups:
        assert len(group.members) <= layout.seats
    for round_groups in plan.rounds():
        seated = [m for group in round_groups for m in group.members]
        assert sorted(seated) == sorted(a.id for a in people)
        assert len(round_groups) == layout.tables


@PROPERTY
@given(sessions(), st.integers(0, 3))
def test_organisations_no_larger_than_tables_no_colleagues_together(session, seed) -> None:  # type: ignore[no-untyped-def]
    people, layout = session
    sizes: dict[str, int] = {}
    for a in people:
        sizes[a.organisation] = sizes.get(a.organisation, 0) + 1
    if any(size > layout.tables for size in sizes.values()):
        return
    plan = form_tables(people, layout, seed=seed)
    org = {a.id: a.organisation for a in people}
    assert all(org[a] != org[b] for r in range(1, layout.rounds + 1) for a, b in together(plan, r))
    assert plan.colleague_pairs == 0


@PROPERTY
@given(sessions(distinct_orgs=True), st.integers(0, 3))
def test_tables_no_larger_than_their_number_no_repeated_encounter(session, seed) -> None:  # type: ignore[no-untyped-def]
    people, layout = session
    if -(-len(people) // layout.tables) > layout.tables:
        return
    plan = form_tables(people, layout, seed=seed)
    for r in range(2, layout.rounds + 1):
        assert not together(plan, r) & together(plan, r - 1)
    if layout.rounds == 2:
        assert plan.repeats == 0


def test_four_tables_of_six_two_rounds_repeats_only_what_is_unavoidable() -> None:
    """24 people: a table of 6 spreads over 4 tables in round two, 2 pairs at least meet again."""
    people = [person(i + 1, i, i) for i in range(24)]
    plan = form_tables(people, Layout(4, 6, 2), seed=1)
    assert plan.repeats == 8
    assert plan.mixed_tables == 8


def test_same_seed_same_plan() -> None:
    people = [person(i + 1, i % 7, i % 3, THEMES[i % 4:i % 4 + 1]) for i in range(30)]
    layout = Layout(5, 6, 2, (Topic("Skills", frozenset({"skills"})),))
    assert form_tables(people, layout, seed=5) == form_tables(people, layout, seed=5)


def test_topic_interest_gathers_people_at_the_topic_table() -> None:
    people = [person(i + 1, i, i % 2, keywords=("KI",) if i < 3 else ()) for i in range(6)]
    layout = Layout(2, 3, 1, (Topic("KI", keywords=("KI",)), Topic("Logistik")))
    plan = form_tables(people, layout)
    first = next(g for g in plan.groups if g.table == 1)
    assert first.members == (1, 2, 3)
    assert ("shared_keywords", {"keywords": ("KI",)}) in [(r.code, r.params) for r in first.reasons]


def test_group_reasons_name_industries_and_clusters() -> None:
    people = [person(1, 1, 0, cluster="Cluster A"), person(2, 2, 1, cluster="Cluster B"),
              person(3, 3, 2)]
    (group,) = form_tables(people, Layout(1, 3, 1)).groups
    codes = {r.code: r.params for r in group.reasons}
    assert codes["cross_industry"] == {"industries": ("auto", "health", "it")}
    assert codes["table_clusters"] == {"clusters": ("Cluster A", "Cluster B")}


def test_more_people_than_seats_refused() -> None:
    with pytest.raises(TooManyPeople):
        form_tables([person(i + 1, i) for i in range(5)], Layout(2, 2, 1))
