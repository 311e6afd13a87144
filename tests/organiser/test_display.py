"""The meeting area's display screen: the organiser's page and the secret link for a TV."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from matchmaker import clock
from matchmaker.extensions import db
from matchmaker.models import Meeting
from matchmaker.services.schedule.display import create_display_link
from matchmaker.services.schedule.planning import plan_schedule
from matchmaker.services.schedule.publishing import publish
from tests.support.attendees import add_matching_pair
from tests.support.factories import make_event, post_form

LINK = "/organiser/go-cluster-2027/display"


@pytest.fixture
def starts_at(event):
    add_matching_pair(event)
    plan_schedule(event)
    publish(event, "organiser@example.org")
    db.session.commit()
    starts_at = db.session.scalar(select(Meeting)).slot.starts_at
    db.session.commit()  # no read left open: SQLite would keep the request from writing
    return starts_at


def display_link(organiser_client) -> str:
    post_form(organiser_client, f"{LINK}/link", token_from=LINK)
    db.session.expire_all()
    return next(line for line in organiser_client.get(LINK).get_data(as_text=True).split('"')
                if "/display/" in line and line.startswith("http")).replace("http://localhost", "")


def test_the_display_shows_the_current_slot_with_time_left(organiser_client, monkeypatch, starts_at):
    monkeypatch.setattr(clock, "venue_now", lambda: starts_at + timedelta(minutes=5))
    page = organiser_client.get(LINK).get_data(as_text=True)
    assert "noch 15 Minuten" in page and "Anna Beispiel · Ben Beispiel" in page
    assert 'src="/static/refresh.js" data-seconds="30"' in page


def test_the_display_shows_the_next_slot_before_it_starts(organiser_client, monkeypatch, starts_at):
    monkeypatch.setattr(clock, "venue_now", lambda: starts_at - timedelta(minutes=1))
    page = organiser_client.get(LINK).get_data(as_text=True)
    assert "Als Nächstes" in page and "Anna Beispiel · Ben Beispiel" in page


def test_the_display_link_opens_without_log_in(organiser_client, client, app, monkeypatch, starts_at):
    monkeypatch.setattr(clock, "venue_now", lambda: starts_at)
    link = display_link(organiser_client)
    response = app.test_client().get(link)
    assert response.status_code == 200 and "Anna Beispiel · Ben Beispiel" in response.get_data(as_text=True)


def test_a_revoked_display_link_is_not_found(organiser_client, app, starts_at):
    link = display_link(organiser_client)
    post_form(organiser_client, f"{LINK}/link/revoke", token_from=LINK)
    assert app.test_client().get(link).status_code == 404


def test_a_wrong_display_secret_is_not_found(organiser_client, app, starts_at):
    display_link(organiser_client)
    assert app.test_client().get("/go-cluster-2027/display/guessed").status_code == 404


def test_a_display_link_does_not_open_another_event(organiser_client, app, starts_at):
    make_event(slug="workshop-2027", title="Workshop")
    secret = display_link(organiser_client).rsplit("/", 1)[1]
    assert app.test_client().get(f"/workshop-2027/display/{secret}").status_code == 404


def test_the_display_shows_names_only(organiser_client, monkeypatch, starts_at):
    monkeypatch.setattr(clock, "venue_now", lambda: starts_at)
    page = organiser_client.get(LINK).get_data(as_text=True)
    board = page[page.find('class="board"'):page.find("display-link-title")]
    assert "GmbH" not in board and "@example.org" not in board


def test_display_link_with_letters_beyond_ascii_is_not_found(client, event):
    """A link is typed or pasted by anyone: text the secret can never be is a plain 404."""
    create_display_link(event, "organiser@example.org")
    db.session.commit()
    assert client.get(f"/{event.slug}/display/gehe%C3%AFm").status_code == 404
