"""The tag inputs suggest the event's tags and the synonym list as people type."""

import re

import pytest

from matchmaker.extensions import db
from matchmaker.services.schedule.matching_settings import set_synonyms, tag_suggestions
from tests.support.factories import submit_sign_up

OPTION = re.compile(r'<option value="([^"]*)">')


def suggested(page: str) -> list[str]:
    datalist = page.split('<datalist id="tag-suggestions">')[1].split("</datalist>")[0]
    return OPTION.findall(datalist)


def test_sign_up_tag_inputs_point_at_one_suggestion_list(client, event):
    page = client.get("/go-cluster-2027/register").get_data(as_text=True)
    for name in ("keywords", "offers", "seeks"):
        assert re.search(rf'<input[^>]*list="tag-suggestions"[^>]*name="{name}"'
                         rf'|<input[^>]*name="{name}"[^>]*list="tag-suggestions"', page)
    assert page.count('<datalist id="tag-suggestions">') == 1


def test_sign_up_suggests_the_starter_synonyms(client, event):
    tags = suggested(client.get("/go-cluster-2027/register").get_data(as_text=True))
    assert {"KI", "Künstliche Intelligenz", "AI"} <= set(tags)


@pytest.mark.both_databases
def test_tags_people_used_are_suggested_once_whatever_their_case(client, event):
    set_synonyms(event, "")
    db.session.commit()
    submit_sign_up(client, keywords="Leichtbau, leichtbau, Robotik", offers="Robotik")
    assert tag_suggestions(event) == ["Forschungspartner", "KI", "Leichtbau", "Robotik"]


def test_interests_page_suggests_the_events_tags(client, attendee, link):
    tags = suggested(client.get(f"{link}/interests").get_data(as_text=True))
    assert {"Leichtbau", "Additive Fertigung", "Prototypenbau"} <= set(tags)
