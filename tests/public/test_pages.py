"""Public pages, the language switch and the organiser log-in."""

import re

import pytest
from sqlalchemy import select

from matchmaker.extensions import db
from matchmaker.models import Attendee, AttendeeStatus
from tests.support.factories import add_organiser, login, make_event, submit_sign_up


def test_event_page_shows_title_date_venue_themes_and_seats(client, event):
    page = client.get("/go-cluster-2027/").get_data(as_text=True)
    for expected in ("go-cluster Jahrestagung 2027", "Mittwoch, 16. Juni 2027", "bcc Berlin Congress Center",
                     "Open Innovation", "Fachkräftesicherung durch Aus- und Weiterbildung",
                     "Nicht-technische Innovationen", "Neue Optionen für das Clustermanagement",
                     "So funktioniert das Matchmaking", "Es sind noch Plätze frei.", 'href="/go-cluster-2027/register"'):
        assert expected in page


@pytest.mark.both_databases
def test_nearly_full_event_page_says_few_seats_without_a_count(client, app):
    make_event(capacity=11)
    submit_sign_up(client)
    page = client.get("/go-cluster-2027/").get_data(as_text=True)
    assert "Nur noch wenige Plätze frei." in page and not re.search(r"\d+ Plätze", page)


@pytest.mark.both_databases
def test_full_event_page_offers_waiting_list(client, app):
    make_event(capacity=0)
    page = client.get("/go-cluster-2027/").get_data(as_text=True)
    assert "Die Veranstaltung ist ausgebucht." in page and "Auf die Warteliste setzen" in page


def test_site_without_event_says_no_event_is_open(client):
    page = client.get("/").get_data(as_text=True)
    assert "Derzeit ist keine Veranstaltung zur Anmeldung geöffnet." in page


def test_language_choice_is_remembered_across_pages(client, event):
    response = client.get("/language/en?next=/go-cluster-2027/register")
    assert response.location == "/go-cluster-2027/register"
    page = client.get("/privacy").get_data(as_text=True)
    assert '<html lang="en">' in page and "Privacy notice" in page


def test_language_switch_refuses_foreign_redirect(client, event):
    assert client.get("/language/en?next=//evil.example").location == "/"


def test_unknown_language_is_not_found(client, event):
    assert client.get("/language/fr").status_code == 404


def test_privacy_page_names_controller_retention_and_rights(app, client, event):
    page = client.get("/privacy").get_data(as_text=True)
    assert app.config["ORGANISER_EMAIL"] in page
    assert "90 Tage nach der Veranstaltung" in page
    assert "Art. 17" in page and "Art. 6 Abs. 1 lit. a DSGVO" in page


def test_unknown_page_gets_german_not_found_page(client, event):
    response = client.get("/no-such-page")
    assert response.status_code == 404 and "Seite nicht gefunden" in response.get_data(as_text=True)


def test_organiser_logs_in_and_sees_attendees(client, event):
    add_organiser()
    submit_sign_up(client)
    response = login(client, " TEAM@example.org", "richtig-geheim")
    assert response.location == "/organiser/"
    page = client.get("/organiser/go-cluster-2027/attendees").get_data(as_text=True)
    assert "Jürgen Müller" in page and "Müller Präzisionstechnik GmbH" in page


def test_wrong_password_is_refused_with_message(client, event):
    add_organiser()
    page = login(client, "team@example.org", "falsch").get_data(as_text=True)
    assert "E-Mail-Adresse oder Passwort ist falsch." in page
    assert client.get("/organiser/").status_code == 302


def test_sign_up_form_shows_slots_in_venue_time(client, event):
    page = client.get("/go-cluster-2027/register").get_data(as_text=True)
    assert "10:30–10:50" in page and "14:00–14:20" in page and "15:20–15:40" in page


def test_language_switch_refuses_disguised_foreign_redirects(client, event):
    for target in ("/%09/evil.example", "/%0A/x", "/%5Cevil.example", "/\\evil.example",
                   "https://evil.example/", "/%0D%0ASet-Cookie:x=1"):
        response = client.get(f"/language/en?next={target}")
        assert response.status_code == 302 and response.location == "/", target


def test_event_page_describes_the_actual_slot_grid(client, event):
    page = " ".join(client.get("/go-cluster-2027/").get_data(as_text=True).split())
    assert "20-minütigen 1:1-Gesprächen" in page
    assert "Es gibt 10 Zeitfenster in 2 Blöcken." in page


@pytest.mark.both_databases
def test_newcomer_does_not_overtake_the_waiting_list(client, app):
    event = make_event(capacity=1)
    submit_sign_up(client, email="first@example.org")
    submit_sign_up(client, email="waiting@example.org")
    event.capacity = 2
    db.session.commit()
    submit_sign_up(client, email="late@example.org")
    statuses = dict(db.session.execute(select(Attendee.email, Attendee.status)).all())
    assert statuses["late@example.org"] == AttendeeStatus.WAITLISTED


def test_favicon_ico_is_served_as_an_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200 and response.mimetype == "image/vnd.microsoft.icon"
    assert response.data[:4] == b"\x00\x00\x01\x00"  # the ICO signature


def test_every_page_links_icons_that_are_served(client, event):
    page = client.get("/go-cluster-2027/").get_data(as_text=True)
    icons = re.findall(r'<link rel="icon" href="([^"]+)"', page)
    assert len(icons) == 2
    assert all(client.get(href).status_code == 200 for href in icons)
