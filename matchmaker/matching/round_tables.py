"""Round tables by interest: who sits at which table in each round of a round-table session.

Pure, deterministic for a given seed. Every attendee is placed exactly once per round, no
table holds more than its seats, and the tables of a round are filled evenly (their sizes
differ by at most one). Each round is first built twice (people grouped by organisation
and dealt round-robin; people dealt so that each table of the previous round spreads over
all tables) and the better start is improved by moves and swaps between tables. Every
step compares the cost lexicographically: first colleagues at one table (same
organisation), then pairs who met in an earlier round, then the table's worth (shared
interest in its topic, several industries, few people of one cluster). Hence:

- when no organisation has more people than there are tables, no two colleagues share a
  table;
- when no two attendees are colleagues and no table holds more people than there are
  tables, nobody sits with a tablemate of the previous round again.

Otherwise the plan says how many such pairs were left (``repeats``, ``colleague_pairs``).
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations

from matchmaker.matching.model import Attendee, Reason, Weights
from matchmaker.matching.scoring import cluster_of, tag_key
from matchmaker.matching.synonyms import NO_SYNONYMS, Synonyms

MIXED_INDUSTRIES = 3  # a table mixes industries when it has at least this many
MAX_PASSES = 20


@dataclass(frozen=True)
class Topic:
    """What a table is about: theme codes and free keywords (compared like tags)."""

    text: str = ""
    themes: frozenset[str] = frozenset()
    keywords: tuple[str, ...] = ()


@dataclass(frozen=True)
class Layout:
    tables: int
    seats: int
    rounds: int
    topics: tuple[Topic, ...] = ()  # one per table; missing ones are empty

    def __post_init__(self) -> None:
        if min(self.tables, self.seats, self.rounds) < 1:
            raise ValueError("tables, seats and rounds must be at least 1")

    def topic(self, table: int) -> Topic:
        return self.topics[table - 1] if table <= len(self.topics) else Topic()


@dataclass(frozen=True)
class Group:
    """The people at ``table`` (1-based) in ``round`` (1-based), ids ascending."""

    round: int
    table: int
    members: tuple[int, ...]
    reasons: tuple[Reason, ...]


@dataclass(frozen=True)
class TablePlan:
    groups: tuple[Group, ...]
    repeats: int  # pairs sitting together again in a later round
    mixed_tables: int  # groups with at least MIXED_INDUSTRIES industries
    colleague_pairs: int

    def rounds(self) -> list[list[Group]]:
        by_round: dict[int, list[Group]] = {}
        for group in self.groups:
            by_round.setdefault(group.round, []).append(group)
        return [by_round[r] for r in sorted(by_round)]


class TooManyPeople(ValueError):
    """More attendees than the layout has seats in one round."""


def form_tables(attendees: Sequence[Attendee], layout: Layout, seed: int = 0,
                weights: Weights = Weights(), synonyms: Synonyms = NO_SYNONYMS) -> TablePlan:
    """The groups of every round, their reasons and the report figures."""
    if len(attendees) > layout.tables * layout.seats:
        raise TooManyPeople(f"{len(attendees)} people for {layout.tables * layout.seats} seats")
    people = sorted(attendees, key=lambda a: a.id)
    table = _Costs(people, layout, weights, synonyms)
    rng = random.Random(seed)  # nosec B311  # a seeded, repeatable plan, not security
    rounds: list[list[list[int]]] = []
    for _ in range(layout.rounds):
        tables = _improved(table, _start(table, rounds, rng))
        rounds.append(tables)
        table.remember(tables)
    return _plan(table, rounds)


# A cost is one integer: colleague pairs weigh more than any number of repeated pairs,
# which weigh more than any difference in worth, so comparing costs is lexicographic.
REPEAT = 10**6
COLLEAGUES = 10**12


class _Costs:
    """Precomputed facts (indices into ``people``): interest in each table's topic, and
    the cost of each pair sitting together (colleagues, met before, same cluster)."""

    def __init__(self, people: list[Attendee], layout: Layout, weights: Weights,
                 synonyms: Synonyms) -> None:
        self.people, self.layout, self.weights, self.synonyms = people, layout, weights, synonyms
        self.org = [tag_key(a.organisation) for a in people]
        cluster = [tag_key(cluster_of(a)) for a in people]
        self.industry = [a.industry for a in people]
        self.interest = [[self.interest_of(a, layout.topic(t)) for t in range(1, layout.tables + 1)]
                         for a in people]
        self.pair = [[COLLEAGUES * (self.org[a] == self.org[b])
                      - weights.same_cluster * (bool(cluster[a]) and cluster[a] == cluster[b])
                      for b in range(len(people))] for a in range(len(people))]
        self.capacity = [min(layout.seats, -(-len(people) // layout.tables))] * layout.tables

    def interest_of(self, a: Attendee, topic: Topic) -> int:
        themes, keywords = _shared(a, topic, self.synonyms)
        return len(themes) * self.weights.shared_theme + len(keywords) * self.weights.shared_keyword

    def remember(self, tables: list[list[int]]) -> None:
        """Who sat together this round costs a repeat in the next ones."""
        for members in tables:
            for a, b in combinations(members, 2):
                self.pair[a][b] += REPEAT
                self.pair[b][a] += REPEAT

    def worth(self, index: int, members: Sequence[int]) -> int:
        """Interest in the topic and the industries mixed (the pair terms aside)."""
        return (sum(self.interest[m][index] for m in members)
                + self.weights.cross_industry * len({self.industry[m] for m in members}))

    def cost(self, index: int, members: Sequence[int]) -> int:
        pairs = sum(self.pair[a][b] for a, b in combinations(members, 2))
        return pairs - self.worth(index, members)

    def changed(self, index: int, members: list[int], cost: int, out: int | None,
                into: int | None) -> tuple[list[int], int]:
        """Table ``index`` after member ``out`` (a position) leaves and ``into`` (a person)
        joins, and its new cost, computed from ``cost`` in time linear in the table."""
        rest = members if out is None else members[:out] + members[out + 1:]
        new = rest if into is None else [*rest, into]
        industries = {self.industry[m] for m in rest}
        for person, sign in ((None if out is None else members[out], -1), (into, 1)):
            if person is not None:
                cost += sign * (sum(self.pair[person][m] for m in rest)
                                - self.interest[person][index]
                                - self.weights.cross_industry * (self.industry[person] not in industries))
        return new, cost


def _total(costs: _Costs, tables: list[list[int]]) -> int:
    return sum(costs.cost(index, members) for index, members in enumerate(tables))


def _start(costs: _Costs, earlier: list[list[list[int]]], rng: random.Random) -> list[list[int]]:
    """The better of two deals: by organisation, largest first (colleagues apart), and
    along the previous round's tables (its tablemates apart)."""
    order = list(range(len(costs.people)))
    rng.shuffle(order)
    size: dict[str, int] = {}
    for i in order:
        size[costs.org[i]] = size.get(costs.org[i], 0) + 1
    by_org = sorted(order, key=lambda i: (-size[costs.org[i]], costs.org[i]))
    starts = [_deal(costs, by_org)]
    if earlier:
        starts.append(_deal(costs, [i for members in earlier[-1] for i in members]))
    return min(starts, key=lambda tables: _total(costs, tables))


