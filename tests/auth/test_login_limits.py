"""Failed log-ins are limited per account and client address, per client address, and
slowed down per account, for a while only: nobody can lock the owner out."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from matchmaker.extensions import db
from matchmaker.models import LoginFailure
from tests.auth.conftest import PASSWORD, failures
from tests.support.factories import login

pytestmark = pytest.mark.both_databases  # the failures are rows: the limits are what the database counts

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


ATTACKER, OWNER = "203.0.113.66", "198.51.100.7"


def test_attacker_failing_many_times_does_not_lock_out_the_owner(new_client, organiser):
    attacker = new_client(ATTACKER)
    for _ in range(12):
        login(attacker, organiser.email, "falsch")
    assert login(new_client(OWNER), organiser.email, PASSWORD).status_code == 302


def test_attacker_stays_limited_after_the_owner_logged_in(new_client, organiser):
    attacker = new_client(ATTACKER)
    fail(attacker, organiser.email, 5)
    login(new_client(OWNER), organiser.email, PASSWORD)
    response = login(attacker, organiser.email, "falsch")
    assert response.status_code == 429 and LIMITED in response.get_data(as_text=True)


def test_account_under_attack_gives_another_address_one_guess_per_window(new_client, organiser):
    fail(new_client(ATTACKER), organiser.email, 5)
    helper = new_client("203.0.113.67")
    fail(helper, organiser.email, 1)
    assert login(helper, organiser.email, PASSWORD).status_code == 429


def test_each_client_address_gets_its_attempt_while_the_account_is_under_attack(new_client, organiser):
    fail(new_client(ATTACKER), organiser.email, 5)
    codes = [login(new_client(f"203.0.113.{n}"), organiser.email, "falsch").status_code
             for n in range(1, 4)]
    assert codes == [200, 200, 200]


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
    assert failures("account") == 0 and failures("pair") == 0


def test_right_password_keeps_other_clients_failures(new_client, organiser):
    fail(new_client(ATTACKER), organiser.email, 2)
    login(new_client(OWNER), organiser.email, PASSWORD)
    assert failures("pair") == 2


@pytest.mark.both_databases  # the failures are rows, forgiven by a DELETE
def test_right_password_keeps_the_client_addresss_failures(app, client, new_client, organiser):
    app.config["LOGIN_FAILURES_PER_ADDRESS"] = 3
    fail(client, "geraten0@example.org", 1)
    fail(client, "geraten1@example.org", 1)
    assert login(client, organiser.email, PASSWORD).status_code == 302
    guesser = new_client()  # the same client address, another browser
    fail(guesser, "geraten2@example.org", 1)
    assert login(guesser, "geraten3@example.org", "falsch").status_code == 429


def test_refused_attempt_is_not_counted(client, organiser):
    fail(client, organiser.email, 5)
    login(client, organiser.email, "falsch")
    assert failures("account") == 5


@pytest.mark.parametrize("scope", ["account", "address", "pair"])
def test_each_wrong_password_is_counted_once_per_scope(client, organiser, scope):
    fail(client, organiser.email, 2)
    assert failures(scope) == 2
