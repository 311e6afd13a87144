"""Choosing sessions: seats, the waiting list and moving up by mail, no overlaps."""

from datetime import time
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from matchmaker.extensions import db
from matchmaker.models import Attendee, ChoiceStatus, Event, Meeting, SessionChoice, Slot
from matchmaker.services import DomainError
from matchmaker.services.attendees.privacy import personal_data
from matchmaker.services.programme.choices import choose_session, leave_session
from matchmaker.services.schedule.planning import plan_schedule
from tests.programme.support import add_programme_session
from tests.support.attendees import add_attendee, add_matching_pair
from tests.support.factories import make_event, post_form
from tests.support.mailbox import outbox_messages


def status_of(attendee: Attendee) -> list[ChoiceStatus]:
    db.session.expire_all()
    return list(db.session.scalars(select(SessionChoice.status)
                                   .where(SessionChoice.attendee_id == attendee.id)))


def test_session_full_puts_next_on_waiting_list(event: Event) -> None:
    session = add_programme_session(event, "Workshop KI", time(9), time(10), capacity=1)
    anna, bernd = add_attendee(event, "Anna"), add_attendee(event, "Bernd")
    choose_session(anna, session.id)
    assert choose_session(bernd, session.id).status == ChoiceStatus.WAITING


def test_seat_given_back_moves_first_waiting_up_with_mail(event: Event) -> None:
    session = add_programme_session(event, "Workshop KI", time(9), time(10), capacity=1)
    anna, bernd, clara = (add_attendee(event, name) for name in ("Anna", "Bernd", "Clara"))
    for attendee in (anna, bernd, clara):
        choose_session(attendee, session.id)
    mails = leave_session(anna, session.id)
    assert (status_of(bernd), status_of(clara)) == ([ChoiceStatus.CHOSEN], [ChoiceStatus.WAITING])
    assert [mail.recipient for mail in mails] == ["bernd@example.org"]
    assert "Workshop KI" in mails[0].body_text


def test_overlapping_session_is_refused(event: Event) -> None:
    first = add_programme_session(event, "Workshop KI", time(9), time(10))
    second = add_programme_session(event, "Podium Fachkräfte", time(9, 30), time(11))
    anna = add_attendee(event, "Anna")
    choose_session(anna, first.id)
    with pytest.raises(DomainError) as refused:
        choose_session(anna, second.id)
    assert refused.value.code == "sessions_overlap"
    assert refused.value.params == {"title": "Podium Fachkräfte", "other": "Workshop KI"}


def test_back_to_back_sessions_do_not_overlap(event: Event) -> None:
    first = add_programme_session(event, "Workshop KI", time(9), time(10))
    second = add_programme_session(event, "Podium Fachkräfte", time(10), time(11))
    anna = add_attendee(event, "Anna")
    choose_session(anna, first.id)
    assert choose_session(anna, second.id).status == ChoiceStatus.CHOSEN


def test_waitlisted_attendee_cannot_choose(app: Flask) -> None:
    event = make_event(capacity=0)
    session = add_programme_session(event, "Workshop KI", time(9), time(10))
    with pytest.raises(DomainError) as refused:
        choose_session(add_attendee(event, "Anna"), session.id)
    assert refused.value.code == "session_not_open"


def test_raised_capacity_moves_waiting_up(organiser_client: FlaskClient, event: Event,
                                          outbox: Path) -> None:
    session = add_programme_session(event, "Workshop KI", time(9), time(10), capacity=0)
    anna = add_attendee(event, "Anna")
    choose_session(anna, session.id)
    db.session.commit()
    post_form(organiser_client, f"/organiser/go-cluster-2027/programme/{session.id}",
              title="Workshop KI", kind="workshop", start="09:00", end="10:00", capacity="1")
    assert status_of(anna) == [ChoiceStatus.CHOSEN]
    assert any("Workshop KI" in message.get_body(("plain",)).get_content()
               for message in outbox_messages(outbox))


def test_attendee_page_chooses_and_leaves(client: FlaskClient, event: Event) -> None:
    session = add_programme_session(event, "Workshop KI", time(9), time(10), capacity=5)
    anna = add_attendee(event, "Anna")
    page = f"/me/{anna.token}/sessions"
    post_form(client, f"{page}/{session.id}/choose", token_from=page)
    assert status_of(anna) == [ChoiceStatus.CHOSEN]
    assert "Sie haben einen Platz" in client.get(page).get_data(as_text=True)
    post_form(client, f"{page}/{session.id}/leave", token_from=page)
    assert status_of(anna) == []


def test_matchmaking_plans_no_meeting_during_chosen_session(event: Event) -> None:
    anna, ben = add_matching_pair(event)
    session = add_programme_session(event, "Keynote", time(10, 0), time(11, 10))  # slots 1-2
    choose_session(anna, session.id)
    plan_schedule(event)
    slots = list(db.session.scalars(select(Slot.number).join(Meeting, Meeting.slot_id == Slot.id)
                                    .where(Meeting.attendee_a_id == anna.id)))
    assert slots and not {1, 2} & set(slots)


def test_data_download_lists_the_sessions_chosen_and_waited_for(event: Event) -> None:
    keynote = add_programme_session(event, "Keynote", time(9), time(10))
    workshop = add_programme_session(event, "Werkstatt", time(11), time(12), capacity=1)
    anna, bernd = add_attendee(event, "Anna"), add_attendee(event, "Bernd")
    choose_session(anna, workshop.id)
    choose_session(bernd, keynote.id)
    choose_session(bernd, workshop.id)
    db.session.commit()
    assert personal_data(bernd)["sessions"] == [
        {"title": "Keynote", "starts_at": "2027-06-16T09:00:00", "ends_at": "2027-06-16T10:00:00",
         "status": "chosen"},
        {"title": "Werkstatt", "starts_at": "2027-06-16T11:00:00", "ends_at": "2027-06-16T12:00:00",
         "status": "waiting"}]
