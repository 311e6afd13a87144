"""The app's routes, read from its URL map, for tests generated over every route."""

from flask import Flask, url_for
from werkzeug.routing import Rule

from matchmaker import create_app


def rules_of(*blueprints: str) -> list[Rule]:
    """Every URL rule of these blueprints, in path order.

    Read at collection time from an app built only for this: no database is opened.
    """
    app = create_app({"TESTING": True, "SECRET_KEY": "routes", "SQLALCHEMY_DATABASE_URI": "sqlite://"})
    rules = [rule for rule in app.url_map.iter_rules() if rule.endpoint.split(".")[0] in blueprints]
    return sorted(rules, key=lambda rule: (rule.rule, rule.endpoint))


def example_path(app: Flask, endpoint: str, **values: object) -> str:
    """The endpoint's path, each URL argument taken from ``values`` or else 1."""
    rule = next(app.url_map.iter_rules(endpoint))
    with app.test_request_context():
        return url_for(endpoint, **{argument: values.get(argument, 1) for argument in rule.arguments})
