"""Webhooks in the app: after a commit that wrote deliveries, a worker is asked to send
them (``jobs/webhooks.py``). Kept out of ``jobs`` so that building the app does not load
the queue library; the queue is built on first use."""

import logging

from flask import Flask, current_app

from .services.webhooks import outbox

logger = logging.getLogger(__name__)


def init_app(app: Flask) -> None:
    outbox.install(queue_sending)


def queue_sending() -> None:
    """After a commit: ask a worker to send. Never fails the request that committed."""
    from .jobs.queue import job_queue

    try:
        job_queue(current_app._get_current_object()).send_webhooks()  # type: ignore[attr-defined]
    except Exception:  # the deliveries are stored; the next run of the task sends them
        logger.exception("could not queue the sending of webhooks")
