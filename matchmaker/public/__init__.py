"""Public pages: the event, the sign-up form and the privacy notice."""

from flask import Blueprint

bp = Blueprint("public", __name__)

from . import routes  # noqa: E402,F401  (routes register themselves on bp)
