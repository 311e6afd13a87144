"""The worker's side of webhooks: one huey task sends every due delivery.

It is queued after each commit that wrote deliveries (``matchmaker.webhooks``), and
again, after failed attempts, for when the next retry is due. A delivery whose queueing
failed (the queue's storage was away) is sent by the next run of the task.
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from flask import Flask

from ..extensions import db
from ..services.webhooks.sending import SendingRules, next_due_in, send_due

if TYPE_CHECKING:  # the queue library loads where the worker or a job needs it
    from huey import Huey
    from huey.api import TaskWrapper

TASK_NAME = "matchmaker.send_webhooks"


def sending_rules(app: Flask) -> SendingRules:
    return SendingRules(timeout=float(app.config["WEBHOOK_TIMEOUT_SECONDS"]),
                        first_wait=float(app.config["WEBHOOK_RETRY_SECONDS"]),
                        give_up_after=timedelta(hours=float(app.config["WEBHOOK_RETRY_HOURS"])))


def register_task(huey: Huey, app: Flask) -> TaskWrapper:
    @huey.task(name=TASK_NAME)
    def send_webhooks() -> None:
        with app.app_context():
            try:
                report = send_due(sending_rules(app))
                wait = next_due_in() if report.retrying else None
                if wait is not None:
                    send_webhooks.schedule(delay=wait + 0.05)
            finally:
                db.session.remove()

    return send_webhooks
