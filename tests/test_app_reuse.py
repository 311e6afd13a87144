"""The tests' shared URL map and compiled statements (tests/support/app_reuse.py) never lend
one app's rules or database to another.

Test apps with the same rules share one compiled map; an app whose rules differ in any way
that changes matching or building (a route more, methods, converters, slash options, a
route added after first use) must answer as if it had compiled its own."""

from collections.abc import Callable

import pytest
from flask import Flask, url_for
from werkzeug.routing import BaseConverter, BuildError

from tests.support.app_reuse import ReusedMap


def app_with(routes: dict[str, str], before: Callable[[Flask], None] | None = None, **rule_options: object) -> Flask:
    """A bare Flask app; each route answers with the app's name and the endpoint."""
    app = Flask(f"reuse_{len(routes)}")
    if before is not None:
        before(app)
    for path, endpoint in routes.items():
        app.add_url_rule(path, endpoint, lambda endpoint=endpoint, **_: f"{id(app)}:{endpoint}", **rule_options)  # type: ignore[misc]
    return app


def answer(app: Flask, path: str, method: str = "GET") -> tuple[int, str]:
    response = app.test_client().open(path, method=method)
    return response.status_code, response.get_data(as_text=True)


def test_apps_with_the_same_rules_share_one_compiled_map_and_answer_with_their_own_views():
    first, second = app_with({"/same/a": "a", "/same/b": "b"}), app_with({"/same/a": "a", "/same/b": "b"})
    assert isinstance(first.url_map, ReusedMap)
    assert answer(first, "/same/a") == (200, f"{id(first)}:a")
    assert answer(second, "/same/b") == (200, f"{id(second)}:b")
    assert first.url_map._matcher is second.url_map._matcher


def test_an_app_without_a_route_another_app_has_neither_matches_nor_builds_it():
    more, fewer = app_with({"/diff/a": "a", "/diff/b": "b"}), app_with({"/diff/a": "a"})
    assert answer(more, "/diff/b")[0] == 200
    assert answer(fewer, "/diff/b")[0] == 404
    with fewer.test_request_context(), pytest.raises(BuildError):
        url_for("b")
    assert answer(more, "/diff/b")[0] == 200


def test_a_route_added_after_the_map_was_used_stays_in_its_own_app():
    grown, plain = app_with({"/late/a": "a"}), app_with({"/late/a": "a"})
    assert answer(plain, "/late/a")[0] == 200
    with grown.test_request_context():
        assert url_for("a") == "/late/a"  # grown now borrows the compiled map
    grown.add_url_rule("/late/added", "added", lambda: "added")
    assert answer(grown, "/late/added") == (200, "added")
    assert answer(plain, "/late/added")[0] == 404
    assert "added" not in {rule.endpoint for rule in plain.url_map.iter_rules()}
    assert answer(app_with({"/late/a": "a"}), "/late/added")[0] == 404


def test_the_same_path_with_other_methods_keeps_each_apps_methods():
    getting = app_with({"/methods/x": "x"})
    posting = app_with({"/methods/x": "x"}, methods=["POST"])
    assert answer(getting, "/methods/x")[0] == 200
    assert answer(posting, "/methods/x")[0] == 405
    assert answer(posting, "/methods/x", "POST")[0] == 200
    assert answer(getting, "/methods/x", "POST")[0] == 405


class Digits(BaseConverter):
    regex = r"\d+"


class Letters(BaseConverter):
    regex = r"[a-z]+"


def test_the_same_rule_text_under_other_converters_keeps_each_apps_converter():
    def converter(kind: type[BaseConverter]) -> Callable[[Flask], None]:
        return lambda app: app.url_map.converters.__setitem__("code", kind)

    digits = app_with({"/code/<code:value>": "code"}, before=converter(Digits))
    letters = app_with({"/code/<code:value>": "code"}, before=converter(Letters))
    assert answer(digits, "/code/123")[0] == 200
    assert answer(letters, "/code/123")[0] == 404
    assert answer(letters, "/code/abc")[0] == 200
    assert answer(digits, "/code/abc")[0] == 404


def test_a_map_without_strict_slashes_does_not_share_the_strict_ones_rules():
    strict = app_with({"/slash/x/": "x"})
    lenient = app_with({"/slash/x/": "x"})
    lenient.url_map.strict_slashes = False
    assert answer(strict, "/slash/x")[0] == 308
    assert answer(lenient, "/slash/x")[0] == 200
    assert answer(app_with({"/slash/x/": "x"}), "/slash/x")[0] == 308


def test_engines_share_compiled_statements_and_each_reads_its_own_database(tmp_path):
    # An engine of a kind already connected once in this process borrows that one's dialect
    # and compiled statements, and still runs them on its own database.
    from sqlalchemy import create_engine, text

    def engine_with_answer(name: str, value: int):
        engine = create_engine(f"sqlite:///{tmp_path / name}.sqlite")
        with engine.begin() as connection:
            connection.execute(text("CREATE TABLE answer (value INTEGER)"))
            connection.execute(text("INSERT INTO answer VALUES (:value)"), {"value": value})
        return engine

    first = engine_with_answer("first", 1)
    second = engine_with_answer("second", 2)
    assert first.dialect is second.dialect and first._compiled_cache is second._compiled_cache
    with first.connect() as one, second.connect() as other:
        assert [c.execute(text("SELECT value FROM answer")).scalar() for c in (one, other)] == [1, 2]
