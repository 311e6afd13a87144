"""Importing the programme: all or nothing, errors with line (or row) and column, in the
dashboard and on the console."""

import io
from datetime import datetime
from pathlib import Path

import pytest
from click.testing import CliRunner
from flask.testing import FlaskClient
from sqlalchemy import select

from matchmaker.commands.programme import import_programme_command
from matchmaker.extensions import db
from matchmaker.models import Event, ProgrammeSession
from matchmaker.services import DomainError
from matchmaker.services.programme.imports import import_programme
from tests.exchange.sheets import workbook_bytes
from tests.support.factories import post_form

HEADER = "title,type,start,end,room,capacity,themes,description\n"
GOOD = (HEADER + "Offene Innovation,talk,09:30,10:15,Saal 1,,open_innovation,Keynote\n"
        "Fachkräfte gewinnen,workshop,2027-06-16T11:00,2027-06-16T12:30,Raum 2,20,skills,\n")
BAD = (HEADER + "Offene Innovation,talk,09:30,10:15,Saal 1,,,\n"
       "Fachkräfte,Vortragsreihe,11:00,25:00,Raum 2,zwanzig,,\n")


def titles() -> list[str]:
    db.session.expire_all()
    return sorted(db.session.scalars(select(ProgrammeSession.title)))


def test_good_file_adds_every_session(event: Event) -> None:
    import_programme(event, "programm.csv", GOOD.encode(), "team@example.org")
    workshop = db.session.scalar(select(ProgrammeSession).where(ProgrammeSession.capacity == 20))
    assert titles() == ["Fachkräfte gewinnen", "Offene Innovation"]
    assert workshop is not None and workshop.starts_at == datetime(2027, 6, 16, 11, 0)


def test_file_with_error_imports_nothing_and_names_line_and_column(event: Event) -> None:
    with pytest.raises(DomainError) as refused:
        import_programme(event, "programm.csv", BAD.encode(), "team@example.org")
    assert [(e.line, e.column, e.code) for e in refused.value.params["errors"]] == [
        (3, "type", "invalid_session_type"), (3, "end", "invalid_time"),
        (3, "capacity", "invalid_capacity")]
    assert titles() == []


def test_known_title_updates_the_session(event: Event) -> None:
    import_programme(event, "programm.csv", GOOD.encode(), "team@example.org")
    import_programme(event, "programm.csv", GOOD.replace("Saal 1", "Saal 9").encode(), "x@example.org")
    rooms = sorted(db.session.scalars(select(ProgrammeSession.room)))
    assert rooms == ["Raum 2", "Saal 9"]


def test_workbook_error_names_the_sheet_row(event: Event) -> None:
    data = workbook_bytes([["Titel", "Typ", "Beginn", "Ende"], ["A", "talk", "10:00", "09:00"]])
    with pytest.raises(DomainError) as refused:
        import_programme(event, "programm.xlsx", data, "team@example.org")
    [error] = refused.value.params["errors"]
    assert (error.unit, error.line, error.column, error.code) == ("row", 2, "end", "end_not_after_start")


def test_dashboard_import_shows_errors_in_german(organiser_client: FlaskClient) -> None:
    response = post_form(organiser_client, "/organiser/go-cluster-2027/programme/import",
                         {"file": (io.BytesIO(BAD.encode()), "programm.csv")},
                         token_from="/organiser/go-cluster-2027/programme",
                         content_type="multipart/form-data")
    page = response.get_data(as_text=True)
    assert "Zeile 3, Spalte type" in page
    assert titles() == []


def test_dashboard_import_adds_sessions(organiser_client: FlaskClient) -> None:
    response = post_form(organiser_client, "/organiser/go-cluster-2027/programme/import",
                         {"file": (io.BytesIO(GOOD.encode()), "programm.csv")},
                         token_from="/organiser/go-cluster-2027/programme",
                         content_type="multipart/form-data")
    assert response.status_code == 302
    assert titles() == ["Fachkräfte gewinnen", "Offene Innovation"]


def test_console_dry_run_imports_nothing(runner: CliRunner, event: Event, tmp_path: Path) -> None:
    path = tmp_path / "programm.csv"
    path.write_text(GOOD, encoding="utf-8")
    result = runner.invoke(import_programme_command, [str(path), "--event", event.slug, "--dry-run"])
    assert result.exit_code == 0, result.output
    assert "2 new sessions" in result.output
    assert titles() == []


def test_console_import_reports_bad_cells_and_exits_2(runner: CliRunner, event: Event,
                                                       tmp_path: Path) -> None:
    path = tmp_path / "programm.csv"
    path.write_text(BAD, encoding="utf-8")
    result = runner.invoke(import_programme_command, [str(path), "--event", event.slug])
    assert result.exit_code == 2
    assert "line 3, column end: not a time" in result.output
    assert titles() == []


def test_console_import_adds_sessions(runner: CliRunner, event: Event, tmp_path: Path) -> None:
    path = tmp_path / "programm.csv"
    path.write_text(GOOD, encoding="utf-8")
    result = runner.invoke(import_programme_command, [str(path), "--event", event.slug])
    assert result.exit_code == 0, result.output
    assert titles() == ["Fachkräfte gewinnen", "Offene Innovation"]
