"""The attendee list as German Excel saves it: delimiter, encoding, German headers, .xlsx."""

import io
import zipfile
from datetime import date, datetime
from pathlib import Path

import pytest

from matchmaker.exchange.attendee_csv import COLUMNS, CsvErrors, parse_attendee_csv
from matchmaker.exchange.attendee_xlsx import parse_attendee_file
from tests.exchange.sheets import workbook_bytes
from tests.exchange.test_attendee_csv import GOOD, OTHER, csv_text

EXAMPLES = Path(__file__).parents[2] / "docs" / "examples"
HEADER = list(COLUMNS)


def sheet_rows(*rows: dict[str, object]) -> list[list[object]]:
    return [HEADER] + [[row.get(column, "") for column in HEADER] for row in rows]


def excel_text(*rows: dict[str, str], delimiter: str = ";") -> str:
    return csv_text(*rows, delimiter=delimiter).replace("\n", "\r\n")


def errors_of(data: bytes) -> list[tuple[str, int, str | None]]:
    with pytest.raises(CsvErrors) as caught:
        parse_attendee_file(data, slots=10)
    return [(e.code, e.line, e.column) for e in caught.value.errors]


def test_shipped_excel_example_reads_as_the_documented_csv():
    excel = parse_attendee_file((EXAMPLES / "attendees-excel.csv").read_bytes(), slots=10)
    assert excel == parse_attendee_file((EXAMPLES / "attendees.csv").read_bytes(), slots=10)


def test_semicolons_and_windows_1252_read_like_the_documented_csv():
    excel = excel_text(GOOD, OTHER).encode("cp1252")
    assert parse_attendee_file(excel, slots=10) == parse_attendee_csv(csv_text(GOOD, OTHER), slots=10)


def test_semicolons_with_utf8_bom_accepted():
    data = "\ufeff" + excel_text(OTHER)
    assert parse_attendee_file(data.encode("utf-8"), slots=10)[0].last_name == "Müller"


def test_excel_unicode_text_utf16_with_tabs_accepted():
    data = excel_text(OTHER, delimiter="\t").encode("utf-16")
    assert parse_attendee_file(data, slots=10)[0].organisation == "Müller Präzision GmbH"


def test_excel_sep_line_names_delimiter_and_keeps_line_numbers():
    data = ("sep=;\n" + excel_text(OTHER, {**GOOD, "org_type": "x"})).encode()
    assert errors_of(data) == [("invalid_org_type", 4, "org_type")]


def test_utf8_mixed_with_windows_1252_refused_naming_the_line():
    data = csv_text(OTHER).encode("utf-8") + "Zweite Zeile: Müller\n".encode("cp1252")
    assert errors_of(data) == [("mixed_encoding", 3, None)]


def test_wrong_encoding_message_quotes_the_garbled_word():
    with pytest.raises(CsvErrors) as caught:
        parse_attendee_file(csv_text(OTHER).encode("mac_roman"), slots=10)
    assert "'MŸller'" in str(caught.value) and "CSV UTF-8" in str(caught.value)


def test_german_header_names_accepted():
    german = ("E-Mail,Vorname,Nachname,Firma,Organisationstyp,Branche,Termine gewünscht\n"
              "a@b.de,Jürgen,Müller,Müller GmbH,sme,logistics,nein\n")
    row = parse_attendee_file(german.encode(), slots=10)[0]
    assert (row.email, row.organisation, row.wants_meetings) == ("a@b.de", "Müller GmbH", False)


def test_xlsx_rows_read_like_csv_rows():
    data = workbook_bytes(sheet_rows(GOOD, OTHER))
    assert parse_attendee_file(data, slots=10) == parse_attendee_csv(csv_text(GOOD, OTHER), slots=10)


def test_xlsx_numbers_booleans_and_blank_rows_handled():
    data = workbook_bytes([[], HEADER, [], sheet_rows({**OTHER, "max_meetings": 4.0,
                                                        "unavailable_slots": 3,
                                                        "wants_meetings": False})[1]])
    row = parse_attendee_file(data, slots=10)[0]
    assert (row.max_meetings, row.unavailable_slots, row.wants_meetings) == (4, (3,), False)


