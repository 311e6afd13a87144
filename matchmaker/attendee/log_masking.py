"""Keep private links out of logs: the access log prints every request path.

A filter on the loggers that print paths (werkzeug's and gunicorn's access logs, and the
app's own, which logs the path of a request that failed) replaces the token in
``/me/<token>`` and the calendar feed's ``/me/feed/<token>`` - also URL-encoded, as in ``?next=%2Fme%2F...`` - with ``***``.
"""

import logging
import re

from flask.sansio.app import App

TOKEN_IN_PATH = re.compile(
    r"(/|%2F)me(/|%2F)(?:feed(/|%2F))?(?!link(?:[^A-Za-z0-9_-]|$))[A-Za-z0-9_-]+", re.IGNORECASE)
PATH_LOGGERS = ("werkzeug", "gunicorn.access", "gunicorn.error")


def mask_tokens(text: str) -> str:
    return TOKEN_IN_PATH.sub(lambda m: f"{m[1]}me{m[2]}{'feed' + m[3] if m[3] else ''}***", text)


class TokenMask(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        masked = mask_tokens(message)
        if masked != message:
            record.msg, record.args = masked, ()
        return True


def install_token_mask(app: App) -> None:
    for logger in (*(logging.getLogger(name) for name in PATH_LOGGERS), app.logger):
        if not any(isinstance(existing, TokenMask) for existing in logger.filters):
            logger.addFilter(TokenMask())
