"""`matchmaker report`: the funder's report as PDF and spreadsheet, and its errors."""

import io

import pytest
from openpyxl import load_workbook

from matchmaker.documents.report import ReportContent, Section, report_pdf
from tests.documents.pdf_text import pdftotext
from tests.support.event_day import constructed_day


@pytest.fixture
def day(event):
    return constructed_day(event)


def report(runner, tmp_path, name, *options):
    output = tmp_path / name
    result = runner.invoke(args=["report", "--event", "go-cluster-2027", "--output", str(output),
                                 *options])
    assert result.exit_code == 0, result.output
    return output.read_bytes()


def test_pdf_in_german_shows_the_figures_and_the_breakdowns(runner, day, tmp_path):
    text = " ".join(pdftotext(report(runner, tmp_path, "bericht.pdf")).split())
    assert "No-Show-Quote 16,7 %" in text
    assert "Stattgefunden (bestätigt oder als stattgefunden gemeldet) 2" in text
    assert "Logistik – Logistik" in text and "KMU oder Start-up" in text and "Nord – Süd" in text
    assert "Median 1" in text


def test_pdf_in_english_speaks_english(runner, day, tmp_path):
    text = " ".join(pdftotext(report(runner, tmp_path, "report.pdf", "--language", "en")).split())
    assert "No-show rate 16.7%" in text and "Held meetings by industry pair" in text


def test_spreadsheet_holds_the_figures_as_numbers_and_a_sheet_per_breakdown(runner, day, tmp_path):
    book = load_workbook(io.BytesIO(report(runner, tmp_path, "report.xlsx", "--language", "en")))
    figures = {row[1]: row[2] for row in book.worksheets[0].iter_rows(min_row=2, values_only=True)}
    assert figures["No-show rate (%)"] == 16.7 and figures["Re-planned after publication"] == 3
    clusters = book["Held meetings from cluster to c"]
    assert ("Nord – Süd", 1, 1, 0) in list(clusters.iter_rows(values_only=True))
    assert len(book.worksheets) == 5


def test_unknown_extension_is_refused_in_one_line(runner, day, tmp_path):
    result = runner.invoke(args=["report", "--output", str(tmp_path / "report.docx")])
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        "Error: cannot write report.docx: the file name must end in .pdf or .xlsx"]


def test_missing_folder_is_named_in_one_line(runner, day, tmp_path):
    result = runner.invoke(args=["report", "--output", str(tmp_path / "nowhere" / "report.pdf")])
    assert result.exit_code == 1
    [line] = result.output.strip().splitlines()
    assert line.startswith("Error: cannot write") and "No such file or directory" in line


def test_long_breakdown_draws_its_first_bars_and_says_the_table_lists_all():
    rows = [(f"Paar {number:02d}", 30 - number, 30 - number, 0) for number in range(20)]
    section = Section("clusters", "Von Cluster zu Cluster", ("Paar", "Gespräche", "Stattgefunden", "Wertvoll"),
                      rows, 2, "Keine.", chart_limit=15, chart_note="Die Tabelle nennt alle.")
    content = ReportContent("Bericht", "16. Juni 2027", "Stand: heute", "Definitionen", "Kennzahlen",
                            ("Bereich", "Kennzahl", "Wert"), [], [section])
    text = pdftotext(report_pdf(content))
    assert text.count("Paar 00") == 2 and text.count("Paar 19") == 1  # bar and table, table only
    assert "Die Tabelle nennt alle." in text
