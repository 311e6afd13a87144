"""The meeting area's display screen on a TV, through the secret link an organiser made.

A missing, wrong or revoked secret is a 404, like an unknown event.
"""

from flask import Response, abort, g, make_response, render_template

from .. import clock
from ..services.schedule import display as display_service
from . import bp

REFRESH_SECONDS = 30


@bp.get("/<slug>/display/<secret>")
def display(secret: str) -> Response:
    if not display_service.display_allowed(g.event, secret):
        abort(404)
    response = make_response(render_template(
        "public/display.html", event=g.event, refresh=REFRESH_SECONDS,
        board=display_service.display_board(g.event, clock.venue_now())))
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Robots-Tag"] = "noindex"
    return response
