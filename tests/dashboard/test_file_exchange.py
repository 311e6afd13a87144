"""The dashboard's file import and downloads, through the real pages."""

import pytest

from matchmaker.services.scheduling import plan_schedule, publish_schedule
from tests.support.attendees import add_matching_pair
from tests.support.routes import example_path, rules_of

CSV_DOWNLOADS = [rule.endpoint for rule in rules_of("organiser") if "fmt" in rule.arguments]


@pytest.mark.parametrize("endpoint", CSV_DOWNLOADS)
def test_csv_download_names_its_charset_once(app, organiser_client, event, endpoint):
    add_matching_pair(event)
    plan_schedule(event)
    publish_schedule(event)
    response = organiser_client.get(example_path(app, endpoint, slug=event.slug, fmt="csv"))
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
