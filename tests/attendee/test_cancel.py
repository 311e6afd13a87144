"""Cancelling: the seat goes to the waiting list, at once and exactly once."""

import threading

import pytest
from sqlalchemy import func, select

from matchmaker.extensions import db
from matchmaker.models import Attendee, AttendeeStatus, Meeting
from tests.support.attendees import add_attendee, add_meeting
from tests.support.factories import csrf_token
from tests.support.mailbox import outbox_messages


def cancel(client, token: str):
    """Press "cancel" - also on a page that is stale, so the CSRF token comes from elsewhere."""
    return client.post(f"/me/{token}/cancel", data={"csrf_token": csrf_token(client, "/go-cluster-2027/link")})


def statuses() -> dict[str, AttendeeStatus]:
    db.session.expire_all()
    return dict(db.session.execute(select(Attendee.first_name, Attendee.status)).all())


@pytest.mark.both_databases
def test_cancel_gives_seat_to_first_waiting_and_mails_both(client, event, outbox):
    event.capacity = 1
    anna, _bernd, _clara = (add_attendee(event, name) for name in ("Anna", "Bernd", "Clara"))
    response = cancel(client, anna.token)
    assert response.status_code == 302
    assert statuses() == {"Anna": AttendeeStatus.CANCELLED, "Bernd": AttendeeStatus.REGISTERED,
                          "Clara": AttendeeStatus.WAITLISTED}
    assert [(m["To"], m["Subject"]) for m in outbox_messages(outbox)] == [
        ("anna@example.org", "Ihre Anmeldung ist storniert: go-cluster Jahrestagung 2027"),
        ("bernd@example.org", "Ein Platz ist für Sie frei geworden: go-cluster Jahrestagung 2027"),
    ]


def test_cancelling_twice_changes_nothing_more(client, event, outbox):
    event.capacity = 1
    anna, _bernd, _clara = (add_attendee(event, name) for name in ("Anna", "Bernd", "Clara"))
    cancel(client, anna.token)
    again = cancel(client, anna.token)
    assert again.status_code == 302
    assert statuses()["Clara"] == AttendeeStatus.WAITLISTED
    assert len(outbox_messages(outbox)) == 2


def test_cancel_page_after_cancelling_offers_no_button(client, event):
    anna = add_attendee(event, "Anna")
    cancel(client, anna.token)
    html = client.get(f"/me/{anna.token}/cancel").get_data(as_text=True)
    assert "Ihre Anmeldung ist bereits storniert." in html
    assert "<form" not in html


def test_cancel_calls_off_the_attendees_meetings(client, event):
    anna, bernd, clara = (add_attendee(event, name) for name in ("Anna", "Bernd", "Clara"))
    add_meeting(event, anna, bernd, slot=1)
    add_meeting(event, bernd, clara, slot=2)
    cancel(client, anna.token)
    pairs = db.session.execute(select(Meeting.attendee_a_id, Meeting.attendee_b_id)).all()
    assert pairs == [(bernd.id, clara.id)]


@pytest.mark.both_databases
def test_simultaneous_cancellations_promote_exactly_as_many_in_order(app, event):
    event.capacity = 4
    registered = [add_attendee(event, f"Sitz{number}") for number in range(4)]
    waiting = [add_attendee(event, f"Warte{number}") for number in range(4)]
    leaving = [attendee.token for attendee in registered[:3]]
    expected = {attendee.first_name for attendee in waiting[:3]}
    db.session.rollback()  # end the test's transaction: on SQLite it holds the write lock
    start = threading.Barrier(len(leaving))

    def leave(token: str) -> None:  # a thread of its own: its own app context and session
        client = app.test_client()
        csrf = csrf_token(client, "/go-cluster-2027/link")
        start.wait()
        assert client.post(f"/me/{token}/cancel", data={"csrf_token": csrf}).status_code == 302

    threads = [threading.Thread(target=leave, args=(token,)) for token in leaving]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    now = statuses()
    assert {name for name, status in now.items() if name.startswith("Warte")
            and status == AttendeeStatus.REGISTERED} == expected
    assert db.session.scalar(select(func.count()).where(
        Attendee.status == AttendeeStatus.REGISTERED)) == 4


def test_cancel_after_erasure_in_another_tab_is_harmless(app, event):
    from matchmaker.services.attendees.privacy import erase
    from matchmaker.services.attendees.self_service import cancel

    attendee = add_attendee(event, "Sina")
    erase(attendee)
    db.session.commit()
    assert cancel(attendee).done is False
