"""A person who cancelled and signs up again is registered anew, as a newcomer would be."""

from pathlib import Path

from sqlalchemy import select

from matchmaker.extensions import db
from matchmaker.models import Attendee, AttendeeStatus
from tests.support.factories import csrf_token, submit_sign_up
from tests.support.mailbox import outbox_messages, private_link


def attendee_by_email(email: str = "juergen.mueller@example.org") -> Attendee:
    db.session.expire_all()
    return db.session.scalars(select(Attendee).where(Attendee.email == email)).one()


def cancel_by_link(client, link: str):
    return client.post(f"{link}/cancel", data={"csrf_token": csrf_token(client, "/go-cluster-2027/link")})


def sign_up_cancel_and_sign_up_again(client, outbox: Path) -> None:
    assert submit_sign_up(client).status_code == 302
    assert cancel_by_link(client, private_link(outbox_messages(outbox)[-1])).status_code == 302
    assert submit_sign_up(client).status_code == 302


def test_sign_up_after_cancelling_gives_a_seat_again(client, event, app):
    sign_up_cancel_and_sign_up_again(client, Path(app.config["MAIL_OUTBOX_DIR"]))
    attendee = attendee_by_email()
    assert (attendee.status, attendee.cancelled_at) == (AttendeeStatus.REGISTERED, None)


def test_sign_up_after_cancelling_when_full_puts_them_on_the_waiting_list(client, event, app):
    outbox = Path(app.config["MAIL_OUTBOX_DIR"])
    assert submit_sign_up(client).status_code == 302
    assert cancel_by_link(client, private_link(outbox_messages(outbox)[-1])).status_code == 302
    event.capacity = 1
    assert submit_sign_up(client, email="anna@example.org").status_code == 302
    assert submit_sign_up(client).status_code == 302
    assert attendee_by_email().status == AttendeeStatus.WAITLISTED


def test_sign_up_after_cancelling_sends_a_welcome_mail_with_a_working_link(client, event, app):
    outbox = Path(app.config["MAIL_OUTBOX_DIR"])
    sign_up_cancel_and_sign_up_again(client, outbox)
    last = outbox_messages(outbox)[-1]
    assert last["Subject"] == "Bitte bestätigen Sie Ihre Anmeldung: go-cluster Jahrestagung 2027"
    page = client.get(private_link(last))
    assert page.status_code == 200
    assert "storniert" not in page.get_data(as_text=True)
