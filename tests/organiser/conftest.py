"""An administrator logged in on the dashboard of the test event."""

import pytest

from tests.support.factories import add_organiser, login

PASSWORD = "richtig-geheim"
EVENT_URL = "/organiser/go-cluster-2027"


@pytest.fixture
def organiser_client(client, event):
    add_organiser()
    login(client, "team@example.org", PASSWORD)
    return client
