"""Organiser log-in and log-out."""

from flask import Blueprint

bp = Blueprint("auth", __name__, url_prefix="/organiser")

from . import routes  # noqa: E402,F401
