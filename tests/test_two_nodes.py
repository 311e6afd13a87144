"""The app on several hosts, run for real: Redis, PostgreSQL, two gunicorn nodes with the
same settings and ``matchmaker worker`` as a third process, all on loopback
(``tests/support/cluster.py``; ``bench/cluster.py`` measures the same set-up).

One cluster serves the whole module (it runs once, on PostgreSQL: the database of several
hosts); the tests that stop a piece start it again before they end."""

import subprocess
import sys
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from itertools import cycle

import pytest
from sqlalchemy import func, select

from matchmaker import create_app
from matchmaker.extensions import db
from matchmaker.jobs import start_job
from matchmaker.models import AttendeeStatus, Job
from matchmaker.services import DomainError
from tests.conftest import app_config
from tests.support.cluster import (
    DASHBOARD,
    LOGIN_LIMIT,
    ORGANISER,
    PROJECT,
    QUEUE_AWAY,
    Client,
    Cluster,
    add_event,
    cluster_settings,
    finished_job,
    latest_job_id,
    logged_in,
    node_urls,
    process_env,
    run_matchmaking,
    running_cluster,
    sign_up,
    start_once_accepted,
    stored,
)
from tests.support.factories import post_form
from tests.support.postgres import free_port

pytestmark = [pytest.mark.postgres, pytest.mark.xdist_group("two_nodes")]


@pytest.fixture(scope="module")
def cluster(redis, postgres_url, tmp_path_factory) -> Iterator[Cluster]:
    base_url = postgres_url.rsplit("/", 1)[0]
    with running_cluster(redis, base_url, tmp_path_factory.mktemp("cluster"), attendees=8) as running:
        yield running


def test_client_switching_nodes_is_limited_once_not_per_node(cluster):
    client = Client("10.1.0.1")
    nodes = cycle(node_urls(cluster))
    statuses = [client.post(next(nodes) + "/organiser/login",
                            {"email": f"nobody{n}@example.org", "password": "falsch"})[0]
                for n in range(LOGIN_LIMIT + 2)]
    assert 429 not in statuses[:LOGIN_LIMIT] and statuses[LOGIN_LIMIT:] == [429, 429]


def test_organiser_logged_in_on_node_a_stays_logged_in_on_node_b(cluster):
    node_a, node_b = node_urls(cluster)
    organiser = logged_in(node_a, "10.1.0.2")
    status, _, path = organiser.get(node_b + DASHBOARD + "/")
    assert (status, path) == (200, DASHBOARD + "/")


def test_job_started_on_node_a_runs_on_the_worker_and_shows_on_node_b(cluster):
    node_a, node_b = node_urls(cluster)
    organiser = logged_in(node_a, "10.1.0.3")
    run_matchmaking(organiser, node_a)
    view = finished_job(organiser, node_b, latest_job_id(cluster))
    assert (view["status"], view["percent"]) == ("done", 100) and view["result"]["quality"]["meetings"] > 0


def test_capacity_stays_exact_with_sign_ups_spread_over_both_nodes(cluster):
    add_event(cluster, "kapazitaet-2027", capacity=8)
    emails = [f"seat{n}@example.org" for n in range(16)]
    targets = [node_urls(cluster)[n % 2] for n in range(16)]
    with ThreadPoolExecutor(max_workers=8) as pool:
        acknowledged = list(pool.map(lambda t, e: sign_up(t, "kapazitaet-2027", e), targets, emails))
    statuses = [status for _, status in stored(cluster, "kapazitaet-2027").values()]
    assert all(acknowledged)
    assert (statuses.count(AttendeeStatus.REGISTERED), statuses.count(AttendeeStatus.WAITLISTED)) == (8, 8)


