"""Reading and writing the attendee CSV."""

from __future__ import annotations

import csv
import io

import pytest

from matchmaker.exchange.attendee_csv import (
    COLUMNS,
    AttendeeRow,
    CsvErrors,
    format_attendee_csv,
    parse_attendee_csv,
    read_attendee_csv,
)
from matchmaker.synthetic import generate_attendees

GOOD = {
    "email": "Juergen.Mueller@Example.de ", "first_name": "Jürgen", "last_name": "Müller",
    "organisation": "Müller Präzision GmbH", "org_type": "sme", "industry": "logistics",
    "themes": "skills;open_innovation", "keywords": "KI; ki ;Leichtbau", "offers": "Wasserstoff",
    "seeks": "Fachkräfte", "unavailable_slots": "2;5", "max_meetings": "4",
    "wants_meetings": "yes", "language": "de", "must_meet": "ANNA@example.de",
    "position": "Geschäftsführer", "cluster": "Cluster Nanotechnologie Bayern",
}
OTHER = {**GOOD, "email": "anna@example.de", "first_name": "Anna", "must_meet": ""}


def csv_text(*rows: dict[str, str], columns=COLUMNS, delimiter: str = ",") -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n",
                            extrasaction="ignore", delimiter=delimiter)
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def errors_of(text: str) -> list[tuple[str, int, str | None]]:
    with pytest.raises(CsvErrors) as caught:
        parse_attendee_csv(text, slots=10)
    return [(e.code, e.line, e.column) for e in caught.value.errors]


def test_good_row_parsed_with_normalised_values():
    row = parse_attendee_csv(csv_text(GOOD, OTHER), slots=10)[0]
    assert row == AttendeeRow(
        email="Juergen.Mueller@example.de", first_name="Jürgen", last_name="Müller",
        organisation="Müller Präzision GmbH", org_type="sme", industry="logistics",
        themes=("skills", "open_innovation"), keywords=("KI", "Leichtbau"),
        offers=("Wasserstoff",), seeks=("Fachkräfte",), unavailable_slots=(2, 5),
        max_meetings=4, wants_meetings=True, language="de", must_meet=("anna@example.de",),
        position="Geschäftsführer", cluster="Cluster Nanotechnologie Bayern",
    )


def test_german_excel_file_with_commas_in_list_cells_is_read_as_lists():
    row = {**GOOD, "themes": "non_technical,open_innovation", "keywords": "KI, Leichtbau",
           "unavailable_slots": "2,5", "must_meet": "anna@example.de, "}
    text = csv_text(row, OTHER, delimiter=";").encode("cp1252")
    parsed = parse_attendee_csv(text, slots=10)[0]
    assert (parsed.themes, parsed.keywords, parsed.unavailable_slots, parsed.must_meet) == (
        ("non_technical", "open_innovation"), ("KI", "Leichtbau"), (2, 5), ("anna@example.de",))


def test_optional_columns_missing_take_defaults():
    columns = ("email", "first_name", "last_name", "organisation", "org_type", "industry")
    row = parse_attendee_csv(csv_text(GOOD, columns=columns), slots=10)[0]
    assert (row.wants_meetings, row.language, row.max_meetings, row.themes) == (
        True, "de", None, ())


def test_bom_and_windows_line_endings_accepted():
    data = ("\ufeff" + csv_text(GOOD, OTHER).replace("\n", "\r\n")).encode("utf-8")
    rows = parse_attendee_csv(data, slots=10)
    assert [r.last_name for r in rows] == ["Müller", "Müller"]


def test_mac_roman_bytes_rejected_naming_the_line():
    text = csv_text(OTHER, GOOD)
    assert errors_of(text.encode("mac_roman")) == [("unknown_encoding", 2, None)]


def test_missing_required_column_rejected_naming_it():
    columns = [c for c in COLUMNS if c != "org_type"]
    assert errors_of(csv_text(GOOD, columns=columns)) == [("missing_column", 1, "org_type")]


