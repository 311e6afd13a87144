"""Giving an organiser access to one event, from the dashboard."""

import re

from sqlalchemy import select

from matchmaker.extensions import db
from matchmaker.models import Organiser, OutgoingMail
from tests.support.factories import add_organiser, csrf_token, make_event

from .conftest import EVENT_URL


def test_existing_organiser_gets_access_at_once(organiser_client, event):
    other = add_organiser("kollegin@example.org", events=())
    organiser_client.post(f"{EVENT_URL}/team", data={
        "csrf_token": csrf_token(organiser_client, "/organiser/"), "email": "Kollegin@example.org"})
    db.session.refresh(other)
    assert [e.slug for e in other.events] == ["go-cluster-2027"]
    assert "kollegin@example.org" in organiser_client.get(f"{EVENT_URL}/team").get_data(as_text=True)


def test_invited_organiser_organises_just_this_event(organiser_client, client, event):
    make_event(slug="workshop-2027", title="Workshop")
    organiser_client.post(f"{EVENT_URL}/team", data={
        "csrf_token": csrf_token(organiser_client, "/organiser/"), "email": "neu@example.org"})
    mail = db.session.scalars(select(OutgoingMail).where(OutgoingMail.recipient == "neu@example.org")).one()
    link = re.search(r"/organiser/invite/\S+", mail.body_text).group(0)
    organiser_client.post("/organiser/logout", data={"csrf_token": csrf_token(organiser_client, "/organiser/")})
    token = csrf_token(organiser_client, link)
    organiser_client.post(link, data={"csrf_token": token, "new_password": "ein-langes-passwort",
                                      "new_password_again": "ein-langes-passwort"})
    invited = db.session.scalars(select(Organiser).where(Organiser.email == "neu@example.org")).one()
    assert not invited.is_admin and [e.slug for e in invited.events] == ["go-cluster-2027"]
