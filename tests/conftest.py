"""Shared fixtures: an app on a real, migrated database (SQLite, and PostgreSQL where it matters).

Every test that uses ``app`` runs on a SQLite file. A test whose meaning depends on the
database (capacity, locking, concurrency, migrations, outages, collation, limits stored in
the database) carries ``@pytest.mark.both_databases`` and runs again on a throwaway
PostgreSQL server: ids ``[sqlite]`` and ``[postgresql]``. Without PostgreSQL server
binaries the PostgreSQL runs skip, except when ``CI=true``: there a test that cannot run
fails. Under pytest-xdist every worker has its own temporary folders, SQLite template and
PostgreSQL cluster (session fixtures are per worker).
"""

import os
import resource
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.globals import _cv_app
from flask.testing import FlaskClient
from flask_migrate import upgrade
from hypothesis import HealthCheck, settings
from sqlalchemy import select, text

from matchmaker import create_app
from matchmaker.extensions import db
from matchmaker.matching import exact
from matchmaker.models import Attendee, Event
from tests.support.app_reuse import install as reuse_per_process
from tests.support.factories import add_organiser, login, make_event, submit_sign_up
from tests.support.mailbox import outbox_messages, private_link
from tests.support.postgres import create_database, server_binaries, throwaway_server
from tests.support.redis_server import RedisServer, redis_binary, redis_server

reuse_per_process()  # compiled templates shared by the tests' apps, URL builders on first use

IN_CI = os.environ.get("CI") == "true"

# Fixtures shared by several test packages, registered once: Chromium pages, the live
# server, the loopback SMTP server.
pytest_plugins = ["tests.support.browser", "tests.support.live_server", "tests.support.smtp"]

# Property tests on a loaded machine (parallel workers, other jobs): no per-example deadline
# and no "too slow" health check, which fail a correct test for the machine's speed alone.
# A test's own @settings still chooses its examples; unset values come from this profile.
settings.register_profile("matchmaker", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("matchmaker")


WORKER_START = pytest.StashKey[float]()
WORKER_TIMES = pytest.StashKey[dict[str, tuple[float, float]]]()


def pytest_sessionstart(session: pytest.Session) -> None:
    session.config.stash[WORKER_START] = time.monotonic()


def pytest_sessionfinish(session: pytest.Session) -> None:
    """An xdist worker reports its wall time and its CPU time (its own and its children's)."""
    output = getattr(session.config, "workeroutput", None)
    if output is not None:
        used = [resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)]
        output["wall_seconds"] = time.monotonic() - session.config.stash[WORKER_START]
        output["cpu_seconds"] = sum(usage.ru_utime + usage.ru_stime for usage in used)


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node, error) -> None:  # type: ignore[no-untyped-def]
    output = getattr(node, "workeroutput", {})
    if "wall_seconds" in output:
        times = node.config.stash.setdefault(WORKER_TIMES, {})
        times[node.gateway.id] = (output["wall_seconds"], output["cpu_seconds"])


def pytest_terminal_summary(terminalreporter, config: pytest.Config) -> None:  # type: ignore[no-untyped-def]
    """One line per xdist worker: the slowest worker's wall time bounds the run."""
    for worker, (wall, cpu) in sorted(config.stash.get(WORKER_TIMES, {}).items()):
        terminalreporter.write_line(f"worker {worker}: {wall:.0f} s wall, {cpu:.0f} s CPU (with its children)")


def cannot_run(reason: str) -> None:
    """Skip on a developer's machine; fail in CI, where every test must run."""
    if IN_CI:
        pytest.fail(f"{reason} (CI=true: this test must run)")
    pytest.skip(reason)


@pytest.fixture
def semantic_extra() -> None:
    """Tests of similar interests need the `semantic` extra (tests/run.sh installs it)."""
    from matchmaker import embeddings

    if not embeddings.available():
        cannot_run("the semantic extra is not installed (pip install '.[semantic]')")


def app_config(database_url: str, instance: Path) -> dict:
    return {
        "TESTING": True,
        "SECRET_KEY": "test-secret",
        "SQLALCHEMY_DATABASE_URI": database_url,
        "MAIL_OUTBOX_DIR": str(instance / "outbox"),
        "PUBLIC_BASE_URL": "http://localhost",
        "SERVER_NAME": None,
        # Scores as spelled, whether or not the semantic extra is installed (its own tests,
        # tests/test_semantic*.py, switch it on).
        "SIMILAR_INTERESTS": False,
        # Background jobs run at once, inside the request that starts them (tests of the
        # queue itself choose a real storage).
        "JOBS_STORAGE": "immediate",
        # Tests sign up many people from one address at once; tests/security turn these on.
        "RATELIMIT_ENABLED": False,
        "BOT_MIN_FILL_SECONDS": 0,
        # Cheap password hashes (argon2id's real cost is ~0.1 s a hash); the password tests
        # in tests/auth/test_passwords.py use and check the real parameters.
        "PASSWORD_HASH_TIME_COST": 1,
        "PASSWORD_HASH_MEMORY_KIB": 256,
    }


