"""Who takes part in an event's matchmaking, and whom an attendee may see of them: the
conditions shared by the participant list, the suggestions and their kept lists."""

from sqlalchemy import ColumnElement, select

from ...documents.collation import by_name
from ...extensions import db
from ...models import Attendee, AttendeeStatus, Event
from .meeting_requests import blocked_ids


def taking_part(event: Event) -> list[Attendee]:
    """Everybody who takes part in the event's matchmaking, in phone-book order."""
    candidates = db.session.scalars(select(Attendee).where(*taking_part_in(event.id)).order_by(Attendee.id))
    return by_name(candidates)


def taking_part_in(event_id: int) -> list[ColumnElement[bool]]:
    """Who takes part in the event's matchmaking, as SQL conditions."""
    return [Attendee.event_id == event_id, Attendee.status == AttendeeStatus.REGISTERED,
            Attendee.email_confirmed_at.is_not(None), Attendee.matching_consent_at.is_not(None),
            Attendee.wants_meetings.is_(True)]


def visible_to(attendee: Attendee) -> list[ColumnElement[bool]]:
    """``participants.others_for`` as SQL conditions: taking part, not them, not blocked
    either way."""
    return [*taking_part_in(attendee.event_id), Attendee.id.not_in(blocked_ids(attendee) | {attendee.id})]
