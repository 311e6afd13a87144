"""Writing tables for spreadsheets: formula injection is neutralised, text survives."""

import csv
import io
from datetime import datetime

import pytest
from openpyxl import load_workbook

from matchmaker.exchange.spreadsheet import csv_bytes, neutralise, restore, xlsx_bytes

RISKY = ["=HYPERLINK(\"http://evil.example\",\"x\")", "+49 30 1234", "-5 °C", "@SUM(A1)",
         "\tTab", "\rCR", "'=already quoted", "''-twice"]


@pytest.mark.parametrize("text", RISKY)
def test_risky_text_gets_an_apostrophe_that_restore_removes(text):
    assert neutralise(text) == "'" + text and restore(neutralise(text)) == text


@pytest.mark.parametrize("text", ["Müller", "KI; Leichtbau", "'quoted", "5 - 3", ""])
def test_harmless_text_is_written_and_read_unchanged(text):
    assert neutralise(text) == text and restore(text) == text


def test_csv_has_bom_and_neutralised_cells():
    data = csv_bytes(["name", "count"], [["=1+1", 3], ["Jürgen", None]])
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows == [["name", "count"], ["'=1+1", "3"], ["Jürgen", ""]]


def test_xlsx_stores_formula_like_text_as_quoted_string_not_formula():
    data = xlsx_bytes("schedule", ["organisation"], [['=HYPERLINK("http://evil.example")']])
    cell = load_workbook(io.BytesIO(data)).active["A2"]
    assert (cell.data_type, cell.value, cell.quotePrefix) == (
        "s", '=HYPERLINK("http://evil.example")', True)


def test_xlsx_keeps_numbers_and_datetimes_typed():
    start = datetime(2027, 6, 16, 10, 30)
    sheet = load_workbook(io.BytesIO(xlsx_bytes("s", ["slot", "start"], [[1, start]]))).active
    assert (sheet["A2"].value, sheet["B2"].value) == (1, start)
