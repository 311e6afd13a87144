"""Suggestions read from the kept ranking (``suggestion_lists``) are exactly the engine's:
the same partners, order, scores and reasons as ranking the attendee against everybody
with the engine's scorer, also after profiles, requests, favourites and blocks changed
since the lists were computed, and with lists too short to hold every partner."""

from datetime import timedelta

import pytest
from sqlalchemy import update

from matchmaker.extensions import db
from matchmaker.models import Attendee, SuggestionList, utcnow
from matchmaker.services.attendees import (
    check_in,
    favourites,
    not_interested,
    participants,
    self_service,
    suggestion_lists,
)
from matchmaker.services.attendees import meeting_requests as requests
from matchmaker.services.schedule import behaviour, blocked_pairs, matching_settings
from tests.support.attendees import add_attendee
from tests.support.factories import make_event

ENGINE_BEST = participants.engine_best  # the page's ranking before the kept lists

PROFILES = [
    ("Anna", {"themes": ["open_innovation"], "seeks": ["Wasserstoff"], "keywords": ["Leichtbau"]}),
    ("Ben", {"org_type": "research", "offers": ["Wasserstoff"], "industry_code": "maritime"}),
    ("Carla", {"org_type": "large", "themes": ["open_innovation", "skills"], "keywords": ["leichtbau"]}),
    ("Dora", {"org_type": "research", "themes": ["skills"], "cluster": "Nord"}),
    ("Emil", {"org_type": "startup", "seeks": ["Lidar"], "cluster": "Nord"}),
    ("Fritz", {"org_type": "large", "offers": ["Lidar", "Wasserstoff"]}),
    ("Greta", {"themes": ["open_innovation"], "max_meetings": 0}),
    ("Hans", {"org_type": "research", "keywords": ["Leichtbau"], "industry_code": "maritime"}),
    ("Ida", {"org_type": "large", "themes": ["skills"], "seeks": ["Wasserstoff"]}),
    ("Jan", {"org_type": "startup", "offers": ["Leichtbau"], "themes": ["open_innovation"]}),
]


@pytest.fixture
def people(event):
    return [add_attendee(event, name, **profile) for name, profile in PROFILES]


def seen(rows) -> list[tuple[int, int, list]]:
    return [(row.person.id, row.score, row.reasons) for row in rows]


def engine_says(attendee: Attendee, limit: int) -> list[tuple[int, int, list]]:
    """The attendee ranked against everybody by the engine, as the page did before."""
    from matchmaker.services.schedule.planning import reason_json
    return [(s.partner_id, s.score, [reason_json(r) for r in s.reasons])
            for s in ENGINE_BEST(attendee, limit)]


def age_everything() -> None:
    """As if the lists were computed a minute ago and nobody changed for five."""
    db.session.execute(update(Attendee).values(scored_at=utcnow() - timedelta(minutes=5)))
    db.session.execute(update(SuggestionList).values(computed_at=utcnow() - timedelta(minutes=1)))
    db.session.commit()


def assert_all_agree(people, limit: int, monkeypatch) -> list:
    fallbacks = []
    monkeypatch.setattr(participants, "engine_best", lambda *a: fallbacks.append(a) or ENGINE_BEST(*a))
    for attendee in people:
        assert seen(participants.suggestions_for(attendee, limit)) == engine_says(attendee, limit), attendee.first_name
    return fallbacks


@pytest.mark.parametrize(("length", "limit"), [(60, 10), (3, 2)])
def test_kept_lists_agree_with_the_engine_after_changes(people, event, monkeypatch, length, limit):
    monkeypatch.setattr(suggestion_lists, "LIST_LENGTH", length)
    anna, ben, carla, dora, emil, fritz, *_ = people
    participants.suggestions_for(anna, limit)  # computes every list of the event
    age_everything()
    assert_all_agree(people, limit, monkeypatch)
    fritz.offers = ["Lidar"]  # a profile changes
    favourites.mark(emil, dora, True)
    requests.send_request(carla, anna, None)
    requests.block(ben, anna)
    db.session.commit()
    assert_all_agree(people, limit, monkeypatch)


@pytest.mark.both_databases  # the lists are written in bulk, JSON and all
def test_unchanged_event_is_answered_from_the_kept_lists(people, monkeypatch):
    participants.suggestions_for(people[0])
    age_everything()
    fallbacks = assert_all_agree(people, 10, monkeypatch)
    assert fallbacks == [] and db.session.query(SuggestionList).count() == len(people)


def kept_lists_computed(people) -> None:
    participants.suggestions_for(people[0])  # computes every list of the event
    age_everything()


@pytest.mark.parametrize(("length", "limit"), [(60, 10), (3, 2)])
def test_kept_lists_agree_with_the_engine_after_arrivals_and_cancellations(people, event, monkeypatch,
                                                                           length, limit):
    monkeypatch.setattr(suggestion_lists, "LIST_LENGTH", length)
    kept_lists_computed(people)
    newcomer = add_attendee(event, "Kim", org_type="research", offers=["Wasserstoff", "Lidar"],
                            themes=["open_innovation", "skills"])
    self_service.cancel(people[5], notice=None)  # Fritz, who offered what many seek
    db.session.commit()
    assert_all_agree([*people[:5], *people[6:], newcomer], limit, monkeypatch)


