"""The dashboard's pages send as many SQL statements for many attendees as for few."""

import pytest

from matchmaker.extensions import db
from matchmaker.services.attendees.imports import import_attendees
from matchmaker.synthetic import generate_attendees
from tests.support.factories import add_organiser, login, make_event
from tests.support.queries import counting_queries

pytestmark = pytest.mark.both_databases

PAGES = ["/organiser/{slug}/", "/organiser/{slug}/attendees",
         "/organiser/{slug}/attendees?q=gmbh&org_type=sme&theme=skills&sort=name",
         "/organiser/{slug}/audit", "/organiser/{slug}/blocked-pairs", "/organiser/{slug}/report"]


def seeded(slug: str, count: int) -> None:
    event = make_event(capacity=count, slug=slug, title=slug)
    import_attendees(event, generate_attendees(count, seed=4, slots=10), "test", confirmed=True)
    db.session.commit()


def statements_per_page(client, slug: str) -> list[int]:
    counts = []
    for path in PAGES:
        with counting_queries(db.engine) as statements:
            assert client.get(path.format(slug=slug)).status_code == 200
        counts.append(len(statements))
    return counts


def test_many_attendees_need_no_more_statements_than_few(app, client):
    seeded("few", 20)
    seeded("many", 150)
    add_organiser()
    login(client, "team@example.org", "richtig-geheim")
    few = statements_per_page(client, "few")
    assert statements_per_page(client, "many") == few
    assert max(few) < 25
