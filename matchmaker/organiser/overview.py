"""The event's overview: seats, sign-ups over time, who is coming, the schedule's state."""

from flask import g, render_template

from ..services.overview import event_overview
from . import bp


@bp.get("/<slug>/")
def overview() -> str:
    return render_template("organiser/overview.html", overview=event_overview(g.event))
