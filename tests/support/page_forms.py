"""The POST forms of a page, as a browser would submit them untouched (for the fuzz test)."""

from html.parser import HTMLParser
from urllib.parse import urlsplit


class PostForms(HTMLParser):
    """Every ``<form method="post">``: its action path and the fields with a value each
    (the first option of a select, the value of a checkbox or radio button)."""

    def __init__(self, page_path: str) -> None:
        super().__init__()
        self.page_path = page_path
        self.forms: dict[str, dict[str, list[str]]] = {}
        self.fields: dict[str, list[str]] | None = None
        self.select: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        name = attributes.get("name")
        if tag == "form":
            post = (attributes.get("method") or "get").lower() == "post"
            action = urlsplit(attributes.get("action") or self.page_path).path or self.page_path
            self.fields = self.forms.setdefault(action, {}) if post else None
        elif self.fields is None or not name and tag != "option":
            return
        elif tag == "select":
            self.select = name
        elif tag == "option" and self.select and self.select not in self.fields:
            self.fields[self.select] = [attributes.get("value") or ""]
        elif tag in ("input", "textarea") and name and name != "csrf_token":
            kind = attributes.get("type", "text")
            if kind not in ("submit", "file") and name not in self.fields:
                self.fields[name] = [attributes.get("value") or "x"]

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self.fields = None
        elif tag == "select":
            self.select = None


def post_forms(page: str, page_path: str) -> dict[str, dict[str, list[str]]]:
    parser = PostForms(page_path)
    parser.feed(page)
    return parser.forms
