"""Re-planning after 2 cancellations and 3 late registrations."""

from __future__ import annotations

from dataclasses import replace

import pytest

from matchmaker.exchange.event_rows import event_from_rows
from matchmaker.matching import Event, Meeting, ScheduleResult, replan, schedule
from matchmaker.synthetic import generate_attendees


@pytest.fixture(scope="module")
def situation() -> tuple[Event, list[Meeting], set[int], set[int], ScheduleResult]:
    everybody, _ = event_from_rows(generate_attendees(33, seed=7, slots=4), slots=4, tables=15)
    people = sorted(everybody.attendees, key=lambda a: a.id)
    late = {a.id for a in people[-3:]}
    before = replace(everybody, attendees=tuple(a for a in people if a.id not in late))
    previous = [m.meeting for m in schedule(before).meetings]
    cancelled = {previous[5].pair[0], previous[9].pair[1]}
    locked = tuple(m for m in previous if not set(m.pair) & cancelled)[:3]
    after = replace(
        everybody,
        attendees=tuple(a for a in people if a.id not in cancelled),
        locked=locked,
    )
    return after, previous, cancelled, late, replan(after, previous)


def test_replan_keeps_locked_meetings_untouched(situation):
    after, _, _, _, result = situation
    assert {m.meeting for m in result.meetings if m.locked} == set(after.locked)


def test_replan_changed_lists_previous_meetings_not_kept_exactly(situation):
    after, previous, _, _, result = situation
    planned = {m.meeting for m in result.meetings}
    expected = [m for m in previous if m not in after.locked and m not in planned]
    assert sorted(result.changes.changed, key=str) == sorted(expected, key=str)
    assert result.changed_count == len(expected)


def test_replan_changes_only_meetings_of_cancelled_attendees(situation):
    _, previous, cancelled, _, result = situation
    of_cancelled = [m for m in previous if set(m.pair) & cancelled]
    assert of_cancelled and sorted(result.changes.changed, key=str) == sorted(
        of_cancelled, key=str)


def test_replan_gives_late_registrations_meetings(situation):
    after, _, _, late, result = situation
    wanting = {a.id for a in after.attendees if a.id in late and a.wants_meetings}
    met = {i for m in result.meetings for i in m.meeting.pair}
    assert wanting and wanting <= met


def test_replan_added_meetings_are_new(situation):
    _, previous, _, _, result = situation
    assert result.changes.added and not set(result.changes.added) & set(previous)


def test_replan_without_changes_changes_nothing():
    event, _ = event_from_rows(generate_attendees(20, seed=3, slots=3), slots=3, tables=10)
    previous = [m.meeting for m in schedule(event).meetings]
    result = replan(event, previous)
    assert result.changed_count == 0 and not result.changes.added


def test_replan_certificate_says_how_many_meetings_changed(situation):
    *_, result = situation
    assert result.quality.changed_meetings == result.changed_count > 0
