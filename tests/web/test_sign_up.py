from sqlalchemy import select

from matchmaker.extensions import db
from matchmaker.models import Attendee, AttendeeStatus
from tests.support.factories import submit_sign_up


def test_valid_sign_up_registers_attendee(client, event):
    response = submit_sign_up(client)
    assert response.status_code == 302
    attendee = db.session.scalar(select(Attendee))
    assert attendee.email == "juergen.mueller@example.org"
    assert attendee.status == AttendeeStatus.REGISTERED
