"""URL converters of the app.

``int`` is replaced by one that matches only what the database can hold: ids and numbers
are 32-bit integers on PostgreSQL (64-bit on SQLite), so a URL with a larger number
(``/requests/9223372036854775808/withdraw``) would reach the database and fail there
(``NumericValueOutOfRange``, ``OverflowError``). Such a URL names nothing: it does not
match, and the visitor gets 404 like for any other unknown id.
"""

from typing import Any

from werkzeug.routing import IntegerConverter, Map

MAX_DATABASE_INTEGER = 2**31 - 1  # PostgreSQL INTEGER, the narrower of the two databases


class DatabaseIntegerConverter(IntegerConverter):
    """``<int:...>``: a non-negative integer no larger than a database integer."""

    def __init__(self, url_map: Map, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("max", MAX_DATABASE_INTEGER)
        super().__init__(url_map, *args, **kwargs)
