"""A fullwidth or other compatibility form of = + - @ at the start of a cell is
neutralised in CSV exports like the ASCII character, and comes back unchanged."""

import csv
import io

import pytest
from sqlalchemy import select

from matchmaker.exchange.spreadsheet import neutralise, restore
from matchmaker.extensions import db
from matchmaker.models import Attendee
from tests.support.attendees import add_attendee

LOOKALIKES = ["＝", "＋", "－", "＠", "﹦", "﹢", "﹣", "﹫", "⁼", "⁺", "₌", "₊", "−"]


@pytest.mark.parametrize("start", LOOKALIKES)
def test_lookalike_formula_start_is_neutralised_and_restored(start):
    value = f'{start}HYPERLINK("http://evil.example")'
    assert neutralise(value) == "'" + value and restore(neutralise(value)) == value


def test_attendee_export_neutralises_a_fullwidth_equals_sign(runner, event, tmp_path):
    add_attendee(event, "Ada", organisation='＝HYPERLINK("http://evil.example")')
    target = tmp_path / "attendees.csv"
    assert runner.invoke(args=["export-attendees", "--output", str(target)]).exit_code == 0
    [row] = csv.DictReader(io.StringIO(target.read_text(encoding="utf-8-sig")))
    assert row["organisation"] == '\'＝HYPERLINK("http://evil.example")'
    assert db.session.scalar(select(Attendee.organisation)).startswith("＝")
