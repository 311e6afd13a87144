"""An event's matchmaking settings: the policy and the synonym list of interest tags.

The dashboard's settings page and the console commands call these; they flush but do not
commit. The synonym list is stored as the organiser wrote it (one group per line); an
event that never stored one uses the engine's starter list.
"""

from sqlalchemy import select

from .. import matching
from ..extensions import db
from ..matching.scoring import tag_spellings
from ..matching.synonyms import SynonymError, Synonyms, parse_synonyms, starter_text
from ..models import Attendee, AttendeeStatus, Event
from . import DomainError


def set_matching_policy(event: Event, policy: str) -> None:
    """Choose "balanced" (fair shares first) or "total" (best total) for the event."""
    if policy not in matching.POLICIES:
        raise DomainError("unknown_matching_policy", policy=policy)
    event.matching_policy = policy
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
    """The parsed list; a stored list is valid, it was checked when it was set."""
    return parse_synonyms(synonym_text(event))


def tag_suggestions(event: Event) -> list[str]:
    """Tags to suggest as people type: those already used in the event (registered or
    waiting), then the synonym list's, each spelling once (case-folded), sorted."""
    rows = db.session.execute(
        select(Attendee.keywords, Attendee.offers, Attendee.seeks)
        .where(Attendee.event_id == event.id,
               Attendee.status.in_((AttendeeStatus.REGISTERED, AttendeeStatus.WAITLISTED)))
    )
    used = [tag for row in rows for tags in row for tag in tags or ()]
    spellings = tag_spellings([*used, *event_synonyms(event).tags()])
    return sorted(spellings.values(), key=str.casefold)
