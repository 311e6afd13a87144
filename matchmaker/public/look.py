"""The event's look on the web: its stylesheet (the accent colour) and its logo.

Both addresses carry a version (``?v=``) that changes with the look, so browsers may keep
them for a year. The strict Content-Security-Policy forbids inline styles: the colour
comes as a stylesheet of its own. An SVG logo is served with a policy that lets it run
nothing and load nothing, even when opened on its own.
"""

from flask import abort, g
from werkzeug.wrappers import Response as BaseResponse

from ..services.events.look import logo_of, look_of
from . import bp

YEAR = 365 * 24 * 3600
LOGO_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox"


@bp.get("/<slug>/look.css")
def event_look() -> BaseResponse:
    look = look_of(g.event)
    body = f":root {{ --accent: {look.accent}; --accent-dark: {look.accent_dark}; }}\n" if look.accent else ""
    response = BaseResponse(body, mimetype="text/css")
    response.cache_control.public, response.cache_control.max_age = True, YEAR
    return response


@bp.get("/<slug>/logo")
def event_logo() -> BaseResponse:
    logo = logo_of(g.event)
    if logo is None:
        abort(404)
    data, media_type = logo
    response = BaseResponse(data, mimetype=media_type)
    response.headers["Content-Security-Policy"] = LOGO_POLICY
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.cache_control.public, response.cache_control.max_age = True, YEAR
    return response
