"""What every test app would do again, done once per test process.

The tests build a new app for nearly every test (each with its own database and
instance folder), and three things of each app's start are the same for all of them:

- Jinja compiles every template a test renders again for the new app's environment: here
  the compiled code is kept per process (Jinja's bytecode cache, keyed by the template's
  name and checked against a hash of its source, so an edited template compiles anew).
- Werkzeug compiles a URL builder for each of the ~100 routes when the app registers its
  blueprints (two thirds of ``create_app``), although a test builds URLs for a few: here
  each builder is compiled when a URL is first built with it.

- Werkzeug parses and matches the same ~140 rules for every app: here apps with the same
  rules (paths, endpoints, methods, options, converters) share one compiled map per process,
  read only (``ReusedMap``; tests/test_app_reuse.py shows apps with other rules keep theirs).
- SQLAlchemy compiles each statement to SQL once per engine (its compiled cache is keyed by
  the engine's dialect), and every test's app has a new engine: a fifth of an app test's
  CPU went into compiling the same statements again. Here each engine of a database kind
  uses the dialect and compiled cache of the first one of that kind that connected (every
  app has the same engine options; each engine keeps its own connections and pool).

None of them changes what a page shows or which URL is built; all are for the tests only
(a served app is built once)."""

from collections.abc import Callable, Iterator
from threading import RLock
from typing import Any, ClassVar

from flask import Flask
from jinja2 import BytecodeCache, Environment
from jinja2.bccache import Bucket
from sqlalchemy import Engine, event
from sqlalchemy.engine import Dialect
from sqlalchemy.engine.default import DefaultDialect
from werkzeug.routing import Map, MapAdapter, RuleFactory
from werkzeug.routing.matcher import StateMachineMatcher
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
    """Share compiled templates, URL maps and SQL statements, defer URL builders (once
    per process)."""
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
    Flask.url_map_class = ReusedMap
    DefaultDialect.engine_created = classmethod(share_compiled_statements)  # type: ignore[method-assign, assignment]


# Per dialect class: the first connected engine's dialect and its compiled statements.
COMPILED: dict[type, tuple[Dialect, Any]] = {}


def share_compiled_statements(dialect_class: type, engine: Engine) -> None:
    """SQLAlchemy's hook for a new engine: borrow the dialect and compiled cache of the
    first engine of this kind, or, if this is the first, lend its own once it has
    connected (a dialect learns the server's version and features on the first connect)."""
    kind = type(engine.dialect)
    if kind in COMPILED:
        engine.dialect, engine._compiled_cache = COMPILED[kind]
        return
    lender, cache = engine.dialect, engine._compiled_cache
    event.listen(engine, "connect", lambda *_: COMPILED.setdefault(kind, (lender, cache)), once=True)


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


