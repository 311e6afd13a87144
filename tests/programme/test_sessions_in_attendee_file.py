"""The attendee file's ``sessions`` column: read (unknown title, overlap), imported (a seat or
the session's waiting list) and exported."""

from datetime import datetime, time

import pytest
from sqlalchemy import select

from matchmaker.exchange.attendee_csv import CsvErrors, ProgrammeSpan, parse_attendee_csv
from matchmaker.exchange.programme_file import SessionRow
from matchmaker.extensions import db
from matchmaker.models import Attendee, ChoiceStatus, Event, ProgrammeSession, SessionChoice
from matchmaker.services import DomainError
from matchmaker.services.attendees.export import export_attendees
from matchmaker.services.attendees.imports import import_file
from matchmaker.services.programme.sessions import add_session
from tests.exchange.test_attendee_csv import OTHER, csv_text
from tests.programme.support import add_programme_session

DAY = datetime(2027, 6, 16)
PROGRAMME = (ProgrammeSpan("Offene Innovation, praktisch", DAY.replace(hour=9), DAY.replace(hour=10)),
             ProgrammeSpan("Fachkräfte", DAY.replace(hour=9, minute=30), DAY.replace(hour=11)),
             ProgrammeSpan("Clustermanagement", DAY.replace(hour=11), DAY.replace(hour=12)))


def person(number: int, sessions: str) -> dict[str, str]:
    return {**OTHER, "email": f"person{number}@example.de", "sessions": sessions}


def errors_of(sessions: str) -> list[tuple[str, int, str | None, str | None]]:
    with pytest.raises(CsvErrors) as caught:
        parse_attendee_csv(csv_text(person(1, sessions)), slots=10, programme=PROGRAMME)
    return [(e.code, e.line, e.column, e.value) for e in caught.value.errors]


def test_sessions_cell_gives_the_programme_titles_by_their_spelling():
    [row] = parse_attendee_csv(csv_text(person(1, "offene innovation,  praktisch; CLUSTERMANAGEMENT")),
                               slots=10, programme=PROGRAMME)
    assert row.sessions == ("Offene Innovation, praktisch", "Clustermanagement")


def test_unknown_session_title_is_an_error_naming_line_and_column():
    assert errors_of("Clustermanagement; Wasserstoff") == [
        ("unknown_session", 2, "sessions", "Wasserstoff")]


def test_overlapping_sessions_are_an_error_naming_line_and_column():
    assert errors_of("Offene Innovation, praktisch; Fachkräfte") == [
        ("sessions_overlap", 2, "sessions", "Fachkräfte")]


def session_statuses(event: Event) -> list[tuple[str, str, ChoiceStatus]]:
    db.session.expire_all()
    return list(db.session.execute(
        select(Attendee.email, ProgrammeSession.title, SessionChoice.status)
        .join(SessionChoice, SessionChoice.attendee_id == Attendee.id)
        .join(ProgrammeSession, ProgrammeSession.id == SessionChoice.session_id)
        .where(Attendee.event_id == event.id).order_by(Attendee.number, ProgrammeSession.title)))


@pytest.mark.both_databases
def test_import_gives_seats_in_file_order_then_the_waiting_list(event: Event):
    add_programme_session(event, "Fachkräfte", time(9, 30), time(11), capacity=1)
    add_programme_session(event, "Clustermanagement", time(11), time(12))
    data = csv_text(person(1, "Fachkräfte;Clustermanagement"), person(2, "fachkräfte")).encode()
    import_file(event, "liste.csv", data, actor="test")
    assert session_statuses(event) == [
        ("person1@example.de", "Clustermanagement", ChoiceStatus.CHOSEN),
        ("person1@example.de", "Fachkräfte", ChoiceStatus.CHOSEN),
        ("person2@example.de", "Fachkräfte", ChoiceStatus.WAITING)]


def test_import_with_unknown_session_imports_nobody(event: Event):
    data = csv_text(person(1, ""), person(2, "Wasserstoff")).encode()
    with pytest.raises(DomainError) as refused:
        import_file(event, "liste.csv", data, actor="test")
    assert [(e.line, e.column, e.code) for e in refused.value.params["errors"]] == [
        (3, "sessions", "unknown_session")]


def test_export_lists_chosen_sessions_in_their_column(event: Event):
    add_programme_session(event, "Fachkräfte", time(9, 30), time(11))
    import_file(event, "liste.csv", csv_text(person(1, "Fachkräfte")).encode(), actor="test")
    exported = export_attendees(event, "csv").decode("utf-8-sig")
    header, line = exported.splitlines()
    assert line.split(",")[header.split(",").index("sessions")] == "Fachkräfte"


def test_session_title_with_semicolon_is_refused(event: Event):
    row = SessionRow("A; B", "talk", DAY.replace(hour=9), DAY.replace(hour=10))
    with pytest.raises(DomainError) as refused:
        add_session(event, row, "team@example.org")
    assert refused.value.code == "session_title_semicolon"
