"""The event's programme as everybody sees it: the sessions of the day, by time."""

from flask import g, render_template
from flask_babel import gettext as _

from ..labels import SESSION_KIND_LABELS
from ..models import ProgrammeSession
from ..services.programme.choices import Seats, seats_by_session
from ..services.programme.sessions import programme_of
from . import bp


@bp.get("/<slug>/programme")
def programme() -> str:
    return render_template("public/programme.html", event=g.event,
                           sessions=programme_of(g.event), seats=seats_by_session(g.event))


def session_choice_label(session: ProgrammeSession, seats: Seats | None) -> str:
    """A session as a checkbox of the sign-up form: time, title, type, room and its seats."""
    what = ", ".join(filter(None, [str(SESSION_KIND_LABELS[session.kind.value]), session.room]))
    label = f"{session.starts_at:%H:%M}–{session.ends_at:%H:%M} · {session.title} ({what})"
    taken, waiting = (seats.taken, seats.waiting) if seats else (0, 0)
    if session.capacity is None:
        return label
    if taken >= session.capacity or waiting:
        state = _("fully booked: waiting list")
    else:
        state = _("%(free)d of %(seats)d seats free", free=session.capacity - taken,
                  seats=session.capacity)
    return f"{label} · {state}"
