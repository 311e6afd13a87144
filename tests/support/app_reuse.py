"""What every test app would do again, done once per test process.

The tests build a new app for nearly every test (each with its own database and
instance folder), and two things of each app's start are the same for all of them:

- Jinja compiles every template a test renders again for the new app's environment: here
  the compiled code is kept per process (Jinja's bytecode cache, keyed by the template's
  name and checked against a hash of its source, so an edited template compiles anew).
- Werkzeug compiles a URL builder for each of the ~100 routes when the app registers its
  blueprints (two thirds of ``create_app``), although a test builds URLs for a few: here
  each builder is compiled when a URL is first built with it.

Neither changes what a page shows or which URL is built; both are for the tests only
(a served app is built once)."""

from collections.abc import Callable
from typing import Any

from flask import Flask
from jinja2 import BytecodeCache, Environment
from jinja2.bccache import Bucket
from werkzeug.routing.rules import Rule


class ProcessTemplateCache(BytecodeCache):
    """Compiled templates in this process's memory, shared by every app it builds."""

    def __init__(self) -> None:
        self.code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if bucket.key in self.code:
            bucket.bytecode_from_string(self.code[bucket.key])

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.code[bucket.key] = bucket.bytecode_to_string()


TEMPLATES = ProcessTemplateCache()


def install() -> None:
    """Share compiled templates and defer URL builders (once per process)."""
    if getattr(Flask.create_jinja_environment, "shares_templates", False):
        return
    create_environment = Flask.create_jinja_environment

    def create_jinja_environment(app: Flask) -> Environment:
        environment = create_environment(app)
        environment.bytecode_cache = TEMPLATES
        return environment

    create_jinja_environment.shares_templates = True  # type: ignore[attr-defined]
    Flask.create_jinja_environment = create_jinja_environment  # type: ignore[method-assign]
    Rule._compile_builder = deferred(Rule._compile_builder)  # type: ignore[method-assign]


def deferred(compile_builder: Callable[..., Callable[..., Any]]) -> Callable[..., Callable[..., Any]]:
    """``Rule._compile_builder`` that compiles on the builder's first call."""

    def lazy_builder(rule: Rule, append_unknown: bool = True) -> Callable[..., Any]:
        compiled: Callable[..., Any] | None = None

        def build(self: Rule, *args: Any, **kwargs: Any) -> Any:
            nonlocal compiled
            if compiled is None:
                compiled = compile_builder(self, append_unknown)
            return compiled(self, *args, **kwargs)

        return build

    return lazy_builder
