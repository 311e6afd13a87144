"""Each attendee's best partners, kept so that a visit need not score everybody.

``ranked_partners`` gives the same partners, in the same order, as ranking the attendee
against everybody who takes part with the engine's score (``matching.suggestions``: score
first, then lower id; only positive scores). It reads the attendee's ``SuggestionList``:
the first ``LIST_LENGTH`` entries of that ranking when it was computed (all of them when
``complete``). Since then, only some pair scores can have changed, and these are scored
afresh with the engine's ``pair_score`` on every visit:

- pairs with somebody who changed what the score reads (``Attendee.scored_at`` later
  than the list, less ``MARGIN`` for a transaction that committed a little after it
  wrote): their profile, consent, status; newcomers too;
- pairs with a relation of their own, now or when the list was computed: a request
  either way (must-meet wishes, declines), a favourite either way, a "not interested"
  mark either way, a block by either or by an organiser. A new pair-level input of the
  score must be added to ``relation_queries``, a new field of the attendee that the score
  reads to ``models.SCORED_FIELDS``, a new event setting to ``settings_stamp``.

Entries of the kept list that are not rescored keep their place; a rescored partner
goes in where the ranking puts them, if that is within the kept entries. The lists of a
whole event are (re)computed at once by ``refresh_lists`` with the engine's vectorised
scorer: on the first visit, when the event's weights or synonyms changed, when its oldest
list is older than ``MAX_AGE``, or when more than ``MAX_CHANGED`` people changed since the
visitor's list; the visitor's list alone (``refresh_own``) when they changed what the
score reads of them or joined since. When too few kept entries are left to fill a page,
the visitor is ranked against everybody as before (``None``).
"""

import hashlib
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import Select, case, delete, func, insert, select

from ... import matching
from ...extensions import db
from ...models import (
    Attendee,
    AttendeeBlock,
    AttendeeFavourite,
    AttendeeNotInterested,
    BlockedPair,
    Event,
    MeetingRequest,
    SuggestionList,
    utcnow,
)
from ..schedule.matching_settings import event_synonyms, event_weights
from ..schedule.planning import engine_event
from .registration import lock_event
from .taking_part import taking_part, taking_part_in, visible_to

if TYPE_CHECKING:
    import numpy as np

LIST_LENGTH = 60
MARGIN = timedelta(seconds=10)
MAX_AGE = timedelta(hours=1)
MAX_CHANGED = 200

Ranked = list[tuple[int, int]]  # (partner id, score), best first


def ranked_partners(attendee: Attendee) -> tuple[list[int], bool] | None:
    """The first partners of the attendee's ranking, best first, among those they may see
    now (``taking_part.visible_to``), and whether that is all with a positive score;
    None when the attendee takes part in no list."""

    event = attendee.event
    kept, changed = current_list(event, attendee)
    if kept is None:
        return None
    rescored = (changed | relations_of(event, attendee.id) | set(kept.touched)) - {attendee.id}
    others = list(db.session.scalars(select(Attendee).where(*visible_to(attendee), Attendee.id.in_(rescored))))
    ranking = merged(kept, rescored, pair_scores(event, attendee, others))
    allowed = set(db.session.scalars(select(Attendee.id).where(
        *visible_to(attendee), Attendee.id.in_([partner for partner, _ in ranking]))))
    return [partner for partner, _ in ranking if partner in allowed], kept.complete


def current_list(event: Event, attendee: Attendee) -> tuple[SuggestionList | None, set[int]]:
    """The attendee's kept list and who changed since it was computed. The whole event's
    lists are recomputed first when there are none, one was made under other weights or
    synonyms or is older than ``MAX_AGE``, or more than ``MAX_CHANGED`` people changed
    since the attendee's; only the attendee's own when it is missing or they changed."""
    stamp = settings_stamp(event)
    if lists_stale(event, stamp):
        refresh_lists(event)
    else:
        kept = db.session.get(SuggestionList, attendee.id)
        changed = set() if kept is None else changed_since(event, kept.computed_at - MARGIN)
        if kept is not None and attendee.id not in changed and len(changed) <= MAX_CHANGED:
            return kept, changed
        if len(changed) > MAX_CHANGED:
            refresh_lists(event)
        else:
            refresh_own(event, attendee, stamp)
    kept = db.session.get(SuggestionList, attendee.id, populate_existing=True)
    return kept, set() if kept is None else changed_since(event, kept.computed_at - MARGIN)