@pytest.fixture(autouse=True, scope="module")
def exact_solver_gives_up_early(request: pytest.FixtureRequest) -> Iterator[None]:
    """Outside the engine's own tests, the exact solver gets 1 s instead of 10 s to prove
    a schedule optimal before the engine falls back to its heuristic.

    The app's tests plan events of some 30 people, whose proof the solver does not find
    within either limit: each run waited the full 10 s, a third of the suite's CPU time.
    The engine's tests (tests/matching) keep the real limit. Per module, so that it also
    holds for the scenes a module builds once (an autouse fixture comes first in its
    scope): those planned with the full 10 s."""
    if "tests/matching/" in request.node.nodeid:
        yield
        return
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(exact, "TIME_LIMIT", 1.0)
        yield


@pytest.fixture(autouse=True)
def instance_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Keep every test out of the repository's own instance folder."""
    folder = tmp_path / "instance"
    folder.mkdir()
    monkeypatch.setenv("MATCHMAKER_INSTANCE_PATH", str(folder))
    for name in [key for key in os.environ if key.startswith("MATCHMAKER_") and key != "MATCHMAKER_INSTANCE_PATH"]:
        monkeypatch.delenv(name)
    monkeypatch.delenv("DATABASE_URL", raising=False)
    return folder


def migrate(database_url: str, instance: Path) -> None:
    app = create_app(app_config(database_url, instance))
    with app.app_context():
        upgrade()
        db.engine.dispose()


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One database migrated from scratch; each test gets a copy (fast and realistic)."""
    folder = tmp_path_factory.mktemp("sqlite-template")
    path = folder / "template.sqlite"
    migrate(f"sqlite:///{path}", folder)
    return path


@pytest.fixture(scope="session")
def sqlite_event_template(sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The template with the test event (``make_event``) already in it, for the tests that
    use the ``event`` fixture: making its 60 tables and 10 slots cost each of them ~20 ms."""
    folder = tmp_path_factory.mktemp("sqlite-event-template")
    path = folder / "template.sqlite"
    shutil.copy(sqlite_template, path)
    app = create_app(app_config(f"sqlite:///{path}", folder))
    with app.app_context():
        make_event()
        db.session.remove()
        db.engine.dispose()
    return path


@pytest.fixture(scope="session")
def postgres_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    bin_dir = server_binaries()
    if bin_dir is None:
        cannot_run("PostgreSQL server binaries are not installed (apt-get install postgresql)")
    with throwaway_server(bin_dir) as base_url:
        url = create_database(base_url, "matchmaker_test")
        migrate(url, tmp_path_factory.mktemp("pg-instance"))
        yield url


@pytest.fixture(scope="session")
def redis() -> Iterator[RedisServer]:
    """A throwaway Redis on loopback (Debian's redis-server), for the tests of several hosts."""
    binary = redis_binary()
    if binary is None:
        cannot_run("redis-server is not installed (apt-get install redis-server)")
    with redis_server(binary) as server:
        yield server


DATABASES = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


