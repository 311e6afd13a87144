"""The list of events of a cluster week: search, filters and pages of 20, on the start
page and in the dashboard, filtered in SQL with a fixed number of queries."""

import re
from datetime import date, time, timedelta

import pytest

from matchmaker.extensions import db
from matchmaker.models import Event
from matchmaker.services.events.events import EventPlan, SlotBlock, create_event
from tests.support.factories import add_organiser, login, post_form
from tests.support.queries import counting_queries

TODAY = date.today()


def add_event(slug: str, title: str = "Clustertreffen", venue: str = "Berlin",
              starts_on: date = TODAY + timedelta(days=30), theme: str | None = None) -> Event:
    return create_event(EventPlan(slug=slug, title=title, starts_on=starts_on, venue=venue, capacity=10,
                                  blocks=(SlotBlock(time(10), 1),), meeting_minutes=20, table_count=0,
                                  theme=theme))


def add_events(count: int, **fields) -> None:
    for number in range(count):
        add_event(f"treffen-{number:03d}", **fields)
    db.session.commit()


def slugs_on(page: str) -> list[str]:
    return re.findall(r'<a href="/([a-z0-9-]+)/">', page)


def logged_in(client):
    add_organiser()
    login(client, "team@example.org", "richtig-geheim")
    return client


@pytest.mark.both_databases
def test_search_finds_event_however_umlauts_are_typed(client, app):
    add_event("fruehjahr", title="Frühjahrstreffen Süßwaren", venue="Köln")
    add_event("herbst", title="Herbsttreffen", venue="München")
    db.session.commit()
    for typed in ("FRÜHJAHR", "fruehjahr", "fruhjahr", "sussw", "koln", "Koeln"):
        assert slugs_on(client.get("/", query_string={"q": typed}).get_data(as_text=True)) == ["fruehjahr"], typed


def test_search_in_venue_leaves_out_other_venues(client, app):
    add_event("muenchen", venue="München Messe")
    add_event("berlin", venue="Berlin")
    db.session.commit()
    assert slugs_on(client.get("/?q=munchen").get_data(as_text=True)) == ["muenchen"]


def test_past_filter_lists_past_events_not_archived(client, app):
    add_event("vorbei", starts_on=TODAY - timedelta(days=3))
    add_event("kommt", starts_on=TODAY + timedelta(days=3))
    add_event("archiv", starts_on=TODAY - timedelta(days=9)).archived_at = TODAY
    db.session.commit()
    assert slugs_on(client.get("/?when=past").get_data(as_text=True)) == ["vorbei"]


def test_month_filter_keeps_the_events_of_that_month(client, app):
    june = date(TODAY.year + 1, 6, 1)
    add_event("juni", starts_on=june + timedelta(days=29))
    add_event("juli", starts_on=june + timedelta(days=30))
    db.session.commit()
    assert slugs_on(client.get(f"/?month={june:%Y-%m}").get_data(as_text=True)) == ["juni"]


def test_venue_and_theme_filters_combine(client, app):
    add_event("a", venue="Jena", theme="skills")
    add_event("b", venue="Jena", theme="open_innovation")
    add_event("c", venue="Halle", theme="skills")
    db.session.commit()
    assert slugs_on(client.get("/?venue=Jena&theme=skills").get_data(as_text=True)) == ["a"]


def test_unknown_filter_values_filter_nothing(client, app):
    add_events(2)
    page = client.get("/?when=soon&month=2027-13&theme=x&page=abc").get_data(as_text=True)
    assert len(slugs_on(page)) == 2


def test_twenty_five_events_make_two_pages_whose_links_keep_the_filters(client, app):
    add_events(25, venue="Dresden")
    first = client.get("/?venue=Dresden").get_data(as_text=True)
    second = client.get("/?venue=Dresden&page=2").get_data(as_text=True)
    assert len(slugs_on(first)) == 20 and len(slugs_on(second)) == 5
    assert re.search(r'<a href="/\?venue=Dresden&amp;page=2" aria-current="page">', second)
    assert 'href="/?venue=Dresden&amp;page=1" rel="prev"' in second


def test_page_beyond_the_last_shows_the_last(client, app):
    add_events(21)
    assert slugs_on(client.get("/?page=99").get_data(as_text=True)) == ["treffen-020"]


def test_one_event_found_by_a_search_is_listed_not_redirected_to(client, app):
    add_event("einzig")
    add_event("andere", title="Workshop")
    db.session.commit()
    response = client.get("/?q=workshop")
    assert response.status_code == 200 and slugs_on(response.get_data(as_text=True)) == ["andere"]


def test_start_page_queries_do_not_grow_with_the_number_of_events(client, app):
    add_events(3)
    with counting_queries(db.engine) as few:
        client.get("/")
    add_events(40)
    with counting_queries(db.engine) as many:
        client.get("/")
    assert len(many) == len(few)


def test_organiser_list_searches_and_pages(client, app):
    add_events(22, title="Netzwerktreffen")
    add_event("gruenderwoche", title="Gründerwoche")
    db.session.commit()
    client = logged_in(client)
    found = client.get("/organiser/?q=grunder").get_data(as_text=True)
    assert 'href="/organiser/gruenderwoche/"' in found and "treffen-000" not in found
    second = client.get("/organiser/?page=2").get_data(as_text=True)
    assert second.count('href="/organiser/treffen-') == 3 and 'aria-current="page"' in second


def test_organiser_list_shows_only_own_events(client, app):
    own, other = add_event("eigenes"), add_event("fremdes")
    add_organiser("kim@example.org", "auch-geheim-genug", events=(own,))
    db.session.commit()
    login(client, "kim@example.org", "auch-geheim-genug")
    page = client.get("/organiser/?q=treffen").get_data(as_text=True)
    assert 'href="/organiser/eigenes/"' in page and other.slug not in page


def test_organiser_list_queries_do_not_grow_with_the_number_of_events(client, app):
    client = logged_in(client)
    add_events(3)
    with counting_queries(db.engine) as few:
        client.get("/organiser/")
    add_events(40)
    with counting_queries(db.engine) as many:
        client.get("/organiser/")
    assert len(many) == len(few)


def test_new_event_theme_is_found_by_the_theme_filter(client, app):
    client = logged_in(client)
    post_form(client, "/organiser/events/new", title="Fachkräftetag", starts_on="2027-09-01",
              venue="Erfurt", theme="skills", copy_from="")
    add_event("ohne-thema")
    db.session.commit()
    page = client.get("/organiser/?theme=skills").get_data(as_text=True)
    assert "Fachkräftetag" in page and "ohne-thema" not in page
