"""The end of every view that changes something through one service call."""

from collections.abc import Callable, Iterable

from flask import flash

from .. import mail
from ..extensions import db
from ..models import OutgoingMail
from ..refusals import refusal
from ..services import DomainError


def carry_out(action: Callable[[], Iterable[OutgoingMail] | None], message: str) -> bool:
    """Run ``action`` (a service call). Refused: roll back and show the refusal's text.
    Done: commit, then send the mails it composed (nothing is mailed that was not stored)
    and confirm with ``message``. Whether it was done."""
    try:
        mails = action()
    except DomainError as error:
        db.session.rollback()
        flash(refusal(error), "error")
        return False
    db.session.commit()
    mail.deliver(mails or ())
    flash(message, "success")
    return True