@pytest.hookimpl(tryfirst=True)  # before xdist's own hook reads the groups
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Keep a module whose tests share a module-scoped fixture (a live server and its
    scene, the fuzz and access-matrix scenes, a planned crowded event) on one xdist worker
    (tests/run.sh: ``--dist loadgroup``), as a module marked ``xdist_group`` (the two-node
    cluster) is: spread over four, each worker built the fixture again, 15-20 s of a
    loaded machine for a live server. xdist hands out the groups with the most tests
    first, so a large group does not come last.

    xdist sends tests whose node id ends in ``@group`` to one worker. xdist 3.8 writes that
    suffix where pytest 8 kept the node id; pytest 9 keeps it in ``_id``, so under pytest 9
    the suffix is written here (without it every group was spread over all workers)."""
    if not getattr(config.option, "loadgroup", False):  # set on xdist's workers
        return
    try:
        from _pytest.nodeid import NodeId  # pytest 9
    except ImportError:  # pytest 8: xdist writes the suffix itself
        NodeId = None
    for item in items:
        if shares_module_fixture(item) and item.get_closest_marker("xdist_group") is None:
            item.add_marker(pytest.mark.xdist_group(item.module.__name__ if item.module else item.nodeid))
        groups = sorted({str(mark.args[0]) for mark in item.iter_markers("xdist_group") if mark.args})
        if NodeId is not None and groups and "@" not in item.nodeid:
            item._id = NodeId.parse(f"{item.nodeid}@{'_'.join(groups)}")


def shares_module_fixture(item: pytest.Item) -> bool:
    """Whether the test uses a fixture built once per module (``scope="module"``)."""
    info = getattr(item, "_fixtureinfo", None)
    return info is not None and any(
        definitions and definitions[-1].scope == "module" for definitions in info.name2fixturedefs.values())


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """``database_url`` is SQLite, and also PostgreSQL for ``both_databases`` tests (a test
    that parametrizes or overrides ``database_url`` itself keeps its own choice)."""
    if "database_url" not in metafunc.fixturenames or chooses_database(metafunc):
        return
    both = metafunc.definition.get_closest_marker("both_databases") is not None
    metafunc.parametrize("database_url", DATABASES if both else DATABASES[:1], indirect=True)


def chooses_database(metafunc: pytest.Metafunc) -> bool:
    closest = metafunc._arg2fixturedefs["database_url"][-1]
    if closest.func is not database_url.__wrapped__:  # type: ignore[attr-defined]
        return True
    return any("database_url" in str(marker.args[0]) for marker in metafunc.definition.iter_markers("parametrize"))


def database_copy(template: Path, folder: Path) -> str:
    """The URL of a copy of the SQLite database ``template`` in ``folder``, the test's own."""
    copy = folder / "matchmaker.sqlite"
    shutil.copy(template, copy)
    return f"sqlite:///{copy}"


@pytest.fixture
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if getattr(request, "param", "sqlite") == "sqlite":
        # The event fixture then finds its event made (make_event returns an existing one).
        template = "sqlite_event_template" if "event" in request.fixturenames else "sqlite_template"
        return database_copy(request.getfixturevalue(template), tmp_path)
    return request.getfixturevalue("postgres_url")


@pytest.fixture
def app(database_url: str, instance_folder: Path) -> Iterator[Flask]:
    app = create_app(app_config(database_url, instance_folder))
    with app.app_context():
        if db.engine.dialect.name == "postgresql":
            empty_all_tables()
        yield app
        db.session.remove()
        db.engine.dispose()


def empty_all_tables() -> None:
    """Delete every row and restart every id sequence, children before parents. On these
    near-empty tables a DELETE each costs a tenth of one TRUNCATE of them all, which gives
    each of the 43 tables new files (70 ms a test)."""
    statements = [f'DELETE FROM "{table.name}"' for table in reversed(db.metadata.sorted_tables)]
    statements.append("SELECT setval(c.oid, 1, false) FROM pg_class c WHERE c.relkind = 'S'")
    db.session.execute(text("; ".join(statements)))
    db.session.commit()


class IsolatedClient(FlaskClient):
    """A test client whose every request gets its own app context, ``g`` and database
    session, as in production, although the test itself holds an app context.

    The test's open transaction is committed first: on SQLite it would otherwise hold
    the write lock the request needs (see ``matchmaker/database.py``)."""

    def open(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        db.session.commit()
        kwargs.setdefault("buffered", True)  # close the response as a server does (call_on_close)
        hidden = _cv_app.set(None)
        try:
            return super().open(*args, **kwargs)
        finally:
            _cv_app.reset(hidden)


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    app.test_client_class = IsolatedClient
    return app.test_client()


@pytest.fixture
def runner(app: Flask):
    return app.test_cli_runner()


@pytest.fixture
def event(app: Flask) -> Event:
    return make_event()


@pytest.fixture
def organiser_client(client: FlaskClient, event: Event) -> FlaskClient:
    """An administrator (team@example.org) logged in on the dashboard of the test event."""
    add_organiser()
    login(client, "team@example.org", "richtig-geheim")
    return client


@pytest.fixture
def outbox(app: Flask) -> Path:
    """The folder the app writes its mails to (one .eml file each)."""
    return Path(app.config["MAIL_OUTBOX_DIR"])


@pytest.fixture
def attendee(client: FlaskClient, event: Event) -> Attendee:
    """Jürgen Müller, signed up through the form (his welcome mail is in the outbox)."""
    assert submit_sign_up(client).status_code == 302
    return db.session.scalar(select(Attendee).where(Attendee.email == "juergen.mueller@example.org"))


@pytest.fixture
def link(attendee: Attendee, outbox: Path) -> str:
    """The path of Jürgen's private page, taken from his welcome mail."""
    return private_link(outbox_messages(outbox)[-1])
