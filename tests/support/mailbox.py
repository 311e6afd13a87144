"""Reading sent mail in tests: the parts of a message and the private link in it."""

import re
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from urllib.parse import urlsplit

LINK = re.compile(r"https?://\S+/me/[A-Za-z0-9_-]+")


def text_part(message: EmailMessage) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


def html_part(message: EmailMessage) -> str:
    return message.get_body(preferencelist=("html",)).get_content()


def private_link(message: EmailMessage) -> str:
    """The path of the private link in the plain-text part, e.g. ``/me/<token>``."""
    match = LINK.search(text_part(message))
    assert match, "no private link in the message"
    return urlsplit(match.group(0)).path


def outbox_messages(folder: Path) -> list[EmailMessage]:
    """The ``.eml`` files of the outbox, oldest first."""
    return [message_from_bytes(path.read_bytes(), policy=policy.default)
            for path in sorted(folder.glob("*.eml"))]
