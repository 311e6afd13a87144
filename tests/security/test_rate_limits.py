"""Rate limits per client: sign-up, link requests, attendee forms and organiser log-in."""

from pathlib import Path

import pytest

from tests.support.factories import csrf_token, post_form, submit_sign_up, valid_sign_up
from tests.support.mailbox import outbox_messages, private_link
from tests.support.other_worker import post_in_other_worker

LOW_LIMITS = {"RATELIMIT_SIGN_UP": "3 per minute", "RATELIMIT_LINK_REQUEST": "2 per minute",
              "RATELIMIT_ATTENDEE_FORMS": "2 per minute", "RATELIMIT_LOGIN": "2 per minute",
              "MAIL_LIMIT_PER_CLIENT": "100 per minute"}


def post(client, path: str, data: dict):
    return post_form(client, path, data, token_from="/go-cluster-2027/register")


@pytest.mark.parametrize("guarded_app", [LOW_LIMITS], indirect=True)
def test_sign_ups_beyond_the_limit_get_429_with_a_message(guarded_app):
    client = guarded_app.test_client()
    codes = [submit_sign_up(client, email=f"p{n}@example.org").status_code for n in range(4)]
    assert codes == [302, 302, 302, 429]
    page = submit_sign_up(client, email="late@example.org").get_data(as_text=True)
    assert "Zu viele Versuche" in page


@pytest.mark.parametrize("guarded_app", [LOW_LIMITS], indirect=True)
def test_limit_counts_per_client_address(guarded_app):
    client = guarded_app.test_client()
    for n in range(3):
        submit_sign_up(client, email=f"p{n}@example.org")
    other = guarded_app.test_client()
    data = {**valid_sign_up(email="other@example.org"), "csrf_token": csrf_token(other, "/go-cluster-2027/register")}
    assert other.post("/go-cluster-2027/register", data=data,
                      environ_base={"REMOTE_ADDR": "192.0.2.7"}).status_code == 302


@pytest.mark.parametrize("guarded_app", [LOW_LIMITS], indirect=True)
@pytest.mark.parametrize("path", ["/go-cluster-2027/link", "/organiser/login"])
def test_link_requests_and_log_ins_beyond_the_limit_get_429(guarded_app, path):
    client = guarded_app.test_client()
    data = {"email": "someone@example.org", "password": "wrong"}
    assert [post(client, path, data).status_code for _ in range(3)][-1] == 429


@pytest.mark.parametrize("guarded_app", [LOW_LIMITS], indirect=True)
def test_attendee_form_posts_beyond_the_limit_get_429(guarded_app):
    client = guarded_app.test_client()
    submit_sign_up(client)
    link = private_link(outbox_messages(Path(guarded_app.config["MAIL_OUTBOX_DIR"]))[-1])
    codes = [post(client, link + "/interests", {"keywords": "KI"}).status_code for _ in range(3)]
    assert codes == [302, 302, 429]


@pytest.mark.parametrize("guarded_app", [{"MAIL_LIMIT_PER_CLIENT": "2 per minute"}], indirect=True)
def test_mail_limit_per_client_covers_sign_ups_and_link_requests_together(guarded_app):
    client = guarded_app.test_client()
    submit_sign_up(client, email="a@example.org")
    post(client, "/go-cluster-2027/link", {"email": "a@example.org"})
    assert submit_sign_up(client, email="b@example.org").status_code == 429


def other_worker(database_url: str, instance_folder: Path, settings: dict,
                 *posts: tuple[str, dict]) -> list[int]:
    """What another worker process (its own app, its own memory) answers to ``posts``."""
    return post_in_other_worker(database_url, instance_folder, settings, list(posts))


def sign_up_post(email: str) -> tuple[str, dict]:
    return "/go-cluster-2027/register", valid_sign_up(email=email)


LINK_POST = ("/go-cluster-2027/link", {"email": "a@example.org"})


@pytest.mark.both_databases
@pytest.mark.parametrize("guarded_app", [LOW_LIMITS], indirect=True)
def test_sign_up_limit_holds_across_worker_processes(guarded_app, database_url, instance_folder):
    client = guarded_app.test_client()
    assert [submit_sign_up(client, email=f"p{n}@example.org").status_code for n in range(2)] == [302, 302]
    codes = other_worker(database_url, instance_folder, LOW_LIMITS,
                         sign_up_post("p2@example.org"), sign_up_post("p3@example.org"))
    assert codes == [302, 429]


@pytest.mark.both_databases
@pytest.mark.parametrize("guarded_app", [LOW_LIMITS], indirect=True)
def test_link_request_limit_holds_across_worker_processes(guarded_app, database_url, instance_folder):
    assert post(guarded_app.test_client(), *LINK_POST).status_code == 302
    assert other_worker(database_url, instance_folder, LOW_LIMITS, LINK_POST, LINK_POST) == [302, 429]


@pytest.mark.both_databases
@pytest.mark.parametrize("guarded_app", [{"MAIL_LIMIT_PER_CLIENT": "2 per minute"}], indirect=True)
def test_mail_limit_per_client_holds_across_worker_processes(guarded_app, database_url, instance_folder):
    submit_sign_up(guarded_app.test_client(), email="a@example.org")
    codes = other_worker(database_url, instance_folder, {"MAIL_LIMIT_PER_CLIENT": "2 per minute"},
                         LINK_POST, sign_up_post("b@example.org"))
    assert codes == [302, 429]


@pytest.mark.parametrize("guarded_app", [LOW_LIMITS], indirect=True)
def test_refused_post_says_when_to_try_again(guarded_app):
    client = guarded_app.test_client()
    for n in range(3):
        submit_sign_up(client, email=f"p{n}@example.org")
    retry_after = int(submit_sign_up(client, email="late@example.org").headers["Retry-After"])
    assert 50 <= retry_after <= 60


@pytest.mark.parametrize("guarded_app", [LOW_LIMITS], indirect=True)
def test_pages_stay_open_when_the_form_limit_is_reached(guarded_app):
    client = guarded_app.test_client()
    for n in range(4):
        submit_sign_up(client, email=f"p{n}@example.org")
    assert client.get("/go-cluster-2027/register").status_code == 200



def sign_ups_forwarded_for(client, count: int) -> list[int]:
    """Sign-ups whose X-Forwarded-For names a different client each time."""
    codes = []
    for n in range(count):
        data = {**valid_sign_up(email=f"p{n}@example.org"), "csrf_token": csrf_token(client, "/go-cluster-2027/register")}
        codes.append(client.post("/go-cluster-2027/register", data=data,
                                 headers={"X-Forwarded-For": f"198.51.100.{n}"}).status_code)
    return codes


@pytest.mark.parametrize("guarded_app", [{**LOW_LIMITS, "TRUSTED_PROXIES": 1}], indirect=True)
def test_behind_a_trusted_proxy_the_forwarded_client_address_is_counted(guarded_app):
    assert sign_ups_forwarded_for(guarded_app.test_client(), 4) == [302] * 4


@pytest.mark.parametrize("guarded_app", [LOW_LIMITS], indirect=True)
def test_without_trusted_proxies_a_forged_forwarded_address_changes_nothing(guarded_app):
    assert sign_ups_forwarded_for(guarded_app.test_client(), 4)[-1] == 429
