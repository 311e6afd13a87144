"""A web worker killed in the middle of sign-ups loses no acknowledged registration, and
the server recovers by itself (gunicorn starts a new worker)."""

import os
import secrets
import signal
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from http.client import HTTPException
from http.cookiejar import CookieJar
from pathlib import Path
from urllib.error import URLError
from urllib.parse import urlencode, urlsplit
from urllib.request import HTTPCookieProcessor, build_opener

import pytest
from sqlalchemy import func, select

from matchmaker.extensions import db
from matchmaker.models import Attendee
from tests.support.factories import CSRF_FIELD, make_event, valid_sign_up
from tests.support.postgres import free_port
from tests.test_demo import wait_for_page

pytestmark = pytest.mark.both_databases

PEOPLE = 40
REGISTER = "/go-cluster-2027/register"


def server_env(database_url: str, instance) -> dict[str, str]:
    return {**{k: v for k, v in os.environ.items() if not k.startswith("MATCHMAKER_")},
            "DATABASE_URL": database_url, "MATCHMAKER_INSTANCE_PATH": str(instance),
            "MATCHMAKER_SECRET_KEY": secrets.token_hex(32),
            "MATCHMAKER_PUBLIC_BASE_URL": "http://127.0.0.1",
            "MATCHMAKER_ORGANISER_ADDRESS": "Teststraße 1, 10115 Berlin",
            "MATCHMAKER_RATELIMIT_ENABLED": "false", "MATCHMAKER_BOT_MIN_FILL_SECONDS": "0"}


def sign_up(base_url: str, email: str) -> bool:
    """True when the server acknowledged the sign-up (the thank-you page)."""
    visitor = build_opener(HTTPCookieProcessor(CookieJar()))
    try:
        with visitor.open(base_url + REGISTER, timeout=30) as response:
            token = CSRF_FIELD.search(response.read().decode()).group(1)
        form = urlencode({**valid_sign_up(email=email), "csrf_token": token}, doseq=True).encode()
        with visitor.open(base_url + REGISTER, data=form, timeout=30) as response:
            return urlsplit(response.url).path == REGISTER + "/done"
    except (URLError, ConnectionError, OSError, HTTPException):
        return False  # cut off by the killed worker (also mid-answer): not acknowledged


def worker_pids(master: int) -> list[int]:
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    return [int(pid) for pid in children]


def test_killed_worker_loses_no_acknowledged_sign_up(app, database_url, tmp_path):
    make_event(capacity=PEOPLE * 2)
    db.session.commit()
    db.session.remove()
    port = free_port()
    command = [sys.executable, "-m", "gunicorn", "-w", "2", "--threads", "4", "-b",
               f"127.0.0.1:{port}", "matchmaker:create_app()"]
    base = f"http://127.0.0.1:{port}"
    with subprocess.Popen(command, env=server_env(database_url, tmp_path), stdout=subprocess.DEVNULL,
                          stderr=subprocess.DEVNULL) as server:
        try:
            wait_for_page(base + REGISTER, server=server)
            killer = threading.Timer(0.5, lambda: os.kill(worker_pids(server.pid)[0], signal.SIGKILL))
            killer.start()
            emails = [f"person{n}@example.org" for n in range(PEOPLE)]
            with ThreadPoolExecutor(max_workers=8) as pool:
                acknowledged = [e for e, ok in zip(emails, pool.map(lambda e: sign_up(base, e), emails), strict=True) if ok]
            killer.join()
            time.sleep(1)
            assert sign_up(base, "after@example.org")  # a new worker took over
        finally:
            server.terminate()
            server.wait(timeout=30)
    stored = db.session.execute(select(Attendee.email, func.count()).group_by(Attendee.email)).all()
    counts = dict(stored)
    assert all(counts.get(email) == 1 for email in acknowledged)
    assert counts.get("after@example.org") == 1
    assert len(acknowledged) >= PEOPLE // 2
