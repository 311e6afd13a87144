"""A repeated sign-up looks and times like a new one: same pages, mail after the response."""

import socket
import threading
import time

import pytest

from tests.support.factories import csrf_token, valid_sign_up

pytestmark = pytest.mark.both_databases


def event_page(client) -> str:
    return client.get("/go-cluster-2027/").get_data(as_text=True)


def test_event_page_after_a_repeated_sign_up_equals_the_page_after_a_new_one(client, event):
    from tests.support.factories import submit_sign_up
    submit_sign_up(client)
    before = event_page(client)
    submit_sign_up(client)
    after_repeat = event_page(client)
    submit_sign_up(client, email="anna@example.org")
    assert after_repeat == before == event_page(client)


@pytest.fixture
def silent_smtp(app):
    """A mail server that accepts the connection and never answers: a send takes seconds."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    accepted: list[socket.socket] = []
    threading.Thread(target=lambda: [accepted.append(server.accept()[0]) for _ in range(16)],
                     daemon=True).start()
    app.config.update(MAIL_SMTP_HOST="127.0.0.1", MAIL_SMTP_PORT=server.getsockname()[1],
                      MAIL_SMTP_SECURITY="none", MAIL_SMTP_TIMEOUT=2)
    yield
    for connection in accepted:
        connection.close()
    server.close()


def seconds_to_answer(client, email: str) -> float:
    data = {**valid_sign_up(email=email), "csrf_token": csrf_token(client, "/go-cluster-2027/register")}
    started = time.monotonic()
    response = client.post("/go-cluster-2027/register", data=data, buffered=False)
    elapsed = time.monotonic() - started
    response.close()  # now the mail is sent, after the answer
    assert response.status_code == 302
    return elapsed


def test_new_and_repeated_sign_up_answer_before_the_mail_is_sent(client, event, silent_smtp):
    assert seconds_to_answer(client, "anna@example.org") < 1
    assert seconds_to_answer(client, "anna@example.org") < 1