def test_killed_node_loses_no_acknowledged_sign_up_while_the_other_answers(cluster):
    add_event(cluster, "ausfall-2027", capacity=500)
    node_a, node_b = cluster.nodes
    emails = [f"person{n}@example.org" for n in range(30)]
    targets = [(node_a, node_b)[n % 2].url for n in range(30)]
    answered: list[bool] = []
    lock = threading.Lock()

    def sign_up_then_kill_a(target: str, email: str) -> bool:
        """Node A dies (SIGKILL) once six sign-ups have been answered: the others are under way."""
        ok = sign_up(target, "ausfall-2027", email)
        with lock:
            answered.append(ok)
            if len(answered) == 6:
                node_a.kill()
        return ok

    try:
        with ThreadPoolExecutor(max_workers=6) as pool:
            acknowledged = list(pool.map(sign_up_then_kill_a, targets, emails))
    finally:
        if node_a.process is None:
            node_a.start()
    counts = stored(cluster, "ausfall-2027")
    by_node = {url: [ok for target, ok in zip(targets, acknowledged, strict=True) if target == url]
               for url in (node_a.url, node_b.url)}
    assert all(counts[email][0] == 1 for email, ok in zip(emails, acknowledged, strict=True) if ok)
    assert all(by_node[node_b.url]) and not all(by_node[node_a.url])


@pytest.fixture
def redis_stopped(cluster) -> Iterator[Cluster]:
    cluster.redis.stop()
    try:
        yield cluster
    finally:
        if cluster.redis.process is None:
            cluster.redis.start()


def test_with_redis_stopped_sign_ups_are_still_accepted(redis_stopped):
    add_event(redis_stopped, "ohne-redis-2027", capacity=50)
    assert all(sign_up(url, "ohne-redis-2027", f"r{n}@example.org") for n, url in enumerate(node_urls(redis_stopped)))


def test_with_redis_stopped_organisers_still_log_in(redis_stopped):
    node_a, node_b = node_urls(redis_stopped)
    status, _, path = logged_in(node_a, "10.1.0.4").get(node_b + DASHBOARD + "/")
    assert (status, path) == (200, DASHBOARD + "/")


def test_with_redis_stopped_a_job_start_is_refused_with_a_message(redis_stopped):
    node_a = node_urls(redis_stopped)[0]
    page = run_matchmaking(logged_in(node_a, "10.1.0.5"), node_a)
    assert "Warteschlange" in page and QUEUE_AWAY in page


def test_after_redis_returns_jobs_run_again_by_themselves(redis_stopped):
    node_a, node_b = node_urls(redis_stopped)
    organiser = logged_in(node_a, "10.1.0.6")
    assert QUEUE_AWAY in run_matchmaking(organiser, node_a)
    redis_stopped.redis.start()
    start_once_accepted(organiser, node_b, seconds=30)
    view = finished_job(organiser, node_a, latest_job_id(redis_stopped))
    assert view["status"] == "done"


def test_worker_with_unreachable_redis_stops_with_a_clear_message(tmp_path):
    unreachable = f"redis://127.0.0.1:{free_port()}/0"
    env = process_env(cluster_settings(f"sqlite:///{tmp_path / 'db.sqlite'}", unreachable, tmp_path))
    done = subprocess.run([sys.executable, "-m", "matchmaker", "worker"], env=env, cwd=PROJECT,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 1
    assert done.stderr.startswith(f"Error: cannot reach the job queue at {unreachable} (")
    assert "start Redis or correct JOBS_STORAGE" in done.stderr and "Traceback" not in done.stderr


def test_job_start_with_unreachable_queue_is_refused_and_leaves_no_job(app, event):
    app.config["JOBS_STORAGE"] = f"redis://127.0.0.1:{free_port()}/0"
    with pytest.raises(DomainError) as error:
        start_job(event, "matchmaking", {}, ORGANISER[0])
    assert error.value.code == "job_queue_unavailable"
    assert db.session.scalar(select(func.count()).select_from(Job)) == 0


def test_node_started_with_unreachable_redis_still_serves_log_ins(database_url, instance_folder):
    settings = {**app_config(database_url, instance_folder), "RATELIMIT_ENABLED": True,
                "RATELIMIT_STORAGE_URI": f"redis://127.0.0.1:{free_port()}/0"}
    client = create_app(settings).test_client()
    response = post_form(client, "/organiser/login", email="nobody@example.org", password="falsch")
    assert response.status_code == 200 and "E-Mail-Adresse" in response.get_data(as_text=True)
