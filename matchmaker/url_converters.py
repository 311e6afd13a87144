"""URL converters of the app, and whole numbers read from a query string.

``int`` is replaced by one that matches only what the database can hold: ids and numbers
are 32-bit integers on PostgreSQL (64-bit on SQLite), so a URL with a larger number
(``/requests/9223372036854775808/withdraw``) would reach the database and fail there
(``NumericValueOutOfRange``, ``OverflowError``). Such a URL names nothing: it does not
match, and the visitor gets 404 like for any other unknown id. Likewise the text
converter (``<slug>``, ``<token>``) does not match a NUL character, which PostgreSQL
cannot compare. Numbers in a query string go through `database_int`.
"""

from typing import Any

from werkzeug.routing import IntegerConverter, Map, UnicodeConverter, ValidationError

MAX_DATABASE_INTEGER = 2**31 - 1  # PostgreSQL INTEGER, the narrower of the two databases


class DatabaseIntegerConverter(IntegerConverter):
    """``<int:...>``: a non-negative integer no larger than a database integer."""

    def __init__(self, url_map: Map, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("max", MAX_DATABASE_INTEGER)
        super().__init__(url_map, *args, **kwargs)


class DatabaseTextConverter(UnicodeConverter):
    """``<name>`` and ``<string:name>``: any text but a NUL character."""

    def to_python(self, value: str) -> str:
        if "\x00" in value:
            raise ValidationError()
        return value


def database_int(value: str) -> int:
    """A whole number written with ASCII digits that a database integer holds; else
    ``ValueError`` (so ``request.args.get(name, default, type=database_int)`` falls back)."""
    if not (value.isascii() and value.isdigit() and int(value) <= MAX_DATABASE_INTEGER):
        raise ValueError(f"not a database integer: {value[:20]!r}")
    return int(value)


def database_ints(text: str) -> list[int]:
    """The comma-separated numbers of a query value (``numbers=3,7``) that `database_int`
    accepts; anything else in the list is skipped."""
    numbers = []
    for part in text.split(","):
        try:
            numbers.append(database_int(part.strip()))
        except ValueError:
            continue
    return numbers
