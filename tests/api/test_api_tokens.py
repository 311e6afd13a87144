"""API tokens made and revoked on the console and in the dashboard: shown once, stored
hashed, one event each."""

import re

from sqlalchemy import select

from matchmaker.extensions import db
from matchmaker.models import ApiToken, AuditEntry, Event
from tests.support.factories import post_form

ATTENDEES = "/api/v1/events/go-cluster-2027/attendees"
TOKEN = re.compile(r"mm_[A-Za-z0-9_-]{43}")


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_console_create_prints_a_working_token_once(runner, client, event: Event):
    result = runner.invoke(args=["api-token", "create", "--event", event.slug, "--name", "CRM"])
    assert result.exit_code == 0, result.output
    token = TOKEN.search(result.stdout).group()
    assert client.get(ATTENDEES, headers=bearer(token)).status_code == 200
    assert token not in str(db.session.scalars(select(ApiToken.token_hash)).all())


def test_console_revoke_by_name_stops_the_token(runner, client, event: Event):
    created = runner.invoke(args=["api-token", "create", "--event", event.slug, "--name", "CRM"])
    token = TOKEN.search(created.stdout).group()
    result = runner.invoke(args=["api-token", "revoke", "--event", event.slug, "CRM"])
    assert result.exit_code == 0, result.output
    assert client.get(ATTENDEES, headers=bearer(token)).status_code == 401


def test_console_revoke_of_an_unknown_token_fails_with_a_message(runner, event: Event):
    result = runner.invoke(args=["api-token", "revoke", "--event", event.slug, "nope"])
    assert result.exit_code == 1 and "no API token of that name" in result.output


def test_console_second_token_of_the_same_name_is_refused(runner, event: Event):
    runner.invoke(args=["api-token", "create", "--event", event.slug, "--name", "CRM"])
    result = runner.invoke(args=["api-token", "create", "--event", event.slug, "--name", "CRM"])
    assert result.exit_code == 1 and "already has a token of this name" in result.output


def test_dashboard_shows_a_new_token_once_and_it_works(organiser_client, event: Event):
    page = post_form(organiser_client, "/organiser/go-cluster-2027/api", name="CRM").get_data(as_text=True)
    token = TOKEN.search(page).group()
    assert organiser_client.get(ATTENDEES, headers=bearer(token)).status_code == 200
    later = organiser_client.get("/organiser/go-cluster-2027/api").get_data(as_text=True)
    assert "CRM" in later and token not in later


def test_dashboard_revoke_stops_the_token_and_is_audited(organiser_client, event: Event):
    page = post_form(organiser_client, "/organiser/go-cluster-2027/api", name="CRM").get_data(as_text=True)
    token = TOKEN.search(page).group()
    token_id = db.session.scalar(select(ApiToken.id))
    post_form(organiser_client, f"/organiser/go-cluster-2027/api/tokens/{token_id}/revoke",
              token_from="/organiser/go-cluster-2027/api")
    assert organiser_client.get(ATTENDEES, headers=bearer(token)).status_code == 401
    actions = db.session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)).all()
    assert actions[-1] == "api_token_revoked" and "api_token_created" in actions


def test_dashboard_refuses_a_second_token_of_the_same_name(organiser_client, event: Event):
    post_form(organiser_client, "/organiser/go-cluster-2027/api", name="CRM")
    page = post_form(organiser_client, "/organiser/go-cluster-2027/api", name="CRM").get_data(as_text=True)
    assert TOKEN.search(page) is None and db.session.scalars(select(ApiToken)).all()[1:] == []


def test_dashboard_navigation_links_the_api_page(organiser_client, event: Event):
    page = organiser_client.get("/organiser/go-cluster-2027/").get_data(as_text=True)
    assert 'href="/organiser/go-cluster-2027/api"' in page
