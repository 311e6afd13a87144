"""Sending recorded mails: over SMTP, or into the outbox folder when no SMTP host is set.

Every message is first recorded as an ``OutgoingMail`` in the same transaction as the
change it reports (see ``services.mail.notifications``). Delivery happens after that commit and
is its own unit of work: each message's outcome (sent, or failed with the error) is
committed on its own, so a broken mail server never rolls back a registration and one bad
message does not hold up the others. ``matchmaker send-pending`` retries what failed.
"""

import logging
import os
import re
import smtplib
import ssl
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.parser import BytesHeaderParser, BytesParser
from email.utils import formatdate, make_msgid
from pathlib import Path

from flask import Flask, Response, after_this_request, current_app
from sqlalchemy import select

from .extensions import db
from .models import Attendee, Event, MailStatus, OutgoingMail, utcnow

logger = logging.getLogger(__name__)

# What a failed send raises: SMTP errors and network errors are OSErrors; an address the
# server cannot encode raises ValueError. Anything else is a bug and should be seen.
SEND_ERRORS = (OSError, ValueError)


@dataclass(frozen=True)
class DeliveryReport:
    sent: int
    failed: int


def deliver(mails: Iterable[OutgoingMail]) -> DeliveryReport:
    """Send each mail and commit its outcome; never raises for a failed send."""
    sent = failed = 0
    for mail in mails:
        if send_one(mail):
            sent += 1
        else:
            failed += 1
        db.session.commit()
    return DeliveryReport(sent=sent, failed=failed)


def deliver_after_response(mails: Sequence[OutgoingMail]) -> None:
    """Send once the response has gone out, so that how long the answer takes does not
    tell a visitor whether a mail was sent (the "send my link again" form)."""
    # current_app is a LocalProxy; Flask types it as Flask, without the proxy's methods.
    app, ids = current_app._get_current_object(), [mail.id for mail in mails]  # type: ignore[attr-defined]

    @after_this_request
    def send_on_close(response: Response) -> Response:
        response.call_on_close(lambda: deliver_in_new_context(app, ids))
        return response


def deliver_in_new_context(app: Flask, ids: Sequence[int]) -> None:
    with app.app_context():
        deliver([db.session.get_one(OutgoingMail, mail_id) for mail_id in ids])
        db.session.remove()


def compose_after_response(compose: Callable[..., Sequence[OutgoingMail]], *args: object) -> None:
    """Call ``compose(*args)`` once the response has gone out, commit, and send what it
    composed. Whatever decides whether there is a mail at all (is this address
    registered?) then costs the answer nothing: the request does the same work either
    way. ``args`` are plain values (ids, text): the request's session is gone by then."""
    # current_app is a LocalProxy; Flask types it as Flask, without the proxy's methods.
    app = current_app._get_current_object()  # type: ignore[attr-defined]

    @after_this_request
    def compose_on_close(response: Response) -> Response:
        response.call_on_close(lambda: compose_in_new_context(app, compose, args))
        return response


def compose_in_new_context(app: Flask, compose: Callable[..., Sequence[OutgoingMail]],
                           args: tuple[object, ...]) -> None:
    with app.app_context():
        try:
            mails = compose(*args)
            db.session.commit()
            deliver(mails)
        finally:
            db.session.remove()


def send_pending() -> DeliveryReport:
    """Retry every unsent message that has attempts left, oldest first."""
    mails = db.session.scalars(
        select(OutgoingMail)
        .where(OutgoingMail.status != MailStatus.SENT,
               OutgoingMail.attempts < current_app.config["MAIL_MAX_ATTEMPTS"])
        .order_by(OutgoingMail.id)
    ).all()
    return deliver(mails)


def send_one(mail: OutgoingMail) -> bool:
    """Build the message, end the transaction, then talk to the server: no database lock
    (on SQLite every transaction holds the write lock) is held while the server answers."""
    mail_id, kind = mail.id, mail.kind
    message = build_message(mail, sender_name(mail))
    db.session.commit()
    try:
        transmit(mail_id, kind, message)
    except SEND_ERRORS as error:
        mail.attempts += 1
        mail.status = MailStatus.FAILED
        mail.last_error = f"{type(error).__name__}: {error}"[:2000]
        # The details (which may name the address) stay in the database, not in the log.
        logger.warning("mail %s (%s) failed: %s", mail.id, mail.kind, type(error).__name__)
        return False
    mail.attempts += 1
    mail.status = MailStatus.SENT
    mail.sent_at = utcnow()
    mail.last_error = None
    return True


def sender_name(mail: OutgoingMail) -> str:
    """``MAIL_SENDER_NAME``, or the title of the attendee's event as it is now."""
    configured = current_app.config["MAIL_SENDER_NAME"]
    if configured:
        return configured
    title = db.session.scalar(
        select(Event.title).join(Attendee, Attendee.event_id == Event.id)
        .where(Attendee.id == mail.attendee_id)
    )
    return title or "matchmaker"


def build_message(mail: OutgoingMail, from_name: str) -> EmailMessage:
    """A multipart/alternative message: plain text first, HTML as the richer part."""
    config = current_app.config
    username, _, domain = config["MAIL_SENDER_ADDRESS"].partition("@")
    message = EmailMessage(policy=policy.SMTP)
    message["Subject"] = mail.subject
    message["From"] = Address(display_name=from_name, username=username, domain=domain)
    message["To"] = mail.recipient
    message["Date"] = formatdate()
    message["Message-ID"] = make_msgid(domain=domain or None)
    message["Auto-Submitted"] = "auto-generated"
    message.set_content(mail.body_text)
    message.add_alternative(mail.body_html, subtype="html")
    message["Content-Language"] = mail.language  # after the body: set_content clears Content-*
    return message


