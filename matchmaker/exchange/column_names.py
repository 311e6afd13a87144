"""Header names of the attendee files: the English column names, and German ones.

Organisers keep their lists in German spreadsheets, so a header may say `Vorname` instead
of `first_name`. A header cell is compared case-insensitively, with spaces, hyphens and
dots counted as `_` (`E-Mail`, `e_mail` and `EMAIL` are all `email`).
"""

from __future__ import annotations

import re

GERMAN_NAMES: dict[str, tuple[str, ...]] = {
    "email": ("e_mail", "e_mail_adresse", "mail"),
    "first_name": ("vorname",),
    "last_name": ("nachname",),
    "organisation": ("organization", "firma", "unternehmen", "einrichtung"),
    "org_type": ("organisationstyp", "organisationsart"),
    "industry": ("branche",),
    "themes": ("themen",),
    "keywords": ("schlagworte", "schlagwörter", "stichworte"),
    "offers": ("angebote", "biete"),
    "seeks": ("gesuche", "suche"),
    "unavailable_slots": ("nicht_verfügbar", "nicht_verfügbare_slots"),
    "max_meetings": ("max_termine", "höchstens_termine"),
    "wants_meetings": ("termine_gewünscht", "möchte_termine"),
    "language": ("sprache",),
    "must_meet": ("wunschpartner",),
    "matching_consent": ("einwilligung_matchmaking",),
    "position": ("funktion",),
    "cluster": (),
    "sessions": ("sitzungen", "programmpunkte"),
    "number": ("nummer",),
    "status": (),
    "email_confirmed": ("e_mail_bestätigt",),
    "signed_up_at": ("angemeldet_am",),
}
SEPARATORS = re.compile(r"[\s.\-]+")
_CANONICAL = {alias: name for name, aliases in GERMAN_NAMES.items() for alias in aliases}


def canonical_name(header_cell: str) -> str:
    """The English column name a header cell stands for (unknown names come back cleaned)."""
    cleaned = SEPARATORS.sub("_", header_cell.strip().casefold()).strip("_")
    return _CANONICAL.get(cleaned, cleaned)
