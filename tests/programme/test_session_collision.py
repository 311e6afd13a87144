"""After publication, a session that overlaps one of the attendee's meetings asks: keep the
meeting (no seat), or take the session and give the meeting back (the partner is told)."""

from datetime import time

import pytest
from flask.testing import FlaskClient
from sqlalchemy import select

from matchmaker.extensions import db
from matchmaker.models import (
    Attendee,
    AuditEntry,
    ChoiceStatus,
    Event,
    Meeting,
    OutgoingMail,
    ProgrammeSession,
    SessionChoice,
    Slot,
)
from matchmaker.services.programme.choices import choose_session, leave_session
from matchmaker.services.schedule.planning import plan_schedule
from matchmaker.services.schedule.publishing import publish
from tests.programme.support import add_programme_session
from tests.support.attendees import add_attendee, add_matching_pair
from tests.support.factories import post_form


@pytest.fixture
def published(event: Event) -> tuple[Attendee, Attendee, ProgrammeSession]:
    """Anna and Ben meet (published); a workshop is added over their meeting's slot."""
    anna, ben = add_matching_pair(event)
    plan_schedule(event)
    publish(event, "team@example.org")
    db.session.commit()
    slot = db.session.scalars(select(Slot).join(Meeting, Meeting.slot_id == Slot.id)).one()
    workshop = add_programme_session(event, "Werkstatt", slot.starts_at.time(), slot.ends_at.time(),
                                     capacity=1)
    return anna, ben, workshop


def page_of(anna: Attendee) -> str:
    return f"/me/{anna.token}/sessions"


def test_choosing_a_session_over_a_meeting_asks_and_changes_nothing(client: FlaskClient, published):
    anna, _ben, workshop = published
    answer = post_form(client, f"{page_of(anna)}/{workshop.id}/choose", token_from=page_of(anna))
    question = client.get(answer.headers["Location"]).get_data(as_text=True)
    assert "Ben Beispiel" in question and "Termin behalten" in question
    assert db.session.scalar(select(SessionChoice.id)) is None
    assert db.session.scalar(select(Meeting.id)) is not None


def test_taking_the_session_gives_the_meeting_back_and_tells_the_partner(
        client: FlaskClient, published):
    anna, ben, workshop = published
    post_form(client, f"{page_of(anna)}/{workshop.id}/take", token_from=page_of(anna))
    db.session.expire_all()
    partner_mails = db.session.scalars(select(OutgoingMail.kind)
                                       .where(OutgoingMail.attendee_id == ben.id)).all()
    audited = db.session.scalars(select(AuditEntry.attendee_id)
                                 .where(AuditEntry.action == "meeting_given_back")).all()
    assert db.session.scalar(select(Meeting.id)) is None
    assert db.session.scalar(select(SessionChoice.attendee_id)) == anna.id
    assert "meeting_given_back" in partner_mails and sorted(audited) == sorted([anna.id, ben.id])


def test_full_session_gives_a_waiting_place_and_the_meeting_stays(
        client: FlaskClient, event: Event, published):
    anna, _ben, workshop = published
    choose_session(add_attendee(event, "Clara"), workshop.id)
    db.session.commit()
    post_form(client, f"{page_of(anna)}/{workshop.id}/take", token_from=page_of(anna))
    db.session.expire_all()
    waiting = db.session.scalar(select(SessionChoice.status).where(SessionChoice.attendee_id == anna.id))
    assert waiting == ChoiceStatus.WAITING and db.session.scalar(select(Meeting.id)) is not None


def test_session_beside_the_meetings_is_chosen_at_once(client: FlaskClient, event: Event, published):
    anna, _ben, _workshop = published
    keynote = add_programme_session(event, "Keynote", time(8), time(9))
    post_form(client, f"{page_of(anna)}/{keynote.id}/choose", token_from=page_of(anna))
    db.session.expire_all()
    assert db.session.scalar(select(SessionChoice.session_id)) == keynote.id


def test_moving_up_passes_over_someone_whose_meeting_overlaps_and_keeps_their_place(
        event: Event, published):
    anna, _ben, workshop = published
    clara, dora = add_attendee(event, "Clara"), add_attendee(event, "Dora")
    for person in (clara, anna, dora):
        choose_session(person, workshop.id)
    db.session.commit()
    mails = leave_session(clara, workshop.id)
    db.session.commit()
    status = dict(db.session.execute(select(SessionChoice.attendee_id, SessionChoice.status)).all())
    assert status == {anna.id: ChoiceStatus.WAITING, dora.id: ChoiceStatus.CHOSEN}
    assert [mail.attendee_id for mail in mails] == [dora.id] and db.session.scalar(select(Meeting.id))


def test_a_seat_left_to_someone_passed_over_goes_to_a_newcomer(event: Event, published):
    anna, _ben, workshop = published
    clara = add_attendee(event, "Clara")
    choose_session(clara, workshop.id)
    choose_session(anna, workshop.id)
    leave_session(clara, workshop.id)
    db.session.commit()
    assert choose_session(add_attendee(event, "Dora"), workshop.id).status == ChoiceStatus.CHOSEN
