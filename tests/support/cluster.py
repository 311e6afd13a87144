"""The app on several hosts, run for real on loopback: Redis, PostgreSQL, two gunicorn
nodes with the same settings and ``matchmaker worker`` as a third process.

``tests/test_two_nodes.py`` and ``bench/cluster.py`` both start it with ``running_cluster``;
the caller brings the PostgreSQL server (the tests' session cluster, or its own).
"""

import json
import os
import re
import secrets
import signal
import subprocess  # nosec B404  # starts gunicorn and the worker of this project
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.client import HTTPException
from http.cookiejar import CookieJar
from pathlib import Path
from typing import Any
from urllib.error import HTTPError, URLError
from urllib.parse import urlencode, urlsplit
from urllib.request import HTTPCookieProcessor, OpenerDirector, Request, build_opener

from tests.support.postgres import create_database, free_port
from tests.support.redis_server import RedisServer

PROJECT = Path(__file__).resolve().parents[2]
CSRF_FIELD = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')
ORGANISER = ("team@example.org", "richtig-geheim")
MAIN_EVENT = "go-cluster-2027"
DASHBOARD = f"/organiser/{MAIN_EVENT}"
# Settings of every process: the shared stores, cheap password hashes, no bot wait, and a
# proxy in front (X-Forwarded-For names the client: tests play several clients).
LOGIN_LIMIT = 4


def cluster_settings(database_url: str, redis_url: str, instance: Path) -> dict[str, str]:
    return {
        "DATABASE_URL": database_url, "MATCHMAKER_INSTANCE_PATH": str(instance),
        "MATCHMAKER_SECRET_KEY": secrets.token_hex(32),
        "MATCHMAKER_PUBLIC_BASE_URL": "http://127.0.0.1",
        "MATCHMAKER_ORGANISER_ADDRESS": "Teststraße 1, 10115 Berlin",
        "MATCHMAKER_JOBS_STORAGE": redis_url, "MATCHMAKER_RATELIMIT_STORAGE_URI": redis_url,
        "MATCHMAKER_RATELIMIT_LOGIN": f"{LOGIN_LIMIT} per minute",
        # Sign-ups are limited in the database per client; the load comes from one address.
        "MATCHMAKER_RATELIMIT_SIGN_UP": "100000 per minute",
        "MATCHMAKER_MAIL_LIMIT_PER_CLIENT": "100000 per hour",
        "MATCHMAKER_TRUSTED_PROXIES": "1", "MATCHMAKER_BOT_MIN_FILL_SECONDS": "0",
        "MATCHMAKER_PASSWORD_HASH_TIME_COST": "1", "MATCHMAKER_PASSWORD_HASH_MEMORY_KIB": "256",
        "MATCHMAKER_JOBS_HEARTBEAT_SECONDS": "1",
    }


def process_env(settings: dict[str, str]) -> dict[str, str]:
    inherited = {k: v for k, v in os.environ.items() if not k.startswith("MATCHMAKER_") and k != "DATABASE_URL"}
    return {**inherited, **settings}


@dataclass
class Node:
    """One app host: gunicorn on its own port, in its own process group."""

    port: int
    env: dict[str, str]
    workers: int = 1
    process: subprocess.Popen | None = field(default=None, repr=False)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        self.launch()
        self.wait_until_answering()

    def launch(self) -> None:
        command = [sys.executable, "-m", "gunicorn", "-w", str(self.workers), "--threads", "4",
                   "-b", f"127.0.0.1:{self.port}", "--log-level", "warning", "matchmaker:create_app()"]
        self.process = subprocess.Popen(command, env=self.env, cwd=PROJECT, start_new_session=True,  # nosec B603
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def wait_until_answering(self) -> None:
        assert self.process is not None
        wait_until_answering(self.url + "/organiser/login", self.process)

    def kill(self) -> None:
        """SIGKILL to gunicorn and its workers at once, as a host that dies."""
        if self.process is not None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)
            self.process = None

    def stop(self) -> None:
        """gunicorn's quick shutdown (SIGQUIT): a graceful one waits seconds for idle
        keep-alive connections, and nothing is in flight when a run ends."""
        if self.process is not None:
            self.process.send_signal(signal.SIGQUIT)
            self.process.wait(timeout=30)
            self.process = None


