"""Every organiser route, read from the URL map, sends an anonymous visitor to log in.

A route added later is tested without anyone listing it here.
"""

from urllib.parse import urlsplit

import pytest

from tests.support.factories import csrf_token
from tests.support.routes import example_path, rules_of

ORGANISER_ROUTES = [
    (rule.endpoint, method)
    for rule in rules_of("organiser")
    for method in sorted(rule.methods - {"HEAD", "OPTIONS"})
]


def test_organiser_routes_are_found_in_url_map():
    assert ("organiser.events", "GET") in ORGANISER_ROUTES
    assert ("organiser.overview", "GET") in ORGANISER_ROUTES


@pytest.mark.parametrize(("endpoint", "method"), ORGANISER_ROUTES,
                         ids=[f"{method} {endpoint}" for endpoint, method in ORGANISER_ROUTES])
def test_anonymous_visitor_to_organiser_route_is_sent_to_log_in(app, client, event, endpoint, method):
    # A form sent without a valid CSRF token would be refused before the guard runs.
    data = None if method == "GET" else {"csrf_token": csrf_token(client, "/organiser/login")}
    # Every URL argument is 1: the guard runs before any view looks anything up.
    response = client.open(example_path(app, endpoint), method=method, data=data)
    assert response.status_code == 302
    assert urlsplit(response.location).path == "/organiser/login"
