"""People an attendee marked "not interested": the engine never pairs the two (reason
``not_interested``, ``matching.behaviour``) and the suggestions no longer show them; the
mark can be taken back at any time. Private like a favourite: the other person is never
told. Marking someone "not interested" takes back one's "interesting" mark of them."""

from collections.abc import Sequence

from sqlalchemy import delete, select

from ...documents.collation import by_name
from ...extensions import db
from ...models import Attendee, AttendeeFavourite, AttendeeNotInterested
from .. import DomainError


def mark(attendee: Attendee, other: Attendee, not_interested: bool) -> None:
    """Mark ``other`` as "not interested" for ``attendee`` (or take it back); twice changes nothing."""
    if other.id == attendee.id or other.event_id != attendee.event_id:
        raise DomainError("not_available")
    if not not_interested:
        db.session.execute(delete(AttendeeNotInterested).where(
            AttendeeNotInterested.attendee_id == attendee.id, AttendeeNotInterested.other_id == other.id))
    elif other.id not in not_interested_ids(attendee):
        db.session.add(AttendeeNotInterested(attendee_id=attendee.id, other_id=other.id))
        db.session.execute(delete(AttendeeFavourite).where(
            AttendeeFavourite.attendee_id == attendee.id, AttendeeFavourite.favourite_id == other.id))
    db.session.flush()


def not_interested_ids(attendee: Attendee) -> set[int]:
    """Whom the attendee marked "not interested"."""
    return set(db.session.scalars(select(AttendeeNotInterested.other_id)
                                  .where(AttendeeNotInterested.attendee_id == attendee.id)))


def not_interested_people(attendee: Attendee) -> list[Attendee]:
    """The people the attendee marked who still take part (to take the mark back), by name."""
    people = db.session.scalars(
        select(Attendee).join(AttendeeNotInterested, AttendeeNotInterested.other_id == Attendee.id)
        .where(AttendeeNotInterested.attendee_id == attendee.id))
    return by_name(person for person in people if person.is_matchable)


def not_interested_among(attendees: Sequence[Attendee]) -> dict[int, frozenset[int]]:
    """Each attendee's "not interested" marks among ``attendees``, for the engine."""
    ids = [a.id for a in attendees]
    marks: dict[int, set[int]] = {}
    for attendee_id, other_id in db.session.execute(
            select(AttendeeNotInterested.attendee_id, AttendeeNotInterested.other_id)
            .where(AttendeeNotInterested.attendee_id.in_(ids))):
        marks.setdefault(attendee_id, set()).add(other_id)
    known = set(ids)
    return {attendee_id: frozenset(marked & known) for attendee_id, marked in marks.items()}
