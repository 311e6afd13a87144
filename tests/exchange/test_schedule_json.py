"""The schedule JSON document and reading it back."""

from __future__ import annotations

import json
from datetime import datetime

import pytest

from matchmaker.exchange.schedule_json import (
    dumps,
    meetings_by_id,
    read_meetings,
    schedule_document,
    synthetic_slots,
)
from matchmaker.matching import Event, Meeting, schedule
from tests.matching.strategies import attendee

EMAILS = {1: "anna@x.de", 2: "bernd@y.de", 3: "cem@z.de"}


@pytest.fixture
def document() -> dict:
    people = (attendee(1, org_type="sme", offers=("Wasserstoff",)),
              attendee(2, org_type="research", seeks=("wasserstoff",), industry="logistics"),
              attendee(3, wants_meetings=False))
    event = Event(people, slots=2, tables=1, locked=(Meeting((1, 2), 2, 1),))
    slots = synthetic_slots(2, datetime(2026, 6, 18, 14, 0), slot_minutes=20)
    return json.loads(dumps(schedule_document(schedule(event), EMAILS, slots, tables=1)))


def test_document_has_documented_top_level_keys(document):
    assert set(document) == {"format", "version", "slots", "tables", "meetings", "unmatched",
                             "quality"}


def test_slots_get_iso_times_from_start(document):
    assert document["slots"][1] == {"number": 2, "start": "2026-06-18T14:20:00",
                                    "end": "2026-06-18T14:40:00"}


def test_slots_without_start_have_null_times():
    assert synthetic_slots(1)[0].start is None


def test_meeting_names_attendees_by_email_with_reasons(document):
    meeting = document["meetings"][0]
    assert (meeting["slot"], meeting["table"], meeting["attendees"], meeting["locked"]) == (
        2, 1, ["anna@x.de", "bernd@y.de"], True)
    assert {"code": "offer_matches_seek", "params": {
        "tag": "Wasserstoff", "offered_by": "anna@x.de", "sought_by": "bernd@y.de",
        "sought_tag": "wasserstoff"}
    } in meeting["reasons"]


def test_unmatched_and_quality_included(document):
    assert document["unmatched"] == [{"attendee": "cem@z.de", "code": "does_not_want_meetings"}]
    assert document["quality"]["total_score"] == document["meetings"][0]["score"]


def test_meetings_read_back_map_to_engine_meetings(document):
    entries = read_meetings(json.dumps(document))
    ids = {email: number for number, email in EMAILS.items()}
    assert meetings_by_id(entries, ids) == [Meeting((1, 2), 2, 1)]
    assert entries[0].locked


def test_reading_other_json_rejected():
    with pytest.raises(ValueError):
        read_meetings('{"meetings": []}')
