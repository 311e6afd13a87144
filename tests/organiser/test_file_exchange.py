"""The dashboard's file import and downloads, through the real pages."""

import io

import pytest
from sqlalchemy import func, select

from matchmaker.extensions import db
from matchmaker.models import Attendee
from matchmaker.services.schedule.planning import plan_schedule
from matchmaker.services.schedule.publishing import publish
from tests.exchange.sheets import workbook_bytes
from tests.exchange.test_attendee_csv import GOOD, OTHER, csv_text
from tests.exchange.test_file_formats import huge_cell_csv, inflated, sheet_rows
from tests.support.attendees import add_matching_pair
from tests.support.factories import csrf_token
from tests.support.routes import example_path, rules_of

CSV_DOWNLOADS = [rule.endpoint for rule in rules_of("organiser") if "fmt" in rule.arguments]


@pytest.mark.parametrize("endpoint", CSV_DOWNLOADS)
def test_csv_download_names_its_charset_once(app, organiser_client, event, endpoint):
    add_matching_pair(event)
    plan_schedule(event)
    publish(event, "organiser@example.org")
    response = organiser_client.get(example_path(app, endpoint, slug=event.slug, fmt="csv"))
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"


def upload(client, event, data: bytes, name: str):
    path = f"/organiser/{event.slug}/import"
    return client.post(path, data={"csrf_token": csrf_token(client, path),
                                   "file": (io.BytesIO(data), name)},
                       content_type="multipart/form-data")


def attendee_count() -> int:
    return db.session.scalar(select(func.count(Attendee.id)))


def test_csv_with_a_huge_cell_is_refused_naming_its_line(organiser_client, event):
    response = upload(organiser_client, event, huge_cell_csv(line=3), "liste.csv")
    assert response.status_code == 200
    assert "Zeile 3: eine Zelle enthält mehr als 131072 Zeichen" in response.get_data(as_text=True)
    assert attendee_count() == 0


def test_workbook_that_unpacks_to_a_huge_sheet_is_refused_with_a_message(organiser_client, event):
    data = inflated(workbook_bytes(sheet_rows({**GOOD, "position": "HUGE"})), "HUGE", 11_000_000)
    response = upload(organiser_client, event, data, "liste.xlsx")
    assert response.status_code == 200
    assert "die Arbeitsmappe ist zu groß" in response.get_data(as_text=True)


def test_german_excel_csv_with_commas_in_list_cells_can_be_imported(organiser_client, event):
    row = {**OTHER, "themes": "non_technical,open_innovation"}
    response = upload(organiser_client, event, csv_text(row, delimiter=";").encode("cp1252"),
                      "excel.csv")
    assert response.status_code == 200
    assert 'name="upload"' in response.get_data(as_text=True)  # the import can be confirmed
