"""Every user-visible string is in the catalogs, translated into German, and compiled."""

from pathlib import Path

from babel.messages.frontend import CommandLineInterface
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from matchmaker import PACKAGE_DIR, PROJECT_DIR

CATALOGS = PACKAGE_DIR / "translations"


def catalog(language: str):
    with (CATALOGS / language / "LC_MESSAGES" / "messages.po").open("rb") as file:
        return read_po(file, locale=language)


def extracted_ids(tmp_path: Path) -> set:
    template = tmp_path / "messages.pot"
    CommandLineInterface().run([
        "pybabel", "-q", "extract", "-F", str(PROJECT_DIR / "babel.cfg"), "-k", "_l",
        "-k", "lazy_ngettext:1,2", "-o", str(template),
        str(PROJECT_DIR / "matchmaker"), str(PROJECT_DIR / "templates"),
    ])
    with template.open("rb") as file:
        return {message.id for message in read_po(file) if message.id}


def test_every_extracted_message_has_a_german_translation(tmp_path):
    german = catalog("de")
    missing = [
        message_id for message_id in extracted_ids(tmp_path)
        if not (german.get(message_id) and all(_strings(german.get(message_id).string)))
    ]
    assert missing == []


def test_english_catalog_knows_every_message(tmp_path):
    english = catalog("en")
    assert [m for m in extracted_ids(tmp_path) if english.get(m) is None] == []


def test_compiled_german_catalog_matches_its_source():
    with (CATALOGS / "de" / "LC_MESSAGES" / "messages.mo").open("rb") as file:
        compiled = {_key(m.id): _key(m.string) for m in read_mo(file) if m.id}
    source = {_key(m.id): _key(m.string) for m in catalog("de") if m.id}
    assert compiled == source, "run: pybabel compile -d matchmaker/translations"


def _strings(value) -> tuple:
    return value if isinstance(value, tuple) else (value,)


def _key(value) -> str | tuple:
    return tuple(value) if isinstance(value, list | tuple) else value
