"""The engine, the file formats and the generator import no web or database code."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

import matchmaker.matching

PACKAGE = Path(matchmaker.matching.__file__).resolve().parent.parent
PURE = ["matchmaker.matching", "matchmaker.exchange", "matchmaker.synthetic",
        "matchmaker.vocabulary"]
PURE_FILES = sorted(
    [*(PACKAGE / "matching").glob("*.py"), *(PACKAGE / "exchange").glob("*.py"),
     PACKAGE / "synthetic.py", PACKAGE / "vocabulary.py"]
)
# Every module of them: the engine package loads its names on first use (matchmaker.lazy).
PURE_MODULES = [*PURE, "matchmaker.lazy", *(f"matchmaker.{p.parent.name}.{p.stem}" for p in PURE_FILES
                                            if p.parent.name in ("matching", "exchange")
                                            and p.stem != "__init__")]
FORBIDDEN = ("flask", "sqlalchemy", "flask_sqlalchemy", "werkzeug", "matchmaker.models")


def test_pure_modules_import_no_web_or_database_code():
    code = f"import json, sys\nfor name in {PURE_MODULES!r}: __import__(name)\n" \
           "print(json.dumps(sorted(sys.modules)))"
    output = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True, cwd=PACKAGE.parent).stdout
    modules = set(json.loads(output))
    assert set(PURE_MODULES) <= modules
    assert not {m for m in modules if m.split(".")[0] in ("flask", "sqlalchemy", "werkzeug")}


@pytest.mark.parametrize("path", PURE_FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_pure_file_has_no_forbidden_import(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.append(node.module)
    assert not [n for n in names for f in FORBIDDEN if n == f or n.startswith(f + ".")]
