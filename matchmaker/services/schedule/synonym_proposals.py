"""Synonym groups the model proposes for the organiser to accept (similar interests).

A proposal joins the event's tags that the model puts close (``similar_tags``), by
connected groups: tags already in one synonym group stand together, so a proposal may
extend a group ("Wasserstoff = Hydrogen = H2" with "H2-Elektrolyse"). Accepting writes it
into the event's synonym list: the groups it touches become one line where the first of
them stood (comments and every other line stay as written), or a new last line.
"""

from __future__ import annotations

from ...extensions import db
from ...matching.scoring import tag_spellings
from ...matching.synonyms import parse_synonyms, tag_key
from ...models import Event
from .matching_settings import set_synonyms, synonym_text
from .similar_tags import enabled, event_spellings, similar_pairs


def synonym_proposals(event: Event) -> list[tuple[str, ...]]:
    """Each proposed group's members (as spelled, existing group members first), sorted;
    empty when similar interests are off. Reads stored vectors only."""
    if not enabled():
        return []
    synonyms = parse_synonyms(synonym_text(event))
    members: dict[str, list[str]] = {}
    for group in synonyms.groups:
        members[synonyms.key(group[0])] = list(group)
    for key, spelling in event_spellings(event).items():
        members.setdefault(synonyms.key(key), [spelling])
    parent: dict[str, str] = {}

    def root(key: str) -> str:
        while parent.get(key, key) != key:
            key = parent[key]
        return key

    for a, b in similar_pairs(event):
        ka, kb = root(synonyms.key(a)), root(synonyms.key(b))
        if ka != kb:
            parent[max(ka, kb)] = min(ka, kb)
    groups: dict[str, list[str]] = {}
    for key in sorted(set(parent) | set(parent.values())):
        groups.setdefault(root(key), []).extend(members.get(key, [key]))
    return sorted(tuple(dict(tag_spellings(g)).values()) for g in groups.values() if len(g) > 1)


def accept_synonym_group(event: Event, members: list[str]) -> None:
    """Write the group `members` into the event's synonym list, merged with the groups
    it touches; raises DomainError as `set_synonyms` does. Flushes."""
    keys = {tag_key(m) for m in members}
    merged = dict(tag_spellings(members))
    kept: list[str | None] = []
    for line in synonym_text(event).splitlines():
        stripped = line.strip()
        if stripped and not stripped.startswith("#"):
            line_members = [" ".join(m.split()) for m in stripped.split("=")]
            if {tag_key(m) for m in line_members} & keys:
                merged = {**tag_spellings(line_members), **merged}
                if None not in kept:
                    kept.append(None)
                continue
        kept.append(line)
    group = " = ".join(merged.values())
    lines = [group if line is None else line for line in kept]
    set_synonyms(event, "\n".join(lines if None in kept else [*lines, group]) + "\n")
    db.session.flush()
