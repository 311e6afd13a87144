"""The seams between packages, read from the source (ast): no blueprint package imports
another (what several share lives in ``matchmaker.web`` or ``matchmaker.services``),
services import no blueprint and no web code, and the services form no import circle."""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx
import pytest

import matchmaker

PACKAGE = Path(matchmaker.__file__).resolve().parent
BLUEPRINTS = ("public", "attendee", "auth", "organiser", "api")


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_modules(path: Path) -> set[str]:
    """Every matchmaker module the file imports, anywhere in it (also inside functions);
    ``from package import name`` counts as importing ``package.name`` where that is a module."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = package.split(".")[:len(package.split(".")) - node.level + 1] if node.level else []
            target = ".".join([*base, *([node.module] if node.module else [])])
            found.add(target)
            found |= {f"{target}.{alias.name}" for alias in node.names
                      if is_module(f"{target}.{alias.name}")}
    return {m for m in found if m.split(".")[0] == "matchmaker"}


def is_module(name: str) -> bool:
    path = PACKAGE.parent.joinpath(*name.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def source_files(*packages: str) -> list[Path]:
    return sorted(p for package in packages for p in (PACKAGE / package).rglob("*.py"))


def blueprint_of(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in BLUEPRINTS else None


def test_package_imports_finds_relative_and_module_imports():
    found = imported_modules(PACKAGE / "organiser" / "attendees.py")
    assert "matchmaker.web.forms" in found and "matchmaker.services.attendees.admin" in found


@pytest.mark.parametrize("path", source_files(*BLUEPRINTS),
                         ids=lambda p: str(p.relative_to(PACKAGE)))
def test_blueprint_module_imports_no_other_blueprint(path: Path):
    own = blueprint_of(module_name(path))
    others = {m for m in imported_modules(path) if blueprint_of(m) not in (None, own)}
    assert not others, f"{path.relative_to(PACKAGE)} imports {sorted(others)}: move what " \
                       "they share to matchmaker/web/ or matchmaker/services/"


@pytest.mark.parametrize("path", source_files("services", "web"),
                         ids=lambda p: str(p.relative_to(PACKAGE)))
def test_services_and_web_import_no_blueprint(path: Path):
    blueprints = {m for m in imported_modules(path) if blueprint_of(m)}
    web = {m for m in imported_modules(path) if m.startswith("matchmaker.web")}
    assert not blueprints and not (web if "services" in path.parts else set())


def test_services_form_no_import_circle():
    graph = nx.DiGraph()
    for path in source_files("services"):
        for target in imported_modules(path):
            if target.startswith("matchmaker.services.") and is_module(target):
                graph.add_edge(module_name(path), target)
    cycles = [c for c in nx.simple_cycles(graph) if len(c) > 1]
    assert not cycles
