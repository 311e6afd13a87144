"""A published event with something of each kind, for the tests generated over every route
(the access matrix and the fuzz test): their ids fill the routes' URL arguments."""

from dataclasses import dataclass
from datetime import datetime, time

from sqlalchemy import or_, select

from matchmaker.exchange.programme_file import SessionRow
from matchmaker.extensions import db
from matchmaker.models import Attendee, Event, Meeting
from matchmaker.services.attendees.meeting_requests import block, send_request
from matchmaker.services.programme.choices import choose_session
from matchmaker.services.programme.sessions import add_session
from matchmaker.services.schedule.planning import plan_schedule
from matchmaker.services.schedule.publishing import publish
from tests.support.attendees import add_attendee, add_matching_pair


@dataclass(frozen=True)
class PublishedScene:
    anna: Attendee
    ben: Attendee
    bernd: Attendee
    meeting_id: int  # Anna's meeting in the published schedule
    request_id: int  # Anna's pending request to Dora (Anna has blocked Emil)
    session_id: int  # a session of the programme, chosen by Anna


def published_scene(event: Event) -> PublishedScene:
    anna, ben = add_matching_pair(event)
    bernd, dora, emil = (add_attendee(event, name) for name in ("Bernd", "Dora", "Emil"))
    plan_schedule(event)
    publish(event, "organiser@example.org")
    meeting = db.session.scalars(select(Meeting).where(
        or_(Meeting.attendee_a_id == anna.id, Meeting.attendee_b_id == anna.id))).first()
    assert meeting is not None, "the engine should pair Anna with Ben"
    request_id = send_request(anna, dora, "Gern ein Gespräch").request.id
    block(anna, emil)
    return PublishedScene(anna, ben, bernd, meeting.id, request_id, programme_session(event, anna))


def programme_session(event: Event, chooser: Attendee) -> int:
    """A workshop with a few seats in the programme; ``chooser`` has one of them."""
    session = add_session(event, SessionRow(
        "Offene Innovation", "workshop", datetime.combine(event.starts_on, time(9, 0)),
        datetime.combine(event.starts_on, time(10, 0)), "Saal 1", 5), "organiser@example.org")
    choose_session(chooser, session.id)
    return session.id