def lists_stale(event: Event, stamp: str) -> bool:
    """No lists, one made under other weights or synonyms, or the oldest too old."""
    oldest, other_settings = db.session.execute(
        select(func.min(SuggestionList.computed_at), func.sum(case((SuggestionList.settings != stamp, 1), else_=0)))
        .where(SuggestionList.event_id == event.id)).one()
    return oldest is None or bool(other_settings) or oldest < utcnow() - MAX_AGE


def settings_stamp(event: Event) -> str:
    """What of the event's settings the score depends on, as a short fingerprint: weights,
    synonyms with the similar tag pairs, and the earlier event whose feedback adds a bonus."""
    synonyms = event_synonyms(event)
    text = repr((event_weights(event), synonyms.groups, synonyms.similar_pairs(), event.feedback_bonus_from_id))
    return hashlib.sha256(text.encode()).hexdigest()


def changed_since(event: Event, moment: datetime) -> set[int]:
    return set(db.session.scalars(select(Attendee.id).where(
        Attendee.event_id == event.id, Attendee.scored_at > moment)))


def relation_queries(event: Event) -> list[Select[int, int]]:
    """The event's pairs with a request, a favourite, a "not interested" mark or a block
    (either way round)."""
    return [
        select(MeetingRequest.requester_id, MeetingRequest.target_id)
        .join(Attendee, Attendee.id == MeetingRequest.requester_id).where(Attendee.event_id == event.id),
        select(AttendeeFavourite.attendee_id, AttendeeFavourite.favourite_id)
        .join(Attendee, Attendee.id == AttendeeFavourite.attendee_id).where(Attendee.event_id == event.id),
        select(AttendeeNotInterested.attendee_id, AttendeeNotInterested.other_id)
        .join(Attendee, Attendee.id == AttendeeNotInterested.attendee_id).where(Attendee.event_id == event.id),
        select(AttendeeBlock.blocker_id, AttendeeBlock.blocked_id)
        .join(Attendee, Attendee.id == AttendeeBlock.blocker_id).where(Attendee.event_id == event.id),
        select(BlockedPair.attendee_a_id, BlockedPair.attendee_b_id).where(BlockedPair.event_id == event.id),
    ]


def relations_of(event: Event, attendee_id: int) -> set[int]:
    """Whom the attendee has a request, a favourite, a "not interested" mark or a block with."""
    related = set()
    for query in relation_queries(event):
        first, second = query.selected_columns[0], query.selected_columns[1]
        for a, b in db.session.execute(query.where((first == attendee_id) | (second == attendee_id))):
            related.add(b if a == attendee_id else a)
    return related


def all_relations(event: Event) -> dict[int, set[int]]:
    related: dict[int, set[int]] = {}
    for query in relation_queries(event):
        for a, b in db.session.execute(query):
            related.setdefault(a, set()).add(b)
            related.setdefault(b, set()).add(a)
    return related


def pair_scores(event: Event, attendee: Attendee, others: list[Attendee]) -> dict[int, int]:
    """The engine's score of the attendee with each of ``others`` (0: may not meet)."""
    if not others:
        return {}
    inputs = engine_event(event, [attendee, *others])
    me, *rest = inputs.attendees
    return {other.id: matching.pair_score(me, other, inputs.weights, inputs.blocked_pairs,
                                          inputs.synonyms).score for other in rest}


def merged(kept: SuggestionList, rescored: set[int], fresh: dict[int, int]) -> Ranked:
    """The kept ranking with the rescored partners taken out and put back where their
    fresh score ranks them, within the kept entries (anywhere if the list is complete)."""
    ranking = [(partner, score) for partner, score in kept.partners if partner not in rescored]
    last = (-kept.partners[-1][1], kept.partners[-1][0]) if kept.partners and not kept.complete else None
    for partner, score in fresh.items():
        if score > 0 and (last is None or (-score, partner) <= last):
            ranking.append((partner, score))
    return sorted(ranking, key=lambda entry: (-entry[1], entry[0]))


