"""Programme sessions made through the service, for the tests of choosing them."""

from datetime import datetime, time

from matchmaker.exchange.programme_file import SessionRow
from matchmaker.extensions import db
from matchmaker.models import Event, ProgrammeSession
from matchmaker.services.programme.sessions import add_session


def add_programme_session(event: Event, title: str, start: time, end: time,
                          capacity: int | None = None, kind: str = "workshop") -> ProgrammeSession:
    session = add_session(event, SessionRow(
        title, kind, datetime.combine(event.starts_on, start), datetime.combine(event.starts_on, end),
        "Saal 1", capacity), "team@example.org")
    db.session.commit()
    return session