@pytest.mark.parametrize(("length", "limit"), [(60, 10), (3, 2)])
def test_kept_lists_agree_with_the_engine_after_relations_are_undone(people, monkeypatch, length, limit):
    monkeypatch.setattr(suggestion_lists, "LIST_LENGTH", length)
    anna, ben, carla, dora, emil, *_ = people
    favourites.mark(emil, dora, True)
    request = requests.send_request(carla, anna, None).request
    requests.block(ben, anna)
    db.session.commit()
    kept_lists_computed(people)
    favourites.mark(emil, dora, False)
    requests.withdraw(carla, request.id)
    requests.unblock(ben, anna.number)
    db.session.commit()
    assert_all_agree(people, limit, monkeypatch)


def test_kept_lists_agree_with_the_engine_after_organiser_block_weights_and_synonyms(people, event, monkeypatch):
    kept_lists_computed(people)
    anna, ben, *_ = people
    blocked_pairs.block_pair(event, anna, ben, "team@example.org")
    matching_settings.set_weights(event, {"shared_theme": 9})
    matching_settings.set_synonyms(event, "Leichtbau = Wasserstoff")
    db.session.commit()
    assert_all_agree(people, 10, monkeypatch)


def test_check_in_and_language_switch_leave_the_kept_lists(people, event, monkeypatch):
    kept_lists_computed(people)
    anna, ben, *_ = people
    check_in.check_in(event, anna, "desk")
    self_service.open_page(ben, "en")
    db.session.commit()
    refreshed = []
    monkeypatch.setattr(suggestion_lists, "refresh_lists", lambda *a: refreshed.append(a))
    assert_all_agree([anna, ben], 10, monkeypatch)
    assert refreshed == []


def test_profile_edit_recomputes_only_that_attendees_list(people, monkeypatch):
    kept_lists_computed(people)
    anna = people[0]
    anna.seeks = ["Lidar"]
    db.session.commit()
    refreshed = []
    monkeypatch.setattr(suggestion_lists, "refresh_lists", lambda *a: refreshed.append(a))
    fallbacks = assert_all_agree([anna], 10, monkeypatch)
    assert refreshed == [] and fallbacks == []


def test_first_visit_after_many_changes_computes_the_lists_once(people, monkeypatch):
    monkeypatch.setattr(suggestion_lists, "MAX_CHANGED", 0)  # everybody signed up just now
    refreshes = []
    refresh = suggestion_lists.refresh_lists
    monkeypatch.setattr(suggestion_lists, "refresh_lists", lambda event: refreshes.append(1) or refresh(event))
    fallbacks = assert_all_agree(people[:1], 10, monkeypatch)
    assert refreshes == [1] and fallbacks == []


def test_every_field_the_engine_scores_moves_scored_at():
    """A field added to the engine's attendee must be in ``SCORED_FIELDS``, or the kept
    lists would not see it change (``unavailable_slots`` and ``max_meetings`` only plan)."""
    import inspect
    import re

    from matchmaker.models import SCORED_FIELDS
    from matchmaker.services.schedule.planning import engine_attendee
    read = set(re.findall(r"attendee\.(\w+)", inspect.getsource(engine_attendee)))
    read = {"matching_consent_at" if name == "matching_consent" else name for name in read}
    assert read - {"id", "unavailable_slots", "max_meetings"} <= set(SCORED_FIELDS)


def test_app_starts_without_numpy():
    """The kept lists load numpy when they compute, not when the app starts (the console
    and every worker start faster without it)."""
    import subprocess
    import sys
    code = ("import sys; from matchmaker import create_app; "
            "create_app({'TESTING': True, 'SECRET_KEY': 'x', 'SQLALCHEMY_DATABASE_URI': 'sqlite://'}); "
            "print('numpy' in sys.modules)")
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout == "False\n"


@pytest.mark.parametrize(("length", "limit"), [(60, 10), (3, 2)])
def test_kept_lists_agree_with_the_engine_after_not_interested_and_a_decline(people, monkeypatch, length, limit):
    monkeypatch.setattr(suggestion_lists, "LIST_LENGTH", length)
    kept_lists_computed(people)
    anna, ben, carla, *_ = people
    not_interested.mark(anna, ben, True)
    request = requests.send_request(carla, anna, None).request
    requests.answer(anna, request.id, accept=False)
    db.session.commit()
    assert_all_agree(people, limit, monkeypatch)


def test_choosing_last_times_feedback_makes_new_lists(event):
    earlier = make_event(slug="go-2026")
    earlier.starts_on = event.starts_on - timedelta(days=365)
    before = suggestion_lists.settings_stamp(event)
    behaviour.set_feedback_bonus_source(event, earlier)
    assert suggestion_lists.settings_stamp(event) != before
