"""Similar interests of an event: which of its tags a text-embedding model puts close.

Vectors are computed once per distinct normalised tag and model and kept in the database
(``TagVector``); ``embed_event_tags`` computes the missing ones and runs where a wait of
seconds is fine (the matchmaking run, the organiser's "update proposals"). Everything
else (suggestions, a run's scores) only reads them: ``with_similar_interests`` adds the
pairs at or above the model's threshold to the event's synonym list, and gives it back as
it was when the `semantic` extra is not installed or ``SIMILAR_INTERESTS`` is off.
"""

from __future__ import annotations

from collections.abc import Iterable

from flask import current_app
from sqlalchemy import func, select

from ... import embeddings
from ...extensions import db
from ...matching.scoring import tag_spellings
from ...matching.synonyms import Synonyms
from ...models import Attendee, AttendeeStatus, Event, TagVector

MAX_TAG = 200  # longer tags (none the forms allow) are never embedded
KEPT_EVENTS = 64  # events whose similar pairs a process keeps (``similar_pairs``)

_kept_pairs: dict[int, tuple[tuple, frozenset[tuple[str, str]]]] = {}


def enabled() -> bool:
    """Whether similar interests count in this app: the setting and the extra."""
    return bool(current_app.config.get("SIMILAR_INTERESTS", True)) and embeddings.available()


def event_spellings(event: Event) -> dict[str, str]:
    """The event's tags (registered or waiting attendees) by normalised key, each with
    its first spelling."""
    rows = db.session.execute(
        select(Attendee.keywords, Attendee.offers, Attendee.seeks)
        .where(Attendee.event_id == event.id,
               Attendee.status.in_((AttendeeStatus.REGISTERED, AttendeeStatus.WAITLISTED)))
        .order_by(Attendee.id))
    return tag_spellings(tag for row in rows for tags in row for tag in tags or ())


def event_tags(event: Event) -> list[str]:
    """The distinct normalised tags of the event's registered or waiting attendees."""
    return sorted(k for k in event_spellings(event) if len(k) <= MAX_TAG)


def embed_event_tags(event: Event) -> int:
    """Compute and store the vectors the event's tags lack; flushes. Returns how many."""
    if not enabled():
        return 0
    tags = event_tags(event)
    missing = sorted(set(tags) - set(stored_vectors(tags)))
    for tag, vector in zip(missing, embeddings.encode(missing), strict=True):
        db.session.add(TagVector(model=embeddings.MODEL, tag=tag,
                                 vector=vector.astype("<f4").tobytes()))
    db.session.flush()
    return len(missing)


def stored_vectors(tags: Iterable[str]) -> dict:
    """The stored vectors of `tags` (normalised), as float32 arrays by tag."""
    import numpy as np

    wanted = list(tags)
    found = {}
    for start in range(0, len(wanted), 500):  # bounded IN lists
        rows = db.session.execute(select(TagVector.tag, TagVector.vector).where(
            TagVector.model == embeddings.MODEL, TagVector.tag.in_(wanted[start:start + 500])))
        found.update({tag: np.frombuffer(vector, dtype="<f4") for tag, vector in rows})
    return found


def similar_pairs(event: Event) -> frozenset[tuple[str, str]]:
    """Pairs of the event's tags at or above the model's threshold, from stored vectors.

    Reading every attendee's tags costs a quarter of a second at 5,000 attendees, and the
    suggestions page needs the pairs on every visit: a process keeps them per event until
    the event's attendees (``Attendee.scored_at``, which tag edits move) or the stored
    vectors change, which two small queries tell."""
    version = pairs_version(event)
    kept = _kept_pairs.get(event.id)
    if kept is not None and kept[0] == version:
        return kept[1]
    pairs = frozenset(compute_similar_pairs(event))
    if len(_kept_pairs) >= KEPT_EVENTS:
        _kept_pairs.clear()
    _kept_pairs[event.id] = (version, pairs)
    return pairs


def pairs_version(event: Event) -> tuple:
    """What the event's similar pairs depend on: its database, its attendees' last change
    and number, and the stored vectors."""
    attendees = db.session.execute(select(func.count(), func.max(Attendee.scored_at))
                                   .where(Attendee.event_id == event.id)).one()
    vectors = db.session.execute(select(func.count(), func.max(TagVector.id))
                                 .where(TagVector.model == embeddings.MODEL)).one()
    return (str(db.engine.url), tuple(attendees), tuple(vectors))


def compute_similar_pairs(event: Event) -> set[tuple[str, str]]:
    import numpy as np

    vectors = stored_vectors(event_tags(event))
    tags = sorted(vectors)
    if len(tags) < 2:
        return set()
    return embeddings.close_pairs(tags, np.stack([vectors[t] for t in tags]))


def with_similar_interests(event: Event, synonyms: Synonyms) -> Synonyms:
    """`synonyms` with the event's similar tag pairs (unchanged when not `enabled`)."""
    if not enabled():
        return synonyms
    return synonyms.with_similar(similar_pairs(event))
