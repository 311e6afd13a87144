"""Failed log-ins are limited per e-mail address and per client address, for a while only."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from matchmaker.extensions import db
from matchmaker.models import LoginFailure
from tests.auth.conftest import PASSWORD, failures
from tests.support.factories import login

pytestmark = pytest.mark.both_databases

LIMITED = "Zu viele fehlgeschlagene Versuche. Bitte versuchen Sie es in 15 Minuten noch einmal."


def fail(client, email: str, times: int) -> None:
    for _ in range(times):
        assert login(client, email, "falsch").status_code == 200


def age_failures(minutes: int) -> None:
    """Let time pass for the limits: every failure happened ``minutes`` earlier."""
    for failure in db.session.scalars(select(LoginFailure)):
        failure.failed_at -= timedelta(minutes=minutes)
    db.session.commit()


def test_account_at_limit_refuses_even_right_password_with_minutes(client, organiser):
    fail(client, organiser.email, 5)
    response = login(client, organiser.email, PASSWORD)
    assert response.status_code == 429 and response.headers["Retry-After"] == "900"
    assert LIMITED in response.get_data(as_text=True)


def test_account_limit_holds_for_other_client_addresses(client, new_client, organiser):
    fail(client, organiser.email, 5)
    assert login(new_client("198.51.100.7"), organiser.email, PASSWORD).status_code == 429


def test_unknown_address_is_limited_like_an_account(client, organiser):
    fail(client, "niemand@example.org", 5)
    response = login(client, "niemand@example.org", "falsch")
    assert response.status_code == 429 and LIMITED in response.get_data(as_text=True)


def test_client_address_at_limit_is_refused_for_every_account(app, client, new_client, organiser):
    app.config["LOGIN_FAILURES_PER_ADDRESS"] = 3
    for number in range(3):
        fail(client, f"geraten{number}@example.org", 1)
    assert login(client, organiser.email, PASSWORD).status_code == 429
    assert login(new_client("198.51.100.7"), organiser.email, PASSWORD).status_code == 302


def test_ipv6_clients_are_counted_by_their_network(app, new_client, organiser):
    app.config["LOGIN_FAILURES_PER_ADDRESS"] = 2
    fail(new_client("2001:db8:1:2::a"), "a@example.org", 1)
    fail(new_client("2001:db8:1:2::b"), "b@example.org", 1)
    assert login(new_client("2001:db8:1:2::c"), organiser.email, PASSWORD).status_code == 429


def test_limit_expires_and_right_password_works_again(client, organiser):
    fail(client, organiser.email, 5)
    assert login(client, organiser.email, PASSWORD).status_code == 429
    age_failures(15)
    assert login(client, organiser.email, PASSWORD).status_code == 302


def test_wait_is_counted_from_the_oldest_failure_in_the_window(client, organiser):
    fail(client, organiser.email, 5)
    age_failures(11)
    response = login(client, organiser.email, PASSWORD)
    assert "in 4 Minuten" in response.get_data(as_text=True)


def test_right_password_forgives_account_failures(client, organiser):
    fail(client, organiser.email, 4)
    assert login(client, organiser.email, PASSWORD).status_code == 302
    assert failures("account") == 0


def test_refused_attempt_is_not_counted(client, organiser):
    fail(client, organiser.email, 5)
    login(client, organiser.email, "falsch")
    assert failures("account") == 5


@pytest.mark.parametrize("scope", ["account", "address"])
def test_each_wrong_password_is_counted_once_per_scope(client, organiser, scope):
    fail(client, organiser.email, 2)
    assert failures(scope) == 2
