"""Desk staff: a helper with the role *check-in only* for one event sees its check-in desk
and nothing else; the team page shows and changes the roles. (Every organiser route
against desk staff: tests/security/test_access_matrix.py.)"""

import re
import uuid
from pathlib import Path

import pytest
from flask.testing import FlaskClient
from flask_migrate import downgrade, upgrade
from sqlalchemy import select, text

from matchmaker import create_app
from matchmaker.extensions import db
from matchmaker.models import Event, EventRole, Organiser, OutgoingMail
from matchmaker.services.events.events import grant_access
from matchmaker.services.organisers.roles import role_in
from tests.conftest import app_config
from tests.support.attendees import add_attendee
from tests.support.factories import add_desk_staff, add_organiser, login, make_event, post_form
from tests.support.postgres import create_database

from .conftest import EVENT_URL, PASSWORD

DESK = f"{EVENT_URL}/check-in"
BEFORE_ROLES = "a7d4e9b2c610"  # the revision before organiser_event.role
OLD_ROWS = (
    "INSERT INTO event (id, slug, title, starts_on, venue, capacity, attendee_numbers_issued, "
    "matching_policy, created_at) VALUES (1, 'go-cluster-2027', 'Jahrestagung', '2027-06-16', "
    "'Berlin', 200, 0, 'balanced', '2026-11-01 10:00:00')",
    "INSERT INTO organiser (id, email, password_hash, created_at) "
    "VALUES (1, 'team@example.org', 'hash', '2026-11-01 10:00:00')",
    "INSERT INTO organiser_event (organiser_id, event_id) VALUES (1, 1)",
)
TEAM = f"{EVENT_URL}/team"


@pytest.fixture
def desk_client(client: FlaskClient, event: Event) -> FlaskClient:
    add_desk_staff(event)
    login(client, "desk@example.org", PASSWORD)
    return client


def role_of(email: str, event: Event) -> EventRole | None:
    db.session.expire_all()
    return role_in(db.session.scalars(select(Organiser).where(Organiser.email == email)).one(), event)


def test_desk_staff_log_in_lands_on_the_desk(client, event):
    add_desk_staff(event)
    response = login(client, "desk@example.org", PASSWORD)
    assert client.get(response.location).location == DESK


def test_desk_staff_checks_a_person_in(desk_client, event):
    anna = add_attendee(event, "Anna")
    response = post_form(desk_client, DESK, q=anna.badge_code)
    db.session.refresh(anna)
    assert response.status_code == 302 and anna.checked_in_at is not None


def test_desk_page_for_desk_staff_shows_no_email_address(desk_client, event):
    add_attendee(event, "Anna")
    page = desk_client.get(f"{DESK}?q=Anna").get_data(as_text=True)
    assert "Anna GmbH" in page and "anna@example.org" not in page


def test_desk_staff_navigation_shows_only_the_desk(desk_client):
    page = desk_client.get(DESK).get_data(as_text=True)
    links = set(re.findall(r'href="(/organiser[^"]*)"', page))
    assert links == {DESK, "/organiser/account"}


def test_desk_staff_may_not_see_the_attendee_list(desk_client):
    assert desk_client.get(f"{EVENT_URL}/attendees").status_code == 403


def test_organiser_of_one_event_is_desk_staff_only_at_the_other(client, event):
    workshop = make_event(slug="workshop-2027", title="Workshop")
    organiser = add_organiser("beide@example.org", events=(workshop,))
    grant_access(organiser, event, EventRole.CHECK_IN)
    db.session.commit()
    login(client, "beide@example.org", PASSWORD)
    assert client.get("/organiser/workshop-2027/attendees").status_code == 200
    assert (client.get(DESK).status_code, client.get(f"{EVENT_URL}/attendees").status_code) == (200, 403)
    assert "go-cluster-2027" not in client.get("/organiser/").get_data(as_text=True)


def test_desk_staff_account_page_says_check_in_only(desk_client):
    assert "Nur Check-in" in desk_client.get("/organiser/account").get_data(as_text=True)


def test_team_page_shows_each_role(organiser_client, event):
    add_desk_staff(event)
    add_organiser("kollegin@example.org", events=(event,))
    page = organiser_client.get(TEAM).get_data(as_text=True)
    desk_row = page[page.index("desk@example.org"):page.index("</li>", page.index("desk@example.org"))]
    assert 'value="check-in" selected' in desk_row
    colleague = page[page.index("kollegin@example.org"):]
    assert 'value="organiser" selected' in colleague[:colleague.index("</li>")]


def test_organiser_makes_a_team_member_desk_staff(organiser_client, event):
    add_organiser("kollegin@example.org", events=(event,))
    post_form(organiser_client, f"{TEAM}/role", token_from=TEAM, email="kollegin@example.org",
              role="check-in")
    assert role_of("kollegin@example.org", event) is EventRole.CHECK_IN


def test_organiser_of_the_event_cannot_change_their_own_role(client, event):
    add_organiser("kollegin@example.org", events=(event,))
    login(client, "kollegin@example.org", PASSWORD)
    response = post_form(client, f"{TEAM}/role", token_from=TEAM, email="kollegin@example.org",
                         role="check-in")
    assert "Ihre eigene Rolle" in client.get(response.location).get_data(as_text=True)
    assert role_of("kollegin@example.org", event) is EventRole.ORGANISER


def test_existing_account_given_check_in_only_becomes_desk_staff(organiser_client, event):
    add_organiser("helfer@example.org", events=())
    post_form(organiser_client, TEAM, email="helfer@example.org", role="check-in")
    assert role_of("helfer@example.org", event) is EventRole.CHECK_IN


def test_invited_desk_staff_is_check_in_only_once_accepted(organiser_client, event):
    post_form(organiser_client, TEAM, email="neu@example.org", role="check-in")
    mail = db.session.scalars(select(OutgoingMail).where(OutgoingMail.recipient == "neu@example.org")).one()
    link = re.search(r"/organiser/invite/\S+", mail.body_text).group(0)
    post_form(organiser_client, "/organiser/logout", token_from="/organiser/")
    post_form(organiser_client, link, new_password="ein-langes-passwort",
              new_password_again="ein-langes-passwort")
    assert role_of("neu@example.org", event) is EventRole.CHECK_IN
    assert organiser_client.get(f"{EVENT_URL}/attendees").status_code == 403


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def empty_database(request, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'old.sqlite'}"
    base = request.getfixturevalue("postgres_url").rsplit("/", 1)[0]
    return create_database(base, f"roles_{uuid.uuid4().hex[:8]}")


def test_access_from_before_the_roles_stays_full_access(empty_database, instance_folder):
    app = create_app(app_config(empty_database, instance_folder))
    with app.app_context():
        upgrade(revision=BEFORE_ROLES)
        with db.engine.begin() as connection:
            for statement in OLD_ROWS:
                connection.execute(text(statement))
        upgrade()
        with db.engine.connect() as connection:
            role = connection.execute(text("SELECT role FROM organiser_event")).scalar_one()
        downgrade(revision=BEFORE_ROLES)
        db.engine.dispose()
    assert role == "organiser"
