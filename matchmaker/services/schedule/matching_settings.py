"""An event's matchmaking settings: the policy, the weights, "compact days" and the
synonym list of interest tags.

The dashboard's settings page and the console commands call these; they flush but do not
commit. The synonym list is stored as the organiser wrote it (one group per line); an
event that never stored one uses the engine's starter list.
"""

from dataclasses import asdict, fields, replace

from sqlalchemy import select

from ... import matching
from ...extensions import db
from ...matching.scoring import tag_spellings
from ...matching.synonyms import SynonymError, Synonyms, parse_synonyms, starter_text
from ...models import Attendee, AttendeeStatus, Event
from .. import DomainError
from .similar_tags import with_similar_interests


def set_matching_policy(event: Event, policy: str) -> None:
    """Choose "balanced" (fair shares first) or "total" (best total) for the event."""
    if policy not in matching.POLICIES:
        raise DomainError("unknown_matching_policy", policy=policy)
    event.matching_policy = policy
    db.session.flush()


def set_compact_days(event: Event, on: bool) -> None:
    """Let the engine re-time meetings so that attendees wait fewer idle slots (or not)."""
    event.compact_days = on
    db.session.flush()


# The range an organiser may give a weight; the defaults are ``matching.Weights``'s.
WEIGHT_RANGE = (-100, 200)


def event_weights(event: Event) -> matching.Weights:
    """The engine's weights with the event's own choices applied."""
    known = {f.name for f in fields(matching.Weights)}
    return replace(matching.Weights(), **{name: value for name, value in
                                          (event.matching_weights or {}).items() if name in known})


def set_weights(event: Event, weights: dict[str, int]) -> None:
    """Keep only the weights that differ from the defaults (so new defaults reach events
    that never changed them)."""
    defaults = asdict(matching.Weights())
    low, high = WEIGHT_RANGE
    if set(weights) - set(defaults) or any(not low <= v <= high for v in weights.values()):
        raise DomainError("weight_out_of_range", low=low, high=high)
    event.matching_weights = {name: value for name, value in weights.items()
                              if value != defaults[name]}
    db.session.flush()


def synonym_text(event: Event) -> str:
    """The event's synonym list as text, one `a = b = c` group per line."""
    return starter_text() if event.tag_synonyms is None else event.tag_synonyms


def set_synonyms(event: Event, text: str) -> None:
    """Replace the event's synonym list; raise DomainError (code `synonym_line_malformed`
    or `synonym_in_two_groups`, with the `line`) and store nothing if a line is wrong."""
    try:
        parse_synonyms(text)
    except SynonymError as error:
        raise DomainError(error.code, line=error.line) from None
    event.tag_synonyms = text
    db.session.flush()


def event_synonyms(event: Event) -> Synonyms:
    """The parsed list; a stored list is valid, it was checked when it was set. With
    similar interests on, it carries the tag pairs a model put close (``similar_tags``)."""
    return with_similar_interests(event, parse_synonyms(synonym_text(event)))


def tag_suggestions(event: Event) -> list[str]:
    """Tags to suggest as people type: those already used in the event (registered or
    waiting), then the synonym list's, each spelling once (case-folded), sorted. Reads
    the list's groups only: the public form must not load the similar interests' vectors."""
    rows = db.session.execute(
        select(Attendee.keywords, Attendee.offers, Attendee.seeks)
        .where(Attendee.event_id == event.id,
               Attendee.status.in_((AttendeeStatus.REGISTERED, AttendeeStatus.WAITLISTED)))
    )
    used = [tag for row in rows for tags in row for tag in tags or ()]
    spellings = tag_spellings([*used, *parse_synonyms(synonym_text(event)).tags()])
    return sorted(spellings.values(), key=str.casefold)
