"""People an attendee marked as interesting (favourites): to remember them, and a small
bonus in the matchmaking (``matching.Weights.favourite``; marked by both, a one-sided
request's weight). A favourite is private: the other person is never told, and the
reason shown names only one's own mark."""

from collections.abc import Sequence

from sqlalchemy import delete, select

from ...extensions import db
from ...models import Attendee, AttendeeFavourite, AttendeeNotInterested
from .. import DomainError


def mark(attendee: Attendee, other: Attendee, favourite: bool) -> None:
    """Mark ``other`` as a favourite of ``attendee`` (or unmark); doing it twice changes nothing."""
    if other.id == attendee.id or other.event_id != attendee.event_id:
        raise DomainError("not_available")
    if not favourite:
        db.session.execute(delete(AttendeeFavourite).where(
            AttendeeFavourite.attendee_id == attendee.id, AttendeeFavourite.favourite_id == other.id))
    elif other.id not in favourite_ids(attendee):
        db.session.add(AttendeeFavourite(attendee_id=attendee.id, favourite_id=other.id))
        db.session.execute(delete(AttendeeNotInterested).where(  # interesting after all
            AttendeeNotInterested.attendee_id == attendee.id, AttendeeNotInterested.other_id == other.id))
    db.session.flush()


def favourite_ids(attendee: Attendee) -> set[int]:
    """Whom the attendee marked as interesting."""
    return set(db.session.scalars(select(AttendeeFavourite.favourite_id)
                                  .where(AttendeeFavourite.attendee_id == attendee.id)))


def favourites_among(attendees: Sequence[Attendee]) -> dict[int, frozenset[int]]:
    """Each attendee's favourites among ``attendees``, for the engine."""
    ids = [a.id for a in attendees]
    marks: dict[int, set[int]] = {}
    for attendee_id, favourite_id in db.session.execute(
            select(AttendeeFavourite.attendee_id, AttendeeFavourite.favourite_id)
            .where(AttendeeFavourite.attendee_id.in_(ids), AttendeeFavourite.favourite_id.in_(ids))):
        marks.setdefault(attendee_id, set()).add(favourite_id)
    return {attendee_id: frozenset(marked) for attendee_id, marked in marks.items()}
