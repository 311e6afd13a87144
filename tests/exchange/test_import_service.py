"""Importing an attendee file into an event: preview, all or nothing, seats, consent."""

from pathlib import Path

import pytest
from flask_babel import force_locale
from sqlalchemy import select

from matchmaker.exchange.attendee_csv import CsvErrors, parse_attendee_csv
from matchmaker.exchange.console_messages import MESSAGES
from matchmaker.extensions import db
from matchmaker.models import Attendee, AttendeeStatus, MeetingRequest, OutgoingMail
from matchmaker.services import DomainError
from matchmaker.services.attendees.file_errors import FILE_ERRORS, describe_file_error
from matchmaker.services.attendees.imports import import_file, preview_import
from tests.exchange.sheets import workbook_bytes
from tests.exchange.test_attendee_csv import GOOD, OTHER, csv_text
from tests.exchange.test_file_formats import sheet_rows
from tests.support.attendees import add_attendee
from tests.support.factories import make_event

EXAMPLES = Path(__file__).parents[2] / "docs" / "examples"
EXAMPLE_EMAILS = 12


def emails_in_db() -> list[str]:
    return list(db.session.scalars(select(Attendee.email).order_by(Attendee.number)))


def people(count: int) -> bytes:
    rows = [{**OTHER, "email": f"person{i:02}@example.de", "must_meet": ""} for i in range(count)]
    return csv_text(*rows).encode()


@pytest.mark.parametrize("name", ["attendees.csv", "attendees-excel.csv"])
def test_shipped_example_imports_all_twelve(event, name):
    result = import_file(event, name, (EXAMPLES / name).read_bytes(), actor="test")
    db.session.commit()
    assert result.created == EXAMPLE_EMAILS and len(emails_in_db()) == EXAMPLE_EMAILS


def test_xlsx_file_imports_its_rows(event):
    import_file(event, "liste.xlsx", workbook_bytes(sheet_rows(OTHER)), actor="test")
    assert emails_in_db() == ["anna@example.de"]


@pytest.mark.both_databases
def test_bad_row_imports_nothing_and_error_names_row_and_column(event):
    data = csv_text(OTHER, {**GOOD, "org_type": "KMU"}).encode()
    with pytest.raises(DomainError) as caught:
        import_file(event, "bad.csv", data, actor="test")
    assert caught.value.code == "invalid_file" and emails_in_db() == []
    assert [str(e) for e in caught.value.params["errors"]] == [
        "line 3, column org_type: unknown organisation type 'kmu' "
        "(allowed: cluster, large, other, public, research, sme, startup)"]


def test_preview_lists_errors_and_changes_nothing(event):
    preview = preview_import(event, "bad.csv", csv_text(OTHER, {**GOOD, "language": "fr"}).encode())
    assert [(e.code, e.line, e.column) for e in preview.errors] == [("unknown_language", 3, "language")]
    assert not preview.can_import and emails_in_db() == []


def test_wrong_encoding_reported_in_preview(event):
    preview = preview_import(event, "mac.csv", csv_text(OTHER).encode("mac_roman"))
    assert [e.code for e in preview.errors] == ["unknown_encoding"]


def test_missing_column_reported_once(event):
    columns = [c for c in csv_text(OTHER).splitlines()[0].split(",") if c != "email"]
    preview = preview_import(event, "x.csv", csv_text(OTHER, columns=columns).encode())
    assert [(e.code, e.column) for e in preview.errors] == [("missing_column", "email")]


@pytest.mark.both_databases
def test_registered_email_reported_as_duplicate_and_not_changed(event):
    add_attendee(event, "Anna", email="anna@example.de", organisation="Original GmbH")
    data = csv_text(OTHER, {**OTHER, "email": "neu@example.de"}).encode()
    preview = preview_import(event, "x.csv", data)
    assert [d.row.email for d in preview.duplicates] == ["anna@example.de"]
    assert [p.row.email for p in preview.new] == ["neu@example.de"]
    result = import_file(event, "x.csv", data, actor="test")
    organisations = db.session.scalars(select(Attendee.organisation).order_by(Attendee.number))
    assert (result.created, result.skipped) == (1, 1)
    assert list(organisations) == ["Original GmbH", "Müller Präzision GmbH"]


@pytest.mark.both_databases
def test_more_people_than_seats_wait_in_file_order(app):
    event = make_event(capacity=3)
    add_attendee(event, "Early")
    preview = preview_import(event, "x.csv", people(5))
    assert [p.status for p in preview.new] == ["registered"] * 2 + ["waitlisted"] * 3
    result = import_file(event, "x.csv", people(5), actor="test")
    waiting = db.session.scalars(select(Attendee.email).where(
        Attendee.status == AttendeeStatus.WAITLISTED).order_by(Attendee.signed_up_at, Attendee.id))
    assert result.waitlisted == 3
    assert list(waiting) == ["person02@example.de", "person03@example.de", "person04@example.de"]


def test_import_records_consent_only_where_the_file_says_so(event):
    data = csv_text({**OTHER, "matching_consent": "ja"},
                    {**OTHER, "email": "b@example.de", "matching_consent": ""}).encode()
    import_file(event, "x.csv", data, actor="test")
    rows = db.session.execute(select(Attendee.email, Attendee.matching_consent_version,
                                     Attendee.privacy_consent_version, Attendee.email_confirmed_at))
    assert sorted(rows) == [("anna@example.de", "import", "import", None),
                            ("b@example.de", None, "import", None)]


def test_each_imported_attendee_gets_the_welcome_mail(event):
    result = import_file(event, "x.csv", people(2), actor="test")
    kinds = db.session.scalars(select(OutgoingMail.kind))
    assert len(result.mails) == 2 and list(kinds) == ["welcome", "welcome"]


def test_must_meet_may_name_an_already_registered_attendee(event):
    known = add_attendee(event, "Known")
    import_file(event, "x.csv", csv_text({**OTHER, "must_meet": known.email}).encode(), actor="test")
    request = db.session.scalars(select(MeetingRequest)).one()
    assert request.target_id == known.id


def test_file_errors_read_in_german_for_the_dashboard(app):
    with pytest.raises(CsvErrors) as caught:
        parse_attendee_csv(csv_text(OTHER, OTHER), slots=10)
    with app.test_request_context(), force_locale("de"):
        text = describe_file_error(caught.value.errors[0])
    assert text == "Zeile 3, Spalte email: die E-Mail-Adresse „anna@example.de“ steht bereits in Zeile 2"


def test_every_file_error_code_has_a_translatable_text():
    assert set(FILE_ERRORS) == set(MESSAGES)
