"""Hostile values on every route never cause a server error, for any visitor, on either database.

Generated from the URL map: for each route and method, Hypothesis draws a visitor
(anonymous, an attendee on their own private link, a logged-in organiser), path arguments
(the scene's real ids and tokens, or huge and negative numbers, Unicode, NUL, very long
text), a query string and form fields (every field name of the app's forms, with such
values, single or repeated), with a valid CSRF token most of the time so that the values
reach the views. What must hold: no 5xx.

The scene (an event, attendees with a schedule, requests, a block, a logged-in organiser)
is built once per database; every example starts from a fresh copy of it (a file copy
on SQLite, ``CREATE DATABASE ... TEMPLATE`` on PostgreSQL), so one example's changes
cannot hide another's failure and a failure replays.
"""

import os
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from flask_wtf import FlaskForm
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy.engine import make_url
from werkzeug.routing import Rule
from wtforms.fields.core import UnboundField

from matchmaker import create_app
from matchmaker.extensions import db
from matchmaker.models import QuestionKind
from matchmaker.services.api.tokens import create_token
from matchmaker.services.events.questions import QuestionDraft, add_question
from matchmaker.services.schedule.display import create_display_link
from tests.conftest import app_config, empty_all_tables
from tests.support.factories import CSRF_FIELD, add_organiser, login, make_event
from tests.support.page_forms import post_forms
from tests.support.routes import example_path, rules_of
from tests.support.scene import published_scene

# Examples per route: the whole test took 45 s on SQLite and 90 s on PostgreSQL (where a
# fresh copy of the scene costs a CREATE DATABASE) on the shared machine. FUZZ_EXAMPLES=N
# searches harder: 25 on SQLite (2 min) and 12 on PostgreSQL (5.5 min) found nothing more.
EXAMPLES = {"sqlite": 6, "postgresql": 3}
if os.environ.get("FUZZ_EXAMPLES"):
    EXAMPLES = dict.fromkeys(EXAMPLES, int(os.environ["FUZZ_EXAMPLES"]))
