"""A published schedule for the tests of attendees moving, cancelling and filling meetings."""

from matchmaker.extensions import db
from matchmaker.models import Event, Meeting, OutgoingMail, ScheduleRun, utcnow
from tests.support.factories import post_form


def publish_now(event: Event) -> None:
    """The schedule as it stands is the published one (as after a run and publishing)."""
    db.session.add(ScheduleRun(event_id=event.id, quality={}, published_at=utcnow()))
    db.session.commit()


def post(client, attendee, path, **fields):
    return post_form(client, f"/me/{attendee.token}{path}", token_from=f"/me/{attendee.token}/cancel",
                     **fields)


def mails_to(attendee, kind: str) -> list[OutgoingMail]:
    return list(db.session.scalars(db.select(OutgoingMail).where(
        OutgoingMail.attendee_id == attendee.id, OutgoingMail.kind == kind)))


def slot_of(meeting_id: int) -> int:
    db.session.expire_all()
    return db.session.get_one(Meeting, meeting_id).slot.number
