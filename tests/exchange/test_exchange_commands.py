"""`import-attendees`, `export-attendees`, `export-schedule --format xlsx` and the README's
file-mode example."""

import csv
import io
import json
import re
import shlex
from datetime import date, time
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook
from sqlalchemy import select

from matchmaker.commands.matching import match_command
from matchmaker.extensions import db
from matchmaker.models import Attendee, Event
from matchmaker.services.attendees.export import exported_attendees
from matchmaker.services.events.events import EventPlan, SlotBlock, create_event
from tests.exchange.test_attendee_csv import GOOD, OTHER, csv_text
from tests.exchange.test_file_formats import huge_cell_csv

ROOT = Path(__file__).parents[2]
EXAMPLE = ROOT / "docs" / "examples" / "attendees.csv"


def empty_event() -> Event:
    event = create_event(EventPlan(
        slug="zweite-tagung", title="Zweite Tagung", starts_on=date(2027, 9, 1), venue="Bonn",
        capacity=200, blocks=(SlotBlock(time(10, 0), 10),), meeting_minutes=20, table_count=10))
    db.session.commit()
    return event


def confirm_everybody() -> None:
    for attendee in db.session.scalars(select(Attendee)):
        attendee.email_confirmed_at = attendee.signed_up_at
    db.session.commit()


def test_import_command_registers_the_file(runner, event):
    result = runner.invoke(args=["import-attendees", str(EXAMPLE)])
    assert result.exit_code == 0, result.output
    assert "Imported 12 attendees (0 on the waiting list)" in result.output
    assert db.session.scalar(select(db.func.count(Attendee.id))) == 12


def test_import_command_with_bad_row_reports_on_stderr_and_fails(runner, event, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text(csv_text(OTHER, {**GOOD, "industry": "bergbau"}), encoding="utf-8")
    result = runner.invoke(args=["import-attendees", str(path)])
    assert result.exit_code == 2 and "line 3, column industry: unknown industry" in result.stderr
    assert db.session.scalar(select(db.func.count(Attendee.id))) == 0


def test_import_command_with_huge_cell_names_its_line_and_fails(runner, event, tmp_path):
    path = tmp_path / "huge.csv"
    path.write_bytes(huge_cell_csv(line=3))
    result = runner.invoke(args=["import-attendees", str(path)])
    assert result.exit_code == 2
    assert "line 3: a cell holds more than 131072 characters" in result.stderr
    assert db.session.scalar(select(db.func.count(Attendee.id))) == 0


@pytest.mark.both_databases
def test_import_command_dry_run_changes_nothing(runner, event):
    result = runner.invoke(args=["import-attendees", str(EXAMPLE), "--dry-run"])
    assert result.exit_code == 0 and "12 new attendees" in result.output
    assert db.session.scalar(select(db.func.count(Attendee.id))) == 0


@pytest.mark.both_databases
def test_import_command_twice_reports_duplicates(runner, event):
    runner.invoke(args=["import-attendees", str(EXAMPLE)])
    result = runner.invoke(args=["import-attendees", str(EXAMPLE)])
    assert result.exit_code == 0 and "12 already registered" in result.output
    assert db.session.scalar(select(db.func.count(Attendee.id))) == 12


def round_trip(runner, event, tmp_path, fmt: str) -> tuple[list, list]:
    runner.invoke(args=["import-attendees", str(EXAMPLE)])
    target = tmp_path / f"attendees.{fmt}"
    exported = runner.invoke(args=["export-attendees", "--event", event.slug, "--format", fmt,
                                   "--output", str(target)])
    assert exported.exit_code == 0, exported.output
    second = empty_event()
    imported = runner.invoke(args=["import-attendees", str(target), "--event", second.slug])
    assert imported.exit_code == 0, imported.output
    return ([a.row for a in exported_attendees(event)],
            [a.row for a in exported_attendees(second)])


def test_csv_export_reimported_gives_same_attendees_and_fields(runner, event, tmp_path):
    original, copy = round_trip(runner, event, tmp_path, "csv")
    assert len(original) == 12 and copy == original


def test_xlsx_export_reimported_gives_same_attendees_and_fields(runner, event, tmp_path):
    original, copy = round_trip(runner, event, tmp_path, "xlsx")
    assert len(original) == 12 and copy == original


def test_attendee_export_neutralises_formulas_and_round_trips_them(runner, event, tmp_path):
    runner.invoke(args=["import-attendees", str(EXAMPLE)])
    attendee = db.session.scalars(select(Attendee).order_by(Attendee.number)).first()
    # (a formula without a web address: the import refuses those in text others see)
    attendee.organisation, attendee.position = '=HYPERLINK(A1;"Klick")', "-5 °C"
    db.session.commit()
    target = tmp_path / "attendees.csv"
    runner.invoke(args=["export-attendees", "--output", str(target)])
    first = next(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8-sig"))))
    assert (first["organisation"], first["position"]) == ("'=HYPERLINK(A1;\"Klick\")", "'-5 °C")
    _, copy = round_trip(runner, event, tmp_path, "csv")
    assert (copy[0].organisation, copy[0].position) == ('=HYPERLINK(A1;"Klick")', "-5 °C")


def test_schedule_exports_as_xlsx_with_one_row_per_meeting(runner, event, tmp_path):
    runner.invoke(args=["import-attendees", str(EXAMPLE)])
    confirm_everybody()
    assert runner.invoke(args=["match"]).exit_code == 0
    target = tmp_path / "schedule.xlsx"
    result = runner.invoke(args=["export-schedule", "--format", "xlsx", "--output", str(target)])
    workbook = load_workbook(io.BytesIO(target.read_bytes()), read_only=True)
    rows = list(workbook.active.iter_rows(values_only=True))
    workbook.close()
    document = json.loads(runner.invoke(args=["export-schedule"]).output)
    assert result.exit_code == 0 and rows[0][:4] == ("slot", "start", "end", "table")
    assert len(rows) - 1 == len(document["meetings"]) > 0


def test_schedule_xlsx_needs_an_output_file(runner, event):
    result = runner.invoke(args=["export-schedule", "--format", "xlsx"])
    assert result.exit_code == 2 and "--output" in result.output


def test_readme_file_mode_example_runs_on_the_shipped_file(tmp_path, monkeypatch):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    command = re.search(r"`matchmaker (match --input docs/examples/attendees\.csv [^`]*)`", readme)
    args = shlex.split(command.group(1))[1:]
    args[args.index("--output") + 1] = str(tmp_path / "schedule.json")
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(match_command, args)
    document = json.loads((tmp_path / "schedule.json").read_text(encoding="utf-8"))
    assert result.exit_code == 0, result.output
    assert document["meetings"] and document["quality"]["must_meet_honoured"] == 1


def test_attendee_export_holds_badge_code_and_check_in_time(runner, event, tmp_path):
    runner.invoke(args=["import-attendees", str(EXAMPLE)])
    first, second = db.session.scalars(select(Attendee).order_by(Attendee.number)).all()[:2]
    runner.invoke(args=["check-in", "--event", event.slug, first.badge_code])
    db.session.refresh(first)
    target = tmp_path / "attendees.csv"
    runner.invoke(args=["export-attendees", "--output", str(target)])
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8-sig"))))
    assert (rows[0]["badge_code"], rows[1]["badge_code"]) == (first.badge_code, second.badge_code)
    assert rows[0]["checked_in_at"].startswith(first.checked_in_at.date().isoformat())
    assert rows[1]["checked_in_at"] == ""