def test_unknown_column_rejected():
    text = csv_text(GOOD).replace("sessions\n", "sessions,colour\n", 1)
    assert ("unknown_column", 1, "colour") in errors_of(text)


BAD_CELLS = [
    ("email", "", "required"),
    ("email", "juergen.example.de", "invalid_email"),
    ("first_name", "  ", "required"),
    ("last_name", "", "required"),
    ("organisation", "", "required"),
    ("org_type", "foo", "invalid_org_type"),
    ("industry", "mining", "unknown_industry"),
    ("themes", "skills;dancing", "unknown_theme"),
    ("language", "fr", "unknown_language"),
    ("unavailable_slots", "two", "invalid_slot"),
    ("unavailable_slots", "11", "slot_out_of_range"),
    ("unavailable_slots", "0", "slot_out_of_range"),
    ("max_meetings", "-1", "invalid_max_meetings"),
    ("max_meetings", "2.5", "invalid_max_meetings"),
    ("wants_meetings", "maybe", "invalid_wants_meetings"),
    ("must_meet", "nobody@example.de", "unknown_must_meet"),
    ("must_meet", "juergen.mueller@example.de", "must_meet_self"),
    ("keywords", ";".join(f"k{i}" for i in range(11)), "too_many_tags"),
    ("offers", "x" * 81, "too_long"),
    ("position", "x" * 201, "too_long"),
]


@pytest.mark.parametrize(("column", "value", "code"), BAD_CELLS,
                         ids=[f"{c}-{code}" for c, _, code in BAD_CELLS])
def test_bad_cell_rejected_with_code_line_and_column(column, value, code):
    bad = {**GOOD, column: value}
    assert errors_of(csv_text(OTHER, bad)) == [(code, 3, column)]


def test_duplicate_email_rejected_case_insensitively():
    twin = {**OTHER, "email": "ANNA@Example.DE"}
    assert errors_of(csv_text(OTHER, twin)) == [("duplicate_email", 3, "email")]


def test_all_bad_rows_reported_not_only_the_first():
    text = csv_text(OTHER, {**GOOD, "org_type": "x"}, {**OTHER, "email": "b@c.de",
                                                        "industry": "y", "language": "z"})
    assert errors_of(text) == [
        ("invalid_org_type", 3, "org_type"), ("unknown_industry", 4, "industry"),
        ("unknown_language", 4, "language"),
    ]


def test_error_message_names_line_and_column():
    with pytest.raises(CsvErrors) as caught:
        parse_attendee_csv(csv_text(OTHER, {**GOOD, "org_type": "foo"}), slots=10)
    assert str(caught.value.errors[0]).startswith("line 3, column org_type: unknown")


def test_quoted_multiline_cell_keeps_line_numbers():
    first = {**OTHER, "position": "Leiterin\nEntwicklung"}
    bad = {**GOOD, "org_type": "foo"}
    assert errors_of(csv_text(first, bad)) == [("invalid_org_type", 4, "org_type")]


def test_organiser_added_industry_accepted():
    row = parse_attendee_csv(csv_text({**OTHER, "industry": "mining"}), slots=10,
                             industries={"mining"})[0]
    assert row.industry == "mining"


def test_blank_lines_skipped():
    assert len(parse_attendee_csv(csv_text(OTHER) + "\n,,,\n", slots=10)) == 1


def test_written_rows_read_back_equal(tmp_path):
    rows = generate_attendees(60, seed=5)
    path = tmp_path / "attendees.csv"
    path.write_text(format_attendee_csv(rows), encoding="utf-8")
    assert read_attendee_csv(path, slots=10) == rows


def test_control_characters_dropped_as_in_the_sign_up_form():
    row = parse_attendee_csv(csv_text({**GOOD, "first_name": "Jür\x00gen", "offers": "Wasser\x07stoff"},
                                      OTHER), slots=10)[0]
    assert (row.first_name, row.offers) == ("Jürgen", ("Wasserstoff",))
