"""The synthetic attendee generator."""

from __future__ import annotations

import re
from collections import Counter
from datetime import datetime, timedelta

import pytest

from matchmaker.exchange.attendee_csv import format_attendee_csv, parse_attendee_csv
from matchmaker.synthetic import ascii_slug, generate_attendees, sign_up_times
from matchmaker.vocabulary import INDUSTRY_CODES


@pytest.fixture(scope="module")
def rows():
    return generate_attendees(600, seed=11)


def test_same_seed_gives_same_attendees():
    assert generate_attendees(50, seed=3) == generate_attendees(50, seed=3)


def test_other_seed_gives_other_attendees():
    assert generate_attendees(50, seed=3) != generate_attendees(50, seed=4)


def test_generated_rows_pass_the_csv_reader(rows):
    assert parse_attendee_csv(format_attendee_csv(rows), slots=10) == rows


def test_emails_unique_ascii(rows):
    emails = [r.email for r in rows]
    assert len(set(emails)) == len(emails)
    assert all(re.fullmatch(r"[a-z0-9.]+@[a-z0-9.-]+\.de", e) for e in emails)


def test_umlauts_transliterated_in_slugs():
    assert ascii_slug("Jürgen Größ Yılmaz") == "juergen-groess-yilmaz"


def test_names_include_umlauts(rows):
    assert any(ch in r.first_name + r.last_name for r in rows for ch in "äöüÖÜß")


def test_org_type_mix_roughly_as_specified(rows):
    share = Counter(r.org_type for r in rows)
    assert 0.28 < share["sme"] / len(rows) < 0.42
    assert 0.12 < share["research"] / len(rows) < 0.24
    assert share["other"] > 0 and share["public"] > 0


def test_all_industries_appear(rows):
    assert {r.industry for r in rows} == set(INDUSTRY_CODES)


def test_some_colleagues_share_an_organisation(rows):
    sizes = Counter(r.organisation for r in rows)
    assert 2 <= max(sizes.values()) <= 4


def test_must_meet_requests_include_mutual_ones(rows):
    requests = {(r.email, other) for r in rows for other in r.must_meet}
    assert requests and any((b, a) in requests for a, b in requests)


def test_some_attendees_opt_out_or_limit_meetings(rows):
    assert any(not r.wants_meetings for r in rows)
    assert any(r.max_meetings is not None for r in rows)
    assert any(r.unavailable_slots for r in rows)
    assert any(r.language == "en" for r in rows)


def test_sign_up_times_are_the_same_for_the_same_seed_and_spread_over_weeks():
    end = datetime(2026, 12, 1, 12, 0)
    times = sign_up_times(200, seed=2027, end=end)
    assert times == sign_up_times(200, seed=2027, end=end) != sign_up_times(200, seed=2028, end=end)
    assert times == sorted(times) and end - timedelta(weeks=6) <= times[0] and times[-1] <= end
    assert len({moment.date() for moment in times}) >= 30
