"""Read a rendered page as a person reads it, and a form as a browser would submit it (for
"nothing typed is lost")."""

import html
import re
from html.parser import HTMLParser


class FormState(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.values: dict[str, list[str]] = {}
        self.select: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        name = attributes.get("name")
        if tag == "select":
            self.select = name
        elif tag == "option" and self.select and "selected" in attributes:
            self.add(self.select, attributes.get("value") or "")
        elif tag == "input" and name:
            kind = attributes.get("type", "text")
            if kind not in ("checkbox", "radio") or "checked" in attributes:
                self.add(name, attributes.get("value") or "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self.select = None

    def add(self, name: str, value: str) -> None:
        self.values.setdefault(name, []).append(value)


def form_values(page: str) -> dict[str, list[str]]:
    """Every field name with the values the page would submit."""
    parser = FormState()
    parser.feed(page)
    return parser.values


def words(page: str) -> str:
    """What a person reads in ``page`` (HTML): its text, tags and runs of spaces as one space."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html.unescape(page)))
