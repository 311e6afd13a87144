"""The event's programme as everybody sees it: the sessions of the day, by time."""

from flask import g, render_template

from ..services.programme.choices import seats_by_session
from ..services.programme.sessions import programme_of
from . import bp


@bp.get("/<slug>/programme")
def programme() -> str:
    return render_template("public/programme.html", event=g.event,
                           sessions=programme_of(g.event), seats=seats_by_session(g.event))
