"""The quality certificate: a bound valid for the full problem, and the reported figures."""

from __future__ import annotations

from hypothesis import given, settings

from matchmaker.matching import Event, Meeting, schedule
from tests.matching.reference import optimum
from tests.matching.strategies import attendee, events


@settings(max_examples=30, deadline=None)
@given(event=events(max_attendees=10))
def test_bound_from_sparse_candidates_covers_full_optimum(event):
    quality = schedule(event, k=1, exact_limit=0).quality
    locked_score = sum(m.score for m in schedule(event).meetings if m.locked)
    assert quality.upper_bound >= optimum(event).score + locked_score


@settings(max_examples=30, deadline=None)
@given(event=events(max_attendees=10))
def test_any_event_ratio_between_zero_and_one(event):
    quality = schedule(event).quality
    assert 0 <= quality.ratio <= 1


def small_event() -> Event:
    people = (
        attendee(1, org_type="sme", industry="logistics", offers=("KI",)),
        attendee(2, org_type="research", industry="ict_software", seeks=("KI",),
                 must_meet=frozenset({1})),
        attendee(3, org_type="sme", industry="logistics", keywords=("X",)),
        attendee(4, org_type="cluster", industry="logistics", keywords=("X",)),
        attendee(5, org_type="large", wants_meetings=False),
    )
    return Event(people, slots=1, tables=3)


def test_certificate_counts_meetings_per_attendee():
    quality = schedule(small_event()).quality
    assert (quality.meetings, quality.attendees_considered) == (2, 4)
    assert (quality.min_meetings, quality.mean_meetings, quality.zero_meetings) == (1, 1.0, 0)


def test_certificate_reports_cross_industry_and_complementary_shares():
    quality = schedule(small_event()).quality
    assert quality.cross_industry_share == 0.5
    assert quality.complementary_share == 0.5


def test_certificate_reports_must_meet_requests_honoured():
    quality = schedule(small_event()).quality
    assert (quality.must_meet_requested, quality.must_meet_honoured) == (1, 1)


def test_certificate_bound_equals_total_on_solved_small_event():
    quality = schedule(small_event()).quality
    assert quality.upper_bound == quality.total_score and quality.ratio == 1.0


def test_unmatched_attendees_get_reason_codes():
    people = (
        attendee(1, org_type="sme"), attendee(2, org_type="large"),
        attendee(3, org_type="large", consent=False), attendee(4, wants_meetings=False),
        attendee(5, unavailable_slots=frozenset({1})), attendee(6, org_type="cluster"),
        attendee(7, max_meetings=0),
    )
    result = schedule(Event(people, slots=1, tables=3))
    assert {(u.attendee_id, u.code) for u in result.unmatched} == {
        (3, "no_consent"), (4, "does_not_want_meetings"), (5, "no_availability"),
        (6, "no_compatible_partner"), (7, "max_meetings_zero"),
    }


def test_contended_attendee_reported_as_partners_fully_booked():
    people = (attendee(1, org_type="large"), attendee(2), attendee(3))
    result = schedule(Event(people, slots=1, tables=3))
    assert [u.code for u in result.unmatched] == ["partners_fully_booked"]


def test_locked_meeting_counts_in_total_and_bound():
    people = (attendee(1, org_type="sme"), attendee(2, org_type="large"))
    event = Event(people, slots=2, tables=1, locked=(Meeting((1, 2), 2, 1),))
    quality = schedule(event).quality
    assert (quality.total_score, quality.upper_bound, quality.meetings) == (5, 5, 1)