def refresh_lists(event: Event) -> None:
    """Rank everybody who takes part against everybody, with the engine's vectorised
    scorer, and keep the first ``LIST_LENGTH`` partners of each (replacing the old lists)."""
    from ...matching.matrix import ScoreMatrix  # numpy and scipy: loaded when used

    computed_at = utcnow()
    people = sorted(taking_part(event), key=lambda a: a.id)
    related = all_relations(event)
    settings = settings_stamp(event)
    rows = []
    if people:
        inputs = engine_event(event, people)
        # Read again: a relation made after the first reading is in the engine's input,
        # and its pair must be rescored on every visit even once the relation is undone.
        for attendee_id, others in all_relations(event).items():
            related.setdefault(attendee_id, set()).update(others)
        matrix = ScoreMatrix(inputs)
        for start, scores in matrix.blocks():
            for offset, (partners, complete) in enumerate(top_entries(matrix.ids, scores)):
                attendee_id = int(matrix.ids[start + offset])
                rows.append({"attendee_id": attendee_id, "event_id": event.id, "computed_at": computed_at,
                             "settings": settings, "partners": partners, "complete": complete,
                             "touched": sorted(related.get(attendee_id, ()))})
    lock_event(event)  # two visitors refreshing at once: the second waits, then replaces
    db.session.execute(delete(SuggestionList).where(SuggestionList.event_id == event.id))
    if rows:
        db.session.execute(insert(SuggestionList), rows)


def refresh_own(event: Event, attendee: Attendee, settings: str) -> None:
    """Rank the attendee alone against everybody who takes part (after they changed, or
    when they joined after the event's lists were computed) and keep their list."""
    from ...matching.matrix import ScoreMatrix  # numpy and scipy: loaded when used

    computed_at = utcnow()
    touched = relations_of(event, attendee.id)
    people = list(db.session.scalars(select(Attendee).where(*taking_part_in(event.id)).order_by(Attendee.id)))
    rows = []
    if any(person.id == attendee.id for person in people):
        inputs = engine_event(event, people)
        touched |= relations_of(event, attendee.id)  # as in ``refresh_lists``
        matrix = ScoreMatrix(inputs)
        position = matrix.position[attendee.id]
        [(partners, complete)] = top_entries(matrix.ids, matrix.block(position, position + 1))
        rows.append({"attendee_id": attendee.id, "event_id": event.id, "computed_at": computed_at,
                     "settings": settings, "partners": partners, "complete": complete, "touched": sorted(touched)})
    lock_event(event)  # as in ``refresh_lists``
    db.session.execute(delete(SuggestionList).where(SuggestionList.attendee_id == attendee.id))
    if rows:
        db.session.execute(insert(SuggestionList), rows)


def top_entries(ids: "np.ndarray", scores: "np.ndarray") -> list[tuple[list[list[int]], bool]]:
    """Per row of ``scores``: its ``LIST_LENGTH`` best positive entries (higher score, then
    lower id; columns follow ``ids`` in ascending order), and whether that is all of them."""
    import numpy as np  # loaded when used: the app starts without it
    n = scores.shape[1]
    key = scores.astype(np.int64) * (n + 1) + (n - np.arange(n))[None, :]  # unique per row
    k = min(LIST_LENGTH, n)
    columns = np.argpartition(-key, k - 1, axis=1)[:, :k] if k < n else np.tile(np.arange(n), (len(scores), 1))
    result: list[tuple[list[list[int]], bool]] = []
    for position, (row, chosen) in enumerate(zip(scores, columns, strict=True)):
        chosen = chosen[np.argsort(-key[position, chosen])]
        chosen = chosen[row[chosen] > 0]
        result.append(([[int(ids[c]), int(row[c])] for c in chosen], int((row > 0).sum()) <= LIST_LENGTH))
    return result
