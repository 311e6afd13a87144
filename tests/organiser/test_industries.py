"""The installation's industry list on the dashboard: renaming and adding."""

from matchmaker.extensions import db
from matchmaker.models import Industry
from tests.support.factories import csrf_token

PAGE = "/organiser/industries"


def names_form(client, **changes: tuple[str, str]) -> dict:
    """Every industry's names as the page shows them, with ``changes`` by code."""
    data: dict = {"csrf_token": csrf_token(client, PAGE), "rename": "1", "code": []}
    for industry in db.session.scalars(db.select(Industry)):
        data["code"].append(industry.code)
        de, en = changes.get(industry.code, (industry.name_de, industry.name_en))
        data[f"de-{industry.code}"], data[f"en-{industry.code}"] = de, en
    return data


def test_renaming_an_industry_saves_the_new_names(organiser_client):
    response = organiser_client.post(PAGE, data=names_form(
        organiser_client, logistics=("Logistik und Häfen", "Logistics and ports")))
    assert response.status_code == 302
    assert db.session.get(Industry, "logistics").name_de == "Logistik und Häfen"


def test_renaming_an_industry_to_an_empty_name_is_refused_with_a_message(organiser_client):
    response = organiser_client.post(PAGE, data=names_form(
        organiser_client, logistics=("", "Logistics")), follow_redirects=True)
    assert response.status_code == 200
    assert "Jede Branche braucht einen deutschen und einen englischen Namen." in response.get_data(as_text=True)
    assert db.session.get(Industry, "logistics").name_de == "Logistik"


def test_adding_an_industry_with_a_taken_code_is_refused_with_a_message(organiser_client):
    data = {"csrf_token": csrf_token(organiser_client, PAGE), "code": "logistics",
            "name_de": "Logistik", "name_en": "Logistics"}
    response = organiser_client.post(PAGE, data=data, follow_redirects=True)
    assert response.status_code == 200
    assert "Dieser Code ist schon vergeben." in response.get_data(as_text=True)
