"""`matchmaker print ...`: the files they write and what they say."""

import pytest

from matchmaker.extensions import db
from matchmaker.services.attendees.self_service import cancel
from tests.documents.pdf_text import pages, qr_codes
from tests.documents.scenario import meet, person, publish


def pairs(event):
    people = [person(event, first, "Kern") for first in ("Ada", "Ben", "Cem", "Dora")]
    meet(event, people[0], people[1], slot=1, table=1)
    meet(event, people[2], people[3], slot=2, table=1)
    publish(event)
    return people


def test_print_schedules_writes_one_page_per_attendee_and_says_how_to_reprint(runner, event, tmp_path):
    pairs(event)
    output = tmp_path / "desk.pdf"
    result = runner.invoke(args=["print", "schedules", "--output", str(output)])
    assert result.exit_code == 0, result.output
    assert len(pages(output.read_bytes())) == 4
    assert "--changed-since '" in result.output
    assert list(tmp_path.glob("*.part")) == []


@pytest.mark.both_databases
def test_reprint_with_changed_since_holds_only_the_changed_schedules(runner, event, tmp_path):
    _, ben, _, _ = pairs(event)
    first = runner.invoke(args=["print", "schedules", "--output", str(tmp_path / "all.pdf")])
    since = first.output.split("--changed-since '")[1].split("'")[0]
    cancel(ben)
    db.session.commit()
    result = runner.invoke(args=["print", "schedules", "--output", str(tmp_path / "late.pdf"),
                                 "--changed-since", since])
    assert result.exit_code == 0, result.output
    [page] = pages((tmp_path / "late.pdf").read_bytes())
    assert "Ada Kern" in page


@pytest.mark.both_databases
def test_reprint_without_changes_says_so_and_writes_nothing(runner, event, tmp_path):
    pairs(event)
    runner.invoke(args=["print", "schedules", "--output", str(tmp_path / "all.pdf")])
    result = runner.invoke(args=["print", "schedules", "--output", str(tmp_path / "late.pdf"),
                                 "--changed-since", "2099-01-01 00:00"])
    assert result.exit_code == 1 and "nothing to print" in result.output
    assert not (tmp_path / "late.pdf").exists()


def test_print_schedules_before_publication_explains_what_to_do(runner, event, tmp_path):
    person(event, "Ada", "Kern")
    result = runner.invoke(args=["print", "schedules", "--output", str(tmp_path / "x.pdf")])
    assert result.exit_code == 1 and "matchmaker publish-schedule" in result.output


def test_bad_changed_since_is_a_clear_error(runner, event, tmp_path):
    result = runner.invoke(args=["print", "schedules", "--output", str(tmp_path / "x.pdf"),
                                 "--changed-since", "gestern"])
    assert result.exit_code == 2 and "--changed-since" in result.output


def test_print_table_plan_and_signs_write_their_pages(runner, event, tmp_path):
    pairs(event)
    for command, count in (("table-plan", len(event.slots)), ("table-signs", len(event.tables))):
        output = tmp_path / f"{command}.pdf"
        result = runner.invoke(args=["print", command, "--output", str(output)])
        assert result.exit_code == 0, result.output
        assert len(pages(output.read_bytes())) == count


def test_print_badges_with_custom_grid(runner, event, tmp_path):
    pairs(event)
    output = tmp_path / "badges.pdf"
    result = runner.invoke(args=["print", "badges", "--output", str(output), "--grid", "1x3",
                                 "--size", "100x80"])
    assert result.exit_code == 0, result.output
    assert len(pages(output.read_bytes())) == 2


def test_badges_too_large_for_a4_are_refused(runner, event, tmp_path):
    pairs(event)
    result = runner.invoke(args=["print", "badges", "--output", str(tmp_path / "b.pdf"),
                                 "--grid", "3x4", "--size", "90x60"])
    assert result.exit_code == 1 and "do not fit on an A4 sheet" in result.output


def test_badges_grid_must_be_two_numbers(runner, event, tmp_path):
    result = runner.invoke(args=["print", "badges", "--output", str(tmp_path / "b.pdf"),
                                 "--grid", "zwei"])
    assert result.exit_code == 2 and "--grid" in result.output


def test_print_for_an_unknown_event_names_the_known_ones(runner, event, tmp_path):
    result = runner.invoke(args=["print", "table-signs", "--event", "nope", "--output",
                                 str(tmp_path / "s.pdf")])
    assert result.exit_code == 1 and "go-cluster-2027" in result.output


def test_output_in_a_missing_folder_is_a_clear_error(runner, event):
    pairs(event)
    result = runner.invoke(args=["print", "table-signs", "--output", "/nonexistent/dir/s.pdf"])
    assert result.exit_code == 1
    assert "cannot write /nonexistent/dir/s.pdf: No such file or directory" in result.output


def test_print_badges_with_no_qr_prints_no_qr_code_and_no_link(runner, event, tmp_path):
    pairs(event)
    output = tmp_path / "badges.pdf"
    result = runner.invoke(args=["print", "badges", "--output", str(output), "--no-qr"])
    assert result.exit_code == 0, result.output
    assert "/me/" not in "".join(pages(output.read_bytes()))
    assert qr_codes(output.read_bytes(), tmp_path) == []
