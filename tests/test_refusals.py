"""One refusal catalogue: every code a service can refuse with has a German and an English
text, no text shows the bare code, and the console speaks from the same catalogue."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from flask_babel import force_locale

import matchmaker
from matchmaker.matching.behaviour import KEPT_APART
from matchmaker.refusals import REFUSALS, UNKNOWN, console_refusal, refusal, refusal_text
from matchmaker.services import DomainError

PACKAGE = Path(matchmaker.__file__).resolve().parent
# Codes the engine hands on, which services raise as ``DomainError(conflict.code)`` and
# ``DomainError(error.code)``: the edit conflicts (``Conflict("...")`` and the exclusions
# of ``matching.scoring.exclusion`` except the personal ones) and the synonym errors.
ENGINE_SOURCES = {"Conflict": "matching/edits.py", "SynonymError": "matching/synonyms.py"}
PERSONAL_EXCLUSIONS = {"no_consent", "does_not_want_meetings"}
SAMPLE = {"attendee": "Anna Weber", "attendees": ["Anna Weber", "Bernd Koch"], "slot": 3,
          "table": "7", "maximum": 4, "organisation": "Wasser AG", "why": "waitlisted",
          "minutes": 5, "line": 2, "low": 0, "high": 100, "slug": "go-2027", "detail": "x",
          "email": "anna@example.org", "policy": "odd", "errors": [],
          "title": "Offene Innovation", "other": "Fachkräfte gewinnen", "people": 25, "seats": 24,
          "ratio": "2.1", "suggestion": "#8f7200"}


def called_codes(path: Path, *names: str) -> set[str]:
    """The string codes in calls ``Name("code", ...)`` of one of ``names`` in a file."""
    source = path.read_text(encoding="utf-8")
    if not any(name in source for name in names):  # most files: parsing each cost every worker 1 s
        return set()
    codes = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant):
            called = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", None)
            if called in names and isinstance(node.args[0].value, str):
                codes.add(node.args[0].value)
    return codes


def exclusion_codes() -> set[str]:
    tree = ast.parse((PACKAGE / "matching" / "scoring.py").read_text(encoding="utf-8"))
    function = next(n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef) and n.name == "exclusion")
    return {n.value.value for n in ast.walk(function) if isinstance(n, ast.Return)
            and isinstance(n.value, ast.Constant) and isinstance(n.value.value, str)}


def raised_codes() -> set[str]:
    codes = set()
    for path in PACKAGE.rglob("*.py"):
        codes |= called_codes(path, "DomainError")
    for name, source in ENGINE_SOURCES.items():
        codes |= called_codes(PACKAGE / source, name)
    kept_apart = {code for code, _field in KEPT_APART}  # scoring.exclusion hands them on
    return codes | (exclusion_codes() - PERSONAL_EXCLUSIONS) | kept_apart


RAISED_CODES = sorted(raised_codes())


def test_raised_codes_are_found_in_services_jobs_and_engine():
    assert {"no_schedule", "too_many_attempts", "job_already_running", "double_booking",
            "synonym_in_two_groups", "blocked", "not_interested", "rated_not_valuable"} <= set(RAISED_CODES)


@pytest.mark.parametrize("code", RAISED_CODES)
def test_refusal_code_has_a_catalogue_entry(code):
    assert code in REFUSALS


@pytest.mark.parametrize("code", RAISED_CODES)
def test_refusal_has_a_german_and_an_english_text(app, code):
    with app.test_request_context():
        with force_locale("en"):
            english, unknown_en = refusal(DomainError(code, **SAMPLE)), str(UNKNOWN)
        with force_locale("de"):
            german, unknown_de = refusal(DomainError(code, **SAMPLE)), str(UNKNOWN)
    unknown = {unknown_en, unknown_de}
    assert english and german and english != german
    assert not {english, german} & unknown
    assert "_" not in code or (code not in english and code not in german)  # no machine code shown


def test_unknown_code_is_never_shown(app):
    with app.test_request_context(), force_locale("de"):
        assert refusal(DomainError("no_such_code")) == "Das ist nicht möglich."


def test_missing_params_give_the_general_text_not_a_crash(app):
    with app.test_request_context(), force_locale("en"):
        assert refusal_text("double_booking") == "This is not possible."


def test_console_says_the_catalogue_text_in_english(app):
    with app.test_request_context(), force_locale("de"):
        text = console_refusal(DomainError("no_schedule"))
    assert text == "there is no schedule yet (run 'matchmaker match' first)"


def test_console_commands_keep_no_text_table_of_their_own():
    """They call ``console_refusal``: no dict of codes to texts in ``commands/``."""
    for path in (PACKAGE / "commands").glob("*.py"):
        source = path.read_text(encoding="utf-8")
        tables = [node for node in ast.walk(ast.parse(source)) if isinstance(node, ast.Dict)
                  and node.keys and all(isinstance(k, ast.Constant) and k.value in REFUSALS
                                        for k in node.keys)]
        assert not tables, path.name
