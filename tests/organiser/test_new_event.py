"""A new event from the dashboard: its short name is made from the title when left empty."""

import pytest
from sqlalchemy import select

from matchmaker.extensions import db
from matchmaker.models import Event
from tests.support.factories import csrf_token

NEW = "/organiser/events/new"


def create(client, title: str, slug: str = ""):
    return client.post(NEW, data={
        "title": title, "slug": slug, "starts_on": "2027-09-01", "venue": "Messe Erfurt",
        "copy_from": "", "capacity": "50", "tables": "10", "csrf_token": csrf_token(client, NEW)})


def slugs() -> set[str]:
    db.session.expire_all()
    return set(db.session.scalars(select(Event.slug)))


def test_empty_short_name_is_made_from_the_title_with_umlauts_spelled_out(organiser_client):
    response = create(organiser_client, "Frühjahrstreffen Süßwaren & Öko 2027")
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/organiser/fruehjahrstreffen-suesswaren-oeko-2027/")


@pytest.mark.both_databases  # the taken short names are read from the database
def test_short_name_made_from_a_taken_title_gets_a_number(organiser_client):
    create(organiser_client, "go-cluster Jahrestagung 2027")
    assert "go-cluster-jahrestagung-2027" in slugs()
    create(organiser_client, "go-cluster Jahrestagung 2027")
    assert "go-cluster-jahrestagung-2027-2" in slugs()


def test_short_name_made_from_a_reserved_word_is_not_the_reserved_word(organiser_client):
    create(organiser_client, "Events")
    assert "events-2" in slugs() and "events" not in slugs()


def test_typed_short_name_is_kept(organiser_client):
    create(organiser_client, "Frühjahrstreffen", slug="fj-27")
    assert "fj-27" in slugs()
