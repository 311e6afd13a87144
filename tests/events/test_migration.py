"""A single-event database of the previous release upgrades in place and loses nothing."""

import uuid
from pathlib import Path

import pytest
from flask_migrate import downgrade, upgrade
from sqlalchemy import create_engine, text

from matchmaker import create_app
from matchmaker.extensions import db
from tests.conftest import app_config
from tests.support.postgres import create_database

PREVIOUS = "2667c6a3b0ae"  # the schema that landed with the first release
ROWS = {
    "event": "INSERT INTO event (id, slug, title, starts_on, venue, capacity, "
             "attendee_numbers_issued, created_at) VALUES (1, 'go-cluster-2027', 'Jahrestagung', "
             "'2027-06-16', 'Berlin', 200, 2, '2026-11-01 10:00:00')",
    "industry": "INSERT INTO industry (code, name_de, name_en, position) "
                "VALUES ('logistics', 'Logistik', 'Logistics', 0)",
    "slot": "INSERT INTO slot (id, event_id, number, starts_at, ends_at, block) "
            "VALUES (1, 1, 1, '2027-06-16 10:30:00', '2027-06-16 10:50:00', 1)",
    "meeting_table": "INSERT INTO meeting_table (id, event_id, number, name) VALUES (1, 1, 1, '1')",
    "organiser": "INSERT INTO organiser (id, email, password_hash, created_at) "
                 "VALUES (1, 'team@example.org', 'hash', '2026-11-01 10:00:00')",
}
ATTENDEE = ("INSERT INTO attendee (id, event_id, number, token, status, email, first_name, "
            "last_name, organisation, org_type, industry_code, themes, keywords, offers, seeks, "
            "wants_meetings, unavailable_slots, language, privacy_consent_at, "
            "privacy_consent_version, signed_up_at, updated_at) VALUES ({id}, 1, {id}, "
            "'token{id}xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'registered', 'p{id}@example.org', "
            "'Jürgen', 'Müller', 'Müller GmbH', 'sme', 'logistics', '[\"skills\"]', '[]', '[]', "
            "'[]', true, '[]', 'de', '2026-11-01 10:00:00', 'v1', '2026-11-01 10:00:00', "
            "'2026-11-01 10:00:00')")
MEETING = ("INSERT INTO meeting (id, event_id, slot_id, table_id, attendee_a_id, attendee_b_id, "
           "score, reasons, locked, created_at) VALUES (1, 1, 1, 1, 1, 2, 17, '[]', true, "
           "'2026-11-01 10:00:00')")
TABLES = ("event", "industry", "slot", "meeting_table", "organiser", "attendee", "meeting")


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def empty_database(request, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'old.sqlite'}"
    base = request.getfixturevalue("postgres_url").rsplit("/", 1)[0]
    return create_database(base, f"upgrade_{uuid.uuid4().hex[:8]}")


def dump(url: str) -> dict[str, list[tuple]]:
    engine = create_engine(url)
    with engine.connect() as connection:
        rows = {table: sorted(tuple(row) for row in connection.execute(
            text(f"SELECT * FROM {table}"))) for table in TABLES}
    engine.dispose()
    return rows


def test_previous_schema_upgrades_with_every_row_kept(empty_database, instance_folder):
    app = create_app(app_config(empty_database, instance_folder))
    with app.app_context():
        upgrade(revision=PREVIOUS)
        with db.engine.begin() as connection:
            for statement in [*ROWS.values(), ATTENDEE.format(id=1), ATTENDEE.format(id=2), MEETING]:
                connection.execute(text(statement))
        before = dump(empty_database)
        upgrade()
        after = dump(empty_database)
        with db.engine.connect() as connection:
            admin = connection.execute(text("SELECT is_admin FROM organiser")).scalar_one()
        downgrade(revision=PREVIOUS)
        db.engine.dispose()
    for table in TABLES:
        assert [row[:len(before[table][0])] for row in after[table]] == before[table], table
    assert admin  # organisers from before keep access to everything
