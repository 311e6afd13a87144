"""Text other attendees see (names, organisation, position, cluster, tags) may not hold
anything a mail client would turn into a link: refused with a message naming what belongs
in that field, in the sign-up, self-service and organiser forms and in the import."""

import html

import pytest
from sqlalchemy import func, select

from matchmaker.exchange.attendee_csv import CsvErrors, parse_attendee_csv
from matchmaker.extensions import db
from matchmaker.models import Attendee
from tests.exchange.test_attendee_csv import OTHER, csv_text
from tests.organiser.conftest import EVENT_URL
from tests.support.attendees import add_attendee
from tests.support.factories import csrf_token, submit_sign_up

LINK = "www.phish.example"
REFUSED = {
    "organisation": "nur den Namen der Organisation ein, ohne Web- oder E-Mail-Adressen",
    "position": "nur die Position ein, ohne Web- oder E-Mail-Adressen",
    "cluster": "nur den Namen des Clusters ein, ohne Web- oder E-Mail-Adressen",
    "keywords": "nur Begriffe ein, ohne Web- oder E-Mail-Adressen",
    "offers": "nur Begriffe ein, ohne Web- oder E-Mail-Adressen",
    "seeks": "nur Begriffe ein, ohne Web- oder E-Mail-Adressen",
}


def page_text(response) -> str:
    return html.unescape(response.get_data(as_text=True))


@pytest.mark.parametrize("field", list(REFUSED))
def test_sign_up_refuses_a_link_in_text_others_see(client, event, field):
    value = f"Wasserstoff, {LINK}" if field in ("keywords", "offers", "seeks") else LINK
    response = submit_sign_up(client, **{field: value})
    assert response.status_code == 200 and REFUSED[field] in page_text(response)
    assert db.session.scalar(select(func.count(Attendee.id))) == 0


def test_self_service_refuses_a_link_in_the_organisation(client, event):
    submit_sign_up(client)
    attendee = db.session.scalars(select(Attendee)).one()
    path = f"/me/{attendee.token}/profile"
    response = client.post(path, data={
        "first_name": "Jürgen", "last_name": "Müller", "organisation": "Müller.example",
        "org_type": "sme", "industry": "logistics", "csrf_token": csrf_token(client, path)})
    assert REFUSED["organisation"] in page_text(response)


def test_organiser_form_refuses_a_link_in_the_cluster(organiser_client, event):
    ada = add_attendee(event, "Ada")
    path = f"{EVENT_URL}/attendees/{ada.number}"
    response = organiser_client.post(path, data={
        "email": "ada@example.org", "first_name": "Ada", "last_name": "B", "organisation": "O",
        "org_type": "sme", "industry": "logistics", "language": "de",
        "cluster": "https://phish.example/login", "csrf_token": csrf_token(organiser_client, path)})
    assert REFUSED["cluster"] in page_text(response)
    db.session.refresh(ada)
    assert ada.cluster is None


@pytest.mark.parametrize("column, value", [
    ("first_name", "anna@phish.example"), ("organisation", LINK), ("position", "http://x.example"),
    ("cluster", "PHISH.COM"), ("offers", f"Wasserstoff;{LINK}"),
])
def test_import_refuses_a_link_in_text_others_see(column, value):
    with pytest.raises(CsvErrors) as refused:
        parse_attendee_csv(csv_text({**OTHER, column: value}), slots=10)
    assert [(e.code, e.column) for e in refused.value.errors] == [("link_like", column)]
