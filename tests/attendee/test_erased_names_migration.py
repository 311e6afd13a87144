"""The migration that takes the names of attendees erased earlier out of the audit log's
entries about others: their number stays; the names of those still registered stay."""

import pytest
from flask_migrate import upgrade
from sqlalchemy import select

from matchmaker import create_app
from matchmaker.extensions import db
from matchmaker.models import AuditEntry
from matchmaker.services.audit import named, record
from matchmaker.services.schedule.edit import add_meeting, log_edit
from tests.conftest import app_config
from tests.events.test_migration import empty_database  # noqa: F401  (fixture)
from tests.support.attendees import add_attendee
from tests.support.factories import make_event

BEFORE = "c5e9a3d7f182"


@pytest.mark.both_databases
def test_names_of_attendees_erased_before_the_upgrade_leave_the_audit_log(empty_database, instance_folder):
    app = create_app(app_config(empty_database, instance_folder))
    with app.app_context():
        upgrade(revision=BEFORE)
        event = make_event()
        anna, ben, carla = (add_attendee(event, name) for name in ("Anna", "Ben", "Carla"))
        meeting = add_meeting(event, (anna.id, ben.id), 1, 1, actor="team@example.org")
        log_edit(event, f"attendee {named(ben)}", "meeting_given_back", meeting)
        record(event, "team@example.org", "colleague_added", anna, {"colleague": named(carla)})
        number, carla_named = ben.number, named(carla)
        db.session.delete(ben)  # erased before erasure reached the other entries
        db.session.commit()
        db.session.remove()
        upgrade()
        entries = db.session.execute(select(AuditEntry.actor, AuditEntry.changes).order_by(AuditEntry.id)).all()
        db.session.remove()
        db.engine.dispose()
    assert [(actor, changes.get("with"), changes.get("colleague")) for actor, changes in entries] == [
        ("team@example.org", str(number), None), (f"attendee {number}", str(number), None),
        ("team@example.org", None, carla_named)]
