"""The documents package imports no web or database code, so every caller can share it."""

import json
import subprocess
import sys
from pathlib import Path

import matchmaker.documents


def test_documents_import_no_web_or_database_code():
    folder = Path(matchmaker.documents.__file__).resolve().parent
    # Every module: the package itself loads its names on first use (matchmaker.lazy).
    names = ["matchmaker.documents", *(f"matchmaker.documents.{p.stem}" for p in folder.glob("*.py")
                                       if p.stem != "__init__")]
    code = f"import json, sys\nfor name in {names!r}: __import__(name)\n" \
           "print(json.dumps(sorted(sys.modules)))"
    root = folder.parent.parent
    output = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True, cwd=root).stdout
    top = {name.split(".")[0] for name in json.loads(output)}
    assert not top & {"flask", "flask_babel", "sqlalchemy", "werkzeug"}
    assert "matchmaker.models" not in json.loads(output)
