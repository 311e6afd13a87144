"""``matchmaker worker``: run the background jobs (matchmaking, printing, bulk mail)."""

import logging
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import click
from flask import Flask, current_app

from ..extensions import db
from ..jobs.queue import job_queue
from .public import reaches_public

if TYPE_CHECKING:
    from huey import Huey


@click.command("worker")
@click.option("--workers", default=2, show_default=True, type=click.IntRange(1, 64),
              help="Jobs run at the same time.")
@click.option("--worker-type", type=click.Choice(["thread", "process"]), default="thread",
              show_default=True,
              help="process: jobs use several cores at once (matchmaking is CPU-bound).")
@reaches_public  # jobs mail and print links
def worker_command(workers: int, worker_type: str) -> None:
    """Run queued background jobs until stopped (Ctrl-C or SIGTERM finish the current ones).

    Start it next to the web server, on as many hosts as you like when JOBS_STORAGE is a
    Redis or PostgreSQL URL; with the default SQLite queue, on the web server's host."""
    # current_app is a LocalProxy; Flask types it as Flask, without the proxy's methods.
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    huey = job_queue(app).huey
    if huey.immediate:
        raise click.ClickException("JOBS_STORAGE is 'immediate': jobs run inside the web "
                                   "request, there is nothing for a worker to do")
    require_reachable_queue(huey, str(app.config["JOBS_STORAGE"]))
    if worker_type == "process":
        huey.on_startup()(lambda: forget_inherited_connections(app))
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    click.echo(f"Worker with {workers} {worker_type}(s) on {app.config['JOBS_STORAGE']} "
               f"storage; stop with Ctrl-C.")
    # An idle worker looks at the SQLite queue at least once a second (huey's default
    # backs off to 10 s, which an organiser would notice after a click).
    huey.create_consumer(workers=workers, worker_type=worker_type, periodic=False,
                         max_delay=1.0).run()


def forget_inherited_connections(app: Flask) -> None:
    """In a forked worker: open new database connections instead of sharing the parent's."""
    with app.app_context():
        db.engine.dispose(close=False)


def require_reachable_queue(huey: "Huey", storage: str) -> None:
    """A Redis queue that does not answer stops the worker in one line that names it
    (huey would otherwise log a traceback a second for ever)."""
    ping = getattr(getattr(huey.storage, "conn", None), "ping", None)
    if ping is None:  # SQLite and PostgreSQL queues: their errors name the database already
        return
    try:
        ping()
    except Exception as error:  # redis' ConnectionError, TimeoutError, AuthenticationError
        raise click.ClickException(
            f"cannot reach the job queue at {server_address(storage)} ({error}); start Redis "
            "or correct JOBS_STORAGE, then start the worker again") from None


def server_address(url: str) -> str:
    """``redis://host:port/db`` without a password, for messages."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.hostname or ''}:{parts.port or 6379}{parts.path}"
