"""Webhooks on the dashboard's API page: added with their secret shown once, https only,
listed with how their latest delivery went, and removed."""

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import select

from matchmaker import create_app
from matchmaker.extensions import db
from matchmaker.models import WebhookDelivery, WebhookEndpoint
from tests.conftest import app_config
from tests.support.attendees import add_attendee
from tests.support.factories import post_form

PAGE = "/organiser/go-cluster-2027/api"
SECRET = re.compile(r"whsec_[A-Za-z0-9_-]{43}")


@pytest.fixture
def app(database_url: str, instance_folder: Path) -> Iterator[Flask]:
    app = create_app({**app_config(database_url, instance_folder), "JOBS_STORAGE": "sqlite"})
    with app.app_context():
        yield app
        db.session.remove()
        db.engine.dispose()


def add_hook(client, url: str = "https://crm.example.org/hooks", kinds=("registration.created",)):
    return post_form(client, f"{PAGE}/webhooks", {"url": url, "kinds": list(kinds)}, token_from=PAGE)


def test_added_webhook_shows_its_secret_once(organiser_client):
    page = add_hook(organiser_client).get_data(as_text=True)
    secret = SECRET.search(page).group()
    assert db.session.scalars(select(WebhookEndpoint.secret)).one() == secret
    later = organiser_client.get(PAGE).get_data(as_text=True)
    assert "https://crm.example.org/hooks" in later and secret not in later


@pytest.mark.parametrize("url", ["http://crm.example.org/hooks", "http://127.0.0.1:9/hooks"])
def test_plain_http_address_is_refused(organiser_client, url):
    page = add_hook(organiser_client, url).get_data(as_text=True)
    assert SECRET.search(page) is None and db.session.scalars(select(WebhookEndpoint)).all() == []


def test_loopback_http_is_allowed_where_the_setting_allows_it(app, organiser_client):
    app.config["WEBHOOK_ALLOW_HTTP_LOOPBACK"] = True
    add_hook(organiser_client, "http://127.0.0.1:9/hooks")
    assert db.session.scalars(select(WebhookEndpoint.url)).one() == "http://127.0.0.1:9/hooks"


def test_webhook_without_a_kind_is_refused(organiser_client):
    add_hook(organiser_client, kinds=())
    assert db.session.scalars(select(WebhookEndpoint)).all() == []


def test_page_shows_the_latest_deliverys_failure(organiser_client, event):
    add_hook(organiser_client)
    add_attendee(event, "Anna")
    delivery = db.session.scalars(select(WebhookDelivery)).one()
    delivery.attempts, delivery.last_status_code, delivery.last_error = 1, 500, "HTTP 500"
    delivery.last_attempt_at = delivery.created_at
    db.session.commit()
    page = organiser_client.get(PAGE).get_data(as_text=True)
    assert "HTTP 500" in page


def test_removed_webhook_gets_nothing_more(organiser_client, event):
    add_hook(organiser_client)
    endpoint_id = db.session.scalar(select(WebhookEndpoint.id))
    post_form(organiser_client, f"{PAGE}/webhooks/{endpoint_id}/remove", token_from=PAGE)
    add_attendee(event, "Anna")
    assert db.session.scalars(select(WebhookDelivery)).all() == []


def test_api_page_has_a_plain_title_and_its_sections_once(organiser_client):
    page = organiser_client.get(PAGE).get_data(as_text=True)
    title = page.split("<title>", 1)[1].split("</title>", 1)[0]
    assert "<" not in title and page.count('id="webhooks"') == 1