def _deal(costs: _Costs, order: list[int]) -> list[list[int]]:
    """Round-robin over the tables with room: consecutive people land at different tables."""
    tables: list[list[int]] = [[] for _ in costs.capacity]
    table = 0
    for person in order:
        while len(tables[table]) >= costs.capacity[table]:
            table = (table + 1) % len(tables)
        tables[table].append(person)
        table = (table + 1) % len(tables)
    return tables


def _improved(costs: _Costs, tables: list[list[int]]) -> list[list[int]]:
    """Moves to a table with room and swaps between tables, while one lowers the cost."""
    current = [costs.cost(i, members) for i, members in enumerate(tables)]
    for _ in range(MAX_PASSES):
        changed = False
        for x, y in combinations(range(len(tables)), 2):
            changed |= _improve_pair(costs, tables, current, x, y)
        if not changed:
            break
    return tables


def _improve_pair(costs: _Costs, tables: list[list[int]], current: list[int],
                  x: int, y: int) -> bool:
    changed = False
    for i in range(len(tables[x])):
        for j in range(len(tables[y])):
            changed |= _better(costs, tables, current, (x, i, tables[y][j]), (y, j, tables[x][i]))
    for source, target in ((x, y), (y, x)):
        for i in range(len(tables[source])):
            if len(tables[target]) >= costs.capacity[target] or len(tables[source]) <= len(tables[target]):
                break
            changed |= _better(costs, tables, current, (source, i, None), (target, None, tables[source][i]))
    return changed


