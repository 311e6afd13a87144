"""Choosing sessions at sign-up: the form lists them with their seats, and the ticked ones
are chosen through the same service as on the attendee's page."""

from datetime import time

from flask.testing import FlaskClient
from sqlalchemy import select

from matchmaker.extensions import db
from matchmaker.models import Attendee, ChoiceStatus, Event, ProgrammeSession, SessionChoice
from matchmaker.services.programme.choices import choose_session
from tests.programme.support import add_programme_session
from tests.support.attendees import add_attendee
from tests.support.factories import submit_sign_up


def choices() -> list[tuple[str, ChoiceStatus]]:
    db.session.expire_all()
    return list(db.session.execute(
        select(ProgrammeSession.title, SessionChoice.status)
        .join(SessionChoice, SessionChoice.session_id == ProgrammeSession.id)
        .order_by(ProgrammeSession.title)))


def test_form_lists_sessions_with_free_seats_or_waiting_list(client: FlaskClient, event: Event):
    add_programme_session(event, "Fachkräfte", time(9), time(10), capacity=20)
    full = add_programme_session(event, "Keynote", time(11), time(12), capacity=1)
    choose_session(add_attendee(event, "Clara"), full.id)
    db.session.commit()
    page = client.get("/go-cluster-2027/register").get_data(as_text=True)
    assert "Fachkräfte (Workshop, Saal 1) · 20 von 20 Plätzen frei" in page
    assert "Keynote (Workshop, Saal 1) · ausgebucht: Warteliste" in page


def test_ticked_sessions_give_a_seat_or_a_waiting_place(client: FlaskClient, event: Event):
    free = add_programme_session(event, "Fachkräfte", time(9), time(10), capacity=20)
    full = add_programme_session(event, "Keynote", time(11), time(12), capacity=1)
    choose_session(add_attendee(event, "Clara"), full.id)
    db.session.commit()
    submit_sign_up(client, sessions=[str(free.id), str(full.id)])
    assert choices() == [("Fachkräfte", ChoiceStatus.CHOSEN), ("Keynote", ChoiceStatus.CHOSEN),
                         ("Keynote", ChoiceStatus.WAITING)]


def test_overlapping_ticks_are_refused_and_nobody_signs_up(client: FlaskClient, event: Event):
    first = add_programme_session(event, "Fachkräfte", time(9), time(10))
    second = add_programme_session(event, "Keynote", time(9, 30), time(11))
    page = submit_sign_up(client, sessions=[str(first.id), str(second.id)]).get_data(as_text=True)
    assert "überschneiden sich" in page
    assert db.session.scalar(select(Attendee.id)) is None