FUZZ = settings(deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
ACTORS = ["anonymous", "own link", "organiser"]
RULES = {rule.endpoint: rule for rule in rules_of("public", "attendee", "auth", "organiser")}
ROUTES = [(endpoint, method) for endpoint, rule in RULES.items()
          for method in sorted(rule.methods - {"HEAD", "OPTIONS"})]
# Query arguments the views read (request.args), besides the filter forms' fields.
QUERY_KEYS = ["next", "answer", "page", "waitlist", "attendee", "numbers", "q", "lang",
              "status", "sort", "filter"]
# Form fields read from request.form directly (the industries page).
RAW_FORM_KEYS = ["code", "rename", "de-logistics", "en-logistics"]

HOSTILE = st.one_of(
    st.sampled_from([
        "", " ", "0", "-1", "1", "2", "2147483647", "2147483648", "9223372036854775808",
        str(10**40), "9" * 5000, "1e309", "NaN", "-0", "1.5", "0x10", "\x00", "a\x00b", "%00",
        "' OR 1=1 --", "<script>alert(1)</script>", "../../etc/passwd", "ÄÖÜß" * 3, "🙂",
        "\u202egnp.exe", "x" * 10_000, "ｍｅｔａ＠ｅｘａｍｐｌｅ．ｄｅ", "true", "y", "on", "None",
        "null", "[]", "{}", "\r\n", "de", "en", "accept", "decline", "sme", "logistics",
        "open_innovation", "anna@example.org", "2027-06-16", "10:30", "=cmd|' /C calc'!A0",
    ]),
    st.text(max_size=40),
    st.integers(min_value=-(10**40), max_value=10**40).map(str),
)
# Where the databases' integers end (PostgreSQL 2^31 - 1, SQLite 2^63 - 1), and beyond.
EDGE_NUMBERS = [0, -1, 2**31 - 1, 2**31, 2**63 - 1, 2**63, 10**40]
VALUES = st.one_of(HOSTILE, st.lists(HOSTILE, min_size=2, max_size=3))


def form_field_names() -> list[str]:
    """Every field name of the app's forms (their classes, read without a request)."""
    create_app({"TESTING": True, "SECRET_KEY": "fields", "SQLALCHEMY_DATABASE_URI": "sqlite://"})
    names: set[str] = set(RAW_FORM_KEYS)
    forms = [FlaskForm]
    while forms:
        form = forms.pop()
        forms.extend(form.__subclasses__())
        for klass in form.__mro__:
            names.update(name for name, value in vars(klass).items()
                         if isinstance(value, UnboundField))
    return sorted(names)


FORM_KEYS = form_field_names()


@dataclass
class Scene:
    """The built scene: the app, the URL arguments naming real things, one session cookie
    and CSRF token per visitor, and how to put the database back as it was."""

    app: Flask
    ids: dict[str, object]
    cookies: dict[str, tuple[str, str]]  # visitor: (session cookie, CSRF token)
    forms: dict[str, dict[str, list[str]]]  # action path: the fields its page submits
    put_back: Callable[[], None]
    dirty: bool = True

    @property
    def kind(self) -> str:
        return make_url(self.app.config["SQLALCHEMY_DATABASE_URI"]).get_backend_name()

    def restore(self) -> None:
        """Fresh scene, unless only GET requests (which change nothing that matters) ran."""
        if self.dirty:
            self.put_back()
            self.dirty = False


Prepared = tuple[dict[str, object], dict[str, tuple[str, str]], dict[str, dict[str, list[str]]]]


def prepare(app: Flask) -> Prepared:
    """Build the scene in the app's database and log the visitors in (the organiser's
    session is a row, copied with the rest); return the ids, the visitors' cookies and the
    forms on the pages they see."""
    ids = build_scene(app)
    cookies, forms = {}, {}
    for actor in ACTORS:
        client = app.test_client()
        if actor == "organiser":
            assert login(client, "team@example.org", "richtig-geheim").status_code == 302
        page = client.get(f"/{ids['slug']}/link").get_data(as_text=True)
        cookie = client.get_cookie(app.config["SESSION_COOKIE_NAME"])
        cookies[actor] = (cookie.value, CSRF_FIELD.search(page).group(1))
        if actor != "anonymous":
            forms.update(forms_on_pages(app, client, ids))
    with app.app_context():
        db.engine.dispose()
    return ids, cookies, forms


def forms_on_pages(app: Flask, client: FlaskClient, ids: dict[str, object]) -> dict[str, dict[str, list[str]]]:
    """The POST forms of every page this visitor opens, by the path they post to: the
    fields a browser would send, which the examples then spoil one by one."""
    forms: dict[str, dict[str, list[str]]] = {}
    for endpoint, rule in RULES.items():
        if "GET" in rule.methods and "logout" not in endpoint:
            path = example_path(app, endpoint, **ids)
            response = client.get(path, buffered=True)  # closed as a server closes it
            if response.status_code == 200 and response.mimetype == "text/html":
                for action, fields in post_forms(response.get_data(as_text=True), path).items():
                    forms.setdefault(action, fields)
    return forms


def build_scene(app: Flask) -> dict[str, object]:
    with app.app_context():
        event = make_event()
        scene = published_scene(event)
        add_organiser()
        secret = create_display_link(event, "organiser@example.org")
        token_id = create_token(event, "CRM", "organiser@example.org").token.id
        question = add_question(event, QuestionDraft("Mittagessen", "Lunch", QuestionKind.CHOICE, (
            ("Vegan", "Vegan"), ("Mit Fleisch", "With meat"))), "organiser@example.org")
        db.session.commit()
        ids = {"token": scene.anna.token, "slug": event.slug, "number": scene.ben.number,
               "secret": secret, "request_id": scene.request_id, "meeting_id": scene.meeting_id,
               "colleague_id": scene.bernd.id, "session_id": scene.session_id,
               "pair_id": 1, "job_id": 1, "choice": "accept", "language": "en", "fmt": "csv",
               "document": "badges", "name": "badges", "feed_token": scene.anna.token,
               # no webhook: the scene's sign-ups would send to it (the queue is immediate)
               "token_id": token_id, "endpoint_id": 1,
               "question_id": question.id, "direction": "up", "offer_id": 1}
        db.session.remove()
    return ids


def sqlite_scene(template: Path, folder: Path) -> Scene:
    built, work = folder / "scene.sqlite", folder / "work.sqlite"
    shutil.copy(template, built)
    ids, cookies, forms = prepare(create_app(app_config(f"sqlite:///{built}", folder)))
    app = create_app(app_config(f"sqlite:///{work}", folder))

    def put_back() -> None:
        with app.app_context():
            db.engine.dispose()
        shutil.copy(built, work)

    return Scene(app, ids, cookies, forms, put_back)


def postgres_scene(url: str, folder: Path) -> Scene:
    """The scene in the tests' database, kept as template ``fuzz_scene``; each example
    gets ``fuzz_work``, made from it."""
    import psycopg

    app = create_app(app_config(url, folder))
    with app.app_context():
        empty_all_tables()
        db.engine.dispose()
    ids, cookies, forms = prepare(app)
    server = make_url(url)
    admin = f"postgresql://{server.username}@{server.host}:{server.port}/postgres"
    work = create_app(app_config(server.set(database="fuzz_work").render_as_string(False), folder))

    def copy(source: str, target: str) -> None:
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{target}" WITH (FORCE)')
            connection.execute(f'CREATE DATABASE "{target}" TEMPLATE "{source}"')

    copy(server.database, "fuzz_scene")

    def put_back() -> None:
        with work.app_context():
            db.engine.dispose()
        copy("fuzz_scene", "fuzz_work")

    return Scene(work, ids, cookies, forms, put_back)


@pytest.fixture(scope="module")
def scenes() -> Iterator[dict[str, Scene]]:
    """The scene of each database, built by its first test."""
    built: dict[str, Scene] = {}
    yield built
    for scene in built.values():
        with scene.app.app_context():
            db.engine.dispose()


@pytest.fixture
def scene(database_url: str, scenes: dict[str, Scene], request: pytest.FixtureRequest,
          tmp_path_factory: pytest.TempPathFactory) -> Scene:
    kind = make_url(database_url).get_backend_name()
    if kind not in scenes:
        folder = tmp_path_factory.mktemp(f"fuzz-{kind}")
        scenes[kind] = (sqlite_scene(request.getfixturevalue("sqlite_template"), folder)
                        if kind == "sqlite" else postgres_scene(database_url, folder))
    return scenes[kind]


@dataclass
class HostileRequest:
    actor: str
    path: str
    query: dict[str, object]
    form: dict[str, object]
    with_csrf: bool


@st.composite
def hostile_requests(draw: st.DrawFn, scene: Scene, endpoint: str, method: str) -> HostileRequest:
    actor = draw(st.sampled_from(ACTORS))
    values = {}
    for name in RULES[endpoint].arguments:
        real = scene.ids[name]
        own = actor == "own link" and name == "token"
        values[name] = real if own else draw(st.one_of(st.just(real), argument_values(RULES[endpoint], name)))
    path = build_path(scene.app, endpoint, values, scene.ids)
    query = draw(st.dictionaries(st.sampled_from(QUERY_KEYS + FORM_KEYS), VALUES, max_size=4))
    form: dict[str, object] = {}
    if method != "GET":
        form = dict(scene.forms.get(example_path(scene.app, endpoint, **scene.ids), {}))
        spoilt = st.sampled_from(sorted(form) + FORM_KEYS) if form else st.sampled_from(FORM_KEYS)
        form.update(draw(st.dictionaries(spoilt, VALUES, min_size=1, max_size=6)))
    return HostileRequest(actor, path, query, form, draw(st.integers(0, 9)) > 0)


def argument_values(rule: Rule, name: str) -> st.SearchStrategy:
    if type(rule._converters[name]).__name__.endswith("IntegerConverter"):
        return st.one_of(st.sampled_from(EDGE_NUMBERS), st.integers(-(10**40), 10**40))
    return HOSTILE


def build_path(app: Flask, endpoint: str, values: dict[str, object], real: dict[str, object]) -> str:
    """The URL with the drawn arguments; one a converter cannot write (``any``) stays real."""
    for name in list(values):
        try:
            example_path(app, endpoint, **{**real, name: values[name]})
        except Exception:
            values[name] = real[name]
    return example_path(app, endpoint, **values)


@pytest.mark.both_databases
@pytest.mark.parametrize(("endpoint", "method"), ROUTES, ids=[f"{m} {e}" for e, m in ROUTES])
def test_hostile_values_never_cause_a_server_error(scene: Scene, endpoint: str, method: str) -> None:
    @settings(FUZZ, max_examples=EXAMPLES[scene.kind])
    @given(request=hostile_requests(scene, endpoint, method))
    def visit(request: HostileRequest) -> None:
        scene.restore()
        client = scene.app.test_client()
        cookie, token = scene.cookies[request.actor]
        client.set_cookie(scene.app.config["SESSION_COOKIE_NAME"], cookie)
        form = {**request.form, **({"csrf_token": token} if request.with_csrf else {})}
        scene.dirty = method != "GET"
        response = client.open(request.path, method=method, query_string=request.query,
                               data=form or None, buffered=True)
        assert response.status_code < 500, response.get_data(as_text=True)[:300]

    visit()
