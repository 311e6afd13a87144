"""Finding people by what was typed, the same on SQLite and PostgreSQL.

Names are searched in a folded key stored with each record (``text.search_key``), never
with SQL's ``lower()`` (ASCII-only on SQLite): "Öztürk", "ÖZTÜRK", "oeztuerk" and
"ozturk" all find Öztürk, "muller" finds Müller, "NÜSSLEIN" finds Nüßlein. The
attendee list uses it; so can any other search by name (the check-in desk).
"""

from sqlalchemy import ColumnElement, or_, true
from sqlalchemy.orm import InstrumentedAttribute

from ..text import search_terms


def key_matches(key: InstrumentedAttribute[str] | ColumnElement[str], query: str) -> ColumnElement[bool]:
    """Rows whose search key contains the query in any of its spellings; a query of
    nothing but blanks matches every row."""
    terms = search_terms(query)
    if not terms:
        return true()
    return or_(*(key.like(f"%{escape_like(term)}%", escape="\\") for term in terms))


def escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
