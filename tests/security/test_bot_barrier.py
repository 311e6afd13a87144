"""The bot barrier: a honeypot and a minimum fill time, without JavaScript or third parties."""

import re

import pytest
from sqlalchemy import func, select

from matchmaker.extensions import db
from matchmaker.models import Attendee
from tests.support.factories import post_form, valid_sign_up

STARTED = re.compile(r'name="started" type="hidden" value="([^"]+)"')


def attendees() -> int:
    return db.session.scalar(select(func.count()).select_from(Attendee))


def form_started(client) -> str:
    return STARTED.search(client.get("/go-cluster-2027/register").get_data(as_text=True)).group(1)


def post(client, **extra):
    return post_form(client, "/go-cluster-2027/register", valid_sign_up(), **extra)


def test_filled_honeypot_looks_like_success_and_stores_nothing(client, event):
    response = post(client, website="http://spam.example")
    assert response.status_code == 302 and "/go-cluster-2027/register/done" in response.location
    assert attendees() == 0


def test_honeypot_is_hidden_from_screen_readers_and_keyboard(client, event):
    page = client.get("/go-cluster-2027/register").get_data(as_text=True)
    trap = re.search(r'<div class="trap" aria-hidden="true">(.*?)</div>', page, re.S).group(1)
    assert 'tabindex="-1"' in trap and 'autocomplete="off"' in trap


def test_form_sent_back_faster_than_a_person_can_is_refused_with_a_message(app, client, event):
    app.config["BOT_MIN_FILL_SECONDS"] = 60
    page = post(client, started=form_started(client)).get_data(as_text=True)
    assert "schneller, als ein Mensch" in page and attendees() == 0


def test_form_without_a_valid_time_stamp_is_refused(app, client, event):
    app.config["BOT_MIN_FILL_SECONDS"] = 1
    post(client, started="forged")
    assert attendees() == 0


@pytest.mark.parametrize("age", [5])
def test_form_filled_in_at_human_speed_is_accepted(app, client, event, monkeypatch, age):
    app.config["BOT_MIN_FILL_SECONDS"] = 3
    started = form_started(client)
    import time
    real = time.time
    monkeypatch.setattr(time, "time", lambda: real() + age)
    assert post(client, started=started).status_code == 302 and attendees() == 1