class ReusedMap(Map):
    """An app's URL map that borrows its compiled rules from one compiled once per process.

    Werkzeug parses each rule and adds it to its matcher when the app registers it, the
    same ~140 rules for every test's app. This map only collects them; when it is first
    used (a request, a URL built, its rules listed), it borrows the compiled rules and
    matcher of a map with the same rules (paths, endpoints, methods, options, converters),
    compiled once per process and only read from then on. A rule added after that (a
    test's own route) makes the map compile all of its rules itself, as Werkzeug would."""

    lenders: ClassVar[dict[tuple, Map]] = {}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.added: list[tuple[Rule, tuple]] = []  # each rule with the converters it was added under
        self.compiled = 0  # how many of them this map compiled itself
        self.borrowing = False
        self.resolving = RLock()  # a live server's threads may use it first at once
        super().__init__(*args, **kwargs)

    @property
    def merge_slashes(self) -> bool:
        return self._matcher.merge_slashes

    @merge_slashes.setter
    def merge_slashes(self, value: bool) -> None:
        if self.borrowing:  # the borrowed matcher is not this map's to change
            self.compile_own()
        self._matcher.merge_slashes = value

    def add(self, rulefactory: RuleFactory) -> None:
        if type(rulefactory) is not Rule:
            self.compile_own()
            super().add(rulefactory)
            self.compiled = len(self.added)
            return
        if self.borrowing:
            self.compile_own()
        self.added.append((rulefactory, tuple(self.converters.items())))
        self._remap = True

    def compile_own(self) -> None:
        """Compile the rules not yet compiled into this map's own matcher."""
        if self.borrowing:
            self._matcher = StateMachineMatcher(self._matcher.merge_slashes)
            self._rules_by_endpoint = {}
            self.borrowing = False
        current = self.converters
        for rule, converters in self.added[self.compiled:]:
            self.converters = dict(converters)
            super().add(rule)
        self.converters = current
        self.compiled = len(self.added)

    def resolve(self) -> None:
        if self.borrowing or self.compiled == len(self.added):
            return
        with self.resolving:
            if not (self.borrowing or self.compiled == len(self.added)):
                self.borrow_or_compile()

    def borrow_or_compile(self) -> None:
        if self.compiled == 0:
            key = self.key()
            if key is not None:
                lender = self.lenders.get(key) or self.lenders.setdefault(key, self.lender())
                self._rules_by_endpoint, self._matcher = lender._rules_by_endpoint, lender._matcher
                self.borrowing, self._remap = True, False
                return
        self.compile_own()

    def key(self) -> tuple | None:
        """What the compiled rules depend on; None if some option cannot be compared."""
        options = (self.host_matching, self.default_subdomain, self.strict_slashes, self.merge_slashes,
                   self.redirect_defaults, self.sort_parameters)
        rules = tuple((rule.rule, rule.endpoint, None if rule.methods is None else frozenset(rule.methods),
                       None if rule.defaults is None else tuple(sorted(rule.defaults.items())),
                       rule.subdomain, rule.host,
                       rule.strict_slashes, rule.merge_slashes, rule.build_only, rule.alias,
                       rule.redirect_to, rule.websocket, getattr(rule, "provide_automatic_options", None),
                       converters) for rule, converters in self.added)
        try:
            hash((options, rules))
        except TypeError:
            return None
        return (options, rules)

    def lender(self) -> Map:
        """A map of copies of these rules, compiled as Werkzeug does, to be read only."""
        lender = Map(host_matching=self.host_matching, default_subdomain=self.default_subdomain,
                     strict_slashes=self.strict_slashes, merge_slashes=self.merge_slashes,
                     redirect_defaults=self.redirect_defaults, sort_parameters=self.sort_parameters,
                     sort_key=self.sort_key)
        for rule, converters in self.added:
            copy = Rule(rule.rule, **rule.get_empty_kwargs(), merge_slashes=rule.merge_slashes,
                        websocket=rule.websocket)
            if hasattr(rule, "provide_automatic_options"):
                copy.provide_automatic_options = rule.provide_automatic_options  # type: ignore[attr-defined]
            lender.converters = dict(converters)
            lender.add(copy)
        lender.converters = dict(self.converters)
        lender.update()
        return lender

    # Everything that reads the compiled rules resolves them first.
    def update(self) -> None:
        self.resolve()
        super().update()

    def bind(self, *args: Any, **kwargs: Any) -> MapAdapter:
        self.resolve()
        return super().bind(*args, **kwargs)

    def bind_to_environ(self, *args: Any, **kwargs: Any) -> MapAdapter:
        self.resolve()
        return super().bind_to_environ(*args, **kwargs)

    def iter_rules(self, endpoint: Any | None = None) -> Iterator[Rule]:
        self.resolve()
        return super().iter_rules(endpoint)

    def is_endpoint_expecting(self, endpoint: Any, *arguments: str) -> bool:
        self.resolve()
        return super().is_endpoint_expecting(endpoint, *arguments)