def test_xlsx_date_in_a_cell_reported_as_not_a_slot():
    data = workbook_bytes(sheet_rows({**OTHER, "unavailable_slots": date(2027, 2, 1)}))
    with pytest.raises(CsvErrors) as caught:
        parse_attendee_file(data, slots=10)
    assert str(caught.value) == "row 2, column unavailable_slots: not a slot number: '2027-02-01'"


def test_xlsx_bad_cells_name_sheet_row_and_column():
    data = workbook_bytes(sheet_rows(OTHER, {**GOOD, "org_type": "KMU", "language": "fr"}))
    assert errors_of(data) == [("invalid_org_type", 3, "org_type"),
                               ("unknown_language", 3, "language")]


def test_xlsx_formula_without_calculated_value_refused():
    data = workbook_bytes(sheet_rows({**OTHER, "max_meetings": "=2+2"}))
    assert errors_of(data) == [("formula_without_value", 2, "max_meetings")]


def test_xlsx_text_that_looks_like_a_formula_kept_exactly():
    data = workbook_bytes(sheet_rows({**OTHER, "position": "'-5 °C"}))
    assert parse_attendee_file(data, slots=10)[0].position == "'-5 °C"


def test_xlsx_missing_required_column_is_one_error():
    rows = [[c for c in HEADER if c != "industry"], ["a@b.de", "A", "B", "C", "sme"]]
    assert errors_of(workbook_bytes(rows)) == [("missing_column", 1, "industry")]


def test_old_binary_xls_refused_with_advice():
    assert errors_of(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512)) == [
        ("old_excel_format", 1, None)]


def test_zip_that_is_no_workbook_refused():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("content.xml", "<office:document/>")
    assert errors_of(out.getvalue()) == [("not_a_spreadsheet", 1, None)]


def test_datetime_cell_read_as_iso_text():
    data = workbook_bytes(sheet_rows({**OTHER, "position": datetime(2027, 6, 16, 10, 30)}))
    assert parse_attendee_file(data, slots=10)[0].position == "2027-06-16 10:30:00"


def test_blank_lines_before_the_header_do_not_hide_the_delimiter():
    data = ("\r\n\r\n" + excel_text(OTHER)).encode("cp1252")
    assert parse_attendee_file(data, slots=10)[0].email == "anna@example.de"


def huge_cell_csv(line: int = 3) -> bytes:
    """A CSV whose `line` holds a position of 131,073 characters (over the csv module's limit)."""
    rows = [OTHER, GOOD][: line - 2] + [{**GOOD, "email": "x@example.de", "position": "x" * 131_073}]
    return csv_text(*rows).encode()


def test_cell_over_the_csv_limit_is_refused_with_its_line():
    assert errors_of(huge_cell_csv(line=3)) == [("cell_too_large", 3, None)]


def test_header_over_the_csv_limit_is_refused_on_line_one():
    assert errors_of(("email" + "x" * 131_073 + "\n").encode()) == [("cell_too_large", 1, None)]


def inflated(workbook: bytes, marker: str, size: int) -> bytes:
    """The workbook with the cell text `marker` grown to `size` characters, as an attacker
    builds it (openpyxl itself cuts cells at Excel's 32,767 characters): small as sent."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(workbook)) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for part in source.infolist():
            content = source.read(part)
            if part.filename == "xl/worksheets/sheet1.xml":
                content = content.replace(marker.encode(), b"x" * size)
            target.writestr(part.filename, content)
    return out.getvalue()


def test_workbook_unpacking_to_a_huge_sheet_is_refused_before_it_is_read():
    data = inflated(workbook_bytes(sheet_rows({**GOOD, "position": "HUGE"})), "HUGE", 11_000_000)
    assert len(data) < 100_000
    with pytest.raises(CsvErrors) as caught:
        parse_attendee_file(data, slots=10)
    error, = caught.value.errors
    assert (error.code, error.params) == ("workbook_too_large",
                                          {"part": "xl/worksheets/sheet1.xml", "limit": 10})
