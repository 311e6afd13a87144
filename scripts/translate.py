"""Fill German translations into the catalog, then compile it.

Sources: Python files defining ``T`` (msgid -> translation; a (singular, plural) tuple
for plural forms), or other ``messages.po`` files (e.g. a branch's, after a merge).
Usage: python scripts/translate.py SOURCE [SOURCE ...]
"""

import runpy
import sys
from pathlib import Path

from babel.messages.frontend import CommandLineInterface
from babel.messages.pofile import read_po, write_po

CATALOG = Path(__file__).resolve().parent.parent / "matchmaker/translations/de/LC_MESSAGES/messages.po"


def translations_in(name: str) -> dict:
    if not name.endswith(".po"):
        return runpy.run_path(name)["T"]
    with open(name, "rb") as handle:
        return {m.id: m.string for m in read_po(handle, locale="de")
                if m.id and m.string and not m.fuzzy and all(m.string if isinstance(m.string, tuple) else (m.string,))}


def main(files: list[str]) -> None:
    translations: dict = {}
    for name in files:
        translations.update(translations_in(name))
    with CATALOG.open("rb") as handle:
        catalog = read_po(handle, locale="de")
    filled = 0
    for message in catalog:
        if message.id and message.id in translations:
            message.string = translations[message.id]
            message.flags.discard("fuzzy")
            filled += 1
    with CATALOG.open("wb") as handle:
        write_po(handle, catalog)
    CommandLineInterface().run(["pybabel", "compile", "-d", str(CATALOG.parents[2])])
    print(f"{filled} messages translated")


if __name__ == "__main__":
    main(sys.argv[1:])
