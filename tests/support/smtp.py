"""A real SMTP server on loopback (aiosmtpd) that keeps what it receives."""

import ssl
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from tests.support.postgres import free_port


@dataclass(frozen=True)
class Received:
    sender: str
    recipients: list[str]
    message: EmailMessage
    user: str | None


@dataclass
class Recorder:
    """aiosmtpd handler: accepts every message and records it."""

    received: list[Received] = field(default_factory=list)

    async def handle_DATA(self, server, session, envelope) -> str:
        message = message_from_bytes(envelope.content, policy=policy.default)
        self.received.append(Received(envelope.mail_from, list(envelope.rcpt_tos), message,
                                      session.auth_data))
        return "250 Message accepted for delivery"


@dataclass(frozen=True)
class SmtpServer:
    host: str
    port: int
    received: list[Received]


def password_check(user: str, password: str):
    """An aiosmtpd authenticator that accepts exactly one user and password."""

    def check(server, session, envelope, mechanism, secret) -> AuthResult:
        valid = isinstance(secret, LoginPassword) and secret == LoginPassword(
            user.encode(), password.encode())
        return AuthResult(success=valid, handled=False, auth_data=user if valid else None)

    return check


@contextmanager
def smtp_server(
    login: tuple[str, str] | None = None, tls: str | None = None, certificate: Any = None
) -> Iterator[SmtpServer]:
    """A server on a free loopback port; with ``login``, it offers AUTH (over plain SMTP:
    this is loopback) and accepts only that user and password. ``Received.user`` says
    who logged in before sending. With ``tls`` and a ``certificate`` (a trustme leaf
    certificate) it speaks STARTTLS or implicit TLS."""
    recorder = Recorder()
    options = {"auth_require_tls": False, "authenticator": password_check(*login),
               } if login else {}
    if tls:  # "starttls" (required before any mail) or "ssl" (TLS from the first byte)
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        certificate.configure_cert(context)
        options.update({"tls_context": context, "require_starttls": True} if tls == "starttls"
                    else {"ssl_context": context})
    options["enable_SMTPUTF8"] = True  # as Postfix and Exim offer: addresses like "weiß@…"
    controller = started_controller(recorder, options)
    try:
        yield SmtpServer(controller.hostname, controller.port, recorder.received)
    finally:
        controller.stop()


def started_controller(handler: Any, options: dict, attempts: int = 5) -> Controller:
    """A started server on a free port, tried again on another port should a parallel
    test worker take the first one before it binds."""
    for attempt in range(attempts):
        controller = Controller(handler, hostname="127.0.0.1", port=free_port(), **options)
        try:
            controller.start()
            return controller
        except (OSError, RuntimeError):
            if attempt == attempts - 1:
                raise
    raise AssertionError("unreachable")


@pytest.fixture
def smtp(app: Any) -> Iterator[SmtpServer]:
    """The app sends over SMTP to a real server on loopback (no TLS, no login)."""
    with smtp_server() as server:
        app.config.update(MAIL_SMTP_HOST=server.host, MAIL_SMTP_PORT=server.port,
                          MAIL_SMTP_SECURITY="none")
        yield server
