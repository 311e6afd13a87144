"""The migration to addresses as typed: existing rows keep their address (the key is all
that was stored) and find their registration by it; it downgrades again."""

import pytest
from flask_migrate import downgrade, upgrade
from sqlalchemy import text

from matchmaker import create_app
from matchmaker.extensions import db
from tests.conftest import app_config
from tests.events.test_migration import ATTENDEE, PREVIOUS, ROWS, empty_database  # noqa: F401  (fixture)

BEFORE = "b9d4f2e6a813"


@pytest.mark.both_databases
def test_existing_addresses_become_their_own_key(empty_database, instance_folder):
    app = create_app(app_config(empty_database, instance_folder))
    with app.app_context():
        upgrade(revision=PREVIOUS)  # the rows as the first release wrote them
        with db.engine.begin() as connection:
            for statement in [ROWS["event"], ROWS["industry"], ATTENDEE.format(id=1)]:
                connection.execute(text(statement))
        upgrade(revision=BEFORE)
        upgrade()
        with db.engine.connect() as connection:
            stored = connection.execute(text("SELECT email, email_key FROM attendee")).one()
        downgrade(revision=BEFORE)
        with db.engine.connect() as connection:
            back = connection.execute(text("SELECT email FROM attendee")).scalar_one()
        db.engine.dispose()
    assert tuple(stored) == ("p1@example.org", "p1@example.org") and back == "p1@example.org"
