"""Organisers set the points per reason and the synonym list; the engine uses them."""

import re
from dataclasses import asdict

from matchmaker.extensions import db
from matchmaker.matching import Weights
from matchmaker.services.schedule.planning import planning_input
from tests.support.attendees import add_attendee
from tests.support.factories import post_form

from .conftest import EVENT_URL

PAGE = f"{EVENT_URL}/settings/matchmaking"


def save(client, **changes):
    return post_form(client, PAGE, {**asdict(Weights()), "synonyms": "KI = AI", **changes},
                     token_from="/organiser/")


def test_form_shows_the_default_weights(organiser_client, event):
    page = organiser_client.get(PAGE).get_data(as_text=True)
    assert 'name="cross_industry"' in page and 'value="5"' in page


def test_changed_weights_reach_the_engine(organiser_client, event):
    add_attendee(event, "Ada")
    assert save(organiser_client, cross_industry="12", same_cluster="-20").status_code == 302
    db.session.expire_all()
    assert event.matching_weights == {"cross_industry": 12, "same_cluster": -20}
    weights = planning_input(event).engine_event.weights
    assert (weights.cross_industry, weights.same_cluster, weights.shared_theme) == (12, -20, 3)


def test_weights_out_of_range_are_refused_with_a_message(organiser_client, event):
    page = save(organiser_client, cross_industry="5000", shared_theme="drei").get_data(as_text=True)
    assert "Bitte zwischen -100 und 200." in page
    db.session.expire_all()
    assert event.matching_weights == {}


def test_malformed_synonym_line_is_refused_and_nothing_changes(organiser_client, event):
    page = save(organiser_client, synonyms="KI = AI\nnur ein Wort").get_data(as_text=True)
    assert "Zeile 2" in page


def test_compact_days_are_on_by_default_and_reach_the_engine(organiser_client, event):
    add_attendee(event, "Ada")
    page = organiser_client.get(PAGE).get_data(as_text=True)
    box = re.search(r'<input[^>]*name="compact_days"[^>]*>', page)
    assert box is not None and "checked" in box.group(0)
    assert planning_input(event).engine_event.compact_days is True


def test_compact_days_switched_off_reach_the_engine(organiser_client, event):
    add_attendee(event, "Ada")
    assert save(organiser_client).status_code == 302  # a browser sends no unticked box
    db.session.expire_all()
    assert event.compact_days is False
    assert planning_input(event).engine_event.compact_days is False
