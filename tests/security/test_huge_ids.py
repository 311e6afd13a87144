"""A number in a URL larger than a database integer names nothing: 404, never a 500.

Generated from the URL map: every route with an integer argument, every kind of visitor.
PostgreSQL's INTEGER ends at 2^31 - 1, SQLite's at 2^63 - 1: every integer converter stops at
the smaller, so such a number reaches neither database; numbers read from the query string
are checked on both."""

import pytest

from matchmaker.url_converters import DatabaseIntegerConverter
from tests.support.attendees import add_attendee
from tests.support.factories import add_organiser, csrf_token, login
from tests.support.routes import example_path, rules_of

HUGE = [2**31, 2**63]
INTEGER_ROUTES = [(rule, name) for rule in rules_of("public", "attendee", "auth", "organiser")
                  for name, converter in rule._converters.items()
                  if type(converter).__name__ in ("IntegerConverter", "DatabaseIntegerConverter")]


def test_every_integer_argument_is_bounded_by_the_database() -> None:
    converters = [(rule.rule, converter) for rule in rules_of("public", "attendee", "auth", "organiser")
                  for converter in rule._converters.values()
                  if type(converter).__name__.endswith("IntegerConverter")]
    assert len(converters) >= 18
    for path, converter in converters:
        assert isinstance(converter, DatabaseIntegerConverter), path
        assert converter.max == 2**31 - 1, path


# On SQLite only: the converter answers 404 before any query (the test above pins its bound
# at PostgreSQL's 2^31 - 1 for every argument), so no database sees the number. The numbers
# a view reads from the query string, which do reach the database, are checked on both below.
@pytest.mark.parametrize(("rule", "argument"), INTEGER_ROUTES,
                         ids=[f"{rule.endpoint}-{name}" for rule, name in INTEGER_ROUTES])
def test_huge_number_in_url_is_not_found_for_every_visitor(app, client, event, rule, argument):
    attendee = add_attendee(event, "Anna")
    add_organiser()
    for actor in ("anonymous", "own link", "organiser"):
        if actor == "organiser":
            assert login(client, "team@example.org", "richtig-geheim").status_code == 302
        form = {"csrf_token": csrf_token(client, f"/{event.slug}/link")}
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            for value in HUGE:
                path = example_path(app, rule.endpoint, slug=event.slug, choice="accept",
                                    token=attendee.token if actor == "own link" else "x" * 43,
                                    **{argument: value})
                response = client.open(path, method=method, data=form)
                assert response.status_code == 404, (actor, method, path, response.status_code)


@pytest.mark.both_databases
@pytest.mark.parametrize("query", [f"attendee={2**31}", f"attendee={2**63}", f"page={10**30}",
                                   "attendee=²", "page=-5"])
def test_audit_log_with_a_huge_or_odd_number_in_the_query_is_no_server_error(app, client, event,
                                                                          query):
    add_organiser()
    assert login(client, "team@example.org", "richtig-geheim").status_code == 302
    response = client.get(f"/organiser/{event.slug}/audit?{query}")
    assert response.status_code == 200


@pytest.mark.both_databases
@pytest.mark.parametrize("numbers", [f"1,{2**31}", f"{2**63}", "²,1"])
def test_message_to_huge_or_odd_numbers_is_no_server_error(app, client, event, numbers):
    add_attendee(event, "Anna")
    add_organiser()
    assert login(client, "team@example.org", "richtig-geheim").status_code == 302
    response = client.get(f"/organiser/{event.slug}/messages?numbers={numbers}")
    assert response.status_code == 200


@pytest.mark.both_databases
@pytest.mark.parametrize("path", ["/%00/", "/organiser/%00/attendees", "/me/%00", "/me/a%00b/profile"])
def test_nul_in_a_url_argument_is_not_found(app, client, event, path):
    add_organiser()
    assert login(client, "team@example.org", "richtig-geheim").status_code == 302
    assert client.get(path).status_code == 404
