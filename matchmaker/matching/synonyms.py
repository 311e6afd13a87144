"""Synonym groups of interest tags: `KI = Künstliche Intelligenz = AI` makes the three match.

One group per line, members separated by `=`; blank lines and lines starting with `#`
are ignored. Members compare like tags (whitespace collapsed, case-folded). Every member
of a group gets the same key (its group's first member's), so matching is symmetric by
construction; a tag in no group keeps its own key. A line with fewer than two members, or
a tag in two groups, is an error naming the line.

Beside the groups, a list may carry `similar` pairs of tags (by `tag_key`): tags a
text-embedding model, outside the engine, put close in meaning (``similar.py`` scores
them, with fewer points than a literal match). Pairs whose tags share a group drop out.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from importlib import resources

STARTER_FILE = "synonyms.txt"


def tag_key(tag: str) -> str:
    """Comparison key of a tag or name: whitespace collapsed, case-folded."""
    return " ".join(tag.split()).casefold()


class SynonymError(ValueError):
    """A malformed synonym list: `code` says what, `line` (1-based) where."""

    def __init__(self, code: str, line: int) -> None:
        self.code, self.line = code, line
        super().__init__(f"line {line}: {code}")


@dataclass(frozen=True)
class Synonyms:
    """Groups of tags that mean the same; `key(tag)` is the tag's comparison key."""

    groups: tuple[tuple[str, ...], ...] = ()
    similar: frozenset[tuple[str, str]] = frozenset()
    _keys: dict[str, str] = field(init=False, repr=False, compare=False)
    _hash: int = field(init=False, repr=False, compare=False)
    _near: dict[str, frozenset[str]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        keys = {tag_key(tag): tag_key(group[0]) for group in self.groups for tag in group}
        object.__setattr__(self, "_keys", keys)
        object.__setattr__(self, "_hash", hash((self.groups, self.similar)))
        near: dict[str, set[str]] = {}
        for a, b in self.similar:
            ka, kb = self.key(a), self.key(b)
            if ka != kb:
                near.setdefault(ka, set()).add(kb)
                near.setdefault(kb, set()).add(ka)
        object.__setattr__(self, "_near", {k: frozenset(v) for k, v in near.items()})

    def __hash__(self) -> int:
        return self._hash

    def key(self, tag: str) -> str:
        own = tag_key(tag)
        return self._keys.get(own, own)

    def near(self, key: str) -> frozenset[str]:
        """The (synonym) keys similar to the (synonym) key `key`, never `key` itself."""
        return self._near.get(key, frozenset())

    def similar_pairs(self) -> list[tuple[str, str]]:
        """Every similar pair of (synonym) keys once, smaller first, sorted."""
        return sorted((a, b) for a, near in self._near.items() for b in near if a < b)

    def with_similar(self, pairs: Iterable[tuple[str, str]]) -> Synonyms:
        """The same groups with these similar tag pairs (any spelling, any order)."""
        keyed = ((tag_key(a), tag_key(b)) for a, b in pairs)
        return replace(self, similar=frozenset((min(a, b), max(a, b)) for a, b in keyed if a != b))

    def tags(self) -> Iterator[str]:
        """Every member of every group, in the list's order."""
        return (tag for group in self.groups for tag in group)

    def text(self) -> str:
        """The list as it is stored and edited: one `a = b = c` line per group."""
        return "".join(" = ".join(group) + "\n" for group in self.groups)


NO_SYNONYMS = Synonyms()


def parse_synonyms(text: str) -> Synonyms:
    """The groups of a synonym list; raise `SynonymError` on the first malformed line."""
    groups: list[tuple[str, ...]] = []
    seen: set[str] = set()
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        members = tuple(dict.fromkeys(" ".join(m.split()) for m in line.split("=")))
        if len(members) < 2 or not all(members) or len({tag_key(m) for m in members}) < 2:
            raise SynonymError("synonym_line_malformed", number)
        keys = {tag_key(m) for m in members}
        if keys & seen:
            raise SynonymError("synonym_in_two_groups", number)
        seen |= keys
        groups.append(members)
    return Synonyms(tuple(groups))


def starter_text() -> str:
    """The German/English starter list for cluster topics shipped with the engine."""
    return resources.files("matchmaker.matching").joinpath("data", STARTER_FILE).read_text(
        encoding="utf-8")
