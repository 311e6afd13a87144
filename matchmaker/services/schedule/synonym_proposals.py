"""Synonym groups the model proposes for the organiser to accept (similar interests).

A proposal joins event tags that the model puts close to each other (``similar_tags``),
never a chain of which two ends are far apart; tags already in one synonym group stand
together, so a proposal may extend a group ("Wasserstoff = Hydrogen = H2" with
"H2-Elektrolyse"). Accepting writes it into the event's synonym list: the groups it
touches become one line where the first of them stood (comments and every other line
stay as written), or a new last line.
"""

from __future__ import annotations

from ...extensions import db
from ...matching.scoring import tag_spellings
from ...matching.synonyms import Synonyms, parse_synonyms, tag_key
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
    groups = close_groups(synonyms.with_similar(similar_pairs(event)))
    return sorted(tuple(dict(tag_spellings(m for key in group for m in members.get(key, [key])))
                        .values()) for group in groups)


def close_groups(synonyms: Synonyms) -> list[list[str]]:
    """Groups of (synonym) keys each close to every other, greedily in sorted order: a
    chain A~B~C with A and C far apart is never one group (accepted, A would match C)."""
    taken: set[str] = set()
    groups = []
    for key, near in synonyms.similar_pairs():
        if key in taken or near in taken:
            continue
        group = [key, near]
        for other in sorted(synonyms.near(key) - taken - {near}):
            if all(other in synonyms.near(member) for member in group[1:]):
                group.append(other)
        taken.update(group)
        groups.append(group)
    return groups


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
