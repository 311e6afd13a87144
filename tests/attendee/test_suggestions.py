"""Suggestions and the participant list: the engine's score and reasons, symmetric in
substance, and nothing of anyone who did not consent, was blocked or cannot meet."""

import pytest
from flask_babel import force_locale

from matchmaker import matching
from matchmaker.extensions import db
from matchmaker.reasons import phrase_reasons
from matchmaker.services.attendees import meeting_requests as requests
from matchmaker.services.attendees.participants import Filters, participant_page, suggestions_for
from matchmaker.services.schedule.planning import engine_attendee
from tests.support.attendees import add_attendee, add_meeting


@pytest.fixture
def shy(event):
    """Would be the best match, but did not agree to the matchmaking."""
    return add_attendee(event, "Shy", matching_consent=False, org_type="large", industry_code="maritime",
                        themes=["open_innovation"], offers=["Wasserstoff", "Geheimprojekt"])


def names(rows):
    return [row.person.name for row in rows]


def test_suggestions_carry_the_engines_score(anna, ben):
    [row] = suggestions_for(anna)
    assert row.score == matching.pair_score(engine_attendee(anna, {}), engine_attendee(ben, {})).score > 0


def test_best_suggestion_comes_first(anna, ben, event):
    add_attendee(event, "Carla", org_type="startup", themes=["open_innovation"])
    assert names(suggestions_for(anna)) == ["Ben Beispiel", "Carla Beispiel"]


def test_at_most_ten_suggestions(anna, event):
    for number in range(12):
        add_attendee(event, f"Person{number}", org_type="research", themes=["open_innovation"])
    assert len(suggestions_for(anna)) == 10


def test_reasons_are_symmetric_in_substance(anna, ben, app):
    [for_anna], [for_ben] = suggestions_for(anna), suggestions_for(ben)
    assert for_anna.reasons == for_ben.reasons and for_anna.score == for_ben.score
    with app.test_request_context(), force_locale("en"):
        anna_reads = phrase_reasons(for_anna.reasons, anna.id, {})
        ben_reads = phrase_reasons(for_ben.reasons, ben.id, {})
    assert "Your partner offers “Wasserstoff”, which you are looking for." in anna_reads
    assert "You offer “Wasserstoff”, which your partner is looking for." in ben_reads
    assert len(anna_reads) == len(ben_reads)


def test_attendee_without_consent_is_never_suggested(anna, ben, shy):
    rows = suggestions_for(anna)
    assert "Shy Beispiel" not in names(rows)
    assert "Geheimprojekt" not in repr(rows) and shy.organisation not in repr(rows)


def test_attendee_without_consent_gets_no_suggestions(anna, ben, shy):
    assert suggestions_for(shy) == []


def test_attendee_without_consent_is_not_in_the_participant_list(anna, ben, shy):
    listing = participant_page(anna, Filters())
    assert [p.name for p in listing.people] == ["Ben Beispiel"] and listing.total == 1


def test_blocked_people_are_not_suggested_either_way(anna, ben):
    requests.block(ben, anna)
    db.session.commit()
    assert suggestions_for(anna) == [] and suggestions_for(ben) == []


def test_blocked_people_are_not_in_the_participant_list_either_way(anna, ben):
    requests.block(anna, ben)
    db.session.commit()
    assert participant_page(ben, Filters()).people == []


def test_a_partner_already_met_is_not_suggested_again(anna, ben, event):
    add_meeting(event, anna, ben)
    assert suggestions_for(anna) == []


def test_a_fully_booked_person_is_not_suggested(anna, ben, event):
    ben.max_meetings = 1
    add_meeting(event, ben, add_attendee(event, "Carla", org_type="large"))
    assert "Ben Beispiel" not in names(suggestions_for(anna))


def test_suggestion_shows_an_open_request(anna, ben):
    requests.send_request(anna, ben, None)
    db.session.commit()
    assert suggestions_for(anna)[0].request_status == "pending"
    assert suggestions_for(ben)[0].request_status == "incoming_pending"


@pytest.mark.parametrize("filters, expected", [
    (Filters(org_type="research"), ["Ben Beispiel"]),
    (Filters(industry="logistics"), ["Carla Beispiel"]),
    (Filters(theme="open_innovation"), ["Ben Beispiel"]),
    (Filters(cluster="Cluster Süd"), ["Ben Beispiel"]),
    (Filters(keyword="wasser"), ["Ben Beispiel"]),
    (Filters(keyword="nichts"), []),
])
def test_participant_filters(anna, ben, event, filters, expected):
    add_attendee(event, "Carla", org_type="startup", themes=["skills"])
    assert [p.name for p in participant_page(anna, filters).people] == expected


@pytest.mark.both_databases
def test_participant_list_is_paginated(anna, event):
    for number in range(24):
        add_attendee(event, f"Person{number:02d}")
    first, second = participant_page(anna, Filters(), 1), participant_page(anna, Filters(), 2)
    assert (first.total, first.pages, len(first.people), len(second.people)) == (25, 2, 20, 5)
    assert not {p.id for p in first.people} & {p.id for p in second.people}


def test_a_page_past_the_end_shows_the_last_page(anna, ben):
    assert participant_page(anna, Filters(), 99).page == 1


def test_someone_who_does_not_take_part_sees_nobody(anna, ben, shy):
    assert participant_page(shy, Filters()).people == []
