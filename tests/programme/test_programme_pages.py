"""The programme in the dashboard and on the public page: sessions added by hand,
changed, deleted, and shown to everybody."""

from flask.testing import FlaskClient
from sqlalchemy import select

from matchmaker.extensions import db
from matchmaker.models import ProgrammeSession
from tests.support.factories import post_form

PAGE = "/organiser/go-cluster-2027/programme"
SESSION = {"title": "Offene Innovation in Clustern", "kind": "workshop", "start": "11:00",
           "end": "12:30", "room": "Saal 3", "capacity": "20", "themes": ["open_innovation"],
           "description": "Wie Cluster Innovation öffnen."}


def sessions() -> list[ProgrammeSession]:
    db.session.expire_all()
    return list(db.session.scalars(select(ProgrammeSession)))


def test_session_added_in_dashboard_is_stored_on_event_day(organiser_client: FlaskClient) -> None:
    response = post_form(organiser_client, PAGE, SESSION)
    assert response.status_code == 302
    [session] = sessions()
    assert (session.title, session.kind, session.room, session.capacity) == (
        "Offene Innovation in Clustern", "workshop", "Saal 3", 20)
    assert session.starts_at.isoformat() == "2027-06-16T11:00:00"


def test_session_ending_before_start_is_refused(organiser_client: FlaskClient) -> None:
    response = post_form(organiser_client, PAGE, {**SESSION, "end": "10:00"})
    assert sessions() == []
    assert "nach ihrem Beginn enden" in organiser_client.get(response.location).get_data(as_text=True)


def test_session_changed_in_dashboard_keeps_new_values(organiser_client: FlaskClient) -> None:
    post_form(organiser_client, PAGE, SESSION)
    path = f"{PAGE}/{sessions()[0].id}"
    post_form(organiser_client, path, {**SESSION, "title": "Cluster öffnen", "capacity": ""})
    [session] = sessions()
    assert (session.title, session.capacity) == ("Cluster öffnen", None)


def test_session_deleted_in_dashboard_is_gone(organiser_client: FlaskClient) -> None:
    post_form(organiser_client, PAGE, SESSION)
    post_form(organiser_client, f"{PAGE}/{sessions()[0].id}/delete", token_from=PAGE)
    assert sessions() == []


def test_public_programme_page_lists_sessions_by_time(organiser_client: FlaskClient) -> None:
    post_form(organiser_client, PAGE, SESSION)
    post_form(organiser_client, PAGE, {**SESSION, "title": "Fachkräfte gewinnen", "start": "09:30",
                                       "end": "10:15", "capacity": ""})
    page = organiser_client.get("/go-cluster-2027/programme").get_data(as_text=True)
    assert page.index("Fachkräfte gewinnen") < page.index("Offene Innovation in Clustern")
    assert "11:00–12:30" in page


def test_event_page_links_to_programme(client: FlaskClient, event) -> None:  # type: ignore[no-untyped-def]
    page = client.get("/go-cluster-2027/").get_data(as_text=True)
    assert 'href="/go-cluster-2027/programme"' in page


def test_dashboard_navigation_links_to_programme(organiser_client: FlaskClient) -> None:
    page = organiser_client.get("/organiser/go-cluster-2027/").get_data(as_text=True)
    assert f'href="{PAGE}"' in page
