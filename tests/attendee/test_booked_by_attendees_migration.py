"""The migration that marks the meetings attendees booked themselves reads the audit log:
a pair whose latest placing was a booking or an accepted offer is marked, one an organiser
placed (last) is not, nor one that a run paired again after theirs was cancelled; it
downgrades again."""

import pytest
from flask_migrate import downgrade, upgrade
from sqlalchemy import select

from matchmaker import create_app
from matchmaker.extensions import db
from matchmaker.models import Attendee, Meeting
from matchmaker.services.schedule.edit import add_meeting, cancel_meeting, log_edit
from tests.conftest import app_config
from tests.events.test_migration import empty_database  # noqa: F401  (fixture)
from tests.support.attendees import add_attendee
from tests.support.attendees import add_meeting as add_meeting_unlogged
from tests.support.factories import make_event

BEFORE = "b8d2f4a6c913"
ORGANISER = "team@example.org"


@pytest.mark.both_databases
def test_meetings_booked_before_the_upgrade_are_marked_from_the_audit_log(empty_database, instance_folder):
    app = create_app(app_config(empty_database, instance_folder))
    with app.app_context():
        upgrade()
        event = make_event()
        people = [add_attendee(event, name).id for name in ("Anna", "Ben", "Carla", "Dora", "Ella", "Fritz",
                                                            "Gerd", "Hanna", "Ida", "Jan", "Kai", "Lea")]
        pairs = list(zip(people[::2], people[1::2], strict=True))
        add_meeting(event, pairs[0], 1, 1, actor="attendee #1", booked=True)
        add_meeting(event, pairs[1], 1, 2, actor=ORGANISER)
        cancel_meeting(event, add_meeting(event, pairs[2], 1, 3, actor="attendee #5", booked=True).id,
                       actor=ORGANISER)
        add_meeting(event, pairs[2], 2, 3, actor=ORGANISER)  # placed again by hand: not theirs any more
        cancel_meeting(event, add_meeting(event, pairs[3], 1, 4, actor=ORGANISER).id, actor=ORGANISER)
        add_meeting(event, pairs[3], 2, 4, actor="attendee #7", booked=True)
        offered = add_meeting(event, pairs[4], 1, 5, actor=ORGANISER)
        log_edit(event, "attendee #9", "slot_offer_accepted", offered)  # as if from an accepted offer
        cancel_meeting(event, add_meeting(event, pairs[5], 1, 6, actor="attendee #11", booked=True).id,
                       actor="attendee #11")
        kai, lea = (db.session.get_one(Attendee, person) for person in pairs[5])
        add_meeting_unlogged(event, kai, lea, slot=3, table=6)  # paired again by a matchmaking run
        db.session.commit()
        db.session.remove()
        downgrade(revision=BEFORE)
        upgrade()
        marked = dict(db.session.execute(select(Meeting.attendee_a_id, Meeting.booked_by_attendees)).all())
        db.session.remove()
        downgrade(revision=BEFORE)
        db.engine.dispose()
    assert [marked[first] for first, _second in pairs] == [True, False, False, True, True, False]
