"""File mode: `match --input ... --programme ...` keeps the slots of chosen sessions free."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from matchmaker.commands.matching import match_command
from matchmaker.exchange.attendee_csv import format_attendee_csv
from matchmaker.synthetic import generate_attendees

PROGRAMME = ("title,type,start,end\n"
             "Keynote,talk,14:00,14:30\n"
             "Werkstatt,workshop,14:45,15:15\n")


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, set[str]]:
    folder = tmp_path_factory.mktemp("file-mode")
    rows = generate_attendees(24, seed=2, slots=4)
    rows = [replace(row, sessions=("Keynote",)) if index % 2 else row
            for index, row in enumerate(rows)]
    (folder / "attendees.csv").write_text(format_attendee_csv(rows), encoding="utf-8")
    (folder / "programme.csv").write_text(PROGRAMME, encoding="utf-8")
    return folder / "attendees.csv", folder / "programme.csv", {r.email for r in rows if r.sessions}


def run(*args: object):
    return CliRunner().invoke(match_command, [str(a) for a in args])


def early_people(out: Path) -> set[str]:
    """Who meets in slots 1 and 2 (14:00 to 14:30, the keynote)."""
    document = json.loads(out.read_text(encoding="utf-8"))
    return {email for m in document["meetings"] if m["slot"] in (1, 2) for email in m["attendees"]}


def test_programme_keeps_the_slots_of_chosen_sessions_free(files, tmp_path):
    attendees, programme, in_keynote = files
    out = tmp_path / "schedule.json"
    result = run("--input", attendees, "--programme", programme, "--slots", 4,
                 "--start", "2027-06-16T14:00", "--slot-minutes", 15, "--output", out)
    assert result.exit_code == 0, result.output
    assert early_people(out) and not early_people(out) & in_keynote


def test_same_people_meet_in_those_slots_when_they_chose_no_session(files, tmp_path):
    attendees, programme, in_keynote = files
    plain = tmp_path / "plain.csv"
    plain.write_text(format_attendee_csv(generate_attendees(24, seed=2, slots=4)), encoding="utf-8")
    out = tmp_path / "schedule.json"
    run("--input", plain, "--programme", programme, "--slots", 4, "--start", "2027-06-16T14:00",
        "--slot-minutes", 15, "--output", out)
    assert early_people(out) & in_keynote


def test_sessions_column_without_programme_is_refused(files, tmp_path):
    attendees, _, _ = files
    result = run("--input", attendees, "--slots", 4, "--output", tmp_path / "s.json")
    assert result.exit_code == 2 and "column sessions" in result.stderr


def test_programme_needs_a_start(files, tmp_path):
    attendees, programme, _ = files
    result = run("--input", attendees, "--programme", programme, "--output", tmp_path / "s.json")
    assert result.exit_code == 2 and "--start" in result.output


def test_unknown_session_title_names_line_and_column(files, tmp_path):
    _, programme, _ = files
    bad = tmp_path / "bad.csv"
    bad.write_text(format_attendee_csv([replace(generate_attendees(2, seed=1, slots=4)[0],
                                                sessions=("Apéro",))]), encoding="utf-8")
    result = run("--input", bad, "--programme", programme, "--start", "2027-06-16T14:00",
                 "--output", tmp_path / "s.json")
    assert result.exit_code == 2 and "line 2, column sessions" in result.stderr
