"""The report page for the funder in the dashboard: reachable from the event navigation,
in German and English, with its files to download."""

import io

import pytest
from openpyxl import load_workbook

from tests.documents.pdf_text import pdftotext
from tests.support.event_day import constructed_day

REPORT = "/organiser/go-cluster-2027/report"


@pytest.fixture
def day(event):
    return constructed_day(event)


def text_of(response) -> str:
    return " ".join(response.get_data(as_text=True).split())


def test_event_navigation_links_to_the_report(organiser_client, day):
    page = organiser_client.get("/organiser/go-cluster-2027/").get_data(as_text=True)
    assert f'href="{REPORT}">Bericht</a>' in page


def test_report_page_in_german_shows_figures_and_charts_with_tables(organiser_client, day):
    page = text_of(organiser_client.get(REPORT))
    assert "<dt>No-Show-Quote</dt><dd>16,7 %</dd>" in page
    assert "<dt>Nach der Veröffentlichung neu geplant</dt><dd>3</dd>" in page
    assert page.count('<svg class="bars" role="img"') == 4 and page.count("<table") == 4
    assert "<td>Nord – Süd</td><td class=\"number\">1</td>" in page


def test_report_page_in_english_speaks_english(organiser_client, day):
    organiser_client.get("/language/en")
    page = text_of(organiser_client.get(REPORT))
    assert "<dt>No-show rate</dt><dd>16.7%</dd>" in page and "Held meetings by industry pair" in page


def test_pdf_download_is_in_the_page_language(organiser_client, day):
    organiser_client.get("/language/en")
    response = organiser_client.get(f"{REPORT}.pdf")
    assert response.mimetype == "application/pdf"
    assert 'filename="go-cluster-2027-report.pdf"' in response.headers["Content-Disposition"]
    assert "Held meetings, median" in pdftotext(response.data)


def test_spreadsheet_download_holds_the_key_figures(organiser_client, day):
    response = organiser_client.get(f"{REPORT}.xlsx")
    assert 'filename="go-cluster-2027-bericht.xlsx"' in response.headers["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.data)).worksheets[0]
    assert ("Teilnahme", "Eingecheckt", 5) in list(sheet.iter_rows(values_only=True))


def test_other_file_types_are_not_found(organiser_client, day):
    assert organiser_client.get(f"{REPORT}.csv").status_code == 404
