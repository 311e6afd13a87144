"""Searching attendees by name finds umlauts and ß however they are typed, on both
databases (SQL's lower() is ASCII-only on SQLite, so the search uses a folded key)."""

import uuid

import pytest
from flask_migrate import downgrade, upgrade
from sqlalchemy import select, text

from matchmaker import create_app
from matchmaker.extensions import db
from matchmaker.models import Attendee
from matchmaker.services.attendees.admin import AttendeeFilter, find_attendees
from tests.conftest import app_config
from tests.support.attendees import add_attendee
from tests.support.factories import make_event
from tests.support.postgres import create_database

from .conftest import EVENT_URL

BEFORE_SEARCH_KEY = "b9d4f2e6a813"


def found_names(event, query: str) -> list[str]:
    return [row.name for row in find_attendees(event, AttendeeFilter(search=query)).rows]


@pytest.fixture
def people(event):
    add_attendee(event, "Ayşe", last_name="Öztürk", email="ayse@example.org")
    add_attendee(event, "Jörg", last_name="Nüßlein", email="joerg@example.org")
    add_attendee(event, "Jürgen", last_name="Müller", email="juergen@example.org")
    add_attendee(event, "Hans", last_name="Mueller", email="hans@example.org")
    add_attendee(event, "Ada", last_name="Lovelace", organisation="Straßenbau Süd GmbH")
    return event


@pytest.mark.both_databases
@pytest.mark.parametrize("query", ["Öztürk", "ÖZTÜRK", "öztürk", "ozturk", "OEZTUERK"])
def test_search_finds_umlaut_name_however_typed(people, query):
    assert found_names(people, query) == ["Ayşe Öztürk"]


@pytest.mark.both_databases
@pytest.mark.parametrize("query", ["NÜSSLEIN", "nüßlein", "nuesslein", "Nusslein"])
def test_search_finds_eszett_name_typed_with_ss_or_umlaut_in_any_case(people, query):
    assert found_names(people, query) == ["Jörg Nüßlein"]


@pytest.mark.both_databases
def test_search_without_umlaut_finds_both_spellings_with_e(people):
    assert sorted(found_names(people, "mueller")) == ["Hans Mueller", "Jürgen Müller"]


@pytest.mark.both_databases
def test_search_with_umlaut_finds_name_written_with_e(people):
    assert sorted(found_names(people, "Müller")) == ["Hans Mueller", "Jürgen Müller"]


@pytest.mark.both_databases
def test_plain_vowel_search_finds_only_the_umlaut_spelling(people):
    assert found_names(people, "muller") == ["Jürgen Müller"]


@pytest.mark.both_databases
def test_search_finds_organisation_with_eszett_typed_as_ss(people):
    assert found_names(people, "STRASSENBAU SUED") == ["Ada Lovelace"]


@pytest.mark.both_databases
def test_search_treats_like_wildcards_as_text(people):
    assert found_names(people, "%") == [] and found_names(people, "_") == []


@pytest.mark.both_databases
def test_search_follows_an_organisers_edit(organiser_client, people):
    ada = db.session.scalar(select(Attendee).where(Attendee.first_name == "Ada"))
    ada.last_name = "Größer"
    db.session.commit()
    assert found_names(people, "groesser") == ["Ada Größer"]


@pytest.mark.both_databases
def test_attendee_list_page_finds_umlaut_name_typed_in_capitals(organiser_client, people):
    page = organiser_client.get(f"{EVENT_URL}/attendees?q=%C3%96ZT%C3%9CRK").get_data(as_text=True)
    assert "1 Person gefunden" in page and "Ayşe Öztürk" in page


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def fresh_database_url(request, tmp_path) -> str:
    """An empty database of its own (the migration is run on it from scratch)."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'fresh.sqlite'}"
    base = request.getfixturevalue("postgres_url").rsplit("/", 1)[0]
    return create_database(base, f"search_key_{uuid.uuid4().hex[:12]}")


@pytest.mark.both_databases
def test_migration_fills_the_search_key_of_existing_attendees(fresh_database_url, instance_folder):
    app = create_app(app_config(fresh_database_url, instance_folder))
    with app.app_context():
        upgrade()
        event = make_event()
        add_attendee(event, "Jörg", last_name="Nüßlein")
        downgrade(revision=BEFORE_SEARCH_KEY)  # as the database was before the key existed
        upgrade()
        db.session.expire_all()
        assert "nuesslein" in db.session.execute(text("SELECT search_key FROM attendee")).scalar_one()
        assert found_names(event, "NÜSSLEIN") == ["Jörg Nüßlein"]
        db.session.remove()
        db.engine.dispose()
