"""One installation, many events: the start page, each event's own sign-up and state."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from matchmaker.extensions import db
from matchmaker.models import Attendee, AttendeeStatus, utcnow
from matchmaker.services.events.events import copy_event
from tests.support.attendees import add_attendee
from tests.support.factories import csrf_token, make_event, valid_sign_up

WORKSHOP = "/workshop-2027"


def two_events():
    return make_event(), make_event(capacity=2, slug="workshop-2027", title="Workshop KMU 2027")


def test_start_page_lists_every_open_event(client, app):
    two_events()
    page = client.get("/").get_data(as_text=True)
    assert 'href="/go-cluster-2027/"' in page and 'href="/workshop-2027/"' in page


def test_start_page_goes_straight_to_the_only_open_event(client, event):
    assert client.get("/").location == "/go-cluster-2027/"


def test_start_page_leaves_out_archived_and_closed_events(client, app):
    conference, workshop = two_events()
    conference.archived_at = utcnow()
    workshop.registration_closes_at = utcnow() - timedelta(minutes=1)
    db.session.commit()
    page = client.get("/").get_data(as_text=True)
    assert "Derzeit ist keine Veranstaltung zur Anmeldung geöffnet." in page


def test_closed_event_says_so_instead_of_showing_the_form(client, event):
    event.registration_closes_at = utcnow() - timedelta(hours=1)
    db.session.commit()
    assert "Die Anmeldung zu dieser Veranstaltung ist geschlossen." in client.get(
        "/go-cluster-2027/").get_data(as_text=True)
    response = client.get("/go-cluster-2027/register")
    assert response.status_code == 403 and 'name="email"' not in response.get_data(as_text=True)


def test_sign_up_to_a_closed_event_stores_nothing(client, event):
    token = csrf_token(client, "/go-cluster-2027/register")
    event.registration_closes_at = utcnow() - timedelta(seconds=1)
    db.session.commit()
    response = client.post("/go-cluster-2027/register", data={**valid_sign_up(), "csrf_token": token})
    assert response.status_code == 403
    assert db.session.scalars(select(Attendee)).all() == []


@pytest.mark.both_databases
def test_event_not_yet_open_names_the_opening_time(client, event):
    event.registration_opens_at = utcnow() + timedelta(days=3)
    db.session.commit()
    assert "Die Anmeldung öffnet am" in client.get("/go-cluster-2027/").get_data(as_text=True)


@pytest.mark.both_databases
def test_past_event_says_it_is_over(client, event):
    event.starts_on = utcnow().date() - timedelta(days=1)
    db.session.commit()
    assert "Diese Veranstaltung ist vorbei." in client.get("/go-cluster-2027/register").get_data(as_text=True)


@pytest.mark.both_databases
def test_same_address_registers_for_two_events(client, app):
    two_events()
    for path in ("/go-cluster-2027/register", f"{WORKSHOP}/register"):
        client.post(path, data={**valid_sign_up(), "csrf_token": csrf_token(client, path)})
    assert len(db.session.scalars(select(Attendee).where(
        Attendee.email == "juergen.mueller@example.org")).all()) == 2


@pytest.mark.both_databases
def test_filling_one_event_leaves_the_other_open(app):
    conference, workshop = two_events()
    for name in ("Ada", "Bea", "Cem"):
        add_attendee(workshop, name)
    later = add_attendee(conference, "Dora")
    statuses = {a.first_name: a.status for a in db.session.scalars(select(Attendee))}
    assert statuses == {"Ada": AttendeeStatus.REGISTERED, "Bea": AttendeeStatus.REGISTERED,
                        "Cem": AttendeeStatus.WAITLISTED, "Dora": AttendeeStatus.REGISTERED}
    assert later.number == 1  # numbers count per event


def test_private_link_shows_the_attendees_own_event(client, app):
    _, workshop = two_events()
    attendee = add_attendee(workshop, "Ada")
    page = client.get(f"/me/{attendee.token}").get_data(as_text=True)
    assert "Workshop KMU 2027" in page and "go-cluster Jahrestagung 2027" not in page


def test_copy_takes_the_settings_and_none_of_the_attendees(app):
    source = make_event(capacity=80, tables=12)
    source.tables[0].name = "Lounge A"
    add_attendee(source, "Ada")
    copy = copy_event(source, "go-cluster-2028", "go-cluster Jahrestagung 2028",
                      source.starts_on + timedelta(days=364))
    db.session.commit()
    assert (copy.capacity, len(copy.slots), len(copy.tables)) == (80, 10, 12)
    assert copy.tables[0].name == "Lounge A"
    assert copy.slots[0].starts_at == source.slots[0].starts_at + timedelta(days=364)
    assert [a.event_id for a in db.session.scalars(select(Attendee))] == [source.id]


def test_app_paths_cannot_become_event_slugs(client, app):
    import pytest

    from matchmaker.services import DomainError

    with pytest.raises(DomainError):
        make_event(slug="organiser")


@pytest.mark.both_databases
def test_simultaneous_sign_ups_to_two_events_stay_exact_in_both(app):
    from tests.public.test_capacity_concurrency import at_once, sign_up_in_own_session

    conference = make_event(capacity=10).id
    workshop = make_event(capacity=5, slug="workshop-2027", title="Workshop KMU 2027").id
    db.session.close()
    people = [(conference if n % 2 else workshop, f"Person{n}") for n in range(40)]
    at_once(len(people), lambda n, barrier: sign_up_in_own_session(app, people[n][0], people[n][1], barrier))
    for event_id, seats in ((conference, 10), (workshop, 5)):
        statuses = [a.status for a in db.session.scalars(select(Attendee).where(Attendee.event_id == event_id))]
        assert (statuses.count(AttendeeStatus.REGISTERED), statuses.count(AttendeeStatus.WAITLISTED)) == (seats, 20 - seats)
        numbers = sorted(db.session.scalars(select(Attendee.number).where(Attendee.event_id == event_id)))
        assert numbers == list(range(1, 21))
