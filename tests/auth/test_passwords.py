"""Password hashes: argon2id, old werkzeug hashes upgraded, the same work for unknown
addresses, and a host-wide bound on how many hashes run at once."""

import fcntl
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import select
from werkzeug.security import generate_password_hash

from matchmaker import passwords
from matchmaker.config import default_config
from matchmaker.extensions import db
from matchmaker.models import Organiser
from matchmaker.passwords import DUMMY_HASH, HASHER, HashingBusy, HashingSlots, verify_password
from tests.auth.conftest import PASSWORD, failures, make_organiser
from tests.support.factories import login


@pytest.fixture(autouse=True)
def real_cost(request: pytest.FixtureRequest) -> None:
    """These tests hash with the real parameters (the shared test config lowers them)."""
    if "app" in request.fixturenames:
        request.getfixturevalue("app").config.update(
            PASSWORD_HASH_TIME_COST=passwords.TIME_COST, PASSWORD_HASH_MEMORY_KIB=passwords.MEMORY_KIB)


@pytest.fixture
def checked_hashes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The stored hashes that passwords were checked against, in order."""
    seen: list[str] = []
    original = passwords.check_argon2

    def spy(stored: str, password: str) -> bool:
        seen.append(stored)
        return original(stored, password)

    monkeypatch.setattr(passwords, "check_argon2", spy)
    return seen


def stored_hash(email: str) -> str:
    return db.session.scalar(select(Organiser.password_hash).where(Organiser.email == email))


def test_new_password_is_hashed_with_argon2id():
    assert passwords.hash_password(PASSWORD).startswith("$argon2id$")


def test_default_settings_hash_with_rfc_9106_low_memory_parameters(tmp_path):
    config = default_config(tmp_path)
    assert (config["PASSWORD_HASH_TIME_COST"], config["PASSWORD_HASH_MEMORY_KIB"]) == (3, 64 * 1024)
    assert (HASHER.time_cost, HASHER.memory_cost, HASHER.parallelism) == (3, 64 * 1024, 4)


def test_organiser_password_is_stored_with_the_real_parameters(organiser):
    assert stored_hash(organiser.email).startswith("$argon2id$v=19$m=65536,t=3,p=4$")


def test_dummy_hash_costs_what_a_real_hash_costs():
    assert not HASHER.check_needs_rehash(DUMMY_HASH)


def test_unknown_address_is_checked_against_dummy_hash(client, organiser, checked_hashes):
    login(client, "niemand@example.org", PASSWORD)
    assert checked_hashes == [DUMMY_HASH]


def test_wrong_password_is_checked_against_the_account_hash(client, organiser, checked_hashes):
    login(client, organiser.email, "falsch")
    assert checked_hashes == [stored_hash(organiser.email)]


@pytest.mark.parametrize("method", ["pbkdf2:sha256", "scrypt"])
def test_werkzeug_hash_logs_in_and_is_replaced_by_argon2id(client, organiser, method):
    organiser.password_hash = generate_password_hash(PASSWORD, method=method)
    db.session.commit()
    assert login(client, organiser.email, PASSWORD).status_code == 302
    assert stored_hash(organiser.email).startswith("$argon2id$")


def test_wrong_password_leaves_werkzeug_hash_alone(client, organiser):
    old = organiser.password_hash = generate_password_hash(PASSWORD, method="pbkdf2:sha256")
    db.session.commit()
    login(client, organiser.email, "falsch")
    assert stored_hash(organiser.email) == old


def test_hash_with_weaker_parameters_is_upgraded_on_log_in(client, app):
    weak = make_organiser("alt@example.org")
    weak.password_hash = type(HASHER)(time_cost=1, memory_cost=8192, parallelism=1).hash(PASSWORD)
    db.session.commit()
    assert login(client, "alt@example.org", PASSWORD).status_code == 302
    assert not HASHER.check_needs_rehash(stored_hash("alt@example.org"))


def test_unknown_address_never_matches_dummy_password():
    assert not verify_password(None, "").ok


@contextmanager
def slot_held_elsewhere(folder: Path, number: int = 0) -> Iterator[None]:
    """A slot's lock file held the way another worker process holds it."""
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / f"slot-{number}.lock").open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield


def test_slot_held_by_another_process_makes_the_hash_wait_then_give_up(tmp_path):
    slots = HashingSlots(tmp_path, count=1, wait_seconds=0.05)
    started = time.monotonic()
    with slot_held_elsewhere(tmp_path), pytest.raises(HashingBusy):
        with slots.slot():
            pass
    assert time.monotonic() - started >= 0.05


def test_free_slot_is_taken_while_another_is_held_elsewhere(tmp_path):
    with slot_held_elsewhere(tmp_path, 0), HashingSlots(tmp_path, count=2, wait_seconds=0).slot():
        pass


def test_thread_beyond_the_slot_count_is_refused_without_waiting(tmp_path):
    slots = HashingSlots(tmp_path, count=1, wait_seconds=60)
    started = time.monotonic()
    with slots.slot(), pytest.raises(HashingBusy):
        with slots.slot():
            pass
    assert time.monotonic() - started < 1


def test_released_slot_is_free_again(tmp_path):
    slots = HashingSlots(tmp_path, count=1, wait_seconds=0)
    with slots.slot():
        pass
    with slots.slot():
        pass


def test_busy_server_answers_at_once_and_does_not_count_the_attempt(app, client, organiser):
    app.config.update(PASSWORD_HASHING_SLOTS=1, PASSWORD_HASHING_WAIT_MS=50)
    with HashingSlots(Path(app.instance_path) / "password-hashing", 1, 0).slot():
        response = login(client, organiser.email, PASSWORD)
    assert response.status_code == 503 and response.headers["Retry-After"] == "5"
    assert "Der Server prüft gerade viele andere Anmeldungen" in response.get_data(as_text=True)
    assert failures("account") == failures("address") == 0
