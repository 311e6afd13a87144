"""Round tables through the app: layout, forming, the dashboard page, the attendee's
tables, the printed plan and signs."""

from datetime import time

import pytest
from flask.testing import FlaskClient
from sqlalchemy import func, select

from matchmaker.extensions import db
from matchmaker.models import Attendee, Event, ProgrammeSession, RoundTableGroup, RoundTableSeat
from matchmaker.services.programme.choices import choose_session
from tests.documents.pdf_text import pages
from tests.programme.support import add_programme_session
from tests.support.attendees import add_attendee
from tests.support.factories import post_form

NAMES = ("Anna", "Bernd", "Clara", "Dieter", "Emil", "Frieda", "Gerd", "Hanna")
INDUSTRIES = ("logistics", "automotive_mobility", "ict_software", "energy_environment")
LAYOUT = {"tables": "2", "seats": "4", "rounds": "2", "topics": "KI, Robotik\n"}


@pytest.fixture
def round_table(event: Event) -> tuple[ProgrammeSession, list[Attendee]]:
    session = add_programme_session(event, "Runde Tische", time(14), time(15), kind="round_table")
    people = [add_attendee(event, name, industry_code=INDUSTRIES[i % 4],
                           keywords=["KI"] if i % 2 else [])
              for i, name in enumerate(NAMES)]
    for person in people:
        choose_session(person, session.id)
    db.session.commit()
    return session, people


def tables_page(session: ProgrammeSession) -> str:
    return f"/organiser/go-cluster-2027/programme/{session.id}/tables"


def formed(client: FlaskClient, session: ProgrammeSession) -> None:
    post_form(client, tables_page(session), LAYOUT)
    post_form(client, f"{tables_page(session)}/form", token_from=tables_page(session))


def test_tables_formed_seat_everyone_once_per_round(organiser_client: FlaskClient, round_table) -> None:  # type: ignore[no-untyped-def]
    session, people = round_table
    formed(organiser_client, session)
    seats = db.session.execute(
        select(RoundTableGroup.round, func.count()).join(RoundTableSeat)
        .where(RoundTableGroup.session_id == session.id).group_by(RoundTableGroup.round)).all()
    assert sorted(seats) == [(1, 8), (2, 8)]


def test_tables_page_shows_groups_reasons_and_figures(organiser_client: FlaskClient, round_table) -> None:  # type: ignore[no-untyped-def]
    session, _ = round_table
    formed(organiser_client, session)
    page = organiser_client.get(tables_page(session)).get_data(as_text=True)
    assert "Runde 2" in page and "Tisch 1 – KI, Robotik" in page
    assert "Gemeinsame Stichworte: KI" in page
    assert "Wiederholte Begegnungen" in page


@pytest.mark.both_databases
def test_tables_formed_again_replace_earlier_groups(organiser_client: FlaskClient, round_table) -> None:  # type: ignore[no-untyped-def]
    session, _ = round_table
    formed(organiser_client, session)
    post_form(organiser_client, f"{tables_page(session)}/form", token_from=tables_page(session))
    assert db.session.scalar(select(func.count()).select_from(RoundTableGroup)) == 4
    assert db.session.scalar(select(func.count()).select_from(RoundTableSeat)) == 16


def test_more_seat_holders_than_table_seats_refused(organiser_client: FlaskClient, round_table) -> None:  # type: ignore[no-untyped-def]
    session, _ = round_table
    post_form(organiser_client, tables_page(session), {**LAYOUT, "seats": "3"})
    response = post_form(organiser_client, f"{tables_page(session)}/form",
                         token_from=tables_page(session))
    assert "8 Personen haben einen Platz" in organiser_client.get(response.location).get_data(as_text=True)
    assert db.session.scalar(select(func.count()).select_from(RoundTableGroup)) == 0


def test_programme_list_links_round_tables_only_to_their_tables_page(
        organiser_client: FlaskClient, event: Event) -> None:
    round_table = add_programme_session(event, "Runde Tische", time(14), time(15), kind="round_table")
    workshop = add_programme_session(event, "Workshop", time(9), time(10))
    page = organiser_client.get("/organiser/go-cluster-2027/programme").get_data(as_text=True)
    assert f'href="{tables_page(round_table)}"' in page and tables_page(workshop) not in page


def test_workshop_has_no_tables_page(organiser_client: FlaskClient, event: Event) -> None:
    workshop = add_programme_session(event, "Workshop", time(9), time(10))
    assert organiser_client.get(tables_page(workshop)).status_code == 404


def test_attendee_page_shows_own_table_per_round(organiser_client: FlaskClient, client: FlaskClient,  # type: ignore[no-untyped-def]
                                                 round_table) -> None:
    session, people = round_table
    formed(organiser_client, session)
    tables = db.session.scalars(select(RoundTableGroup.table_number).join(RoundTableSeat)
                                .where(RoundTableSeat.attendee_id == people[0].id)
                                .order_by(RoundTableGroup.round)).all()
    page = client.get(f"/me/{people[0].token}/sessions").get_data(as_text=True)
    assert f"Runde 1: Tisch {tables[0]}" in page and f"Runde 2: Tisch {tables[1]}" in page


def test_printed_plan_lists_each_round_with_its_people(organiser_client: FlaskClient, round_table) -> None:  # type: ignore[no-untyped-def]
    session, _ = round_table
    formed(organiser_client, session)
    response = organiser_client.get(f"{tables_page(session)}/plan.pdf")
    text = pages(response.data)
    assert len(text) == 2
    assert "Runde 1" in text[0] and "Runde 2" in text[1]
    assert all(f"{name} Beispiel" in page for page in text for name in NAMES)


def test_printed_signs_show_table_number_and_topic(organiser_client: FlaskClient, round_table) -> None:  # type: ignore[no-untyped-def]
    session, _ = round_table
    formed(organiser_client, session)
    text = pages(organiser_client.get(f"{tables_page(session)}/signs.pdf").data)
    assert len(text) == 2
    assert "KI, Robotik" in text[0] and "Runde Tische" in text[0]


def test_layout_changed_drops_groups_formed_for_the_old_one(organiser_client: FlaskClient, round_table) -> None:  # type: ignore[no-untyped-def]
    session, _ = round_table
    formed(organiser_client, session)
    post_form(organiser_client, tables_page(session), {**LAYOUT, "tables": "3"})
    assert db.session.scalar(select(func.count()).select_from(RoundTableGroup)) == 0
