"""The funder's report: figures of a constructed event day (who came, which meetings were
held, confirmed on the day or rated afterwards), summed up in SQL on both databases."""

import pytest

from matchmaker.services.events.day_report import day_report
from tests.support.event_day import constructed_day


@pytest.fixture
def day(event):
    return constructed_day(event)


@pytest.mark.both_databases
def test_attendance_counts_registered_and_checked_in(event, day):
    report = day_report(event)
    assert (report.registered, report.checked_in) == (6, 5)
    assert report.no_show_rate == pytest.approx(1 / 6)


@pytest.mark.both_databases
def test_planned_is_the_first_publication_and_replanned_the_changes_after_it(event, day):
    report = day_report(event)
    assert (report.planned, report.replanned, report.final) == (4, 3, 4)


@pytest.mark.both_databases
def test_held_counts_confirmed_and_rated_meetings_only(event, day):
    report = day_report(event)
    assert (report.held, report.valuable) == (2, 1)


@pytest.mark.both_databases
def test_cross_industry_share_is_over_held_meetings(event, day):
    report = day_report(event)
    assert (report.cross_industry, report.cross_industry_share) == (1, 0.5)


@pytest.mark.both_databases
def test_breakdowns_count_meetings_held_and_valuable_per_pair(event, day):
    report = day_report(event)
    assert [(r.pair, r.meetings, r.took_place, r.valuable) for r in report.by_org_group] == [
        (("big", "other"), 1, 0, 0), (("big", "small"), 3, 2, 1)]
    assert [(r.pair, r.meetings, r.took_place) for r in report.by_cluster] == [
        (("", "Nord"), 1, 0), (("", "Süd"), 1, 0), (("Nord", "Nord"), 1, 1), (("Nord", "Süd"), 1, 1)]


@pytest.mark.both_databases
def test_fairness_is_over_checked_in_attendees_who_wanted_meetings(event, day):
    fairness = day_report(event).fairness
    assert fairness.attendees == 4  # Anna 2, Ben 1, Cem 1, Dora 0; not Emil, not Finn
    assert (fairness.minimum, fairness.tenth_percentile, fairness.median) == (0, 0, 1)
    assert fairness.histogram == [(0, 1), (1, 2), (2, 1)]


def test_event_without_schedule_reports_zeroes(event):
    report = day_report(event)
    assert (report.planned, report.replanned, report.held, report.no_show_rate) == (0, 0, 0, 0.0)
    assert report.fairness.attendees == 0
