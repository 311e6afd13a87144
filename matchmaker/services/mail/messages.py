"""An e-mail an organiser writes to a selection of attendees, through the normal outbox.

Each recipient gets the text with their own salutation and private link; the text is
plain (escaped in the HTML part), so nothing typed into the form becomes markup.
"""

from dataclasses import dataclass

from sqlalchemy import select

from ...extensions import db
from ...models import Attendee, AttendeeStatus, Event, OutgoingMail
from .. import DomainError
from ..audit import record
from .notifications import compose, render_mail

MAX_SUBJECT = 200
MAX_BODY = 10_000


@dataclass(frozen=True)
class Message:
    subject: str
    body: str


def recipients(event: Event, attendee_ids: list[int]) -> list[Attendee]:
    """The selected attendees of this event; cancelled ones get no more messages."""
    return list(db.session.scalars(select(Attendee).where(
        Attendee.event_id == event.id, Attendee.id.in_(attendee_ids),
        Attendee.status != AttendeeStatus.CANCELLED).order_by(Attendee.number)))


def preview(event: Event, attendee_ids: list[int], message: Message) -> OutgoingMail | None:
    """The mail the first recipient would get (not stored); None without recipients."""
    check(message)
    people = recipients(event, attendee_ids)
    if not people:
        return None
    return render_mail(people[0], "message", subject=message.subject, message=message.body.strip())


def send_message(event: Event, attendee_ids: list[int], message: Message,
                 actor: str) -> list[OutgoingMail]:
    """Record one mail per recipient (sent after the commit, like every mail)."""
    check(message)
    people = recipients(event, attendee_ids)
    if not people:
        raise DomainError("no_recipients")
    mails = [compose(attendee, "message", subject=message.subject, message=message.body.strip())
             for attendee in people]
    record(event, actor, "message_sent", None,
           {"subject": message.subject, "recipients": len(mails)})
    return mails


def check(message: Message) -> None:
    if not message.subject.strip() or not message.body.strip():
        raise DomainError("message_empty")
    if len(message.subject) > MAX_SUBJECT or len(message.body) > MAX_BODY:
        raise DomainError("message_too_long")