Change = tuple[int, int | None, int | None]  # table, position leaving, person joining


def _better(costs: _Costs, tables: list[list[int]], current: list[int],
            first: Change, second: Change) -> bool:
    """Apply the two tables' change when it lowers their cost."""
    (x, out_x, into_x), (y, out_y, into_y) = first, second
    new_x, cost_x = costs.changed(x, tables[x], current[x], out_x, into_x)
    new_y, cost_y = costs.changed(y, tables[y], current[y], out_y, into_y)
    if cost_x + cost_y >= current[x] + current[y]:
        return False
    tables[x], tables[y], current[x], current[y] = new_x, new_y, cost_x, cost_y
    return True


def _plan(costs: _Costs, rounds: list[list[list[int]]]) -> TablePlan:
    groups: list[Group] = []
    seen: set[tuple[int, int]] = set()
    repeats = colleagues = mixed = 0
    for number, tables in enumerate(rounds, start=1):
        for index, members in enumerate(tables):
            ids = tuple(sorted(costs.people[m].id for m in members))
            pairs = set(combinations(ids, 2))
            repeats += len(pairs & seen)
            seen |= pairs
            colleagues += sum(costs.org[a] == costs.org[b] for a, b in combinations(members, 2))
            mixed += len({costs.industry[m] for m in members}) >= MIXED_INDUSTRIES
            groups.append(Group(number, index + 1, ids, _reasons(costs, index, members)))
    return TablePlan(tuple(groups), repeats, mixed, colleagues)


def _shared(a: Attendee, topic: Topic, synonyms: Synonyms) -> tuple[list[str], list[str]]:
    """The topic's themes the attendee has, and its keywords among their tags."""
    tags = {synonyms.key(t) for t in (*a.keywords, *a.offers, *a.seeks)}
    themes = sorted(a.themes & topic.themes)
    return themes, [k for k in topic.keywords if synonyms.key(k) in tags]


def _reasons(costs: _Costs, index: int, members: list[int]) -> tuple[Reason, ...]:
    """Why this group: themes and keywords of the topic at least two share, the
    industries and clusters it mixes."""
    topic = costs.layout.topic(index + 1)
    themes: dict[str, int] = {}
    keywords: dict[str, int] = {}
    for m in members:
        own_themes, own_keywords = _shared(costs.people[m], topic, costs.synonyms)
        for theme in own_themes:
            themes[theme] = themes.get(theme, 0) + 1
        for keyword in own_keywords:
            keywords[keyword] = keywords.get(keyword, 0) + 1
    reasons = []
    if shared := tuple(sorted(t for t, n in themes.items() if n >= 2)):
        reasons.append(Reason("shared_themes", {"themes": shared}))
    if shared := tuple(k for k in topic.keywords if keywords.get(k, 0) >= 2):
        reasons.append(Reason("shared_keywords", {"keywords": shared}))
    industries = tuple(sorted({costs.industry[m] for m in members}))
    if len(industries) >= 2:
        reasons.append(Reason("cross_industry", {"industries": industries}))
    clusters = sorted({cluster_of(costs.people[m]) for m in members} - {""}, key=tag_key)
    if len(clusters) >= 2:
        reasons.append(Reason("table_clusters", {"clusters": tuple(clusters)}))
    return tuple(reasons)