def wait_until_answering(url: str, process: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            build_opener().open(url, timeout=5).read()
            return
        except OSError as error:
            if process.poll() is not None:
                raise RuntimeError(f"{url}: the server exited with {process.returncode}") from error
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


@dataclass
class Cluster:
    redis: RedisServer
    database_url: str
    instance: Path
    nodes: list[Node]
    worker: subprocess.Popen

    def app(self) -> Any:
        """An app on the cluster's database, for reading what was stored."""
        from matchmaker import create_app

        return create_app(seeding_config(self.database_url, self.instance))


def seeding_config(database_url: str, instance: Path) -> dict[str, Any]:
    return {"TESTING": True, "SQLALCHEMY_DATABASE_URI": database_url.replace("postgresql://", "postgresql+psycopg://"),
            "SECRET_KEY": "seeding", "PUBLIC_BASE_URL": "http://127.0.0.1", "JOBS_STORAGE": "immediate",
            "MAIL_OUTBOX_DIR": str(instance / "outbox"), "PASSWORD_HASH_TIME_COST": 1,
            "PASSWORD_HASH_MEMORY_KIB": 256}


def prepare_database(database_url: str, instance: Path, attendees: int) -> None:
    """Migrate, then an administrator and the main event with confirmed attendees, in
    this process (what ``matchmaker db upgrade`` and an import would do)."""
    from flask_migrate import upgrade

    from matchmaker import create_app
    from matchmaker.extensions import db
    from matchmaker.services.attendees.imports import import_attendees
    from matchmaker.synthetic import generate_attendees
    from tests.support.factories import add_organiser, make_event

    app = create_app(seeding_config(database_url, instance))
    with app.app_context():
        upgrade()
        event = make_event(capacity=1000, slug=MAIN_EVENT)
        import_attendees(event, generate_attendees(attendees, seed=5, slots=10), "test", confirmed=True)
        add_organiser(*ORGANISER)
        db.session.commit()
        db.session.remove()
        db.engine.dispose()


@contextmanager
def running_cluster(redis: RedisServer, postgres_base_url: str, folder: Path,
                    attendees: int = 20, node_workers: int = 1) -> Iterator[Cluster]:
    """Two nodes and a worker on a fresh database of ``postgres_base_url``'s server."""
    database_url = create_database(postgres_base_url, f"cluster_{secrets.token_hex(4)}")
    instance = folder / "instance"
    instance.mkdir(parents=True, exist_ok=True)
    prepare_database(database_url, instance, attendees)
    env = process_env(cluster_settings(database_url, redis.url, instance))
    nodes = [Node(free_port(), env, node_workers) for _ in range(2)]
    worker = None
    try:
        for node in nodes:  # started side by side: each spends seconds importing the app
            node.launch()
        log_path = folder / "worker.log"
        with open(log_path, "w") as log:  # the worker keeps its own copy
            worker = subprocess.Popen([sys.executable, "-m", "matchmaker", "worker", "--workers", "1"],  # nosec B603
                                      env=env, cwd=PROJECT, stdout=log, stderr=subprocess.STDOUT)
        for node in nodes:
            node.wait_until_answering()
        wait_until_working(worker, log_path)
        yield Cluster(redis, database_url, instance, nodes, worker)
    finally:
        stop_together(worker, nodes)


def wait_until_working(worker: subprocess.Popen, log_path: Path, seconds: float = 60) -> None:
    """Until the worker has reached the queue and says so: it checks Redis once at its
    start and exits if it is away, so a test that stops Redis must not begin before."""
    deadline = time.monotonic() + seconds
    while "Worker with" not in log_path.read_text():
        if worker.poll() is not None:
            raise RuntimeError(f"the worker exited with {worker.returncode}: {log_path.read_text()}")
        if time.monotonic() > deadline:
            raise RuntimeError(f"the worker did not start in {seconds} s: {log_path.read_text()}")
        time.sleep(0.05)


def stop_together(worker: subprocess.Popen | None, nodes: list[Node]) -> None:
    """Signal every process first, then wait: each takes seconds to wind down."""
    running = [node.process for node in nodes if node.process is not None]
    for process in running:
        process.send_signal(signal.SIGQUIT)  # gunicorn's quick shutdown
    if worker is not None:
        worker.terminate()
        running.append(worker)
    for process in running:
        process.wait(timeout=30)
    for node in nodes:
        node.process = None


class Client:
    """A browser-like client of the cluster: its own cookies, its address (sent as
    X-Forwarded-For, as the proxy in front would), any node per request."""

    def __init__(self, address: str = "127.0.0.1") -> None:
        self.address = address
        self.opener: OpenerDirector = build_opener(HTTPCookieProcessor(CookieJar()))

    def get(self, url: str, timeout: float = 30) -> tuple[int, str, str]:
        return self.send(Request(url), timeout)

    def post(self, url: str, form: dict[str, Any], token_from: str | None = None,
             timeout: float = 30) -> tuple[int, str, str]:
        """Post ``form`` with the CSRF token of the page at ``token_from`` (default: ``url``)."""
        status, page, _ = self.get(token_from or url, timeout)
        match = CSRF_FIELD.search(page)
        assert match, f"no form on {token_from or url} ({status})"
        body = urlencode({**form, "csrf_token": match.group(1)}, doseq=True).encode()
        return self.send(Request(url, data=body), timeout)

    def send(self, request: Request, timeout: float) -> tuple[int, str, str]:
        """Status, page and final path (after redirects)."""
        request.add_header("X-Forwarded-For", self.address)
        try:
            with self.opener.open(request, timeout=timeout) as response:  # nosec B310  # loopback http
                return response.status, response.read().decode(), urlsplit(response.url).path
        except HTTPError as error:
            return error.code, error.read().decode(), urlsplit(error.url or "").path


def sign_up(base_url: str, slug: str, email: str) -> bool:
    """True when the node acknowledged the sign-up (its thank-you page)."""
    from tests.support.factories import valid_sign_up

    register = f"{base_url}/{slug}/register"
    try:
        status, _, path = Client().post(register, valid_sign_up(email=email))
    except (URLError, ConnectionError, OSError, HTTPException):
        return False  # cut off (a killed node, also mid-answer): not acknowledged
    return status == 200 and path == f"/{slug}/register/done"


def node_urls(cluster: Cluster) -> list[str]:
    return [node.url for node in cluster.nodes]


def logged_in(node_url: str, address: str) -> Client:
    organiser = Client(address)
    organiser.post(node_url + "/organiser/login", {"email": ORGANISER[0], "password": ORGANISER[1]})
    return organiser


def add_event(cluster: Cluster, slug: str, capacity: int) -> None:
    from matchmaker.extensions import db
    from tests.support.factories import make_event

    with cluster.app().app_context():
        make_event(capacity=capacity, slug=slug, title=slug)
        db.session.commit()


def stored(cluster: Cluster, slug: str) -> dict[str, tuple[int, str]]:
    """Per e-mail address of the event: how often it is stored, and its status."""
    from sqlalchemy import func, select

    from matchmaker.extensions import db
    from matchmaker.models import Attendee, Event

    with cluster.app().app_context():
        rows = db.session.execute(
            select(Attendee.email, func.count(), func.min(Attendee.status)).join(Event)
            .where(Event.slug == slug).group_by(Attendee.email)).all()
        db.session.remove()
        db.engine.dispose()
    return {email: (count, status) for email, count, status in rows}


def latest_job_id(cluster: Cluster) -> int:
    from sqlalchemy import func, select

    from matchmaker.extensions import db
    from matchmaker.models import Job

    with cluster.app().app_context():
        job_id = db.session.scalar(select(func.max(Job.id)))
        db.engine.dispose()
    assert job_id is not None
    return job_id


def run_matchmaking(organiser: Client, node_url: str) -> str:
    """Start the matchmaking on ``node_url``; the page the organiser is sent back to."""
    _, page, _ = organiser.post(node_url + DASHBOARD + "/schedule/run",
                                {"policy": "balanced", "without_unconfirmed": "y"},
                                token_from=node_url + DASHBOARD + "/schedule")
    return page


QUEUE_AWAY = "nicht erreichbar"  # the refusal of a job start while Redis is away


def start_once_accepted(organiser: Client, node_url: str, seconds: float = 60) -> float:
    """Start the matchmaking on ``node_url`` again and again until it is no longer refused
    for an unreachable queue; the seconds that took."""
    started = time.perf_counter()
    while QUEUE_AWAY in run_matchmaking(organiser, node_url):
        assert time.perf_counter() - started < seconds, "job starts still refused"
        time.sleep(0.05)
    return time.perf_counter() - started


def finished_job(organiser: Client, node_url: str, job_id: int, seconds: float = 60) -> dict:
    """The job's status as the page polls it on ``node_url``, once finished."""
    deadline = time.monotonic() + seconds
    while True:
        status, body, _ = organiser.get(f"{node_url}{DASHBOARD}/schedule/jobs/{job_id}")
        view = json.loads(body)
        if view["finished"]:
            return view
        assert time.monotonic() < deadline, f"job {job_id}: {view}"
        time.sleep(0.1)