def transmit(mail_id: int, kind: str, message: EmailMessage) -> None:
    config = current_app.config
    if config["MAIL_SMTP_HOST"]:
        send_over_smtp(message)
        logger.info("mail %s (%s) sent over SMTP", mail_id, kind)
    else:
        path = write_to_outbox(mail_id, kind, message)
        logger.info("mail %s (%s) written to %s", mail_id, kind, path)


def send_over_smtp(message: EmailMessage) -> None:
    config = current_app.config
    security = str(config["MAIL_SMTP_SECURITY"]).lower()
    host, port, timeout = config["MAIL_SMTP_HOST"], config["MAIL_SMTP_PORT"], config["MAIL_SMTP_TIMEOUT"]
    # The system's trusted CAs, or MAIL_SMTP_CA_FILE for a mail relay with a private CA.
    context = ssl.create_default_context(cafile=config["MAIL_SMTP_CA_FILE"])
    if security == "ssl":
        connection: smtplib.SMTP = smtplib.SMTP_SSL(host, port, timeout=timeout, context=context)
    else:
        connection = smtplib.SMTP(host, port, timeout=timeout)
    with connection:
        if security == "starttls":
            connection.starttls(context=context)
        if config["MAIL_SMTP_USER"]:
            connection.login(config["MAIL_SMTP_USER"], config.get("MAIL_SMTP_PASSWORD") or "")
        connection.send_message(message)


def outbox_dir() -> Path:
    return Path(current_app.config["MAIL_OUTBOX_DIR"])


def write_to_outbox(mail_id: int, kind: str, message: EmailMessage) -> Path:
    """One ``.eml`` file per message, readable only by the app (it holds private links)."""
    folder = outbox_dir()
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    folder.chmod(0o700)
    path = folder / f"{utcnow():%Y%m%d-%H%M%S}-{mail_id:06d}-{kind}.eml"
    # Written aside and renamed: whoever reads the outbox (the outbox page, a test, a
    # person) never sees a mail half written.
    part = path.with_name(path.name + ".part")
    part.touch(mode=0o600)
    part.write_bytes(as_sent(message))
    os.replace(part, path)
    return path


def as_sent(message: EmailMessage) -> bytes:
    """The bytes as ``smtplib`` sends them: an address with non-ASCII letters
    ("friederike.weiß@…") goes out with SMTPUTF8 and raw UTF-8 headers, never as an
    encoded word, which would name another mailbox."""
    if str(message.get("To", "")).isascii():
        return message.as_bytes()
    # An EmailMessage's policy is an EmailPolicy, which has utf8 (typeshed says the base Policy).
    return message.as_bytes(policy=message.policy.clone(utf8=True))  # type: ignore[call-arg]


def forget_outbox_files(addresses: Sequence[str]) -> int:
    """Delete the outbox copies of every message to these addresses (erasure, purge).

    Matched on the ``To`` header rather than on mail ids, which a rebuilt database reuses.
    """
    folder, wanted = outbox_dir(), {address.lower() for address in addresses}
    if not wanted or not folder.is_dir():
        return 0
    removed = 0
    parser = BytesHeaderParser(policy=policy.default)
    for path in folder.glob("*.eml"):
        with path.open("rb") as handle:
            recipient = str(parser.parse(handle).get("To", "")).lower()
        if recipient in wanted:
            path.unlink(missing_ok=True)
            removed += 1
    return removed


OUTBOX_FILE = re.compile(r"[\w.-]+\.eml")
LINK = re.compile(r"https?://[^\s<>\"']+")


@dataclass(frozen=True)
class OutboxEntry:
    name: str
    recipient: str
    subject: str
    date: str


@dataclass(frozen=True)
class OutboxMessage:
    entry: OutboxEntry
    text: str
    html: str
    links: list[str]


def outbox_viewable() -> bool:
    """The outbox is shown in the browser only where mail is not really sent: in the demo
    or in debug mode, never in production."""
    config = current_app.config
    return not config["MAIL_SMTP_HOST"] and bool(config.get("DEMO") or current_app.debug)


def outbox_entries(limit: int = 200) -> list[OutboxEntry]:
    """The newest messages of the outbox folder first."""
    folder = outbox_dir()
    paths = sorted(folder.glob("*.eml"), reverse=True)[:limit] if folder.is_dir() else []
    return [entry_of(path.name, read_message(path)) for path in paths]


def outbox_message(name: str) -> OutboxMessage | None:
    if not OUTBOX_FILE.fullmatch(name) or not (outbox_dir() / name).is_file():
        return None
    message = read_message(outbox_dir() / name)
    text = part_of(message, "plain")
    return OutboxMessage(entry=entry_of(name, message), text=text, html=part_of(message, "html"),
                         links=list(dict.fromkeys(LINK.findall(text))))


def read_message(path: Path) -> EmailMessage:
    with path.open("rb") as handle:
        return BytesParser(policy=policy.default).parse(handle)  # type: ignore[return-value]


def entry_of(name: str, message: EmailMessage) -> OutboxEntry:
    return OutboxEntry(name=name, recipient=str(message.get("To", "")),
                       subject=str(message.get("Subject", "")), date=str(message.get("Date", "")))


def part_of(message: EmailMessage, subtype: str) -> str:
    part = message.get_body(preferencelist=(subtype,))
    return part.get_content() if part is not None else ""
